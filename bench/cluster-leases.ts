/**
 * Steady-state cost of the ownership protocol (src/cluster/): 3 LeaseManagers × 1,024 slots of one
 * site on a throwaway PostgreSQL, TTL 30 s (renewal every 10 s). After they converge, a window of
 * `durationMs` counts statements (client side and pg_stat_database commits) and the CPU of every
 * PostgreSQL process (/proc/<pid>/stat utime + stime of the postmaster and its children). The
 * reference is the same server idle over an equal window just before the managers start.
 *
 * Entry point: `tsc -p tsconfig.bench.json && node dist/bench/cluster-leases.js` (not yet in run.ts).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { LeaseManager, leasePoolSettings } from '../src/cluster/lease-manager.js';
import { applyClusterSchema } from '../src/cluster/schema.js';
import { silentLogger } from '../src/observability/logger.js';
import { startPostgres } from '../test/helpers/with-postgres.js';
import { CLK_TCK, postgresCpuSeconds, postmasterPidOf } from './lib/proc-cpu.js';
import { median, num, printTable } from './lib/table.js';

export interface ClusterLeasesOptions {
  readonly managers?: number;
  readonly slotCount?: number;
  readonly ttlMs?: number;
  readonly durationMs?: number;
}

export interface ClusterLeasesResult {
  readonly statementsPerSec: number;
  readonly commitsPerSec: number;
  /** CPU of all PostgreSQL processes, ms per second of wall time, with managers and idle. */
  readonly pgCpuMsPerSec: number;
  readonly idlePgCpuMsPerSec: number;
  readonly renewMedianMs: number;
  readonly renewals: number;
  /** Cost of one mayAct call (the check before every SNMP request). */
  readonly mayActNs: number;
}

/** ns per mayAct over every slot of the site, owned or not, repeated. */
function timeMayAct(m: LeaseManager, slotCount: number): number {
  const rounds = 10_000;
  let acted = 0;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (let slot = 0; slot < slotCount; slot++) if (m.mayAct('site-1', slot) !== undefined) acted++;
  }
  const ns = ((performance.now() - t0) * 1e6) / (rounds * slotCount);
  if (acted === 0) throw new Error('cluster-leases bench: mayAct never answered; the manager owns nothing');
  return ns;
}

interface Counted {
  statements: number;
  readonly renewMs: number[];
}

/** Counts the statements a manager sends through its pool and times its renewals. */
function countStatements(pool: pg.Pool, counted: Counted): void {
  const original = pool.query.bind(pool) as (config: pg.QueryConfig) => Promise<pg.QueryResult>;
  const counting = (config: pg.QueryConfig): Promise<pg.QueryResult> => {
    counted.statements++;
    const t0 = performance.now();
    const pending = original(config);
    if (config.text.includes('INSERT INTO pollers')) {
      void pending.then(() => counted.renewMs.push(performance.now() - t0)).catch(() => undefined);
    }
    return pending;
  };
  // pool.query has many overloads; the lease manager only calls the QueryConfig one.
  pool.query = counting as unknown as typeof pool.query;
}

