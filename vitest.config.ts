import { defineConfig } from 'vitest/config';

// Unit tests sit next to the code (src/, and the web page's pure modules in web/src/); integration tests start real daemons (snmpd, snmpsimd, influxd)
// on 127.0.0.1 and live in test/integration. `npm test` runs both projects.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'web/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Suites that run the built CLI (cli, deploy) must see the current sources: build dist/ first.
          globalSetup: ['test/helpers/build-dist.ts'],
          // Daemons are heavy on a 2-core machine: run integration files one at a time.
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
