import { describe, expect, it } from 'vitest';
import {
  fillSentence,
  MUTATIONS,
  WEEKDAY_FORMS,
  welshList,
  type Mutation,
  type WelshForms,
} from '../../core/i18n/welsh';
import { TAXONOMY, type ConditionCode, type RegionCode } from './taxonomy-data';
import { TERM_FORMS_CY } from './term-forms';

/**
 * The mutation table, used here only to check the hand-written catalogue: an initial letter (or
 * ll, rh) and what each mutation makes of it. Letters not listed do not mutate; neither do ch, dd,
 * ff, ng, ph, th, nor an acronym.
 */
const TABLE: Record<string, Partial<Record<Mutation, string>>> = {
  c: { soft: 'g', nasal: 'ngh', aspirate: 'ch' },
  p: { soft: 'b', nasal: 'mh', aspirate: 'ph' },
  t: { soft: 'd', nasal: 'nh', aspirate: 'th' },
  g: { soft: '', nasal: 'ng' },
  b: { soft: 'f', nasal: 'm' },
  d: { soft: 'dd', nasal: 'n' },
  m: { soft: 'f' },
  ll: { soft: 'l' },
  rh: { soft: 'r' },
};

function byTheTable(radical: string, mutation: Mutation): string {
  if (/^[A-Z]{2,}\b/.test(radical) || /^(ch|dd|ff|ng|ph|th)/i.test(radical)) return radical;
  const initial = /^(ll|rh)/i.exec(radical)?.[0] ?? radical[0];
  const to = TABLE[initial.toLowerCase()]?.[mutation];
  if (mutation === 'radical' || to === undefined) return radical;
  const rest = radical.slice(initial.length);
  if (initial === initial.toLowerCase()) return to + rest;
  return to ? to[0].toUpperCase() + to.slice(1) + rest : rest[0].toUpperCase() + rest.slice(1);
}

const forms = (code: ConditionCode | RegionCode | string): WelshForms =>
  (TERM_FORMS_CY as Record<string, WelshForms>)[code];

describe('the Welsh term catalogue (term-forms.ts)', () => {
  it('has the four forms of every taxonomy term, its radical being the term’s Welsh name', () => {
    for (const [vocabulary, terms] of Object.entries(TAXONOMY)) {
      for (const term of terms) {
        const entry = forms(term.code);
        expect(entry, `${vocabulary} ${term.code} has no Welsh forms in term-forms.ts`).toBeDefined();
        for (const mutation of MUTATIONS) expect(entry[mutation], `${term.code} ${mutation}`).toBeTruthy();
        expect(entry.radical.toLowerCase(), term.code).toBe(term.nameCy.toLowerCase());
      }
    }
    // Reasons name terms by code alone: a code means one term across the vocabularies.
    const codes = Object.values(TAXONOMY).flatMap((terms) => terms.map((t) => t.code));
    expect(new Set(codes).size).toBe(codes.length);
    expect(Object.keys(TERM_FORMS_CY).sort()).toEqual([...codes].sort());
  });

  it('mutates each term’s first word by the table (c→ch/g/ngh, p→ph/b/mh, t→th/d/nh, g→–/ng, b→f/m, d→dd/n, ll→l, m→f, rh→r)', () => {
    for (const [code, entry] of Object.entries(TERM_FORMS_CY)) {
      for (const mutation of MUTATIONS)
        expect(entry[mutation], `${code} ${mutation}`).toBe(byTheTable(entry.radical, mutation));
    }
    for (const entry of Object.values(WEEKDAY_FORMS)) {
      for (const mutation of MUTATIONS) expect(entry[mutation]).toBe(byTheTable(entry.radical, mutation));
    }
  });

  it('keeps proper names whole: only "Bwrdd" of a health board mutates', () => {
    expect(forms('betsi-cadwaladr').nasal).toBe('Mwrdd Iechyd Prifysgol Betsi Cadwaladr');
    expect(forms('cwm-taf-morgannwg').soft).toBe('Fwrdd Iechyd Prifysgol Cwm Taf Morgannwg');
    expect(forms('cardiff-and-vale').aspirate).toBe("Bwrdd Iechyd Prifysgol Caerdydd a'r Fro");
  });
});

