import type { MatchReason } from '@cyswllt/matching';
import { describe, expect, it } from 'vitest';
import { Language } from '../../core/auth/role';
import { englishList, welshList } from '../../core/i18n/welsh';
import { TAXONOMY } from '../profiles/taxonomy-data';
import { TERM_FORMS_CY } from '../profiles/term-forms';
import { REASON_LANGUAGES, reasonText, type TermNames } from './reason-text';

const names = (codes: string[]) => codes.map((code) => code.toUpperCase()).join(' + ');
// The real terms, as RecommendationsService gives them.
const terms = Object.values(TAXONOMY).flat();
const welsh: TermNames = (codes) => welshList(codes.map((code) => TERM_FORMS_CY[code as keyof typeof TERM_FORMS_CY]));
const english: TermNames = (codes) => englishList(codes.map((code) => terms.find((t) => t.code === code)!.nameEn));
const text = (code: MatchReason['code'], codes: string[], language: Language) =>
  reasonText({ code, params: { codes } } as MatchReason, language, language === Language.cy ? welsh : english);

describe('reason texts', () => {
  it('has every reason in Welsh and English', () => {
    expect(Object.keys(REASON_LANGUAGES.cy).sort()).toEqual(Object.keys(REASON_LANGUAGES.en).sort());
    expect(Object.keys(REASON_LANGUAGES.en)).toHaveLength(17);
  });

  it('names the terms a reason carries, in the chosen language', () => {
    const reason: MatchReason = { code: 'SHARED_CONDITIONS', params: { codes: ['parkinsons', 'dementia'] } };
    expect(reasonText(reason, Language.en, names)).toBe('works with PARKINSONS + DEMENTIA like you');
    expect(reasonText(reason, Language.cy, names)).toBe('yn gweithio gyda PARKINSONS + DEMENTIA fel chi');
    expect(text('SHARED_CONDITIONS', ['parkinsons', 'dementia'], Language.en)).toBe(
      "works with Parkinson's and Dementia like you",
    );
    expect(reasonText({ code: 'SAME_PROJECT_TERM', params: { term: 'SHORT' } }, Language.en, names)).toBe(
      'looking for short-term pilots like yours',
    );
    expect(reasonText({ code: 'HAS_REFERRAL_CAPACITY', params: { left: 4 } }, Language.cy, names)).toBe(
      '4 o leoedd atgyfeirio ar ôl y mis hwn',
    );
  });

  it('says how many referral places are left this month, in both languages (Welsh: "un lle", "2 o leoedd")', () => {
    const places = (left: number, language: Language) =>
      reasonText({ code: 'HAS_REFERRAL_CAPACITY', params: { left } }, language, names);
    expect(places(2, Language.en)).toBe('2 referral places left this month');
    expect(places(1, Language.en)).toBe('1 referral place left this month');
    expect(places(2, Language.cy)).toBe('2 o leoedd atgyfeirio ar ôl y mis hwn');
    expect(places(1, Language.cy)).toBe('un lle atgyfeirio ar ôl y mis hwn');
  });

  it('puts each Welsh term in the form its sentence needs (real terms)', () => {
    // Aspirate after "gyda" (and after a list's "a"), "gydag" before a vowel.
    expect(text('SHARED_CONDITIONS', ['parkinsons'], Language.cy)).toBe('yn gweithio gyda chlefyd Parkinson fel chi');
    expect(text('SHARED_CONDITIONS', ['cancer', 'chronic-pain'], Language.cy)).toBe(
      'yn gweithio gyda chanser a phoen cronig fel chi',
    );
    expect(text('SHARED_CONDITIONS', ['mental-health', 'sensory-loss'], Language.cy)).toBe(
      'yn gweithio gydag iechyd meddwl a llesiant a cholli golwg a chlyw fel chi',
    );
    // Nasal after "yn" meaning "in": "ym Mwrdd …", the proper name unchanged.
    expect(text('SAME_REGION', ['betsi-cadwaladr'], Language.cy)).toBe(
      'yn gweithio ym Mwrdd Iechyd Prifysgol Betsi Cadwaladr hefyd',
    );
    expect(text('COMMISSIONS_IN_REGION', ['cardiff-and-vale'], Language.cy)).toBe(
      "yn comisiynu ym Mwrdd Iechyd Prifysgol Caerdydd a'r Fro",
    );
    expect(text('SAME_REGION', ['betsi-cadwaladr'], Language.en)).toBe(
      'works in Betsi Cadwaladr University Health Board too',
    );
    // No mutation after "maes" (a noun) or as a verb-noun's object.
    expect(text('SHARED_ART_FORMS', ['dance', 'crafts'], Language.cy)).toBe(
      'hefyd yn gweithio ym maes dawns a chrefftau',
    );
    expect(text('OFFERS_WHAT_YOU_NEED', ['funding'], Language.cy)).toBe(
      'yn cynnig cyllid a cheisiadau am grantiau, sydd ei angen arnoch',
    );
  });

  it('says how many hours someone has given this year, and of what, in whole sentences in both languages', () => {
    const given = (hours: number, kind: string | null, language: Language) =>
      reasonText({ code: 'HAS_GIVEN_MORE', params: { hours, kind } }, language, names);
    expect(given(6, 'ADVICE', Language.en)).toBe('has given 6 hours of advice this year');
    expect(given(6, 'ADVICE', Language.cy)).toBe('wedi rhoi 6 awr o gyngor eleni');
    expect(given(1, 'EVIDENCE', Language.en)).toBe('has given an hour sharing evidence this year');
    expect(given(1, 'EVIDENCE', Language.cy)).toBe('wedi rhoi awr yn rhannu tystiolaeth eleni');
    expect(given(3, null, Language.en)).toBe('has given 3 hours of their time this year');
    expect(given(3, null, Language.cy)).toBe('wedi rhoi 3 awr o amser eleni');
    for (const kind of ['INTRODUCTION', 'REFERRAL_ROUTE', 'PEER_SUPPORT']) {
      expect(given(4, kind, Language.en)).toMatch(/^has given 4 hours .+ this year$/);
      expect(given(4, kind, Language.cy)).toMatch(/^wedi rhoi 4 awr .+ eleni$/);
    }
  });
});
