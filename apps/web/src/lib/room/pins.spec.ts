import { describe, expect, it } from 'vitest';
import { isPinned, pinnedFirst, toggled, type PinChoices } from './pins';

const tile = (key: string, extra: Partial<{ isLocal: boolean; isScreen: boolean; bsl: boolean }> = {}) => ({
	key,
	isLocal: false,
	isScreen: false,
	bsl: false,
	...extra,
});
const none: PinChoices = { pinned: new Set(), unpinned: new Set(), wantsBsl: false };

describe('pinned videos', () => {
	it('pins a BSL interpreter by itself only for someone who asked for BSL', () => {
		const bsl = tile('gwen:camera', { bsl: true });
		expect(isPinned(bsl, { ...none, wantsBsl: true })).toBe(true);
		expect(isPinned(bsl, none)).toBe(false);
		expect(isPinned(tile('gwen:screen', { bsl: true, isScreen: true }), { ...none, wantsBsl: true })).toBe(false);
		expect(isPinned(tile('me:camera', { bsl: true, isLocal: true }), { ...none, wantsBsl: true })).toBe(false);
	});

	it('lets a person pin several tiles, and unpin the automatic one', () => {
		const tiles = [tile('a:camera'), tile('b:camera'), tile('bsl:camera', { bsl: true }), tile('c:camera')];
		let choices: PinChoices = { ...none, wantsBsl: true };
		expect(pinnedFirst(tiles, choices).map((t) => t.key)).toEqual(['bsl:camera', 'a:camera', 'b:camera', 'c:camera']);
		choices = { ...choices, ...toggled(tiles[3]!, choices) };
		choices = { ...choices, ...toggled(tiles[1]!, choices) };
		expect(pinnedFirst(tiles, choices).map((t) => t.key)).toEqual(['b:camera', 'bsl:camera', 'c:camera', 'a:camera']);
		choices = { ...choices, ...toggled(tiles[2]!, choices) };
		expect(isPinned(tiles[2]!, choices)).toBe(false);
		expect(pinnedFirst(tiles, choices).map((t) => t.key)).toEqual(['b:camera', 'c:camera', 'a:camera', 'bsl:camera']);
		choices = { ...choices, ...toggled(tiles[2]!, choices) };
		expect(isPinned(tiles[2]!, choices)).toBe(true);
	});
});
