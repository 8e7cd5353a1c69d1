import { describe, expect, it } from 'vitest';
import { MatchingError, MatchingErrorCode } from '../matching.errors';
import { profile } from '../testing/profiles';
import { scoreMatch, validateWeights } from './score-match';
import { DEFAULT_WEIGHTS, ScoringWeights } from './scoring.types';

const practitioner = profile('P1', {
  conditions: ['DEMENTIA', 'MENTAL_HEALTH'],
  artForms: ['MUSIC', 'DANCE'],
  regions: ['CAV', 'ABUHB'],
  welshAbility: 'FLUENT',
  offers: ['EVIDENCE'],
  needs: ['FUNDING', 'VENUE'],
  projectTerm: 'SHORT',
  meetingsSoFar: 3,
  metBefore: new Set(['X']),
});

const commissioner = profile('C1', {
  kind: 'COMMISSIONER',
  conditions: ['STROKE', 'DEMENTIA', 'MENTAL_HEALTH'],
  regions: ['CAV'],
  welshAbility: 'CONVERSATIONAL',
  offers: ['FUNDING'],
  needs: ['PILOT', 'EVIDENCE'],
  inclusiveSpace: true,
  projectTerm: 'EITHER',
  organisationKind: 'HEALTH_BOARD',
  meetingsSoFar: 0,
});

const only = (weight: keyof ScoringWeights): ScoringWeights => ({
  conditionOverlap: 0,
  region: 0,
  language: 0,
  offersNeeds: 0,
  novelty: 0,
  equity: 0,
  [weight]: 10,
});

