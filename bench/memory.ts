/** Section 3: heap per polled interface held by the Poller (discovery, counter baseline, live state), measured in a child with --expose-gc. */
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MemoryInventory } from '../src/api/testing.js';
import { Secret } from '../src/model/secret.js';
import { silentLogger } from '../src/observability/logger.js';
import { Poller } from '../src/poller/poller.js';
import { NetSnmpClient } from '../src/snmp/net-snmp-client.js';
import { LiveState } from '../src/state/live-state.js';
import { AGENT_COMMUNITY, startAgentHost } from './lib/agent-host.js';
import { FormatAndDiscardSink, noCounterStore } from './lib/sinks.js';
import { num, printTable, verdict } from './lib/table.js';

export const TARGET_BYTES_PER_INTERFACE = 2048;

interface Step {
  readonly devices: number;
  readonly interfaces: number;
  readonly heapUsed: number;
}

interface ChildResult {
  readonly interfacesPerDevice: number;
  readonly empty: number;
  readonly steps: readonly Step[];
  readonly ratesOk: boolean;
}

/** Two full GCs (the second collects what the first's finalizers freed), then heapUsed. */
function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with --expose-gc');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Child side: poll 2, then 20 devices of 500 interfaces twice each (the second with rates) and weigh the heap. */
async function measure(devices: number, interfacesPerDevice: number): Promise<ChildResult> {
  const host = await startAgentHost({ devices, interfaces: interfacesPerDevice });
  const inventory = new MemoryInventory();
  const state = new LiveState();
  const poller = new Poller({
    inventory,
    snmp: new NetSnmpClient(),
    sink: new FormatAndDiscardSink(),
    state,
    counters: noCounterStore,
    logger: silentLogger(),
    settings: {
      pollIntervalMs: 60_000,
      snmp: { timeoutMs: 2000, retries: 1, maxRepetitions: 25 },
      maxConcurrentRequests: 64,
      jitterRatio: 0.1,
      rediscoverIntervalMs: Number.POSITIVE_INFINITY,
      backoffMaxMs: 60_000,
    },
  });
  try {
    const empty = heapAfterGc();
    const steps: Step[] = [];
    let ratesOk = true;
    let added = 0;
    for (const upTo of [Math.max(1, Math.floor(devices / 10)), devices]) {
      const ids: number[] = [];
      for (; added < upTo; added++) {
        const port = host.ports[added] as number;
        ids.push((await inventory.add({ host: host.host, port, name: `sw-${added + 1}`, snmp: { version: '2c', community: new Secret(AGENT_COMMUNITY) } })).id);
      }
      // Discovery + baseline, then (≥ 0.5 s later, as counters.ts needs) a poll with rates.
      for (const id of ids) await poller.pollNow(id);
      await new Promise((resolve) => setTimeout(resolve, 600));
      for (const id of ids) {
        const outcome = await poller.pollNow(id);
        if (!outcome.ok || outcome.ratesWritten !== interfacesPerDevice) ratesOk = false;
      }
      steps.push({ devices: upTo, interfaces: upTo * interfacesPerDevice, heapUsed: heapAfterGc() });
    }
    return { interfacesPerDevice, empty, steps, ratesOk };
  } finally {
    await poller.stop();
    await host.stop();
  }
}

/** Forks this file with --expose-gc (so the heap holds nothing of the other sections), prints the table. */
export async function runMemory(options: { devices?: number; interfaces?: number } = {}): Promise<{ bytesPerInterface: number; ok: boolean }> {
  const devices = options.devices ?? 20;
  const interfaces = options.interfaces ?? 500;
  const result = await new Promise<ChildResult>((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child', String(devices), String(interfaces)], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    let got: ChildResult | undefined;
    child.once('message', (m) => (got = m as ChildResult));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (got !== undefined) resolve(got);
      else reject(new Error(`memory child exited (${code ?? signal}) without a result`));
    });
  });
  const rows: string[][] = [];
  const [small, large] = result.steps;
  if (small === undefined || large === undefined) throw new Error('memory child returned no figures');
  const perInterface = (large.heapUsed - result.empty) / large.interfaces;
  const marginal = (large.heapUsed - small.heapUsed) / (large.interfaces - small.interfaces);
  const ok = perInterface <= TARGET_BYTES_PER_INTERFACE;
  rows.push(['empty poller (baseline)', '0', num(result.empty / 1024 / 1024, 1), '', '']);
  for (const s of result.steps) {
    rows.push([`${s.devices} devices × ${result.interfacesPerDevice}`, num(s.interfaces), num(s.heapUsed / 1024 / 1024, 1), num((s.heapUsed - result.empty) / s.interfaces), s === large ? verdict(ok) : '']);
  }
  rows.push([`marginal (${num(small.interfaces)} → ${num(large.interfaces)})`, '', '', num(marginal), verdict(marginal <= TARGET_BYTES_PER_INTERFACE)]);
  printTable(
    `3. Memory per polled interface (heapUsed after global.gc(); target ≤ ${num(TARGET_BYTES_PER_INTERFACE)} B)`,
    ['poller holding', 'interfaces', 'heap MiB', 'B/interface vs empty', 'target'],
    rows,
    [
      'Each device polled twice through Poller.pollNow (discovery + baseline, then rates); held: discovery, counter baseline, live state, sessions.',
      `Separate node process with --expose-gc; agents in its own child process; sink formats and discards.${result.ratesOk ? '' : ' WARNING: not every interface got rates.'}`,
    ],
  );
  return { bytesPerInterface: perInterface, ok };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2] === '--child') {
  const result = await measure(Number(process.argv[3]), Number(process.argv[4]));
  process.send?.(result, () => process.disconnect?.());
}
