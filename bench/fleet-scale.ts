/**
 * Scale-out as users run it (issue 13): built `linkscope serve` pollers sharing one throwaway
 * PostgreSQL, M simulated devices (default 300 × 8 interfaces, every 10 s ≈ 30 polls/s) served
 * by the demo agent from a child process, one throwaway influxd. Rounds, each with fresh pollers:
 * a reference (one plain `serve` on its own SQLite inventory, no PostgreSQL), then N = 1, 2, 3
 * pollers on the PostgreSQL inventory. Each round waits until the slots are balanced
 * (GET /api/v1/pollers) and every device has been polled, since, by exactly one poller, then
 * measures a steady window: per poller its process CPU (/proc, all threads), polls
 * (/metrics linkscope_polls_total) and the statements it sent (a counting TCP proxy per poller);
 * for PostgreSQL its commits + rollbacks (pg_stat_database) and the CPU of all its processes.
 *
 * Knobs: BENCH_FLEET_WINDOW_MS (default 30000), BENCH_FLEET_DEVICES (300), BENCH_FLEET_POLLERS ("1,2,3").
 * Entry point: `node dist/bench/run.js fleet-scale`, or `node dist/bench/fleet-scale.js` after `npx tsc -p tsconfig.bench.json`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { openInventory } from '../src/inventory/sqlite-inventory.js';
import { openPgInventory } from '../src/inventory/pg-inventory.js';
import { loadOrCreateSecretKey } from '../src/inventory/secret-box.js';
import type { NewDevice } from '../src/model/types.js';
import { Secret } from '../src/model/secret.js';
import { freePort } from '../test/helpers/free-port.js';
import { startInfluxd, type InfluxdHandle } from '../test/helpers/with-influxd.js';
import { startPostgres, type PostgresHandle } from '../test/helpers/with-postgres.js';
import { AGENT_COMMUNITY, startAgentHost, type AgentHost } from './lib/agent-host.js';
import { startPgCountProxy, type PgCountProxy } from './lib/pg-count-proxy.js';
import { postgresCpu, processCpuSeconds, postmasterPidOf, type PostgresCpu } from './lib/proc-cpu.js';
import { spawnTracked, type TrackedChild } from './lib/procs.js';
import { num, printTable, verdict } from './lib/table.js';

/** Issue 13: PostgreSQL's CPU below 5 % of the pollers' CPU. */
export const TARGET_PG_SHARE_PERCENT = 5;

const BIN = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const TOKEN = 'bench-fleet-token';
const SLOTS = 1024;
const INTERFACES = 8;
const INTERVAL_MS = 10_000;
/** The default lease TTL (LINKSCOPE_CLUSTER_LEASE_TTL): renewal every 10 s. */
const TTL_MS = 30_000;

export interface FleetScaleOptions {
  readonly devices?: number;
  readonly windowMs?: number;
  readonly pollerCounts?: readonly number[];
}

interface PollerFigures {
  readonly id: string;
  readonly slots: number;
  readonly devices: number;
  readonly cpuS: number;
  readonly polls: number;
  readonly failures: number;
  /** Statements through its counting proxy; NaN for the SQLite reference. */
  readonly statements: number;
}

export interface RoundFigures {
  /** 'sqlite' = the reference, else the number of pollers. */
  readonly label: string;
  readonly pollers: readonly PollerFigures[];
  readonly windowS: number;
  readonly convergeS: number;
  readonly pgCpuS: number;
  /** PostgreSQL CPU by part (processes alive through the window); the rest of pgCpuS is the postmaster, reaped or new backends, the bench's own connection. */
  readonly pgPartCpuS: Readonly<Record<PgPart, number>>;
  /** Of pgCpuS: the postmaster's own, and that of its children that exited in the window (their CPU within the window). */
  readonly pgPostmasterS: PostgresCpu['postmaster'];
  readonly pgExitedS: PostgresCpu['exited'];
  readonly pgXacts: number;
  readonly autovacuums: number;
  /** Client backends alive at the end that were not at the start (new connections), and how many were alive at the end. */
  readonly connectionsOpened: number;
  /** Client backends alive at the start that were gone at the end. */
  readonly connectionsClosed: number;
  readonly connections: number;
  /** Devices whose polls went up on more than one poller after convergence, window included (should be 0). */
  readonly doublePolled: number;
  /** Devices no poller polled in the window (should be 0 when the window is at least one interval). */
  readonly unpolled: number;
}

