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
          include: ['test/**/*.test.ts'],
          // The fault tests run their own FerretDB (they stop and restart it, which an
          // in-memory server cannot survive): once, in the first pass, is enough.
          exclude:
            process.env.TEST_SERVER === 'mongo-java-server'
              ? ['test/unit/**', 'test/faults/**']
              : ['test/unit/**'],
          globalSetup: ['test/helpers/global-mongo.ts'],
        },
      },
    ],
  },
});
