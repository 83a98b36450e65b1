/** The inventory seam: CLI, API and poller share one implementation (SQLite in inventory/sqlite-inventory.ts). */
import type { Device, DevicePatch, NewDevice } from '../model/types.js';

export interface Inventory {
  list(): Device[];
  /** By numeric id or by name; undefined when absent. */
  find(idOrName: string | number): Device | undefined;
  /** Like find, but throws LS_DEVICE_NOT_FOUND naming what was asked for. */
  get(idOrName: string | number): Device;
  /** Validates (LS_DEVICE_INVALID naming the field), rejects duplicates (LS_DEVICE_EXISTS). */
  add(input: NewDevice): Device;
  update(idOrName: string | number, patch: DevicePatch): Device;
  remove(idOrName: string | number): Device;
  /** Changes whenever any process (this one, a CLI next to it) changed the devices: cheap to poll. */
  changeToken(): number;
  close(): void;
}
