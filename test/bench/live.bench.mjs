#!/usr/bin/env node
/**
 * `npm run bench:live` — the fan-out of one live update (slotAvailabilityChanged) to many open
 * browser sockets, through the real API.
 *
 * 1. Starts the built API (apps/api/dist, so build first: the npm script does) in this process on
 *    127.0.0.1, on a fresh SQLite file, or with BENCH_DB=postgres on a fresh database created on
 *    BENCH_PG_URL's server (default postgres://postgres@127.0.0.1:5432/test) and dropped at the end;
 *    with PUBSUB=memory, or BENCH_PUBSUB=redis (REDIS_URL, default 127.0.0.1:6379, own prefix).
 * 2. Seeds through the modules' services: an organiser, a host offering BENCH_EVENTS one-seat slots
 *    in one published session, and one guest per slot.
 * 3. Opens BENCH_SUBSCRIBERS graphql-ws sockets (one signed-in viewer's cookie), each subscribed to
 *    the session with the fields the session page asks for, and waits until the server listens.
 * 4. BENCH_EVENTS times, one after the other: a guest books a slot over HTTP; measured from the
 *    request until every socket has the event with that slot's seat count (the fan-out), and the
 *    SQL statements the API ran meanwhile (the booking's own included).
 *
 * Prints a readable report, then as the LAST line one JSON object. Exits 1 when it could not run
 * or an event went missing.
 *
 * Environment: BENCH_SUBSCRIBERS (default 200), BENCH_EVENTS (30), BENCH_DB (sqlite | postgres),
 * BENCH_PG_URL, BENCH_PUBSUB (memory | redis), REDIS_URL.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const dist = join(root, 'apps', 'api', 'dist');
const require = createRequire(join(root, 'apps', 'api', 'package.json'));

const envInt = (name, fallback) => {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, not "${value}"`);
  return n;
};
const SUBSCRIBERS = envInt('BENCH_SUBSCRIBERS', 200);
const EVENTS = envInt('BENCH_EVENTS', 30);
const PUBSUB = process.env.BENCH_PUBSUB ?? 'memory';
const ENGINE = process.env.BENCH_DB ?? 'sqlite';
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PASSWORD = 'bench-password-123';
const WAIT_MS = 30_000;

const SUBSCRIPTION = `subscription ($sessionId: ID!) { slotAvailabilityChanged(sessionId: $sessionId) {
  slotIds offers { id seats seatsLeft host { id displayName } slot { id index startsAt endsAt isBreak } } } }`;
const BOOK = `mutation ($offerId: ID!) { bookSlot(offerId: $offerId) { id } }`;
const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { id } }`;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (v) => Math.round(v * 10) / 10;

async function until(condition, what) {
  const deadline = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** A fresh PostgreSQL database for this run: its URL, and a function that drops it. */
