import { defineConfig } from 'vitest/config';

// Unit tests sit next to the code (src/, and the web page's pure modules in web/src/); integration tests start real daemons (snmpd, snmpsimd, influxd)
// on 127.0.0.1 and live in test/integration; `postgres` runs the API and CLI suites again over a PostgreSQL inventory. `npm test` runs all three.
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
      {
        // The API suites and the CLI's again, the inventory on a throwaway PostgreSQL instead of
        // SQLite (issue 13: they pass on either store; test/helpers/test-inventory.ts).
        // api-rebinding runs over a MemoryInventory, not the harness, so a second pass would test
        // nothing new; cli-state-files is about SQLite's file and the data dir's state files. After
        // the other projects (groupOrder 1), so its servers never compete with their daemons for the cores.
        test: {
          name: 'postgres',
          include: ['test/integration/api-*.test.ts', 'test/integration/cli.test.ts'],
          exclude: ['test/integration/api-rebinding.test.ts'],
          environment: 'node',
          env: { LINKSCOPE_TEST_INVENTORY: 'postgres' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // cli.test.ts runs the built CLI too.
          globalSetup: ['test/helpers/build-dist.ts'],
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
