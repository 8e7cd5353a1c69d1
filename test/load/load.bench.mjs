#!/usr/bin/env node
/**
 * `npm run bench:load` — the API under a realistic mix, on one and then two processes (issue #9).
 *
 * Set-up: a fresh PostgreSQL database on BENCH_PG_URL's server (dropped at the end), a real LiveKit
 * server (`--dev`, loopback) for join tokens, and the built API (apps/api/dist) started as a child
 * process on that database with the demo data; a second process on the same database joins for the
 * two-instance run. Both run in the production shape: PUBSUB=redis and JOBS=bullmq on the machine's
 * Redis (LOAD_REDIS_URL, default redis://127.0.0.1:6379) under a key and channel prefix unique to
 * this run, so other users of that Redis are never touched; the run's keys are deleted at the end.
 * LOAD_API_ENV (`NAME=value NAME=value`) adds variables to both processes.
 * Through GraphQL, the demo organiser publishes two sessions: BROWSE (next week; LOAD_HOSTS
 * practitioners host every slot, one-to-one and groups of 4) and LIVE (starting within two minutes;
 * every load user has a CONFIRMED meeting in its first slot, so its room is open for tokens).
 *
 * Each of LOAD_CONNECTIONS connections is one signed-in practitioner whose requests cycle through
 * a mix of 40: 32 browsing (the sessions list, a session with its offers, my agenda), 6 booking or
 * cancelling in BROWSE (a third of the picks on a few hot offers, so requests race), and 2
 * `joinMeeting` token mints — 80 / 15 / 5 %. autocannon drives it at a fixed request rate
 * (each connection waits for its answer): after a warm-up step the rate steps up (×1.5 from
 * LOAD_START_RATE, LOAD_STEP_SECONDS each) until p99 latency is more than double the first step's
 * in two steps running, or the rate achieved falls 10% short, or errors appear. The saturation rate is the highest rate
 * achieved by any step of that ramp; the rate is then held at 80% of it for LOAD_HOLD_SECONDS.
 * The same again with two processes (connections and rate split evenly). During each phase the
 * token mints' own latency is timed too: `tokenP99MsAt80` is joinMeeting's p99 while one process is
 * held at 80 % of its saturation rate (aim ≤ 20 ms).
 *
 * Between the two, a burst: LOAD_BURST_CLIENTS (default 500) more people, signed in and registered
 * beforehand, arrive within one second on one session page, read it with its offers and book a
 * seat that showed free, each on a connection of its own; request and journey p50/p99, races lost,
 * errors, HTTP 5xx and timeouts (10 s) are printed.
 *
 * Counted: errors = transport errors, timeouts, non-2xx, and GraphQL errors other than the expected
 * outcomes of racing for seats (SLOT_TAKEN, PARTICIPANT_BUSY, …); overbookings by SQL after each
 * phase (more active guests than seats, a person twice in one slot).
 *
 * Prints the steps and, as the LAST line, one JSON object with at least cores, rps, p99Ms, errors,
 * overbookings (the two-instance hold), rpsOneInstance, p99MsOneInstance, saturationRps*,
 * scaleOutRatio (two-instance saturation / one-instance), tokenP99MsAt80 and the burst's figures
 * (burstRequestP99Ms, burstErrors, burstServerErrors, …). Exits 2 on an overbooking or an HTTP 5xx
 * in the burst, 1 when it cannot run. On 2 cores the load generator, PostgreSQL, LiveKit and the API processes share the
 * same two cores, so a second API process cannot add capacity: the ratio is printed, not judged.
 *
 * Whatever happens (an error, Ctrl-C), the API processes and LiveKit are stopped, the database is
 * dropped and the run's Redis keys are deleted.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { freeTcpPort, startLiveKit } from '../../scripts/livekit.mjs';
import { DEMO_PASSWORD, envInt, graphqlClient, LOG_IN, root, summary } from '../bench/support.mjs';

const CONNECTIONS = envInt('LOAD_CONNECTIONS', 32);
const HOSTS = envInt('LOAD_HOSTS', 8);
const START_RATE = envInt('LOAD_START_RATE', 20);
const MAX_RATE = envInt('LOAD_MAX_RATE', 5000);
const STEP_SECONDS = envInt('LOAD_STEP_SECONDS', 6);
const HOLD_SECONDS = envInt('LOAD_HOLD_SECONDS', 20);
const BURST_CLIENTS = envInt('LOAD_BURST_CLIENTS', 500);
const SIGN_UPS_AT_ONCE = 8;
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.LOAD_REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUN_ID = randomBytes(4).toString('hex');
/** BullMQ keys are `<prefix>:reminders:…`, pub/sub channels `<prefix>:…`: both this run's alone. */
const REDIS_PREFIX = `cyswllt-load-${RUN_ID}`;
const EXTRA_API_ENV = Object.fromEntries(
  (process.env.LOAD_API_ENV ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
);
const apiMain = join(root, 'apps', 'api', 'dist', 'main.js');
const apiRequire = createRequire(join(root, 'apps', 'api', 'package.json'));

/** Clean-up steps, run once in reverse order: at the end, on failure, and on Ctrl-C. */
const cleanups = [];
let cleaning;
function cleanUp() {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse())
      await Promise.resolve()
        .then(step)
        .catch((error) => console.error(`clean-up: ${error.message}`));
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void cleanUp().then(() => process.exit(130)));

