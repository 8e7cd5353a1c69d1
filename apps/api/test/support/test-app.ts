import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DestinationStream } from 'pino';
import { createApp } from '../../src/bootstrap';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { Language, Role } from '../../src/core/auth/role';
import { FixedClock } from '../../src/core/clock/clock';
import { Database } from '../../src/core/database/database';
import { AccountsService } from '../../src/modules/accounts/accounts.service';
import type { UserEntity } from '../../src/modules/accounts/entities/user.entity';
import { GqlClient } from './gql-client';

/**
 * The integration-test harness: a real app on a real, fresh database, listening on 127.0.0.1,
 * with a FixedClock the test moves explicitly.
 *
 *   const t = await startTestApp();
 *   const { client } = await t.createUser({ roles: [Role.ORGANISER] });
 *   await client.data(`{ me { id } }`);
 *   await t.close();
 *
 * Engine: TEST_DB=sqlite (default: a temp file per app) or TEST_DB=postgres (a database
 * `cyswllt_t_<random>` per app, created on TEST_PG_URL's server, dropped on close).
 */
export type TestEngine = 'sqlite' | 'postgres';

function testEngine(): TestEngine {
  const value = (process.env.TEST_DB ?? 'sqlite').trim().toLowerCase();
  if (value === '' || value === 'sqlite') return 'sqlite';
  if (value === 'postgres' || value === 'postgresql' || value === 'pg') return 'postgres';
  throw new Error(`TEST_DB must be "sqlite" or "postgres", not "${process.env.TEST_DB}".`);
}

export const TEST_ENGINE: TestEngine = testEngine();

/** The server the per-app PostgreSQL databases are created on (through its `test` database). */
const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** 2027-01-10T10:00:00Z, a Sunday in winter (Europe/London = UTC). */
export const DEFAULT_NOW = new Date('2027-01-10T10:00:00Z');

export const DEFAULT_PASSWORD = 'correct horse battery staple';

export interface TestUser {
  user: UserEntity;
  client: GqlClient;
  password: string;
}

export interface CreateUserOptions {
  roles: Role[];
  email?: string;
  displayName?: string;
  language?: Language;
  password?: string;
  organisationId?: string | null;
  /** false: an account that has not confirmed its e-mail address yet (default: confirmed, as fixtures are). */
  emailConfirmed?: boolean;
}

export interface TestApp {
  engine: TestEngine;
  /** http://127.0.0.1:<port> */
  url: string;
  /** `${url}/graphql` */
  graphqlUrl: string;
  app: INestApplication;
  clock: FixedClock;
  db: Database;
  config: AppConfig;
  /** A fresh anonymous client with its own cookie jar. */
  client(): GqlClient;
  /** Creates the user through AccountsService.createUser and signs a new client in through `logIn`. */
  createUser(opts: CreateUserOptions): Promise<TestUser>;
  countRows(table: string): Promise<number>;
  /** Closes the app and drops its database (PostgreSQL) or deletes its file (SQLite). Idempotent. */
  close(): Promise<void>;
}

export interface StartTestAppOptions {
  now?: Date;
  config?: Partial<Record<keyof AppConfig, unknown>>;
  /** Where the app's JSON log lines go (stdout by default; test mode logs from level warn unless config.logLevel says). */
  logDestination?: DestinationStream;
  /**
   * A second API instance on its own port, on the same database and clock as `first` (several
   * instances behind one load balancer). `first` owns the database: close this one first.
   */
  shareDatabaseWith?: TestApp;
}

/** Long enough that the clock-driven lifecycle never fires by itself during a test. */
const LIFECYCLE_NEVER_MS = 24 * 3600_000;

const LOG_IN = `mutation LogIn($input: LogInInput!) { logIn(input: $input) { id } }`;

let userCounter = 0;

