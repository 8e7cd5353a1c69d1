import { DomainError } from '../../core/errors/domain-error';

export enum RoomsErrorCode {
  /** The room opens 10 minutes before the meeting (details: opensAt). */
  TOO_EARLY = 'TOO_EARLY',
  /** The meeting is over: past 5 minutes after its end, finished, cancelled, or its room was ended. */
  ENDED = 'ENDED',
  /** Neither one of the meeting's people nor an organiser of its session. */
  NOT_A_PARTICIPANT = 'NOT_A_PARTICIPANT',
  /** An organiser removed this person from the meeting's room. */
  REMOVED = 'REMOVED',
  /** No LiveKit server is configured, or it did not answer. */
  VIDEO_UNAVAILABLE = 'VIDEO_UNAVAILABLE',
  /** The meeting is still PROPOSED: everyone must confirm it first. */
  NOT_CONFIRMED = 'NOT_CONFIRMED',
  /** Moderation and the live-room view are for the session's organisers. */
  NOT_SESSION_ORGANISER = 'NOT_SESSION_ORGANISER',
  /** The person to moderate is not in the meeting. */
  NOT_IN_MEETING = 'NOT_IN_MEETING',
  /** The person to restore was not removed from the meeting. */
  NOT_REMOVED = 'NOT_REMOVED',
  /** The person or track to moderate is not in the room right now. */
  NOT_IN_ROOM = 'NOT_IN_ROOM',
  /** There is no slot right after the meeting (the session ends, or a break follows). */
  NO_NEXT_SLOT = 'NO_NEXT_SLOT',
  /** Someone in the meeting already has a meeting in the next slot. */
  NEXT_SLOT_TAKEN = 'NEXT_SLOT_TAKEN',
  /** No no-show is recorded against the caller for this meeting. */
  NOT_A_NO_SHOW = 'NOT_A_NO_SHOW',
  /** The person to assign as interpreter does not have the interpreter role. */
  NOT_AN_INTERPRETER = 'NOT_AN_INTERPRETER',
  /** One of the meeting's own people cannot also be its interpreter (they are a party to its outcome). */
  INTERPRETER_IS_PARTICIPANT = 'INTERPRETER_IS_PARTICIPANT',
  /** The person to unassign is not an interpreter of the meeting. */
  NOT_ASSIGNED = 'NOT_ASSIGNED',
}

export class RoomsError extends DomainError<RoomsErrorCode> {
  static videoUnavailable(reason: string): RoomsError {
    return new RoomsError(
      RoomsErrorCode.VIDEO_UNAVAILABLE,
      'Video is unavailable at the moment; the meeting can go ahead by other means.',
      { reason },
    );
  }

  static notSessionOrganiser(sessionId: string): RoomsError {
    return new RoomsError(RoomsErrorCode.NOT_SESSION_ORGANISER, 'Only the session’s organisers can do this.', {
      sessionId,
    });
  }
}
