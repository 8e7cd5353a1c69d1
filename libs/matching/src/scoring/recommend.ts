import { MatchingError, MatchingErrorCode } from '../matching.errors';
import { scoreValidated, validateParticipant, validateWeights } from './score-match';
import { MatchParticipant, Recommendation, ScoringContext, ScoringWeights } from './scoring.types';

/**
 * The `limit` best matches for `me` among `others` (me itself left out), best first. Ties in
 * score are broken by participant id (code-unit order), so the ranking is deterministic whatever
 * the order of `others`. Throws MatchingError on invalid weights (WEIGHT_OUT_OF_RANGE), limit
 * (INVALID_LIMIT), profiles (INVALID_PARTICIPANT) or two others with one id (DUPLICATE_ID).
 */
export function recommend(
  me: MatchParticipant,
  others: readonly MatchParticipant[],
  weights: ScoringWeights,
  limit: number,
  context: ScoringContext = {},
): Recommendation[] {
  const clean = validateWeights(weights);
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) {
    throw new MatchingError(MatchingErrorCode.INVALID_LIMIT, 'limit must be an integer ≥ 0', { limit });
  }
  if (!Array.isArray(others))
    throw new MatchingError(MatchingErrorCode.INVALID_INPUT, 'others must be an array', { field: 'others' });
  validateParticipant(me);
  const seen = new Set<string>();
  const ranked: Recommendation[] = [];
  for (const other of others) {
    validateParticipant(other);
    if (seen.has(other.id))
      throw new MatchingError(MatchingErrorCode.DUPLICATE_ID, `participant ${other.id} appears twice`, {
        kind: 'participant',
        id: other.id,
      });
    seen.add(other.id);
    if (other.id === me.id) continue;
    ranked.push({ participantId: other.id, ...scoreValidated(me, other, clean, context) });
  }
  ranked.sort(
    (a, b) => b.score - a.score || (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0),
  );
  return ranked.slice(0, limit);
}
