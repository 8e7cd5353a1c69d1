/**
 * When a call should fall back to audio only by itself (docs/interpretation-and-access.md#poor-connections):
 * the local connection quality has stayed poor (or lost) for `poorForMs` without a good reading
 * in between. After the person turns video back on, the fallback waits `quietAfterBackMs` before
 * it may act again, so a one-click way back is not undone at once. Plain TypeScript, no timers:
 * the call feeds it readings and the time, and asks it again on a tick.
 */
export type Reading = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown';

export interface FallbackOptions {
	poorForMs: number;
	quietAfterBackMs: number;
}

export const DEFAULT_FALLBACK: FallbackOptions = { poorForMs: 8_000, quietAfterBackMs: 120_000 };

export class AudioOnlyFallback {
	#poorSince: number | undefined;
	#quietUntil = 0;

	constructor(private readonly options: FallbackOptions = DEFAULT_FALLBACK) {}

	/** Records a quality reading at `now` (ms). */
	observe(reading: Reading, now: number): void {
		if (reading === 'poor' || reading === 'lost') this.#poorSince ??= now;
		else if (reading !== 'unknown') this.#poorSince = undefined;
	}

	/** True when the call should switch to audio only now (it has not already). */
	due(now: number): boolean {
		return this.#poorSince !== undefined && now >= this.#quietUntil && now - this.#poorSince >= this.options.poorForMs;
	}

	/** The fallback acted: start counting afresh. */
	acted(): void {
		this.#poorSince = undefined;
	}

	/** The person turned video back on: leave them be for a while. */
	backToVideo(now: number): void {
		this.#poorSince = undefined;
		this.#quietUntil = now + this.options.quietAfterBackMs;
	}
}

/**
 * Below this upload bandwidth (the browser's own estimate) a call sending video is on a poor
 * connection: the camera is down to its smallest layer and sound is next. LiveKit's connection
 * quality can still read "good" on such a link (tested at 300 kbps with 5 % loss over TCP).
 */
export const POOR_UPLINK_BPS = 350_000;

/**
 * The browser's own reading of its upload, from a sending track's WebRTC stats: the selected
 * candidate pair's `availableOutgoingBitrate`. 'unknown' when there is none.
 */
export function uplinkReading(stats: Iterable<Record<string, unknown>>): Reading {
	for (const s of stats) {
		if (s.type !== 'candidate-pair' || !s.nominated || s.state !== 'succeeded') continue;
		if (typeof s.availableOutgoingBitrate !== 'number') continue;
		return s.availableOutgoingBitrate < POOR_UPLINK_BPS ? 'poor' : 'good';
	}
	return 'unknown';
}

const RANK: Record<Reading, number> = { unknown: -1, excellent: 0, good: 1, poor: 2, lost: 3 };

/** The worse of two readings ('unknown' gives way to the other). */
export function worse(a: Reading, b: Reading): Reading {
	return RANK[a] >= RANK[b] ? a : b;
}
