/**
 * Starts the API over a real inventory, live state, and fakes for the poller and (unless given a
 * real one) history and sink; for api-*.test.ts. The inventory is SQLite in a temp dir, or with
 * LINKSCOPE_TEST_INVENTORY=postgres a PgInventory on a fresh database of a throwaway PostgreSQL
 * (test/helpers/test-inventory.ts).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApi, type ApiDeps } from '../../src/api/server.js';
import { FakeHistory, okSink, RecordingPoller } from '../../src/api/testing.js';
import { openPgInventory, PgInventory } from '../../src/inventory/pg-inventory.js';
import { openInventory } from '../../src/inventory/sqlite-inventory.js';
import type { Inventory } from '../../src/inventory/types.js';
import { Secret } from '../../src/model/secret.js';
import type { DeviceState, InterfaceState } from '../../src/model/types.js';
import { createLogger } from '../../src/observability/logger.js';
import { LiveState } from '../../src/state/live-state.js';
import { TopologyState } from '../../src/state/topology-state.js';
import { HealthState } from '../../src/state/health-state.js';
import { WirelessState } from '../../src/state/wireless-state.js';
import type { HistoryReader, SinkStatus } from '../../src/storage/types.js';
import { freshTestDatabase, testInventoryKind, type TestInventoryKind } from '../helpers/test-inventory.js';

export const TOKEN = 'test-token-0123456789abcdef';
export const AUTH = { authorization: `Bearer ${TOKEN}` } as const;

/**
 * The SQLite inventory in a temp dir. Imported statically: if better-sqlite3 or the module is
 * broken, every API suite fails to load rather than quietly running over an in-memory stand-in.
 */
function openSqliteTestInventory(dir: string): Inventory {
  const path = join(dir, 'inventory.db');
  const inventory = openInventory({ path, secretKey: randomBytes(32) });
  if (!existsSync(path)) throw new Error(`the SQLite inventory did not create ${path}`);
  return inventory;
}

/** A PgInventory on a new database of this file's PostgreSQL. */
async function openPgTestInventory(): Promise<Inventory> {
  const url = await freshTestDatabase('api');
  const inventory = await openPgInventory({ url, secretKey: randomBytes(32) });
  if (!(inventory instanceof PgInventory)) throw new Error('openPgInventory did not return a PgInventory');
  return inventory;
}

export interface Harness {
  readonly app: FastifyInstance;
  readonly inventory: Inventory;
  readonly state: LiveState;
  readonly poller: RecordingPoller;
  readonly history: FakeHistory;
  /** Over the same inventory and live state, topology.staleAfter 1 h. */
  readonly topology: TopologyState;
  /** The wireless view GET /devices/:id/wireless reads; tests set reports into it. */
  readonly wireless: WirelessState;
  /** The health view GET /devices/:id/health reads; tests set reports into it. */
  readonly health: HealthState;
  /** Every log line written so far (debug and up), as raw JSON text. */
  readonly logLines: string[];
  /** The store behind `inventory` (LINKSCOPE_TEST_INVENTORY). */
  readonly inventoryKind: TestInventoryKind;
  sink: SinkStatus;
  close(): Promise<void>;
}

export interface HarnessOptions extends Partial<Pick<ApiDeps, 'requireAuthForReads' | 'rateLimit' | 'bodyLimitBytes'>> {
  /** Default TOKEN; null for no token. */
  readonly apiToken?: string | null;
  /** A real history reader (InfluxHistory on a real influxd) instead of the FakeHistory. */
  readonly history?: HistoryReader;
  /** A real sink's status (InfluxSink.status) instead of the settable `sink` field. */
  readonly sinkStatus?: () => SinkStatus;
}

export async function startApi(options: HarnessOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'linkscope-api-'));
  const inventoryKind = testInventoryKind();
  const inventory = inventoryKind === 'postgres' ? await openPgTestInventory() : openSqliteTestInventory(dir);
  const state = new LiveState();
  const poller = new RecordingPoller();
  const history = new FakeHistory();
  const topology = new TopologyState({ inventory, state, staleAfterMs: 3_600_000, minRebuildIntervalMs: 0, maxLiveAgeMs: 0 });
  const wireless = new WirelessState();
  const health = new HealthState();
  const logLines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void logLines.push(line) } });
  const token = options.apiToken === undefined ? TOKEN : options.apiToken;
  const harness: { -readonly [K in keyof Harness]: Harness[K] } = {
    app: undefined as unknown as FastifyInstance, // set just below, once the sink getter can see `harness`
    inventory,
    state,
    poller,
    history,
    topology,
    wireless,
    health,
    logLines,
    inventoryKind,
    sink: okSink(),
    close: async () => {
      await harness.app.close();
      await inventory.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  harness.app = await buildApi({
    inventory,
    state,
    poller,
    history: options.history ?? history,
    topology,
    wireless,
    health,
    sinkStatus: options.sinkStatus ?? (() => harness.sink),
    apiToken: token === null ? null : new Secret(token),
    logger,
    defaultPollIntervalMs: 60_000,
    rateLimit: options.rateLimit ?? false,
    ...(options.requireAuthForReads !== undefined ? { requireAuthForReads: options.requireAuthForReads } : {}),
    ...(options.bodyLimitBytes !== undefined ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
  });
  return harness;
}

export function makeInterface(ifIndex: number, overrides: Partial<InterfaceState> = {}): InterfaceState {
  return {
    ifIndex,
    ifName: `Gi1/0/${ifIndex}`,
    ifDescr: `GigabitEthernet1/0/${ifIndex}`,
    ifAlias: '',
    ifType: 'ethernetCsmacd',
    ifTypeNumber: 6,
    ifMtu: 1500,
    speedBps: 1e9,
    ifHighSpeed: 1000,
    ifPhysAddress: '00:11:22:33:44:55',
    adminStatus: 'up',
    operStatus: 'up',
    lastChange: 1234,
    lastChangeAt: '2024-05-01T11:59:48.660Z',
    inBps: 1000,
    outBps: 2000,
    inUtilization: 0.0001,
    outUtilization: 0.0002,
    inErrorsPerSec: 0,
    outErrorsPerSec: 0,
    inDiscardsPerSec: 0,
    outDiscardsPerSec: 0,
    inPps: 1,
    outPps: 2,
    counterBits: 64,
    sampledAt: '2024-05-01T12:00:00.000Z',
    ...overrides,
  };
}

export function makeDeviceState(deviceId: number, overrides: Partial<DeviceState> = {}): DeviceState {
  return {
    deviceId,
    status: 'up',
    sysName: `sw${deviceId}`,
    sysDescr: 'Cisco IOS Software',
    sysObjectID: '1.3.6.1.4.1.9.1.1208',
    role: 'switch',
    vendor: 'cisco',
    lastPollAt: '2024-05-01T12:00:00.000Z',
    lastSuccessAt: '2024-05-01T12:00:00.000Z',
    lastError: null,
    pollMs: 42,
    interfaces: [],
    ...overrides,
  };
}

/** The error body of a reply, asserting its exact shape. */
export function errorOf(body: string): { code: string; message: string } {
  const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
  const keys = Object.keys(parsed);
  if (keys.length !== 1 || parsed.error === undefined) throw new Error(`not an error body: ${body.slice(0, 200)}`);
  const { code, message } = parsed.error;
  if (typeof code !== 'string' || typeof message !== 'string' || Object.keys(parsed.error).length !== 2) {
    throw new Error(`malformed error body: ${body.slice(0, 200)}`);
  }
  return { code, message };
}
