/**
 * Scale-out end to end: three built `linkscope serve` processes on one real PostgreSQL (each
 * through its own TCP proxy, so one can be partitioned from the database), polling simulated
 * devices on distinct 127.0.x.y addresses whose counters move at known rates, writing to a real
 * influxd. Every poller logs each SNMP request (trace level: device, poller, epoch, time); the
 * checks read those logs, the database and InfluxDB:
 *
 * - no double polling: per device, requests sorted by time never go back to an older epoch, and
 *   an epoch belongs to one poller — under SIGKILLs and restarts, a SIGSTOP longer than the TTL,
 *   and a database partition of one poller;
 * - failover: after a SIGKILL every orphaned device is polled again within TTL + one renewal
 *   period + one interval (p50 and max printed);
 * - pause: a poller stopped longer than the TTL sends 0 requests and writes 0 counter-state rows
 *   for the slots it lost;
 * - rate continuity: every rate written is within 1 % of the simulated rate (no spike, ever).
 *
 * LINKSCOPE_TEST_CHAOS_MS sets the length of the kill/restart phase (default 90 s).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgInventory } from '../../src/inventory/pg-inventory.js';
import { Secret } from '../../src/model/secret.js';
import { freePort } from '../helpers/free-port.js';
import { startInfluxd, type InfluxdHandle } from '../helpers/with-influxd.js';
import { startPostgres, type PostgresHandle } from '../helpers/with-postgres.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { eventually } from '../helpers/with-server.js';

const BIN = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');
const AGENTS = join(import.meta.dirname, '..', 'helpers', 'fleet-agents.mjs');
const DEVICES = 24;
const INTERFACES = 2;
// 10 s: the agents and pollers share two busy cores with the rest of the suite, and a 30-60 ms
// scheduling stall inside one poll is 1-2 % of a 3 s interval but under 0.6 % of this one.
const INTERVAL_MS = 10_000;
const TTL_MS = 3000;
const RENEW_MS = TTL_MS / 3;
const SNMP_TIMEOUT_MS = 300;
const COMMUNITY = 'fleet-C0mmunity-7c1d';
const INFLUX_DB = 'linkscope_fleet';
const CHAOS_MS = Number(process.env['LINKSCOPE_TEST_CHAOS_MS'] ?? 90_000);
const GIG = 1_000_000_000;

interface RequestLine {
  readonly t: number;
  readonly poller: string;
  readonly deviceId: number;
  readonly epoch: number;
}

/** Expected in_bps of port i of every synthetic device (src/demo/agent/synthetic.ts): (1 + i % 99) % of 1 Gbit/s. */
const expectedInBps = (ifIndex: number): number => ((1 + (ifIndex % 99)) / 100) * GIG;

class PollerProcess {
  child: ChildProcess | null = null;
  exited: Promise<void> = Promise.resolve();
  /** Exits nobody asked for (a crash): the test fails on any. */
  readonly crashes: string[] = [];
  #expectExit = false;
  readonly stderr: string[] = [];

  /** The poller's stdout goes to this file, never a pipe: a pipe the busy test process drains late would block the poller's logging and skew its timing. */
  readonly logFile: string;
  #offset = 0;
  #partial = '';

  constructor(
    readonly id: string,
    readonly env: Record<string, string>,
    readonly requests: RequestLine[],
    readonly proxy: TcpProxy,
    logDir: string,
  ) {
    this.logFile = join(logDir, `${id}.log`);
  }

  /** Reads what the poller logged since the last call; each `snmp request` line becomes a RequestLine. */
  readLog(): void {
    let fd: number;
    try {
      fd = openSync(this.logFile, 'r');
    } catch {
      return;
    }
    try {
      const buf = Buffer.alloc(1 << 20);
      for (;;) {
        const n = readSync(fd, buf, 0, buf.length, this.#offset);
        if (n === 0) break;
        this.#offset += n;
        const text = this.#partial + buf.toString('utf8', 0, n);
        const lines = text.split('\n');
        this.#partial = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.includes('"snmp request"')) continue;
          try {
            const o = JSON.parse(line) as { time: number; poller?: string; deviceId?: number; epoch?: number };
            if (typeof o.deviceId === 'number' && typeof o.epoch === 'number') this.requests.push({ t: o.time, poller: o.poller ?? this.id, deviceId: o.deviceId, epoch: o.epoch });
          } catch {
            // a torn line of a killed process
          }
        }
      }
    } finally {
      closeSync(fd);
    }
  }

