import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import { isPinned, pinnedFirst, toggled, type PinnableTile, type PinSize } from './pins';

/** The room's pin state for one person (see pins.ts): which tiles, and how large each is. */
export class TilePins {
	#pinned = new SvelteSet<string>();
	#unpinned = new SvelteSet<string>();
	#sizes = new SvelteMap<string, PinSize>();

	constructor(private readonly wantsBsl: () => boolean) {}

	get #choices() {
		return { pinned: this.#pinned, unpinned: this.#unpinned, wantsBsl: this.wantsBsl() };
	}

	isPinned(tile: PinnableTile): boolean {
		return isPinned(tile, this.#choices);
	}

	order<T extends PinnableTile>(tiles: readonly T[]): T[] {
		return pinnedFirst(tiles, this.#choices);
	}

	toggle(tile: PinnableTile): void {
		const next = toggled(tile, this.#choices);
		this.#pinned.clear();
		for (const key of next.pinned) this.#pinned.add(key);
		this.#unpinned.clear();
		for (const key of next.unpinned) this.#unpinned.add(key);
	}

	size(key: string): PinSize {
		return this.#sizes.get(key) ?? 'large';
	}

	resize(key: string, size: PinSize): void {
		this.#sizes.set(key, size);
	}
}
