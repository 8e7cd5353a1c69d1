import { ArgumentsHost, BadRequestException, Catch, HttpException } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { CommonError } from '../errors/common.errors';
import { isDatabaseUnavailable } from '../database/database';
import { DomainError } from '../errors/domain-error';

/** The one place that turns every module's errors into GraphQL errors with `extensions.code`. */
@Catch()
export class DomainErrorFilter implements GqlExceptionFilter {
  catch(exception: unknown, _host: ArgumentsHost): unknown {
    if (exception instanceof DomainError) return toGraphQLError(exception);
    if (exception instanceof BadRequestException) {
      return toGraphQLError(CommonError.badInput(exception.message));
    }
    if (exception instanceof HttpException && exception.getStatus() === 413) {
      return toGraphQLError(CommonError.badInput('The request is too large.'));
    }
    // A transaction that failed this way rolled back: the client may retry.
    if (isDatabaseUnavailable(exception)) return toGraphQLError(CommonError.unavailable());
    return exception;
  }
}

export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, { extensions: { code: error.code, ...error.details } });
}