  start(): void {
    const out = openSync(this.logFile, 'a');
    const child = spawn(process.execPath, [BIN, 'serve'], { env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...this.env }, stdio: ['ignore', out, 'pipe'] });
    closeSync(out);
    this.child = child;
    this.#expectExit = false;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        if (!this.#expectExit) this.crashes.push(`${this.id} exited (code ${code}, signal ${signal}): ${this.stderr.join('').slice(-2000)}`);
        resolve();
      }),
    );
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (c: string) => this.stderr.push(c));
  }

  async signal(sig: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (child === null) return;
    if (sig === 'SIGKILL' || sig === 'SIGTERM' || sig === 'SIGINT') this.#expectExit = true;
    child.kill(sig);
    if (sig === 'SIGKILL' || sig === 'SIGTERM' || sig === 'SIGINT') {
      await this.exited;
      this.child = null;
    }
  }
}

/** Per device: time-ordered requests must never go back to an older epoch, and one epoch is one poller. */
function doublePolling(requests: readonly RequestLine[]): string[] {
  const problems: string[] = [];
  const byDevice = new Map<number, RequestLine[]>();
  for (const r of requests) {
    const list = byDevice.get(r.deviceId);
    if (list === undefined) byDevice.set(r.deviceId, [r]);
    else list.push(r);
  }
  for (const [id, list] of byDevice) {
    list.sort((a, b) => a.t - b.t);
    const epochOwner = new Map<number, string>();
    let maxEpoch = -1;
    let maxBy = '';
    for (const r of list) {
      const owner = epochOwner.get(r.epoch);
      if (owner !== undefined && owner !== r.poller) problems.push(`device ${id}: epoch ${r.epoch} used by ${owner} and ${r.poller}`);
      epochOwner.set(r.epoch, r.poller);
      if (r.epoch < maxEpoch) problems.push(`device ${id}: ${r.poller} sent under epoch ${r.epoch} at ${r.t} after ${maxBy} had sent under epoch ${maxEpoch}`);
      if (r.epoch > maxEpoch) {
        maxEpoch = r.epoch;
        maxBy = r.poller;
      }
    }
  }
  return problems;
}

function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

