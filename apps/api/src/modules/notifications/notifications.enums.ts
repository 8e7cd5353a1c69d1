/** What an e-mail is about; one template per kind (messages/cy.json, messages/en.json). */
export enum NotificationKind {
  BOOKED = 'BOOKED',
  REQUESTED = 'REQUESTED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  CANCELLED = 'CANCELLED',
  RESCHEDULED = 'RESCHEDULED',
  PROPOSED = 'PROPOSED',
  /** Everyone agreed to a PROPOSED meeting: the calendar update (STATUS:CONFIRMED, next SEQUENCE). */
  CONFIRMED = 'CONFIRMED',
  /** 24 hours before a confirmed meeting. */
  REMINDER_DAY = 'REMINDER_DAY',
  /** 10 minutes before a confirmed meeting. */
  REMINDER_SOON = 'REMINDER_SOON',
  /** A meeting request still unanswered after 48 hours: once, to the addressee and an invited third party who has not answered. */
  NUDGE = 'NUDGE',
  /** A meeting request still unanswered when its session started: to its sender and its addressee. */
  REQUEST_EXPIRED = 'REQUEST_EXPIRED',
  /** The morning (Europe/London) an open follow-up action falls due: once per action and due date, to its owner. */
  ACTION_DUE = 'ACTION_DUE',
  /** A session the person registered for (host or guest) moved: its old and new times. */
  SESSION_MOVED = 'SESSION_MOVED',
  /** A published session the person registered for now ends at another time (slots added or removed at its end). */
  SESSION_END_CHANGED = 'SESSION_END_CHANGED',
  /** A session the person registered for was cancelled: the organiser's reason. */
  SESSION_CANCELLED = 'SESSION_CANCELLED',
  /** An organiser took the person out of a meeting before its start (no reminders, no room). */
  PARTICIPANT_REMOVED = 'PARTICIPANT_REMOVED',
  /** An organiser undid that: the person is in the meeting again. */
  PARTICIPANT_RESTORED = 'PARTICIPANT_RESTORED',
  /** The person's theme proposal became a draft session. */
  PROPOSAL_ACCEPTED = 'PROPOSAL_ACCEPTED',
  /** The person's theme proposal was declined: the organiser's reason. */
  PROPOSAL_DECLINED = 'PROPOSAL_DECLINED',
  /** An invitation to join, to an address with no account yet (in both languages). */
  INVITATION = 'INVITATION',
  /** A password-reset link, asked for on the sign-in page (in both languages: whoever forgot may not be in their usual setting). */
  PASSWORD_RESET = 'PASSWORD_RESET',
  /** Someone tried to create an account with the address of an existing one: told to its holder, in their language. */
  SIGN_UP_ATTEMPT = 'SIGN_UP_ATTEMPT',
  /** A freed seat is held for the person, first on its standby list, until a time: claim it or it passes on. */
  STANDBY_OFFERED = 'STANDBY_OFFERED',
  /** To a group meeting's host: a guest can't make it (their optional reason); the meeting goes on. */
  GUEST_LEFT = 'GUEST_LEFT',
  /** A new account's link to confirm its e-mail address, in the person's language. */
  EMAIL_CONFIRMATION = 'EMAIL_CONFIRMATION',
  /** A place came free in a full session and went to the person, first on its waiting list: they are registered now. */
  WAITING_LIST_PLACED = 'WAITING_LIST_PLACED',
}

/** Booking confirmations and cancellations, and changes to a session someone registered for: always sent, whatever the person's preferences. */
export const ESSENTIAL_KINDS: ReadonlySet<NotificationKind> = new Set([
  NotificationKind.BOOKED,
  NotificationKind.ACCEPTED,
  NotificationKind.CANCELLED,
  NotificationKind.RESCHEDULED,
  NotificationKind.CONFIRMED,
  NotificationKind.SESSION_MOVED,
  NotificationKind.SESSION_END_CHANGED,
  NotificationKind.SESSION_CANCELLED,
  NotificationKind.PARTICIPANT_REMOVED,
  NotificationKind.PARTICIPANT_RESTORED,
  NotificationKind.INVITATION,
  NotificationKind.PASSWORD_RESET,
  NotificationKind.SIGN_UP_ATTEMPT,
  NotificationKind.STANDBY_OFFERED,
  NotificationKind.EMAIL_CONFIRMATION,
  NotificationKind.WAITING_LIST_PLACED,
]);

/** E-mails about a session as a whole, to everyone registered for it; they link to the session page. */
export type SessionChangeKind =
  NotificationKind.SESSION_MOVED | NotificationKind.SESSION_END_CHANGED | NotificationKind.SESSION_CANCELLED;
export const SESSION_CHANGE_KINDS: ReadonlySet<NotificationKind> = new Set<SessionChangeKind>([
  NotificationKind.SESSION_MOVED,
  NotificationKind.SESSION_END_CHANGED,
  NotificationKind.SESSION_CANCELLED,
]);

/** E-mails about the person's place in a session: they link to its page and give its times. */
export const SESSION_PAGE_KINDS: ReadonlySet<NotificationKind> = new Set([
  ...SESSION_CHANGE_KINDS,
  NotificationKind.WAITING_LIST_PLACED,
]);

/** Kinds about the account itself, nobody's choice: an invitation (to someone with no account yet), a reset or confirmation link (asked for), a sign-up attempt (a security notice). */
const ACCOUNT_KINDS: ReadonlySet<NotificationKind> = new Set([
  NotificationKind.INVITATION,
  NotificationKind.PASSWORD_RESET,
  NotificationKind.SIGN_UP_ATTEMPT,
  NotificationKind.EMAIL_CONFIRMATION,
]);

/** Kinds a person can choose about. */
export const PREFERENCE_KINDS: readonly NotificationKind[] = Object.values(NotificationKind).filter(
  (kind) => !ACCOUNT_KINDS.has(kind),
);

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
