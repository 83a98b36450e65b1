/**
 * Section 6: poll-interval lateness of healthy devices while 0, 500 and 2,000 dead devices sit in
 * the fleet. Measures the built `linkscope serve` as a child process from the outside: every healthy
 * agent stands behind a UDP relay in this process that timestamps the requests reaching it.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticDevice } from '../src/demo/agent/synthetic.js';
import { loadOrCreateSecretKey } from '../src/inventory/secret-box.js';
import { openInventory } from '../src/inventory/sqlite-inventory.js';
import { Secret } from '../src/model/secret.js';
import { startAgent, type RunningAgent } from '../src/demo/agent/snmp-agent.js';
import { freePort } from '../test/helpers/free-port.js';
import { spawnTracked, type TrackedChild } from './lib/procs.js';
import { num, printTable, verdict } from './lib/table.js';

export const TARGET_P99_LATENESS_MS = 1000;

export interface ScheduleOptions {
  readonly healthy?: number;
  readonly intervalMs?: number;
  readonly deadCounts?: readonly number[];
  /** Measured window after the dead devices were added. */
  readonly measureMs?: number;
}

interface Lateness {
  readonly dead: number;
  readonly samples: number;
  /** Longest time between two poll starts of one device. */
  readonly maxGap: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly probeBusy: number;
  readonly probeWaiting: number;
}

const COMMUNITY = 'public';
const TOKEN = 'bench-schedule-token';

/** A UDP relay in front of one agent: records when each request arrives, forwards both ways. */
interface Relay {
  readonly port: number;
  readonly arrivals: number[];
  close(): void;
}

