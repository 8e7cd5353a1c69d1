import { AsyncLocalStorage } from 'node:async_hooks';
import { AbstractLogger, LogLevel, LogMessage, QueryRunner } from 'typeorm';

interface QueryCount {
  statements: number;
}

const scope = new AsyncLocalStorage<QueryCount>();

/**
 * Counts SQL statements per async scope (one GraphQL request). The benchmark and the N+1 tests
 * read it; it is how "the agenda costs at most 3 statements" is checked, not guessed.
 */
export const QueryCounter = {
  run<T>(work: () => T): { result: T; count: QueryCount } {
    const count = { statements: 0 };
    return { result: scope.run(count, work), count };
  },
  current(): QueryCount | undefined {
    return scope.getStore();
  },
};

/** TypeORM logger: counts every statement, prints them only when asked to (LOG_SQL). */
export class CountingSqlLogger extends AbstractLogger {
  constructor(private readonly printSql: boolean) {
    super(['query', 'error', 'warn']);
  }

  override logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    const count = scope.getStore();
    if (count) count.statements += 1;
    if (this.printSql) super.logQuery(query, parameters, queryRunner);
  }

  /** Failed statements surface as exceptions where they matter (a lost race is expected). */
  override logQueryError(error: string, query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    if (this.printSql) super.logQueryError(error, query, parameters, queryRunner);
  }

  protected writeLog(
    level: LogLevel,
    logMessage: LogMessage | string | number | (LogMessage | string | number)[],
  ): void {
    const messages = Array.isArray(logMessage) ? logMessage : [logMessage];
    for (const message of messages) {
      if (level === 'query' && !this.printSql) continue;
      const text = typeof message === 'object' ? String(message.message) : String(message);
      const line = `[sql:${level}] ${text}`;
      if (level === 'error' || level === 'warn') console.error(line);
      else console.log(line);
    }
  }
}
