/** Domain vocabulary shared by every layer: devices, credentials, interfaces, live state. Imports nothing but Secret. */
import type { Secret } from './secret.js';

export type SnmpVersion = '1' | '2c' | '3';
export const AUTH_PROTOCOLS = ['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
export const PRIV_PROTOCOLS = ['des', 'aes', 'aes256b', 'aes256r'] as const;
export const SECURITY_LEVELS = ['noAuthNoPriv', 'authNoPriv', 'authPriv'] as const;
export type AuthProtocol = (typeof AUTH_PROTOCOLS)[number];
export type PrivProtocol = (typeof PRIV_PROTOCOLS)[number];
export type SecurityLevel = (typeof SECURITY_LEVELS)[number];

export interface CommunityCredentials {
  readonly version: '1' | '2c';
  readonly community: Secret;
}

export interface V3Credentials {
  readonly version: '3';
  readonly user: string;
  readonly level: SecurityLevel;
  readonly authProtocol?: AuthProtocol;
  readonly authKey?: Secret;
  readonly privProtocol?: PrivProtocol;
  readonly privKey?: Secret;
  readonly context?: string;
}

export type SnmpCredentials = CommunityCredentials | V3Credentials;

/** Everything needed to talk to one agent. Timeouts in ms; retries = extra attempts after the first. */
export interface SnmpTarget {
  readonly host: string;
  readonly port: number;
  readonly credentials: SnmpCredentials;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly maxRepetitions: number;
}

export const DEVICE_STATUSES = ['up', 'unreachable', 'auth-failed', 'pending'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];
/** `wireless-bridge`: a point-to-point radio (airFiber, Siklu, …); wireless roles come from the wireless profiles when one fits. */
export const DEVICE_ROLES = ['switch', 'router', 'wireless-ap', 'wireless-controller', 'wireless-bridge', 'other'] as const;
export type DeviceRole = (typeof DEVICE_ROLES)[number];

/** The site of a device added without one. */
export const DEFAULT_SITE = 'default';
/**
 * What a site name may look like (JSON-schema / RegExp source): 1-63 ASCII letters, digits, `.`,
 * `_`, `-`, starting with a letter or digit, so it is safe in URLs, file names and InfluxDB tags.
 */
export const SITE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$';

/** A device as the inventory stores it. `id` is a positive integer; `name` is unique and never all digits. */
export interface Device {
  readonly id: number;
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly snmp: SnmpCredentials;
  /** Per-device poll interval; null = the configured default (LINKSCOPE_POLL_INTERVAL). */
  readonly intervalMs: number | null;
  /** Id of the device whose LLDP/CDP neighbour row led the crawl (topology.discover) to add it; null when added by hand. */
  readonly discoveredBy: number | null;
  /** Custom metrics (names from config `metrics`) polled on this device whatever their selectors; absent or empty = selectors decide. */
  readonly metrics?: readonly string[];
  /** Where the device is (a campus, a data centre, a customer): SITE_PATTERN; DEFAULT_SITE unless given. */
  readonly site: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What a caller supplies to create a device; id/name/timestamps are filled in by the inventory. */
export interface NewDevice {
  readonly host: string;
  readonly port?: number;
  readonly name?: string;
  readonly snmp: SnmpCredentials;
  readonly intervalMs?: number | null;
  /** Set by the neighbour crawl only (Device.discoveredBy). */
  readonly discoveredBy?: number | null;
  /** Device.metrics. */
  readonly metrics?: readonly string[];
  /** Device.site; absent = DEFAULT_SITE. */
  readonly site?: string;
}

export interface DevicePatch {
  readonly host?: string;
  readonly port?: number;
  readonly name?: string;
  readonly snmp?: SnmpCredentials;
  readonly intervalMs?: number | null;
  /** Replaces Device.metrics; [] = selectors decide again. */
  readonly metrics?: readonly string[];
  /** Moves the device to another site. */
  readonly site?: string;
}

/** IF-MIB ifAdminStatus/ifOperStatus as words, index = IF-MIB integer value. */
export const IF_STATUS_NAMES = ['unknown', 'up', 'down', 'testing', 'unknown', 'dormant', 'notPresent', 'lowerLayerDown'] as const;
export type IfStatus = 'up' | 'down' | 'testing' | 'unknown' | 'dormant' | 'notPresent' | 'lowerLayerDown';

/** IF-MIB::ifOperStatus as a word: up(1) … lowerLayerDown(7); anything else is `unknown`. */
export function ifStatusName(value: number | null | undefined): IfStatus {
  if (value === null || value === undefined) return 'unknown';
  return IF_STATUS_NAMES[value] ?? 'unknown';
}

/**
 * IF-MIB::ifAdminStatus as a word. Its enumeration is only up(1), down(2), testing(3): a 5 or a 7
 * from a broken agent is `unknown`, never the oper-status words dormant or lowerLayerDown.
 */
export function ifAdminStatusName(value: number | null | undefined): IfStatus {
  return value === 1 || value === 2 || value === 3 ? ifStatusName(value) : 'unknown';
}

/** One interface as discovered (identity and configuration; changes rarely). */
export interface InterfaceInfo {
  readonly ifIndex: number;
  readonly ifName: string;
  readonly ifDescr: string;
  readonly ifAlias: string;
  /** IANAifType name (`ethernetCsmacd`), or the number as text when unknown. */
  readonly ifType: string;
  readonly ifTypeNumber: number | null;
  readonly ifMtu: number | null;
  /** From ifHighSpeed × 1e6 when present and non-zero, else ifSpeed; null when the agent gives neither. */
  readonly speedBps: number | null;
  /** Raw ifHighSpeed (Mbit/s) or null when the agent has no ifXTable. */
  readonly ifHighSpeed: number | null;
  readonly ifPhysAddress: string;
}

/** Live view of one interface: discovery + latest poll. Rates are null on the first sample and after a discontinuity. */
export interface InterfaceState extends InterfaceInfo {
  readonly adminStatus: IfStatus;
  readonly operStatus: IfStatus;
  /** ifLastChange in TimeTicks (1/100 s since agent start). */
  readonly lastChange: number | null;
  /**
   * ifLastChange as wall-clock time: the sample time minus (sysUpTime − ifLastChange). Null when
   * the agent has no ifLastChange, or 0 (the state predates the agent's start, IF-MIB), or a value
   * beyond sysUpTime (a 497-day TimeTicks wrap makes it meaningless).
   */
  readonly lastChangeAt: string | null;
  readonly inBps: number | null;
  readonly outBps: number | null;
  readonly inUtilization: number | null;
  readonly outUtilization: number | null;
  readonly inErrorsPerSec: number | null;
  readonly outErrorsPerSec: number | null;
  readonly inDiscardsPerSec: number | null;
  readonly outDiscardsPerSec: number | null;
  readonly inPps: number | null;
  readonly outPps: number | null;
  readonly counterBits: 64 | 32;
  /** ISO 8601 time of the poll that produced this view. */
  readonly sampledAt: string | null;
}

export interface SystemInfo {
  readonly sysDescr: string;
  readonly sysObjectID: string;
  readonly sysUpTimeTicks: number;
  readonly sysContact: string;
  readonly sysName: string;
  readonly sysLocation: string;
  /** null when the agent does not implement sysServices. */
  readonly sysServices: number | null;
}

export interface ErrorInfo {
  readonly code: string;
  readonly message: string;
  readonly at: string;
}

/** Live view of one device for the API and CLI. */
/** What the poller learnt about a device's GETBULK size (snmp/getbulk-budget.ts); kept with its counter state. */
export interface GetbulkMemo {
  /** Varbinds per GETBULK it asks now. */
  readonly varbinds: number;
  /** Largest size answered completely and quickly; 0 = none yet. */
  readonly good: number;
  /** The agent takes no more than this (truncation, silence, tooBig or slowness above it); null = no limit learnt. */
  readonly cap: number | null;
}

export interface DeviceState {
  readonly deviceId: number;
  readonly status: DeviceStatus;
  readonly sysName: string | null;
  readonly sysDescr: string | null;
  readonly sysObjectID: string | null;
  readonly role: DeviceRole | null;
  readonly vendor: string | null;
  readonly lastPollAt: string | null;
  readonly lastSuccessAt: string | null;
  readonly lastError: ErrorInfo | null;
  readonly pollMs: number | null;
  /** Varbinds per GETBULK the poller asks this device for now (self-tuned); absent before the first successful poll. */
  readonly getbulkBudget?: number;
  readonly interfaces: readonly InterfaceState[];
}
