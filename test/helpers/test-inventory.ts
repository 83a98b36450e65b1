/**
 * Test helper: which store the inventory suites run on. LINKSCOPE_TEST_INVENTORY=postgres puts
 * them on a throwaway PostgreSQL (one server per test file, started on first use, stopped after
 * the file's last test; a new database per caller); unset or `sqlite`, they use SQLite as before.
 * The vitest project `api-postgres` sets it.
 */
import { afterAll } from 'vitest';
import { startPostgres, type PostgresHandle } from './with-postgres.js';

export type TestInventoryKind = 'sqlite' | 'postgres';

export function testInventoryKind(): TestInventoryKind {
  const value = process.env['LINKSCOPE_TEST_INVENTORY'];
  if (value === undefined || value === '' || value === 'sqlite') return 'sqlite';
  if (value === 'postgres') return 'postgres';
  throw new Error(`LINKSCOPE_TEST_INVENTORY must be sqlite or postgres, not ${JSON.stringify(value)}`);
}

/** This test file's PostgreSQL, started by the first caller that needs one. */
let postgres: Promise<PostgresHandle> | undefined;
let databases = 0;

// Registered when a test file imports this module, so the file's server stops after its last
// test; when no test asked for one, this does nothing.
afterAll(async () => {
  const started = postgres;
  postgres = undefined;
  if (started !== undefined) await (await started).dispose();
}, 30_000);

/** The URL of a new, empty database on this test file's PostgreSQL. */
export async function freshTestDatabase(prefix: string): Promise<string> {
  postgres ??= startPostgres();
  const server = await postgres;
  databases += 1;
  return server.createDatabase(`${prefix}_${databases}`);
}