/** GraphQL codes that are a correct answer to racing for a seat, not a failure. */
const EXPECTED_CODES = new Set([
  'SLOT_TAKEN',
  'PARTICIPANT_BUSY',
  'SELF_BUSY',
  'NOT_A_PARTICIPANT',
  'INVALID_TRANSITION',
]);

const Q = {
  sessions: `query Sessions { sessions(first: 20) { edges { node { id titleCy titleEn startsAt endsAt theme deliveryLanguage region status } } pageInfo { hasNextPage endCursor } } }`,
  session: `query Session($id: ID!) { session(id: $id) { id titleCy titleEn descriptionCy descriptionEn startsAt endsAt slotMinutes status slots { index startsAt endsAt } myRegistration { id role } } sessionOffers(sessionId: $id) { id seats seatsLeft host { id displayName } slot { index startsAt } } }`,
  agenda: `query Agenda { myAgenda { id status startsAt endsAt session { titleCy titleEn } participants { role person { displayName } } } }`,
  book: `mutation Book($offerId: ID!) { bookSlot(offerId: $offerId) { id } }`,
  cancel: `mutation Cancel($input: CancelMeetingInput!) { cancelMeeting(input: $input) { id status } }`,
  join: `mutation Join($meetingId: ID!) { joinMeeting(meetingId: $meetingId) { token expiresAt } }`,
  invite: `mutation Invite($input: CreateInvitationInput!) { createInvitation(input: $input) { token } }`,
  accept: `mutation Accept($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { id } }`,
  createSession: `mutation Create($input: CreateSessionInput!) { createSession(input: $input) { id } }`,
  publish: `mutation Publish($id: ID!) { publishSession(id: $id) { id } }`,
  register: `mutation Register($input: RegisterInput!) { registerForSession(input: $input) { id } }`,
  offer: `mutation Offer($input: OfferSlotsInput!) { offerSlots(input: $input) { id } }`,
  offers: `query Offers($sessionId: ID!) { sessionOffers(sessionId: $sessionId) { id seats host { id } slot { index } } }`,
};

/** The 40-request cycle: 32 browse, 6 book/cancel, 2 token. */
const CYCLE = (() => {
  const cycle = Array(40).fill('browse');
  for (const i of [0, 7, 13, 20, 27, 33]) cycle[i] = 'bookOrCancel';
  for (const i of [5, 25]) cycle[i] = 'token';
  return cycle;
})();

// ---------------------------------------------------------------------------------------------

