/** What an e-mail is about; one template per kind (messages/cy.json, messages/en.json). */
export enum NotificationKind {
  BOOKED = 'BOOKED',
  REQUESTED = 'REQUESTED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  CANCELLED = 'CANCELLED',
  RESCHEDULED = 'RESCHEDULED',
  PROPOSED = 'PROPOSED',
  /** 24 hours before a confirmed meeting. */
  REMINDER_DAY = 'REMINDER_DAY',
  /** 10 minutes before a confirmed meeting. */
  REMINDER_SOON = 'REMINDER_SOON',
  /** A meeting request still unanswered after 48 hours: once, to the addressee and an invited third party who has not answered. */
  NUDGE = 'NUDGE',
  /** The morning (Europe/London) an open follow-up action falls due: once per action and due date, to its owner. */
  ACTION_DUE = 'ACTION_DUE',
  /** A session the person registered for (host or guest) moved: its old and new times. */
  SESSION_MOVED = 'SESSION_MOVED',
  /** A published session the person registered for now ends at another time (slots added or removed at its end). */
  SESSION_END_CHANGED = 'SESSION_END_CHANGED',
  /** A session the person registered for was cancelled: the organiser's reason. */
  SESSION_CANCELLED = 'SESSION_CANCELLED',
  /** An invitation to join, to an address with no account yet (in both languages). */
  INVITATION = 'INVITATION',
  /** A password-reset link, asked for on the sign-in page (in both languages: whoever forgot may not be in their usual setting). */
  PASSWORD_RESET = 'PASSWORD_RESET',
}

/** Booking confirmations and cancellations, and changes to a session someone registered for: always sent, whatever the person's preferences. */
export const ESSENTIAL_KINDS: ReadonlySet<NotificationKind> = new Set([
  NotificationKind.BOOKED,
  NotificationKind.ACCEPTED,
  NotificationKind.CANCELLED,
  NotificationKind.RESCHEDULED,
  NotificationKind.SESSION_MOVED,
  NotificationKind.SESSION_END_CHANGED,
  NotificationKind.SESSION_CANCELLED,
  NotificationKind.INVITATION,
  NotificationKind.PASSWORD_RESET,
]);

/** E-mails about a session as a whole, to everyone registered for it; they link to the session page. */
export type SessionChangeKind = NotificationKind.SESSION_MOVED | NotificationKind.SESSION_END_CHANGED | NotificationKind.SESSION_CANCELLED;
export const SESSION_CHANGE_KINDS: ReadonlySet<NotificationKind> = new Set<SessionChangeKind>([
  NotificationKind.SESSION_MOVED,
  NotificationKind.SESSION_END_CHANGED,
  NotificationKind.SESSION_CANCELLED,
]);

/** Kinds a person can choose about (an invitation reaches someone who has no account yet; a reset link is only ever asked for). */
export const PREFERENCE_KINDS: readonly NotificationKind[] = Object.values(NotificationKind).filter((kind) => kind !== NotificationKind.INVITATION && kind !== NotificationKind.PASSWORD_RESET);

/**
 * PENDING (waiting for next_attempt_at) → SENDING (claimed by one worker until claimed_until) →
 * SENT, or back to PENDING with a later next_attempt_at after a failure, or FAILED after the last
 * attempt.
 */
export enum OutboxStatus {
  PENDING = 'PENDING',
  SENDING = 'SENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}

/** How a SENT mail went out: into the in-app outbox (embedded mode, logged) or over SMTP. */
export enum DeliveryChannel {
  OUTBOX = 'OUTBOX',
  SMTP = 'SMTP',
}

/** The calendar method of the attached .ics. */
export enum CalendarMethod {
  REQUEST = 'REQUEST',
  CANCEL = 'CANCEL',
}
