import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ApolloDriverConfig } from '@nestjs/apollo';
import type { Request, Response } from 'express';
import { GraphQLFormattedError } from 'graphql';
import { AppConfig } from '../../config/app-config';
import { RequestContext } from './request-context';
import { RequestLoaders } from './request-loaders';
import { sqlStatementsHeaderPlugin } from './sql-statements.plugin';

/**
 * Apollo at /graphql with the protections DESIGN.md asks for: depth, alias, cost, token and
 * directive limits (graphql-armor), no batched requests, CSRF prevention, and no introspection or
 * stack traces in production. Unexpected errors are masked in production.
 */
export function graphqlOptions(config: AppConfig): ApolloDriverConfig {
  const armor = new ApolloArmor({
    maxDepth: { n: config.graphqlMaxDepth },
    maxAliases: { n: config.graphqlMaxAliases },
    costLimit: { maxCost: config.graphqlMaxCost },
    maxDirectives: { n: 10 },
    maxTokens: { n: 2000 },
    blockFieldSuggestion: { enabled: config.isProduction },
  });
  const protection = armor.protect();
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: !config.isProduction,
    playground: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: !config.isProduction,
    // armor and Nest resolve @apollo/server through different (ESM/CJS) type entry points.
    plugins: [
      ...(protection.plugins as ApolloDriverConfig['plugins'] & object),
      ...(config.isProduction ? [] : [sqlStatementsHeaderPlugin() as NonNullable<ApolloDriverConfig['plugins']>[number]]),
    ],
    validationRules: protection.validationRules,
    context: ({ req, res }: { req: Request; res: Response }): RequestContext => ({
      req,
      res,
      loaders: new RequestLoaders(),
    }),
    formatError: (formatted: GraphQLFormattedError): GraphQLFormattedError => {
      const code = formatted.extensions?.code;
      if (config.isProduction && (code === undefined || code === 'INTERNAL_SERVER_ERROR')) {
        return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      }
      return formatted;
    },
  };
}