describe.sequential('scale-out: three pollers on one PostgreSQL', () => {
  let postgres: PostgresHandle;
  let influxd: InfluxdHandle;
  let dir: string;
  let logDir: string;
  let tail: NodeJS.Timeout | undefined;
  const agents: { host: string; port: number }[] = [];
  let agentProcess: ChildProcess | undefined;
  const requests: RequestLine[] = [];
  const pollers: PollerProcess[] = [];
  let db: pg.Pool;
  const deviceIds: number[] = [];

  const byPoller = (id: string): PollerProcess => pollers.find((p) => p.id === id)!;

  /** Devices whose latest request before `t` came from `poller`. */
  function ownedAt(poller: string, t: number): number[] {
    for (const p of pollers) p.readLog();
    const last = new Map<number, RequestLine>();
    for (const r of requests) if (r.t <= t && (last.get(r.deviceId)?.t ?? -1) < r.t) last.set(r.deviceId, r);
    return [...last.values()].filter((r) => r.poller === poller).map((r) => r.deviceId);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'linkscope-fleet-'));
    // LINKSCOPE_TEST_LOG_DIR keeps the pollers' logs after the run.
    logDir = process.env['LINKSCOPE_TEST_LOG_DIR'] ?? join(dir, 'logs');
    mkdirSync(logDir, { recursive: true });
    [postgres, influxd] = await Promise.all([startPostgres(), startInfluxd()]);
    const keyFile = join(dir, 'secret.key');
    writeFileSync(keyFile, Buffer.alloc(32, 7), { mode: 0o600 });
    // The agents run in their own process: the test's work must not delay an agent between two requests of one poll.
    agentProcess = spawn(process.execPath, [AGENTS, String(DEVICES), String(INTERFACES), COMMUNITY], { stdio: ['pipe', 'pipe', 'inherit'] });
    const firstLine = await new Promise<string>((resolve, reject) => {
      let text = '';
      agentProcess?.stdout?.on('data', (c: Buffer) => {
        text += c.toString('utf8');
        if (text.includes('\n')) resolve(text.slice(0, text.indexOf('\n')));
      });
      agentProcess?.once('exit', (code) => reject(new Error(`fleet agents exited with ${code} before listening`)));
    });
    agents.push(...(JSON.parse(firstLine) as { host: string; port: number }[]));
    const inventory = await openPgInventory({ url: postgres.url, secretKey: Buffer.alloc(32, 7), secretKeyFile: keyFile });
    try {
      const added = await inventory.addMany(
        agents.map((a, i) => ({ host: a.host, port: a.port, name: `fleet-${i}`, intervalMs: INTERVAL_MS, snmp: { version: '2c' as const, community: new Secret(COMMUNITY) } })),
      );
      deviceIds.push(...added.map((d) => d.id));
    } finally {
      await inventory.close();
    }
    db = new pg.Pool({ connectionString: postgres.url, max: 2 });
    // The server stops in afterAll: an idle client's 'error' then is expected, not a failure.
    db.on('error', () => undefined);
    for (const id of ['p1', 'p2', 'p3']) {
      const proxy = await startTcpProxy('127.0.0.1', postgres.port);
      const env = {
        LINKSCOPE_DATABASE_URL: `postgres://linkscope@127.0.0.1:${proxy.port}/linkscope`,
        LINKSCOPE_POLLER_ID: id,
        LINKSCOPE_DATA_DIR: join(dir, id),
        LINKSCOPE_SECRET_KEY_FILE: keyFile,
        LINKSCOPE_LISTEN: `127.0.0.1:${await freePort()}`,
        LINKSCOPE_INFLUX_URL: influxd.url,
        LINKSCOPE_INFLUX_DB: INFLUX_DB,
        LINKSCOPE_INFLUX_FLUSH_INTERVAL: '500ms',
        LINKSCOPE_LOG_LEVEL: 'trace',
        LINKSCOPE_LOG_FORMAT: 'json',
        LINKSCOPE_POLL_INTERVAL: `${INTERVAL_MS / 1000}s`,
        LINKSCOPE_SNMP_TIMEOUT: `${SNMP_TIMEOUT_MS}ms`,
        LINKSCOPE_SNMP_RETRIES: '0',
        LINKSCOPE_CLUSTER_LEASE_TTL: `${TTL_MS / 1000}s`,
      };
      pollers.push(new PollerProcess(id, env, requests, proxy, logDir));
    }
    for (const p of pollers) p.start();
    tail = setInterval(() => {
      for (const p of pollers) p.readLog();
    }, 50);
  }, 120_000);

  afterAll(async () => {
    clearInterval(tail);
    await Promise.all(pollers.map((p) => p.signal('SIGKILL')));
    await Promise.all(pollers.map((p) => p.proxy.close()));
    await db?.end();
    agentProcess?.kill('SIGTERM');
    await Promise.all([postgres?.dispose(), influxd?.dispose()]);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('splits the devices: each polled by exactly one poller, slots balanced', async () => {
    const since = Date.now();
    await eventually(
      'every device polled, by one poller each, with all three pollers polling',
      () => {
        const recent = requests.filter((r) => r.t >= since + 2 * TTL_MS);
        const owners = new Map<number, Set<string>>();
        for (const r of recent) owners.set(r.deviceId, (owners.get(r.deviceId) ?? new Set()).add(r.poller));
        const pollersSeen = new Set(recent.map((r) => r.poller));
        return owners.size === DEVICES && [...owners.values()].every((s) => s.size === 1) && pollersSeen.size === 3 ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const slots = await db.query<{ owner: string; n: string }>('SELECT owner, count(*) AS n FROM leases WHERE owner IS NOT NULL AND expires_at > now() GROUP BY owner ORDER BY owner');
    const counts = slots.rows.map((r) => Number(r.n));
    expect(slots.rows.map((r) => r.owner)).toEqual(['p1', 'p2', 'p3']);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1024);
    for (const n of counts) expect(Math.abs(n - Math.ceil(1024 / 3))).toBeLessThanOrEqual(1);
    const reply = await fetch(`http://${pollers[0]!.env['LINKSCOPE_LISTEN']}/api/v1/pollers`);
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as { pollers: { id: string; slots: number; devices: number }[] };
    expect(body.pollers.map((p) => p.id).sort()).toEqual(['p1', 'p2', 'p3']);
    expect(body.pollers.reduce((a, p) => a + p.devices, 0)).toBe(DEVICES);
    for (const p of pollers) p.readLog();
    expect(doublePolling(requests)).toEqual([]);
    expect(pollers.flatMap((p) => p.crashes)).toEqual([]);
  }, 90_000);

  it('SIGKILLs and restarts: never polls a device twice, and orphans are polled again within TTL + renewal + interval', async () => {
    const delays: number[] = [];
    const bound = TTL_MS + RENEW_MS + INTERVAL_MS + 1000;
    const end = Date.now() + CHAOS_MS;
    let round = 0;
    while (Date.now() < end) {
      const victim = pollers[round % pollers.length]!;
      round += 1;
      const killedAt = Date.now();
      const orphans = ownedAt(victim.id, killedAt);
      await victim.signal(round % 3 === 0 ? 'SIGTERM' : 'SIGKILL');
      // Each orphan: first request by another poller after the kill.
      await eventually(
        `devices of ${victim.id} polled again by the others`,
        () => (orphans.every((d) => requests.some((r) => r.deviceId === d && r.t > killedAt && r.poller !== victim.id)) ? true : undefined),
        { timeoutMs: bound + 10_000, intervalMs: 100 },
      );
      for (const d of orphans) {
        const first = requests.filter((r) => r.deviceId === d && r.t > killedAt && r.poller !== victim.id).reduce((m, r) => Math.min(m, r.t), Infinity);
        delays.push(first - killedAt);
      }
      victim.start();
      await new Promise((r) => setTimeout(r, 4000));
    }
    console.log(`failover after ${round} kills/stops: ${delays.length} orphaned devices, p50 ${quantile(delays, 0.5)} ms, max ${Math.max(...delays)} ms (bound ${bound} ms)`);
    expect(delays.length).toBeGreaterThan(0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(bound);
    for (const p of pollers) p.readLog();
    expect(doublePolling(requests)).toEqual([]);
    expect(pollers.flatMap((p) => p.crashes)).toEqual([]);
  }, CHAOS_MS + 120_000);

  it('a poller paused (SIGSTOP) longer than the TTL sends nothing and writes no state for the slots it lost', async () => {
    const victim = byPoller('p2');
    await eventually('p2 polls', () => (requests.some((r) => r.poller === 'p2' && r.t > Date.now() - INTERVAL_MS) ? true : undefined), { timeoutMs: 30_000 });
    const owned = ownedAt('p2', Date.now());
    expect(owned.length).toBeGreaterThan(0);
    await victim.signal('SIGSTOP');
    const stoppedAt = Date.now();
    // The others take its devices after the TTL (database clock).
    await eventually('p2\'s devices taken over', () => (owned.every((d) => requests.some((r) => r.deviceId === d && r.t > stoppedAt && r.poller !== 'p2')) ? true : undefined), {
      timeoutMs: TTL_MS + RENEW_MS + INTERVAL_MS + 10_000,
      intervalMs: 100,
    });
    await new Promise((r) => setTimeout(r, TTL_MS));
    const resumedAt = Date.now();
    await victim.signal('SIGCONT');
    await new Promise((r) => setTimeout(r, Math.max(3 * TTL_MS, INTERVAL_MS)));
    const lostSlotsEpochs = await db.query<{ device_id: number; poller: string; saved_at: Date; epoch: string }>(
      'SELECT device_id, poller, saved_at, epoch FROM counter_state WHERE device_id = ANY($1::int[])',
      [owned],
    );
    // Requests p2 sent after it resumed, for devices another poller took while it slept.
    const taken = owned.filter((d) => requests.some((r) => r.deviceId === d && r.t > stoppedAt && r.t < resumedAt && r.poller !== 'p2'));
    const late = requests.filter((r) => r.poller === 'p2' && r.t >= resumedAt && taken.includes(r.deviceId) && r.epoch <= (maxEpochBefore(requests, r.deviceId, 'p2', stoppedAt) ?? -1));
    expect(late).toEqual([]);
    // A row p2 wrote after it resumed must carry an epoch it claimed afterwards (rebalancing may give slots back), never an old one.
    const written = lostSlotsEpochs.rows.filter(
      (r) => taken.includes(r.device_id) && r.poller === 'p2' && r.saved_at.getTime() >= resumedAt && Number(r.epoch) <= (maxEpochBefore(requests, r.device_id, 'p2', stoppedAt) ?? -1),
    );
    expect(written).toEqual([]);
    for (const p of pollers) p.readLog();
    expect(doublePolling(requests)).toEqual([]);
    expect(pollers.flatMap((p) => p.crashes)).toEqual([]);
  }, 120_000);

  it('a poller cut off from PostgreSQL stops polling before anyone else takes over', async () => {
    const victim = byPoller('p3');
    await eventually('p3 polls', () => (requests.some((r) => r.poller === 'p3' && r.t > Date.now() - INTERVAL_MS) ? true : undefined), { timeoutMs: 30_000 });
    const owned = ownedAt('p3', Date.now());
    victim.proxy.partition();
    const cutAt = Date.now();
    await eventually('p3\'s devices taken over', () => (owned.every((d) => requests.some((r) => r.deviceId === d && r.t > cutAt && r.poller !== 'p3')) ? true : undefined), {
      timeoutMs: TTL_MS + RENEW_MS + INTERVAL_MS + 10_000,
      intervalMs: 100,
    });
    // p3 stopped by its own clock (TTL - margin after its last renewal), before the takeover.
    const lastP3 = requests.filter((r) => r.poller === 'p3' && r.t > cutAt && owned.includes(r.deviceId)).reduce((m, r) => Math.max(m, r.t), cutAt);
    const firstOther = requests.filter((r) => r.poller !== 'p3' && r.t > cutAt && owned.includes(r.deviceId)).reduce((m, r) => Math.min(m, r.t), Infinity);
    expect(lastP3).toBeLessThan(firstOther);
    await new Promise((r) => setTimeout(r, TTL_MS));
    victim.proxy.heal();
    await eventually('p3 polls again after the partition heals', () => (requests.some((r) => r.poller === 'p3' && r.t > Date.now() - INTERVAL_MS) ? true : undefined), { timeoutMs: 40_000 });
    for (const p of pollers) p.readLog();
    expect(doublePolling(requests)).toEqual([]);
    expect(pollers.flatMap((p) => p.crashes)).toEqual([]);
  }, 120_000);

  it('rates continue across every handover: within 1 % of the simulated rate, no spike', async () => {
    await new Promise((r) => setTimeout(r, 2000));
    const result = await influxd.query(`SELECT in_bps FROM interface WHERE time > now() - 1h GROUP BY "device", "ifName"`, INFLUX_DB);
    const series = result.results?.[0]?.series ?? [];
    expect(series.length).toBe(DEVICES * INTERFACES);
    let points = 0;
    const bad: string[] = [];
    for (const s of series) {
      const ifIndex = Number(/(\d+)$/.exec(s.tags?.['ifName'] ?? '')?.[1]);
      const want = expectedInBps(ifIndex);
      for (const [time, v] of s.values) {
        if (typeof v !== 'number') continue;
        points += 1;
        if (Math.abs(v - want) / want > 0.01) bad.push(`${s.tags?.['device']} ${s.tags?.['ifName']} at ${String(time)}: ${v} vs ${want}`);
      }
    }
    console.log(`rate continuity: ${points} in_bps points over ${series.length} interfaces, ${bad.length} beyond 1 %`);
    expect(points).toBeGreaterThan(DEVICES * INTERFACES * 5);
    expect(bad).toEqual([]);
  }, 60_000);
});

/** The highest epoch `poller` had sent under for the device before `t`. */
function maxEpochBefore(requests: readonly RequestLine[], deviceId: number, poller: string, t: number): number | undefined {
  let max: number | undefined;
  for (const r of requests) if (r.deviceId === deviceId && r.poller === poller && r.t < t) max = Math.max(max ?? -1, r.epoch);
  return max;
}
