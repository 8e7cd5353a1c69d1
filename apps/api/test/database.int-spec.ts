import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * The database under the app: write transactions run READ COMMITTED (on PostgreSQL the
 * connection's default, set at connect, so no write spends a statement on it; SQLite writes are
 * serialised and never read uncommitted data).
 *
 * A request caught by a database that is out of reach (PostgreSQL dropping its connection, as in
 * a restart; SQLite locked by another process past its busy timeout) answers with a typed,
 * retryable SERVICE_UNAVAILABLE, changes nothing, and requests work again with no manual step.
 */

const UPDATE_ME = `mutation($input: UpdateMeInput!) { updateMe(input: $input) { id displayName } }`;
const ME = `query { me { displayName } }`;

/** Holds a lock on the users table from outside the app until `release`. */
interface OutsideLock {
  /** Makes the app's statements that are waiting for the lock fail the way an outage does. */
  breakWaiters(): Promise<void>;
  release(): Promise<void>;
}

async function lockUsers(t: TestApp): Promise<OutsideLock> {
  if (t.engine === 'postgres') {
    const locker = new pg.Client({ connectionString: t.config.databaseUrl });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
    return {
      // What a restart does to the app's connections: the server ends them (57P01).
      async breakWaiters() {
        const waiting = async () =>
          (
            await locker.query<{ pid: number }>(
              `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
            )
          ).rows;
        await expect.poll(async () => (await waiting()).length, { timeout: 10_000 }).toBeGreaterThan(0);
        for (const { pid } of await waiting()) await locker.query('SELECT pg_terminate_backend($1)', [pid]);
      },
      async release() {
        await locker.query('ROLLBACK');
        await locker.end();
      },
    };
  }
  const locker = new Sqlite(t.config.sqlitePath);
  locker.exec('BEGIN EXCLUSIVE');
  return {
    // The app's write waits out its busy timeout, then fails with SQLITE_BUSY.
    async breakWaiters() {},
    async release() {
      locker.exec('ROLLBACK');
      locker.close();
    },
  };
}

describe(`the database (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    user = await t.createUser({ roles: [Role.PRACTITIONER], displayName: 'Before' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('runs write transactions READ COMMITTED without a statement to say so', async () => {
    const isolation = await t.db.write(async (em) =>
      t.engine === 'postgres'
        ? (await t.db.sql<{ transaction_isolation: string }>('SHOW transaction_isolation', [], em)).rows[0]!
            .transaction_isolation
        : (await t.db.sql<{ read_uncommitted: number }>('PRAGMA read_uncommitted', [], em)).rows[0]!
            .read_uncommitted === 0 && 'read committed',
    );
    expect(isolation).toBe('read committed');
  });

  it('answers SERVICE_UNAVAILABLE, changes nothing, and requests work again by themselves', async () => {
    // Signed in before the lock: only the write itself meets it.
    expect((await user.client.data(ME)).me.displayName).toBe('Before');
    const lock = await lockUsers(t);
    try {
      const pending = user.client.request(UPDATE_ME, { input: { displayName: 'During' } });
      await lock.breakWaiters();
      const response = await pending;
      expect(response.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(response.errors?.[0]?.extensions?.retryable).toBe(true);
      expect(response.errors?.[0]?.message).toBe(
        'The service is briefly unavailable; nothing was changed. Try again in a moment.',
      );
    } finally {
      await lock.release();
    }
    // Every connection the outage ended is dropped by the pool as its socket closes; on a busy
    // machine a request may still meet one of them first and get the same retryable answer. The app
    // recovers by itself within a few requests, and the refused write changed nothing.
    await expect
      .poll(async () => (await user.client.request(ME)).data?.me?.displayName, { interval: 50, timeout: 5_000 })
      .toBe('Before');
    expect((await user.client.data(UPDATE_ME, { input: { displayName: 'After' } })).updateMe.displayName).toBe('After');
  });
});