export interface FleetScaleResult {
  readonly devices: number;
  readonly rounds: readonly RoundFigures[];
  /** Highest PostgreSQL CPU ÷ pollers' CPU over the fleet rounds, percent. */
  readonly worstPgSharePercent: number;
  readonly ok: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The environment without the caller's LINKSCOPE_* settings (a DATABASE_URL there must not reach the reference). */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('LINKSCOPE_')) env[k] = v;
  return env;
}

interface Serve {
  readonly id: string;
  readonly t: TrackedChild;
  readonly base: string;
  readonly pid: number;
  readonly proxy: PgCountProxy | null;
}

async function startServe(id: string, env: Record<string, string>, proxy: PgCountProxy | null): Promise<Serve> {
  const port = await freePort();
  const t = spawnTracked(process.execPath, [BIN, 'serve'], {
    env: {
      ...baseEnv(),
      ...env,
      LINKSCOPE_LISTEN: `127.0.0.1:${port}`,
      LINKSCOPE_API_TOKEN: TOKEN,
      LINKSCOPE_POLL_INTERVAL: `${INTERVAL_MS}ms`,
      LINKSCOPE_LOG_LEVEL: 'warn',
    },
  });
  const base = `http://127.0.0.1:${port}`;
  // Bounded: 60 s to answer /health (a poller joins the fleet, claims included, before it listens).
  for (let i = 0; i < 240; i += 1) {
    if (t.child.exitCode !== null) throw new Error(`${id}: linkscope serve exited (${t.child.exitCode}):\n${t.tail()}`);
    if (await fetch(`${base}/health`).then((r) => r.status < 500, () => false)) return { id, t, base, pid: t.child.pid ?? -1, proxy };
    await sleep(250);
  }
  await t.stop();
  throw new Error(`${id}: linkscope serve did not answer ${base}/health within 60 s:\n${t.tail()}`);
}

async function get(base: string, path: string): Promise<string> {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${TOKEN}` }, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${base}${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return text;
}

/** Sum of one counter family (any labels) in Prometheus text. */
function metric(text: string, family: string): number {
  let total = 0;
  for (const m of text.matchAll(new RegExp(`^${family}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'gm'))) total += Number(m[1]);
  return total;
}

/** linkscope_device_polls_total by device id. */
function devicePolls(text: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const m of text.matchAll(/^linkscope_device_polls_total\{[^}]*device_id="(\d+)"[^}]*\} (\d+)$/gm)) out.set(Number(m[1]), Number(m[2]));
  return out;
}

interface PollerRow {
  readonly id: string;
  readonly live: boolean;
  readonly slots: number;
  readonly devices: number;
}

/** Polls GET /api/v1/pollers until exactly `ids` are live, every slot is owned, each within ⌈S/N⌉ ± 1, and they hold every device. */
async function waitBalanced(serves: readonly Serve[], devices: number, timeoutMs: number): Promise<PollerRow[]> {
  const ids = serves.map((s) => s.id).sort();
  const ceil = Math.ceil(SLOTS / ids.length);
  const deadline = performance.now() + timeoutMs;
  let last = '';
  for (;;) {
    for (const s of serves) if (s.t.child.exitCode !== null) throw new Error(`${s.id} exited (${s.t.child.exitCode}):\n${s.t.tail()}`);
    const body = JSON.parse(await get(serves[0]!.base, '/api/v1/pollers')) as { pollers: PollerRow[] };
    const live = body.pollers.filter((p) => p.live);
    last = live.map((p) => `${p.id}: ${p.slots} slots, ${p.devices} devices`).join('; ');
    const ok =
      live.map((p) => p.id).sort().join() === ids.join() &&
      live.reduce((a, p) => a + p.slots, 0) === SLOTS &&
      live.every((p) => Math.abs(p.slots - ceil) <= 1) &&
      live.reduce((a, p) => a + p.devices, 0) === devices;
    if (ok) return live;
    if (performance.now() > deadline) throw new Error(`slots not balanced over ${ids.join(', ')} within ${timeoutMs / 1000} s; last: ${last}`);
    await sleep(500);
  }
}

