import { DomainError } from '../../core/errors/domain-error';

export enum ImpactErrorCode {
  /** The date range ends before it starts. */
  INVALID_DATE_RANGE = 'INVALID_DATE_RANGE',
}

export class ImpactError extends DomainError<ImpactErrorCode> {}
