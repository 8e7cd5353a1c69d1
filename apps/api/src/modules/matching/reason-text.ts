import type { MatchReason } from '@cyswllt/matching';
import { Language } from '../../core/auth/role';
import { fillSentence, type Filler } from '../../core/i18n/welsh';

/**
 * The taxonomy terms a reason mentions, as one list in one language: plain text in English, the
 * list's Welsh forms in Welsh (core/i18n/welsh.ts), so that the sentence picks the form it needs.
 */
export type TermNames = (codes: string[]) => Filler;

/** A reason's sentence, whole; `{terms}` (with the form the Welsh words before it need) is the list of its terms. */
type Template = (reason: MatchReason) => string;

const left = (reason: MatchReason): number => (reason.params as { left: number }).left;

const given = (reason: MatchReason) => reason.params as { hours: number; kind: string | null };

/**
 * "has given 6 hours of advice this year": one whole sentence per exchange kind and language, so
 * Welsh mutations and word order stay right ("o gyngor", "yn rhannu tystiolaeth").
 */
const GIVEN_EN: Record<string, (hours: string) => string> = {
  ADVICE: (h) => `has given ${h} of advice this year`,
  INTRODUCTION: (h) => `has given ${h} making introductions this year`,
  EVIDENCE: (h) => `has given ${h} sharing evidence this year`,
  REFERRAL_ROUTE: (h) => `has given ${h} setting up referral routes this year`,
  PEER_SUPPORT: (h) => `has given ${h} of peer support this year`,
  TIME: (h) => `has given ${h} of their time this year`,
};
const GIVEN_CY: Record<string, (hours: string) => string> = {
  ADVICE: (h) => `wedi rhoi ${h} o gyngor eleni`,
  INTRODUCTION: (h) => `wedi rhoi ${h} yn cyflwyno pobl i’w gilydd eleni`,
  EVIDENCE: (h) => `wedi rhoi ${h} yn rhannu tystiolaeth eleni`,
  REFERRAL_ROUTE: (h) => `wedi rhoi ${h} yn sefydlu llwybrau atgyfeirio eleni`,
  PEER_SUPPORT: (h) => `wedi rhoi ${h} o gymorth cymheiriaid eleni`,
  TIME: (h) => `wedi rhoi ${h} o amser eleni`,
};
// Welsh counts with a singular noun ("6 awr"); one hour is "awr" alone.
const hoursEn = (n: number) => (n === 1 ? 'an hour' : `${n} hours`);
const hoursCy = (n: number) => (n === 1 ? 'awr' : `${n} awr`);

const codes = (reason: MatchReason): string[] =>
  'codes' in reason.params ? (reason.params as { codes: string[] }).codes : [];

const longTerm = (reason: MatchReason): boolean => (reason.params as { term: string }).term === 'LONG';

/**
 * How each reason reads, in Welsh and English. Reasons are written from the viewer's side:
 * "works with Parkinson's like you".
 */
const TEMPLATES: Record<Language, Record<MatchReason['code'], Template>> = {
  [Language.en]: {
    SHARED_CONDITIONS: () => 'works with {terms} like you',
    SHARED_ART_FORMS: () => 'also works in {terms}',
    SAME_REGION: () => 'works in {terms} too',
    COMMISSIONS_IN_REGION: () => 'commissions in {terms}',
    BOTH_SPEAK_WELSH: () => 'speaks Welsh',
    CAN_PRACTISE_WELSH: () => 'a chance to use your Welsh',
    OFFERS_WHAT_YOU_NEED: () => 'offers {terms}, which you need',
    NEEDS_WHAT_YOU_OFFER: () => 'needs {terms} that you offer',
    SAME_PROJECT_TERM: (r) =>
      longTerm(r) ? 'looking for long-term projects like yours' : 'looking for short-term pilots like yours',
    INCLUSIVE_SPACE: () => 'runs an inclusive community space',
    HAS_REFERRAL_CAPACITY: (r) =>
      left(r) === 1 ? '1 referral place left this month' : '{left} referral places left this month',
    NOT_MET_BEFORE: () => 'you have not met before',
    FEW_MEETINGS_SO_FAR: () => 'has had few meetings so far',
    UNDER_SERVED_REGION: () => 'works in an under-served area ({terms})',
    COMMUNITY_ORGANISATION: () => 'a small community arts group',
    NO_REFERRAL_CAPACITY: () => 'no referral capacity left this month',
    HAS_GIVEN_MORE: (r) => GIVEN_EN[given(r).kind ?? 'TIME']!(hoursEn(given(r).hours)),
  },
  [Language.cy]: {
    // "gyda" takes the aspirate: "gyda chlefyd Parkinson", "gydag iechyd meddwl".
    SHARED_CONDITIONS: () => 'yn gweithio gyda {terms:aspirate} fel chi',
    // "maes" is a noun: what follows it does not mutate ("ym maes dawns").
    SHARED_ART_FORMS: () => 'hefyd yn gweithio ym maes {terms}',
    // "yn" meaning "in" takes the nasal: "ym Mwrdd Iechyd Prifysgol Betsi Cadwaladr".
    SAME_REGION: () => 'yn gweithio yn {terms:nasal} hefyd',
    COMMISSIONS_IN_REGION: () => 'yn comisiynu yn {terms:nasal}',
    BOTH_SPEAK_WELSH: () => 'yn siarad Cymraeg',
    CAN_PRACTISE_WELSH: () => 'cyfle i ddefnyddio’ch Cymraeg',
    // The object of a verb-noun does not mutate ("yn cynnig cyllid").
    OFFERS_WHAT_YOU_NEED: () => 'yn cynnig {terms}, sydd ei angen arnoch',
    NEEDS_WHAT_YOU_OFFER: () => 'angen {terms} rydych chi’n ei gynnig',
    SAME_PROJECT_TERM: (r) =>
      longTerm(r) ? 'yn chwilio am brosiectau hirdymor fel chi' : 'yn chwilio am gynlluniau peilot byr fel chi',
    INCLUSIVE_SPACE: () => 'yn cynnal gofod cymunedol cynhwysol',
    // "un lle", then "2 o leoedd" (o + soft mutation): right for any number, in digits.
    HAS_REFERRAL_CAPACITY: (r) =>
      left(r) === 1 ? 'un lle atgyfeirio ar ôl y mis hwn' : '{left} o leoedd atgyfeirio ar ôl y mis hwn',
    NOT_MET_BEFORE: () => 'nid ydych wedi cwrdd o’r blaen',
    FEW_MEETINGS_SO_FAR: () => 'wedi cael ychydig o gyfarfodydd hyd yma',
    UNDER_SERVED_REGION: () => 'yn gweithio mewn ardal sydd heb ddigon o wasanaeth ({terms})',
    COMMUNITY_ORGANISATION: () => 'grŵp celfyddydau cymunedol bach',
    NO_REFERRAL_CAPACITY: () => 'dim lle i atgyfeirio ar ôl y mis hwn',
    HAS_GIVEN_MORE: (r) => GIVEN_CY[given(r).kind ?? 'TIME']!(hoursCy(given(r).hours)),
  },
};

export function reasonText(reason: MatchReason, language: Language, names: TermNames): string {
  const template = TEMPLATES[language][reason.code](reason);
  return fillSentence(template, {
    terms: names(codes(reason)),
    left: String((reason.params as { left?: number }).left ?? ''),
  });
}

/** Every reason code has a text in both languages (checked by a unit test). */
export const REASON_LANGUAGES = TEMPLATES;
