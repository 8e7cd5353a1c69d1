#!/usr/bin/env node
/**
 * `npm run bench:faults` — faults under load (issue #9). Nothing here touches the machine's shared
 * PostgreSQL or Redis: the run starts its own PostgreSQL (initdb + pg_ctl, as the `postgres` user
 * when run as root) and its own Redis (append-only file, fsync always) on spare loopback ports, a
 * real SMTP listener (smtp-server) and a LiveKit server, and two API processes sharing them
 * (JOBS=bullmq, PUBSUB=redis, SMTP delivery with quick retries).
 *
 * Load: FAULT_CLIENTS signed-in practitioners book and cancel seats (one request every
 * FAULT_PAUSE_MS each), alternating between the two processes; each also holds one booking that the
 * load never touches, in a session starting just over ten minutes later, so its 10-minute reminders
 * fall due during the faults. A booking or cancellation counts as acknowledged only when its answer
 * arrived.
 *
 * Faults, one after another, each while the load runs: PostgreSQL restarted (pg_ctl restart -m
 * fast), Redis stopped for FAULT_REDIS_SECONDS (30) and started again, one API process killed with
 * SIGKILL and started again, the LiveKit server stopped and started again (join tokens answer
 * VIDEO_UNAVAILABLE meanwhile, never a 500). After each, recovery is the time until reads succeed
 * through both processes, a probe guest books through one and cancels through the other, and a
 * subscriber on the first hears the second's change through Redis pub/sub (aim ≤ 30 s, no manual
 * step).
 *
 * Then the load stops, the outbox drains, and the checks run: every acknowledged booking is in the
 * database (and every acknowledged cancellation too); nothing is double-booked; every e-mail that
 * the outbox marked SENT reached the SMTP listener, none arrived twice (by Message-ID) and none is
 * left PENDING, SENDING or FAILED — except that an e-mail the killed process had sent but not yet
 * recorded goes again with the same Message-ID (at least once), counted apart; every held
 * meeting's people got exactly one 10-minute reminder.
 *
 * Whatever happens (an error, Ctrl-C), everything started here is stopped and its data removed.
 *
 * Prints the counts and, as the LAST line, one JSON object. Exits 2 when a check fails, 1 when it
 * cannot run.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { freeTcpPort, startLiveKit } from '../../scripts/livekit.mjs';
import { DEMO_PASSWORD, envInt, graphqlClient, LOG_IN, root } from '../bench/support.mjs';

const CLIENTS = envInt('FAULT_CLIENTS', 8);
const REDIS_DOWN_SECONDS = envInt('FAULT_REDIS_SECONDS', 30);
/** Each client's pause between requests: a steady load the outbox can keep up with on 2 cores. */
const PAUSE_MS = envInt('FAULT_PAUSE_MS', 200);
const RECOVERY_LIMIT_SECONDS = 30;
const apiMain = join(root, 'apps', 'api', 'dist', 'main.js');
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const isRoot = process.getuid?.() === 0;
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

// ---------------------------------------------------------------------------------------------
// Our own services
// ---------------------------------------------------------------------------------------------

/** A throwaway PostgreSQL cluster on a spare port (initdb, pg_ctl); removed by the clean-up. */
async function startPostgres() {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b));
  const bin = join('/usr/lib/postgresql', versions.at(-1), 'bin');
  const dir = mkdtempSync(join(os.tmpdir(), 'cyswllt-faults-pg-'));
  const port = await freeTcpPort();
  const asPostgres = (command, args) => {
    const [file, argv] = isRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]]
      : [join(bin, command), args];
    execFileSync(file, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  if (isRoot)
    chownSync(
      dir,
      Number(execFileSync('id', ['-u', 'postgres']).toString()),
      Number(execFileSync('id', ['-g', 'postgres']).toString()),
    );
  asPostgres('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=on`;
  const ctl = (...args) =>
    asPostgres('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-w', '-t', '60', ...args]);
  let started = false;
  cleanups.push(() => {
    try {
      if (started) ctl('-m', 'immediate', 'stop');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  ctl('-o', options, 'start');
  started = true;
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE cyswllt');
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/cyswllt`,
    restart: () => ctl('-o', options, '-m', 'fast', 'restart'),
  };
}

/** A Redis on a spare port that keeps its data across restarts (AOF, fsync always); removed by the clean-up. */
async function startRedis() {
  const dir = mkdtempSync(join(os.tmpdir(), 'cyswllt-faults-redis-'));
  const port = await freeTcpPort();
  let child;
  const up = async () => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
      ],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i += 1) {
      try {
        if (
          execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: ['ignore', 'pipe', 'ignore'] })
            .toString()
            .trim() === 'PONG'
        )
          return;
      } catch {
        // not up yet
      }
      await sleep(100);
    }
    throw new Error('redis-server did not start');
  };
  const down = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM'); // Redis writes its append-only file and exits
    await exited;
  };
  cleanups.push(async () => (await down(), rmSync(dir, { recursive: true, force: true })));
  await up();
  return { url: `redis://127.0.0.1:${port}`, up, down };
}

/** A real SMTP listener counting what arrives per Message-ID. */
async function startSmtp() {
  const received = new Map();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        const headers = Buffer.concat(chunks)
          .toString('utf8')
          .split(/\r?\n\r?\n/, 1)[0];
        const id = /^Message-ID:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? '';
        received.set(id, (received.get(id) ?? 0) + 1);
        callback();
      });
    },
  });
  const port = await freeTcpPort();
  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((done) => server.close(done)) };
}

