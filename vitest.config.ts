import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'test/**/*.test.ts'],
    // These suites start the built Keel on its own embedded database, whatever TEST_DATABASE_URL
    // says, so the PostgreSQL pass would only repeat them.
    exclude: process.env.TEST_DATABASE_URL
      ? ['test/e2e/**', 'test/services/purge-crash.test.ts', '**/node_modules/**']
      : ['**/node_modules/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits on conditions, such as a browser showing a server's answer; its default of
    // 1 s is shorter than one round trip on a loaded 2-core CI machine.
    expect: { poll: { timeout: 15_000 } },
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
