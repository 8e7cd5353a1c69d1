import { DomainError } from '../../core/errors/domain-error';

export enum FollowupsErrorCode {
  /** Not (or no longer) one of the meeting's people. */
  NOT_A_PARTICIPANT = 'NOT_A_PARTICIPANT',
  /** The meeting has not started yet (details: startsAt). */
  MEETING_NOT_STARTED = 'MEETING_NOT_STARTED',
  /** The meeting was cancelled: there is nothing to follow up. */
  MEETING_CANCELLED = 'MEETING_CANCELLED',
  /** The meeting never took place as agreed: still PROPOSED, or a NO_SHOW (details: status). */
  MEETING_NOT_HELD = 'MEETING_NOT_HELD',
  /** A new action's due date is before today (Europe/London). */
  DUE_DATE_IN_PAST = 'DUE_DATE_IN_PAST',
  /** The action's owner must be one of the meeting's people. */
  OWNER_NOT_A_PARTICIPANT = 'OWNER_NOT_A_PARTICIPANT',
  /** A referral route names the kind of organisation that will refer. */
  REFERRING_ORGANISATION_REQUIRED = 'REFERRING_ORGANISATION_REQUIRED',
  /** Referring organisation and team belong to referral routes only. */
  REFERRAL_DETAILS_NOT_ALLOWED = 'REFERRAL_DETAILS_NOT_ALLOWED',
  /** Only the action's owner changes its status or hands it on. */
  NOT_ACTION_OWNER = 'NOT_ACTION_OWNER',
  /** Each participant gives feedback once per meeting. */
  FEEDBACK_ALREADY_GIVEN = 'FEEDBACK_ALREADY_GIVEN',
  /** Evidence methods are described by practitioners. */
  PRACTITIONERS_ONLY = 'PRACTITIONERS_ONLY',
  /** Only the practitioner who described an evidence method edits or deletes it. */
  NOT_EVIDENCE_OWNER = 'NOT_EVIDENCE_OWNER',
  /** Feedback comments are for the session's organisers. */
  NOT_SESSION_ORGANISER = 'NOT_SESSION_ORGANISER',
  INVALID_CURSOR = 'INVALID_CURSOR',
}

export class FollowupsError extends DomainError<FollowupsErrorCode> {
  static notAParticipant(meetingId: string): FollowupsError {
    return new FollowupsError(FollowupsErrorCode.NOT_A_PARTICIPANT, 'You are not in this meeting.', { meetingId });
  }
}
