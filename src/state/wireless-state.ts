/** Live wireless view of every device (the last wireless poll): the poller writes, the API reads. In memory only. */
import type { WirelessRole } from '../wireless/engine.js';
import type { WirelessReport } from '../model/wireless.js';

/** What the last wireless poll of one device found. */
export interface DeviceWireless {
  readonly role: WirelessRole;
  /** Names of the profiles that answered (for logs and debugging). */
  readonly profiles: readonly string[];
  readonly report: WirelessReport;
  /** ISO time of the wireless poll. */
  readonly sampledAt: string;
}

/** What the API reads. */
export interface WirelessReader {
  get(deviceId: number): DeviceWireless | undefined;
}

export class WirelessState implements WirelessReader {
  readonly #devices = new Map<number, DeviceWireless>();

  get(deviceId: number): DeviceWireless | undefined {
    return this.#devices.get(deviceId);
  }

  set(deviceId: number, wireless: DeviceWireless): void {
    this.#devices.set(deviceId, wireless);
  }

  /** The device was removed, or its wireless profiles no longer answer. */
  remove(deviceId: number): void {
    this.#devices.delete(deviceId);
  }
}
