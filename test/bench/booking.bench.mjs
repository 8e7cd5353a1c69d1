#!/usr/bin/env node
/**
 * `npm run bench:booking` — booking under contention, through the real API, next to raw SQL.
 *
 * 1. Creates a fresh PostgreSQL database on BENCH_PG_URL's server (default
 *    postgres://postgres@127.0.0.1:5432/test) and drops it at the end, whatever happens.
 * 2. Starts the built API (apps/api/dist, so build first: the npm script does) in a child process
 *    on 127.0.0.1, which seeds through the modules' services: an organiser, hosts, CONCURRENCY
 *    practitioners, and three published sessions — A for the GraphQL run, B (identical) for the
 *    raw-SQL baseline, C for the agenda query. Hosts offer every slot of A and B; some offers are
 *    group consultations (4 seats), the rest one-to-one.
 * 3. GraphQL run: CONCURRENCY clients, each signed in with its own cookie, book (`bookSlot`) and
 *    cancel (`cancelMeeting`) in session A until BENCH_OPS operations are done. A third of the picks
 *    go to a few "hot" offers, so many requests race for the same seats.
 * 4. Baseline: the same workload on session B with `pg` directly — CONCURRENCY pg clients running
 *    the same conditional inserts (INSERT … ON CONFLICT DO NOTHING into meetings and
 *    meeting_participants) and cancellations in transactions, without HTTP, GraphQL, auth or the
 *    services' validation reads.
 * 5. Counts overbookings with SQL: meetings with more active guests than seats, and people with two
 *    active participations in one slot (plus diagnostics), and the SQL statements of one
 *    `myAgenda` request of a user with 30 meetings (from the `x-sql-statements` response header).
 *
 * Prints a readable report, then as the LAST line one JSON object. Exits 2 when it found an
 * overbooking, 1 when it could not run; missed performance targets are reported, not failed.
 *
 * Environment: BENCH_OPS (default 3000), BENCH_CONCURRENCY (50), BENCH_WARMUP (ops before each
 * measured run, default 10% of BENCH_OPS, at most 300), BENCH_SEED (PRNG seed, 1), BENCH_PG_URL,
 * BENCH_PROFILE_DIR (write a V8 CPU profile of the API process into this directory), BENCH_API_DIST
 * (another build of the API to measure, e.g. an experiment; default apps/api/dist), BENCH_BEFORE_DIST
 * (an earlier build, measured in the same run on a database of its own: a before/after table and
 * `before` in the JSON line), BENCH_LOG_SQL=1 with BENCH_SERVER_LOG=<file> (the API's statements).
 */
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import pg from 'pg';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const dist = process.env.BENCH_API_DIST ? resolve(process.env.BENCH_API_DIST) : join(root, 'apps', 'api', 'dist');
const beforeDist = process.env.BENCH_BEFORE_DIST ? resolve(process.env.BENCH_BEFORE_DIST) : null;

