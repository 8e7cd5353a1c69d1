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
