/**
 * The one exception class of @cyswllt/matching, with its code enum. Callers (the api's matching
 * module) map `code` to a GraphQL `extensions.code`; `details` carries the offending names and
 * values so a message can be rendered in Welsh or English without parsing `message`.
 */
export enum MatchingErrorCode {
  /** A scoring weight is missing, not a finite number, or outside WEIGHT_RANGE. */
  WEIGHT_OUT_OF_RANGE = 'WEIGHT_OUT_OF_RANGE',
  /** `recommend`'s limit is not a non-negative integer. */
  INVALID_LIMIT = 'INVALID_LIMIT',
  /** A participant profile is malformed (no id, unknown kind or Welsh ability, …). */
  INVALID_PARTICIPANT = 'INVALID_PARTICIPANT',
  /** The scheduler's input is not the documented shape (not an array, not a string id, …). */
  INVALID_INPUT = 'INVALID_INPUT',
  /** Two slots, people, candidates or fixed meetings share an id. */
  DUPLICATE_ID = 'DUPLICATE_ID',
  /** An id names no person of the input. */
  UNKNOWN_PERSON = 'UNKNOWN_PERSON',
  /** An id names no slot of the input. */
  UNKNOWN_SLOT = 'UNKNOWN_SLOT',
  /** Seats are not a positive integer. */
  INVALID_SEATS = 'INVALID_SEATS',
  /** A candidate meets itself, repeats a person, has an unknown tier or a score that is not a finite number ≥ 0. */
  INVALID_CANDIDATE = 'INVALID_CANDIDATE',
  /** The input contradicts itself: two slots with one index, two capacities for one host and slot, fixed meetings that double-book a person or overfill a host's seats. */
  CONTRADICTORY_INPUT = 'CONTRADICTORY_INPUT',
  /** Scheduler options are invalid (effort, progressIntervalMs, seed). */
  INVALID_OPTIONS = 'INVALID_OPTIONS',
  /** The asynchronous scheduler was stopped through its AbortSignal. */
  ABORTED = 'ABORTED',
}

export class MatchingError extends Error {
  constructor(
    readonly code: MatchingErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    // An aborted run looks like any other aborted operation (`error.name === 'AbortError'`).
    this.name = code === MatchingErrorCode.ABORTED ? 'AbortError' : 'MatchingError';
  }
}
