/** Section 2: sustained fleet throughput of the real Poller against synthetic agents in a child process, per CPU-second of the poller. */
import { setMaxListeners } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryInventory } from '../src/api/testing.js';
import { discoverDevice } from '../src/discovery/discover.js';
import { Secret } from '../src/model/secret.js';
import { silentLogger } from '../src/observability/logger.js';
import { Poller, type PollerSettings } from '../src/poller/poller.js';
import { NetSnmpClient } from '../src/snmp/net-snmp-client.js';
import { CounterStore } from '../src/state/counter-store.js';
import { LiveState } from '../src/state/live-state.js';
import { AGENT_COMMUNITY, startAgentHost, type AgentHost } from './lib/agent-host.js';
import { FormatAndDiscardSink } from './lib/sinks.js';
import { cpuSecondsSince, num, printTable, verdict } from './lib/table.js';

export const TARGET_VARBINDS_PER_CORE = 250_000;

export interface FleetOptions {
  readonly devices?: number;
  readonly interfaces?: number;
  readonly intervalMs?: number;
  /** Discovery, first baseline and JIT warm-up before the measured window. */
  readonly warmupMs?: number;
  readonly measureMs?: number;
  readonly budgets?: readonly number[];
}

interface FleetFigures {
  readonly budget: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly varbinds: number;
  readonly requests: number;
  readonly polls: number;
  readonly failures: number;
  readonly skipped: number;
  readonly interfaces: number;
  readonly points: number;
}

const SETTINGS: Omit<PollerSettings, 'pollIntervalMs'> = {
  // linkscope's defaults (config/defaults.ts) except the interval and the rediscovery (not measured here).
  snmp: { timeoutMs: 2000, retries: 1, maxRepetitions: 25 },
  maxConcurrentRequests: 64,
  jitterRatio: 1,
  rediscoverIntervalMs: Number.POSITIVE_INFINITY,
  backoffMaxMs: 60_000,
};

type Totals = ReturnType<Poller['metrics']>;

async function measureFleet(host: AgentHost, budget: number, o: Required<FleetOptions>): Promise<FleetFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linkscope-bench-fleet-'));
  const inventory = new MemoryInventory();
  for (const [i, port] of host.ports.entries()) {
    await inventory.add({ host: host.host, port, name: `sw-${i + 1}`, snmp: { version: '2c', community: new Secret(AGENT_COMMUNITY) } });
  }
  const sink = new FormatAndDiscardSink();
  const poller = new Poller({
    inventory,
    snmp: new NetSnmpClient({ maxVarbindsPerRequest: budget }),
    sink,
    state: new LiveState(),
    // The real counter store: every successful poll persists its baseline as the server does.
    counters: new CounterStore(dataDir),
    logger: silentLogger(),
    settings: { ...SETTINGS, pollIntervalMs: o.intervalMs },
  });
  try {
    poller.start();
    await sleep(o.warmupMs);
    const m0: Totals = poller.metrics();
    const points0 = sink.points;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await sleep(o.measureMs);
    const cpuSeconds = cpuSecondsSince(cpu0);
    const seconds = (performance.now() - t0) / 1000;
    const m1: Totals = poller.metrics();
    const polls = m1.polls - m0.polls;
    const failures = m1.failures - m0.failures;
    return {
      budget,
      seconds,
      cpuSeconds,
      varbinds: m1.varbinds - m0.varbinds,
      requests: m1.requests - m0.requests,
      polls,
      failures,
      skipped: m1.skippedOverruns - m0.skippedOverruns,
      interfaces: (polls - failures) * o.interfaces,
      points: sink.points - points0,
    };
  } finally {
    await poller.stop();
    await inventory.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Columns the poll walks on the synthetic device (discovery's choice), to count in-column varbinds. */
async function pollColumnCount(host: AgentHost): Promise<number> {
  const session = new NetSnmpClient().open({
    host: host.host,
    port: host.ports[0] as number,
    credentials: { version: '2c', community: new Secret(AGENT_COMMUNITY) },
    timeoutMs: 2000,
    retries: 1,
    maxRepetitions: 25,
  });
  try {
    return (await discoverDevice(session)).discovery.pollColumns.length;
  } finally {
    session.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Prints the section's table; returns the per-core figure at linkscope's default budget (the first). */
export async function runFleet(options: FleetOptions = {}): Promise<{ perCore: number; ok: boolean }> {
  const o: Required<FleetOptions> = {
    devices: options.devices ?? 40,
    interfaces: options.interfaces ?? 150,
    intervalMs: options.intervalMs ?? 1000,
    warmupMs: options.warmupMs ?? 3000,
    measureMs: options.measureMs ?? 5000,
    budgets: options.budgets ?? [64, 256],
  };
  // The Poller hands one AbortSignal to every request in flight; with more than 10 concurrent
  // polls Node warns of a listener leak on stderr. Not a leak (each request removes its listener
  // when it settles); raise the default so stdout stays the bench's only output.
  setMaxListeners(SETTINGS.maxConcurrentRequests * 2);
  const host = await startAgentHost({ devices: o.devices, interfaces: o.interfaces });
  const results: FleetFigures[] = [];
  let agentStats;
  let columns = Number.NaN;
  try {
    columns = await pollColumnCount(host);
    for (const budget of o.budgets) results.push(await measureFleet(host, budget, o));
  } finally {
    agentStats = await host.stop();
  }
  const rows = results.map((r, i) => {
    const perCore = r.varbinds / r.cpuSeconds;
    return [
      String(r.budget),
      num(r.varbinds / r.seconds),
      num(r.interfaces / r.seconds),
      num((100 * r.cpuSeconds) / r.seconds, 0),
      num(perCore),
      num((r.interfaces * columns) / r.cpuSeconds),
      num(r.interfaces / r.cpuSeconds),
      num(r.varbinds / r.requests, 0),
      `${r.polls - r.failures}/${r.failures}/${r.skipped}`,
      i === 0 ? verdict(perCore >= TARGET_VARBINDS_PER_CORE) : `${verdict(perCore >= TARGET_VARBINDS_PER_CORE)} (info)`,
    ];
  });
  const totalCpu = results.reduce((s, r) => s + r.cpuSeconds, 0);
  printTable(
    `2. Fleet throughput: ${o.devices} devices × ${o.interfaces} interfaces every ${o.intervalMs / 1000} s, real Poller, ${o.measureMs / 1000} s measured after ${o.warmupMs / 1000} s warm-up (target ≥ ${num(TARGET_VARBINDS_PER_CORE)} varbinds/s per core)`,
    ['budget', 'varbinds/s', 'interfaces/s', 'poller CPU %', 'varbinds/s per core', 'in-column vb/s per core', 'interfaces/s per core', 'vb/req', 'polls ok/failed/skipped', 'target'],
    rows,
    [
      'per core = varbinds (or interfaces) polled ÷ CPU-seconds (user+sys) of the poller process; agents serve from a child process.',
      `varbinds = every varbind the poller decoded (its own metric); in-column = interfaces × ${columns} poll columns (without the scalars GET and the rows past a column's end).`,
      'Poller with MemoryInventory, the real CounterStore (temp dir), a sink that formats line protocol and discards; maxConcurrentRequests 64.',
      `agent process: ${num(agentStats.cpuSeconds, 2)} CPU-s for the whole section (poller: ≥ ${num(totalCpu, 2)} CPU-s measured) — the agents are not the bottleneck.`,
    ],
  );
  const first = results[0];
  const perCore = first === undefined ? Number.NaN : first.varbinds / first.cpuSeconds;
  return { perCore, ok: perCore >= TARGET_VARBINDS_PER_CORE };
}
