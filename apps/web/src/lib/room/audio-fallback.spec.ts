import { describe, expect, it } from 'vitest';
import { AudioOnlyFallback, POOR_UPLINK_BPS, uplinkReading, worse } from './audio-fallback';

describe('automatic audio-only fallback', () => {
	const options = { poorForMs: 8_000, quietAfterBackMs: 60_000 };

	it('acts once the quality has stayed poor for the whole period', () => {
		const f = new AudioOnlyFallback(options);
		f.observe('poor', 0);
		f.observe('lost', 5_000);
		expect(f.due(7_999)).toBe(false);
		expect(f.due(8_000)).toBe(true);
	});

	it('starts counting afresh after a good reading, and ignores unknown', () => {
		const f = new AudioOnlyFallback(options);
		f.observe('poor', 0);
		f.observe('good', 4_000);
		f.observe('poor', 5_000);
		f.observe('unknown', 9_000);
		expect(f.due(12_000)).toBe(false);
		expect(f.due(13_000)).toBe(true);
	});

	it('leaves the person be for a while after they turn video back on', () => {
		const f = new AudioOnlyFallback(options);
		f.observe('poor', 0);
		expect(f.due(8_000)).toBe(true);
		f.acted();
		f.backToVideo(10_000);
		f.observe('poor', 10_000);
		expect(f.due(30_000)).toBe(false);
		expect(f.due(70_000)).toBe(true);
	});

	it('never acts on a good connection', () => {
		const f = new AudioOnlyFallback(options);
		f.observe('excellent', 0);
		f.observe('good', 1_000);
		expect(f.due(100_000)).toBe(false);
	});
});

describe('the browser’s own reading of its upload', () => {
	const pair = (availableOutgoingBitrate: number | undefined, nominated = true) => ({
		type: 'candidate-pair',
		state: 'succeeded',
		nominated,
		availableOutgoingBitrate,
	});

	it('is poor below the threshold on the selected pair, good above, unknown without an estimate', () => {
		expect(uplinkReading([pair(POOR_UPLINK_BPS - 1)])).toBe('poor');
		expect(uplinkReading([pair(POOR_UPLINK_BPS)])).toBe('good');
		expect(uplinkReading([pair(100_000, false)])).toBe('unknown');
		expect(uplinkReading([pair(undefined), { type: 'outbound-rtp' }])).toBe('unknown');
	});

	it('the worse of two readings counts; unknown gives way', () => {
		expect(worse('excellent', 'poor')).toBe('poor');
		expect(worse('lost', 'good')).toBe('lost');
		expect(worse('unknown', 'good')).toBe('good');
		expect(worse('excellent', 'unknown')).toBe('excellent');
	});
});
