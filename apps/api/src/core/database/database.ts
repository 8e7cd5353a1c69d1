import { DataSource, EntityManager } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils.js';
import type { DatabaseEngine } from '../../config/app-config';

export interface SqlResult<Row> {
  rows: Row[];
  affected: number;
}

const RETRYABLE_POSTGRES_CODES = new Set(['40001', '40P01']); // serialization failure, deadlock
const MAX_ATTEMPTS = 5;

/**
 * The one door to the database for services and repositories.
 *
 * - `write()` runs a unit of work in a transaction. On SQLite all write transactions share one
 *   connection, so they are queued here one after another — by design, not by luck. On PostgreSQL
 *   they run concurrently and are retried on serialization failures and deadlocks.
 * - `afterCommit()` defers work (live-update events) until the write transaction it belongs to has
 *   committed; a rolled-back or retried attempt drops what it deferred.
 * - `sql()` runs portable SQL written with `?` placeholders on either engine and returns rows and
 *   the affected-row count; instants go through `instant()` so comparisons match stored values.
 */
export class Database {
  private writeQueue: Promise<unknown> = Promise.resolve();
  /** The deferred work of each open write transaction, by its EntityManager. */
  private readonly committed = new WeakMap<EntityManager, (() => void)[]>();

  constructor(
    readonly dataSource: DataSource,
    readonly engine: DatabaseEngine,
  ) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  async write<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    let deferred: (() => void)[] = [];
    const attempt = (em: EntityManager): Promise<T> => {
      deferred = [];
      this.committed.set(em, deferred);
      return work(em);
    };
    const result = await this.transaction(attempt);
    for (const task of deferred) task();
    return result;
  }

  /**
   * Runs `task` once the write transaction of `em` has committed, never when it rolls back. The
   * task must not throw (it runs after the caller's work is done; nobody could handle it).
   */
  afterCommit(em: EntityManager, task: () => void): void {
    const deferred = this.committed.get(em);
    if (!deferred) throw new Error('afterCommit needs the EntityManager of a Database.write transaction.');
    deferred.push(task);
  }

  async sql<Row = Record<string, unknown>>(
    statement: string,
    parameters: unknown[] = [],
    em?: EntityManager,
  ): Promise<SqlResult<Row>> {
    const ownRunner = em?.queryRunner === undefined;
    const runner = em?.queryRunner ?? this.dataSource.createQueryRunner();
    try {
      const result = await runner.query(this.placeholders(statement), parameters, true);
      return { rows: (result.records ?? []) as Row[], affected: result.affected ?? 0 };
    } finally {
      if (ownRunner) await runner.release();
    }
  }

  /** An instant as a bind parameter that compares correctly with stored instants on this engine. */
  instant(value: Date): Date | string {
    return this.engine === 'postgres' ? value : DateUtils.mixedDateToUtcDatetimeString(value);
  }

  /** An instant read by raw SQL: a Date on PostgreSQL, a UTC text on SQLite. */
  readInstant(value: unknown): Date {
    if (value instanceof Date) return value;
    const text = String(value);
    return new Date(text.includes('T') ? text : `${text.replace(' ', 'T')}Z`);
  }

  private placeholders(statement: string): string {
    if (this.engine !== 'postgres') return statement;
    let index = 0;
    return statement.replace(/\?/g, () => `$${++index}`);
  }

  private transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.engine === 'postgres') return this.writeWithRetry(work);
    const run = this.writeQueue.then(() => this.dataSource.transaction(work));
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  private async writeWithRetry<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        // READ COMMITTED is each connection's default (data-source.factory.ts): naming it here
        // would cost a SET TRANSACTION statement in every write.
        return await this.dataSource.transaction(work);
      } catch (error) {
        const code = driverField(error, 'code');
        if (attempt >= MAX_ATTEMPTS || !code || !RETRYABLE_POSTGRES_CODES.has(code)) throw error;
      }
    }
  }
}

/**
 * Errors of a database that is out of reach for now, not of the statement: PostgreSQL restarting,
 * refusing or dropping connections (SQLSTATE class 08, 57P01–57P03, socket errors), SQLite locked
 * by another process past its busy timeout. The request may simply be tried again.
 */
const UNAVAILABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'SQLITE_BUSY',
  'SQLITE_BUSY_TIMEOUT',
]);
/** node-postgres reports a connection lost mid-query or not made in time by message alone. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|terminating connection/;

export function isDatabaseUnavailable(error: unknown): boolean {
  const code = driverField(error, 'code');
  if (code !== undefined && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  const message = driverField(error, 'message');
  return message !== undefined && UNAVAILABLE_MESSAGES.test(message);
}

/** True when a database error is a uniqueness violation (the losing side of a race). */
export function isUniqueViolation(error: unknown): boolean {
  const code = driverField(error, 'code');
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** A database error's `code` or `message`: the driver's own (TypeORM wraps it) or the error's. */
function driverField(error: unknown, field: 'code' | 'message'): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { driverError?: Record<string, unknown> } & Record<string, unknown>;
  const value = e.driverError?.[field] ?? e[field];
  return typeof value === 'string' ? value : undefined;
}
