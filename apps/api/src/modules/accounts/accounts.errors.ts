import { DomainError } from '../../core/errors/domain-error';

export enum AccountsErrorCode {
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  LOGIN_THROTTLED = 'LOGIN_THROTTLED',
  INVITATION_INVALID = 'INVITATION_INVALID',
  /** resetPassword: the link is unknown, used, replaced by a newer one, or older than an hour. */
  PASSWORD_RESET_INVALID = 'PASSWORD_RESET_INVALID',
  /** confirmEmail: the link is unknown, used, replaced by a newer one, or older than 48 hours. */
  EMAIL_CONFIRMATION_INVALID = 'EMAIL_CONFIRMATION_INVALID',
  ROLE_NOT_INVITABLE = 'ROLE_NOT_INVITABLE',
  ORGANISATION_NOT_FOUND = 'ORGANISATION_NOT_FOUND',
  /** decideOrganisationMembership: the person has not asked to join an organisation (or it was decided already). */
  NO_MEMBERSHIP_REQUEST = 'NO_MEMBERSHIP_REQUEST',
  /** eraseMyAccount: the typed confirmation is not the account's e-mail address. */
  ERASURE_NOT_CONFIRMED = 'ERASURE_NOT_CONFIRMED',
  /** eraseMyAccount: something must be handed over first; `details.blockers` says what (e.g. sessions they organise). */
  ERASURE_BLOCKED = 'ERASURE_BLOCKED',
}

export class AccountsError extends DomainError<AccountsErrorCode> {}