function apiProcess({ port, env, seed }) {
  let child;
  const base = `http://127.0.0.1:${port}`;
  const start = async () => {
    const { DATABASE_URL: _db, ...inherited } = process.env;
    child = spawn(process.execPath, seed ? [apiMain, '--seed-demo'] : [apiMain], {
      cwd: join(root, 'apps', 'api'),
      env: { ...inherited, ...env, HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: `http://localhost:${port}` },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    seed = false; // only the first start seeds
    const deadline = Date.now() + 120_000;
    while (
      !(await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (child.exitCode !== null) throw new Error(`the API on port ${port} exited (${child.exitCode})`);
      if (Date.now() > deadline) throw new Error(`the API on port ${port} did not start`);
      await sleep(200);
    }
  };
  const exit = (signal) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    const exited = new Promise((done) => child.once('exit', done));
    child.kill(signal);
    return exited;
  };
  return {
    base,
    publicUrl: `http://localhost:${port}`,
    start,
    kill: () => exit('SIGKILL'),
    stop: () => exit('SIGTERM'),
  };
}

// ---------------------------------------------------------------------------------------------
// Load and checks
// ---------------------------------------------------------------------------------------------

const Q = {
  invite: `mutation Invite($input: CreateInvitationInput!) { createInvitation(input: $input) { token } }`,
  accept: `mutation Accept($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { id } }`,
  createSession: `mutation Create($input: CreateSessionInput!) { createSession(input: $input) { id } }`,
  publish: `mutation Publish($id: ID!) { publishSession(id: $id) { id } }`,
  register: `mutation Register($input: RegisterInput!) { registerForSession(input: $input) { id } }`,
  offer: `mutation Offer($input: OfferSlotsInput!) { offerSlots(input: $input) { id } }`,
  offers: `query Offers($sessionId: ID!) { sessionOffers(sessionId: $sessionId) { id slot { index } } }`,
  book: `mutation Book($offerId: ID!) { bookSlot(offerId: $offerId) { id } }`,
  cancel: `mutation Cancel($input: CancelMeetingInput!) { cancelMeeting(input: $input) { id status } }`,
  join: `mutation Join($meetingId: ID!) { joinMeeting(meetingId: $meetingId) { token } }`,
  sessions: `query { sessions(first: 5) { edges { node { id } } } }`,
  seats: `subscription Seats($sessionId: ID!) { slotAvailabilityChanged(sessionId: $sessionId) { slotIds } }`,
};

/** A raw GraphQL call: { ok, data, code, status } — never throws for a server's answer. */
async function call(base, cookie, query, variables = {}) {
  try {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      return { ok: false, status: res.status, code: `HTTP_${res.status}` };
    }
    if (body.errors)
      return {
        ok: false,
        status: res.status,
        code: body.errors[0]?.extensions?.code ?? 'NO_CODE',
        message: body.errors[0]?.message,
      };
    return { ok: res.ok, status: res.status, data: body.data };
  } catch (error) {
    return { ok: false, status: 0, code: error.name === 'TimeoutError' ? 'TIMEOUT' : 'CONNECTION' };
  }
}

/**
 * Three published sessions, all through GraphQL: LOAD (starting in just over ten minutes, so its
 * 10-minute reminders fall due during the faults) where every client holds one booking in slot 0
 * that the load never touches (the reminders to check) and books and cancels slots 1–5; LIVE
 * (starting within two minutes, its room open) with one meeting for the join-token check; PROBE
 * (next week) where a probe guest books and cancels to prove writes and pub/sub work again.
 */
async function seed(base) {
  const organiser = graphqlClient(base);
  await organiser(LOG_IN, { input: { email: 'rhys.meredith@cyswllt.example', password: DEMO_PASSWORD } });
  const minute = 60_000;
  const session = async (title, startsAt) => {
    const { createSession } = await organiser(Q.createSession, {
      input: {
        titleCy: `${title} (cy)`,
        titleEn: title,
        descriptionCy: '',
        descriptionEn: '',
        theme: 'OPEN',
        deliveryLanguage: 'BILINGUAL',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 6 * 20 * minute).toISOString(),
        slotMinutes: 20,
      },
    });
    await organiser(Q.publish, { id: createSession.id });
    return createSession.id;
  };
  const atMinute = (ms) => new Date(Math.ceil(ms / minute) * minute);
  const loadId = await session('Faults: load', atMinute(Date.now() + 10 * minute + 20_000));
  const liveId = await session('Faults: live room', atMinute(Date.now() + 2 * minute));
  const probeId = await session('Faults: probe', atMinute(Date.now() + 7 * 24 * 60 * minute));
  const tag = randomBytes(3).toString('hex');
  const person = async (name, role, sessionId) => {
    const client = graphqlClient(base);
    const email = `${name}-${tag}@faults.example`;
    // By invitation: a self-signed-up account could not act until it confirmed its address by e-mail.
    const { createInvitation } = await organiser(Q.invite, { input: { email, roles: ['PRACTITIONER'] } });
    const { acceptInvitation: signUp } = await client(Q.accept, {
      input: {
        token: createInvitation.token,
        displayName: name,
        password: 'faults-password-1',
        preferredLanguage: 'en',
      },
    });
    await client(Q.register, { input: { sessionId, role } });
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOG_IN, variables: { input: { email, password: 'faults-password-1' } } }),
    });
    return {
      id: signUp.id,
      client,
      cookie: res.headers
        .getSetCookie()
        .map((l) => l.split(';')[0])
        .join('; '),
    };
  };
  const offersOf = async (sessionId) => (await organiser(Q.offers, { sessionId })).sessionOffers;
  for (let h = 0; h < 4; h += 1) {
    const host = await person(`host${h}`, 'HOST', loadId);
    await host.client(Q.offer, { input: { sessionId: loadId, slotIndexes: [0], seats: Math.ceil(CLIENTS / 4) } });
    await host.client(Q.offer, { input: { sessionId: loadId, slotIndexes: [1, 2, 3, 4, 5], seats: 2 } });
  }
  const loadOffers = await offersOf(loadId);
  const held = loadOffers.filter((o) => o.slot.index === 0);
  const users = [];
  const heldMeetings = [];
  for (let u = 0; u < CLIENTS; u += 1) {
    const user = { ...(await person(`user${u}`, 'GUEST', loadId)), index: u };
    heldMeetings.push((await user.client(Q.book, { offerId: held[u % held.length].id })).bookSlot.id);
    users.push(user);
  }
  const liveHost = await person('live-host', 'HOST', liveId);
  await liveHost.client(Q.offer, { input: { sessionId: liveId, slotIndexes: [0], seats: 1 } });
  const liveGuest = await person('live-guest', 'GUEST', liveId);
  const liveMeetingId = (await liveGuest.client(Q.book, { offerId: (await offersOf(liveId))[0].id })).bookSlot.id;
  const probeHost = await person('probe-host', 'HOST', probeId);
  await probeHost.client(Q.offer, { input: { sessionId: probeId, slotIndexes: [0], seats: 1 } });
  const probeGuest = await person('probe-guest', 'GUEST', probeId);
  return {
    offers: loadOffers.filter((o) => o.slot.index > 0).map((o) => o.id),
    users,
    heldMeetings: [...new Set(heldMeetings), liveMeetingId],
    live: { cookie: liveGuest.cookie, meetingId: liveMeetingId },
    probe: { cookie: probeGuest.cookie, sessionId: probeId, offerId: (await offersOf(probeId))[0].id },
  };
}

