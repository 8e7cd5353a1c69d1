/**
 * Pinned videos in the room (docs/interpretation-and-access.md): a person may pin several tiles
 * and size each one. A BSL interpreter's video (server-set attributes) is pinned by itself for the
 * people who asked for BSL for the meeting, unless they unpin it. Plain rules, unit-tested.
 */
export const PIN_SIZES = ['medium', 'large', 'full'] as const;
export type PinSize = (typeof PIN_SIZES)[number];

export interface PinnableTile {
	key: string;
	isLocal: boolean;
	isScreen: boolean;
	bsl: boolean;
}

export interface PinChoices {
	/** Pinned by the person. */
	pinned: ReadonlySet<string>;
	/** Unpinned by the person (overrides the automatic BSL pin). */
	unpinned: ReadonlySet<string>;
	/** The person asked for a BSL interpreter for this meeting. */
	wantsBsl: boolean;
}

export function isPinned(tile: PinnableTile, choices: PinChoices): boolean {
	if (choices.unpinned.has(tile.key)) return false;
	if (choices.pinned.has(tile.key)) return true;
	return choices.wantsBsl && tile.bsl && !tile.isLocal && !tile.isScreen;
}

/** Pinned tiles first (in their own order), then the rest as they were. */
export function pinnedFirst<T extends PinnableTile>(tiles: readonly T[], choices: PinChoices): T[] {
	return [...tiles.filter((t) => isPinned(t, choices)), ...tiles.filter((t) => !isPinned(t, choices))];
}

/** The choices after the person pins or unpins a tile. */
export function toggled(tile: PinnableTile, choices: PinChoices): Pick<PinChoices, 'pinned' | 'unpinned'> {
	const pinned = new Set(choices.pinned);
	const unpinned = new Set(choices.unpinned);
	if (isPinned(tile, choices)) {
		pinned.delete(tile.key);
		unpinned.add(tile.key);
	} else {
		unpinned.delete(tile.key);
		pinned.add(tile.key);
	}
	return { pinned, unpinned };
}