async function freshPostgres() {
  const pg = require('pg');
  const name = `cyswllt_live_${randomBytes(6).toString('hex')}`;
  const admin = async (sql) => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function main() {
  const { createApp } = require(join(dist, 'bootstrap.js'));
  const { loadConfig } = require(join(dist, 'config', 'app-config.js'));
  const { FixedClock } = require(join(dist, 'core', 'clock', 'clock.js'));
  const { Role, Language } = require(join(dist, 'core', 'auth', 'role.js'));
  const { LiveEvents } = require(join(dist, 'core', 'realtime', 'live-events.js'));
  const { AccountsService } = require(join(dist, 'modules', 'accounts', 'accounts.service.js'));
  const { SessionsService } = require(join(dist, 'modules', 'events', 'sessions.service.js'));
  const { SessionTheme, DeliveryLanguage } = require(join(dist, 'modules', 'events', 'events.enums.js'));
  const { RegistrationsService } = require(join(dist, 'modules', 'booking', 'registrations.service.js'));
  const { RegistrationRole } = require(join(dist, 'modules', 'booking', 'booking.enums.js'));
  const { BookingTopics } = require(join(dist, 'modules', 'booking', 'booking-live.js'));
  const { createClient } = require('graphql-ws');
  const { WebSocket } = require('ws');
  const { DataSource } = require('typeorm');

  const sqlitePath = join(tmpdir(), `cyswllt-live-bench-${randomBytes(4).toString('hex')}.sqlite`);
  const postgres = ENGINE === 'postgres' ? await freshPostgres() : undefined;
  const config = loadConfig(
    {},
    {
      mode: 'embedded',
      host: '127.0.0.1',
      port: 0,
      databaseUrl: postgres?.url,
      sqlitePath,
      seedDemo: false,
      lifecycleIntervalMs: 24 * 3600_000,
      loginAttemptsPerWindow: 10_000,
      pubsub: PUBSUB,
      redisUrl: process.env.REDIS_URL,
      pubsubChannelPrefix: `cyswllt-bench-${randomBytes(4).toString('hex')}:`,
    },
  );
  const sockets = [];
  let app;
  try {
    app = await createApp(config, new FixedClock(new Date('2027-01-30T09:00:00Z')));
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${app.getHttpServer().address().port}`;

    // Seed through the services.
    const accounts = app.get(AccountsService);
    const tag = randomBytes(3).toString('hex');
    const makeUser = async (name, role) => {
      const user = await accounts.createUser(
        {
          email: `${name}-${tag}@bench.example`,
          displayName: name,
          language: Language.en,
          roles: [role],
          organisationId: null,
        },
        PASSWORD,
      );
      return {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        language: user.preferredLanguage,
        roles: user.roles,
        loginSessionId: 'bench',
      };
    };
    const organiser = await makeUser('organiser', Role.ORGANISER);
    const host = await makeUser('host', Role.COMMISSIONER);
    const sessions = app.get(SessionsService);
    const startsAt = new Date('2027-02-01T09:00:00Z');
    const session = await sessions.create(organiser, {
      titleCy: 'Mainc fyw',
      titleEn: 'Live bench',
      descriptionCy: '',
      descriptionEn: '',
      theme: SessionTheme.OPEN,
      conditions: [],
      deliveryLanguage: DeliveryLanguage.BILINGUAL,
      region: null,
      startsAt,
      endsAt: new Date(startsAt.getTime() + EVENTS * 10 * 60_000),
      slotMinutes: 10,
    });
    await sessions.publish(organiser, session.id);
    const registrations = app.get(RegistrationsService);
    await registrations.register(host, session.id, RegistrationRole.HOST, undefined);
    const offers = await registrations.offerSlots(
      host,
      session.id,
      Array.from({ length: EVENTS }, (_, i) => i),
      1,
    );

    const logIn = async (email) => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: LOG_IN, variables: { input: { email, password: PASSWORD } } }),
      });
      if (!res.ok) throw new Error(`logIn: HTTP ${res.status}`);
      return res.headers
        .getSetCookie()
        .map((line) => line.split(';')[0])
        .join('; ');
    };
    const guests = [];
    for (let i = 0; i < EVENTS; i++) {
      const guest = await makeUser(`guest${i}`, Role.PRACTITIONER);
      await registrations.register(guest, session.id, RegistrationRole.GUEST, undefined);
      guests.push(await logIn(guest.email));
    }
    const viewer = await makeUser('viewer', Role.PRACTITIONER);
    const viewerCookie = await logIn(viewer.email);

    // The sockets.
    class BrowserSocket extends WebSocket {
      constructor(address, protocols) {
        super(address, protocols, { headers: { cookie: viewerCookie, origin: url } });
      }
    }
    const received = Array.from({ length: SUBSCRIBERS }, () => new Map()); // offer id → seatsLeft
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const client = createClient({
        url: `${url.replace('http', 'ws')}/graphql`,
        webSocketImpl: BrowserSocket,
        lazy: false,
        retryAttempts: 0,
        onNonLazyError: () => undefined,
      });
      sockets.push(client);
      client.subscribe(
        { query: SUBSCRIPTION, variables: { sessionId: session.id } },
        {
          next: ({ data }) => {
            for (const o of data?.slotAvailabilityChanged.offers ?? []) received[i].set(o.id, o.seatsLeft);
          },
          error: (error) => console.error(`subscriber ${i}: ${JSON.stringify(error)}`),
          complete: () => undefined,
        },
      );
    }
    const live = app.get(LiveEvents);
    await until(() => live.listeners(BookingTopics.slots(session.id)) === SUBSCRIBERS, `${SUBSCRIBERS} subscriptions`);

    // Count every SQL statement the API runs (the booking's and every subscriber's reads).
    const logger = app.get(DataSource).logger;
    let statements = 0;
    const logQuery = logger.logQuery.bind(logger);
    logger.logQuery = (...args) => {
      statements += 1;
      return logQuery(...args);
    };

    const fanOutMs = [];
    const bookingMs = [];
    const sqlPerEvent = [];
    for (let i = 0; i < EVENTS; i++) {
      const offerId = offers[i].id;
      const sqlBefore = statements;
      const start = performance.now();
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: guests[i] },
        body: JSON.stringify({ query: BOOK, variables: { offerId } }),
      });
      const body = await res.json();
      if (body.errors) throw new Error(`bookSlot: ${JSON.stringify(body.errors)}`);
      bookingMs.push(performance.now() - start);
      await until(() => received.every((seen) => seen.get(offerId) === 0), `event ${i} on every socket`);
      fanOutMs.push(performance.now() - start);
      sqlPerEvent.push(statements - sqlBefore);
    }

    const sorted = (xs) => [...xs].sort((a, b) => a - b);
    const fan = sorted(fanOutMs);
    const book = sorted(bookingMs);
    const result = {
      bench: 'live',
      engine: config.databaseEngine,
      pubsub: PUBSUB,
      subscribers: SUBSCRIBERS,
      events: EVENTS,
      fanOutP50Ms: round(percentile(fan, 50)),
      fanOutP95Ms: round(percentile(fan, 95)),
      fanOutMaxMs: round(fan[fan.length - 1]),
      bookingP50Ms: round(percentile(book, 50)),
      sqlPerEvent: Math.round(sqlPerEvent.reduce((a, b) => a + b, 0) / sqlPerEvent.length),
    };
    console.log(
      [
        '',
        `Live updates: one booking → slotAvailabilityChanged on ${SUBSCRIBERS} sockets (${result.engine}, ${PUBSUB} pub/sub), ${EVENTS} bookings one after another`,
        `  booking request       p50 ${result.bookingP50Ms} ms`,
        `  booking → all sockets p50 ${result.fanOutP50Ms} ms, p95 ${result.fanOutP95Ms} ms, max ${result.fanOutMaxMs} ms`,
        `  SQL statements        ${result.sqlPerEvent} per booking, its fan-out included`,
        '',
      ].join('\n'),
    );
    console.log(JSON.stringify(result));
  } finally {
    await Promise.all(sockets.map((client) => client.dispose()));
    await app?.close();
    await postgres?.drop();
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${sqlitePath}${suffix}`, { force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