/** A graphql-ws subscription to a session's seat changes on one API process; counts the events. */
function watchSeats(api, cookie, sessionId) {
  const { createClient } = apiRequire('graphql-ws');
  const { WebSocket } = apiRequire('ws');
  class SignedInSocket extends WebSocket {
    constructor(address, protocols) {
      super(address, protocols, { headers: { cookie, origin: api.publicUrl } });
    }
  }
  let events = 0;
  const client = createClient({
    url: `${api.base.replace('http', 'ws')}/graphql`,
    webSocketImpl: SignedInSocket,
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => undefined,
  });
  client.subscribe(
    { query: Q.seats, variables: { sessionId } },
    { next: () => (events += 1), error: () => undefined, complete: () => undefined },
  );
  return { events: () => events, close: () => client.dispose() };
}

/**
 * One probe of the whole path: the probe guest books through the second process and cancels
 * through the first, while a subscriber on the first process must hear a seat change that the
 * second process published (Redis pub/sub). True when all of it worked within a few seconds.
 */
async function probe(apis, world) {
  const [first, second] = apis;
  const watcher = watchSeats(first, world.probe.cookie, world.probe.sessionId);
  try {
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      const booked = await call(second.base, world.probe.cookie, Q.book, { offerId: world.probe.offerId });
      if (!booked.ok) return false;
      const cancelled = await call(first.base, world.probe.cookie, Q.cancel, {
        input: { meetingId: booked.data.bookSlot.id },
      });
      if (!cancelled.ok) return false;
      await sleep(250);
      if (watcher.events() > 0) return true; // the socket may subscribe after the first booking: repeat
    }
    return false;
  } finally {
    await watcher.close();
  }
}