/**
 * Waits until every device's linkscope_device_polls_total went up since now on some poller
 * (the owner's first poll, discovery included, is then behind us); returns how many went up on
 * more than one poller. Bounded: three intervals.
 */
async function waitEveryDevicePolled(serves: readonly Serve[], deviceIds: readonly number[]): Promise<number> {
  const before = await Promise.all(serves.map(async (s) => devicePolls(await get(s.base, '/metrics'))));
  const deadline = performance.now() + 3 * INTERVAL_MS;
  for (;;) {
    await sleep(1000);
    const now = await Promise.all(serves.map(async (s) => devicePolls(await get(s.base, '/metrics'))));
    const pollersOf = (id: number): number => now.filter((m, i) => (m.get(id) ?? 0) > (before[i]?.get(id) ?? 0)).length;
    const missing = deviceIds.filter((id) => pollersOf(id) === 0);
    if (missing.length === 0) return deviceIds.filter((id) => pollersOf(id) > 1).length;
    if (performance.now() > deadline) throw new Error(`${missing.length} of ${deviceIds.length} devices not polled within ${(3 * INTERVAL_MS) / 1000} s (e.g. ids ${missing.slice(0, 5).join(', ')})`);
  }
}

interface PgSnapshot {
  /** xact_commit + xact_rollback of the linkscope database. */
  readonly xacts: number;
  /** autovacuum + autoanalyze runs over every table of the database. */
  readonly autovacuums: number;
  /** Live server processes by what they do: pid → part. */
  readonly parts: ReadonlyMap<number, PgPart>;
  /** Pids of client backends (connections) other than the bench's own. */
  readonly clients: ReadonlySet<number>;
}

/** Where PostgreSQL's CPU goes: the pollers' lease connections, their inventory/counter-state connections, the server's own processes. */
type PgPart = 'leases' | 'inventory' | 'background';
const PG_PARTS: readonly PgPart[] = ['leases', 'inventory', 'background'];

async function pgSnapshot(admin: pg.Pool): Promise<PgSnapshot> {
  const { rows } = await admin.query<{ xacts: string; autovacuums: string; backends: { pid: number; app: string | null; type: string | null }[] }>(
    `SELECT (SELECT (xact_commit + xact_rollback)::text FROM pg_stat_database WHERE datname = current_database()) AS xacts,
            (SELECT coalesce(sum(autovacuum_count + autoanalyze_count), 0)::text FROM pg_stat_all_tables) AS autovacuums,
            (SELECT json_agg(json_build_object('pid', pid, 'app', application_name, 'type', backend_type)) FROM pg_stat_activity WHERE pid <> pg_backend_pid()) AS backends`,
  );
  const row = rows[0];
  const parts = new Map<number, PgPart>();
  const clients = new Set<number>();
  for (const b of row?.backends ?? []) {
    if (b.type === 'client backend') clients.add(b.pid);
    if (b.type !== 'client backend') parts.set(b.pid, 'background');
    else if (b.app?.startsWith('linkscope-leases-') === true) parts.set(b.pid, 'leases');
    else if (b.app === 'linkscope-inventory') parts.set(b.pid, 'inventory');
  }
  return { xacts: Number(row?.xacts ?? 0), autovacuums: Number(row?.autovacuums ?? 0), parts, clients };
}

/** CPU seconds of one process, NaN once it is gone. */
function cpuOrNaN(pid: number): number {
  try {
    return processCpuSeconds(pid);
  } catch {
    return Number.NaN;
  }
}

/** CPU per part over the window, from processes alive at both ends (a backend that came or went in between lands in "other"). */
function pgPartCpu(parts: ReadonlyMap<number, PgPart>, cpu0: ReadonlyMap<number, number>, cpu1: ReadonlyMap<number, number>): Record<PgPart, number> {
  const out: Record<PgPart, number> = { leases: 0, inventory: 0, background: 0 };
  for (const [pid, part] of parts) {
    const d = (cpu1.get(pid) ?? Number.NaN) - (cpu0.get(pid) ?? Number.NaN);
    if (Number.isFinite(d)) out[part] += d;
  }
  return out;
}

