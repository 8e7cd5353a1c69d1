import { describe, expect, it } from 'vitest';
import { MatchingErrorCode } from '../matching.errors';
import { profile } from '../testing/profiles';
import { recommend } from './recommend';
import { scoreMatch } from './score-match';
import { DEFAULT_WEIGHTS } from './scoring.types';

const me = profile('me', { conditions: ['DEMENTIA'], regions: ['CAV'], needs: ['FUNDING'], metBefore: ['old'] });
const others = [
  profile('commissioner', { kind: 'COMMISSIONER', conditions: ['DEMENTIA'], regions: ['CAV'], offers: ['FUNDING'] }),
  profile('sameRegion', { regions: ['CAV'] }),
  profile('zeta', { conditions: ['DEMENTIA'] }),
  profile('alpha', { conditions: ['DEMENTIA'] }),
  profile('old', { conditions: ['DEMENTIA'], regions: ['CAV'] }),
  profile('linkFull', { kind: 'LINK_WORKER', conditions: ['DEMENTIA'], regions: ['CAV'], referralCapacityLeft: 0 }),
  profile('nothing'),
  profile('me', { conditions: ['DEMENTIA'] }),
];

describe('recommend', () => {
  it('ranks by score with reasons, leaving me out, ties by id', () => {
    const ranked = recommend(me, others, DEFAULT_WEIGHTS, 10);
    expect(ranked.map((r) => r.participantId)).toEqual([
      'commissioner',
      'old',
      'alpha',
      'zeta',
      'linkFull',
      'sameRegion',
      'nothing',
    ]);
    for (const r of ranked) {
      const other = others.find((o) => o.id === r.participantId)!;
      expect({ score: r.score, reasons: r.reasons }).toEqual(scoreMatch(me, other, DEFAULT_WEIGHTS));
    }
    expect(ranked[2].score).toBe(ranked[3].score);
    expect(ranked[0].reasons.map((r) => r.code)).toEqual([
      'SHARED_CONDITIONS',
      'COMMISSIONS_IN_REGION',
      'OFFERS_WHAT_YOU_NEED',
      'NOT_MET_BEFORE',
    ]);
  });

  it('is deterministic whatever the order of the others', () => {
    const expected = recommend(me, others, DEFAULT_WEIGHTS, 5);
    const reversed = recommend(me, [...others].reverse(), DEFAULT_WEIGHTS, 5);
    const rotated = recommend(me, [...others.slice(3), ...others.slice(0, 3)], DEFAULT_WEIGHTS, 5);
    expect(reversed).toEqual(expected);
    expect(rotated).toEqual(expected);
    expect(expected).toHaveLength(5);
  });

  it('follows the weights', () => {
    const regionOnly = { conditionOverlap: 0, region: 10, language: 0, offersNeeds: 0, novelty: 0, equity: 0 };
    // Everyone in CAV scores 1 (the full link worker 0.5); ties by id.
    expect(recommend(me, others, regionOnly, 4).map((r) => [r.participantId, r.score])).toEqual([
      ['commissioner', 1],
      ['old', 1],
      ['sameRegion', 1],
      ['linkFull', 0.5],
    ]);
  });

  it('accepts a limit of 0 and rejects invalid limits, weights, profiles and duplicates', () => {
    expect(recommend(me, others, DEFAULT_WEIGHTS, 0)).toEqual([]);
    expect(recommend(me, [], DEFAULT_WEIGHTS, 3)).toEqual([]);
    for (const limit of [-1, 1.5, Number.NaN]) {
      expect(() => recommend(me, others, DEFAULT_WEIGHTS, limit)).toThrow(
        expect.objectContaining({ code: MatchingErrorCode.INVALID_LIMIT }),
      );
    }
    expect(() => recommend(me, others, { ...DEFAULT_WEIGHTS, novelty: 12 }, 3)).toThrow(
      expect.objectContaining({
        code: MatchingErrorCode.WEIGHT_OUT_OF_RANGE,
        details: { weight: 'novelty', value: 12, min: 0, max: 10 },
      }),
    );
    expect(() => recommend(me, [others[0], others[0]], DEFAULT_WEIGHTS, 3)).toThrow(
      expect.objectContaining({ code: MatchingErrorCode.DUPLICATE_ID }),
    );
    expect(() => recommend(me, [{ ...others[0], kind: 'ORGANISER' as never }], DEFAULT_WEIGHTS, 3)).toThrow(
      expect.objectContaining({ code: MatchingErrorCode.INVALID_PARTICIPANT }),
    );
  });
});