/** No definite outcome: the connection failed, timed out, or the server failed mid-request. */
const unanswered = (res) =>
  ['CONNECTION', 'TIMEOUT', 'INTERNAL_SERVER_ERROR', 'NO_CODE'].includes(res.code) || res.code.startsWith('HTTP_');

/** Clients book and cancel until stopped; records what was acknowledged. */
function runLoad(apis, world) {
  // `${meetingId} ${userId}` → what that person was told: a group meeting holds several people.
  const acked = new Map();
  const errors = new Map();
  // `${userId} ${offerId}` of bookings that got no answer: they may have gone through, and a group
  // offer's meeting is shared, so one may seat the person again in a meeting they had left.
  const unansweredBookings = new Set();
  let stopped = false;
  const loops = world.users.map(async (user, i) => {
    const mine = [];
    let n = 0;
    while (!stopped) {
      const api = apis[(i + n++) % apis.length];
      if (mine.length > 1 || (mine.length > 0 && Math.random() < 0.3)) {
        const meetingId = mine.shift();
        const entry = acked.get(`${meetingId} ${user.id}`);
        const res = await call(api.base, user.cookie, Q.cancel, { input: { meetingId } });
        if (res.ok) entry.cancelled = true;
        else if (entry.uncertain && ['INVALID_TRANSITION', 'NOT_A_PARTICIPANT'].includes(res.code))
          entry.cancelled = true; // an earlier try went through
        else {
          // No answer (the fault): the outcome is unknown, so try again later.
          errors.set(res.code, (errors.get(res.code) ?? 0) + 1);
          entry.uncertain = true;
          mine.push(meetingId);
        }
      } else {
        const offerId = world.offers[Math.floor(Math.random() * world.offers.length)];
        const res = await call(api.base, user.cookie, Q.book, { offerId });
        if (res.ok) {
          acked.set(`${res.data.bookSlot.id} ${user.id}`, {
            meetingId: res.data.bookSlot.id,
            user: user.index,
            userId: user.id,
            cancelled: false,
          });
          mine.push(res.data.bookSlot.id);
        } else if (!['SLOT_TAKEN', 'PARTICIPANT_BUSY', 'SELF_BUSY'].includes(res.code)) {
          errors.set(res.code, (errors.get(res.code) ?? 0) + 1);
          if (unanswered(res)) unansweredBookings.add(`${user.id} ${offerId}`);
        }
      }
      await sleep(PAUSE_MS);
    }
  });
  return {
    acked,
    errors,
    unansweredBookings,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

/** Seconds from `since` until reads through every process and a full probe succeed again. */
async function recovery(apis, world, since) {
  const readable = async () => {
    for (const api of apis) if (!(await call(api.base, world.probe.cookie, Q.sessions)).ok) return false;
    return true;
  };
  while (!((await readable()) && (await probe(apis, world)))) {
    if (Date.now() - since > 120_000) return Infinity;
    await sleep(200);
  }
  return Math.round((Date.now() - since) / 100) / 10;
}

/** The Message-IDs of the e-mails claimed by a worker right now. */
async function claimedEmails(databaseUrl) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return new Set(
      (await db.query(`SELECT id FROM outbox WHERE status = 'SENDING'`)).rows.map((r) => `<${r.id}@cyswllt>`),
    );
  } finally {
    await db.end();
  }
}

