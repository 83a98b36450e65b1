/** In-memory Inventory for unit tests of the poller and CLI plumbing (the real one is SQLite). */
import type { Inventory } from '../../src/inventory/types.js';
import { LinkscopeError } from '../../src/model/errors.js';
import type { Device, DevicePatch, NewDevice } from '../../src/model/types.js';

export class MemoryInventory implements Inventory {
  readonly #devices = new Map<number, Device>();
  #nextId = 1;
  #token = 0;
  #clock = 0;

  list(): Device[] {
    return [...this.#devices.values()];
  }

  find(idOrName: string | number): Device | undefined {
    if (typeof idOrName === 'number' || /^\d+$/.test(idOrName)) return this.#devices.get(Number(idOrName));
    return this.list().find((d) => d.name.toLowerCase() === idOrName.toLowerCase());
  }

  get(idOrName: string | number): Device {
    const d = this.find(idOrName);
    if (d === undefined) throw new LinkscopeError('LS_DEVICE_NOT_FOUND', `no device ${idOrName}`);
    return d;
  }

  add(input: NewDevice): Device {
    const id = this.#nextId++;
    const at = this.#stamp();
    const d: Device = {
      id,
      name: input.name ?? input.host,
      host: input.host,
      port: input.port ?? 161,
      snmp: input.snmp,
      intervalMs: input.intervalMs ?? null,
      createdAt: at,
      updatedAt: at,
    };
    this.#devices.set(id, d);
    this.#token += 1;
    return d;
  }

  update(idOrName: string | number, patch: DevicePatch): Device {
    const d = this.get(idOrName);
    const next: Device = { ...d, ...patch, updatedAt: this.#stamp() } as Device;
    this.#devices.set(d.id, next);
    this.#token += 1;
    return next;
  }

  remove(idOrName: string | number): Device {
    const d = this.get(idOrName);
    this.#devices.delete(d.id);
    this.#token += 1;
    return d;
  }

  changeToken(): number {
    return this.#token;
  }

  close(): void {}

  #stamp(): string {
    this.#clock += 1;
    return new Date(Date.UTC(2026, 0, 1) + this.#clock).toISOString();
  }
}
