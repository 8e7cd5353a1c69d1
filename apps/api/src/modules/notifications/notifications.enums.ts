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
}

/** Booking confirmations and cancellations: always sent, whatever the person's preferences. */
export const ESSENTIAL_KINDS: ReadonlySet<NotificationKind> = new Set([
  NotificationKind.BOOKED,
  NotificationKind.ACCEPTED,
  NotificationKind.CANCELLED,
  NotificationKind.RESCHEDULED,
]);

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
