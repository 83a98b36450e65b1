/** Topology API benchmark: 1,000 devices, 10,000 links seen from both ends (LLDP); GET /links and /topology p50/p99 from autocannon in a child process. */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { buildApi } from '../src/api/server.js';
import { FakeHistory, okSink, RecordingPoller } from '../src/api/testing.js';
import { openInventory } from '../src/inventory/sqlite-inventory.js';
import { Secret } from '../src/model/secret.js';
import type { Neighbor, NeighborDiscovery } from '../src/model/topology.js';
import type { InterfaceState } from '../src/model/types.js';
import { createLogger } from '../src/observability/logger.js';
import { LiveState } from '../src/state/live-state.js';
import { TopologyState } from '../src/state/topology-state.js';

const DEVICES = 1000;
/** Links each device is side a of; every device is also side b of as many: 10,000 links, 20,000 rows. */
const LINKS_PER_DEVICE = 10;
const DURATION_S = Number(process.env['BENCH_API_SECONDS'] ?? 5);
const CONNECTIONS = Number(process.env['BENCH_API_CONNECTIONS'] ?? 4);
const TARGET_P99_MS = 20;
const HOUR_MS = 3_600_000;

interface ChildRequest {
  readonly url: string;
  readonly durationS: number;
  readonly connections: number;
  readonly headers?: Record<string, string>;
}

interface ChildResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly bytesPerReq: number;
}

async function child(): Promise<void> {
  const req = await new Promise<ChildRequest>((resolve) => process.once('message', (m) => resolve(m as ChildRequest)));
  const result = await autocannon({ url: req.url, connections: req.connections, duration: req.durationS, ...(req.headers === undefined ? {} : { headers: req.headers }) });
  const out: ChildResult = {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    bytesPerReq: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
  };
  process.send?.(out);
  process.disconnect?.();
}

function runChild(request: ChildRequest): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = fork(fileURLToPath(import.meta.url), ['--child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    proc.once('message', (m) => resolve(m as ChildResult));
    proc.once('error', reject);
    proc.once('exit', (code) => {
      if (code !== 0) reject(new Error(`autocannon child exited with ${code}`));
    });
    proc.send(request);
  });
}

const mac = (n: number): string => `02:00:00:00:${((n >> 8) & 0xff).toString(16).padStart(2, '0')}:${(n & 0xff).toString(16).padStart(2, '0')}`;

function makeInterface(deviceId: number, ifIndex: number): InterfaceState {
  const down = (deviceId + ifIndex) % 17 === 0;
  return {
    ifIndex, ifName: `Gi1/0/${ifIndex}`, ifDescr: `GigabitEthernet1/0/${ifIndex}`, ifAlias: '', ifType: 'ethernetCsmacd', ifTypeNumber: 6, ifMtu: 1500,
    speedBps: 1e9, ifHighSpeed: 1000, ifPhysAddress: mac(deviceId), adminStatus: 'up', operStatus: down ? 'down' : 'up', lastChange: 0, lastChangeAt: null,
    inBps: 1e6 * ifIndex, outBps: 2e6 * ifIndex, inUtilization: 0.1 * ifIndex, outUtilization: 0.2 * ifIndex, inErrorsPerSec: 0, outErrorsPerSec: 0,
    inDiscardsPerSec: 0, outDiscardsPerSec: 0, inPps: 100, outPps: 200, counterBits: 64, sampledAt: new Date().toISOString(),
  };
}

