#!/usr/bin/env node
/**
 * `npm start` (after the build): the embedded platform — the API on SQLite with the demo data,
 * serving the web app — plus a local LiveKit server in --dev mode when one is installed
 * (scripts/livekit.mjs finds it), so video calls work out of the box. Without one, the room page
 * shows "video unavailable". Ctrl-C stops both.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
    console.warn(`LiveKit did not start (${error instanceof Error ? error.message : String(error)}): video calls show "video unavailable".`);
  }
} else {
  console.log('LiveKit: no livekit-server installed, so video calls show "video unavailable" (README, Video rooms).');
}

const api = spawn(process.execPath, ['dist/main.js', '--seed-demo'], { cwd: join(root, 'apps/api'), env, stdio: 'inherit' });
const stop = () => api.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
api.on('exit', async (code, signal) => {
  await livekit?.stop();
  process.exit(code ?? (signal ? 0 : 1));
});
