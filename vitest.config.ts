import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

/**
 * One Vitest configuration for the monorepo, three projects:
 *
 * - `unit`: `*.spec.ts` beside the code (api services with fakes, libs/*, the web build's scripts),
 *   infra/ (deployment files) and test/repo (the repository itself: no references outside it, docs
 *   links that resolve).
 * - `integration`: `apps/api/test/**\/*.int-spec.ts`, the real app over HTTP. Files run in
 *   parallel; each file starts its own app on its own fresh database (see test/support/test-app.ts),
 *   so files never share state. TEST_DB=sqlite|postgres picks the engine.
 * - `e2e`: `test/e2e/*.e2e.ts`, whole journeys in headless Chromium against the built app.
 *
 * NestJS needs decorator metadata, which esbuild/oxc do not emit: SWC compiles the TypeScript
 * with the same decorator settings as tsconfig.json (legacy decorators, metadata, ES2022, no
 * define-semantics class fields, class names kept for GraphQL type names).
 */
const sharedExclude = ['**/node_modules/**', '**/dist/**', '**/.git/**'];

export default defineConfig({
  plugins: [
    swc.vite({
      tsconfigFile: false,
      include: /\.[cm]?tsx?$/,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
        keepClassNames: true,
      },
    }),
  ],
  // Node resolves `graphql` to its CommonJS build (no "exports" map; "main" wins), and so does
  // everything the app loads from node_modules; Vite would pick the "module" build for our own
  // sources, and graphql refuses a schema from the other build ("another module or realm").
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            'apps/api/src/**/*.spec.ts',
            'apps/api/test/rehearsal/**/*.spec.ts',
            'apps/web/scripts/**/*.spec.ts',
            'apps/web/src/lib/*.spec.ts',
            'apps/web/src/lib/room/*.spec.ts',
            'libs/**/*.spec.ts',
            'infra/**/*.spec.ts',
            'test/repo/*.spec.ts',
          ],
          exclude: sharedExclude,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          environment: 'node',
          include: ['apps/api/test/**/*.int-spec.ts'],
          exclude: sharedExclude,
          // Separate processes: each file has its own app, database and module state.
          pool: 'forks',
          fileParallelism: true,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // Browser journeys (test/e2e): the built API serving the built web app, driven through
          // headless Chromium. Needs `npm run build` first; `npm run test:e2e` does both.
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.ts'],
          exclude: sharedExclude,
          globalSetup: ['test/e2e/support/global-setup.ts'],
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // A page answers after a GraphQL round trip and a render: vitest's default of 1 s for
          // `expect.poll` fails on a busy machine, not on a broken feature. Polls that wait for a
          // clock event (a meeting's start) set their own, longer timeouts.
          expect: { poll: { timeout: 10_000, interval: 100 } },
        },
      },
    ],
  },
});
