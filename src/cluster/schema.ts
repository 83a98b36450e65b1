/** PostgreSQL tables of the ownership protocol (pollers, leases); see lease-manager.ts for how they are used. */
import type pg from 'pg';

/**
 * Idempotent DDL, one statement per element (the inventory's migration list takes them as they are).
 * `leases` has fillfactor 70 so the renewal (which changes only `expires_at`, an unindexed column)
 * stays a HOT update: no index churn for the statement every poller sends every TTL/3.
 */
export const CLUSTER_SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS pollers (
    id text PRIMARY KEY,
    sites text[] NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    stats jsonb NOT NULL DEFAULT '{}'::jsonb
  )`,
  `CREATE TABLE IF NOT EXISTS leases (
    site text NOT NULL,
    slot int NOT NULL CHECK (slot >= 0),
    owner text NULL,
    epoch bigint NOT NULL DEFAULT 0,
    expires_at timestamptz NULL,
    PRIMARY KEY (site, slot)
  ) WITH (fillfactor = 70)`,
  `CREATE INDEX IF NOT EXISTS leases_owner ON leases (owner) WHERE owner IS NOT NULL`,
];

/** Applies CLUSTER_SCHEMA in one transaction (tests; the server folds the statements into its migrations). */
export async function applyClusterSchema(client: pg.Pool | pg.ClientBase): Promise<void> {
  await client.query(`BEGIN; ${CLUSTER_SCHEMA.join(';\n')}; COMMIT`);
}