/** The steady window: /metrics first and last, CPU readings inside them (the bench's own requests stay outside). */
async function measureWindow(
  label: string,
  serves: readonly Serve[],
  layout: readonly PollerRow[],
  convergeS: number,
  doublePolled: number,
  admin: pg.Pool,
  postmasterPid: number,
  windowMs: number,
  devices: number,
): Promise<RoundFigures> {
  const m0 = await Promise.all(serves.map((s) => get(s.base, '/metrics')));
  const st0 = serves.map((s) => s.proxy?.statements() ?? Number.NaN);
  const p0 = await pgSnapshot(admin);
  const cpu0 = serves.map((s) => processCpuSeconds(s.pid));
  const pg0 = postgresCpu(postmasterPid);
  const parts0 = new Map([...p0.parts.keys()].map((pid) => [pid, cpuOrNaN(pid)]));
  const t0 = performance.now();
  await sleep(windowMs);
  const parts1 = new Map([...p0.parts.keys()].map((pid) => [pid, cpuOrNaN(pid)]));
  const pg1 = postgresCpu(postmasterPid);
  const cpu1 = serves.map((s) => processCpuSeconds(s.pid));
  const t1 = performance.now();
  const p1 = await pgSnapshot(admin);
  const st1 = serves.map((s) => s.proxy?.statements() ?? Number.NaN);
  const m1 = await Promise.all(serves.map((s) => get(s.base, '/metrics')));
  const pollers = serves.map((s, i): PollerFigures => {
    const row = layout.find((p) => p.id === s.id);
    return {
      id: s.id,
      slots: row?.slots ?? Number.NaN,
      devices: row?.devices ?? metric(m1[i] as string, 'linkscope_devices'),
      cpuS: (cpu1[i] as number) - (cpu0[i] as number),
      polls: metric(m1[i] as string, 'linkscope_polls_total') - metric(m0[i] as string, 'linkscope_polls_total'),
      failures: metric(m1[i] as string, 'linkscope_poll_failures_total') - metric(m0[i] as string, 'linkscope_poll_failures_total'),
      statements: (st1[i] as number) - (st0[i] as number),
    };
  });
  // Per device, over the window: on how many pollers its polls went up (exactly one, for every device).
  const before = m0.map(devicePolls);
  const after = m1.map(devicePolls);
  const ids = new Set(after.flatMap((m) => [...m.keys()]));
  let double = 0;
  let unpolled = devices - ids.size;
  for (const id of ids) {
    const n = after.filter((m, i) => (m.get(id) ?? 0) > (before[i]?.get(id) ?? 0)).length;
    if (n > 1) double += 1;
    if (n === 0) unpolled += 1;
  }
  // pg_stat_database includes the first snapshot's own transaction (once flushed: within about a second).
  return {
    label,
    pollers,
    windowS: (t1 - t0) / 1000,
    convergeS,
    pgCpuS: pg1.total - pg0.total,
    pgPostmasterS: pg1.postmaster - pg0.postmaster,
    // A child that exited in the window moves its whole lifetime's CPU into the postmaster's cutime: only its part after pg0 counts.
    pgExitedS: pg1.exited - pg0.exited - [...pg0.byChild].reduce((a, [pid, cpu]) => a + (pg1.byChild.has(pid) ? 0 : cpu), 0),
    pgPartCpuS: pgPartCpu(p0.parts, parts0, parts1),
    pgXacts: p1.xacts - p0.xacts,
    autovacuums: p1.autovacuums - p0.autovacuums,
    connectionsOpened: [...p1.clients].filter((pid) => !p0.clients.has(pid)).length,
    connectionsClosed: [...p0.clients].filter((pid) => !p1.clients.has(pid)).length,
    connections: p1.clients.size,
    doublePolled: doublePolled + double,
    unpolled,
  };
}

function deviceInputs(agents: AgentHost): NewDevice[] {
  return agents.ports.map((port, i) => ({ host: agents.host, port, name: `fleet-${i}`, snmp: { version: '2c' as const, community: new Secret(AGENT_COMMUNITY) } }));
}

async function stopAll(serves: readonly Serve[]): Promise<void> {
  // SIGTERM: a planned stop drains and releases its slots (SIGKILL after 15 s).
  await Promise.all(serves.map((s) => s.t.stop(15_000)));
  await Promise.all(serves.map((s) => s.proxy?.close()));
}

