#!/usr/bin/env node
/**
 * `npm start` (after the build): the embedded platform — the API on SQLite with the demo data,
 * serving the web app — plus a local LiveKit server in --dev mode when one is installed
 * (scripts/livekit.mjs finds it), so video calls work out of the box. Without one, the room page
 * shows "video unavailable". Ctrl-C stops both.
 *
 * Once the API answers /healthz (migrated, seeded, listening), a short banner is printed last: the
 * web address, the demo logins and how to stop. The API's own lines before it are JSON logs.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import demoData from '../apps/api/dist/demo/demo-data.js';
import { DEV_API_KEY, DEV_API_SECRET, findLiveKitServer, startLiveKit } from './livekit.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const apiPort = Number(process.env.PORT ?? 3000);
const env = { ...process.env };
let livekit;

if (env.LIVEKIT_URL) {
  console.log(`LiveKit: using ${env.LIVEKIT_URL}`);
} else if (findLiveKitServer()) {
  try {
    livekit = await startLiveKit({ port: 7880, webhookUrls: [`http://127.0.0.1:${apiPort}/livekit/webhook`] });
    Object.assign(env, { LIVEKIT_URL: livekit.url, LIVEKIT_API_KEY: DEV_API_KEY, LIVEKIT_API_SECRET: DEV_API_SECRET });
    console.log(`LiveKit: a local --dev server on ${livekit.url}`);
  } catch (error) {
    console.warn(
      `LiveKit did not start (${error instanceof Error ? error.message : String(error)}): video calls show "video unavailable".`,
    );
  }
} else {
  console.log(
    'LiveKit: no livekit-server installed, so video calls show "video unavailable" (docs/features/rooms.md; `npm run provision` builds one).',
  );
}

const api = spawn(process.execPath, ['dist/main.js', '--seed-demo'], {
  cwd: join(root, 'apps/api'),
  env,
  stdio: 'inherit',
});
let exited = false;
const stop = () => api.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
api.on('exit', async (code, signal) => {
  exited = true;
  await livekit?.stop();
  process.exit(code ?? (signal ? 0 : 1));
});

/** The banner, once the API is up; nothing if it exits first. */
async function bannerWhenReady() {
  const host = env.HOST && env.HOST !== '127.0.0.1' && env.HOST !== '0.0.0.0' ? env.HOST : 'localhost';
  const web = `http://${host}:${apiPort}/`;
  while (!exited) {
    const ok = await fetch(`http://127.0.0.1:${apiPort}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return console.log(banner(web));
    await new Promise((resolve) => setTimeout(resolve, 250)); // poll the start-up, not a test
  }
}

function banner(web) {
  const { DEMO_PEOPLE, DEMO_LOGIN_KEYS, DEMO_PASSWORD, DEMO_EMAIL_DOMAIN } = demoData;
  const people = DEMO_LOGIN_KEYS.map((key) => DEMO_PEOPLE.find((person) => person.key === key));
  const roleOf = (person) => person.role.toLowerCase().replace(/_/g, ' ');
  const roleWidth = Math.max(...people.map((person) => roleOf(person).length));
  const nameWidth = Math.max(...people.map((person) => person.displayName.length));
  return [
    '',
    `  Cyswllt is running: ${web}   (GraphQL: ${web}graphql)`,
    '',
    `  Demo logins (password for all: ${DEMO_PASSWORD}):`,
    ...people.map(
      (person) =>
        `    ${roleOf(person).padEnd(roleWidth)}  ${person.displayName.padEnd(nameWidth)}  ${person.email}@${DEMO_EMAIL_DOMAIN}`,
    ),
    '',
    env.DATABASE_URL || env.SQLITE_PATH
      ? '  Stop with Ctrl-C.'
      : '  Stop with Ctrl-C. Your data stays in apps/api/data/ (delete that folder to start over).',
    '',
  ].join('\n');
}

await bannerWhenReady();
