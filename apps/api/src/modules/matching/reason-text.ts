import type { MatchReason } from '@cyswllt/matching';
import { Language } from '../../core/auth/role';

/** Names of the taxonomy terms a reason mentions, in one language. */
export type TermNames = (codes: string[]) => string;

type Template = (reason: MatchReason, names: TermNames) => string;

const codes = (reason: MatchReason): string[] => ('codes' in reason.params ? (reason.params as { codes: string[] }).codes : []);

/**
 * How each reason reads, in Welsh and English. Reasons are written from the viewer's side:
 * "works with Parkinson's like you".
 */
const TEMPLATES: Record<Language, Record<MatchReason['code'], Template>> = {
  [Language.en]: {
    SHARED_CONDITIONS: (r, n) => `works with ${n(codes(r))} like you`,
    SHARED_ART_FORMS: (r, n) => `also works in ${n(codes(r))}`,
    SAME_REGION: (r, n) => `works in ${n(codes(r))} too`,
    COMMISSIONS_IN_REGION: (r, n) => `commissions in ${n(codes(r))}`,
    BOTH_SPEAK_WELSH: () => 'speaks Welsh',
    CAN_PRACTISE_WELSH: () => 'a chance to use your Welsh',
    OFFERS_WHAT_YOU_NEED: (r, n) => `offers ${n(codes(r))}, which you need`,
    NEEDS_WHAT_YOU_OFFER: (r, n) => `needs ${n(codes(r))} that you offer`,
    SAME_PROJECT_TERM: (r) => `looking for ${(r.params as { term: string }).term === 'LONG' ? 'long-term projects' : 'short-term pilots'} like yours`,
    INCLUSIVE_SPACE: () => 'runs an inclusive community space',
    HAS_REFERRAL_CAPACITY: (r) => `has referral capacity this month (${(r.params as { left: number }).left})`,
    NOT_MET_BEFORE: () => 'you have not met before',
    FEW_MEETINGS_SO_FAR: () => 'has had few meetings so far',
    UNDER_SERVED_REGION: (r, n) => `works in an under-served area (${n(codes(r))})`,
    COMMUNITY_ORGANISATION: () => 'a small community arts group',
    NO_REFERRAL_CAPACITY: () => 'no referral capacity left this month',
  },
  [Language.cy]: {
    SHARED_CONDITIONS: (r, n) => `yn gweithio gyda ${n(codes(r))} fel chi`,
    SHARED_ART_FORMS: (r, n) => `hefyd yn gweithio ym maes ${n(codes(r))}`,
    SAME_REGION: (r, n) => `yn gweithio yn ${n(codes(r))} hefyd`,
    COMMISSIONS_IN_REGION: (r, n) => `yn comisiynu yn ${n(codes(r))}`,
    BOTH_SPEAK_WELSH: () => 'yn siarad Cymraeg',
    CAN_PRACTISE_WELSH: () => 'cyfle i ddefnyddio’ch Cymraeg',
    OFFERS_WHAT_YOU_NEED: (r, n) => `yn cynnig ${n(codes(r))}, sydd ei angen arnoch`,
    NEEDS_WHAT_YOU_OFFER: (r, n) => `angen ${n(codes(r))} rydych chi’n ei gynnig`,
    SAME_PROJECT_TERM: (r) => `yn chwilio am ${(r.params as { term: string }).term === 'LONG' ? 'brosiectau hirdymor' : 'gynlluniau peilot byr'} fel chi`,
    INCLUSIVE_SPACE: () => 'yn cynnal gofod cymunedol cynhwysol',
    HAS_REFERRAL_CAPACITY: (r) => `lle i atgyfeirio y mis hwn (${(r.params as { left: number }).left})`,
    NOT_MET_BEFORE: () => 'nid ydych wedi cwrdd o’r blaen',
    FEW_MEETINGS_SO_FAR: () => 'wedi cael ychydig o gyfarfodydd hyd yma',
    UNDER_SERVED_REGION: (r, n) => `yn gweithio mewn ardal sydd heb ddigon o wasanaeth (${n(codes(r))})`,
    COMMUNITY_ORGANISATION: () => 'grŵp celfyddydau cymunedol bach',
    NO_REFERRAL_CAPACITY: () => 'dim lle i atgyfeirio ar ôl y mis hwn',
  },
};

export function reasonText(reason: MatchReason, language: Language, names: TermNames): string {
  return TEMPLATES[language][reason.code](reason, names);
}

/** Every reason code has a text in both languages (checked by a unit test). */
export const REASON_LANGUAGES = TEMPLATES;
