#!/usr/bin/env node
/**
 * `npm run bench:graphql` — what the whole app costs per request, against bare graphql-js (issue #18).
 *
 * The same tiny query, `query Tiny { __typename }`, goes to:
 * - app: the built API (apps/api/dist, embedded SQLite, demo data), through everything a real
 *   request meets — request id and JSON logging, HTTP and GraphQL metrics, security headers, body
 *   and cookie parsing, the session cookie of a signed-in demo practitioner, graphql-armor's limits,
 *   CSRF prevention, Apollo and Nest;
 * - bare: the same schema (apps/api/schema.gql) in graphql-js on node:http (bare-graphql-server.mjs).
 * Both run as child processes on this machine; autocannon drives them from this process with the
 * same connections, in alternating rounds (app, bare, app, bare, …) so that the machine's state
 * drifts alike for both. Each round starts with an unmeasured warm-up.
 *
 * BENCH_PAIRS (4) rounds each, BENCH_SECONDS (5) per round, BENCH_CONNECTIONS (16).
 * BENCH_BEFORE_DIST names another build of the API (e.g. of the commit before a change, built
 * inside apps/api so it finds its packages): it joins the rounds as `before`, and the JSON line adds
 * beforeRps and beforeRatio, so a change is measured against its predecessor in the same run.
 * BENCH_PROFILE=1 writes a V8 CPU profile of the app (apps/api/graphql-bench.cpuprofile) for
 * Chrome DevTools or speedscope.
 *
 * Prints a readable report and, as the LAST line, one JSON object: appRps, bareRps, ratio (app /
 * bare throughput; aim ≥ 0.5), p50/p99 of each in ms, CPU ms per request of each process and
 * cpuRatio (bare ÷ app CPU per request: steady on a shared, busy machine, where throughput is not),
 * the load average, errors. Exits 1 on any failed request.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { demoSessionCookie, envInt, requireBuild, root, startEmbeddedApi, summary } from './support.mjs';

const PAIRS = envInt('BENCH_PAIRS', 4);
const SECONDS = envInt('BENCH_SECONDS', 5);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 16);
const PROFILE = process.env.BENCH_PROFILE === '1';
const BEFORE_DIST = process.env.BENCH_BEFORE_DIST;
const PRACTITIONER = 'ffion.prydderch@cyswllt.example';
const QUERY = JSON.stringify({ query: 'query Tiny { __typename }', operationName: 'Tiny' });

async function startBare() {
  const child = spawn(process.execPath, [join(root, 'test', 'bench', 'bare-graphql-server.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = await once(child.stdout, 'data');
  const base = `http://127.0.0.1:${String(line).trim()}`;
  return {
    base,
    pid: child.pid,
    stop: async () => {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * CPU time (user + system, ms) a process has used, from /proc: unlike requests per second, CPU per
 * request hardly moves when other work on a shared machine takes turns on the cores.
 */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

/** Both targets must answer the query with data, not errors, before anything is timed. */
async function assertAnswers(base, headers) {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers, body: QUERY });
  const body = await res.json();
  if (res.status !== 200 || body.data?.__typename !== 'Query')
    throw new Error(`${base} answered ${res.status} ${JSON.stringify(body)}`);
}

/** One autocannon round; `samples` collects each response's latency in ms when given. */
async function round(base, headers, seconds, samples) {
  const instance = autocannon({
    url: `${base}/graphql`,
    method: 'POST',
    headers,
    body: QUERY,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
  });
  if (samples) instance.on('response', (_client, _status, _bytes, ms) => samples.push(ms));
  const result = await instance;
  return {
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    seconds: result.duration,
  };
}

