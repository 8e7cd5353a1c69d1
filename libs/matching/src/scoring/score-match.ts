import { MatchingError, MatchingErrorCode } from '../matching.errors';
import {
  COMMUNITY_ORGANISATION_KIND,
  MatchParticipant,
  MatchReason,
  MatchScore,
  PARTICIPANT_KINDS,
  PROJECT_TERMS,
  ProjectTerm,
  ScoringContext,
  ScoringWeights,
  WEIGHT_NAMES,
  WEIGHT_RANGE,
  WELSH_ABILITIES,
  WelshAbility,
} from './scoring.types';

/** Score multiplier for a link worker with no referral capacity left: shown, but not on top. */
export const NO_REFERRAL_CAPACITY_FACTOR = 0.5;
const DEFAULT_FEW_MEETINGS_THRESHOLD = 2;
const DEFAULT_GIVEN_MORE_THRESHOLD = 2;
const SPEAKS_WELSH: ReadonlySet<WelshAbility> = new Set(['CONVERSATIONAL', 'FLUENT']);

/**
 * Checks every weight (throwing MatchingError WEIGHT_OUT_OF_RANGE, with `details.weight`, `value`,
 * `min` and `max`) and returns a clean copy.
 */
export function validateWeights(weights: ScoringWeights): ScoringWeights {
  if (typeof weights !== 'object' || weights === null) {
    throw new MatchingError(MatchingErrorCode.WEIGHT_OUT_OF_RANGE, 'weights must be an object', {
      weight: null,
      value: weights,
      ...WEIGHT_RANGE,
    });
  }
  const clean = {} as ScoringWeights;
  for (const name of WEIGHT_NAMES) {
    const value = (weights as unknown as Record<string, unknown>)[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < WEIGHT_RANGE.min || value > WEIGHT_RANGE.max) {
      throw new MatchingError(
        MatchingErrorCode.WEIGHT_OUT_OF_RANGE,
        `weight ${name} must be a number in ${WEIGHT_RANGE.min}..${WEIGHT_RANGE.max}`,
        { weight: name, value, ...WEIGHT_RANGE },
      );
    }
    clean[name] = value;
  }
  return clean;
}

function invalid(participant: unknown, field: string): never {
  const id = typeof participant === 'object' && participant !== null ? (participant as { id?: unknown }).id : undefined;
  throw new MatchingError(MatchingErrorCode.INVALID_PARTICIPANT, `participant ${String(id)}: invalid ${field}`, {
    participantId: id,
    field,
  });
}

function isStringList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Checks a profile's shape (throwing MatchingError INVALID_PARTICIPANT). */
export function validateParticipant(participant: MatchParticipant): void {
  if (typeof participant !== 'object' || participant === null) invalid(participant, 'participant');
  const p = participant as unknown as Record<string, unknown>;
  if (typeof p.id !== 'string' || p.id.length === 0) invalid(participant, 'id');
  if (!PARTICIPANT_KINDS.includes(p.kind as never)) invalid(participant, 'kind');
  if (!WELSH_ABILITIES.includes(p.welshAbility as never)) invalid(participant, 'welshAbility');
  for (const field of ['conditions', 'artForms', 'regions', 'offers', 'needs'] as const)
    if (!isStringList(p[field])) invalid(participant, field);
  if (typeof p.inclusiveSpace !== 'boolean') invalid(participant, 'inclusiveSpace');
  if (p.projectTerm !== null && !PROJECT_TERMS.includes(p.projectTerm as never)) invalid(participant, 'projectTerm');
  if (
    p.referralCapacityLeft !== null &&
    (typeof p.referralCapacityLeft !== 'number' || !Number.isFinite(p.referralCapacityLeft))
  ) {
    invalid(participant, 'referralCapacityLeft');
  }
  if (p.organisationKind !== null && typeof p.organisationKind !== 'string') invalid(participant, 'organisationKind');
  if (typeof p.meetingsSoFar !== 'number' || !Number.isFinite(p.meetingsSoFar) || p.meetingsSoFar < 0)
    invalid(participant, 'meetingsSoFar');
  const met = p.metBefore;
  if (!(met instanceof Set) && !isStringList(met)) invalid(participant, 'metBefore');
  if (p.reciprocity !== undefined) {
    const r = p.reciprocity as Record<string, unknown>;
    const hours = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
    if (
      typeof r !== 'object' ||
      r === null ||
      !hours(r.givenHours) ||
      !hours(r.receivedHours) ||
      !hours(r.mostGivenHours)
    )
      invalid(participant, 'reciprocity');
    if (r.mostGivenKind !== null && typeof r.mostGivenKind !== 'string') invalid(participant, 'reciprocity');
  }
}

