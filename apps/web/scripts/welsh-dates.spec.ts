import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The web app's Welsh sentences that insert a date write the word "dydd" themselves, in the form the
 * words before it call for (docs/welsh-grammar.md); only the weekday's name ("Llun"), which never
 * mutates after "dydd", and the rest of the date are filled in (src/lib/time.ts, dateParts).
 */
const cy: Record<string, string> = JSON.parse(
	readFileSync(join(import.meta.dirname, '..', 'messages', 'cy.json'), 'utf8'),
);

/** Words after which "dydd" takes the soft mutation: prepositions, and a past-tense verb (the date as an adverb). */
const SOFT_BEFORE = /\b(o|i|am|ar|tan|Anfonwyd|Cynigiwyd|ddiwethaf|chynnal)$/;

describe('Welsh dates inside sentences (messages/cy.json)', () => {
	const withWeekday = Object.entries(cy).filter(([, text]) => text.includes('{weekday}'));

	it('write "dydd" before the weekday’s name, lower-case, soft ("ddydd") where the sentence needs it', () => {
		expect(withWeekday.length).toBeGreaterThanOrEqual(10);
		for (const [key, text] of withWeekday) {
			const [, before, dydd] = /(\S+)?\s*(\S+) \{weekday\} \{date\}/.exec(text) ?? [];
			expect(dydd, key).toBe(before && SOFT_BEFORE.test(before) ? 'ddydd' : 'dydd');
		}
		expect(cy.reschedule_done).toContain("wedi'i symud i ddydd {weekday} {date}");
		expect(cy.invite_made_body).toContain('tan ddydd {weekday} {date}');
		expect(cy.home_action_due).toBe('Erbyn dydd {weekday} {date}');
	});

	it('insert no whole date after a word that mutates it', () => {
		for (const [key, text] of Object.entries(cy)) {
			expect(text, key).not.toMatch(/\b(o|i|am|ar|tan|yn|gyda|â|a) \{(date|when)\}/);
		}
	});

	it('have the weekday names that follow "dydd"', () => {
		expect([0, 1, 2, 3, 4, 5, 6].map((day) => cy[`weekday_name_${day}`])).toEqual([
			'Sul',
			'Llun',
			'Mawrth',
			'Mercher',
			'Iau',
			'Gwener',
			'Sadwrn',
		]);
	});
});
