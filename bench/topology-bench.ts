/** Topology API benchmark: 1,000 devices, 10,000 links seen from both ends (LLDP); GET /links and /topology p50/p99 from autocannon in a child process. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApi } from '../src/api/server.js';
import { JsonListCache } from '../src/api/json-cache.js';
import { FakeHistory, okSink, RecordingPoller } from '../src/api/testing.js';
import { openInventory } from '../src/inventory/sqlite-inventory.js';
import type { Inventory } from '../src/inventory/types.js';
import { Secret } from '../src/model/secret.js';
import type { Link, Neighbor, NeighborDiscovery } from '../src/model/topology.js';
import type { InterfaceState } from '../src/model/types.js';
import { createLogger } from '../src/observability/logger.js';
import { LiveState } from '../src/state/live-state.js';
import { TopologyState } from '../src/state/topology-state.js';
import { loadRow, printLoadTable, runLoad } from './lib/http-load.js';
import { median } from './lib/table.js';

const DEVICES = 1000;
/** Links each device is side a of; every device is also side b of as many: 10,000 links, 20,000 rows. */
const LINKS_PER_DEVICE = 10;
const DURATION_S = Number(process.env['BENCH_API_SECONDS'] ?? 5);
const CONNECTIONS = Number(process.env['BENCH_API_CONNECTIONS'] ?? 4);
const TARGET_P99_MS = 20;
const HOUR_MS = 3_600_000;


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

/**
 * What a live change costs the request that sees it first: the route's own work (a new link list
 * from TopologyState with maxLiveAgeMs 0, then its body from JsonListCache), timed in process.
 * Neither the socket, the load generator nor app.inject (which copies the 3.2 MB answer into a
 * string, ~20 ms of its own) is in the figure, so it is steadier than p99 on a shared machine.
 */
function serverTimeAfterLiveChange(deps: { inventory: Inventory; state: LiveState; ids: readonly number[] }): number[] {
  const topology = new TopologyState({ inventory: deps.inventory, state: deps.state, staleAfterMs: HOUR_MS, maxLiveAgeMs: 0 });
  const cache = new JsonListCache<Link>();
  const out: number[] = [];
  for (let i = 0; i < 25; i += 1) {
    const id = deps.ids[(i * 37) % deps.ids.length] ?? 1;
    const old = deps.state.get(id);
    if (old !== undefined) deps.state.set({ ...old, interfaces: old.interfaces.map((f) => ({ ...f, inBps: (f.inBps ?? 0) + 1 })) });
    const t = performance.now();
    cache.body('||', topology.links(Date.now()));
    // The first round builds the graph and every fragment; it is not a live change.
    if (i > 0) out.push(performance.now() - t);
  }
  return out;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'linkscope-bench-topo-'));
  const inventory = openInventory({ path: join(dir, 'inventory.db'), secretKey: randomBytes(32) });
  const state = new LiveState();
  const topology = new TopologyState({ inventory, state, staleAfterMs: HOUR_MS });
  const ids: number[] = [];
  for (let n = 1; n <= DEVICES; n += 1) {
    const device = await inventory.add({ host: `10.${Math.floor(n / 250)}.${n % 250}.1`, name: `sw-${n}`, snmp: { version: '2c', community: new Secret(`c-${n}`) } });
    ids.push(device.id);
    state.set({
      deviceId: device.id, status: 'up', sysName: `sw-${n}.example.net`, sysDescr: 'Cisco IOS', sysObjectID: '1.3.6.1.4.1.9.1.1208', role: 'switch', vendor: 'cisco',
      lastPollAt: new Date().toISOString(), lastSuccessAt: new Date().toISOString(), lastError: null, pollMs: 120,
      interfaces: Array.from({ length: 2 * LINKS_PER_DEVICE }, (_, i) => makeInterface(n, i + 1)),
    });
  }
  const t0 = Date.now();
  for (let n = 1; n <= DEVICES; n += 1) await topology.record(ids[n - 1] ?? n, discoveryOf(n), t0);
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
  const changeMs = serverTimeAfterLiveChange({ inventory, state, ids });
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
    // A failure ends the benchmark as an unhandled rejection, as the synchronous throw did.
    void topology.record(ids[discId - 1] ?? discId, discoveryOf(discId), Date.now());
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
  console.log(
    `GET /links route work right after a live change (new list + body, in process, ${changeMs.length} changes): ` +
      `median ${median(changeMs).toFixed(1)} ms, max ${Math.max(...changeMs).toFixed(1)} ms (the event-loop block each poll-churn refresh costs, at most once per maxLiveAgeMs)`,
  );
  console.log(`merge of ${2 * links.length} rows into ${links.length} links: ${buildMs.toFixed(0)} ms (first call, incl. listNeighbors); second call (cached, no change): ${liveMs.toFixed(1)} ms`);
  const rows: string[][] = [];
  let missed = false;
  try {
    await runLoad({ url: routes[0][1], durationS: 1, connections: CONNECTIONS });
    for (const [name, url, connections, gzip, targeted] of routes) {
      const r = await runLoad({ url, durationS: DURATION_S, connections, ...(gzip ? { headers: { 'accept-encoding': 'gzip' } } : {}) });
      const { row, ok } = loadRow(name, r, TARGET_P99_MS, targeted);
      missed ||= !ok;
      rows.push(row);
    }
  } finally {
    clearInterval(polls);
    clearInterval(discoveries);
    await app.close();
    await inventory.close();
    rmSync(dir, { recursive: true, force: true });
  }
  printLoadTable(rows, TARGET_P99_MS);
  if (missed) process.exitCode = 1;
}

await main();