export async function startTestApp(options: StartTestAppOptions = {}): Promise<TestApp> {
  const shared = options.shareDatabaseWith;
  const clock = shared?.clock ?? new FixedClock(options.now ?? DEFAULT_NOW);
  const store = shared
    ? SharedStore.of(shared.config)
    : TEST_ENGINE === 'postgres'
      ? await PostgresStore.create()
      : SqliteStore.create();
  let app: INestApplication | undefined;
  try {
    const config = loadConfig(
      {},
      {
        mode: 'test',
        port: 0,
        host: '127.0.0.1',
        seedDemo: false,
        lifecycleIntervalMs: LIFECYCLE_NEVER_MS,
        ...store.configOverrides,
        ...options.config,
      },
    );
    app = await createApp(config, clock, { logDestination: options.logDestination });
    await app.listen(0, '127.0.0.1');
    const address = (app.getHttpServer() as { address(): AddressInfo | string | null }).address();
    if (address === null || typeof address === 'string')
      throw new Error(`Unexpected server address ${String(address)}`);
    const url = `http://127.0.0.1:${address.port}`;
    const graphqlUrl = `${url}/graphql`;
    const db = app.get(Database);
    const nestApp = app;
    let closed: Promise<void> | undefined;

    const testApp: TestApp = {
      engine: TEST_ENGINE,
      url,
      graphqlUrl,
      app: nestApp,
      clock,
      db,
      config,
      client: () => new GqlClient(graphqlUrl),
      async createUser(opts: CreateUserOptions): Promise<TestUser> {
        const n = ++userCounter;
        const password = opts.password ?? DEFAULT_PASSWORD;
        const email = opts.email ?? `user${n}-${randomBytes(4).toString('hex')}@example.test`;
        const user = await nestApp.get(AccountsService).createUser(
          {
            email,
            displayName: opts.displayName ?? `Test ${opts.roles.join('+').toLowerCase() || 'user'} ${n}`,
            language: opts.language ?? Language.en,
            roles: opts.roles,
            organisationId: opts.organisationId ?? null,
            ...(opts.emailConfirmed === false ? { emailConfirmedAt: null } : {}),
          },
          password,
        );
        const client = new GqlClient(graphqlUrl);
        await client.data(LOG_IN, { input: { email, password } });
        return { user, client, password };
      },
      async countRows(table: string): Promise<number> {
        if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`Not a table name: ${table}`);
        const { rows } = await db.sql<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`);
        return Number(rows[0].n);
      },
      close(): Promise<void> {
        closed ??= (async () => {
          try {
            await nestApp.close();
          } finally {
            await store.dispose();
          }
        })();
        return closed;
      },
    };
    return testApp;
  } catch (error) {
    if (app) await app.close().catch(() => undefined);
    await store.dispose().catch(() => undefined);
    throw error;
  }
}

interface Store {
  configOverrides: Partial<Record<keyof AppConfig, unknown>>;
  dispose(): Promise<void>;
}

/** Another app's database, already migrated; left for that app to dispose of. */
const SharedStore = {
  of(config: AppConfig): Store {
    return {
      configOverrides: { sqlitePath: config.sqlitePath, databaseUrl: config.databaseUrl, runMigrationsOnStart: false },
      async dispose() {},
    };
  },
};

const SqliteStore = {
  create(): Store {
    const path = join(tmpdir(), `cyswllt-test-${process.pid}-${randomBytes(6).toString('hex')}.sqlite`);
    return {
      configOverrides: { sqlitePath: path, databaseUrl: undefined },
      async dispose() {
        await Promise.all(['', '-wal', '-shm', '-journal'].map((suffix) => rm(`${path}${suffix}`, { force: true })));
      },
    };
  },
};

const PostgresStore = {
  async create(): Promise<Store> {
    const name = `cyswllt_t_${randomBytes(8).toString('hex')}`;
    await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    return {
      configOverrides: { databaseUrl: url.toString() },
      async dispose() {
        await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      },
    };
  },
};

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    const where = PG_ADMIN_URL.replace(/\/\/[^@/]*@/, '//…@');
    const hint =
      process.env.CI === 'true'
        ? 'CI=true: PostgreSQL is required; .ci/run starts it before the tests.'
        : 'Start PostgreSQL (e.g. `pg_ctlcluster --skip-systemctl-redirect 15 main start`), set TEST_PG_URL, or run with TEST_DB=sqlite.';
    await client.end().catch(() => undefined);
    throw new Error(
      `TEST_DB=postgres but PostgreSQL at ${where} is unreachable (${(error as Error).message}). ${hint}`,
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
