/** Turns inventory devices and live state into the API's JSON shapes; secrets become the constant "***". Pure. */
import { formatDuration } from '../config/units.js';
import { REDACTED_TEXT } from '../model/secret.js';
import type { Device, DeviceState, IfStatus, InterfaceState, SnmpCredentials } from '../model/types.js';

export interface SnmpView {
  readonly version: string;
  readonly community?: string;
  readonly user?: string;
  readonly level?: string;
  readonly authProtocol?: string;
  readonly authKey?: string;
  readonly privProtocol?: string;
  readonly privKey?: string;
  readonly context?: string;
}

export interface DeviceView {
  readonly id: number;
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly interval: string;
  readonly intervalMs: number;
  readonly intervalIsDefault: boolean;
  readonly snmp: SnmpView;
  /** Id of the device whose neighbour row led the crawl to add this one; null when added by hand. */
  readonly discoveredBy: number | null;
  /** Custom metrics the device names itself; absent when none. */
  readonly metrics?: readonly string[];
  /** Where the device is; "default" unless set. */
  readonly site: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly status: DeviceState['status'];
  readonly sysName: string | null;
  readonly sysDescr: string | null;
  readonly sysObjectID: string | null;
  readonly role: DeviceState['role'];
  readonly vendor: string | null;
  readonly lastPollAt: string | null;
  readonly lastSuccessAt: string | null;
  readonly pollMs: number | null;
  /** Varbinds per GETBULK the poller asks this device for now (self-tuned); null before its first successful poll. */
  readonly getbulkBudget: number | null;
  readonly interfaceCount: number;
  readonly lastError: DeviceState['lastError'];
}

/** Credentials with every secret replaced by "***" (only the presence of a key is shown, never its value). */
export function snmpView(credentials: SnmpCredentials): SnmpView {
  if (credentials.version !== '3') return { version: credentials.version, community: REDACTED_TEXT };
  const view: { -readonly [K in keyof SnmpView]: SnmpView[K] } = {
    version: '3',
    user: credentials.user,
    level: credentials.level,
  };
  if (credentials.authProtocol !== undefined) view.authProtocol = credentials.authProtocol;
  if (credentials.authKey !== undefined) view.authKey = REDACTED_TEXT;
  if (credentials.privProtocol !== undefined) view.privProtocol = credentials.privProtocol;
  if (credentials.privKey !== undefined) view.privKey = REDACTED_TEXT;
  if (credentials.context !== undefined && credentials.context !== '') view.context = credentials.context;
  return view;
}

export function deviceView(device: Device, state: DeviceState | undefined, defaultIntervalMs: number): DeviceView {
  const intervalMs = device.intervalMs ?? defaultIntervalMs;
  return {
    id: device.id,
    name: device.name,
    host: device.host,
    port: device.port,
    interval: formatDuration(intervalMs),
    intervalMs,
    intervalIsDefault: device.intervalMs === null,
    snmp: snmpView(device.snmp),
    discoveredBy: device.discoveredBy,
    ...(device.metrics === undefined || device.metrics.length === 0 ? {} : { metrics: [...device.metrics] }),
    site: device.site,
    createdAt: device.createdAt,
    updatedAt: device.updatedAt,
    status: state?.status ?? 'pending',
    sysName: state?.sysName ?? null,
    sysDescr: state?.sysDescr ?? null,
    sysObjectID: state?.sysObjectID ?? null,
    role: state?.role ?? null,
    vendor: state?.vendor ?? null,
    lastPollAt: state?.lastPollAt ?? null,
    lastSuccessAt: state?.lastSuccessAt ?? null,
    pollMs: state?.pollMs ?? null,
    getbulkBudget: state?.getbulkBudget ?? null,
    interfaceCount: state?.interfaces.length ?? 0,
    lastError: state?.lastError ?? null,
  };
}

export interface InterfaceFilter {
  readonly status?: IfStatus | undefined;
  readonly adminStatus?: IfStatus | undefined;
  /** `down`: admin up, oper not up (the ports someone expects to work). */
  readonly problem?: 'down' | undefined;
  readonly minUtilization?: number | undefined;
  readonly q?: string | undefined;
}

/** Interfaces matching every given filter; order as the poller keeps them (by ifIndex). */
export function filterInterfaces(
  interfaces: readonly InterfaceState[],
  filter: InterfaceFilter,
): InterfaceState[] {
  const needle = filter.q === undefined || filter.q === '' ? undefined : filter.q.toLowerCase();
  const { status, adminStatus, problem, minUtilization } = filter;
  return interfaces.filter((i) => {
    if (status !== undefined && i.operStatus !== status) return false;
    if (adminStatus !== undefined && i.adminStatus !== adminStatus) return false;
    if (problem === 'down' && (i.adminStatus !== 'up' || i.operStatus === 'up')) return false;
    if (minUtilization !== undefined) {
      const peak = Math.max(i.inUtilization ?? -Infinity, i.outUtilization ?? -Infinity);
      if (!(peak >= minUtilization)) return false;
    }
    if (needle !== undefined) {
      const hit =
        i.ifName.toLowerCase().includes(needle) ||
        i.ifDescr.toLowerCase().includes(needle) ||
        i.ifAlias.toLowerCase().includes(needle);
      if (!hit) return false;
    }
    return true;
  });
}

/** An interface as the API returns it: the live state plus how long ago it last changed, at `nowMs`. */
export function interfaceView(i: InterfaceState, nowMs: number): InterfaceState & { readonly lastChangeSecondsAgo: number | null } {
  const at = i.lastChangeAt === null ? NaN : Date.parse(i.lastChangeAt);
  return { ...i, lastChangeSecondsAgo: Number.isFinite(at) ? Math.max(0, Math.round((nowMs - at) / 1000)) : null };
}
