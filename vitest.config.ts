import os from 'node:os';
import { defineConfig } from 'vitest/config';

/** Suites that test SQLite itself (its lock, its file, its backup) or no storage at all. */
const SQLITE_ONLY = [
  'test/integration/faults-busy.test.ts',
  'test/integration/faults-disk-full.test.ts',
  'test/integration/faults-backup.test.ts',
  'test/integration/privacy.test.ts',
  'test/integration/differential.test.ts',
  'test/integration/accept-encoding.test.ts',
  'test/integration/citizen-page.test.ts',
  'test/integration/schema-sqlite.test.ts',
  'test/integration/wal-sync.test.ts',
];

export default defineConfig({
  test: {
    // Tests that read ../shared (the SurveyJS corpus) are in test/corpus: `npm run test:corpus`.
    pool: 'forks',
    // Two test files at a time even on a 2-core machine (vitest's default there is one): most of a
    // file's time is spent waiting for another process (the server, Chromium, PostgreSQL, PSPP),
    // so one file computes while the other waits.
    maxWorkers: Math.max(2, os.availableParallelism()),
    // Ceilings for a machine under heavy load (starting servers, building the web pages, loading
    // the demo data, a CPU-bound report), not waits: a test or hook is over as soon as its work is.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration-sqlite',
          include: ['test/integration/*.test.ts'],
          env: { OVOZ_TEST_ENGINE: 'sqlite' },
          setupFiles: ['test/setup/openapi.ts'],
        },
      },
      {
        // The same suites on a real PostgreSQL server started for the run (test/global-postgres.ts),
        // and what only PostgreSQL has: several instances on one database.
        extends: true,
        test: {
          name: 'integration-postgres',
          include: ['test/integration/*.test.ts', 'test/integration/postgres/*.test.ts'],
          exclude: SQLITE_ONLY,
          env: { OVOZ_TEST_ENGINE: 'postgres' },
          globalSetup: ['test/global-postgres.ts'],
          setupFiles: ['test/setup/openapi.ts'],
        },
      },
      { extends: true, test: { name: 'browser', include: ['test/browser/**/*.test.ts'] } },
    ],
  },
});
