// ESLint (flat config): typescript-eslint's recommended rules for the API, the libraries, scripts
// and tests; eslint-plugin-svelte's for the web app. Syntax-only rules (no type information), so a
// full run stays within seconds on two cores; the TypeScript compiler and svelte-check do the
// type-level checking. Formatting is Prettier's job (eslint-config-prettier is not needed: these
// presets carry no formatting rules).
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/dist-*/**',
      'apps/web/build/**',
      'apps/web/.svelte-kit/**',
      'apps/web/src/lib/paraglide/**',
      'libs/contracts/src/generated.ts',
      'vendor/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Unused names are errors, except the conventional `_`-prefixed placeholders.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
    rules: {
      // The app is served at the site root (no `paths.base`) and builds its links with its own
      // language-aware helpers, so wrapping every href in `resolve()` would add nothing.
      'svelte/no-navigation-without-resolve': 'off',
      // It flags local temporaries too (a Map built inside `$derived.by`, `new Date()` turned into a
      // string at once); state that must react is declared with `$state`, checked by svelte-check.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    // Tests read raw GraphQL and JSON answers whose shape the assertions themselves check.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e.ts', 'apps/api/test/**', 'test/**', 'infra/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
