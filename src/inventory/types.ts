/** The inventory seam: CLI, API and poller share one implementation (SQLite in inventory/sqlite-inventory.ts). */
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

export interface Inventory {
  list(): Device[];
  /** By numeric id or by name; undefined when absent. */
  find(idOrName: string | number): Device | undefined;
  /** Like find, but throws LS_DEVICE_NOT_FOUND naming what was asked for. */
  get(idOrName: string | number): Device;
  /** Validates (LS_DEVICE_INVALID naming the field), rejects duplicates (LS_DEVICE_EXISTS). */
  add(input: NewDevice): Device;
  /**
   * Adds every device or none (one transaction): the first row that fails (invalid, a duplicate in
   * the inventory or earlier in the list) throws its error with `details.row` = its index, and
   * nothing of the list is stored.
   */
  addMany(inputs: readonly NewDevice[]): Device[];
  update(idOrName: string | number, patch: DevicePatch): Device;
  /** Also deletes the device's neighbour rows. */
  remove(idOrName: string | number): Device;
  /** Changes whenever any process (this one, a CLI next to it) changed the devices: cheap to poll. */
  changeToken(): number;
  /**
   * Stores one neighbour discovery of a device, in one transaction: rows still present get
   * lastSeen = now (and the device's latest values), new rows firstSeen = lastSeen = now, rows
   * missing from it keep their lastSeen, and rows whose lastSeen is older than staleAfterMs are
   * deleted. A row is identified by neighborRowKey() (neighbor-rows.ts). LS_DEVICE_NOT_FOUND for an unknown device.
   */
  recordNeighbors(deviceId: number, discovery: NeighborDiscovery, nowIso: string, staleAfterMs: number): void;
  /**
   * Every device's stored neighbours (devices never discovered are absent), by device id; with
   * `changedSince` (a neighborsToken() value) only devices whose neighbours were recorded after it.
   */
  listNeighbors(changedSince?: number): DeviceNeighbors[];
  /** Changes whenever any process recorded neighbours or removed a device: cheap to poll. */
  neighborsToken(): number;
  close(): void;
}

