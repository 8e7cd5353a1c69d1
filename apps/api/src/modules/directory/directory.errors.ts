import { DomainError } from '../../core/errors/domain-error';

export enum DirectoryErrorCode {
  /** `per_page` outside 1…MAX_PER_PAGE or not a whole number. */
  INVALID_PAGE_SIZE = 'INVALID_PAGE_SIZE',
  /** `page` below 1 or not a whole number. */
  INVALID_PAGE = 'INVALID_PAGE',
  /** Another query parameter the feed cannot read (e.g. `modified_after` that is not a date-time). */
  INVALID_PARAMETER = 'INVALID_PARAMETER',
  NOT_FOUND = 'NOT_FOUND',
}

/** The feed is plain HTTP, not GraphQL: DirectoryHttpErrorFilter answers these as 400 / 404 JSON. */
export class DirectoryError extends DomainError<DirectoryErrorCode> {
  get httpStatus(): number {
    return this.code === DirectoryErrorCode.NOT_FOUND ? 404 : 400;
  }
}
