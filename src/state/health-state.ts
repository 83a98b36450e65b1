/** Live health view of every device (the last health poll): the poller writes, the API reads. In memory only. */
import type { HealthReport } from '../model/health.js';

/** What the last health poll of one device found. */
export interface DeviceHealth {
  /** Names of the profiles that answered (for logs and debugging). */
  readonly profiles: readonly string[];
  readonly report: HealthReport;
  /** ISO time of the health poll. */
  readonly sampledAt: string;
}

/** What the API reads. */
export interface HealthReader {
  get(deviceId: number): DeviceHealth | undefined;
}

export class HealthState implements HealthReader {
  readonly #devices = new Map<number, DeviceHealth>();

  get(deviceId: number): DeviceHealth | undefined {
    return this.#devices.get(deviceId);
  }

  set(deviceId: number, health: DeviceHealth): void {
    this.#devices.set(deviceId, health);
  }

  /** The device was removed, or its health profiles no longer answer. */
  remove(deviceId: number): void {
    this.#devices.delete(deviceId);
  }
}
