import type { ApolloServerPlugin } from '@apollo/server';
import { Logger } from '@nestjs/common';
import type { OperationAware } from '../logging/request-logging';
import { isRequestError } from './request-error';
import type { RequestContext } from './request-context';

/** The name a GraphQL request is known by in logs and metrics: `Name`, or `anonymous query`. */
export function operationLabel(name: string | null | undefined, kind: string): string {
  return name ?? `anonymous ${kind}`;
}

/**
 * Names each GraphQL request's operation on its request (the request log line carries it) and logs
 * unexpected errors — those without a typed code that are not about the request itself — with
 * their stack. Never logs variables.
 */
export function operationLogPlugin(): ApolloServerPlugin<RequestContext> {
  const logger = new Logger('GraphQL');
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didResolveOperation({ operation }) {
          if (!operation) return;
          (contextValue.req as OperationAware).graphqlOperation = operationLabel(
            operation.name?.value,
            operation.operation,
          );
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if ((code === undefined || code === 'INTERNAL_SERVER_ERROR') && !isRequestError(error))
              logger.error(error.originalError ?? error);
          }
        },
      };
    },
  };
}

/** Apollo's own log lines (e.g. an unexpected error processing a request) as JSON through Nest's logger. */
export function apolloLogger(): {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
} {
  const logger = new Logger('Apollo');
  return {
    debug: (message) => logger.debug(message),
    info: (message) => logger.log(message),
    warn: (message) => logger.warn(message),
    error: (message) => logger.error(message),
  };
}
