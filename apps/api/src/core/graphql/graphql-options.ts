import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ApolloDriverConfig } from '@nestjs/apollo';
import type { Request, Response } from 'express';
import { GraphQLFormattedError, ValidationRule } from 'graphql';
import { AppConfig } from '../../config/app-config';
import { BoundedDateTime } from './date-time.scalar';
import { knownOperationTypesRule, noSubscriptionsOverHttpRule } from './known-operation-types.rule';
import { wellFormedStringsRule } from '../web/text-guard';
import { isRequestError } from './request-error';
import { apolloLogger, operationLogPlugin } from './operation-log.plugin';
import { RequestContext } from './request-context';
import { RequestLoaders } from './request-loaders';
import { sqlStatementsHeaderPlugin } from './sql-statements.plugin';

export const GRAPHQL_PATH = '/graphql';

/** Tokens one document may have; past it parsing stops (GRAPHQL_PARSE_FAILED, 400). */
const MAX_TOKENS = 2000;

export interface GraphQLProtection {
  armor: ReturnType<ApolloArmor['protect']>;
  /** graphql-armor's depth, alias, cost and directive rules, for documents validated outside Apollo. */
  validationRules: ValidationRule[];
  maxTokens: number;
  /** Masks unexpected errors in production. */
  formatError: (formatted: GraphQLFormattedError, error?: unknown) => GraphQLFormattedError;
}

/** The limits every GraphQL document gets, over HTTP (Apollo) and WebSocket (subscription-server.ts). */
export function graphqlProtection(config: AppConfig): GraphQLProtection {
  const armor = new ApolloArmor({
    maxDepth: { n: config.graphqlMaxDepth },
    maxAliases: { n: config.graphqlMaxAliases },
    costLimit: { maxCost: config.graphqlMaxCost },
    maxDirectives: { n: 10 },
    // armor's token limit re-parses the document in a plugin hook, where any syntax error (even
    // a plain typo) becomes an HTTP 500; graphql-js' own parser limit (parseOptions) gives 400.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: config.isProduction },
  }).protect();
  return {
    armor,
    validationRules: armor.validationRules ?? [],
    maxTokens: MAX_TOKENS,
    // Errors about the request itself are typed BAD_USER_INPUT; unexpected ones are masked in production.
    formatError: (formatted, error) => {
      const code = formatted.extensions?.code;
      const untyped = code === undefined || code === 'INTERNAL_SERVER_ERROR';
      if (untyped && error !== undefined && isRequestError(error)) {
        return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
      }
      if (config.isProduction && untyped) {
        return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      }
      return formatted;
    },
  };
}

/**
 * Every GraphQL answer is personal or live, so none may be stored (`cache-control: no-store`).
 * Apollo's cache-control plugin said the same, as no type or field has a cache hint, but worked
 * it out with a hook on every resolved field (issue #18); it is disabled in favour of this.
 */
export function noStorePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}

/**
 * Apollo at /graphql with the protections of docs/architecture.md#security-and-privacy: depth, alias, cost and directive
 * limits (graphql-armor), a token limit (graphql-js), no batched requests, CSRF prevention, and no introspection or
 * stack traces in production. Unexpected errors are masked in production. Subscriptions are
 * served on the same path by SubscriptionServer (graphql-ws), under the same limits.
 */
export function graphqlOptions(config: AppConfig): ApolloDriverConfig {
  const protection = graphqlProtection(config);
  return {
    path: GRAPHQL_PATH,
    autoSchemaFile: true,
    buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: BoundedDateTime }] },
    sortSchema: true,
    introspection: !config.isProduction,
    playground: false,
    // Stop Apollo after the HTTP server has drained (graceful shutdown), not before.
    stopOnApplicationShutdown: true,
    csrfPrevention: true,
    parseOptions: { maxTokens: MAX_TOKENS },
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: !config.isProduction,
    logger: apolloLogger(),
    // armor and Nest resolve @apollo/server through different (ESM/CJS) type entry points.
    plugins: [
      ...(protection.armor.plugins as ApolloDriverConfig['plugins'] & object),
      operationLogPlugin() as NonNullable<ApolloDriverConfig['plugins']>[number],
      ApolloServerPluginCacheControlDisabled() as NonNullable<ApolloDriverConfig['plugins']>[number],
      noStorePlugin() as NonNullable<ApolloDriverConfig['plugins']>[number],
      ...(config.isProduction
        ? []
        : [sqlStatementsHeaderPlugin() as NonNullable<ApolloDriverConfig['plugins']>[number]]),
    ],
    validationRules: [
      ...(protection.validationRules ?? []),
      knownOperationTypesRule,
      noSubscriptionsOverHttpRule,
      wellFormedStringsRule,
    ] as ApolloDriverConfig['validationRules'],
    context: ({ req, res }: { req: Request; res: Response }): RequestContext => ({
      req,
      res,
      loaders: new RequestLoaders(),
    }),
    formatError: protection.formatError,
  };
}
