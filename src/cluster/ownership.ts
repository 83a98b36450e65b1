/**
 * The poller's view of the leases (poller/types.ts DeviceOwnership): a device belongs to slot
 * slotOf(id) of its site; this poller polls it while it leases that slot, and acts on it (sends a
 * request, writes a sample or counter state) only while the lease is fresh on its own clock.
 */
import type { Device } from '../model/types.js';
import type { DeviceOwnership } from '../poller/types.js';
import type { LeaseManager } from './lease-manager.js';
import { slotOf } from './slots.js';

export class LeaseOwnership implements DeviceOwnership {
  readonly #leases: LeaseManager;
  readonly #slotCount: number;
  #version = 0;

  constructor(leases: LeaseManager, slotCount: number) {
    this.#leases = leases;
    this.#slotCount = slotCount;
    leases.onChange(() => {
      this.#version += 1;
    });
  }

  slotOf(device: Pick<Device, 'id'>): number {
    return slotOf(device.id, this.#slotCount);
  }

  owns(device: Device): boolean {
    return this.#leases.owns(device.site, slotOf(device.id, this.#slotCount));
  }

  mayAct(device: Device): number | undefined {
    return this.#leases.mayAct(device.site, slotOf(device.id, this.#slotCount));
  }

  version(): number {
    return this.#version;
  }
}
