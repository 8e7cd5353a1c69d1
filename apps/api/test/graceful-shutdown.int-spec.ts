import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import { Ticker } from '../src/core/clock/ticker';
import { GracefulShutdown } from '../src/core/health/graceful-shutdown';
import { LiveClient } from './support/live-client';
import { eventually } from './support/livekit-harness';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Graceful shutdown: app.close() (what SIGTERM triggers through enableShutdownHooks) lets a request
 * already being handled finish and answer, while the server refuses new connections and readiness
 * says 503; a job the Ticker is running finishes before the database closes.
 *
 * The slow request is a logIn held up by the database: a write transaction this test keeps open
 * (SQLite queues writes behind it; on PostgreSQL it also locks the login-sessions table).
 */
const LOG_IN = `mutation LogIn($input: LogInInput!) { logIn(input: $input) { id } }`;

let t: TestApp | undefined;

afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Resolves 'refused' when a new TCP connection to the port is refused, 'accepted' when it opens. */
function tryConnect(port: number): Promise<'accepted' | 'refused'> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('accepted');
    });
    socket.once('error', () => resolve('refused'));
  });
}

/** Holds the database's write path until `release()`: returns once the hold is in place. */
async function holdWrites(app: TestApp): Promise<{ release: () => void; done: Promise<void> }> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const inPlace = new Promise<void>((resolve) => (held = resolve));
  const done = app.db.write(async (em) => {
    if (app.engine === 'postgres') await app.db.sql('LOCK TABLE login_sessions IN ACCESS EXCLUSIVE MODE', [], em);
    held();
    await gate;
  });
  await inPlace;
  return { release, done };
}

describe('graceful shutdown', () => {
  it('finishes an in-flight request while refusing new connections, then closes', async () => {
    t = await startTestApp();
    const port = Number(new URL(t.url).port);
    const { user, password } = await t.createUser({ roles: [Role.PRACTITIONER] });
    const shutdown = t.app.get(GracefulShutdown);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);

    const hold = await holdWrites(t);
    const slow = t.client().request(LOG_IN, { input: { email: user.email, password } });
    await eventually(() => shutdown.inFlight === 1, 10_000, 'the logIn to be in flight');

    let closed = false;
    const closing = t.app.close().then(() => (closed = true));
    await eventually(async () => (await tryConnect(port)) === 'refused', 10_000, 'new connections to be refused');
    expect(shutdown.draining).toBe(true);
    expect(closed).toBe(false); // still waiting for the in-flight request
    expect(shutdown.inFlight).toBe(1);

    hold.release();
    await hold.done;
    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.logIn.id).toBe(user.id);
    expect(answer.headers.get('connection')).toBe('close');
    await closing;
    expect(closed).toBe(true);
  });

  it('cuts a request that outlives SHUTDOWN_GRACE_MS, so a stuck request cannot hold the process', async () => {
    t = await startTestApp({ config: { shutdownGraceMs: 300 } });
    const { user, password } = await t.createUser({ roles: [Role.PRACTITIONER] });
    const shutdown = t.app.get(GracefulShutdown);
    const hold = await holdWrites(t);
    const stuck = t
      .client()
      .request(LOG_IN, { input: { email: user.email, password } })
      .then(
        () => 'answered',
        () => 'connection closed',
      );
    await eventually(() => shutdown.inFlight === 1, 10_000, 'the logIn to be in flight');
    const closing = t.app.close();
    expect(await stuck).toBe('connection closed');
    hold.release();
    await hold.done.catch(() => undefined);
    await closing;
  });

  it('stops the Ticker and lets its running job finish before the database closes', async () => {
    t = await startTestApp();
    const app = t;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const counted: number[] = [];
    const ticker = app.app.get(Ticker);
    ticker.register('test: slow job', async () => {
      await gate;
      counted.push(await app.countRows('users')); // the database is still open
    });
    const run = ticker.runNow();
    let closed = false;
    const closing = app.app.close().then(() => (closed = true));
    await eventually(() => ticker.stopped, 10_000, 'the Ticker to stop');
    expect(closed).toBe(false); // waiting for the running job
    release();
    await run;
    await closing;
    expect(counted).toEqual([0]);
    await ticker.runNow(); // stopped: no new run
    expect(counted).toEqual([0]);
  });
});

describe('graceful shutdown with live subscriptions', () => {
  it('closes open subscription sockets with 1001 "going away", so they neither hold the shutdown nor hang their clients', async () => {
    t = await startTestApp();
    const { client } = await t.createUser({ roles: [Role.PRACTITIONER] });
    const live = LiveClient.open(t.url, client);
    await live.connected();
    await t.app.close(); // resolves only once the HTTP server closed, upgraded sockets included
    await eventually(() => live.closeCode !== undefined, 5_000, 'the socket to close');
    expect(live.closeCode).toBe(1001);
  });
});
