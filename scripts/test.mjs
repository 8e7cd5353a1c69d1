#!/usr/bin/env node
/**
 * `npm test`: the whole suite, the same on a laptop and in CI.
 *
 *   1. build the api (tsc) and the web app (vite), type-check the api's tests
 *   2. lint (ESLint) and format (Prettier --check): `npm run lint`; `npm run format` fixes
 *      web checks: svelte-check (no errors, no warnings), the messages (cy.json and en.json have
 *      the same keys, and Paraglide compiled them), type-check the browser tests
 *   3. unit tests          (vitest project `unit`)
 *   4. integration tests   (vitest project `integration`) with TEST_DB=sqlite
 *   5. integration tests   again with TEST_DB=postgres — always both engines
 *   5b. the event rehearsal (npm run rehearse) at its small size, on SQLite and on PostgreSQL
 *   6. schema drift: re-emit apps/api/schema.gql and compare with the committed file
 *   7. contracts drift: regenerate libs/contracts/src/generated.ts from it and compare
 *   8. browser tests       (vitest project `e2e`): the built app in Debian's Chromium, with a real
 *      LiveKit server for the two-browser video call (test/e2e/room.e2e.ts)
 *
 * Before all that, the machine is provisioned (`node scripts/test.mjs --provision-only` does only
 * this): Chromium, docker-compose and Caddy come from apt-get when missing (as root; otherwise the
 * run stops and prints the one command to run), and the pinned LiveKit server is built with Go when
 * absent. Whatever cannot be provided is listed at the start and in the summary, with the reason:
 * nothing is skipped silently.
 *
 * Every step runs even when an earlier one failed, so one run reports everything. Exits non-zero
 * if any step failed. The last line of output is always `N passed, M failed`: test counts summed
 * over the vitest runs (a test file that fails outside any test, e.g. in an import or a
 * beforeAll, counts as one failure).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIVEKIT_VERSION, findLiveKitServer, liveKitServerVersion } from './livekit.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const vitestBin = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const schemaFile = 'apps/api/schema.gql';
const contractsFile = 'libs/contracts/src/generated.ts';
const reportDir = mkdtempSync(join(tmpdir(), 'cyswllt-test-'));

// Go's official tarball lives in /usr/local/go; put it on PATH when `go` is not there already.
const GO_DIR = '/usr/local/go/bin';
const path = (process.env.PATH ?? '').split(delimiter);
if (!onPath('go', path) && existsSync(join(GO_DIR, 'go'))) path.push(GO_DIR);
// Vite 8 warns that a TypeScript config in a CommonJS package will need .mts one day; noise here.
const baseEnv = { ...process.env, PATH: path.join(delimiter), VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' };
process.env.PATH = baseEnv.PATH; // for scripts/livekit.mjs' `go env GOPATH`
const steps = [];
const totals = { passed: 0, failed: 0 };
/** The failed tests' names, by step: repeated in the summary, where a CI log's tail shows them. */
const failures = [];

function banner(title) {
  console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`);
}

function run(command, args, { env = {}, cwd = root } = {}) {
  const result = spawnSync(command, args, { cwd, env: { ...baseEnv, ...env }, stdio: 'inherit' });
  if (result.error) console.error(`could not run ${command}: ${result.error.message}`);
  return result.status ?? 1;
}

function step(title, work) {
  banner(title);
  const started = Date.now();
  let ok;
  try {
    ok = work();
  } catch (error) {
    console.error(error);
    ok = false;
  }
  steps.push({ title, ok, seconds: (Date.now() - started) / 1000 });
}

/** One vitest run with the default reporter on screen and a JSON report for the counts. */
function vitest(title, project, env = {}, extraArgs = []) {
  step(title, () => {
    const report = join(reportDir, `${title.replace(/\W+/g, '-')}.json`);
    const status = run(
      process.execPath,
      [
        vitestBin,
        'run',
        '--project',
        project,
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${report}`,
        ...extraArgs,
      ],
      { env },
    );
    const counts = readCounts(report);
    for (const name of counts?.failedNames ?? []) failures.push(`${title}: ${name}`);
    if (counts) {
      totals.passed += counts.passed;
      totals.failed += counts.failed;
      console.log(`${title}: ${counts.passed} passed, ${counts.failed} failed`);
    } else {
      totals.failed += 1;
      console.error(`${title}: vitest wrote no report (exit ${status}); counted as one failure`);
    }
    return status === 0 && (!counts || counts.failed === 0);
  });
}

