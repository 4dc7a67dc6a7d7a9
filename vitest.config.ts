import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` runs without a database (in-memory ports, pure functions); `db` runs
 * against the real MongoDB-compatible server chosen like the app's. `npm test` runs both;
 * `npx vitest run --project unit` runs the first alone.
 */
export default defineConfig({
  test: {
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'db',
          // TEST_FAULTS=only runs test/faults/ alone, one file at a time (each starts several
          // processes and its own FerretDB, which would starve tests beside it); =skip runs
          // the rest. On mongo-java-server they are skipped: they restart their server.
          include:
            process.env.TEST_FAULTS === 'only'
              ? ['test/faults/**/*.test.ts']
              : ['test/**/*.test.ts'],
          exclude:
            process.env.TEST_FAULTS === 'skip' || process.env.TEST_SERVER === 'mongo-java-server'
              ? ['test/unit/**', 'test/faults/**']
              : ['test/unit/**'],
          globalSetup: ['test/helpers/global-mongo.ts'],
        },
      },
    ],
  },
});