async function startRelay(agentPort: number): Promise<Relay> {
  const front: Socket = createSocket('udp4');
  const back: Socket = createSocket('udp4');
  const arrivals: number[] = [];
  let client: RemoteInfo | null = null;
  front.on('message', (msg, rinfo) => {
    arrivals.push(performance.now());
    client = rinfo;
    back.send(msg, agentPort, '127.0.0.1');
  });
  back.on('message', (msg) => {
    if (client !== null) front.send(msg, client.port, client.address);
  });
  await new Promise<void>((resolve) => front.bind(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => back.bind(0, '127.0.0.1', resolve));
  return {
    port: front.address().port,
    arrivals,
    close: () => {
      front.close();
      back.close();
    },
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** Poll starts: the first request after a quiet spell of half an interval, inside [fromMs, toMs). */
function pollStarts(arrivals: readonly number[], fromMs: number, toMs: number, intervalMs: number): number[] {
  const starts: number[] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (const t of arrivals) {
    if (t - last > intervalMs / 2 && t >= fromMs && t < toMs) starts.push(t);
    last = t;
  }
  return starts;
}

/** Longest time between poll starts, counting the window's edges (a device never polled scores the whole window). */
function longestGap(arrivals: readonly number[], fromMs: number, toMs: number, intervalMs: number): number {
  const points = [fromMs, ...pollStarts(arrivals, fromMs, toMs, intervalMs), toMs];
  return Math.max(...points.slice(1).map((t, i) => t - (points[i] as number)));
}

/**
 * Lateness of each poll start against the device's own fixed phase (the earliest start minus k
 * intervals): a device never late scores 0, and a skipped poll shows as the next one's whole delay.
 */
function latenessOf(arrivals: readonly number[], fromMs: number, toMs: number, intervalMs: number): number[] {
  const starts = pollStarts(arrivals, fromMs, toMs, intervalMs);
  if (starts.length === 0) return [];
  const phase = Math.min(...starts.map((s, k) => s - k * intervalMs));
  return starts.map((s, k) => s - phase - k * intervalMs);
}

async function api(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return text === '' ? null : (JSON.parse(text) as unknown);
}

/** One figure of the probe lane from /metrics text. */
function probeLane(metricsText: string, figure: 'busy' | 'waiting'): number {
  const m = metricsText.match(new RegExp(`^linkscope_poller_lane_${figure}\\{lane="probe"\\} (\\d+)$`, 'm'));
  return m === null ? Number.NaN : Number(m[1]);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function startServe(dir: string, intervalMs: number): Promise<{ t: TrackedChild; base: string }> {
  const bin = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
  const port = await freePort();
  const t = spawnTracked(process.execPath, [bin, 'serve'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      LINKSCOPE_DATA_DIR: join(dir, 'data'),
      LINKSCOPE_SECRET_KEY_FILE: join(dir, 'key', 'secret.key'),
      LINKSCOPE_LISTEN: `127.0.0.1:${port}`,
      LINKSCOPE_API_TOKEN: TOKEN,
      LINKSCOPE_POLL_INTERVAL: `${intervalMs}ms`,
      // No influxd: samples go to the spool on disk; polls never wait for the sink.
      LINKSCOPE_INFLUX_URL: `http://127.0.0.1:${await freePort()}`,
      LINKSCOPE_LOG_LEVEL: 'error',
    },
  });
  const base = `http://127.0.0.1:${port}`;
  // Bounded: 30 s for the server to answer /health.
  for (let i = 0; i < 120; i += 1) {
    if (t.child.exitCode !== null) throw new Error(`linkscope serve exited (${t.child.exitCode}):\n${t.tail()}`);
    const ok = await fetch(`${base}/health`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return { t, base };
    await sleep(250);
  }
  await t.stop();
  throw new Error(`linkscope serve did not answer ${base}/health within 30 s:\n${t.tail()}`);
}

async function measure(agents: readonly RunningAgent[], dead: number, o: Required<ScheduleOptions>): Promise<Lateness> {
  const dir = mkdtempSync(join(tmpdir(), 'linkscope-bench-schedule-'));
  const relays = await Promise.all(agents.map((a) => startRelay(a.port)));
  let serve: { t: TrackedChild; base: string } | null = null;
  try {
    serve = await startServe(dir, o.intervalMs);
    const { base } = serve;
    for (const [i, r] of relays.entries()) await api(base, 'POST', '/api/v1/devices', { host: '127.0.0.1', port: r.port, name: `live-${i}`, snmp: { version: '2c', community: COMMUNITY } });
    // Warm-up, bounded: every healthy device discovered and answering (then in the healthy lane).
    for (let i = 0; i < 120; i += 1) {
      const up = (await api(base, 'GET', '/api/v1/devices?status=up')) as unknown[];
      if (up.length >= relays.length) break;
      await sleep(250);
    }
    // The dead fleet as never-seen devices on distinct unused loopback ports, written straight into
    // the inventory as `linkscope device add` would (the API's rate limit allows 1,200 writes a
    // minute); serve picks them up at its next reconcile (every 5 s), all at once.
    const ports = new Set<number>();
    for (let i = 0; i < 2 * dead + 10 && ports.size < dead; i += 1) ports.add(await freePort());
    const keyFile = join(dir, 'key', 'secret.key');
    const inventory = openInventory({ path: join(dir, 'data', 'inventory.db'), secretKey: loadOrCreateSecretKey(keyFile), secretKeyFile: keyFile });
    try {
      let k = 0;
      for (const port of ports) {
        await inventory.add({ host: '127.0.0.1', port, name: `dead-${k}`, snmp: { version: '2c', community: new Secret('nobody') } });
        k += 1;
      }
    } finally {
      await inventory.close();
    }
    // Bounded: the dead devices appear in /metrics' probe lane within two reconciles.
    for (let i = 0; dead > 0 && i < 40; i += 1) {
      if (probeLane(await fetch(`${base}/metrics`).then((r) => r.text()), 'busy') > 0) break;
      await sleep(250);
    }
    const from = performance.now();
    let probeBusy = 0;
    let probeWaiting = 0;
    while (performance.now() - from < o.measureMs) {
      await sleep(1000);
      const text = await fetch(`${base}/metrics`).then((r) => r.text());
      probeBusy = Math.max(probeBusy, probeLane(text, 'busy'));
      probeWaiting = Math.max(probeWaiting, probeLane(text, 'waiting'));
    }
    const to = performance.now();
    const all = relays.flatMap((r) => latenessOf(r.arrivals, from, to, o.intervalMs)).sort((a, b) => a - b);
    return {
      dead: ports.size,
      samples: all.length,
      maxGap: Math.max(...relays.map((r) => longestGap(r.arrivals, from, to, o.intervalMs))),
      p50: percentile(all, 50),
      p99: percentile(all, 99),
      max: all.at(-1) ?? Number.NaN,
      probeBusy,
      probeWaiting,
    };
  } finally {
    await serve?.t.stop(20_000);
    for (const r of relays) r.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints the section's table; returns the p99 lateness with the largest dead fleet. */
export async function runSchedule(options: ScheduleOptions = {}): Promise<{ p99Ms: number; ok: boolean }> {
  const seconds = Number(process.env['BENCH_SCHEDULE_SECONDS'] ?? '40');
  const o: Required<ScheduleOptions> = {
    healthy: options.healthy ?? 20,
    intervalMs: options.intervalMs ?? 5000,
    deadCounts: options.deadCounts ?? [0, 500, 2000],
    measureMs: options.measureMs ?? seconds * 1000,
  };
  const view = syntheticDevice({ interfaces: 24, hc: true });
  const agents: RunningAgent[] = [];
  const results: Lateness[] = [];
  try {
    for (let i = 0; i < o.healthy; i += 1) agents.push(await startAgent({ view, community: COMMUNITY, host: '127.0.0.1', port: 0 }));
    for (const dead of o.deadCounts) results.push(await measure(agents, dead, o));
  } finally {
    await Promise.all(agents.map((a) => a.close()));
  }
  const last = results.at(-1);
  const ok = last !== undefined && last.p99 < TARGET_P99_LATENESS_MS;
  printTable(
    `6. Schedule: lateness of ${o.healthy} healthy devices every ${o.intervalMs / 1000} s beside dead ones, built \`linkscope serve\`, ${o.measureMs / 1000} s measured (target p99 < ${TARGET_P99_LATENESS_MS} ms with ${o.deadCounts.at(-1)} dead)`,
    ['dead devices', 'poll starts', 'p50 ms', 'p99 ms', 'max ms', 'longest gap s', 'probe lane busy/waiting (max)', 'target'],
    results.map((r, i) => [
      String(r.dead),
      String(r.samples),
      num(r.p50, 1),
      num(r.p99, 1),
      num(r.max, 1),
      num(r.maxGap / 1000, 2),
      `${num(r.probeBusy)}/${num(r.probeWaiting)}`,
      i === results.length - 1 ? verdict(r.p99 < TARGET_P99_LATENESS_MS) : '(info)',
    ]),
    [
      'lateness = arrival of the first request of each poll at the agent, minus the device\'s own fixed phase (earliest start − k intervals); a skipped poll counts as the next one\'s delay.',
      'serve runs with the default snmp (2 s timeout, 1 retry) and poller settings (64 healthy slots, 32 probe slots); no influxd (samples spool to disk).',
      'dead devices: never-seen devices on unused 127.0.0.1 ports, written into the inventory at once after the healthy ones answer (serve picks them up within 5 s); their first probe round (dead × 4 s ÷ 32 slots) spans the whole window.',
      'agents: the demo agent (24 HC interfaces) in the bench process, each behind a timestamping UDP relay; BENCH_SCHEDULE_SECONDS sets the window (default 40).',
    ],
  );
  return { p99Ms: last?.p99 ?? Number.NaN, ok };
}