function readCounts(file) {
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  let failed = report.numFailedTests ?? 0;
  const failedNames = [];
  for (const fileResult of report.testResults ?? []) {
    const file = relative(root, fileResult.name ?? '');
    const failedTests = (fileResult.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const test of failedTests) failedNames.push(`${file} > ${test.fullName ?? test.title}`);
    if (fileResult.status === 'failed' && failedTests.length === 0) {
      failed += 1; // failed outside any test
      failedNames.push(
        `${file} (outside any test: ${String(fileResult.message ?? '')
          .split('\n')[0]
          .slice(0, 200)})`,
      );
    }
  }
  return { passed: report.numPassedTests ?? 0, failed, failedNames };
}

function git(args) {
  return spawnSync('git', args, { cwd: root, encoding: 'utf8' });
}

/**
 * Regenerates a committed, generated file and fails when it changed: through git when the file is
 * tracked, else against its content before this run.
 */
function generatedDrift(file, regenerate, command) {
  const path = join(root, file);
  const tracked =
    git(['rev-parse', '--is-inside-work-tree']).status === 0 &&
    git(['ls-files', '--error-unmatch', '--', file]).status === 0;
  const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (regenerate() !== 0) {
    console.error(`regenerating ${file} failed`);
    return false;
  }
  if (tracked) {
    const status = run('git', ['--no-pager', 'diff', '--exit-code', '--', file]);
    if (status !== 0) console.error(`${file} differs from the committed file: run \`${command}\` and commit it.`);
    else console.log(`${file}: no drift`);
    return status === 0;
  }
  // Not a git checkout (or the file is not committed yet): compare with the content before this run.
  const after = readFileSync(path, 'utf8');
  if (before === undefined) {
    console.error(`${file} did not exist; it has now been generated — commit it.`);
    return false;
  }
  if (before !== after) {
    const previous = join(reportDir, `${file.replace(/\W+/g, '-')}.before`);
    writeFileSync(previous, before);
    run('diff', ['-u', previous, path]);
    console.error(`${file} was out of date (now regenerated): commit the new file.`);
    return false;
  }
  console.log(`${file}: no drift (compared with its previous content; not tracked by git)`);
  return true;
}

function schemaDrift() {
  return generatedDrift(
    schemaFile,
    () => run('npm', ['run', 'schema', '--silent', '-w', '@cyswllt/api']),
    'npm run schema',
  );
}

function contractsDrift() {
  return generatedDrift(
    contractsFile,
    () => run('npm', ['run', 'codegen', '--silent', '-w', '@cyswllt/contracts']),
    'npm run codegen',
  );
}

function onPath(command, dirs = (process.env.PATH ?? '').split(delimiter)) {
  return dirs.some((dir) => dir && existsSync(join(dir, command)));
}

/** The browser tests run Debian's Chromium (test/e2e/support/browser.ts); CHROMIUM_PATH overrides. */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * System packages the suite needs, by the Debian package that provides each: Chromium for the
 * browser tests, docker-compose and Caddy for infra/infra.spec.ts (they only validate the files).
 */
const SYSTEM_TOOLS = [
  { name: 'Chromium', pkg: 'chromium', present: () => existsSync(chromium), needs: 'the browser tests in test/e2e' },
  {
    name: 'docker-compose',
    pkg: 'docker-compose',
    present: () => onPath('docker-compose'),
    needs: 'the compose check in infra/infra.spec.ts',
  },
  { name: 'Caddy', pkg: 'caddy', present: () => onPath('caddy'), needs: 'the Caddyfile check in infra/infra.spec.ts' },
];

