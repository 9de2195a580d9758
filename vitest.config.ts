import { defineConfig } from 'vitest/config';

// Three projects: every test on PGlite; the database tests again on the PostgreSQL server;
// browser tests (one file at a time) against the built app. scripts/test.mjs runs them all.
const dbTests = ['src/**/*.{service,routes,db,cli}.test.ts', 'src/**/*.process.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'pglite', include: ['src/**/*.test.ts'], env: { TEST_DB: 'pglite' } } },
      { extends: true, test: { name: 'postgres', include: dbTests, exclude: ['src/**/*.process.test.ts'], env: { TEST_DB: 'postgres' } } },
      // A demo start seeds about 350 catalogue items through the real workflow: 30 s alone, more beside other tests.
      { extends: true, test: { name: 'browser', include: ['e2e/**/*.spec.ts'], env: { TEST_DB: 'pglite' }, fileParallelism: false, testTimeout: 90_000, hookTimeout: 240_000 } },
    ],
  },
});
