import { DomainError } from '../../core/errors/domain-error';

export enum NotificationsErrorCode {
  /** Booking confirmations and cancellations cannot be switched off (details: kinds). */
  ESSENTIAL_NOTIFICATION = 'ESSENTIAL_NOTIFICATION',
}

export class NotificationsError extends DomainError<NotificationsErrorCode> {
  static essential(kinds: string[]): NotificationsError {
    return new NotificationsError(NotificationsErrorCode.ESSENTIAL_NOTIFICATION, 'Booking confirmations and cancellations are always sent.', { kinds });
  }
}
