import { DomainError } from '../../core/errors/domain-error';

export enum AccountsErrorCode {
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  LOGIN_THROTTLED = 'LOGIN_THROTTLED',
  INVITATION_INVALID = 'INVITATION_INVALID',
  ROLE_NOT_INVITABLE = 'ROLE_NOT_INVITABLE',
  ORGANISATION_NOT_FOUND = 'ORGANISATION_NOT_FOUND',
}

export class AccountsError extends DomainError<AccountsErrorCode> {}
