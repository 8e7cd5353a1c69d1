import { DomainError } from '../../core/errors/domain-error';

export enum NotificationsErrorCode {
  /** Booking confirmations and cancellations cannot be switched off (details: kinds). */
  ESSENTIAL_NOTIFICATION = 'ESSENTIAL_NOTIFICATION',
  /** createCalendarFeed when the caller has a feed already: rotate or revoke it. */
  CALENDAR_FEED_EXISTS = 'CALENDAR_FEED_EXISTS',
}

export class NotificationsError extends DomainError<NotificationsErrorCode> {
  static essential(kinds: string[]): NotificationsError {
    return new NotificationsError(
      NotificationsErrorCode.ESSENTIAL_NOTIFICATION,
      'Booking confirmations and cancellations are always sent.',
      { kinds },
    );
  }

  static feedExists(): NotificationsError {
    return new NotificationsError(
      NotificationsErrorCode.CALENDAR_FEED_EXISTS,
      'You have a calendar feed already: rotate or revoke it.',
    );
  }
}
