import { MeetingStatus } from '../booking/booking.enums';
import { MeetingEntity } from '../booking/entities/meeting.entity';
import { MeetingPerson, SESSION_CANCELLED } from '../booking/meeting-change-listener';
import { CalendarMethod } from './notifications.enums';

/**
 * One meeting as it was at the version that caused an e-mail: enough to render that e-mail and
 * its .ics faithfully later, even after the meeting moved or was cancelled. People are ids; their
 * names and addresses are read when the mail is delivered (nothing personal is copied here).
 */
export interface MeetingVersion {
  id: string;
  /** The calendar event's UID (the booking's, kept across reschedules); absent in rows queued before it was stored. */
  uid?: string;
  sequence: number;
  startsAt: string;
  endsAt: string;
  hostId: string;
  /** Everyone in the meeting at that version (the .ics attendees, the mail's "with"). */
  peopleIds: string[];
  tentative: boolean;
  /** Ended because the whole session was cancelled: the session's reason is shown. */
  sessionCancelled: boolean;
}

/**
 * The compact event the booking transaction writes into the outbox (the `payload` column, JSON);
 * the worker renders subject, bodies and .ics from it when it delivers. Short and stable shape:
 * one key per fact that cannot be read back later.
 */
export interface OutboxEvent {
  /** The session a meeting or request belongs to (its title); none for an invitation. */
  sessionId?: string;
  /** The meeting version this e-mail is about (booked, moved, cancelled, reminded). */
  meeting?: MeetingVersion;
  /** Attach the meeting's .ics with this method. */
  method?: CalendarMethod;
  /** For reschedules: the version before (its times; and its .ics cancelled when it was another meeting). */
  previous?: MeetingVersion;
  /** The previous meeting was another calendar event (rows queued before a reschedule kept the UID): attach its cancellation. */
  cancelPrevious?: boolean;
  fromId?: string;
  toId?: string;
  message?: string;
  reason?: string | null;
  /** ACCEPTED: a meeting was made at once. */
  scheduled?: boolean;
  /** ACTION_DUE: the follow-up action (its description is read at delivery) and the date it fell due. */
  actionId?: string;
  dueOn?: string;
  /** SESSION_MOVED, SESSION_END_CHANGED: the session's times before and after the change (its revision is in the dedupe key). */
  sessionMove?: { from: { startsAt: string; endsAt: string }; to: { startsAt: string; endsAt: string } };
  /** PROPOSAL_ACCEPTED, PROPOSAL_DECLINED: the theme proposal (its title, in the proposer's own words); `backer` when the recipient backed it rather than proposed it; `coOrganiser` when the proposer now co-organises the session; a decline's reason is `reason`. */
  proposal?: { id: string; title: string; backer?: boolean; coOrganiser?: boolean };
  /** INVITATION: the acceptance link (it holds the secret token: dropped from the row once sent) and its expiry. */
  invitationUrl?: string;
  /** PASSWORD_RESET: the reset link (it holds the secret token: dropped from the row once sent). */
  resetUrl?: string;
  /** STANDBY_OFFERED: the held seat's slot (its host is `fromId`; the claim window's end is `expiresAt`). */
  standby?: { startsAt: string; endsAt: string };
  /** EMAIL_CONFIRMATION: the confirmation link (it holds the secret token: dropped from the row once sent). */
  confirmUrl?: string;
  /** INVITATION, PASSWORD_RESET, EMAIL_CONFIRMATION: until when the link works; STANDBY_OFFERED: until when the seat is held. */
  expiresAt?: string;
}

/** The event as kept after delivery: without the secret links of an invitation, a password reset or an e-mail confirmation. */
export function withoutSecrets(event: OutboxEvent): OutboxEvent {
  const { invitationUrl, resetUrl, confirmUrl, ...kept } = event;
  return invitationUrl === undefined && resetUrl === undefined && confirmUrl === undefined ? event : kept;
}

export function meetingVersion(meeting: MeetingEntity, people: MeetingPerson[]): MeetingVersion {
  return {
    id: meeting.id,
    uid: meeting.calendarUid,
    sequence: meeting.sequence,
    startsAt: meeting.startsAt.toISOString(),
    endsAt: meeting.endsAt.toISOString(),
    hostId: meeting.hostId,
    peopleIds: [...new Set(people.map((p) => p.userId))],
    tentative: meeting.status === MeetingStatus.PROPOSED,
    sessionCancelled: meeting.cancelReason === SESSION_CANCELLED,
  };
}
