#!/usr/bin/env node
/**
 * `npm test`: the whole suite, the same on a laptop and in CI.
 *
 *   1. build the api (tsc) and the web app (vite), type-check the api's tests
 *   2. web checks: svelte-check (no errors, no warnings), the messages (cy.json and en.json have
 *      the same keys, and Paraglide compiled them), type-check the browser tests
 *   3. unit tests          (vitest project `unit`)
 *   4. integration tests   (vitest project `integration`) with TEST_DB=sqlite
 *   5. integration tests   again with TEST_DB=postgres — always both engines
 *   6. schema drift: re-emit apps/api/schema.gql and compare with the committed file
 *   7. contracts drift: regenerate libs/contracts/src/generated.ts from it and compare
 *   8. browser tests       (vitest project `e2e`): the built app in Debian's Chromium, with a real
 *      LiveKit server for the two-browser video call (test/e2e/room.e2e.ts; skipped locally
 *      without livekit-server, a failure under CI=true)
 *
 * Every step runs even when an earlier one failed, so one run reports everything. Exits non-zero
 * if any step failed. The last line of output is always `N passed, M failed`: test counts summed
 * over the vitest runs (a test file that fails outside any test, e.g. in an import or a
 * beforeAll, counts as one failure).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const vitestBin = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const schemaFile = 'apps/api/schema.gql';
const contractsFile = 'libs/contracts/src/generated.ts';
const reportDir = mkdtempSync(join(tmpdir(), 'cyswllt-test-'));

// Vite 8 warns that a TypeScript config in a CommonJS package will need .mts one day; noise here.
const baseEnv = { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' };
const steps = [];
const totals = { passed: 0, failed: 0 };

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
      [vitestBin, 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extraArgs],
      { env },
    );
    const counts = readCounts(report);
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
  for (const fileResult of report.testResults ?? []) {
    const failedTests = (fileResult.assertionResults ?? []).filter((a) => a.status === 'failed').length;
    if (fileResult.status === 'failed' && failedTests === 0) failed += 1; // failed outside any test
  }
  return { passed: report.numPassedTests ?? 0, failed };
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
  const tracked = git(['rev-parse', '--is-inside-work-tree']).status === 0 && git(['ls-files', '--error-unmatch', '--', file]).status === 0;
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
  return generatedDrift(schemaFile, () => run('npm', ['run', 'schema', '--silent', '-w', '@cyswllt/api']), 'npm run schema');
}

function contractsDrift() {
  return generatedDrift(contractsFile, () => run('npm', ['run', 'codegen', '--silent', '-w', '@cyswllt/contracts']), 'npm run codegen');
}

/** The browser tests run Debian's Chromium (test/e2e/support/browser.ts); CHROMIUM_PATH overrides. */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

step('build api (tsc) and web (vite)', () => run('npm', ['run', 'build', '--silent']) === 0);
step('type-check api tests (tsc --noEmit)', () => run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'apps/api/tsconfig.json']) === 0);
step('check web (svelte-check)', () => run('npm', ['run', 'check', '--silent', '-w', '@cyswllt/web']) === 0);
step('web messages (cy.json and en.json keys, compiled)', () => run('npm', ['run', 'check:messages', '--silent', '-w', '@cyswllt/web']) === 0);
step('type-check browser tests (tsc --noEmit)', () => run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'test/e2e/tsconfig.json']) === 0);
vitest('unit', 'unit', {}, ['--passWithNoTests']);
vitest('integration sqlite', 'integration', { TEST_DB: 'sqlite' });
vitest('integration postgres', 'integration', { TEST_DB: 'postgres' });
step('schema drift (apps/api/schema.gql)', schemaDrift);
step('contracts drift (libs/contracts/src/generated.ts)', contractsDrift);
if (existsSync(chromium)) vitest('e2e (Chromium)', 'e2e');
else {
  step('e2e (Chromium)', () => {
    console.error(`no Chromium at ${chromium}: install it (\`apt-get install -y chromium\`, as .ci/run does) or set CHROMIUM_PATH.`);
    return false;
  });
  totals.failed += 1;
}

rmSync(reportDir, { recursive: true, force: true });

banner('summary');
for (const { title, ok, seconds } of steps) console.log(`${ok ? 'ok  ' : 'FAIL'}  ${title} (${seconds.toFixed(1)}s)`);
const allOk = steps.every((s) => s.ok);
console.log(allOk ? 'all steps passed' : `${steps.filter((s) => !s.ok).length} step(s) failed`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exitCode = allOk && totals.failed === 0 ? 0 : 1;