function startApi({ port, databaseUrl, liveKit, seed }) {
  const { DATABASE_URL: _db, ...env } = process.env;
  const api = spawn(process.execPath, seed ? [apiMain, '--seed-demo'] : [apiMain], {
    cwd: join(root, 'apps', 'api'),
    env: {
      ...env,
      CYSWLLT_MODE: 'embedded',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      DATABASE_URL: databaseUrl,
      LOGIN_ATTEMPTS_PER_WINDOW: '1000000',
      LIVEKIT_URL: liveKit.url,
      LIVEKIT_API_URL: liveKit.httpUrl,
      LIVEKIT_API_KEY: liveKit.apiKey,
      LIVEKIT_API_SECRET: liveKit.apiSecret,
      PUBSUB: 'redis',
      JOBS: 'bullmq',
      REDIS_URL,
      JOBS_PREFIX: REDIS_PREFIX,
      PUBSUB_CHANNEL_PREFIX: `${REDIS_PREFIX}:`,
      ...EXTRA_API_ENV,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const ready = (async () => {
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (api.exitCode !== null) throw new Error(`the API on port ${port} exited (${api.exitCode})`);
      if (
        await fetch(`${base}/healthz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      if (Date.now() > deadline) throw new Error(`the API on port ${port} did not start within 120 s`);
      await new Promise((done) => setTimeout(done, 250));
    }
  })();
  const stop = async () => {
    if (api.exitCode !== null || api.signalCode !== null) return;
    const exited = new Promise((done) => api.once('exit', done));
    api.kill('SIGTERM');
    await exited;
  };
  return { base, port, ready, stop };
}

/** Sessions, hosts, load users (each with a live meeting) — all through GraphQL. */
async function seed(base) {
  const organiser = graphqlClient(base);
  await organiser(LOG_IN, { input: { email: 'rhys.meredith@cyswllt.example', password: DEMO_PASSWORD } });
  const minute = 60_000;
  const session = async (title, startsAt, slots) => {
    const { createSession } = await organiser(Q.createSession, {
      input: {
        titleCy: `${title} (cy)`,
        titleEn: title,
        descriptionCy: 'Llwyth.',
        descriptionEn: 'Load.',
        theme: 'OPEN',
        deliveryLanguage: 'BILINGUAL',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + slots * 20 * minute).toISOString(),
        slotMinutes: 20,
      },
    });
    await organiser(Q.publish, { id: createSession.id });
    return createSession.id;
  };
  const nextWeek = new Date(Math.ceil((Date.now() + 7 * 24 * 60 * minute) / (60 * minute)) * 60 * minute);
  const browseId = await session('Load: browse and book', nextWeek, 12);
  const liveId = await session('Load: live rooms', new Date(Math.ceil((Date.now() + 2 * minute) / minute) * minute), 2);

  const tag = randomBytes(3).toString('hex');
  const signUp = async (name) => {
    const call = graphqlClient(base);
    const email = `${name}-${tag}@load.example`;
    // By invitation: a self-signed-up account could not act until it confirmed its address by e-mail.
    const { createInvitation } = await organiser(Q.invite, { input: { email, roles: ['PRACTITIONER'] } });
    await call(Q.accept, {
      input: {
        token: createInvitation.token,
        displayName: name,
        password: 'load-password-123',
        preferredLanguage: 'en',
      },
    });
    const cookie = await cookieOf(base, email, 'load-password-123');
    return { call, cookie };
  };
  const liveSeats = Math.ceil(CONNECTIONS / HOSTS);
  for (let h = 0; h < HOSTS; h += 1) {
    const host = await signUp(`host${h}`);
    await host.call(Q.register, { input: { sessionId: browseId, role: 'HOST' } });
    await host.call(Q.offer, {
      input: { sessionId: browseId, slotIndexes: Array.from({ length: 12 }, (_, i) => i), seats: h % 3 === 0 ? 4 : 1 },
    });
    await host.call(Q.register, { input: { sessionId: liveId, role: 'HOST' } });
    await host.call(Q.offer, { input: { sessionId: liveId, slotIndexes: [0], seats: liveSeats } });
  }
  const browseOffers = (await organiser(Q.offers, { sessionId: browseId })).sessionOffers.map((o) => o.id);
  const liveOffers = (await organiser(Q.offers, { sessionId: liveId })).sessionOffers.filter((o) => o.slot.index === 0);
  const users = [];
  for (let u = 0; u < CONNECTIONS; u += 1) {
    const user = await signUp(`user${u}`);
    await user.call(Q.register, { input: { sessionId: browseId, role: 'GUEST' } });
    await user.call(Q.register, { input: { sessionId: liveId, role: 'GUEST' } });
    const { bookSlot } = await user.call(Q.book, { offerId: liveOffers[u % liveOffers.length].id });
    users.push({ cookie: user.cookie, liveMeetingId: bookSlot.id });
  }
  // The burst's people: signed in and registered beforehand, as people are who rush for the last slots.
  const burstPeople = [];
  for (let b = 0; b < BURST_CLIENTS; b += SIGN_UPS_AT_ONCE) {
    const batch = Array.from({ length: Math.min(SIGN_UPS_AT_ONCE, BURST_CLIENTS - b) }, async (_, i) => {
      const person = await signUp(`burst${b + i}`);
      await person.call(Q.register, { input: { sessionId: browseId, role: 'GUEST' } });
      return { cookie: person.cookie };
    });
    burstPeople.push(...(await Promise.all(batch)));
  }
  return { browseId, browseOffers, users, burstPeople };
}

async function cookieOf(base, email, password) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LOG_IN, variables: { input: { email, password } } }),
  });
  return res.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
}

// ---------------------------------------------------------------------------------------------

/** One autocannon run per API base, at `rate` requests/s in total, for `seconds`. */
async function drive(bases, world, rate, seconds) {
  const tally = { errors: 0, expected: 0, expectedByCode: {}, booked: 0, cancelled: 0, tokens: 0, sampleError: '' };
  // autocannon's latency is over every request; a token mint's own latency is timed here (one
  // request in flight per connection, so a request's build-to-answer time is its latency).
  const tokenMs = [];
  const hotOffers = world.browseOffers.slice(0, 6);
  let nextUser = 0;
  const runs = bases.map((base, b) => {
    const connections = Math.floor(CONNECTIONS / bases.length) + (b < CONNECTIONS % bases.length ? 1 : 0);
    return autocannon({
      url: base,
      connections,
      overallRate: Math.max(1, Math.round(rate / bases.length)),
      duration: seconds,
      timeout: 10,
      initialContext: {},
      requests: [
        {
          method: 'POST',
          path: '/graphql',
          setupRequest: (req, context) => {
            if (!context.user) {
              context.user = world.users[nextUser++ % world.users.length];
              context.step = Math.floor(Math.random() * CYCLE.length);
            }
            const kind = CYCLE[context.step++ % CYCLE.length];
            let query;
            let variables = {};
            context.kind = kind;
            context.sentAt = performance.now();
            if (kind === 'token') {
              query = Q.join;
              variables = { meetingId: context.user.liveMeetingId };
            } else if (kind === 'bookOrCancel' && context.user.meetingId) {
              // Kept on the user, not the connection: it outlives the step that booked it.
              query = Q.cancel;
              variables = { input: { meetingId: context.user.meetingId } };
              context.user.meetingId = undefined;
              context.kind = 'cancel';
            } else if (kind === 'bookOrCancel') {
              const pool = Math.random() < 0.35 ? hotOffers : world.browseOffers;
              query = Q.book;
              variables = { offerId: pool[Math.floor(Math.random() * pool.length)] };
              context.kind = 'book';
            } else {
              const pick = context.step % 4;
              query = pick === 0 ? Q.sessions : pick === 3 ? Q.agenda : Q.session;
              if (pick !== 0 && pick !== 3) variables = { id: world.browseId };
            }
            return {
              ...req,
              headers: { 'content-type': 'application/json', cookie: context.user.cookie },
              body: JSON.stringify({ query, variables }),
            };
          },
          onResponse: (status, body, context) => {
            if (context.kind === 'token') tokenMs.push(performance.now() - context.sentAt);
            if (status !== 200) {
              tally.errors += 1;
              tally.sampleError ||= `HTTP ${status}: ${String(body).slice(0, 200)}`;
              return;
            }
            const parsed = JSON.parse(body);
            if (parsed.errors) {
              const code = parsed.errors[0]?.extensions?.code;
              if (EXPECTED_CODES.has(code)) {
                tally.expected += 1;
                const key = `${context.kind} ${code}`;
                tally.expectedByCode[key] = (tally.expectedByCode[key] ?? 0) + 1;
              } else {
                tally.errors += 1;
                tally.sampleError ||= `${context.kind}: ${code ?? ''} ${parsed.errors[0]?.message ?? ''}`;
              }
              return;
            }
            if (context.kind === 'book') {
              context.user.meetingId = parsed.data.bookSlot.id;
              tally.booked += 1;
            } else if (context.kind === 'cancel') tally.cancelled += 1;
            else if (context.kind === 'token') tally.tokens += 1;
          },
        },
      ],
    });
  });
  const results = await Promise.all(runs);
  const requests = results.reduce((n, r) => n + r.requests.total, 0);
  return {
    rate,
    rps: Math.round((requests / seconds) * 10) / 10,
    p50Ms: Math.max(...results.map((r) => r.latency.p50)),
    p99Ms: Math.max(...results.map((r) => r.latency.p99)),
    errors: tally.errors + results.reduce((n, r) => n + r.errors + r.timeouts, 0),
    expected: tally.expected,
    expectedByCode: tally.expectedByCode,
    booked: tally.booked,
    cancelled: tally.cancelled,
    tokens: tally.tokens,
    tokenP99Ms: tokenMs.length > 0 ? summary(tokenMs).p99 : 0,
    sampleError: tally.sampleError,
  };
}

function printStep(label, s) {
  console.log(
    `  ${label.padEnd(10)} target ${String(s.rate).padStart(5)}/s  achieved ${String(s.rps).padStart(7)}/s  p50 ${String(s.p50Ms).padStart(5)} ms  p99 ${String(s.p99Ms).padStart(5)} ms  errors ${s.errors}  races lost ${s.expected} ${JSON.stringify(s.expectedByCode)}  booked ${s.booked} cancelled ${s.cancelled} tokens ${s.tokens} (p99 ${s.tokenP99Ms} ms)${s.sampleError ? `  (${s.sampleError})` : ''}`,
  );
}

/** Steps the rate up until p99 doubles, the rate is not reached, or errors appear; then holds 80%. */
async function rampAndHold(label, bases, world) {
  console.log(`\n${label}:`);
  printStep('warm-up', await drive(bases, world, START_RATE, STEP_SECONDS)); // JIT, pools, caches
  let rate = START_RATE;
  let first;
  let saturation;
  let slowSteps = 0;
  while (rate <= MAX_RATE) {
    const step = await drive(bases, world, rate, STEP_SECONDS);
    printStep('step', step);
    first ??= step;
    if (!saturation || step.rps > saturation.rps) saturation = step;
    // One slow step on a shared machine is noise (a p99 of a few seconds' samples): two in a row count.
    slowSteps = step.p99Ms > 2 * Math.max(first.p99Ms, 1) ? slowSteps + 1 : 0;
    if (step.errors > 0 || step.rps < rate * 0.9 || slowSteps >= 2) break;
    rate = Math.round(rate * 1.5);
  }
  const hold = await drive(bases, world, Math.max(1, Math.round(saturation.rps * 0.8)), HOLD_SECONDS);
  printStep('hold 80%', hold);
  return { saturation, hold };
}

/**
 * The rush for the last slots (issue #18): `world.burstPeople`, already signed in, arrive within
 * one second on one session page, each on a connection of its own: they read the session with its
 * offers, then book one that showed a free seat. Losing the race for a seat is a correct answer;
 * an HTTP 5xx, another error or a 10-second timeout is not.
 */
async function burst(base, world) {
  const tally = { requests: 0, booked: 0, racesLost: 0, errors: 0, serverErrors: 0, timeouts: 0, sampleError: '' };
  const requestMs = [];
  const journeyMs = [];
  const call = async (person, query, variables) => {
    const sentAt = performance.now();
    tally.requests += 1;
    try {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: person.cookie },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(10_000),
      });
      const body = await res.text();
      requestMs.push(performance.now() - sentAt);
      if (res.status >= 500) tally.serverErrors += 1;
      if (res.status !== 200) {
        tally.errors += 1;
        tally.sampleError ||= `HTTP ${res.status}: ${body.slice(0, 200)}`;
        return undefined;
      }
      const parsed = JSON.parse(body);
      const code = parsed.errors?.[0]?.extensions?.code;
      if (EXPECTED_CODES.has(code)) tally.racesLost += 1;
      else if (parsed.errors) {
        tally.errors += 1;
        tally.sampleError ||= `${code ?? ''} ${parsed.errors[0]?.message ?? ''}`;
      }
      return parsed.data ?? undefined;
    } catch (error) {
      if (error.name === 'TimeoutError') tally.timeouts += 1;
      else tally.errors += 1;
      tally.sampleError ||= String(error.message);
      return undefined;
    }
  };
  const started = performance.now();
  await Promise.all(
    world.burstPeople.map(async (person) => {
      await delay(Math.random() * 1000); // arrivals spread over one second
      const arrivedAt = performance.now();
      const page = await call(person, Q.session, { id: world.browseId });
      if (!page) return;
      const open = page.sessionOffers.filter((offer) => offer.seatsLeft > 0);
      const pool = open.length > 0 ? open : page.sessionOffers;
      const booked = await call(person, Q.book, { offerId: pool[Math.floor(Math.random() * pool.length)].id });
      if (booked?.bookSlot) tally.booked += 1;
      journeyMs.push(performance.now() - arrivedAt);
    }),
  );
  const requests = summary(requestMs);
  const journeys = journeyMs.length > 0 ? summary(journeyMs) : { p50: 0, p99: 0 };
  return {
    clients: world.burstPeople.length,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    ...tally,
    requestP50Ms: requests.p50,
    requestP99Ms: requests.p99,
    journeyP50Ms: journeys.p50,
    journeyP99Ms: journeys.p99,
  };
}

async function overbookings(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const seats = await client.query(`SELECT COUNT(*)::int AS n FROM (
      SELECT mp.meeting_id FROM meeting_participants mp JOIN meetings m ON m.id = mp.meeting_id JOIN offers o ON o.id = m.offer_id
      WHERE mp.active AND mp.role = 'GUEST' GROUP BY mp.meeting_id, o.seats HAVING COUNT(*) > o.seats) x`);
    const twice = await client.query(`SELECT COUNT(*)::int AS n FROM (
      SELECT user_id, slot_id FROM meeting_participants WHERE active GROUP BY user_id, slot_id HAVING COUNT(*) > 1) x`);
    return seats.rows[0].n + twice.rows[0].n;
  } finally {
    await client.end();
  }
}

/** Deletes this run's BullMQ keys (SCAN, never KEYS, so the shared Redis is not blocked). */
async function deleteRedisKeys() {
  const Redis = apiRequire('ioredis');
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let deleted = 0;
    for await (const keys of redis.scanStream({ match: `${REDIS_PREFIX}:*`, count: 500 })) {
      if (keys.length > 0) deleted += await redis.del(...keys);
    }
    return deleted;
  } finally {
    redis.disconnect();
  }
}

async function main() {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  cleanups.push(() => admin.end());
  const dbName = `cyswllt_load_${RUN_ID}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  cleanups.push(() => admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
  cleanups.push(deleteRedisKeys);
  const databaseUrl = Object.assign(new URL(PG_ADMIN_URL), { pathname: `/${dbName}` }).toString();
  const [port1, port2] = [await freeTcpPort(), await freeTcpPort()];
  const liveKit = await startLiveKit({ webhookUrls: [`http://127.0.0.1:${port1}/livekit/webhook`] });
  cleanups.push(() => liveKit.stop());
  const apis = [];
  cleanups.push(async () => {
    for (const api of apis) await api.stop();
  });
  apis.push(startApi({ port: port1, databaseUrl, liveKit, seed: true }));
  await apis[0].ready;
  const world = await seed(apis[0].base);
  const cores = os.cpus().length;
  console.log(
    `Load on ${cores} cores (load average ${os.loadavg()[0].toFixed(1)} before the run): ${CONNECTIONS} signed-in connections, mix 80% browse / 15% book-cancel / 5% token; steps ${STEP_SECONDS} s, hold ${HOLD_SECONDS} s; PUBSUB=redis JOBS=bullmq on ${REDIS_URL} under ${REDIS_PREFIX}`,
  );

  const one = await rampAndHold('One API process', [apis[0].base], world);
  const rush = await burst(apis[0].base, world);
  console.log(
    `\nburst: ${rush.clients} signed-in people within 1 s on one session page (read, then book): request p50 ${rush.requestP50Ms} ms p99 ${rush.requestP99Ms} ms, journey p99 ${rush.journeyP99Ms} ms; booked ${rush.booked}, races lost ${rush.racesLost}, errors ${rush.errors} (HTTP 5xx ${rush.serverErrors}, timeouts ${rush.timeouts})${rush.sampleError ? `  (${rush.sampleError})` : ''}`,
  );
  const overOne = await overbookings(databaseUrl);

  apis.push(startApi({ port: port2, databaseUrl, liveKit, seed: false }));
  await apis[1].ready;
  const two = await rampAndHold(
    'Two API processes',
    apis.map((a) => a.base),
    world,
  );
  const overTwo = await overbookings(databaseUrl);

  const scaleOutRatio = Math.round((two.saturation.rps / one.saturation.rps) * 100) / 100;
  const loadAverage = Math.round(os.loadavg()[0] * 10) / 10;
  console.log(
    `\nsaturation: one process ${one.saturation.rps}/s, two ${two.saturation.rps}/s → scale-out ${scaleOutRatio}×`,
  );
  console.log(
    `held at 80%: one ${one.hold.rps}/s p99 ${one.hold.p99Ms} ms, errors ${one.hold.errors}; two ${two.hold.rps}/s p99 ${two.hold.p99Ms} ms, errors ${two.hold.errors}`,
  );
  console.log(`overbookings: ${overOne} after one process, ${overTwo} after two`);
  if (cores < 4) {
    console.log(
      [
        `Scale-out ${scaleOutRatio}× on ${cores} cores (load average ${loadAverage}) is not a measure of scaling out: autocannon, PostgreSQL, Redis,`,
        `LiveKit and every API process share the same ${cores} cores, so a second API process adds no CPU. On an idle ${cores}-core machine the`,
        `ratio stays near 1× (the second process only adds an event loop and a connection pool); on a busy one (load average above the`,
        `core count) two processes win a larger share of the contended cores from other work than one does, so the ratio can exceed 1×.`,
        `≥ 1.6× is the aim from 4 cores up, where each process, PostgreSQL and the load generator get cores of their own.`,
      ].join('\n'),
    );
  }
  console.log(
    JSON.stringify({
      bench: 'load',
      cores,
      loadAverage,
      connections: CONNECTIONS,
      rps: two.hold.rps,
      p99Ms: two.hold.p99Ms,
      errors: one.hold.errors + two.hold.errors,
      overbookings: overOne + overTwo,
      tokenP99MsAt80: one.hold.tokenP99Ms,
      burstClients: rush.clients,
      burstRequestP50Ms: rush.requestP50Ms,
      burstRequestP99Ms: rush.requestP99Ms,
      burstJourneyP99Ms: rush.journeyP99Ms,
      burstErrors: rush.errors + rush.timeouts,
      burstServerErrors: rush.serverErrors,
      rpsOneInstance: one.hold.rps,
      p99MsOneInstance: one.hold.p99Ms,
      saturationRpsOneInstance: one.saturation.rps,
      saturationRpsTwoInstances: two.saturation.rps,
      scaleOutRatio,
    }),
  );
  if (overOne + overTwo > 0 || rush.serverErrors > 0) process.exitCode = 2;
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(cleanUp);
