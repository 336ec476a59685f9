// ESLint (flat config): typescript-eslint with type information for the TypeScript of the server (src, test, bench,
// scripts) and of the web app (web/src), React hooks rules for the web app. Each file is checked with the types of
// its own project (tsconfig.server.json or web/tsconfig.json, found through the root solution tsconfig.json).
// `npm run lint`; CI runs it with --max-warnings 0. Formatting is Prettier's job (npm run format:check), not ESLint's.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['**/node_modules/', 'dist/', 'web/dist/', 'drizzle/', 'test/fixtures/**/*.{csv,gz,json,R,py}', '.tmp/', 'scratch/', 'data/', 'test-results/']),
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Promises: none forgotten, none passed where a void callback is expected, no await on a non-promise.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      // Type-aware correctness checks of recommendedTypeChecked that do not depend on avoiding `any`.
      '@typescript-eslint/no-for-in-array': 'error',
      '@typescript-eslint/no-implied-eval': 'error',
      '@typescript-eslint/no-array-delete': 'error',
      '@typescript-eslint/no-duplicate-type-constituents': 'error',
      '@typescript-eslint/no-redundant-type-constituents': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/restrict-plus-operands': 'error',
      // Unused code: an underscore prefix marks what is unused on purpose. `cond ? a() : b()` and `x && f()` as
      // statements are allowed; a comma sequence is not.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Node: the server, its tests and benchmarks, scripts, the CLI launcher and the config files.
    files: ['src/**', 'test/**', 'bench/**', 'scripts/**', 'bin/**', '*.{js,ts,mjs}', 'web/vite.config.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    // The browser: the web app.
    files: ['web/src/**'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Tests may read JSON as `any` and use non-null assertions and empty stubs freely.
    files: ['test/**', 'src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-empty-function': 'off',
    },
  },
  {
    // Plain JavaScript (bin, scripts, this file): no type information.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