async function checks(databaseUrl, load, world, smtp, claimedAtKill) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const count = async (sql, params) => Number((await db.query(sql, params)).rows[0].n);
  try {
    // Every held meeting's people get their 10-minute reminder, and the outbox drains (retries back
    // off for a few seconds at most; a killed process's claims run out after OUTBOX_CLAIM_SECONDS).
    // A backlog left by the load may take minutes on a busy machine: waited for while it shrinks.
    const expectedReminders = await count(
      `SELECT COUNT(*) AS n FROM meeting_participants WHERE active AND meeting_id = ANY($1)`,
      [world.heldMeetings],
    );
    const remindersSent = () =>
      count(
        `SELECT COUNT(DISTINCT (o.meeting_id, o.recipient_id)) AS n FROM outbox o JOIN meeting_participants p ON p.meeting_id = o.meeting_id AND p.user_id = o.recipient_id AND p.active
              WHERE o.kind = 'REMINDER_SOON' AND o.status = 'SENT' AND o.meeting_id = ANY($1)`,
        [world.heldMeetings],
      );
    const stalledAfterMs = 90_000; // longer than OUTBOX_CLAIM_SECONDS
    let lastProgress = Date.now();
    const drainStarted = Date.now();
    let unsettled = Infinity;
    let reminded = 0;
    for (;;) {
      const before = [unsettled, reminded];
      unsettled = await count(`SELECT COUNT(*) AS n FROM outbox WHERE status IN ('PENDING', 'SENDING')`);
      reminded = await remindersSent();
      if (unsettled < before[0] || reminded > before[1]) lastProgress = Date.now();
      if ((unsettled === 0 && reminded === expectedReminders) || Date.now() - lastProgress > stalledAfterMs) break;
      await sleep(500);
    }
    const drainSeconds = Math.round((Date.now() - drainStarted) / 1000);
    // Acknowledged outcomes, per person: booked and not cancelled → active in that meeting;
    // cancelled → not active in it any more.
    const activeSeats = new Set(
      (
        await db.query(
          `SELECT p.meeting_id, p.user_id FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id WHERE p.active AND p.role = 'GUEST' AND m.status <> 'CANCELLED'`,
        )
      ).rows.map((r) => `${r.meeting_id} ${r.user_id}`),
    );
    const offerOf = new Map((await db.query(`SELECT id, offer_id FROM meetings`)).rows.map((r) => [r.id, r.offer_id]));
    let lostBookings = 0;
    let lostCancellations = 0;
    let reseatedByUnansweredBooking = 0;
    for (const { meetingId, userId, cancelled } of load.acked.values()) {
      const seated = activeSeats.has(`${meetingId} ${userId}`);
      if (!cancelled && !seated) lostBookings += 1;
      if (cancelled && seated) {
        if (load.unansweredBookings.has(`${userId} ${offerOf.get(meetingId)}`)) reseatedByUnansweredBooking += 1;
        else lostCancellations += 1;
      }
    }
    const overbookings =
      (await count(
        `SELECT COUNT(*) AS n FROM (SELECT mp.meeting_id FROM meeting_participants mp JOIN meetings m ON m.id = mp.meeting_id JOIN offers o ON o.id = m.offer_id WHERE mp.active AND mp.role = 'GUEST' GROUP BY mp.meeting_id, o.seats HAVING COUNT(*) > o.seats) x`,
      )) +
      (await count(
        `SELECT COUNT(*) AS n FROM (SELECT user_id, slot_id FROM meeting_participants WHERE active GROUP BY user_id, slot_id HAVING COUNT(*) > 1) x`,
      ));
    const outbox = Object.fromEntries(
      (await db.query(`SELECT status, COUNT(*) AS n FROM outbox GROUP BY status`)).rows.map((r) => [
        r.status,
        Number(r.n),
      ]),
    );
    const sentIds = (await db.query(`SELECT id FROM outbox WHERE status = 'SENT'`)).rows.map(
      (r) => `<${r.id}@cyswllt>`,
    );
    const emailsSentNotReceived = sentIds.filter((id) => !smtp.received.has(id)).length;
    const emailsLost = emailsSentNotReceived + (outbox.FAILED ?? 0) + unsettled;
    const twice = [...smtp.received].filter(([, n]) => n > 1).map(([id]) => id);
    const emailsResentAfterKill = twice.filter((id) => claimedAtKill.has(id)).length;
    const emailDuplicates = twice.length - emailsResentAfterKill;
    // Two reminder rows for one person, meeting and window would be two e-mails with different Message-IDs.
    const reminderDuplicates = await count(
      `SELECT COUNT(*) AS n FROM (SELECT meeting_id, recipient_id, kind FROM outbox WHERE kind LIKE 'REMINDER%' GROUP BY meeting_id, recipient_id, kind HAVING COUNT(*) > 1) x`,
    );
    return {
      lostBookings,
      lostCancellations,
      reseatedByUnansweredBooking,
      overbookings,
      outbox,
      drainSeconds,
      emailsReceived: smtp.received.size,
      emailsSentNotReceived,
      emailsLost,
      emailDuplicates,
      emailsResentAfterKill,
      remindersExpected: expectedReminders,
      remindersLost: expectedReminders - reminded,
      reminderDuplicates,
    };
  } finally {
    await db.end();
  }
}

