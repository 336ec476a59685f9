import { defineConfig } from 'vitest/config';

// One id per `vitest run`, inherited by the test processes: the browser tests share one demo template under it
// (test/browser/harness.ts), which test/global-setup.ts removes at the end.
process.env.JH_TEST_RUN ??= `${process.pid}-${Date.now()}`;

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules/**', 'web/**'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
  },
});
