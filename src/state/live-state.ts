/** Live status of every device and interface: the poller writes, the API and CLI read. In memory only. */
import type { DeviceState } from '../model/types.js';

export class LiveState {
  readonly #devices = new Map<number, DeviceState>();
  #version = 0;

  /** Changes on every set and remove: readers that derive views from many devices cache by it. */
  version(): number {
    return this.#version;
  }

  get(deviceId: number): DeviceState | undefined {
    return this.#devices.get(deviceId);
  }

  list(): DeviceState[] {
    return [...this.#devices.values()];
  }

  set(state: DeviceState): void {
    this.#devices.set(state.deviceId, state);
    this.#version += 1;
  }

  remove(deviceId: number): void {
    if (this.#devices.delete(deviceId)) this.#version += 1;
  }

  /** Counts by status, for /health. */
  summary(): { up: number; down: number; pending: number } {
    let up = 0;
    let down = 0;
    let pending = 0;
    for (const d of this.#devices.values()) {
      if (d.status === 'up') up += 1;
      else if (d.status === 'pending') pending += 1;
      else down += 1;
    }
    return { up, down, pending };
  }
}

/** A device that has not been polled yet. */
export function pendingState(deviceId: number): DeviceState {
  return {
    deviceId,
    status: 'pending',
    sysName: null,
    sysDescr: null,
    sysObjectID: null,
    role: null,
    vendor: null,
    lastPollAt: null,
    lastSuccessAt: null,
    lastError: null,
    pollMs: null,
    interfaces: [],
  };
}