describe('sentences that insert a term (core/i18n/welsh.ts)', () => {
  it('takes the aspirate after "gyda", "â" and "a", and "gydag", "ag", "ac" before a vowel', () => {
    expect(fillSentence('yn gweithio gyda {t:aspirate}', { t: forms('parkinsons') })).toBe(
      'yn gweithio gyda chlefyd Parkinson',
    );
    expect(fillSentence('pobl â {t:aspirate}', { t: forms('chronic-pain') })).toBe('pobl â phoen cronig');
    expect(fillSentence('dawns a {t:aspirate}', { t: forms('heritage-museums') })).toBe(
      'dawns a threftadaeth ac amgueddfeydd',
    );
    expect(fillSentence('yn gweithio gyda {t:aspirate}', { t: forms('mental-health') })).toBe(
      'yn gweithio gydag iechyd meddwl a llesiant',
    );
    expect(fillSentence('pobl â {t:aspirate}', { t: forms('autism') })).toBe('pobl ag awtistiaeth');
    expect(fillSentence('yn gweithio gyda {t:aspirate}', { t: forms('dementia') })).toBe('yn gweithio gyda dementia');
  });

  it('takes the soft mutation after "o", "i", "am" and "ar", weekdays in lower case', () => {
    expect(fillSentence('o {a:soft} i {b:soft}', { a: WEEKDAY_FORMS[1], b: WEEKDAY_FORMS[5] })).toBe(
      'o ddydd Llun i ddydd Gwener',
    );
    expect(fillSentence('sgwrs am {t:soft}', { t: forms('cancer') })).toBe('sgwrs am ganser');
    expect(fillSentence('yn canolbwyntio ar {t:soft}', { t: forms('gardening-nature-arts') })).toBe(
      'yn canolbwyntio ar arddio a chelfyddydau byd natur',
    );
    expect(fillSentence('symud i {t:soft}', { t: forms('swansea-bay') })).toBe(
      'symud i Fwrdd Iechyd Prifysgol Bae Abertawe',
    );
    expect(fillSentence('o {t:soft}', { t: forms('referral-routes') })).toBe('o lwybrau atgyfeirio');
  });

  it('takes the nasal after "yn" meaning "in", which becomes "ym" before m and "yng" before ngh', () => {
    expect(fillSentence('yn gweithio yn {t:nasal}', { t: forms('betsi-cadwaladr') })).toBe(
      'yn gweithio ym Mwrdd Iechyd Prifysgol Betsi Cadwaladr',
    );
    expect(fillSentence('yn {t:nasal}', { t: forms('cancer') })).toBe('yng nghanser');
    expect(fillSentence('yn {t:nasal}', { t: forms('dance') })).toBe('yn nawns');
    expect(fillSentence('yn {t:nasal}', { t: forms('stroke') })).toBe('yn strôc');
  });

  it('mutates a list by its first term, with the aspirate after its "a"', () => {
    const list = welshList([forms('parkinsons'), forms('dementia'), forms('cancer')]);
    expect(fillSentence('gyda {t:aspirate}', { t: list })).toBe('gyda chlefyd Parkinson, dementia a chanser');
    expect(fillSentence('yn {t:nasal}', { t: welshList([forms('powys'), forms('hywel-dda')]) })).toBe(
      'ym Mwrdd Iechyd Addysgu Powys a Bwrdd Iechyd Prifysgol Hywel Dda',
    );
    expect(fillSentence('gyda {t:aspirate}', { t: welshList([forms('cancer'), forms('autism')]) })).toBe(
      'gyda chanser ac awtistiaeth',
    );
  });

  it('writes plain text (English, words people wrote) as it is, and leaves an unknown placeholder', () => {
    expect(fillSentence('works with {t} in {r}', { t: "Parkinson's" })).toBe("works with Parkinson's in {r}");
    expect(fillSentence('Sesiwn: {title}', { title: 'Dawns yn Nhreorci' })).toBe('Sesiwn: Dawns yn Nhreorci');
  });
});
