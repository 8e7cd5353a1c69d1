import { DomainError } from './domain-error';

/** Errors that belong to no single module: authentication, authorisation, input. */
export enum CommonErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  /** The database is out of reach for a moment (restarting, locked): nothing was changed; try again. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  /** The account has not confirmed its e-mail address yet, and this needs it (@ConfirmedEmail). */
  EMAIL_NOT_CONFIRMED = 'EMAIL_NOT_CONFIRMED',
}

export class CommonError extends DomainError<CommonErrorCode> {
  static unauthenticated(): CommonError {
    return new CommonError(CommonErrorCode.UNAUTHENTICATED, 'You need to sign in.');
  }

  static forbidden(rule: string): CommonError {
    return new CommonError(CommonErrorCode.FORBIDDEN, `Not allowed: ${rule}.`, { rule });
  }

  static notFound(entity: string, id: string): CommonError {
    return new CommonError(CommonErrorCode.NOT_FOUND, `${entity} ${id} was not found.`, { entity, id });
  }

  static badInput(message: string, fields: Record<string, string[]> = {}): CommonError {
    return new CommonError(CommonErrorCode.BAD_USER_INPUT, message, { fields });
  }

  static emailNotConfirmed(): CommonError {
    return new CommonError(
      CommonErrorCode.EMAIL_NOT_CONFIRMED,
      'Confirm your e-mail address first: follow the link we sent you.',
    );
  }

  static unavailable(): CommonError {
    return new CommonError(
      CommonErrorCode.SERVICE_UNAVAILABLE,
      'The service is briefly unavailable; nothing was changed. Try again in a moment.',
      { retryable: true },
    );
  }

  static invalidTransition(entity: string, from: string, to: string): CommonError {
    return new CommonError(CommonErrorCode.INVALID_TRANSITION, `${entity} cannot go from ${from} to ${to}.`, {
      entity,
      from,
      to,
    });
  }
}
