import { DomainError } from '../../core/errors/domain-error';
import { Role } from '../../core/auth/role';
import { Vocabulary } from './profiles.enums';

export enum ProfilesErrorCode {
  /** A code that is not a term of the vocabulary; `details.codes` lists the offending ones. */
  UNKNOWN_TERM = 'UNKNOWN_TERM',
  /** A profile field that only some roles may set (e.g. referral capacity: link workers). */
  FIELD_NOT_FOR_ROLE = 'FIELD_NOT_FOR_ROLE',
  /** A directory listing switched on without the fields it needs; `details.missing` names them. */
  DIRECTORY_LISTING_INCOMPLETE = 'DIRECTORY_LISTING_INCOMPLETE',
}

export class ProfilesError extends DomainError<ProfilesErrorCode> {
  static unknownTerms(vocabulary: Vocabulary, codes: string[]): ProfilesError {
    return new ProfilesError(
      ProfilesErrorCode.UNKNOWN_TERM,
      `Unknown ${vocabulary} code${codes.length === 1 ? '' : 's'}: ${codes.join(', ')}.`,
      { vocabulary, codes },
    );
  }

  static fieldNotForRole(field: string, role: Role): ProfilesError {
    return new ProfilesError(ProfilesErrorCode.FIELD_NOT_FOR_ROLE, `Only a ${role} profile may set ${field}.`, {
      field,
      role,
    });
  }

  static listingIncomplete(missing: string[]): ProfilesError {
    return new ProfilesError(
      ProfilesErrorCode.DIRECTORY_LISTING_INCOMPLETE,
      `A directory listing needs a service name, a way of delivery and a public website or e-mail (missing: ${missing.join(', ')}).`,
      { missing },
    );
  }
}
