/** What the API and CLI may ask of a running poller, and what the poller hands to topology. */
import type { NeighborDiscovery } from '../model/topology.js';
import type { Device, SystemInfo } from '../model/types.js';
import type { WirelessReport } from '../model/wireless.js';
import type { SnmpSession } from '../snmp/types.js';
import type { HealthOptions, HealthPlan } from '../health/engine.js';
import type { HealthReport } from '../model/health.js';
import type { MetricTarget } from '../metrics/engine.js';
import type { DeviceHealth } from '../state/health-state.js';
import type { DeviceWireless } from '../state/wireless-state.js';
import type { Point } from '../storage/types.js';
import type { WirelessOptions, WirelessPlan } from '../wireless/engine.js';

export interface DevicePollFigures {
  readonly deviceId: number;
  readonly polls: number;
  readonly failures: number;
  readonly timeouts: number;
  readonly varbinds: number;
  readonly skippedOverruns: number;
  readonly discontinuities: number;
  /** Unix ms of the last successful poll, null when none yet. */
  readonly lastSuccessMs: number | null;
  /** Varbinds per GETBULK the device is asked for now (self-tuned); null before its first poll. Absent in fakes that predate it. */
  readonly getbulkBudget?: number | null;
}

/** One scheduling lane right now: its slots, how many are held, how many polls wait for one. */
export interface LaneFigures {
  readonly slots: number;
  readonly busy: number;
  readonly waiting: number;
}

export interface PollerMetrics {
  readonly polls: number;
  readonly failures: number;
  readonly timeouts: number;
  readonly varbinds: number;
  readonly requests: number;
  readonly skippedOverruns: number;
  readonly discontinuities: number;
  readonly devices: readonly DevicePollFigures[];
  /**
   * The two lanes: `healthy` for devices whose agent answered their last poll, `probe` for the
   * others (never answered yet, unreachable, auth failing). Absent in fakes that predate them.
   */
  readonly lanes?: { readonly healthy: LaneFigures; readonly probe: LaneFigures };
}

/**
 * Scale-out ownership (src/cluster/, LINKSCOPE_DATABASE_URL): which devices this poller polls, and
 * the fence checked before every SNMP request and every sample write. Absent: every device, always.
 */
export interface DeviceOwnership {
  /** The device's slot is this poller's (it schedules the device). */
  owns(device: Device): boolean;
  /** The lease epoch the device may be acted on under right now; undefined = send and write nothing. */
  mayAct(device: Device): number | undefined;
  /** Moves whenever the set of owned slots changed. */
  version(): number;
}

export interface PollerControl {
  /** (Re)start polling a device now: discovery runs at once; used after add and after PATCH. */
  schedule(deviceId: number): void;
  /** Stop polling a device (after DELETE); its history stays in InfluxDB. */
  unschedule(deviceId: number): void;
  metrics(): PollerMetrics;
}

/**
 * Where the poller hands each device's neighbour discovery, and whence it takes the `link` points
 * written after a device's poll. Neighbours are rediscovered right after interface discovery, every
 * `intervalMs` (topology.interval), and after any interface of the device changed oper status.
 */
export interface TopologyRecorder {
  readonly intervalMs: number;
  /** Stores the discovery (the inventory write is asynchronous); rejects with LS_DEVICE_NOT_FOUND when the device was removed meanwhile. */
  record(deviceId: number, discovery: NeighborDiscovery, nowMs: number): Promise<void>;
  /** One point per merged link whose side a is this device (so each link is written once per poll). */
  linkPoints(deviceId: number, nowMs: number): readonly Point[];
}

/** The wireless engine's two calls (src/wireless/engine.ts); tests inject fakes. */
export interface WirelessEngine {
  planWireless(session: SnmpSession, system: SystemInfo, options?: WirelessOptions): Promise<WirelessPlan | null>;
  pollWireless(session: SnmpSession, plan: WirelessPlan, options?: WirelessOptions): Promise<WirelessReport>;
}

/**
 * Where the poller hands each device's wireless view. The poller plans after interface discovery
 * (and at every rediscovery, and when the set of AP names changes), polls the plan on every poll,
 * and writes the `wireless` / `wireless_sensor` points itself.
 */
export interface WirelessRecorder {
  set(deviceId: number, wireless: DeviceWireless): void;
  remove(deviceId: number): void;
}

/** The health engine's two calls (src/health/engine.ts); tests inject fakes. */
export interface HealthEngine {
  planHealth(session: SnmpSession, target: MetricTarget, options?: HealthOptions): Promise<HealthPlan | null>;
  pollHealth(session: SnmpSession, plan: HealthPlan, options?: HealthOptions): Promise<HealthReport>;
}

/**
 * Where the poller hands each device's health view. The poller plans after interface discovery
 * (and at every rediscovery), polls the plan every `intervalMs` (0 = every poll), and writes the
 * `device_health` / `sensor` points itself.
 */
export interface HealthRecorder {
  set(deviceId: number, health: DeviceHealth): void;
  remove(deviceId: number): void;
}