const envInt = (name, fallback) => {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, not "${value}"`);
  return n;
};

const OPS = envInt('BENCH_OPS', 3000);
const CONCURRENCY = Math.max(1, envInt('BENCH_CONCURRENCY', 50));
const WARMUP = envInt('BENCH_WARMUP', Math.min(300, Math.round(OPS / 10)));
const SEED = envInt('BENCH_SEED', 1);
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PASSWORD = 'bench-password-123';

/** Workload shape (the same for the GraphQL run and the baseline). */
const HOSTS = 10;
const SLOTS = 12;
const GROUP_SEATS = 4;
const seatsOf = (hostIndex) => (hostIndex % 3 === 0 ? GROUP_SEATS : 1);
const HOT_OFFERS = 6;
const HOT_SHARE = 0.35;
const MAX_HELD = 3;
const AGENDA_MEETINGS = 30;

const AGENDA_QUERY = `{ myAgenda { id startsAt startsAtLondon session { titleEn } slot { index } participants { role person { displayName } } } }`;
const BOOK = `mutation Book($offerId: ID!) { bookSlot(offerId: $offerId) { id } }`;
const CANCEL = `mutation Cancel($input: CancelMeetingInput!) { cancelMeeting(input: $input) { id status } }`;
const LOG_IN = `mutation LogIn($input: LogInInput!) { logIn(input: $input) { id } }`;

// ---------------------------------------------------------------------------------------------
// The API process: the built app on PostgreSQL, seeded through the modules' services.
// ---------------------------------------------------------------------------------------------

async function runServer() {
  const dist = process.env.BENCH_SERVER_DIST ?? join(root, 'apps', 'api', 'dist');
  const require = createRequire(import.meta.url);
  const { createApp } = require(join(dist, 'bootstrap.js'));
  const { loadConfig } = require(join(dist, 'config', 'app-config.js'));
  const { Role, Language } = require(join(dist, 'core', 'auth', 'role.js'));
  const { AccountsService } = require(join(dist, 'modules', 'accounts', 'accounts.service.js'));
  const { SessionsService } = require(join(dist, 'modules', 'events', 'sessions.service.js'));
  const { SessionTheme, DeliveryLanguage } = require(join(dist, 'modules', 'events', 'events.enums.js'));
  const { RegistrationsService } = require(join(dist, 'modules', 'booking', 'registrations.service.js'));
  const { MeetingsService } = require(join(dist, 'modules', 'booking', 'meetings.service.js'));
  const { RegistrationRole } = require(join(dist, 'modules', 'booking', 'booking.enums.js'));

  // Non-production mode, so responses carry x-sql-statements; the lifecycle ticker stays quiet.
  const config = loadConfig(
    {},
    {
      mode: 'embedded',
      host: '127.0.0.1',
      port: 0,
      databaseUrl: process.env.BENCH_DATABASE_URL,
      seedDemo: false,
      lifecycleIntervalMs: 24 * 3600_000,
      loginAttemptsPerWindow: 10_000,
      // BENCH_LOG_SQL=1: the API prints every statement (with BENCH_SERVER_LOG, into that file).
      logSql: process.env.BENCH_LOG_SQL === '1',
    },
  );
  const app = await createApp(config);
  const accounts = app.get(AccountsService);
  const sessions = app.get(SessionsService);
  const registrations = app.get(RegistrationsService);
  const meetings = app.get(MeetingsService);

  const actorOf = (user) => ({
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    language: user.preferredLanguage,
    roles: user.roles,
    loginSessionId: 'bench',
  });
  const tag = randomBytes(3).toString('hex');
  const makeUser = async (name, role) =>
    actorOf(
      await accounts.createUser(
        {
          email: `${name}-${tag}@bench.example`,
          displayName: name,
          language: Language.en,
          roles: [role],
          organisationId: null,
        },
        PASSWORD,
      ),
    );
  const inParallel = async (count, make) => {
    const out = [];
    for (let i = 0; i < count; i += 4)
      out.push(...(await Promise.all(Array.from({ length: Math.min(4, count - i) }, (_, j) => make(i + j)))));
    return out;
  };

  const organiser = await makeUser('organiser', Role.ORGANISER);
  const hosts = await inParallel(HOSTS, (i) => makeUser(`host${i}`, Role.COMMISSIONER));
  const clients = await inParallel(CONCURRENCY, (i) => makeUser(`client${i}`, Role.PRACTITIONER));
  const agendaUser = await makeUser('agenda', Role.PRACTITIONER);

  const day = 24 * 3600_000;
  const hour = (start) => new Date(Math.ceil(start / 3600_000) * 3600_000);
  const createSession = async (title, startsAt, slotMinutes, slotCount) => {
    const session = await sessions.create(organiser, {
      titleCy: `${title} (cy)`,
      titleEn: title,
      descriptionCy: '',
      descriptionEn: '',
      theme: SessionTheme.OPEN,
      conditions: [],
      deliveryLanguage: DeliveryLanguage.BILINGUAL,
      region: null,
      startsAt,
      endsAt: new Date(startsAt.getTime() + slotMinutes * slotCount * 60_000),
      slotMinutes,
      breakSlotIndexes: [],
    });
    await sessions.publish(organiser, session.id);
    const slots = await sessions.slotsOf([session.id]);
    return { id: session.id, slots: new Map(slots.map((s) => [s.id, s])) };
  };

  /** Session A or B: every host offers every slot; hosts 0, 3, 6, 9 as groups of GROUP_SEATS. */
  const bookingSession = async (title, startsAt) => {
    const session = await createSession(title, startsAt, 20, SLOTS);
    const allSlots = Array.from({ length: SLOTS }, (_, i) => i);
    const offers = [];
    for (const [h, host] of hosts.entries()) {
      await registrations.register(host, session.id, RegistrationRole.HOST, allSlots);
      for (const offer of await registrations.offerSlots(host, session.id, allSlots, seatsOf(h))) {
        const slot = session.slots.get(offer.slotId);
        offers.push({
          id: offer.id,
          slotId: offer.slotId,
          slotIndex: slot.idx,
          hostId: offer.hostId,
          hostIndex: h,
          seats: offer.seats,
          startsAt: slot.startsAt.toISOString(),
          endsAt: slot.endsAt.toISOString(),
        });
      }
    }
    for (const client of clients) await registrations.register(client, session.id, RegistrationRole.GUEST, undefined);
    offers.sort((a, b) => a.slotIndex - b.slotIndex || a.hostIndex - b.hostIndex);
    return { id: session.id, offers };
  };

  const now = Date.now();
  const sessionA = await bookingSession('Bench A (GraphQL)', hour(now + 7 * day));
  const sessionB = await bookingSession('Bench B (baseline)', hour(now + 8 * day));

  // Session C: the agenda user books AGENDA_MEETINGS offers; every third is a group with another guest.
  const sessionC = await createSession('Bench C (agenda)', hour(now + 9 * day), 10, AGENDA_MEETINGS + 6);
  const slotIds = [...sessionC.slots.values()].sort((a, b) => a.idx - b.idx);
  await registrations.register(agendaUser, sessionC.id, RegistrationRole.GUEST, undefined);
  for (const client of clients.slice(0, 3))
    await registrations.register(client, sessionC.id, RegistrationRole.GUEST, undefined);
  const perHost = Math.ceil(slotIds.length / HOSTS);
  const agendaOffers = [];
  for (const [h, host] of hosts.entries()) {
    const indexes = slotIds.slice(h * perHost, (h + 1) * perHost).map((s) => s.idx);
    if (indexes.length === 0) continue;
    await registrations.register(host, sessionC.id, RegistrationRole.HOST, indexes);
    agendaOffers.push(...(await registrations.offerSlots(host, sessionC.id, indexes, h % 2 === 0 ? 3 : 1)));
  }
  let booked = 0;
  for (const [i, offer] of agendaOffers.entries()) {
    if (booked >= AGENDA_MEETINGS) break;
    await meetings.book(agendaUser, offer.id);
    booked += 1;
    if (offer.seats > 1 && i % 3 === 0) await meetings.book(clients[i % 3], offer.id);
  }

  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address();
  process.on('message', async (message) => {
    if (message?.type === 'cpu')
      process.send({ type: 'cpu', usage: process.cpuUsage(), rss: process.memoryUsage().rss });
    if (message?.type === 'stop') {
      await app.close();
      process.send({ type: 'stopped' }, () => process.exit(0));
    }
  });
  process.send({
    type: 'ready',
    port,
    password: PASSWORD,
    sessionA,
    sessionB,
    clients: clients.map((c) => ({ id: c.id, email: c.email })),
    agendaUser: { id: agendaUser.id, email: agendaUser.email, meetings: booked },
  });
}

// ---------------------------------------------------------------------------------------------
// The driver: database lifecycle, clients, baseline, checks, report.
// ---------------------------------------------------------------------------------------------

/** Starts one build of the API on a fresh database of its own; signs its clients in. */
async function startApi(distDir, label, cleanups, logs) {
  const dbName = `cyswllt_bench_${randomBytes(6).toString('hex')}`;
  const dbUrl = new URL(PG_ADMIN_URL);
  dbUrl.pathname = `/${dbName}`;
  await admin((c) => c.query(`CREATE DATABASE ${dbName}`));
  cleanups.push(() => admin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)));
  log(`${label}: database ${dbName} created on ${redact(PG_ADMIN_URL)}`);
  const started = performance.now();
  const server = fork(fileURLToPath(import.meta.url), ['--server'], {
    env: { ...process.env, BENCH_DATABASE_URL: dbUrl.toString(), BENCH_SERVER_DIST: distDir },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // BENCH_PROFILE_DIR: write a V8 CPU profile of the API process there (open it in Chrome DevTools).
    execArgv: process.env.BENCH_PROFILE_DIR
      ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_PROFILE_DIR)}`]
      : [],
  });
  logs[label] = '';
  server.stdout.on('data', (chunk) => (logs[label] += chunk));
  server.stderr.on('data', (chunk) => (logs[label] += chunk));
  cleanups.push(() => stopServer(server));
  const ready = await new Promise((resolveReady, rejectReady) => {
    server.on('message', (message) => message?.type === 'ready' && resolveReady(message));
    server.once('exit', (code) =>
      rejectReady(new Error(`the API process exited (${code}) before it was ready:\n${logs[label].slice(-4000)}`)),
    );
  });
  log(
    `${label}: API (${relative(root, distDir)}) on http://127.0.0.1:${ready.port}/graphql, pid ${server.pid}, seeded in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
      `${ready.clients.length} clients, ${ready.sessionA.offers.length} offers per session, agenda user with ${ready.agendaUser.meetings} meetings`,
  );
  const api = new ApiClient(ready.port, CONCURRENCY + 4);
  // Sign everyone in (a few at a time), each with its own cookie.
  const cookies = await mapLimit(ready.clients, 8, (c) => api.logIn(c.email, ready.password));
  log(`${label}: ${cookies.length} clients signed in`);
  return { server, ready, api, cookies, dbUrl };
}

/** bookSlot / cancelMeeting over HTTP, each client with its own cookie. */
function graphqlActionsOf(api, cookies) {
  return {
    async book(worker, offer) {
      const res = await api.graphql(BOOK, { offerId: offer.id }, cookies[worker]);
      const error = res.body.errors?.[0];
      return {
        ok: !error,
        meetingId: res.body.data?.bookSlot?.id,
        code: error?.extensions?.code ?? (res.status !== 200 ? `HTTP_${res.status}` : undefined),
        sql: Number(res.headers['x-sql-statements']),
      };
    },
    async cancel(worker, meetingId) {
      const res = await api.graphql(CANCEL, { input: { meetingId, reason: 'bench' } }, cookies[worker]);
      const error = res.body.errors?.[0];
      return {
        ok: !error,
        code: error?.extensions?.code ?? (res.status !== 200 ? `HTTP_${res.status}` : undefined),
        sql: Number(res.headers['x-sql-statements']),
      };
    },
  };
}

async function runDriver() {
  for (const d of [dist, beforeDist].filter(Boolean))
    if (!existsSync(join(d, 'bootstrap.js'))) {
      console.error(
        `${relative(root, d)} is missing: build first (\`npm run build\`), or use \`npm run bench:booking\`.`,
      );
      process.exit(1);
    }
  const logs = {};
  const cleanups = [];
  const cleanup = async () => {
    while (cleanups.length > 0)
      await cleanups
        .pop()()
        .catch((error) => console.error(`cleanup: ${error.message}`));
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  const serverLogs = () =>
    Object.entries(logs)
      .map(([label, text]) => `--- ${label} API process output (last 4000 characters) ---\n${text.slice(-4000)}`)
      .join('\n');

  try {
    const main = await startApi(dist, 'after', cleanups, logs);
    // BENCH_BEFORE_DIST: an earlier build beside this one, on its own database, measured in the same run.
    const before = beforeDist ? await startApi(beforeDist, 'before', cleanups, logs) : null;
    const { server, ready, api, cookies, dbUrl } = main;

    // --- The agenda: SQL statements of one myAgenda request (user with 30 meetings) ---------------
    const agendaCookie = await api.logIn(ready.agendaUser.email, ready.password);
    const agendaRuns = [];
    for (let i = 0; i < 3; i++) agendaRuns.push(await api.graphql(AGENDA_QUERY, undefined, agendaCookie));
    const agenda = agendaRuns.at(-1);
    if (agenda.body.errors) throw new Error(`myAgenda failed: ${JSON.stringify(agenda.body.errors)}`);
    const sqlPerAgendaQuery = Number(agenda.headers['x-sql-statements']);
    const agendaMeetings = agenda.body.data.myAgenda.length;
    log(`myAgenda: ${agendaMeetings} meetings, ${sqlPerAgendaQuery} SQL statements for the request (x-sql-statements)`);

    // --- GraphQL runs (the earlier build first, when there is one) --------------------------------
    let gq;
    let gqBefore = null;
    const graphqlActions = graphqlActionsOf(api, cookies);
    if (WARMUP > 0) await runWorkload('graphql warm-up', WARMUP, ready.sessionA.offers, graphqlActions, SEED + 1000);
    if (before) {
      // Alternating halves (before, after, after, before), so a change in the shared machine's
      // load during the run weighs on both builds alike.
      const actions = graphqlActionsOf(before.api, before.cookies);
      if (WARMUP > 0)
        await runWorkload('before: graphql warm-up', WARMUP, before.ready.sessionA.offers, actions, SEED + 1000);
      const half = Math.ceil(OPS / 2);
      const runBefore = (seed) =>
        withCpu(before.server, () => runWorkload('before: graphql', half, before.ready.sessionA.offers, actions, seed));
      const runAfter = (seed) =>
        withCpu(server, () => runWorkload('graphql', OPS - half, ready.sessionA.offers, graphqlActions, seed));
      const b1 = await runBefore(SEED);
      const a1 = await runAfter(SEED);
      const a2 = await runAfter(SEED + 1);
      const b2 = await runBefore(SEED + 1);
      gq = mergeRuns(a1, a2);
      gqBefore = mergeRuns(b1, b2);
    } else {
      gq = await withCpu(server, () => runWorkload('graphql', OPS, ready.sessionA.offers, graphqlActions, SEED));
    }

    // --- Raw-SQL baseline ------------------------------------------------------------------------
    const pgClients = await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        const client = new pg.Client({ connectionString: dbUrl.toString() });
        await client.connect();
        return client;
      }),
    );
    cleanups.push(() => Promise.all(pgClients.map((c) => c.end())));
    const baselineActions = sqlActions(pgClients, ready.sessionB.id, ready.clients);
    if (WARMUP > 0) await runWorkload('baseline warm-up', WARMUP, ready.sessionB.offers, baselineActions, SEED + 1000);
    const base = await withCpu(server, () =>
      runWorkload('baseline', OPS, ready.sessionB.offers, baselineActions, SEED),
    );

    // --- Checks ----------------------------------------------------------------------------------
    const checks = await overbookingChecks(pgClients[0], { graphql: ready.sessionA.id, baseline: ready.sessionB.id });
    let beforeChecks = null;
    if (before) {
      const db = new pg.Client({ connectionString: before.dbUrl.toString() });
      await db.connect();
      try {
        beforeChecks = (
          await overbookingChecks(db, { graphql: before.ready.sessionA.id, baseline: before.ready.sessionB.id })
        ).graphql;
      } finally {
        await db.end();
      }
    }

    const systemCpus = os.cpus().length;
    const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : systemCpus;
    const result = {
      overbookings: checks.all.overbookings + (beforeChecks?.overbookings ?? 0),
      p50Ms: round(gq.latency.all.p50),
      p99Ms: round(gq.latency.all.p99),
      opsPerSec: round(gq.opsPerSec, 1),
      baselineOpsPerSec: round(base.opsPerSec, 1),
      ratio: round(gq.opsPerSec / base.opsPerSec, 3),
      sqlPerAgendaQuery,
      cores,
      ops: OPS,
      concurrency: CONCURRENCY,
      bookP50Ms: round(gq.latency.book.p50),
      bookP99Ms: round(gq.latency.book.p99),
      cancelP99Ms: round(gq.latency.cancel.p99),
      baselineP50Ms: round(base.latency.all.p50),
      baselineP99Ms: round(base.latency.all.p99),
      sqlPerBook: round(gq.sqlPerOp.book, 1),
      sqlPerCancel: round(gq.sqlPerOp.cancel, 1),
      baselineSqlPerBook: round(base.sqlPerOp.book, 1),
      baselineSqlPerCancel: round(base.sqlPerOp.cancel, 1),
      cpuMsPerOp: { graphql: roundAll(gq.cpu.msPerOp, 2), baseline: roundAll(base.cpu.msPerOp, 2) },
      machineBusy: { graphql: round(gq.cpu.machineBusyShare, 2), baseline: round(base.cpu.machineBusyShare, 2) },
      apiCoreShare: round(gq.cpu.apiCoreShare, 2),
      agendaMeetings,
      outcomes: gq.outcomes,
      baselineOutcomes: base.outcomes,
      checks: { graphql: checks.graphql, baseline: checks.baseline },
      warmup: WARMUP,
      seed: SEED,
      ...(gqBefore && {
        before: {
          dist: relative(root, beforeDist),
          opsPerSec: round(gqBefore.opsPerSec, 1),
          ratio: round(gqBefore.opsPerSec / base.opsPerSec, 3),
          p50Ms: round(gqBefore.latency.all.p50),
          p99Ms: round(gqBefore.latency.all.p99),
          sqlPerBook: round(gqBefore.sqlPerOp.book, 1),
          sqlPerCancel: round(gqBefore.sqlPerOp.cancel, 1),
          apiCpuMsPerOp: round(gqBefore.cpu.msPerOp.api, 2),
          overbookings: beforeChecks.overbookings,
          outcomes: gqBefore.outcomes,
        },
      }),
    };
    printReport(result, gq, base, checks, gqBefore);
    await cleanup();
    if (process.env.BENCH_SERVER_LOG) writeFileSync(process.env.BENCH_SERVER_LOG, logs.after);
    // An overbooking is a correctness failure: exit non-zero (performance targets only report).
    if (result.overbookings > 0) process.exitCode = 2;
    // A run whose operations failed for another reason than a lost race measures nothing (the
    // baseline's inserts once all failed on a new NOT NULL column, and its ratio looked like a regression).
    else if ([gq, base, gqBefore].some((run) => run && Object.keys(run.unexpected).length > 0)) {
      console.error(
        `[bench] unexpected outcomes: graphql ${JSON.stringify(gq.unexpected)}, baseline ${JSON.stringify(base.unexpected)}` +
          (gqBefore ? `, before ${JSON.stringify(gqBefore.unexpected)}` : ''),
      );
      process.exitCode = 1;
    }
    console.log(JSON.stringify(result));
  } catch (error) {
    console.error(error);
    console.error(serverLogs());
    await cleanup();
    process.exitCode = 1;
  }
}