function shared(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b);
  return [...new Set(a.filter((code) => other.has(code)))].sort();
}

/** Overlap coefficient: shared codes over the shorter list (0 when either is empty). */
function overlap(count: number, a: readonly string[], b: readonly string[]): number {
  const smaller = Math.min(new Set(a).size, new Set(b).size);
  return smaller === 0 ? 0 : count / smaller;
}

function hasMet(a: MatchParticipant, id: string): boolean {
  return a.metBefore instanceof Set ? a.metBefore.has(id) : (a.metBefore as readonly string[]).includes(id);
}

function commonTerm(a: ProjectTerm | null, b: ProjectTerm | null): ProjectTerm | null {
  if (a === null || b === null) return null;
  if (a === b) return a;
  if (a === 'EITHER') return b;
  if (b === 'EITHER') return a;
  return null;
}

/** Internal: scores with weights already validated. */
export function scoreValidated(
  me: MatchParticipant,
  other: MatchParticipant,
  weights: ScoringWeights,
  context: ScoringContext = {},
): MatchScore {
  const reasons: MatchReason[] = [];

  // Conditions (and, between two practitioners, art forms).
  const conditions = shared(me.conditions, other.conditions);
  let conditionPart = overlap(conditions.length, me.conditions, other.conditions);
  if (conditions.length > 0) reasons.push({ code: 'SHARED_CONDITIONS', params: { codes: conditions } });
  if (me.kind === 'PRACTITIONER' && other.kind === 'PRACTITIONER') {
    const artForms = shared(me.artForms, other.artForms);
    conditionPart = 0.75 * conditionPart + 0.25 * overlap(artForms.length, me.artForms, other.artForms);
    if (artForms.length > 0) reasons.push({ code: 'SHARED_ART_FORMS', params: { codes: artForms } });
  }

  // Region.
  const regions = shared(me.regions, other.regions);
  const regionPart = regions.length > 0 ? 1 : 0;
  if (regions.length > 0) {
    reasons.push(
      other.kind === 'COMMISSIONER' && me.kind !== 'COMMISSIONER'
        ? { code: 'COMMISSIONS_IN_REGION', params: { codes: regions } }
        : { code: 'SAME_REGION', params: { codes: regions } },
    );
  }

  // Welsh.
  let languagePart = 0;
  const meSpeaks = SPEAKS_WELSH.has(me.welshAbility);
  const otherSpeaks = SPEAKS_WELSH.has(other.welshAbility);
  if (meSpeaks && otherSpeaks) {
    languagePart = 1;
    reasons.push({ code: 'BOTH_SPEAK_WELSH', params: {} });
  } else if ((meSpeaks && other.welshAbility === 'LEARNER') || (otherSpeaks && me.welshAbility === 'LEARNER')) {
    languagePart = 0.5;
    reasons.push({ code: 'CAN_PRACTISE_WELSH', params: {} });
  }

  // Practical fit: offers and needs both ways, project term, inclusive space, referral capacity.
  const offersNeed = shared(other.offers, me.needs);
  const needsOffer = shared(other.needs, me.offers);
  let fitPart = 0.35 * Math.min(1, offersNeed.length / 2) + 0.35 * Math.min(1, needsOffer.length / 2);
  if (offersNeed.length > 0) reasons.push({ code: 'OFFERS_WHAT_YOU_NEED', params: { codes: offersNeed } });
  if (needsOffer.length > 0) reasons.push({ code: 'NEEDS_WHAT_YOU_OFFER', params: { codes: needsOffer } });
  const term = commonTerm(me.projectTerm, other.projectTerm);
  if (term !== null) {
    fitPart += 0.1;
    reasons.push({ code: 'SAME_PROJECT_TERM', params: { term } });
  }
  if (other.inclusiveSpace) {
    fitPart += 0.1;
    reasons.push({ code: 'INCLUSIVE_SPACE', params: {} });
  }
  const linkWorker = other.kind === 'LINK_WORKER' && other.referralCapacityLeft !== null;
  if (linkWorker && other.referralCapacityLeft! > 0) {
    fitPart += 0.1;
    reasons.push({ code: 'HAS_REFERRAL_CAPACITY', params: { left: other.referralCapacityLeft! } });
  }

  // Novelty.
  const novel = !hasMet(me, other.id) && !hasMet(other, me.id);
  if (novel) reasons.push({ code: 'NOT_MET_BEFORE', params: {} });

  // Equity, for practitioners.
  let equityPart = 0;
  if (other.kind === 'PRACTITIONER') {
    const threshold = context.fewMeetingsThreshold ?? DEFAULT_FEW_MEETINGS_THRESHOLD;
    if (other.meetingsSoFar < threshold) {
      equityPart += 1 / 3;
      reasons.push({ code: 'FEW_MEETINGS_SO_FAR', params: { count: other.meetingsSoFar } });
    }
    const underServed = context.underServedRegions ? [...context.underServedRegions] : [];
    const served = shared(other.regions, underServed);
    if (served.length > 0) {
      equityPart += 1 / 3;
      reasons.push({ code: 'UNDER_SERVED_REGION', params: { codes: served } });
    }
    if (other.organisationKind === COMMUNITY_ORGANISATION_KIND) {
      equityPart += 1 / 3;
      reasons.push({ code: 'COMMUNITY_ORGANISATION', params: {} });
    }
  }
  // Reciprocity, for anyone: an hour given is worth an hour received, so those owed most come first.
  const ledger = other.reciprocity;
  if (
    ledger &&
    ledger.givenHours - ledger.receivedHours >= (context.givenMoreThreshold ?? DEFAULT_GIVEN_MORE_THRESHOLD)
  ) {
    equityPart += 1 / 3;
    reasons.push({
      code: 'HAS_GIVEN_MORE',
      params: { hours: Math.floor(ledger.mostGivenHours), kind: ledger.mostGivenKind },
    });
  }

  const total = WEIGHT_NAMES.reduce((sum, name) => sum + weights[name], 0);
  let score =
    total === 0
      ? 0
      : (weights.conditionOverlap * conditionPart +
          weights.region * regionPart +
          weights.language * languagePart +
          weights.offersNeeds * fitPart +
          weights.novelty * (novel ? 1 : 0) +
          weights.equity * Math.min(1, equityPart)) /
        total;
  if (linkWorker && other.referralCapacityLeft! <= 0) {
    score *= NO_REFERRAL_CAPACITY_FACTOR;
    reasons.push({ code: 'NO_REFERRAL_CAPACITY', params: {} });
  }
  return { score: Math.round(Math.min(1, Math.max(0, score)) * 1e6) / 1e6, reasons };
}

