import { MatchingError as LibraryError } from '@cyswllt/matching';
import { DomainError } from '../../core/errors/domain-error';

export enum MatchingErrorCode {
  WEIGHT_OUT_OF_RANGE = 'WEIGHT_OUT_OF_RANGE',
  NOT_IN_SESSION = 'NOT_IN_SESSION',
  SCHEDULE_ALREADY_RUNNING = 'SCHEDULE_ALREADY_RUNNING',
  SCHEDULE_NOT_READY = 'SCHEDULE_NOT_READY',
  SCHEDULE_NOT_RUNNING = 'SCHEDULE_NOT_RUNNING',
  SCHEDULE_STALE = 'SCHEDULE_STALE',
  SESSION_NOT_SCHEDULABLE = 'SESSION_NOT_SCHEDULABLE',
  INVALID_SCHEDULE_INPUT = 'INVALID_SCHEDULE_INPUT',
  /** The link worker has no referral places left this month and takes no requests until next month. */
  NO_REFERRAL_PLACES = 'NO_REFERRAL_PLACES',
}

export class MatchingError extends DomainError<MatchingErrorCode> {
  /** The library's own errors, as this module's typed errors (input it was given was wrong). */
  static fromLibrary(error: unknown): unknown {
    if (!(error instanceof LibraryError)) return error;
    const code =
      error.code === 'WEIGHT_OUT_OF_RANGE'
        ? MatchingErrorCode.WEIGHT_OUT_OF_RANGE
        : MatchingErrorCode.INVALID_SCHEDULE_INPUT;
    return new MatchingError(code, error.message, { reason: error.code, ...error.details });
  }
}
