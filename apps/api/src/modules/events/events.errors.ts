import { DomainError } from '../../core/errors/domain-error';

export enum EventsErrorCode {
  END_NOT_AFTER_START = 'END_NOT_AFTER_START',
  SLOT_LENGTH_DOES_NOT_DIVIDE = 'SLOT_LENGTH_DOES_NOT_DIVIDE',
  TOO_MANY_SLOTS = 'TOO_MANY_SLOTS',
  BREAK_OUT_OF_RANGE = 'BREAK_OUT_OF_RANGE',
  SESSION_IN_PAST = 'SESSION_IN_PAST',
  CONDITIONS_REQUIRED = 'CONDITIONS_REQUIRED',
  SLOT_HAS_MEETINGS = 'SLOT_HAS_MEETINGS',
  SESSION_NOT_EDITABLE = 'SESSION_NOT_EDITABLE',
  NOT_SESSION_ORGANISER = 'NOT_SESSION_ORGANISER',
  INVALID_CURSOR = 'INVALID_CURSOR',
  /** The theme proposal has been decided: it takes no more backing or comments. */
  PROPOSAL_NOT_OPEN = 'PROPOSAL_NOT_OPEN',
  /** More comments on theme proposals in the last hour than one person may write. */
  TOO_MANY_COMMENTS = 'TOO_MANY_COMMENTS',
}

export class EventsError extends DomainError<EventsErrorCode> {}