export async function runFleetScale(options: FleetScaleOptions = {}): Promise<FleetScaleResult> {
  const devices = options.devices ?? Number(process.env['BENCH_FLEET_DEVICES'] ?? 300);
  const windowMs = options.windowMs ?? Number(process.env['BENCH_FLEET_WINDOW_MS'] ?? 30_000);
  const counts = options.pollerCounts ?? (process.env['BENCH_FLEET_POLLERS'] ?? '1,2,3').split(',').map((s) => Number(s.trim()));
  if (!Number.isInteger(devices) || devices < 1 || devices > 2000) throw new Error(`BENCH_FLEET_DEVICES must be 1–2000, got ${devices}`);
  if (!Number.isFinite(windowMs) || windowMs < 1000 || windowMs > 600_000) throw new Error(`BENCH_FLEET_WINDOW_MS must be 1000–600000, got ${windowMs}`);
  if (counts.some((n) => !Number.isInteger(n) || n < 1 || n > 8)) throw new Error(`BENCH_FLEET_POLLERS must be integers 1–8, got ${counts.join(',')}`);
  process.stdout.write(
    `\n## Fleet scale-out on PostgreSQL (bench/fleet-scale.ts): ${num(devices)} devices × ${INTERFACES} interfaces every ${INTERVAL_MS / 1000} s, pollers ${counts.join(', ')} + SQLite reference, ${num(windowMs / 1000)} s windows\n`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'linkscope-bench-fleet-scale-'));
  const keyFile = join(dir, 'secret.key');
  const secretKey = loadOrCreateSecretKey(keyFile);
  let postgres: PostgresHandle | undefined;
  let influxd: InfluxdHandle | undefined;
  let agents: AgentHost | undefined;
  let admin: pg.Pool | undefined;
  let serves: Serve[] = [];
  let exitHook: (() => void) | undefined;
  const rounds: RoundFigures[] = [];
  try {
    const started = await Promise.allSettled([startPostgres(), startInfluxd(), startAgentHost({ devices, interfaces: INTERFACES })]);
    if (started[0].status === 'fulfilled') postgres = started[0].value;
    if (started[1].status === 'fulfilled') influxd = started[1].value;
    if (started[2].status === 'fulfilled') agents = started[2].value;
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    if (postgres === undefined || influxd === undefined || agents === undefined) throw new Error('unreachable');
    const postmasterPid = postmasterPidOf(join(postgres.dir, 'data'));
    // Ctrl-C ends the process without running `finally` (lib/procs.ts): take the two daemons and the temp dirs along.
    const influxDir = influxd.dir;
    const pgDir = postgres.dir;
    exitHook = () => {
      killDaemons(postmasterPid, influxDir);
      for (const d of [dir, influxDir, pgDir]) rmSync(d, { recursive: true, force: true, maxRetries: 2 });
    };
    process.once('exit', exitHook);
    admin = new pg.Pool({ connectionString: postgres.url, max: 1, idleTimeoutMillis: 0 });
    admin.on('error', () => undefined);

    const pgInventory = await openPgInventory({ url: postgres.url, secretKey, secretKeyFile: keyFile });
    let deviceIds: number[];
    try {
      deviceIds = (await pgInventory.addMany(deviceInputs(agents))).map((d) => d.id);
    } finally {
      await pgInventory.close();
    }

    // Reference: one plain serve on its own SQLite inventory (PostgreSQL idle meanwhile).
    {
      const dataDir = join(dir, 'sqlite', 'data');
      const inventory = openInventory({ path: join(dataDir, 'inventory.db'), secretKey, secretKeyFile: keyFile });
      let refIds: number[];
      try {
        refIds = (await inventory.addMany(deviceInputs(agents))).map((d) => d.id);
      } finally {
        await inventory.close();
      }
      const t0 = performance.now();
      serves = [await startServe('sqlite', { LINKSCOPE_DATA_DIR: dataDir, LINKSCOPE_SECRET_KEY_FILE: keyFile, LINKSCOPE_INFLUX_URL: influxd.url }, null)];
      // Every device's first poll (discovery included) done: polls_total counts a poll when it ends.
      await waitEveryDevicePolled(serves, refIds);
      const convergeS = (performance.now() - t0) / 1000;
      rounds.push(await measureWindow('SQLite', serves, [{ id: 'sqlite', live: true, slots: Number.NaN, devices }], convergeS, 0, admin, postmasterPid, windowMs, devices));
      printRound(rounds.at(-1) as RoundFigures, devices);
      await stopAll(serves);
      serves = [];
    }

    for (const n of counts) {
      const t0 = performance.now();
      for (let i = 0; i < n; i += 1) {
        const id = `n${n}-p${i + 1}`;
        const proxy = await startPgCountProxy(postgres.port);
        const env = {
          LINKSCOPE_DATABASE_URL: `postgres://linkscope@127.0.0.1:${proxy.port}/linkscope`,
          LINKSCOPE_POLLER_ID: id,
          LINKSCOPE_DATA_DIR: join(dir, id),
          LINKSCOPE_SECRET_KEY_FILE: keyFile,
          LINKSCOPE_INFLUX_URL: influxd.url,
          LINKSCOPE_CLUSTER_LEASE_TTL: `${TTL_MS}ms`,
        };
        try {
          serves.push(await startServe(id, env, proxy));
        } catch (err) {
          await proxy.close();
          throw err;
        }
      }
      // Bounded: rebalancing takes a few renewal periods (TTL/3 each).
      const layout = await waitBalanced(serves, devices, 4 * TTL_MS);
      const convergeS = (performance.now() - t0) / 1000;
      // Every device polled by its owner once (its first poll there runs discovery), then the window.
      const doublePolled = await waitEveryDevicePolled(serves, deviceIds);
      rounds.push(await measureWindow(String(n), serves, layout, convergeS, doublePolled, admin, postmasterPid, windowMs, devices));
      printRound(rounds.at(-1) as RoundFigures, devices);
      await stopAll(serves);
      serves = [];
    }
    return summarise(rounds, devices);
  } finally {
    await stopAll(serves).catch(() => undefined);
    await admin?.end().catch(() => undefined);
    await agents?.stop();
    await Promise.all([postgres?.dispose(), influxd?.dispose()]);
    if (exitHook !== undefined) process.off('exit', exitHook);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Synchronous, for process 'exit': PostgreSQL's immediate shutdown, and the influxd whose command line names our temp dir. */
function killDaemons(postmasterPid: number, influxDir: string): void {
  try {
    process.kill(postmasterPid, 'SIGQUIT');
  } catch {
    // already gone
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.startsWith('influxd') && cmdline.includes(influxDir)) process.kill(Number(entry), 'SIGKILL');
    } catch {
      // exited while we looked
    }
  }
}

