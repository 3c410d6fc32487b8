import { defineConfig } from 'vitest/config';

/**
 * Every suite that touches a database runs once per database: SQLite always,
 * PostgreSQL when TEST_POSTGRES_URL is set (and in CI it must be: a CI run that
 * would silently skip PostgreSQL fails instead).
 */
const postgresUrl = process.env.TEST_POSTGRES_URL;
if (process.env.CI && !postgresUrl) {
  throw new Error('CI must test PostgreSQL: set TEST_POSTGRES_URL');
}

/** Run again on PostgreSQL through a real PgBouncer in transaction mode (test/support/pgbouncer.ts). */
const pgbouncerSuites = ['test/pgbouncer/**/*.test.ts', 'test/api/upsert-contact.test.ts', 'test/api/upsert-batch.test.ts', 'test/api/concurrency.test.ts'];
/**
 * The reliability suites (replicas, faults, bad input at volume, PgBouncer) test the system rather
 * than the runtime; TEST_RELIABILITY=0 leaves them out, as CI's second Node version does.
 */
const reliability = process.env.TEST_RELIABILITY !== '0';
const databaseSuites = ['test/api/**/*.test.ts', 'test/db/**/*.test.ts', ...(reliability ? ['test/reliability/**/*.test.ts'] : [])];

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS (main) and ESM (module) builds. Node loads the
    // CommonJS one for the libraries; make the suites' own imports do the same,
    // or the schema would mix two copies of graphql.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    env: { NODE_ENV: 'test' },
    globalSetup: ['./test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'sqlite', include: databaseSuites, env: { TEST_DATABASE: 'sqlite' } },
      },
      {
        // GraphiQL in headless Chromium, once: what it tests is the page, not the database.
        extends: true,
        test: { name: 'browser', include: ['test/browser/**/*.test.ts'], env: { TEST_DATABASE: 'sqlite' } },
      },
      ...(postgresUrl
        ? [
            {
              extends: true as const,
              test: { name: 'postgresql', include: databaseSuites, env: { TEST_DATABASE: 'postgresql' } },
            },
            ...(reliability
              ? [
                  {
                    extends: true as const,
                    test: {
                      name: 'pgbouncer',
                      include: pgbouncerSuites,
                      env: { TEST_DATABASE: 'postgresql' },
                      globalSetup: ['./test/support/pgbouncer-setup.ts'],
                    },
                  },
                ]
              : []),
          ]
        : []),
    ],
  },
});