/**
 * CONCURRENCY workers share a budget of `ops` operations. Each worker books a random offer (a share
 * of picks go to the first HOT_OFFERS "hot" offers) or cancels one of the meetings it holds; it
 * holds at most MAX_HELD. Expected refusals (SLOT_TAKEN, PARTICIPANT_BUSY) count as operations.
 */
async function runWorkload(name, ops, offers, actions, seed) {
  const hotOffers = pickHot(offers);
  let remaining = ops;
  const latencies = { book: [], cancel: [] };
  const sql = { book: [], cancel: [] };
  const outcomes = {};
  const count = (key) => (outcomes[key] = (outcomes[key] ?? 0) + 1);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      const random = mulberry32(seed * 7919 + worker);
      const held = [];
      while (remaining > 0) {
        remaining -= 1;
        const cancel = held.length >= MAX_HELD || (held.length > 0 && random() < 0.5);
        const t0 = performance.now();
        if (cancel) {
          const meetingId = held.splice(Math.floor(random() * held.length), 1)[0];
          const outcome = await actions.cancel(worker, meetingId);
          latencies.cancel.push(performance.now() - t0);
          if (Number.isFinite(outcome.sql)) sql.cancel.push(outcome.sql);
          count(outcome.ok ? 'cancel:ok' : `cancel:${outcome.code}`);
        } else {
          const offer =
            random() < HOT_SHARE
              ? hotOffers[Math.floor(random() * hotOffers.length)]
              : offers[Math.floor(random() * offers.length)];
          const outcome = await actions.book(worker, offer);
          latencies.book.push(performance.now() - t0);
          if (Number.isFinite(outcome.sql)) sql.book.push(outcome.sql);
          count(outcome.ok ? 'book:ok' : `book:${outcome.code}`);
          if (outcome.ok) held.push(outcome.meetingId);
        }
      }
    }),
  );
  const ms = performance.now() - started;
  const done = latencies.book.length + latencies.cancel.length;
  const unexpected = Object.entries(outcomes).filter(
    ([k]) => !/^(book|cancel):(ok|SLOT_TAKEN|PARTICIPANT_BUSY|SELF_BUSY)$/.test(k),
  );
  log(
    `${name}: ${done} ops in ${(ms / 1000).toFixed(2)} s = ${(done / (ms / 1000)).toFixed(0)} ops/s` +
      (unexpected.length ? ` (unexpected outcomes: ${unexpected.map(([k, v]) => `${k}=${v}`).join(', ')})` : ''),
  );
  const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  return {
    ms,
    ops: done,
    unexpected: Object.fromEntries(unexpected),
    opsPerSec: done / (ms / 1000),
    outcomes: Object.fromEntries(Object.entries(outcomes).sort()),
    latency: {
      all: stats([...latencies.book, ...latencies.cancel]),
      book: stats(latencies.book),
      cancel: stats(latencies.cancel),
    },
    sqlPerOp: { book: mean(sql.book), cancel: mean(sql.cancel) },
    raw: { latencies, sql },
  };
}