const perS = (value: number, r: RoundFigures): number => value / r.windowS;
const sum = (r: RoundFigures, f: (p: PollerFigures) => number): number => r.pollers.reduce((a, p) => a + f(p), 0);

function printRound(r: RoundFigures, devices: number): void {
  const row = (p: PollerFigures | { id: string; slots: number; devices: number; cpuS: number; polls: number; failures: number; statements: number }): string[] => [
    p.id,
    Number.isNaN(p.slots) ? '–' : num(p.slots),
    num(p.devices),
    num(perS(p.polls, r), 2),
    num((p.cpuS * 1000) / r.windowS, 1),
    num((p.cpuS * 1000) / p.polls, 2),
    num(perS(p.failures, r), 2),
    Number.isNaN(p.statements) ? '–' : num(perS(p.statements, r), 2),
  ];
  const total = { id: 'all pollers', slots: sum(r, (p) => p.slots), devices: sum(r, (p) => p.devices), cpuS: sum(r, (p) => p.cpuS), polls: sum(r, (p) => p.polls), failures: sum(r, (p) => p.failures), statements: sum(r, (p) => p.statements) };
  const title = r.label === 'SQLite' ? 'reference: one serve on SQLite, no PostgreSQL' : `${r.label} poller${r.label === '1' ? '' : 's'} on PostgreSQL`;
  printTable(
    `fleet-scale: ${title}, ${num(devices)} devices, ${num(r.windowS, 1)} s window`,
    ['poller', 'slots', 'devices', 'polls/s', 'CPU ms/s', 'CPU ms/poll', 'failed/s', 'statements/s'],
    [...r.pollers.map(row), ...(r.pollers.length > 1 ? [row(total)] : [])],
    [
      `ready after ${num(r.convergeS, 1)} s (slots balanced, every device polled once); expected polls/s ${num(devices / (INTERVAL_MS / 1000), 1)}; devices polled by more than one poller since then: ${r.doublePolled}, by none in the window: ${r.unpolled}`,
      `PostgreSQL${r.label === 'SQLite' ? ' (idle: no poller uses it)' : ''}: ${num(perS(r.pgXacts, r), 2)} transactions/s (pg_stat_database; ${r.autovacuums} autovacuum/analyze runs in the window; ${r.connections} connections at the end, ${r.connectionsOpened} of them opened in the window, ${r.connectionsClosed} closed), CPU ${num((r.pgCpuS * 1000) / r.windowS, 1)} ms/s (all its processes):`,
      `  ${PG_PARTS.map((part) => `${part} ${num((r.pgPartCpuS[part] * 1000) / r.windowS, 1)}`).join(', ')}, postmaster ${num((r.pgPostmasterS * 1000) / r.windowS, 1)}, exited children ${num((r.pgExitedS * 1000) / r.windowS, 1)}, other ${num((Math.max(0, r.pgCpuS - r.pgPostmasterS - r.pgExitedS - PG_PARTS.reduce((a, part) => a + r.pgPartCpuS[part], 0)) * 1000) / r.windowS, 1)} ms/s`,
    ],
  );
}

