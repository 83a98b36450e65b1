/**
 * The inventory seam: CLI, API and poller share one interface, implemented on SQLite
 * (inventory/sqlite-inventory.ts) and, for tests and benchmarks, in memory (memory-inventory.ts).
 */
import type { Neighbor, NeighborDiscovery } from '../model/topology.js';
import type { Device, DevicePatch, NewDevice } from '../model/types.js';

/** One neighbour row as stored: what the device reported, and when it was first and last reported (ISO 8601). */
export type StoredNeighbor = Neighbor & { readonly firstSeen: string; readonly lastSeen: string };

/** Everything stored about one device's neighbours. */
export interface DeviceNeighbors {
  readonly deviceId: number;
  /** The device's own lldpLocChassisId from its latest discovery; null without LLDP. */
  readonly localChassisId: string | null;
  /** When the latest discovery was recorded (ISO 8601): rows with an older lastSeen were missing from it. */
  readonly discoveredAt: string;
  /** Ordered by local ifIndex (unmapped rows last), then protocol. */
  readonly neighbors: readonly StoredNeighbor[];
}

/**
 * Reads are synchronous and writes asynchronous, so that one interface fits both an embedded
 * database and a networked one. Reads sit on hot paths (every poll asks changeToken() and
 * neighborsToken(), topology state and the devices route list and find devices many times a
 * second): SQLite answers them synchronously from the file, and a networked implementation serves
 * them from an in-memory replica it keeps fresh (sync()), so no read ever waits on the network.
 * Writes are rare (CLI, API, crawl, one neighbour discovery per device and interval) and must
 * reach shared storage before they count, which a networked client can only do asynchronously:
 * they return promises, and a failure is always a rejection, never a synchronous throw. After a
 * write resolves, this instance's reads see it; writes of other processes show up after sync()
 * (SQLite: at once, its reads always go to the file).
 */
export interface Inventory {
  list(): Device[];
  /** By numeric id or by name; undefined when absent. */
  find(idOrName: string | number): Device | undefined;
  /** Like find, but throws LS_DEVICE_NOT_FOUND naming what was asked for. */
  get(idOrName: string | number): Device;
  /** Validates (LS_DEVICE_INVALID naming the field), rejects duplicates (LS_DEVICE_EXISTS). */
  add(input: NewDevice): Promise<Device>;
  /**
   * Adds every device or none (one transaction): the first row that fails (invalid, a duplicate in
   * the inventory or earlier in the list) rejects with its error with `details.row` = its index, and
   * nothing of the list is stored.
   */
  addMany(inputs: readonly NewDevice[]): Promise<Device[]>;
  /** Validates like add (only the fields given), LS_DEVICE_NOT_FOUND, LS_DEVICE_EXISTS. */
  update(idOrName: string | number, patch: DevicePatch): Promise<Device>;
  /** Also deletes the device's neighbour rows. */
  remove(idOrName: string | number): Promise<Device>;
  /** Changes whenever any process (this one, a CLI next to it) changed the devices: cheap to poll. */
  changeToken(): number;
  /**
   * Stores one neighbour discovery of a device, in one transaction: rows still present get
   * lastSeen = now (and the device's latest values), new rows firstSeen = lastSeen = now, rows
   * missing from it keep their lastSeen, and rows whose lastSeen is older than staleAfterMs are
   * deleted. A row is identified by neighborRowKey() (neighbor-rows.ts). LS_DEVICE_NOT_FOUND for an unknown device.
   */
  recordNeighbors(deviceId: number, discovery: NeighborDiscovery, nowIso: string, staleAfterMs: number): Promise<void>;
  /**
   * Every device's stored neighbours (devices never discovered are absent), by device id; with
   * `changedSince` (a neighborsToken() value) only devices whose neighbours were recorded after it.
   */
  listNeighbors(changedSince?: number): DeviceNeighbors[];
  /** Changes whenever any process recorded neighbours or removed a device: cheap to poll. */
  neighborsToken(): number;
  /** Brings reads up to date with writes other processes made. SQLite: resolves at once (its reads always are). */
  sync(): Promise<void>;
  close(): Promise<void>;
}

