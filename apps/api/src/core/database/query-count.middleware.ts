import type { NextFunction, Request, Response } from 'express';
import { QueryCounter } from './query-counter';

/**
 * Express middleware: runs the rest of the request inside QueryCounter.run, so every SQL statement
 * the request causes (the login-session lookup, resolvers, DataLoaders, transactions) is counted
 * in one scope. Registered last in bootstrap.ts, after the body and cookie parsers, so the scope
 * covers the GraphQL handler; not used in production. graphql/sql-statements.plugin.ts reports
 * the count.
 */
export function countSqlStatements(_req: Request, _res: Response, next: NextFunction): void {
  QueryCounter.run(() => next());
}
