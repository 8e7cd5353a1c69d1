/** Inputs and outputs of match scoring. Codes (conditions, regions, supports) are taxonomy codes. */

export type ParticipantKind = 'PRACTITIONER' | 'COMMISSIONER' | 'LINK_WORKER';
export type WelshAbility = 'NONE' | 'LEARNER' | 'CONVERSATIONAL' | 'FLUENT';
export type ProjectTerm = 'SHORT' | 'LONG' | 'EITHER';

export const PARTICIPANT_KINDS: readonly ParticipantKind[] = ['PRACTITIONER', 'COMMISSIONER', 'LINK_WORKER'];
export const WELSH_ABILITIES: readonly WelshAbility[] = ['NONE', 'LEARNER', 'CONVERSATIONAL', 'FLUENT'];
export const PROJECT_TERMS: readonly ProjectTerm[] = ['SHORT', 'LONG', 'EITHER'];

/** The organisation kind whose members get the small-community-organisation equity boost. */
export const COMMUNITY_ORGANISATION_KIND = 'COMMUNITY_ARTS_GROUP';

export interface MatchParticipant {
  id: string;
  kind: ParticipantKind;
  /** Condition codes worked with. */
  conditions: readonly string[];
  artForms: readonly string[];
  /** Health-board region codes worked (or commissioned) in. */
  regions: readonly string[];
  welshAbility: WelshAbility;
  /** Support codes offered, and needed. */
  offers: readonly string[];
  needs: readonly string[];
  /** Offers an inclusive community space. */
  inclusiveSpace: boolean;
  projectTerm: ProjectTerm | null;
  /** Link workers: referrals they can still take this month; null for others. */
  referralCapacityLeft: number | null;
  organisationKind: string | null;
  meetingsSoFar: number;
  /** Ids of people already met. */
  metBefore: ReadonlySet<string> | readonly string[];
  /** Their reciprocity ledger this year (hours of held meetings); absent when not known. */
  reciprocity?: ReciprocityFigures;
}

/** What a person gave and received this year, in hours, with what they gave most of. */
export interface ReciprocityFigures {
  givenHours: number;
  receivedHours: number;
  /** The exchange kind they gave most hours of (e.g. ADVICE), null when they named none. */
  mostGivenKind: string | null;
  /** Hours given of that kind (all given hours when the kind is null). */
  mostGivenHours: number;
}

/**
 * How much each part of a match counts, each in WEIGHT_RANGE. The score is the weighted mean of
 * the parts (see scoreMatch), so only the ratios between weights matter.
 */
export interface ScoringWeights {
  conditionOverlap: number;
  region: number;
  language: number;
  offersNeeds: number;
  novelty: number;
  equity: number;
}

export const WEIGHT_NAMES: readonly (keyof ScoringWeights)[] = [
  'conditionOverlap',
  'region',
  'language',
  'offersNeeds',
  'novelty',
  'equity',
];

/** Every weight must be a finite number in [min, max]. */
export const WEIGHT_RANGE = Object.freeze({ min: 0, max: 10 });

export const DEFAULT_WEIGHTS: Readonly<ScoringWeights> = Object.freeze({
  conditionOverlap: 5,
  region: 3,
  language: 2,
  offersNeeds: 4,
  novelty: 2,
  equity: 3,
});

export interface ScoringContext {
  /** Region codes whose practitioners get an equity boost. */
  underServedRegions?: ReadonlySet<string> | readonly string[];
  /** A practitioner with fewer meetings than this so far gets an equity boost (default 2). */
  fewMeetingsThreshold?: number;
  /** Someone who has given at least this many hours more than they received gets an equity boost (default 2). */
  givenMoreThreshold?: number;
}

/**
 * Why `other` suits `me`, as codes with parameters; callers render them in Welsh or English.
 * Code lists are sorted.
 */
export type MatchReason =
  | { code: 'SHARED_CONDITIONS'; params: { codes: string[] } }
  | { code: 'SHARED_ART_FORMS'; params: { codes: string[] } }
  | { code: 'SAME_REGION'; params: { codes: string[] } }
  | { code: 'COMMISSIONS_IN_REGION'; params: { codes: string[] } }
  | { code: 'BOTH_SPEAK_WELSH'; params: Record<string, never> }
  | { code: 'CAN_PRACTISE_WELSH'; params: Record<string, never> }
  | { code: 'OFFERS_WHAT_YOU_NEED'; params: { codes: string[] } }
  | { code: 'NEEDS_WHAT_YOU_OFFER'; params: { codes: string[] } }
  | { code: 'SAME_PROJECT_TERM'; params: { term: ProjectTerm } }
  | { code: 'INCLUSIVE_SPACE'; params: Record<string, never> }
  | { code: 'HAS_REFERRAL_CAPACITY'; params: { left: number } }
  | { code: 'NOT_MET_BEFORE'; params: Record<string, never> }
  | { code: 'FEW_MEETINGS_SO_FAR'; params: { count: number } }
  | { code: 'UNDER_SERVED_REGION'; params: { codes: string[] } }
  | { code: 'COMMUNITY_ORGANISATION'; params: Record<string, never> }
  | { code: 'HAS_GIVEN_MORE'; params: { hours: number; kind: string | null } }
  | { code: 'NO_REFERRAL_CAPACITY'; params: Record<string, never> };

export type MatchReasonCode = MatchReason['code'];

export interface MatchScore {
  /** In [0, 1], rounded to 6 decimals. */
  score: number;
  reasons: MatchReason[];
}

export interface Recommendation extends MatchScore {
  participantId: string;
}