/** Device n: ports 1..10 go to device n+k (its port 10+k), ports 11..20 come from device n-k. */
function discoveryOf(n: number): NeighborDiscovery {
  const row = (localIfIndex: number, peer: number, peerPort: number): Neighbor => ({
    protocol: 'lldp', localIfIndex, localIfName: `Gi1/0/${localIfIndex}`, mappedBy: 'ifIndex', remoteName: `sw-${peer}.example.net`,
    remoteChassisId: mac(peer), remotePort: `Gi1/0/${peerPort}`, remotePortDescr: null, remotePlatform: 'Cisco IOS', remoteCapabilities: ['bridge'], remoteAddress: null,
  });
  const wrap = (m: number): number => ((m - 1 + DEVICES) % DEVICES) + 1;
  const neighbors: Neighbor[] = [];
  for (let k = 1; k <= LINKS_PER_DEVICE; k += 1) {
    neighbors.push(row(k, wrap(n + k), LINKS_PER_DEVICE + k));
    neighbors.push(row(LINKS_PER_DEVICE + k, wrap(n - k), k));
  }
  return { localChassisId: mac(n), neighbors, unmapped: 0 };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'linkscope-bench-topo-'));
  const inventory = openInventory({ path: join(dir, 'inventory.db'), secretKey: randomBytes(32) });
  const state = new LiveState();
  const topology = new TopologyState({ inventory, state, staleAfterMs: HOUR_MS });
  const ids: number[] = [];
  for (let n = 1; n <= DEVICES; n += 1) {
    const device = inventory.add({ host: `10.${Math.floor(n / 250)}.${n % 250}.1`, name: `sw-${n}`, snmp: { version: '2c', community: new Secret(`c-${n}`) } });
    ids.push(device.id);
    state.set({
      deviceId: device.id, status: 'up', sysName: `sw-${n}.example.net`, sysDescr: 'Cisco IOS', sysObjectID: '1.3.6.1.4.1.9.1.1208', role: 'switch', vendor: 'cisco',
      lastPollAt: new Date().toISOString(), lastSuccessAt: new Date().toISOString(), lastError: null, pollMs: 120,
      interfaces: Array.from({ length: 2 * LINKS_PER_DEVICE }, (_, i) => makeInterface(n, i + 1)),
    });
  }
  const t0 = Date.now();
  for (let n = 1; n <= DEVICES; n += 1) topology.record(ids[n - 1] ?? n, discoveryOf(n), t0);
  const b0 = performance.now();
  const links = topology.links(Date.now());
  const buildMs = performance.now() - b0;
  const b1 = performance.now();
  topology.links(Date.now());
  const liveMs = performance.now() - b1;
  if (links.length !== DEVICES * LINKS_PER_DEVICE) throw new Error(`expected ${DEVICES * LINKS_PER_DEVICE} merged links, got ${links.length}`);

  const app = await buildApi({
    inventory, state, poller: new RecordingPoller(), history: new FakeHistory(), topology, sinkStatus: () => okSink(), apiToken: null,
    logger: createLogger({ level: 'warn' }), defaultPollIntervalMs: 60_000, rateLimit: false,
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  // Churn as serve would cause it: every device re-polled once a minute (new state objects) and its
  // neighbours re-discovered every 5 minutes (topology.interval), each discovery forcing a rebuild.
  let pollId = 0;
  const polls = setInterval(() => {
    pollId = (pollId % DEVICES) + 1;
    const old = state.get(pollId);
    if (old !== undefined) state.set({ ...old, lastPollAt: new Date().toISOString() });
  }, 60_000 / DEVICES);
  polls.unref();
  let discId = 0;
  const discoveries = setInterval(() => {
    discId = (discId % DEVICES) + 1;
    topology.record(ids[discId - 1] ?? discId, discoveryOf(discId), Date.now());
  }, 300_000 / DEVICES);
  discoveries.unref();
  // [name, url, connections, accept gzip, held to the target]: /links at the same concurrency as
  // api-bench.ts (the target) without compression; with one client, to tell latency from queueing
  // behind 3.2 MB bodies; and with Accept-Encoding: gzip as browsers, curl --compressed, Python
  // requests and fetch send it.
  const routes = [
    ['GET /api/v1/links', `${base}/api/v1/links`, CONNECTIONS, false, true],
    ['GET /api/v1/links (1 connection)', `${base}/api/v1/links`, 1, false, false],
    ['GET /api/v1/links (gzip)', `${base}/api/v1/links`, CONNECTIONS, true, false],
    ['GET /api/v1/links?status=down', `${base}/api/v1/links?status=down`, CONNECTIONS, false, true],
    ['GET /api/v1/topology', `${base}/api/v1/topology`, CONNECTIONS, false, false],
    ['GET /api/v1/topology (gzip)', `${base}/api/v1/topology`, CONNECTIONS, true, false],
  ] as const;
  console.log(
    `linkscope topology benchmark: ${DEVICES} devices, ${links.length} links (${2 * links.length} LLDP rows), SQLite inventory, ` +
      `autocannon in a child process, ${CONNECTIONS} connections (unless said) × ${DURATION_S}s per route, target /links p99 < ${TARGET_P99_MS} ms`,
  );
  console.log(`merge of ${2 * links.length} rows into ${links.length} links: ${buildMs.toFixed(0)} ms (first call, incl. listNeighbors); second call (cached, no change): ${liveMs.toFixed(1)} ms`);
  const rows: string[][] = [];
  let missed = false;
  try {
    await runChild({ url: routes[0][1], durationS: 1, connections: CONNECTIONS });
    for (const [name, url, connections, gzip, targeted] of routes) {
      const r = await runChild({ url, durationS: DURATION_S, connections, ...(gzip ? { headers: { 'accept-encoding': 'gzip' } } : {}) });
      const ok = r.non2xx === 0 && r.errors === 0 && (!targeted || r.p99 < TARGET_P99_MS);
      missed ||= !ok;
      rows.push([name, r.rps.toFixed(0), r.p50.toFixed(1), r.p99.toFixed(1), `${(r.bytesPerReq / 1024).toFixed(1)}`, String(r.non2xx + r.errors), targeted ? (ok ? 'ok' : 'MISSED') : 'info']);
    }
  } finally {
    clearInterval(polls);
    clearInterval(discoveries);
    await app.close();
    inventory.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const header = ['route', 'req/s', 'p50 ms', 'p99 ms', 'KiB/req', 'errors', `p99<${TARGET_P99_MS}ms`];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  if (missed) process.exitCode = 1;
}

if (process.argv.includes('--child')) {
  await child();
} else {
  await main();
}