/** What this run cannot do, and why, and what will fail for want of a service: printed before the steps and again in the summary. */
const skipped = [];
const warnings = [];

function tcpOpen(port) {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port, timeout: 1000 });
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
    socket.once('timeout', () => (socket.destroy(), done(false)));
  });
}

/** Installs the missing system packages with apt-get as root; otherwise stops with the command to run. */
function provisionSystemTools() {
  const missing = SYSTEM_TOOLS.filter((tool) => !tool.present());
  for (const tool of SYSTEM_TOOLS) if (!missing.includes(tool)) console.log(`${tool.name}: installed`);
  if (missing.length === 0) return true;
  const packages = missing.map((tool) => tool.pkg);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !onPath('apt-get')) {
    console.error(`missing: ${missing.map((tool) => `${tool.name} (for ${tool.needs})`).join(', ')}.`);
    console.error(
      isRoot
        ? 'No apt-get here: install these packages with the system package manager, then run `npm test` again.'
        : 'Install them once, then run `npm test` again:',
    );
    console.error(`\n  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}\n`);
    if (process.env.CHROMIUM_PATH === undefined && packages.includes('chromium'))
      console.error('(or set CHROMIUM_PATH to another Chromium binary)');
    return false;
  }
  console.log(`installing with apt-get: ${packages.join(' ')}`);
  const env = { ...baseEnv, DEBIAN_FRONTEND: 'noninteractive' };
  if (
    run('apt-get', ['update', '-qq'], { env }) !== 0 ||
    run('apt-get', ['install', '-y', '-qq', ...packages], { env }) !== 0
  ) {
    console.error(`apt-get could not install ${packages.join(' ')}`);
    return false;
  }
  const still = missing.filter((tool) => !tool.present());
  if (still.length > 0) console.error(`still missing after apt-get: ${still.map((tool) => tool.name).join(', ')}`);
  return still.length === 0;
}

/**
 * The video-room tests (apps/api/test/rooms.int-spec.ts, test/e2e/room.e2e.ts) start a real LiveKit
 * server through scripts/livekit.mjs. Built from source with Go into $(go env GOPATH)/bin (a few
 * minutes on 2 cores) unless the pinned version is installed. v1.13.6+ replace pion with forks the
 * Go module proxy does not serve; v1.13.5 is the newest that builds.
 */
function provisionLiveKit() {
  const installed = liveKitServerVersion();
  if (installed === LIVEKIT_VERSION) {
    console.log(`LiveKit server: ${installed} installed (${findLiveKitServer()})`);
    return;
  }
  if (!onPath('go') && installed) {
    warnings.push(
      `LiveKit server ${installed} found, not the pinned ${LIVEKIT_VERSION}, and no Go to build that: the video-room tests run on ${installed}`,
    );
    return;
  }
  if (!onPath('go')) {
    skipped.push(
      `the video-room tests (rooms.int-spec.ts, room.e2e.ts): no LiveKit server ${LIVEKIT_VERSION} and no Go to build it — install Go (https://go.dev/dl/) or set LIVEKIT_SERVER_BIN`,
    );
    return;
  }
  console.log(
    `LiveKit server: ${installed ? `${installed} found, ` : ''}building ${LIVEKIT_VERSION} with Go (a few minutes)`,
  );
  const gopath = spawnSync('go', ['env', 'GOPATH'], { encoding: 'utf8', env: baseEnv }).stdout.trim();
  const target = join(gopath, 'bin', 'livekit-server');
  mkdirSync(dirname(target), { recursive: true });
  // Built beside its destination, so the rename never crosses file systems.
  const gobin = mkdtempSync(join(gopath, '.livekit-build-'));
  try {
    const status = run(
      'go',
      ['install', '-trimpath', `github.com/livekit/livekit-server/cmd/server@v${LIVEKIT_VERSION}`],
      {
        env: { GOBIN: gobin, GOFLAGS: '-mod=mod' },
      },
    );
    if (status !== 0) {
      skipped.push(
        `the video-room tests: building LiveKit server ${LIVEKIT_VERSION} with Go failed (exit ${status}; see above)`,
      );
      return;
    }
    renameSync(join(gobin, 'server'), target);
    console.log(`LiveKit server: ${liveKitServerVersion(target)} installed at ${target}`);
  } finally {
    rmSync(gobin, { recursive: true, force: true });
  }
}