async function main() {
  requireBuild();
  const profileDir = PROFILE ? mkdtempSync(join(os.tmpdir(), 'cyswllt-prof-')) : undefined;
  const app = await startEmbeddedApi({ nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [] });
  const before = BEFORE_DIST ? await startEmbeddedApi({ dist: BEFORE_DIST }) : undefined;
  const bare = await startBare();
  try {
    const appHeaders = { 'content-type': 'application/json', cookie: await demoSessionCookie(app.base, PRACTITIONER) };
    const bareHeaders = { 'content-type': 'application/json' };
    await assertAnswers(app.base, appHeaders);
    await assertAnswers(bare.base, bareHeaders);

    const targets = {
      app: { base: app.base, pid: app.pid, headers: appHeaders },
      bare: { base: bare.base, pid: bare.pid, headers: bareHeaders },
    };
    if (before) {
      targets.before = {
        base: before.base,
        pid: before.pid,
        headers: { 'content-type': 'application/json', cookie: await demoSessionCookie(before.base, PRACTITIONER) },
      };
      await assertAnswers(before.base, targets.before.headers);
    }
    const names = Object.keys(targets);
    const totals = Object.fromEntries(
      names.map((name) => [name, { requests: 0, seconds: 0, failed: 0, cpuMs: 0, samples: [] }]),
    );
    for (let pair = 0; pair < PAIRS; pair++) {
      for (const name of pair % 2 === 0 ? names : [...names].reverse()) {
        const { base, pid, headers } = targets[name];
        await round(base, headers, 1); // warm-up, unmeasured
        const cpuBefore = cpuMs(pid);
        const r = await round(base, headers, SECONDS, totals[name].samples);
        totals[name].cpuMs += cpuMs(pid) - cpuBefore;
        totals[name].requests += r.requests;
        totals[name].seconds += r.seconds;
        totals[name].failed += r.non2xx + r.errors;
        console.log(
          `round ${pair + 1}/${PAIRS} ${name.padEnd(6)}: ${(r.requests / r.seconds).toFixed(0)} requests/s${r.non2xx + r.errors ? `, ${r.non2xx + r.errors} failed` : ''}`,
        );
      }
    }
    const rps = (name) => totals[name].requests / totals[name].seconds;
    const cpuPerRequest = (name) => Math.round((totals[name].cpuMs / totals[name].requests) * 1000) / 1000;
    const appLatency = summary(totals.app.samples);
    const bareLatency = summary(totals.bare.samples);
    const result = {
      bench: 'graphql',
      cores: os.cpus().length,
      connections: CONNECTIONS,
      seconds: PAIRS * SECONDS,
      appRps: Math.round(rps('app')),
      bareRps: Math.round(rps('bare')),
      ratio: Math.round((rps('app') / rps('bare')) * 1000) / 1000,
      appP50Ms: appLatency.p50,
      appP99Ms: appLatency.p99,
      bareP50Ms: bareLatency.p50,
      bareP99Ms: bareLatency.p99,
      appCpuMsPerRequest: cpuPerRequest('app'),
      bareCpuMsPerRequest: cpuPerRequest('bare'),
      cpuRatio: Math.round((cpuPerRequest('bare') / cpuPerRequest('app')) * 1000) / 1000,
      ...(before
        ? {
            beforeRps: Math.round(rps('before')),
            beforeRatio: Math.round((rps('before') / rps('bare')) * 1000) / 1000,
            beforeP50Ms: summary(totals.before.samples).p50,
            beforeP99Ms: summary(totals.before.samples).p99,
            beforeCpuMsPerRequest: cpuPerRequest('before'),
            beforeCpuRatio: Math.round((cpuPerRequest('bare') / cpuPerRequest('before')) * 1000) / 1000,
          }
        : {}),
      loadAverage: os.loadavg().map((n) => Math.round(n * 10) / 10),
      errors: names.reduce((sum, name) => sum + totals[name].failed, 0),
    };
    console.log(
      `\napp ${result.appRps} requests/s (p50 ${result.appP50Ms} ms, p99 ${result.appP99Ms} ms), ${result.appCpuMsPerRequest} ms CPU per request`,
    );
    console.log(
      `bare graphql-js ${result.bareRps} requests/s (p50 ${result.bareP50Ms} ms, p99 ${result.bareP99Ms} ms), ${result.bareCpuMsPerRequest} ms CPU per request`,
    );
    console.log(
      `cpuRatio ${result.cpuRatio} (bare ÷ app CPU per request: the ratio a quiet machine would show when both are CPU-bound)`,
    );
    if (before)
      console.log(
        `before (${BEFORE_DIST}) ${result.beforeRps} requests/s, ratio ${result.beforeRatio}, ${result.beforeCpuMsPerRequest} ms CPU per request (cpuRatio ${result.beforeCpuRatio})`,
      );
    console.log(
      `ratio ${result.ratio} (aim ≥ 0.5)${result.errors ? `; ${result.errors} failed requests` : ''}; load average ${result.loadAverage.join(' ')}`,
    );
    console.log(JSON.stringify(result));
    if (result.errors > 0) process.exitCode = 1;
  } finally {
    await bare.stop();
    await before?.stop();
    await app.stop();
    if (profileDir) {
      const [profile] = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
      const target = join(root, 'apps', 'api', 'graphql-bench.cpuprofile');
      if (profile) renameSync(join(profileDir, profile), target);
      rmSync(profileDir, { recursive: true, force: true });
      if (existsSync(target)) console.error(`CPU profile of the app: ${target}`);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
