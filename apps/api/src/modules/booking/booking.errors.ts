import { DomainError } from '../../core/errors/domain-error';

export enum BookingErrorCode {
  /** Every seat of the slot was taken (possibly a moment ago, by a concurrent booking). */
  SLOT_TAKEN = 'SLOT_TAKEN',
  /** Someone in the meeting already has a meeting in that slot. */
  PARTICIPANT_BUSY = 'PARTICIPANT_BUSY',
  /** You yourself already have a meeting in that slot (details: meetingId, the clashing meeting). */
  SELF_BUSY = 'SELF_BUSY',
  SESSION_NOT_OPEN = 'SESSION_NOT_OPEN',
  REQUESTS_CLOSED = 'REQUESTS_CLOSED',
  NOT_REGISTERED = 'NOT_REGISTERED',
  ALREADY_REGISTERED = 'ALREADY_REGISTERED',
  NOT_A_HOST = 'NOT_A_HOST',
  HOST_ROLE_REQUIRED = 'HOST_ROLE_REQUIRED',
  SLOT_IN_PAST = 'SLOT_IN_PAST',
  SLOT_IS_BREAK = 'SLOT_IS_BREAK',
  SLOT_NOT_IN_SESSION = 'SLOT_NOT_IN_SESSION',
  CANNOT_BOOK_SELF = 'CANNOT_BOOK_SELF',
  CANNOT_REQUEST_SELF = 'CANNOT_REQUEST_SELF',
  DUPLICATE_REQUEST = 'DUPLICATE_REQUEST',
  REQUEST_EXPIRED = 'REQUEST_EXPIRED',
  /** The sender already has the session's most requests waiting for an answer (details: cap). */
  REQUEST_CAP_REACHED = 'REQUEST_CAP_REACHED',
  NO_MUTUAL_SLOT = 'NO_MUTUAL_SLOT',
  NOT_AVAILABLE = 'NOT_AVAILABLE',
  NOT_A_PARTICIPANT = 'NOT_A_PARTICIPANT',
  NOT_YOUR_REQUEST = 'NOT_YOUR_REQUEST',
  OFFER_HAS_BOOKINGS = 'OFFER_HAS_BOOKINGS',
  SEATS_BELOW_BOOKED = 'SEATS_BELOW_BOOKED',
  GROUP_MEETING = 'GROUP_MEETING',
  SAME_SLOT = 'SAME_SLOT',
  /** A meeting's outcome is given once it has started. */
  MEETING_NOT_STARTED = 'MEETING_NOT_STARTED',
  /** Standby is for full offers: this one has a seat free (book it). */
  OFFER_HAS_SEATS = 'OFFER_HAS_SEATS',
  /** You already have a seat in this offer's meeting. */
  ALREADY_BOOKED = 'ALREADY_BOOKED',
  /** No seat is being offered to you from this standby list (never, or already claimed). */
  STANDBY_NOT_OFFERED = 'STANDBY_NOT_OFFERED',
  /** The claim window closed: the seat goes to the next on standby. */
  STANDBY_CLAIM_EXPIRED = 'STANDBY_CLAIM_EXPIRED',
  NOT_ON_STANDBY = 'NOT_ON_STANDBY',
  /** The session's guest places are all taken: join its waiting list (details: cap). */
  SESSION_FULL = 'SESSION_FULL',
  /** The waiting list is for full sessions: this one has a place (register). */
  SESSION_HAS_PLACES = 'SESSION_HAS_PLACES',
  NOT_ON_WAITING_LIST = 'NOT_ON_WAITING_LIST',
  /**
   * Extra time takes the slot and the next one: there is no next slot (or it is a break), it is
   * not offered by the same host, or someone is not free in it (details: reason, slotId, userIds).
   */
  NO_CONSECUTIVE_SLOT = 'NO_CONSECUTIVE_SLOT',
}

export class BookingError extends DomainError<BookingErrorCode> {}