describe('scoreMatch', () => {
  it('scores a practitioner looking at a commissioner, with every reason', () => {
    // (5·1 + 3·1 + 2·1 + 4·(0.175 + 0.175 + 0.1 + 0.1) + 2·1 + 3·0) / 19 = 14.2 / 19
    expect(scoreMatch(practitioner, commissioner, DEFAULT_WEIGHTS)).toEqual({
      score: 0.747368,
      reasons: [
        { code: 'SHARED_CONDITIONS', params: { codes: ['DEMENTIA', 'MENTAL_HEALTH'] } },
        { code: 'COMMISSIONS_IN_REGION', params: { codes: ['CAV'] } },
        { code: 'BOTH_SPEAK_WELSH', params: {} },
        { code: 'OFFERS_WHAT_YOU_NEED', params: { codes: ['FUNDING'] } },
        { code: 'NEEDS_WHAT_YOU_OFFER', params: { codes: ['EVIDENCE'] } },
        { code: 'SAME_PROJECT_TERM', params: { term: 'SHORT' } },
        { code: 'INCLUSIVE_SPACE', params: {} },
        { code: 'NOT_MET_BEFORE', params: {} },
      ],
    });
  });

  it('boosts practitioners with few meetings, from under-served regions or community groups', () => {
    const newcomer = profile('P2', {
      conditions: ['STROKE'],
      regions: ['BCUHB'],
      welshAbility: 'LEARNER',
      offers: ['PILOT'],
      projectTerm: 'LONG',
      organisationKind: 'COMMUNITY_ARTS_GROUP',
      meetingsSoFar: 0,
      metBefore: ['C1'],
    });
    const me = { ...commissioner, needs: ['EVIDENCE', 'PILOT'] };
    // (5·1 + 3·0 + 2·0.5 + 4·(0.175 + 0.1) + 2·0 + 3·1) / 19 = 10.1 / 19
    expect(scoreMatch(me, newcomer, DEFAULT_WEIGHTS, { underServedRegions: new Set(['BCUHB']) })).toEqual({
      score: 0.531579,
      reasons: [
        { code: 'SHARED_CONDITIONS', params: { codes: ['STROKE'] } },
        { code: 'CAN_PRACTISE_WELSH', params: {} },
        { code: 'OFFERS_WHAT_YOU_NEED', params: { codes: ['PILOT'] } },
        { code: 'SAME_PROJECT_TERM', params: { term: 'LONG' } },
        { code: 'FEW_MEETINGS_SO_FAR', params: { count: 0 } },
        { code: 'UNDER_SERVED_REGION', params: { codes: ['BCUHB'] } },
        { code: 'COMMUNITY_ORGANISATION', params: {} },
      ],
    });
    // Without the context and with more meetings, no equity at all.
    const settled = { ...newcomer, meetingsSoFar: 2, organisationKind: null };
    expect(scoreMatch(me, settled, only('equity')).score).toBe(0);
    expect(scoreMatch(me, newcomer, only('equity')).score).toBeCloseTo(2 / 3, 6);
    expect(scoreMatch(me, newcomer, only('equity'), { fewMeetingsThreshold: 0 }).score).toBeCloseTo(1 / 3, 6);
  });

  it('blends art forms into the condition overlap between two practitioners', () => {
    const peer = profile('P3', { conditions: ['DEMENTIA'], artForms: ['MUSIC', 'VISUAL', 'THEATRE'] });
    // 0.75 · (1 shared / 1) + 0.25 · (1 shared / 2)
    expect(scoreMatch(practitioner, peer, only('conditionOverlap'))).toEqual({
      score: 0.875,
      reasons: [
        { code: 'SHARED_CONDITIONS', params: { codes: ['DEMENTIA'] } },
        { code: 'SHARED_ART_FORMS', params: { codes: ['MUSIC'] } },
        { code: 'NOT_MET_BEFORE', params: {} },
      ],
    });
  });

  it('uses SAME_REGION between peers and no Welsh reason without a speaker', () => {
    const peer = profile('P4', { regions: ['ABUHB', 'CAV', 'SBUHB'], welshAbility: 'LEARNER', metBefore: ['P1'] });
    const learner = { ...practitioner, welshAbility: 'LEARNER' as const };
    expect(scoreMatch(learner, peer, only('region'))).toEqual({
      score: 1,
      reasons: [{ code: 'SAME_REGION', params: { codes: ['ABUHB', 'CAV'] } }],
    });
    expect(scoreMatch(learner, peer, only('language')).score).toBe(0);
  });

  it('keeps link workers without referral capacity off the top', () => {
    const withCapacity = profile('L4', {
      kind: 'LINK_WORKER',
      referralCapacityLeft: 4,
      conditions: ['DEMENTIA'],
      regions: ['CAV'],
    });
    const full = { ...withCapacity, id: 'L0', referralCapacityLeft: 0 };
    const good = scoreMatch(practitioner, withCapacity, DEFAULT_WEIGHTS);
    const penalised = scoreMatch(practitioner, full, DEFAULT_WEIGHTS);
    expect(good.reasons).toContainEqual({ code: 'HAS_REFERRAL_CAPACITY', params: { left: 4 } });
    expect(penalised.reasons).toContainEqual({ code: 'NO_REFERRAL_CAPACITY', params: {} });
    expect(penalised.reasons.map((r) => r.code)).not.toContain('HAS_REFERRAL_CAPACITY');
    // Capacity adds 0.1 of the practical-fit part; none halves the score.
    expect(good.score).toBeCloseTo((5 * 1 + 3 * 1 + 4 * 0.1 + 2 * 1) / 19, 6);
    expect(penalised.score).toBeCloseTo(((5 * 1 + 3 * 1 + 2 * 1) / 19) * 0.5, 6);
  });

  it('counts a meeting as met when either side lists the other', () => {
    const other = profile('Y');
    expect(scoreMatch(practitioner, other, only('novelty')).score).toBe(1);
    expect(scoreMatch({ ...practitioner, metBefore: ['Y'] }, other, only('novelty')).score).toBe(0);
    expect(scoreMatch(practitioner, { ...other, metBefore: new Set(['P1']) }, only('novelty')).score).toBe(0);
  });

  it('scores 0 when every weight is 0, keeping the reasons', () => {
    const result = scoreMatch(practitioner, commissioner, {
      conditionOverlap: 0,
      region: 0,
      language: 0,
      offersNeeds: 0,
      novelty: 0,
      equity: 0,
    });
    expect(result.score).toBe(0);
    expect(result.reasons.length).toBeGreaterThan(0);
  });
});