function summarise(rounds: readonly RoundFigures[], devices: number): FleetScaleResult {
  const ref = rounds.find((r) => r.label === 'SQLite');
  const refCpuPerPoll = ref === undefined ? Number.NaN : (sum(ref, (p) => p.cpuS) * 1000) / sum(ref, (p) => p.polls);
  const idlePgMsPerS = ref === undefined ? Number.NaN : (ref.pgCpuS * 1000) / ref.windowS;
  let worst = Number.NEGATIVE_INFINITY;
  const rows = rounds.map((r) => {
    const pollerMsPerS = (sum(r, (p) => p.cpuS) * 1000) / r.windowS;
    const polls = sum(r, (p) => p.polls);
    const cpuPerPoll = (sum(r, (p) => p.cpuS) * 1000) / polls;
    const pgMsPerS = (r.pgCpuS * 1000) / r.windowS;
    const fleet = r.label !== 'SQLite';
    const share = (pgMsPerS / pollerMsPerS) * 100;
    if (fleet) worst = Math.max(worst, share);
    return [
      r.label === 'SQLite' ? 'SQLite reference' : `N = ${r.label}`,
      num(polls / r.windowS, 2),
      num(pollerMsPerS, 1),
      num(cpuPerPoll, 2),
      fleet ? `${num(cpuPerPoll / refCpuPerPoll, 2)}×` : '1.00×',
      fleet ? num(sum(r, (p) => p.statements) / r.windowS, 1) : '–',
      num(r.pgXacts / r.windowS, 1),
      num(pgMsPerS, 1),
      fleet ? num((pgMsPerS * 10_000) / devices, 0) : '–',
      fleet ? `${num(share, 1)} %` : '–',
      fleet ? `${num(((pgMsPerS - idlePgMsPerS) / pollerMsPerS) * 100, 1)} %` : '–',
    ];
  });
  const ok = worst < TARGET_PG_SHARE_PERCENT;
  printTable(
    `fleet-scale: summary, ${num(devices)} devices × ${INTERFACES} interfaces every ${INTERVAL_MS / 1000} s`,
    ['run', 'polls/s', 'pollers CPU ms/s', 'CPU ms/poll', 'vs SQLite', 'pollers stmts/s', 'PG xacts/s', 'PG CPU ms/s', 'PG ms/s per 10k dev', 'PG ÷ pollers', 'net of idle'],
    rows,
    [
      'CPU = utime + stime from /proc (pollers: the whole serve process, all threads; PG: postmaster + every child + reaped backends); ms/s = thousandths of a core.',
      `PG ms/s per 10k dev = PostgreSQL CPU scaled linearly from ${num(devices)} devices to 10,000; "net of idle" subtracts PostgreSQL's CPU in the SQLite round (${num(idlePgMsPerS, 1)} ms/s, no client).`,
      `Target (issue 13): PostgreSQL CPU < ${TARGET_PG_SHARE_PERCENT} % of the pollers' CPU — worst over the fleet runs ${num(worst, 1)} % ${verdict(ok)}. Not counted: the agents (own child process), influxd, the bench's proxies.`,
    ],
  );
  return { devices, rounds, worstPgSharePercent: worst, ok };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runFleetScale();
  process.exit(0);
}
