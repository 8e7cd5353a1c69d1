import { DomainError } from '../../core/errors/domain-error';

export enum AccessErrorCode {
  /** Access needs are kept only with the person's explicit consent (consent: true); nothing was stored. */
  CONSENT_REQUIRED = 'CONSENT_REQUIRED',
  /** A meeting's access needs are for its session's organisers and its assigned interpreter only. */
  ACCESS_NEEDS_PRIVATE = 'ACCESS_NEEDS_PRIVATE',
}

export class AccessError extends DomainError<AccessErrorCode> {
  static consentRequired(): AccessError {
    return new AccessError(
      AccessErrorCode.CONSENT_REQUIRED,
      'Access needs are kept only with your consent: tick the consent box, or leave the needs out.',
    );
  }

  static private(meetingId: string): AccessError {
    return new AccessError(
      AccessErrorCode.ACCESS_NEEDS_PRIVATE,
      'Only the session’s organisers and the meeting’s interpreter see its access needs.',
      { meetingId },
    );
  }
}
