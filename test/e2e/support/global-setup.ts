import { CreateSessionDocument, LogInDocument, PublishSessionDocument } from '@cyswllt/contracts';
import type { TypedDocumentString } from '@cyswllt/contracts';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findLiveKitServer, type LiveKitServer, startLiveKit } from '../../../scripts/livekit.mjs';
import { startSmtpSink } from '../../../apps/api/test/support/smtp-sink';

/**
 * Starts the real API for the browser journeys: the built apps/api/dist on a free port, with the
 * embedded SQLite database in a temporary folder, the demo data seeded, and the built web app
 * (apps/web/build) served on the same origin. Adds a few more published sessions so the sessions
 * list has a second page. Stops it all afterwards.
 *
 * When livekit-server is installed (scripts/livekit.mjs finds it), a real LiveKit server runs too,
 * `--dev` on loopback, sending its webhooks to the API, and the API is configured with it
 * (LIVEKIT_URL / LIVEKIT_API_URL / LIVEKIT_API_KEY / LIVEKIT_API_SECRET): the video-room journey
 * (room.e2e.ts) needs it, and fails under CI=true without it. Without it the API answers
 * VIDEO_UNAVAILABLE and the other journeys do not care.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** http://localhost:<port>, the app and /graphql on one origin. */
    e2eBaseUrl: string;
    /** A LiveKit server is running and the API uses it. */
    e2eLiveKit: boolean;
    /** That server's ICE/TCP port (rtc.tcp_port), or 0 without one: the poor-connection journey proxies it. */
    e2eLiveKitTcpPort: number;
    /** GET <this>?to=<address>: the e-mails the API sent there, as `{ subject, text }[]` (a real SMTP sink). */
    e2eMailbox: string;
  }
}

const root = resolve(import.meta.dirname, '..', '..', '..');
const apiMain = join(root, 'apps', 'api', 'dist', 'main.js');
const webIndex = join(root, 'apps', 'web', 'build', 'index.html');

/** Every demo account's password (apps/api/src/demo/demo-data.ts). */
export const DEMO_PASSWORD = 'cyswllt-demo-2027';

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

async function waitForHealth(url: string, api: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) throw new Error(`The API exited (${api.exitCode}) before it was ready:\n${log()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The API did not answer ${url}/healthz within 90 s:\n${log()}`);
}

/** A minimal GraphQL caller for the setup, with one cookie jar. */
export function apiClient(url: string) {
  let cookie = '';
  return async function call<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R> {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
    const set = res.headers.getSetCookie().map((line) => line.split(';')[0]!);
    if (set.length > 0) cookie = set.join('; ');
    const body = (await res.json()) as { data?: R; errors?: unknown[] };
    if (body.errors || !body.data) throw new Error(`setup call failed: ${JSON.stringify(body.errors ?? body)}`);
    return body.data;
  };
}

/** Eight more published sessions (weeks 5 to 12 from now), so the list needs "load more". */
async function addSessions(url: string): Promise<void> {
  const call = apiClient(url);
  await call(LogInDocument, { input: { email: 'rhys.meredith@cyswllt.example', password: DEMO_PASSWORD } });
  for (let week = 5; week <= 12; week += 1) {
    const start = new Date(Date.now() + week * 7 * 86_400_000);
    start.setUTCHours(13, 0, 0, 0);
    const { createSession } = await call(CreateSessionDocument, {
      input: {
        titleCy: `Sesiwn agored wythnos ${week}`,
        titleEn: `Open session, week ${week}`,
        descriptionCy: 'Sesiwn agored i bob cyflwr.',
        descriptionEn: 'An open session for all conditions.',
        theme: 'OPEN',
        deliveryLanguage: week % 2 === 0 ? 'en' : 'BILINGUAL',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
        slotMinutes: 20,
      },
    });
    await call(PublishSessionDocument, { id: createSession.id });
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  for (const [file, what] of [
    [apiMain, 'the API'],
    [webIndex, 'the web app'],
  ] as const) {
    if (!existsSync(file))
      throw new Error(`${file} is missing: build ${what} first (\`npm run build\`, or \`npm run test:e2e\`).`);
  }
  // Screenshots of this run only.
  rmSync(join(root, 'test', 'e2e', 'artifacts'), { recursive: true, force: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'cyswllt-e2e-'));
  const port = await freePort();
  const url = `http://localhost:${port}`;
  let output = '';
  // E-mail goes to a real SMTP sink, read over HTTP by the journeys (a new account's confirmation link).
  const sink = await startSmtpSink();
  const mailbox = createHttpServer((req, res) => {
    const to = new URL(req.url ?? '/', 'http://localhost').searchParams.get('to')?.toLowerCase() ?? '';
    const mails = sink.mails
      .filter((mail) => mail.to.includes(to))
      .map((mail) => ({ subject: mail.parsed.subject ?? '', text: mail.parsed.text ?? '' }));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(mails));
  });
  const mailboxPort = await freePort();
  await new Promise<void>((done) => mailbox.listen(mailboxPort, '127.0.0.1', done));
  let liveKit: LiveKitServer | undefined;
  if (findLiveKitServer()) {
    liveKit = await startLiveKit({ webhookUrls: [`http://127.0.0.1:${port}/livekit/webhook`] });
  }
  const liveKitEnv: Record<string, string> = liveKit
    ? {
        LIVEKIT_URL: liveKit.url,
        LIVEKIT_API_URL: liveKit.httpUrl,
        LIVEKIT_API_KEY: liveKit.apiKey,
        LIVEKIT_API_SECRET: liveKit.apiSecret,
      }
    : {};
  // The embedded mode, whatever the caller's environment says about databases.
  // Without a LiveKit server of our own, none from the caller's environment either.
  const {
    DATABASE_URL: _ignored,
    LIVEKIT_URL: _url,
    LIVEKIT_API_URL: _apiUrl,
    LIVEKIT_API_KEY: _key,
    LIVEKIT_API_SECRET: _secret,
    ...env
  } = process.env;
  const api = spawn(process.execPath, [apiMain, '--seed-demo'], {
    cwd: join(root, 'apps', 'api'),
    env: {
      ...env,
      CYSWLLT_MODE: 'embedded',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      SQLITE_PATH: join(dataDir, 'cyswllt.sqlite'),
      SEED_DEMO: 'true',
      WEB_ROOT: join(root, 'apps', 'web', 'build'),
      SMTP_URL: sink.url,
      ...liveKitEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  api.stdout?.on('data', keep);
  api.stderr?.on('data', keep);

  const stop = async () => {
    if (api.exitCode === null) {
      const exited = new Promise((r) => api.once('exit', r));
      api.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (api.exitCode === null) api.kill('SIGKILL');
    }
    await liveKit?.stop();
    await new Promise((done) => mailbox.close(done));
    await sink.close();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(url, api, () => output);
    await addSessions(url);
  } catch (error) {
    await stop();
    throw error;
  }
  project.provide('e2eBaseUrl', url);
  project.provide('e2eLiveKit', liveKit !== undefined);
  project.provide('e2eLiveKitTcpPort', liveKit?.ports.rtcTcp ?? 0);
  project.provide('e2eMailbox', `http://127.0.0.1:${mailboxPort}/`);
  return stop;
}
