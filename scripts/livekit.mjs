#!/usr/bin/env node
/**
 * A real LiveKit server for tests and local development (docs/architecture.md#video-rooms), started in `--dev` mode on
 * free loopback ports with a generated config, so media flows over 127.0.0.1 on one machine:
 *
 *   rtc.enable_loopback_candidate: true, rtc.use_external_ip: false, --node-ip 127.0.0.1
 *
 * As a module (apps/api/test/rooms.int-spec.ts):
 *
 *   import { startLiveKit, findLiveKitServer } from '../../../scripts/livekit.mjs';
 *   const lk = await startLiveKit({ webhookUrls: ['http://127.0.0.1:3000/livekit/webhook'] });
 *   // lk.url (ws://…), lk.httpUrl, lk.apiKey, lk.apiSecret
 *   await lk.stop();
 *
 * As a command (`node scripts/livekit.mjs [--webhook URL] [--port N]`) it runs until Ctrl-C and
 * prints the variables for the API (LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET);
 * `--version` prints the installed server's version, `--pinned-version` the one the project wants.
 *
 * The binary: LIVEKIT_SERVER_BIN, else `livekit-server` on PATH, else $(go env GOPATH)/bin. `npm test`
 * (scripts/test.mjs, or `npm run provision` alone) builds it there (`go install github.com/livekit/livekit-server/cmd/server@v$LIVEKIT_VERSION`,
 * renamed livekit-server).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The LiveKit server version the project is tested with (the newest v1.13 the Go proxy builds). */
export const LIVEKIT_VERSION = '1.13.5';
export const DEV_API_KEY = 'devkey';
export const DEV_API_SECRET = 'secret';

/** Path of the livekit-server binary, or undefined when it is not installed. */
export function findLiveKitServer() {
  const candidates = [];
  if (process.env.LIVEKIT_SERVER_BIN) candidates.push(process.env.LIVEKIT_SERVER_BIN);
  for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir) candidates.push(join(dir, 'livekit-server'));
  const gopath = goPath();
  if (gopath) candidates.push(join(gopath, 'bin', 'livekit-server'));
  candidates.push(join(process.env.HOME ?? '/root', 'go', 'bin', 'livekit-server'));
  return candidates.find((path) => existsSync(path));
}