async function main() {
  const postgres = await startPostgres();
  const redis = await startRedis();
  const smtp = await startSmtp();
  cleanups.push(() => smtp.close());
  const [port1, port2] = [await freeTcpPort(), await freeTcpPort()];
  const liveKitPort = await freeTcpPort();
  const liveKitOptions = { port: liveKitPort, webhookUrls: [`http://127.0.0.1:${port1}/livekit/webhook`] };
  let liveKit = await startLiveKit(liveKitOptions);
  cleanups.push(() => liveKit.stop());
  const env = {
    CYSWLLT_MODE: 'embedded',
    DATABASE_URL: postgres.url,
    JOBS: 'bullmq',
    PUBSUB: 'redis',
    REDIS_URL: redis.url,
    SMTP_URL: smtp.url,
    OUTBOX_RETRY_BASE_SECONDS: '1',
    OUTBOX_MAX_ATTEMPTS: '30',
    // A killed process's claimed e-mails are taken over after this (300 s by default); it must
    // outlast sending a whole batch (25) on a busy machine, or a slow batch's last rows go twice.
    OUTBOX_CLAIM_SECONDS: '60',
    LOGIN_ATTEMPTS_PER_WINDOW: '1000000',
    LIFECYCLE_INTERVAL_MS: '1000',
    LIVEKIT_URL: liveKit.url,
    LIVEKIT_API_URL: liveKit.httpUrl,
    LIVEKIT_API_KEY: liveKit.apiKey,
    LIVEKIT_API_SECRET: liveKit.apiSecret,
  };
  const apis = [apiProcess({ port: port1, env, seed: true }), apiProcess({ port: port2, env, seed: false })];
  cleanups.push(async () => {
    for (const api of apis) await api.stop();
  });
  const faults = [];
  await apis[0].start();
  await apis[1].start();
  const world = await seed(apis[0].base);
  const load = runLoad(apis, world);
  const failed = () => [...load.errors.values()].reduce((a, b) => a + b, 0);
  const fault = async (name, inject, clear) => {
    const errorsBefore = failed();
    await sleep(3_000); // load before the fault
    await inject();
    const cleared = await clear();
    const recoverySeconds = await recovery(apis, world, cleared);
    await sleep(3_000); // load after it
    faults.push({ fault: name, recoverySeconds, errorsDuring: failed() - errorsBefore });
    console.log(
      `${name.padEnd(26)} bookings, cancellations and pub/sub work again ${recoverySeconds} s after it cleared (failed requests meanwhile: ${failed() - errorsBefore})`,
    );
  };
  console.log(
    `Faults under load on ${os.cpus().length} cores: ${CLIENTS} clients booking and cancelling through two API processes (a request every ${PAUSE_MS} ms each)`,
  );
  await fault(
    'PostgreSQL restarted',
    () => postgres.restart(),
    () => Date.now(),
  );
  await fault(
    `Redis stopped ${REDIS_DOWN_SECONDS} s`,
    () => redis.down(),
    async () => {
      await sleep(REDIS_DOWN_SECONDS * 1000);
      await redis.up();
      return Date.now();
    },
  );
  // E-mails claimed when the process dies are sent again once the claim runs out: one it had
  // already handed to the SMTP server (before recording that) arrives twice, with the same
  // Message-ID, which mail clients show once. Delivery is at least once; these are counted apart.
  let claimedAtKill = new Set();
  await fault(
    'API process SIGKILLed',
    async () => {
      await apis[1].kill();
      claimedAtKill = await claimedEmails(postgres.url);
    },
    async () => {
      await apis[1].start();
      return Date.now();
    },
  );
  let tokenDuringOutage = '';
  let tokenAfterOutage = '';
  await fault(
    'LiveKit stopped',
    () => liveKit.stop(),
    async () => {
      tokenDuringOutage =
        (await call(apis[0].base, world.live.cookie, Q.join, { meetingId: world.live.meetingId })).code ?? 'OK';
      liveKit = await startLiveKit(liveKitOptions);
      const since = Date.now();
      while (
        (tokenAfterOutage =
          (await call(apis[1].base, world.live.cookie, Q.join, { meetingId: world.live.meetingId })).code ?? 'OK') !==
          'OK' &&
        Date.now() - since < 60_000
      )
        await sleep(200);
      return since;
    },
  );
  await load.stop();
  const result = await checks(postgres.url, load, world, smtp, claimedAtKill);
  const acknowledged = [...load.acked.values()];
  console.log(
    `acknowledged: ${acknowledged.length} bookings, ${acknowledged.filter((a) => a.cancelled).length} of them cancelled`,
  );
  console.log(
    `lost bookings ${result.lostBookings}, lost cancellations ${result.lostCancellations} (and ${result.reseatedByUnansweredBooking} seated again by a booking that got no answer), overbookings ${result.overbookings}`,
  );
  console.log(
    `e-mails: ${result.emailsReceived} received, ${result.emailsLost} lost (${result.emailsSentNotReceived} marked sent but not received), ${result.emailDuplicates} received twice (and ${result.emailsResentAfterKill} sent again after the kill, same Message-ID); outbox ${JSON.stringify(result.outbox)}, drained ${result.drainSeconds} s after the load stopped`,
  );
  console.log(
    `reminders for the held meetings: ${result.remindersExpected} expected, ${result.remindersLost} lost, ${result.reminderDuplicates} duplicated`,
  );
  console.log(
    `a join token while LiveKit was down answered ${tokenDuringOutage}; after it came back ${tokenAfterOutage}`,
  );
  console.log(`failed requests by code: ${JSON.stringify(Object.fromEntries(load.errors))}`);
  const slow = faults.filter((f) => !(f.recoverySeconds <= RECOVERY_LIMIT_SECONDS));
  const ok =
    result.lostBookings === 0 &&
    result.lostCancellations === 0 &&
    result.overbookings === 0 &&
    result.emailsLost === 0 &&
    result.emailDuplicates === 0 &&
    result.remindersLost === 0 &&
    result.reminderDuplicates === 0 &&
    ['OK', 'VIDEO_UNAVAILABLE'].includes(tokenDuringOutage) &&
    tokenAfterOutage === 'OK' &&
    slow.length === 0;
  console.log(
    JSON.stringify({
      bench: 'faults',
      cores: os.cpus().length,
      loadAverage: os.loadavg()[0],
      clients: CLIENTS,
      redisDownSeconds: REDIS_DOWN_SECONDS,
      acknowledgedBookings: acknowledged.length,
      acknowledgedCancellations: acknowledged.filter((a) => a.cancelled).length,
      lostBookings: result.lostBookings,
      lostCancellations: result.lostCancellations,
      reseatedByUnansweredBooking: result.reseatedByUnansweredBooking,
      overbookings: result.overbookings,
      emailsReceived: result.emailsReceived,
      outboxDrainSeconds: result.drainSeconds,
      emailsLost: result.emailsLost,
      emailDuplicates: result.emailDuplicates,
      emailsResentAfterKill: result.emailsResentAfterKill,
      remindersExpected: result.remindersExpected,
      remindersLost: result.remindersLost,
      reminderDuplicates: result.reminderDuplicates,
      tokenDuringLiveKitOutage: tokenDuringOutage,
      tokenAfterLiveKitOutage: tokenAfterOutage,
      faults,
      ok,
    }),
  );
  if (!ok) process.exitCode = 2;
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(cleanUp);
