import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

/**
 * One Vitest configuration for the monorepo, two projects:
 *
 * - `unit`: `*.spec.ts` beside the code (api services with fakes, libs/*).
 * - `integration`: `apps/api/test/**\/*.int-spec.ts`, the real app over HTTP. Files run in
 *   parallel; each file starts its own app on its own fresh database (see test/support/test-app.ts),
 *   so files never share state. TEST_DB=sqlite|postgres picks the engine.
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
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['apps/api/src/**/*.spec.ts', 'libs/**/*.spec.ts'],
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
    ],
  },
});