/** Everything the suite needs that npm does not install. False when the run cannot go on. */
async function provision() {
  banner('provision (Chromium, docker-compose, Caddy, LiveKit server)');
  if (!provisionSystemTools()) return false;
  provisionLiveKit();
  if (!(await tcpOpen(5432)) && !process.env.TEST_PG_URL) {
    warnings.push(
      'nothing answers on 127.0.0.1:5432, so the PostgreSQL integration run will fail: start PostgreSQL (e.g. `pg_ctlcluster --skip-systemctl-redirect 15 main start`) or set TEST_PG_URL',
    );
  }
  for (const line of skipped) console.warn(`SKIPPED: ${line}`);
  for (const line of warnings) console.warn(`WARNING: ${line}`);
  return true;
}

if (!(await provision())) {
  process.exitCode = 1;
  process.exit();
}
if (process.argv.includes('--provision-only')) process.exit();

step('build api (tsc) and web (vite)', () => run('npm', ['run', 'build', '--silent']) === 0);
step(
  'type-check api tests (tsc --noEmit)',
  () =>
    run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'apps/api/tsconfig.json']) ===
    0,
);
step('check web (svelte-check)', () => run('npm', ['run', 'check', '--silent', '-w', '@cyswllt/web']) === 0);
step(
  'web messages (cy.json and en.json keys, compiled)',
  () => run('npm', ['run', 'check:messages', '--silent', '-w', '@cyswllt/web']) === 0,
);
step('lint (ESLint) and format (Prettier)', () => run('npm', ['run', 'lint', '--silent']) === 0);
step(
  'type-check browser tests (tsc --noEmit)',
  () =>
    run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'test/e2e/tsconfig.json']) ===
    0,
);
vitest('unit', 'unit', {}, ['--passWithNoTests']);
vitest('integration sqlite', 'integration', { TEST_DB: 'sqlite' });
vitest('integration postgres', 'integration', { TEST_DB: 'postgres' });
// The event rehearsal (docs/rehearsal.md): a seeded whole event on the built API, a real SMTP
// listener and LiveKit server, checked against its invariants after every step; any violation
// fails it. Counted as one test per engine in the closing line.
for (const db of ['sqlite', 'postgres']) {
  step(`rehearsal ${db} (small, seed 1)`, () => {
    const ok = run('npm', ['run', 'rehearse', '--silent', '--', '--db', db]) === 0;
    totals[ok ? 'passed' : 'failed'] += 1;
    return ok;
  });
}
step('schema drift (apps/api/schema.gql)', schemaDrift);
step('contracts drift (libs/contracts/src/generated.ts)', contractsDrift);
if (existsSync(chromium)) vitest('e2e (Chromium)', 'e2e');
else {
  step('e2e (Chromium)', () => {
    console.error(
      `no Chromium at ${chromium}: install it (\`apt-get install -y chromium\`; \`npm test\` does so as root) or set CHROMIUM_PATH.`,
    );
    return false;
  });
  totals.failed += 1;
}

rmSync(reportDir, { recursive: true, force: true });

banner('summary');
for (const { title, ok, seconds } of steps) console.log(`${ok ? 'ok  ' : 'FAIL'}  ${title} (${seconds.toFixed(1)}s)`);
for (const line of skipped) console.log(`SKIPPED: ${line}`);
for (const line of warnings) console.log(`WARNING: ${line}`);
for (const line of failures.slice(0, 30)) console.log(`FAILED TEST: ${line}`);
if (failures.length > 30) console.log(`… and ${failures.length - 30} more failed tests`);
const allOk = steps.every((s) => s.ok);
console.log(allOk ? 'all steps passed' : `${steps.filter((s) => !s.ok).length} step(s) failed`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exitCode = allOk && totals.failed === 0 ? 0 : 1;
