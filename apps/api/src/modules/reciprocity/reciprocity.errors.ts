import { DomainError } from '../../core/errors/domain-error';

export enum ReciprocityErrorCode {
  /** Not one of the meeting's participants. */
  NOT_A_PARTICIPANT = 'NOT_A_PARTICIPANT',
  /** Only held (COMPLETED) meetings count in the ledger (details: status). */
  MEETING_NOT_HELD = 'MEETING_NOT_HELD',
}

export class ReciprocityError extends DomainError<ReciprocityErrorCode> {}
