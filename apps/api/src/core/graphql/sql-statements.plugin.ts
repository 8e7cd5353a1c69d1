import type { ApolloServerPlugin } from '@apollo/server';
import { QueryCounter } from '../database/query-counter';

export const SQL_STATEMENTS_HEADER = 'x-sql-statements';

/**
 * Outside production, every GraphQL response carries `x-sql-statements`: how many SQL statements
 * the request ran (counted by the QueryCounter scope that countSqlStatements opened). The N+1
 * tests and `npm run bench:booking` read it; production does not reveal it.
 */
export function sqlStatementsHeaderPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const count = QueryCounter.current();
          if (count) response.http.headers.set(SQL_STATEMENTS_HEADER, String(count.statements));
        },
      };
    },
  };
}