describe('weights and profiles validation', () => {
  const weightError = (weights: unknown) => {
    try {
      validateWeights(weights as ScoringWeights);
    } catch (error) {
      expect(error).toBeInstanceOf(MatchingError);
      expect((error as MatchingError).code).toBe(MatchingErrorCode.WEIGHT_OUT_OF_RANGE);
      return (error as MatchingError).details;
    }
    throw new Error('expected WEIGHT_OUT_OF_RANGE');
  };

  it('accepts every weight in 0..10 and returns a clean copy', () => {
    expect(validateWeights({ ...DEFAULT_WEIGHTS, extra: 99 } as ScoringWeights)).toEqual(DEFAULT_WEIGHTS);
    expect(
      validateWeights({ conditionOverlap: 0, region: 10, language: 0.5, offersNeeds: 10, novelty: 0, equity: 7 }),
    ).toBeTruthy();
  });

  it('rejects a weight out of range, not a number or missing, naming it', () => {
    expect(weightError({ ...DEFAULT_WEIGHTS, region: 11 })).toEqual({ weight: 'region', value: 11, min: 0, max: 10 });
    expect(weightError({ ...DEFAULT_WEIGHTS, equity: -0.1 })).toMatchObject({ weight: 'equity', value: -0.1 });
    expect(weightError({ ...DEFAULT_WEIGHTS, novelty: Number.NaN })).toMatchObject({ weight: 'novelty' });
    expect(weightError({ ...DEFAULT_WEIGHTS, language: '3' })).toMatchObject({ weight: 'language', value: '3' });
    const { offersNeeds: _omitted, ...missing } = DEFAULT_WEIGHTS;
    expect(weightError(missing)).toMatchObject({ weight: 'offersNeeds', value: undefined });
    expect(weightError(null)).toMatchObject({ weight: null });
    expect(() => scoreMatch(practitioner, commissioner, { ...DEFAULT_WEIGHTS, region: 100 })).toThrow(MatchingError);
  });

  it('rejects malformed profiles', () => {
    const bad = (overrides: object) => () =>
      scoreMatch(practitioner, { ...commissioner, ...overrides } as never, DEFAULT_WEIGHTS);
    for (const overrides of [
      { id: '' },
      { kind: 'ADMIN' },
      { welshAbility: 'SOME' },
      { regions: 'CAV' },
      { meetingsSoFar: -1 },
      { projectTerm: 'FOREVER' },
      { metBefore: 3 },
      { reciprocity: { givenHours: -1, receivedHours: 0, mostGivenKind: null, mostGivenHours: 0 } },
    ]) {
      expect(bad(overrides)).toThrow(expect.objectContaining({ code: MatchingErrorCode.INVALID_PARTICIPANT }));
    }
  });

  it('favours anyone who has given clearly more hours than they received, saying how many and of what', () => {
    const ledger = (
      givenHours: number,
      receivedHours: number,
      mostGivenKind: string | null = 'ADVICE',
      mostGivenHours = 6.5,
    ) => ({ givenHours, receivedHours, mostGivenKind, mostGivenHours });
    const owed = scoreMatch(practitioner, { ...commissioner, reciprocity: ledger(8, 2) }, only('equity'));
    expect(owed.score).toBeCloseTo(1 / 3, 6);
    expect(owed.reasons).toContainEqual({ code: 'HAS_GIVEN_MORE', params: { hours: 6, kind: 'ADVICE' } });
    // Even: no boost, no reason; the threshold is configurable.
    const even = scoreMatch(practitioner, { ...commissioner, reciprocity: ledger(3, 2) }, only('equity'));
    expect(even.score).toBe(0);
    expect(even.reasons.map((r) => r.code)).not.toContain('HAS_GIVEN_MORE');
    expect(
      scoreMatch(practitioner, { ...commissioner, reciprocity: ledger(3, 2, null, 3) }, only('equity'), {
        givenMoreThreshold: 1,
      }).reasons,
    ).toContainEqual({
      code: 'HAS_GIVEN_MORE',
      params: { hours: 3, kind: null },
    });
  });
});
