import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freeTcpPort } from '../../../scripts/livekit.mjs';
import { eventually } from './support/livekit-harness';

/**
 * The built server (apps/api/dist/main.js) as a process: in production it refuses an unsafe
 * configuration before listening, naming every variable to set; on SIGTERM it shuts down
 * gracefully and exits. `npm test` builds the API first; locally the file is skipped when there is
 * no build, and under CI=true it fails instead.
 */
const MAIN = resolve(__dirname, '../dist/main.js');
const built = existsSync(MAIN);
const required = process.env.CI === 'true';

interface Run {
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
  kill: (signal: NodeJS.Signals) => void;
}

function run(env: Record<string, string>): Run {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // 'close', not 'exit': only then has everything the process wrote been read from its pipes.
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.once('close', (code, signal) => resolveExit({ code, signal })),
  );
  return { exit, output: () => output, kill: (signal) => child.kill(signal) };
}

describe.skipIf(!built && !required)('the server process', () => {
  it('refuses to start in production with an unsafe configuration, listing every variable to set', async () => {
    expect(built, 'CI=true: apps/api/dist/main.js must be built (npm test builds it)').toBe(true);
    const server = run({
      CYSWLLT_MODE: 'production',
      LIVEKIT_API_KEY: 'devkey',
      LIVEKIT_API_SECRET: 'secret',
      PUBLIC_URL: 'http://cyswllt.example.org',
    });
    const { code } = await server.exit;
    expect(code).toBe(1);
    for (const variable of [
      'DATABASE_URL',
      'PUBLIC_URL',
      'LIVEKIT_URL',
      'LIVEKIT_API_KEY',
      'LIVEKIT_API_SECRET',
      'SMTP_URL',
    ]) {
      expect(server.output()).toContain(`  - ${variable}:`);
    }
    expect(server.output()).not.toMatch(/listening|Cyswllt API on/);
  });

  it('on SIGTERM drains, logs it, closes and exits', async () => {
    expect(built, 'CI=true: apps/api/dist/main.js must be built (npm test builds it)').toBe(true);
    const port = await freeTcpPort();
    const sqlite = join(tmpdir(), `cyswllt-proc-${randomBytes(6).toString('hex')}.sqlite`);
    const server = run({
      CYSWLLT_MODE: 'embedded',
      PORT: String(port),
      SQLITE_PATH: sqlite,
      LIVEKIT_URL: `ws://127.0.0.1:${await freeTcpPort()}`,
      LIFECYCLE_INTERVAL_MS: '86400000',
    });
    try {
      await eventually(
        async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200,
        30_000,
        'the server to answer',
      );
      server.kill('SIGTERM');
      const { code, signal } = await server.exit;
      expect(code === 0 || signal === 'SIGTERM', `exit ${code} ${signal}\n${server.output().slice(-2_000)}`).toBe(true);
      const lines = server
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg?: string; context?: string });
      expect(lines.find((line) => line.context === 'Shutdown')?.msg).toMatch(
        /^shutting down on SIGTERM: draining \d+ request\(s\)/,
      );
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    } finally {
      server.kill('SIGKILL');
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${sqlite}${suffix}`, { force: true });
    }
  });
});
