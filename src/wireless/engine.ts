/**
 * Applies wireless profiles (src/profiles/wireless/): which profiles fit a device, and one poll of
 * their tables → a WirelessReport. The seam between the wireless profiles and the poller/API.
 *
 * Placeholder: finds no wireless profile for any device until the profiles land, so the poller,
 * storage and API can be built against this signature.
 */
import type { SystemInfo } from '../model/types.js';
import type { WirelessReport } from '../model/wireless.js';
import type { SnmpSession, WalkBudget } from '../snmp/types.js';

export type WirelessRole = 'wireless-ap' | 'wireless-controller' | 'wireless-bridge';

/** What planWireless found for one device: the role its wireless tables give it and the profiles to poll. */
export interface WirelessPlan {
  readonly role: WirelessRole;
  /** Names of the profiles that answered on this device (for logs and the API). */
  readonly profiles: readonly string[];
}

export interface WirelessOptions {
  readonly signal?: AbortSignal;
  readonly budget?: WalkBudget;
}

/**
 * Which wireless profiles fit this device (by sysObjectID and by which of their MIBs answer), or
 * null when none does. Never throws for a missing or broken table (only LS_SNMP_ABORTED on abort).
 */
export async function planWireless(_session: SnmpSession, _system: SystemInfo, _options: WirelessOptions = {}): Promise<WirelessPlan | null> {
  return null;
}

/** One poll of the plan's tables. A table missing or broken on the device loses only that table. */
export async function pollWireless(_session: SnmpSession, _plan: WirelessPlan, _options: WirelessOptions = {}): Promise<WirelessReport> {
  return { aps: [], sensors: [] };
}
