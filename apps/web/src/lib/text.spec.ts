import { describe, expect, it } from 'vitest';
import { snippet } from './text';

describe('snippet', () => {
	it('keeps a short text whole, with its whitespace collapsed', () => {
		expect(snippet('  Dawns\n\ni bobl  â Parkinson ')).toBe('Dawns i bobl â Parkinson');
	});

	it('cuts a long text at a word boundary within the limit and marks the cut', () => {
		const text = 'Canu er iechyd yr ysgyfaint, '.repeat(10);
		const got = snippet(text, 60);
		expect(got.length).toBeLessThanOrEqual(60);
		expect(got.endsWith('…')).toBe(true);
		expect(text.startsWith(got.slice(0, -1))).toBe(true);
		expect(got).not.toMatch(/[\s,]…$/);
	});

	it('cuts inside a word only when there is no boundary in the second half', () => {
		expect(snippet('a'.repeat(200), 10)).toBe(`${'a'.repeat(9)}…`);
	});
});