/** Two measured phases of one build as one (latencies and statements pooled, CPU weighted by operations). */
function mergeRuns(x, y) {
  const ms = x.ms + y.ms;
  const ops = x.ops + y.ops;
  const pool = (key, kind) => [...x.raw[key][kind], ...y.raw[key][kind]];
  const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  const sum = (a, b) => {
    const out = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  const byOps = (f) => (f(x) * x.ops + f(y) * y.ops) / ops;
  const byMs = (f) => (f(x) * x.ms + f(y) * y.ms) / ms;
  return {
    ms,
    ops,
    opsPerSec: ops / (ms / 1000),
    unexpected: sum(x.unexpected, y.unexpected),
    outcomes: Object.fromEntries(Object.entries(sum(x.outcomes, y.outcomes)).sort()),
    latency: {
      all: stats([...pool('latencies', 'book'), ...pool('latencies', 'cancel')]),
      book: stats(pool('latencies', 'book')),
      cancel: stats(pool('latencies', 'cancel')),
    },
    sqlPerOp: { book: mean(pool('sql', 'book')), cancel: mean(pool('sql', 'cancel')) },
    raw: {
      latencies: { book: pool('latencies', 'book'), cancel: pool('latencies', 'cancel') },
      sql: { book: pool('sql', 'book'), cancel: pool('sql', 'cancel') },
    },
    cpu: {
      machineBusyShare: byMs((r) => r.cpu.machineBusyShare),
      msPerOp: Object.fromEntries(
        Object.keys(x.cpu.msPerOp).map((k) => [
          k,
          x.cpu.msPerOp[k] === null || y.cpu.msPerOp[k] === null ? null : byOps((r) => r.cpu.msPerOp[k]),
        ]),
      ),
      apiCoreShare: byMs((r) => r.cpu.apiCoreShare),
    },
  };
}

/** One hot offer per slot for the first HOT_OFFERS slots, alternating group and one-to-one hosts. */
function pickHot(offers) {
  const hot = [];
  for (let slot = 0; slot < HOT_OFFERS; slot++) {
    const hostIndex = slot % 2 === 0 ? 0 : 1; // host 0 has GROUP_SEATS seats, host 1 one seat
    const offer = offers.find((o) => o.slotIndex === slot && o.hostIndex === hostIndex);
    if (offer) hot.push(offer);
  }
  return hot.length > 0 ? hot : offers.slice(0, HOT_OFFERS);
}

/**
 * The baseline: what MeetingsService.book / cancel write, as raw SQL on one pg client per worker,
 * in READ COMMITTED transactions, deciding races the same way — conditional inserts against the
 * unique indexes — but without HTTP, GraphQL, sessions, validation reads or the ORM.
 */
function sqlActions(pgClients, sessionId, people) {
  // Each worker's client counts its statements, so the report can compare them with the API's.
  const counted = pgClients.map((client) => {
    const wrapper = { statements: 0, query: (...args) => ((wrapper.statements += 1), client.query(...args)) };
    return wrapper;
  });
  const clients = counted;
  const withCount = (action) => async (worker, arg) => {
    const before = counted[worker].statements;
    const outcome = await action(worker, arg);
    return { ...outcome, sql: counted[worker].statements - before };
  };
  const actions = baselineActions(clients, sessionId, people);
  return { book: withCount(actions.book), cancel: withCount(actions.cancel) };
}

function baselineActions(clients, sessionId, people) {
  const LIVE = `('PROPOSED', 'CONFIRMED', 'IN_PROGRESS')`;
  const insertParticipant = `INSERT INTO meeting_participants (id, meeting_id, user_id, slot_id, role, active, offer_id, seats, seat_no, confirmed_at, created_at)
     VALUES ($1, $2, $3, $4, $5, true, $6, $7, $8, $9, $9) ON CONFLICT DO NOTHING RETURNING id`;
  const refuse = async (db, code) => {
    await db.query('ROLLBACK');
    return { ok: false, code };
  };
  return {
    async book(worker, offer) {
      const db = clients[worker];
      const userId = people[worker].id;
      const now = new Date();
      await db.query('BEGIN');
      try {
        let meetingId = (
          await db.query(`SELECT id FROM meetings WHERE offer_id = $1 AND status IN ${LIVE} FOR UPDATE`, [offer.id])
        ).rows[0]?.id;
        if (!meetingId) {
          const id = randomUUID();
          const inserted = await db.query(
            `INSERT INTO meetings (id, session_id, slot_id, offer_id, host_id, source, status, starts_at, ends_at, room_name, calendar_uid, sequence, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, 'BOOKED', 'CONFIRMED', $6, $7, $8, $9, 0, $10, $10) ON CONFLICT DO NOTHING RETURNING id`,
            [
              id,
              sessionId,
              offer.slotId,
              offer.id,
              offer.hostId,
              offer.startsAt,
              offer.endsAt,
              `cyswllt-${id}`,
              `${id}@cyswllt`,
              now,
            ],
          );
          if (inserted.rowCount === 1) {
            meetingId = id;
            const host = await db.query(insertParticipant, [
              randomUUID(),
              id,
              offer.hostId,
              offer.slotId,
              'HOST',
              null,
              null,
              null,
              now,
            ]);
            if (host.rowCount !== 1) return await refuse(db, 'PARTICIPANT_BUSY');
          } else {
            meetingId = (
              await db.query(`SELECT id FROM meetings WHERE offer_id = $1 AND status IN ${LIVE} FOR UPDATE`, [offer.id])
            ).rows[0]?.id;
            if (!meetingId) return await refuse(db, 'SLOT_TAKEN');
          }
        }
        for (let seat = 1; seat <= offer.seats; seat++) {
          const seated = await db.query(insertParticipant, [
            randomUUID(),
            meetingId,
            userId,
            offer.slotId,
            'GUEST',
            offer.id,
            offer.seats,
            seat,
            now,
          ]);
          if (seated.rowCount === 1) {
            await db.query('COMMIT');
            return { ok: true, meetingId };
          }
          const busy = await db.query(
            'SELECT 1 FROM meeting_participants WHERE user_id = $1 AND slot_id = $2 AND active',
            [userId, offer.slotId],
          );
          if (busy.rowCount > 0) return await refuse(db, 'PARTICIPANT_BUSY');
        }
        return await refuse(db, 'SLOT_TAKEN');
      } catch (error) {
        await db.query('ROLLBACK').catch(() => undefined);
        return { ok: false, code: `SQL_${error.code ?? error.message}` };
      }
    },
    async cancel(worker, meetingId) {
      const db = clients[worker];
      const userId = people[worker].id;
      await db.query('BEGIN');
      try {
        // The meeting's row locked first, as the API does: a guest joining or leaving meanwhile
        // waits. Its people are read by the next statement, so they are read after the lock
        // (READ COMMITTED: one statement's joined rows would be as old as its snapshot).
        await db.query('SELECT id FROM meetings WHERE id = $1 FOR UPDATE', [meetingId]);
        const participants = (
          await db.query(
            'SELECT id, user_id, role FROM meeting_participants WHERE meeting_id = $1 AND active ORDER BY created_at',
            [meetingId],
          )
        ).rows;
        const mine = participants.find((p) => p.user_id === userId);
        if (!mine) return await refuse(db, 'NOT_A_PARTICIPANT');
        const guests = participants.filter((p) => p.role === 'GUEST').length;
        if (mine.role === 'GUEST' && guests > 1) {
          await db.query('UPDATE meeting_participants SET active = false WHERE id = $1', [mine.id]);
        } else {
          const moved = await db.query(
            `UPDATE meetings SET status = 'CANCELLED', cancel_reason = 'bench', cancelled_by_id = $2, sequence = sequence + 1, updated_at = $3
              WHERE id = $1 AND status IN ('PROPOSED', 'CONFIRMED')`,
            [meetingId, userId, new Date()],
          );
          if (moved.rowCount !== 1) return await refuse(db, 'INVALID_TRANSITION');
          await db.query('UPDATE meeting_participants SET active = false WHERE meeting_id = $1 AND active', [
            meetingId,
          ]);
        }
        await db.query('COMMIT');
        return { ok: true };
      } catch (error) {
        await db.query('ROLLBACK').catch(() => undefined);
        return { ok: false, code: `SQL_${error.code ?? error.message}` };
      }
    },
  };
}

/**
 * Overbookings, counted in the database after both runs:
 *  - meetings with more active guests than their offer's seats (1 without an offer);
 *  - people with two active participations in one slot.
 * Diagnostics (not overbookings): offers whose active guests, over all their meetings, exceed their
 * seats; active participants left in CANCELLED meetings; live meetings without an active guest.
 */
async function overbookingChecks(db, sessions) {
  const one = async (sql, params) => Number((await db.query(sql, params)).rows[0].n);
  const scoped = async (sessionId) => {
    const where = sessionId ? 'AND m.session_id = $1' : '';
    const params = sessionId ? [sessionId] : [];
    const meetingsOverSeats = await one(
      `SELECT COUNT(*) AS n FROM (
         SELECT m.id FROM meetings m
           LEFT JOIN offers o ON o.id = m.offer_id
           JOIN meeting_participants p ON p.meeting_id = m.id AND p.active AND p.role = 'GUEST'
          WHERE true ${where}
          GROUP BY m.id, o.seats HAVING COUNT(*) > COALESCE(o.seats, 1)) x`,
      params,
    );
    const doubleBooked = await one(
      `SELECT COUNT(*) AS n FROM (
         SELECT p.user_id, p.slot_id FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id
          WHERE p.active ${where}
          GROUP BY p.user_id, p.slot_id HAVING COUNT(*) > 1) x`,
      params,
    );
    const offersOverSeats = await one(
      `SELECT COUNT(*) AS n FROM (
         SELECT o.id FROM offers o
           JOIN meeting_participants p ON p.offer_id = o.id AND p.active AND p.role = 'GUEST'
           JOIN meetings m ON m.id = p.meeting_id
          WHERE true ${where}
          GROUP BY o.id, o.seats HAVING COUNT(*) > o.seats) x`,
      params,
    );
    const activeInCancelled = await one(
      `SELECT COUNT(*) AS n FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id WHERE p.active AND m.status = 'CANCELLED' ${where}`,
      params,
    );
    const liveWithoutGuests = await one(
      `SELECT COUNT(*) AS n FROM meetings m
        WHERE m.status IN ('PROPOSED', 'CONFIRMED', 'IN_PROGRESS') ${where}
          AND NOT EXISTS (SELECT 1 FROM meeting_participants p WHERE p.meeting_id = m.id AND p.active AND p.role = 'GUEST')`,
      params,
    );
    const liveMeetings = await one(
      `SELECT COUNT(*) AS n FROM meetings m WHERE m.status IN ('PROPOSED', 'CONFIRMED', 'IN_PROGRESS') ${where}`,
      params,
    );
    return {
      overbookings: meetingsOverSeats + doubleBooked,
      meetingsOverSeats,
      doubleBooked,
      offersOverSeats,
      activeInCancelled,
      liveWithoutGuests,
      liveMeetings,
    };
  };
  return {
    all: await scoped(null),
    graphql: await scoped(sessions.graphql),
    baseline: await scoped(sessions.baseline),
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

class ApiClient {
  constructor(port, sockets) {
    this.port = port;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  async graphql(query, variables, cookie) {
    try {
      return await this.send(query, variables, cookie);
    } catch (error) {
      // A kept-alive socket the server closed while idle (its keep-alive timeout passed while the
      // other build was measured): the request never reached it, so it is sent again, once.
      if (error.reusedSocket && error.code === 'ECONNRESET') return this.send(query, variables, cookie);
      throw error;
    }
  }

  send(query, variables, cookie) {
    const body = Buffer.from(JSON.stringify(variables === undefined ? { query } : { query, variables }));
    return new Promise((resolveRequest, rejectRequest) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          path: '/graphql',
          method: 'POST',
          agent: this.agent,
          headers: { 'content-type': 'application/json', 'content-length': body.length, ...(cookie ? { cookie } : {}) },
        },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed;
            try {
              parsed = JSON.parse(text);
            } catch {
              parsed = { errors: [{ message: text, extensions: { code: `HTTP_${res.statusCode}` } }] };
            }
            resolveRequest({ status: res.statusCode, headers: res.headers, body: parsed });
          });
          res.on('error', rejectRequest);
        },
      );
      req.on('error', (error) => rejectRequest(Object.assign(error, { reusedSocket: req.reusedSocket })));
      req.end(body);
    });
  }

  async logIn(email, password) {
    const res = await this.graphql(LOG_IN, { input: { email, password } });
    if (res.body.errors) throw new Error(`logIn ${email} failed: ${JSON.stringify(res.body.errors)}`);
    const cookie = (res.headers['set-cookie'] ?? [])
      .map((line) => line.split(';')[0])
      .find((pair) => pair.startsWith('__Host-cyswllt_session='));
    if (!cookie) throw new Error(`logIn ${email}: no session cookie`);
    return cookie;
  }
}

