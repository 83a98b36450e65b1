/** API benchmark: 1,000 devices × 10 interfaces of live state; autocannon in a child process; p50/p99 latency and req/s. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApi } from '../src/api/server.js';
import { FakeHistory, MemoryInventory, okSink, RecordingPoller } from '../src/api/testing.js';
import type { Inventory } from '../src/inventory/types.js';
import { Secret } from '../src/model/secret.js';
import type { InterfaceState } from '../src/model/types.js';
import { createLogger } from '../src/observability/logger.js';
import { LiveState } from '../src/state/live-state.js';
import { loadRow, printLoadTable, runLoad } from './lib/http-load.js';

const DEVICES = 1000;
const INTERFACES = 10;
const DURATION_S = Number(process.env['BENCH_API_SECONDS'] ?? 5);
const CONNECTIONS = Number(process.env['BENCH_API_CONNECTIONS'] ?? 4);
const TARGET_P99_MS = 20;


async function openBenchInventory(dir: string): Promise<{ inventory: Inventory; kind: string }> {
  // The SQLite inventory when it is built; a variable specifier so this file compiles before it exists.
  const specifier = '../src/inventory/sqlite-inventory.js';
  const mod = (await import(specifier).catch(() => undefined)) as
    | { openInventory?: (o: { path: string; secretKey: Buffer }) => Inventory }
    | undefined;
  if (mod?.openInventory !== undefined) {
    return { inventory: mod.openInventory({ path: join(dir, 'inventory.db'), secretKey: randomBytes(32) }), kind: 'SQLite' };
  }
  return { inventory: new MemoryInventory(), kind: 'in-memory (sqlite-inventory.js not built)' };
}

function makeInterface(deviceId: number, ifIndex: number): InterfaceState {
  const down = (deviceId + ifIndex) % 5 === 0;
  return {
    ifIndex,
    ifName: `Gi1/0/${ifIndex}`,
    ifDescr: `GigabitEthernet1/0/${ifIndex}`,
    ifAlias: ifIndex === 1 ? 'uplink' : '',
    ifType: 'ethernetCsmacd',
    ifTypeNumber: 6,
    ifMtu: 1500,
    speedBps: 1e9,
    ifHighSpeed: 1000,
    ifPhysAddress: '00:11:22:33:44:55',
    adminStatus: 'up',
    operStatus: down ? 'down' : 'up',
    lastChange: 123_456,
    lastChangeAt: null,
    inBps: down ? 0 : 1e6 * ifIndex,
    outBps: down ? 0 : 2e6 * ifIndex,
    inUtilization: down ? 0 : 0.1 * ifIndex,
    outUtilization: down ? 0 : 0.2 * ifIndex,
    inErrorsPerSec: 0,
    outErrorsPerSec: 0,
    inDiscardsPerSec: 0,
    outDiscardsPerSec: 0,
    inPps: 100,
    outPps: 200,
    counterBits: 64,
    sampledAt: new Date().toISOString(),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'linkscope-bench-'));
  const { inventory, kind } = await openBenchInventory(dir);
  const state = new LiveState();
  for (let n = 1; n <= DEVICES; n += 1) {
    const device = await inventory.add({
      host: `10.${Math.floor(n / 250)}.${n % 250}.1`,
      name: `sw-${n}`,
      snmp: { version: '2c', community: new Secret(`community-${n}`) },
    });
    state.set({
      deviceId: device.id,
      status: n % 10 === 0 ? 'unreachable' : 'up',
      sysName: `sw-${n}.example.net`,
      sysDescr: 'Cisco IOS Software, C3750E Software (C3750E-UNIVERSALK9-M), Version 15.2(4)E10',
      sysObjectID: '1.3.6.1.4.1.9.1.1208',
      role: 'switch',
      vendor: 'cisco',
      lastPollAt: new Date().toISOString(),
      lastSuccessAt: new Date().toISOString(),
      lastError: null,
      pollMs: 120,
      interfaces: Array.from({ length: INTERFACES }, (_, i) => makeInterface(n, i + 1)),
    });
  }
  const app = await buildApi({
    inventory,
    state,
    poller: new RecordingPoller(),
    history: new FakeHistory(),
    sinkStatus: () => okSink(),
    apiToken: null,
    logger: createLogger({ level: 'warn' }),
    defaultPollIntervalMs: 60_000,
    rateLimit: false,
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  // Churn as a poller would cause it: every device re-polled once a minute, i.e. ~17 new state
  // objects a second, so per-request caches are measured with realistic misses.
  let churnId = 0;
  const churn = setInterval(() => {
    churnId = (churnId % DEVICES) + 1;
    const old = state.get(churnId);
    if (old !== undefined) state.set({ ...old, lastPollAt: new Date().toISOString() });
  }, 60_000 / DEVICES);
  churn.unref();
  const routes = [
    ['GET /api/v1/devices', `${base}/api/v1/devices`],
    ['GET /api/v1/devices/:id/interfaces', `${base}/api/v1/devices/sw-500/interfaces`],
    ['GET /api/v1/devices/:id/interfaces?status=down', `${base}/api/v1/devices/500/interfaces?status=down`],
  ] as const;
  console.log(
    `linkscope API benchmark: ${DEVICES} devices × ${INTERFACES} interfaces, ${kind} inventory, ` +
      `autocannon in a child process, ${CONNECTIONS} connections × ${DURATION_S}s per route, target p99 < ${TARGET_P99_MS} ms`,
  );
  const rows: string[][] = [];
  let missed = false;
  try {
    // Warm-up: JIT and serializers, not measured.
    await runLoad({ url: routes[0][1], durationS: 1, connections: CONNECTIONS });
    for (const [name, url] of routes) {
      const r = await runLoad({ url, durationS: DURATION_S, connections: CONNECTIONS });
      const { row, ok } = loadRow(name, r, TARGET_P99_MS);
      missed ||= !ok;
      rows.push(row);
    }
  } finally {
    clearInterval(churn);
    await app.close();
    await inventory.close();
    rmSync(dir, { recursive: true, force: true });
  }
  printLoadTable(rows, TARGET_P99_MS);
  if (missed) process.exitCode = 1;
}

await main();
