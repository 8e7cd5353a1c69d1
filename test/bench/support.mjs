/**
 * Shared by the benchmarks that drive the built app: the API process on the embedded database
 * with the demo data, a GraphQL caller with a cookie jar, Debian's Chromium, and percentiles.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { freeTcpPort } from '../../scripts/livekit.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const webRoot = join(root, 'apps', 'web', 'build');
const apiMain = join(root, 'apps', 'api', 'dist', 'main.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Every demo account's password (apps/api/src/demo). */
export const DEMO_PASSWORD = 'cyswllt-demo-2027';
export const LOG_IN = `mutation LogIn($input: LogInInput!) { logIn(input: $input) { id } }`;

export function envInt(name, fallback) {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
}

const round = (ms) => Math.round(ms * 100) / 100;

/** p50 / p90 / p99 / max of a list of milliseconds, rounded to 0.01 ms. */
export function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return { p50: round(at(50)), p90: round(at(90)), p99: round(at(99)), max: round(sorted.at(-1)) };
}

/** Fails early with the command to run when the built API or web app is missing. */
export function requireBuild() {
  for (const [file, what] of [
    [apiMain, 'the API'],
    [join(webRoot, 'index.html'), 'the web app'],
  ]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: build ${what} first (npm run build)`);
  }
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
}

/**
 * The built API on a free port of 127.0.0.1, embedded SQLite in a temporary folder, demo data
 * seeded, the built web app on the same origin; `env` adds variables (e.g. LiveKit's), `nodeArgs`
 * options for node itself (e.g. --cpu-prof), `dist` another build of the API (default apps/api/dist).
 * Resolves when /healthz answers; `stop()` ends it and removes the data.
 */
export async function startEmbeddedApi({ port, env: extra = {}, nodeArgs = [], dist } = {}) {
  const apiPort = port ?? (await freeTcpPort());
  const base = `http://localhost:${apiPort}`;
  const dataDir = mkdtempSync(join(os.tmpdir(), 'cyswllt-bench-'));
  const { DATABASE_URL: _db, ...env } = process.env;
  const api = spawn(process.execPath, [...nodeArgs, dist ? join(resolve(dist), 'main.js') : apiMain, '--seed-demo'], {
    cwd: join(root, 'apps', 'api'),
    env: {
      ...env,
      CYSWLLT_MODE: 'embedded',
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      PUBLIC_URL: base,
      SQLITE_PATH: join(dataDir, 'cyswllt.sqlite'),
      SEED_DEMO: 'true',
      WEB_ROOT: webRoot,
      ...extra,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = async () => {
    if (api.exitCode === null) {
      const exited = new Promise((done) => api.once('exit', done));
      api.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (api.exitCode !== null) throw new Error(`the API exited (${api.exitCode}) before it was ready`);
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the API did not answer ${base}/healthz within 90 s`);
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  return { base, stop, pid: api.pid };
}

/** The session cookie of a demo account, signed in over GraphQL (for load generators and Lighthouse). */
export async function demoSessionCookie(base, email) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LOG_IN, variables: { input: { email, password: DEMO_PASSWORD } } }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  if (!cookie) throw new Error(`sign-in of ${email} failed: ${res.status}`);
  return cookie;
}

/** A GraphQL caller with its own cookie jar; throws on GraphQL errors. */
export function graphqlClient(base) {
  let cookie = '';
  return async (query, variables) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const set = res.headers.getSetCookie().map((line) => line.split(';')[0]);
    if (set.length > 0) cookie = set.join('; ');
    const body = await res.json();
    if (body.errors || !body.data) throw new Error(`GraphQL call failed: ${JSON.stringify(body.errors ?? body)}`);
    return body.data;
  };
}

/** Headless Debian Chromium with the flags this machine needs (docs/development.md#known-traps), plus `extraArgs`. */
export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      ...extraArgs,
    ],
  });
}

/** Signs a browser context in through its own request API, so its pages carry the login cookie. */
export async function signInContext(context, base, email) {
  const res = await context.request.post(`${base}/graphql`, {
    data: { query: LOG_IN, variables: { input: { email, password: DEMO_PASSWORD } } },
  });
  if (!res.ok()) throw new Error(`sign-in of ${email} failed: ${res.status()}`);
}