function goPath() {
  if (process.env.GOPATH) return process.env.GOPATH.split(delimiter)[0];
  const result = spawnSync('go', ['env', 'GOPATH'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The installed server's version ("1.13.5"), or undefined. */
export function liveKitServerVersion(binary = findLiveKitServer()) {
  if (!binary) return undefined;
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return /version\s+(\S+)/.exec(result.stdout ?? '')?.[1];
}

/** A free TCP port on 127.0.0.1 (released before returning; good enough for tests). */
export function freeTcpPort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function freeUdpPort() {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

function configYaml({ port, tcpPort, udpPort, apiKey, apiSecret, webhookUrls, logLevel }) {
  const q = (value) => JSON.stringify(String(value)); // JSON strings are valid YAML scalars
  const lines = [
    `port: ${port}`,
    'bind_addresses:',
    '  - 127.0.0.1',
    'rtc:',
    `  tcp_port: ${tcpPort}`,
    `  udp_port: ${udpPort}`,
    '  use_external_ip: false',
    '  enable_loopback_candidate: true',
    'keys:',
    `  ${q(apiKey)}: ${q(apiSecret)}`,
    'logging:',
    `  level: ${logLevel}`,
    '  pion_level: error',
  ];
  if (webhookUrls.length > 0) {
    lines.push('webhook:', `  api_key: ${q(apiKey)}`, '  urls:', ...webhookUrls.map((url) => `    - ${q(url)}`));
  }
  return `${lines.join('\n')}\n`;
}

async function waitUntilReady(httpUrl, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`livekit-server exited with code ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(httpUrl, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`livekit-server did not answer on ${httpUrl} within ${timeoutMs} ms`);
}

/**
 * Starts livekit-server --dev on free loopback ports and waits until it answers.
 *
 * @param {object} [options]
 * @param {string[]} [options.webhookUrls] where the server posts its signed webhooks
 * @param {number} [options.port] HTTP/WebSocket port (default: a free one)
 * @param {string} [options.apiKey] default devkey
 * @param {string} [options.apiSecret] default secret
 * @param {string} [options.binary] default findLiveKitServer()
 * @param {string} [options.logLevel] default warn
 * @param {boolean} [options.inheritOutput] print the server's log (default: kept, shown on failure)
 */
export async function startLiveKit(options = {}) {
  const binary = options.binary ?? findLiveKitServer();
  if (!binary) {
    throw new Error(
      `livekit-server is not installed: run \`npm run provision\`, or \`go install github.com/livekit/livekit-server/cmd/server@v${LIVEKIT_VERSION}\` ` +
        'and rename $(go env GOPATH)/bin/server to livekit-server, or set LIVEKIT_SERVER_BIN.',
    );
  }
  const apiKey = options.apiKey ?? DEV_API_KEY;
  const apiSecret = options.apiSecret ?? DEV_API_SECRET;
  const port = options.port ?? (await freeTcpPort());
  const tcpPort = await freeTcpPort();
  const udpPort = await freeUdpPort();
  const dir = mkdtempSync(join(tmpdir(), 'cyswllt-livekit-'));
  const configFile = join(dir, 'livekit.yaml');
  writeFileSync(
    configFile,
    configYaml({
      port,
      tcpPort,
      udpPort,
      apiKey,
      apiSecret,
      webhookUrls: options.webhookUrls ?? [],
      logLevel: options.logLevel ?? 'warn',
    }),
  );

  const child = spawn(binary, ['--dev', '--config', configFile, '--node-ip', '127.0.0.1'], {
    stdio: ['ignore', options.inheritOutput ? 'inherit' : 'pipe', options.inheritOutput ? 'inherit' : 'pipe'],
  });
  let log = '';
  const keep = (chunk) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));

  const httpUrl = `http://127.0.0.1:${port}`;
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    await waitUntilReady(httpUrl, child, options.readyTimeoutMs ?? 20_000);
  } catch (error) {
    child.kill('SIGKILL');
    cleanup();
    throw new Error(`${error.message}\n--- livekit-server log ---\n${log}`, { cause: error });
  }

  let stopping;
  return {
    url: `ws://127.0.0.1:${port}`,
    httpUrl,
    apiKey,
    apiSecret,
    ports: { http: port, rtcTcp: tcpPort, rtcUdp: udpPort },
    pid: child.pid,
    binary,
    log: () => log,
    /** Stops the server (SIGTERM, then SIGKILL after 5 s) and removes its config. Idempotent. */
    stop() {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
        }
        cleanup();
      })();
      return stopping;
    },
  };
}

// `node scripts/livekit.mjs`: run one for local development until interrupted.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const valueOf = (flag) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  if (args.includes('--pinned-version')) {
    console.log(LIVEKIT_VERSION); // what `npm run provision` (scripts/test.mjs) builds
    process.exit(0);
  }
  if (args.includes('--version')) {
    console.log(liveKitServerVersion() ?? 'not installed');
    process.exit(0);
  }
  const webhook = valueOf('--webhook');
  const lk = await startLiveKit({
    webhookUrls: webhook ? [webhook] : [],
    port: valueOf('--port') ? Number(valueOf('--port')) : 7880,
    logLevel: 'info',
    inheritOutput: true,
  });
  console.log(
    `LiveKit ${liveKitServerVersion(lk.binary) ?? ''} ready:\n  LIVEKIT_URL=${lk.url}\n  LIVEKIT_API_KEY=${lk.apiKey}\n  LIVEKIT_API_SECRET=${lk.apiSecret}`,
  );
  const stop = () => lk.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
