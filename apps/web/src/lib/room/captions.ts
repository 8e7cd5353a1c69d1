/**
 * Live captions in the room (docs/interpretation-and-access.md#captions): the segments a
 * speech-to-text agent publishes, kept in the order they began, one line per segment.
 *
 * An agent sends a segment several times while it listens (interim text, then the final text),
 * always with the same segment id: a later version replaces the earlier one in place, so the line
 * keeps its position. Plain TypeScript (no livekit-client), so the rule has a unit test.
 */
export interface CaptionUpdate {
	/** The segment id (`lk.segment_id`, or the legacy segment's id). */
	id: string;
	/** Who spoke (the transcribed track's participant), as identity and display name. */
	speakerIdentity: string;
	speakerName: string;
	text: string;
	final: boolean;
	/** BCP 47 language of the text when the agent says it (legacy segments), else undefined. */
	language?: string;
}

export interface CaptionLine extends CaptionUpdate {
	/** Position in the log: the order the segments began. */
	seq: number;
}

/** How many lines the log keeps (older ones scroll away). */
export const MAX_CAPTION_LINES = 50;

export class CaptionLog {
	#lines: CaptionLine[] = [];
	#seq = 0;

	constructor(private readonly max = MAX_CAPTION_LINES) {}

	/** Adds a segment or updates its line; returns the lines in order. Empty text is ignored. */
	apply(update: CaptionUpdate): CaptionLine[] {
		const text = update.text.trim();
		const at = this.#lines.findIndex((l) => l.id === update.id);
		if (at >= 0) {
			const current = this.#lines[at]!;
			// A final line stays final: a late interim version of it does not undo it.
			if (current.final && !update.final) return this.lines;
			if (!text) return this.lines;
			this.#lines = this.#lines.map((l, i) => (i === at ? { ...current, ...update, text, seq: current.seq } : l));
		} else {
			if (!text) return this.lines;
			this.#lines = [...this.#lines, { ...update, text, seq: this.#seq++ }].slice(-this.max);
		}
		return this.lines;
	}

	get lines(): CaptionLine[] {
		return this.#lines;
	}
}