async function admin(work) {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL at ${redact(PG_ADMIN_URL)} is unreachable (${error.message}); start it or set BENCH_PG_URL.`,
      {
        cause: error,
      },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * CPU time (ms) of every PostgreSQL server process on this machine, from /proc (Linux; the
 * server is local). It includes other databases' backends: on a shared machine, other work shows
 * up here. null where /proc cannot tell.
 */
function postgresCpu() {
  try {
    let ticks = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
      } catch {
        // the process ended meanwhile
      }
    }
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** Busy and total CPU time of the whole machine (ms, summed over cores), from os.cpus(). */
function machineCpu() {
  let busy = 0;
  let total = 0;
  for (const { times } of os.cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    busy += all - times.idle;
    total += all;
  }
  return { busy, total };
}

/**
 * Runs a measured phase and attributes the machine's CPU time to the API process, this driver
 * process and the rest (PostgreSQL, essentially: nothing else runs), in ms of CPU per operation.
 */
async function withCpu(child, phase) {
  const machine0 = machineCpu();
  const self0 = process.cpuUsage();
  const api0 = child ? await serverCpu(child) : null;
  const postgres0 = postgresCpu();
  const result = await phase();
  const postgres1 = postgresCpu();
  const api1 = child ? await serverCpu(child) : null;
  const self1 = process.cpuUsage(self0);
  const machine1 = machineCpu();
  const busy = machine1.busy - machine0.busy;
  const api = api0 ? (api1.user + api1.system - api0.user - api0.system) / 1000 : 0;
  const driver = (self1.user + self1.system) / 1000;
  const perOp = (ms) => ms / result.ops;
  result.cpu = {
    machineBusyShare: busy / (machine1.total - machine0.total),
    msPerOp: {
      total: perOp(busy),
      api: perOp(api),
      driver: perOp(driver),
      postgres: postgres0 === null || postgres1 === null ? null : perOp(postgres1 - postgres0),
      rest: perOp(
        Math.max(0, busy - api - driver - (postgres0 === null || postgres1 === null ? 0 : postgres1 - postgres0)),
      ),
    },
    apiCoreShare: api / result.ms,
  };
  return result;
}

function serverCpu(child) {
  return new Promise((resolveCpu) => {
    const onMessage = (message) => {
      if (message?.type !== 'cpu') return;
      child.off('message', onMessage);
      resolveCpu(message.usage);
    };
    child.on('message', onMessage);
    child.send({ type: 'cpu' });
  });
}

function stopServer(child) {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.send({ type: 'stop' });
  });
}

async function mapLimit(items, limit, work) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i], i);
      }
    }),
  );
  return out;
}

function stats(values) {
  if (values.length === 0) return { n: 0, p50: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return {
    n: sorted.length,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted.at(-1),
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function round(value, digits = 1) {
  if (!Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function roundAll(object, digits) {
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, round(v, digits)]));
}

function redact(url) {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:…@');
}

function log(message) {
  console.log(`[bench] ${message}`);
}

function printReport(r, gq, base, checks, gqBefore) {
  const fmt = (v, unit = '') =>
    v === null || v === undefined || Number.isNaN(v) ? '—' : `${typeof v === 'number' ? round(v, 1) : v}${unit}`;
  const rows = [
    ['', 'GraphQL (bookSlot/cancelMeeting)', 'raw SQL baseline'],
    ['operations', String(gq.ops), String(base.ops)],
    ['ops/sec', fmt(gq.opsPerSec), fmt(base.opsPerSec)],
    ['p50 latency, all ops', fmt(gq.latency.all.p50, ' ms'), fmt(base.latency.all.p50, ' ms')],
    ['p99 latency, all ops', fmt(gq.latency.all.p99, ' ms'), fmt(base.latency.all.p99, ' ms')],
    [
      'p50 / p99 book',
      `${fmt(gq.latency.book.p50)} / ${fmt(gq.latency.book.p99, ' ms')}`,
      `${fmt(base.latency.book.p50)} / ${fmt(base.latency.book.p99, ' ms')}`,
    ],
    [
      'p50 / p99 cancel',
      `${fmt(gq.latency.cancel.p50)} / ${fmt(gq.latency.cancel.p99, ' ms')}`,
      `${fmt(base.latency.cancel.p50)} / ${fmt(base.latency.cancel.p99, ' ms')}`,
    ],
    ['max latency', fmt(gq.latency.all.max, ' ms'), fmt(base.latency.all.max, ' ms')],
    [
      'SQL statements per book / cancel (mean)',
      `${fmt(gq.sqlPerOp.book)} / ${fmt(gq.sqlPerOp.cancel)}`,
      `${fmt(base.sqlPerOp.book)} / ${fmt(base.sqlPerOp.cancel)}`,
    ],
    ['CPU ms per op: all (API / PostgreSQL / driver / kernel+other)', cpuCell(gq.cpu), cpuCell(base.cpu)],
    ['machine CPU busy', fmt(gq.cpu.machineBusyShare * 100, ' %'), fmt(base.cpu.machineBusyShare * 100, ' %')],
    ['meetings over seats', String(checks.graphql.meetingsOverSeats), String(checks.baseline.meetingsOverSeats)],
    ['people double-booked in a slot', String(checks.graphql.doubleBooked), String(checks.baseline.doubleBooked)],
    [
      '(diag) offers over seats, all meetings',
      String(checks.graphql.offersOverSeats),
      String(checks.baseline.offersOverSeats),
    ],
    [
      '(diag) active people in cancelled meetings',
      String(checks.graphql.activeInCancelled),
      String(checks.baseline.activeInCancelled),
    ],
    [
      '(diag) live meetings without a guest',
      `${checks.graphql.liveWithoutGuests} of ${checks.graphql.liveMeetings}`,
      `${checks.baseline.liveWithoutGuests} of ${checks.baseline.liveMeetings}`,
    ],
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row) => `  ${row.map((cell, c) => cell.padEnd(widths[c])).join('  │  ')}`.trimEnd();
  console.log('\nBooking benchmark (PostgreSQL)');
  console.log(line(rows[0]));
  console.log(`  ${widths.map((w) => '─'.repeat(w)).join('──┼──')}`);
  for (const row of rows.slice(1)) console.log(line(row));
  const target = (ok) => (ok ? 'ok' : 'MISSED');
  if (gqBefore) {
    const b = gqBefore;
    const side = [
      ['same run, same workload', `before (${r.before.dist})`, `after (${relative(root, dist)})`],
      ['ops/sec (ratio to raw SQL)', `${fmt(b.opsPerSec)} (${r.before.ratio})`, `${fmt(gq.opsPerSec)} (${r.ratio})`],
      [
        'p50 / p99 all ops',
        `${fmt(b.latency.all.p50)} / ${fmt(b.latency.all.p99, ' ms')}`,
        `${fmt(gq.latency.all.p50)} / ${fmt(gq.latency.all.p99, ' ms')}`,
      ],
      [
        'SQL per book / cancel',
        `${fmt(b.sqlPerOp.book)} / ${fmt(b.sqlPerOp.cancel)}`,
        `${fmt(gq.sqlPerOp.book)} / ${fmt(gq.sqlPerOp.cancel)}`,
      ],
      ['API CPU ms per op', fmt(b.cpu.msPerOp.api), fmt(gq.cpu.msPerOp.api)],
      ['API share of a core', fmt(b.cpu.apiCoreShare * 100, ' %'), fmt(gq.cpu.apiCoreShare * 100, ' %')],
      ['overbookings', String(r.before.overbookings), String(checks.graphql.overbookings)],
    ];
    const w = [0, 1, 2].map((c) => Math.max(...side.map((row) => row[c].length)));
    console.log('\nBefore / after (BENCH_BEFORE_DIST)');
    for (const row of side) console.log(`  ${row.map((cell, c) => cell.padEnd(w[c])).join('  │  ')}`.trimEnd());
  }
  console.log(
    [
      '',
      `  GraphQL outcomes:  ${formatOutcomes(gq.outcomes)}`,
      `  baseline outcomes: ${formatOutcomes(base.outcomes)}`,
      `  cores ${r.cores}, concurrency ${r.concurrency}, ${r.ops} measured ops (+${r.warmup} warm-up each); the API process used ${fmt(r.apiCoreShare * 100)}% of one core during the GraphQL run`,
      '',
      `  overbookings          ${r.overbookings}   (target 0: ${target(r.overbookings === 0)})`,
      `  p99                   ${fmt(r.p99Ms, ' ms')}   (target ≤ 250 ms: ${target(r.p99Ms !== null && r.p99Ms <= 250)})`,
      `  ratio                 ${r.ratio} = ${fmt(r.opsPerSec)} / ${fmt(r.baselineOpsPerSec)} ops/s   (target ≥ 0.4: ${target(r.ratio !== null && r.ratio >= 0.4)})`,
      `  sqlPerAgendaQuery     ${r.sqlPerAgendaQuery}   (${r.agendaMeetings} meetings; target ≤ 3: ${target(r.sqlPerAgendaQuery <= 3)})`,
      '',
    ].join('\n'),
  );
}

function cpuCell(cpu) {
  const m = cpu.msPerOp;
  const f = (v) => (v === null ? '?' : v.toFixed(2));
  return `${f(m.total)} (${f(m.api)} / ${f(m.postgres)} / ${f(m.driver)} / ${f(m.rest)})`;
}

function formatOutcomes(outcomes) {
  return Object.entries(outcomes)
    .map(([k, v]) => `${k.replace('PARTICIPANT_BUSY', 'BUSY')}=${v}`)
    .join(' ');
}

// Run last, once every declaration above (classes included) is initialised.
if (process.argv[2] === '--server') await runServer();
else await runDriver();
