import { describe, expect, it } from 'vitest';
import { CaptionLog } from './captions';

const seg = (id: string, text: string, final: boolean, speaker = 'a') => ({
	id,
	text,
	final,
	speakerIdentity: speaker,
	speakerName: speaker.toUpperCase(),
});

describe('caption log', () => {
	it('keeps segments in the order they began, updating a segment in place', () => {
		const log = new CaptionLog();
		log.apply(seg('s1', 'Bore', false));
		log.apply(seg('s2', 'Good', false, 'b'));
		const lines = log.apply(seg('s1', 'Bore da', true));
		expect(lines.map((l) => [l.id, l.text, l.final, l.speakerName])).toEqual([
			['s1', 'Bore da', true, 'A'],
			['s2', 'Good', false, 'B'],
		]);
	});

	it('a late interim version does not undo a final line; empty text adds nothing', () => {
		const log = new CaptionLog();
		log.apply(seg('s1', 'Diolch yn fawr', true));
		log.apply(seg('s1', 'Diolch', false));
		log.apply(seg('s2', '   ', false));
		expect(log.lines.map((l) => l.text)).toEqual(['Diolch yn fawr']);
	});

	it('keeps only the newest lines', () => {
		const log = new CaptionLog(2);
		for (const id of ['1', '2', '3']) log.apply(seg(id, `line ${id}`, true));
		expect(log.lines.map((l) => l.id)).toEqual(['2', '3']);
	});
});