async function commits(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = current_database()');
  return Number(rows[0]?.n ?? 0);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function runClusterLeases(options: ClusterLeasesOptions = {}): Promise<ClusterLeasesResult> {
  const managerCount = options.managers ?? 3;
  const slotCount = options.slotCount ?? 1024;
  const ttlMs = options.ttlMs ?? 30_000;
  const durationMs = options.durationMs ?? 20_000;
  const server = await startPostgres();
  const pools: pg.Pool[] = [];
  const managers: LeaseManager[] = [];
  try {
    const postmasterPid = postmasterPidOf(join(server.dir, 'data'));
    const admin = new pg.Pool({ connectionString: server.url, max: 1 });
    admin.on('error', () => undefined);
    pools.push(admin);
    await applyClusterSchema(admin);

    // Reference: the same server, idle, over the same window.
    let cpu0 = postgresCpuSeconds(postmasterPid);
    let wall0 = performance.now();
    await sleep(durationMs);
    const idlePgCpuMsPerSec = ((postgresCpuSeconds(postmasterPid) - cpu0) * 1000) / ((performance.now() - wall0) / 1000);

    const counted: Counted = { statements: 0, renewMs: [] };
    for (let i = 0; i < managerCount; i++) {
      // idleTimeoutMillis 0: pg's default (10 s) equals the renewal period, so every renewal would
      // open a new connection (a backend fork and authentication) instead of reusing one.
      const pool = new pg.Pool({ connectionString: server.url, max: 2, idleTimeoutMillis: 0, ...leasePoolSettings(ttlMs) });
      pool.on('error', () => undefined);
      countStatements(pool, counted);
      pools.push(pool);
      const m = new LeaseManager({ pool, pollerId: `bench-${i}`, slotCount, ttlMs, marginMs: 5_000, logger: silentLogger() });
      m.setSites(['site-1']);
      managers.push(m);
    }
    await Promise.all(managers.map((m) => m.start()));
    // Converged when every slot is owned and each poller holds ⌈S/N⌉ ± 1 (rebalancing takes a
    // few renewal periods: the over-target poller releases at its renewal, the others claim at theirs).
    const deadline = performance.now() + 6 * ttlMs;
    const ceil = Math.ceil(slotCount / managerCount);
    const balanced = (): boolean => managers.reduce((s, m) => s + m.stats().slots, 0) === slotCount && managers.every((m) => Math.abs(m.stats().slots - ceil) <= 1);
    while (!balanced() && performance.now() < deadline) await sleep(100);
    const converged = managers.map((m) => m.stats().slots);

    const statements0 = counted.statements;
    const renewals0 = managers.reduce((s, m) => s + m.stats().renewals, 0);
    counted.renewMs.length = 0;
    const commits0 = await commits(admin);
    cpu0 = postgresCpuSeconds(postmasterPid);
    wall0 = performance.now();
    await sleep(durationMs);
    const seconds = (performance.now() - wall0) / 1000;
    const pgCpuMsPerSec = ((postgresCpuSeconds(postmasterPid) - cpu0) * 1000) / seconds;
    // Minus the two commits() reads themselves.
    const commitsPerSec = ((await commits(admin)) - commits0 - 1) / seconds;
    const statementsPerSec = (counted.statements - statements0) / seconds;
    const renewals = managers.reduce((s, m) => s + m.stats().renewals, 0) - renewals0;
    const mayActNs = timeMayAct(managers[0] as LeaseManager, slotCount);
    const result: ClusterLeasesResult = { statementsPerSec, commitsPerSec, pgCpuMsPerSec, idlePgCpuMsPerSec, renewMedianMs: median(counted.renewMs), renewals, mayActNs };
    printTable(
      `cluster leases: ${managerCount} pollers × ${num(slotCount)} slots, TTL ${num(ttlMs / 1000)} s, ${num(seconds, 1)} s window`,
      ['figure', 'value'],
      [
        ['slots per poller after convergence', converged.join(' / ')],
        ['lease statements/s (client count)', num(statementsPerSec, 2)],
        ['commits/s (pg_stat_database)', num(commitsPerSec, 2)],
        ['renewals in window', num(renewals)],
        ['renewal statement median', `${num(result.renewMedianMs, 1)} ms`],
        ['PostgreSQL CPU, with leases', `${num(pgCpuMsPerSec, 2)} ms/s`],
        ['PostgreSQL CPU, idle reference', `${num(idlePgCpuMsPerSec, 2)} ms/s`],
        ['mayAct (before every SNMP request)', `${num(mayActNs, 1)} ns/call`],
      ],
      [
        'CPU: utime + stime of the postmaster and its children (/proc), plus reaped children; the kernel counts in',
        `${num(1000 / CLK_TCK)} ms ticks, so over ${num(seconds, 0)} s one tick is ${num(1000 / CLK_TCK / seconds, 2)} ms/s.`,
      ],
    );
    return result;
  } finally {
    for (const m of managers) await m.stop();
    for (const p of pools) await p.end();
    await server.dispose();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const seconds = Number(process.argv[2] ?? '20');
  await runClusterLeases({ durationMs: seconds * 1000 });
}
