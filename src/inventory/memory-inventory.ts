/** A map-backed Inventory with the SQLite one's validation, naming and duplicate rules: for tests and benchmarks. */
import { formatAgent } from '../model/address.js';
import { LinkscopeError } from '../model/errors.js';
import type { NeighborDiscovery } from '../model/topology.js';
import type { Device, DevicePatch, NewDevice, SnmpCredentials } from '../model/types.js';
import { nextNeighborRows, sortNeighborRows, staleCutoffIso } from './neighbor-rows.js';
import type { DeviceNeighbors, Inventory, StoredNeighbor } from './types.js';
import { defaultDeviceName, validateDevicePatch, validateNewDevice } from './validate.js';

function identity(snmp: SnmpCredentials): string {
  return snmp.version === '3' ? `v3:${snmp.user}:${snmp.context ?? ''}` : `c:${snmp.community.reveal()}`;
}

/** A map-backed Inventory with the same find/duplicate rules as the SQLite one. */
export class MemoryInventory implements Inventory {
  readonly #devices = new Map<number, Device>();
  readonly #neighbors = new Map<number, { localChassisId: string | null; discoveredAt: string; version: number; rows: Map<string, StoredNeighbor> }>();
  #nextId = 1;
  #token = 0;
  #neighborsToken = 0;
  #clock: () => string;

  constructor(clock: () => string = () => new Date().toISOString()) {
    this.#clock = clock;
  }

  list(): Device[] {
    return [...this.#devices.values()];
  }

  find(idOrName: string | number): Device | undefined {
    const text = String(idOrName);
    if (/^[0-9]+$/.test(text)) return this.#devices.get(Number(text));
    // Names are unique case-insensitively, as in the SQLite inventory (COLLATE NOCASE).
    const lower = text.toLowerCase();
    for (const d of this.#devices.values()) if (d.name.toLowerCase() === lower) return d;
    return undefined;
  }

  get(idOrName: string | number): Device {
    const d = this.find(idOrName);
    if (d === undefined) {
      throw new LinkscopeError('LS_DEVICE_NOT_FOUND', `no device with id or name ${JSON.stringify(String(idOrName))}`);
    }
    return d;
  }

  // `async` turns every throw into a rejection, as the interface promises; the work itself is synchronous.
  async add(input: NewDevice): Promise<Device> {
    return this.#add(input);
  }

  async addMany(inputs: readonly NewDevice[]): Promise<Device[]> {
    return this.#addMany(inputs);
  }

  async update(idOrName: string | number, input: DevicePatch): Promise<Device> {
    return this.#update(idOrName, input);
  }

  async remove(idOrName: string | number): Promise<Device> {
    return this.#remove(idOrName);
  }

  async recordNeighbors(deviceId: number, discovery: NeighborDiscovery, nowIso: string, staleAfterMs: number): Promise<void> {
    this.#recordNeighbors(deviceId, discovery, nowIso, staleAfterMs);
  }

  /** Nothing to do: no other process shares this inventory. */
  async sync(): Promise<void> {}

  async close(): Promise<void> {}

  #add(input: NewDevice): Device {
    const valid = validateNewDevice(input);
    const now = this.#clock();
    let name = valid.name;
    for (let suffix = 1; name === undefined; suffix += 1) {
      const candidate = defaultDeviceName(valid.host, valid.port, suffix);
      if (this.find(candidate) === undefined) name = candidate;
    }
    const device: Device = {
      id: this.#nextId,
      name,
      host: valid.host,
      port: valid.port,
      snmp: valid.snmp,
      intervalMs: valid.intervalMs,
      discoveredBy: valid.discoveredBy,
      ...(valid.metrics.length === 0 ? {} : { metrics: valid.metrics }),
      site: valid.site,
      createdAt: now,
      updatedAt: now,
    };
    this.#check(device, undefined);
    this.#nextId += 1;
    this.#devices.set(device.id, device);
    this.#token += 1;
    return device;
  }

  #addMany(inputs: readonly NewDevice[]): Device[] {
    const saved = { devices: new Map(this.#devices), nextId: this.#nextId, token: this.#token };
    const added: Device[] = [];
    for (const [row, input] of inputs.entries()) {
      try {
        added.push(this.#add(input));
      } catch (err) {
        this.#devices.clear();
        for (const [id, d] of saved.devices) this.#devices.set(id, d);
        this.#nextId = saved.nextId;
        this.#token = saved.token;
        if (err instanceof LinkscopeError) throw new LinkscopeError(err.code, err.message, { cause: err, details: { ...(err.details ?? {}), row } });
        throw err;
      }
    }
    return added;
  }

  #update(idOrName: string | number, input: DevicePatch): Device {
    const old = this.get(idOrName);
    const patch = validateDevicePatch(input);
    const { metrics: _old, ...rest } = old;
    const metrics = patch.metrics ?? old.metrics ?? [];
    const device: Device = {
      ...rest,
      ...(metrics.length === 0 ? {} : { metrics }),
      ...(patch.host !== undefined ? { host: patch.host } : {}),
      ...(patch.port !== undefined ? { port: patch.port } : {}),
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.snmp !== undefined ? { snmp: patch.snmp } : {}),
      ...(patch.intervalMs !== undefined ? { intervalMs: patch.intervalMs } : {}),
      ...(patch.site !== undefined ? { site: patch.site } : {}),
      updatedAt: this.#clock(),
    };
    this.#check(device, old.id);
    this.#devices.set(device.id, device);
    this.#token += 1;
    return device;
  }

  #remove(idOrName: string | number): Device {
    const d = this.get(idOrName);
    this.#devices.delete(d.id);
    this.#token += 1;
    if (this.#neighbors.delete(d.id)) this.#neighborsToken += 1;
    return d;
  }

  changeToken(): number {
    return this.#token;
  }

  #recordNeighbors(deviceId: number, discovery: NeighborDiscovery, nowIso: string, staleAfterMs: number): void {
    this.get(deviceId);
    const previous = this.#neighbors.get(deviceId)?.rows ?? new Map<string, StoredNeighbor>();
    const rows = nextNeighborRows(previous, discovery, nowIso, staleCutoffIso(nowIso, staleAfterMs));
    this.#neighborsToken += 1;
    this.#neighbors.set(deviceId, { localChassisId: discovery.localChassisId, discoveredAt: nowIso, version: this.#neighborsToken, rows });
  }

  listNeighbors(changedSince = -1): DeviceNeighbors[] {
    return [...this.#neighbors.entries()]
      .filter(([, n]) => n.version > changedSince)
      .sort(([a], [b]) => a - b)
      .map(([deviceId, n]) => ({ deviceId, localChassisId: n.localChassisId, discoveredAt: n.discoveredAt, neighbors: sortNeighborRows(n.rows.values()) }));
  }

  neighborsToken(): number {
    return this.#neighborsToken;
  }

  #check(device: Device, selfId: number | undefined): void {
    for (const other of this.#devices.values()) {
      if (other.id === selfId) continue;
      if (other.name.toLowerCase() === device.name.toLowerCase()) {
        throw new LinkscopeError('LS_DEVICE_EXISTS', `a device named ${JSON.stringify(other.name)} exists (id ${other.id})`);
      }
      if (other.host === device.host && other.port === device.port && identity(other.snmp) === identity(device.snmp)) {
        throw new LinkscopeError(
          'LS_DEVICE_EXISTS',
          `device ${other.id} (${other.name}) already polls ${formatAgent(device.host, device.port)} with the same SNMP identity`,
        );
      }
    }
  }
}