/**
 * How well `other` suits `me`: a score in [0, 1] — the weighted mean of six parts, each in [0, 1]:
 *
 * - conditionOverlap: shared conditions over the shorter list (between two practitioners,
 *   0.75 × that + 0.25 × the same for art forms);
 * - region: 1 when they share a region;
 * - language: 1 when both speak Welsh (conversational or fluent), 0.5 for a learner with a speaker;
 * - offersNeeds: 0.35 × min(1, |other offers ∩ my needs| / 2) + 0.35 × the same the other way,
 *   + 0.1 for a compatible project term, + 0.1 if the other offers an inclusive space, + 0.1 for a
 *   link worker with referral capacity left;
 * - novelty: 1 when they have not met before;
 * - equity: for a practitioner, ⅓ each for fewer meetings so far than the threshold, a region
 *   among the under-served ones, and a community arts group; for anyone, ⅓ for having given at
 *   least `givenMoreThreshold` hours more than they received this year (capped at 1 in all);
 *
 * then halved for a link worker with no referral capacity left. `reasons` say why, from `me`'s
 * point of view. Throws MatchingError on invalid weights or profiles.
 */
export function scoreMatch(
  me: MatchParticipant,
  other: MatchParticipant,
  weights: ScoringWeights,
  context: ScoringContext = {},
): MatchScore {
  const clean = validateWeights(weights);
  validateParticipant(me);
  validateParticipant(other);
  return scoreValidated(me, other, clean, context);
}
