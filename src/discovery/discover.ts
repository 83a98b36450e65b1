/** Discovery: system group, classification and the interface table, with the counter column chosen per interface. */
import { formatAgent } from '../model/address.js';
import { isLinkscopeError, LinkscopeError } from '../model/errors.js';
import type { InterfaceInfo, SystemInfo, DeviceRole } from '../model/types.js';
import { ifTypeName } from '../mib/iana-iftype.js';
import { COUNTER_NAMES, type CounterBits, type CounterName } from '../model/counters.js';
import { rowsPerColumn, type RequestOptions, type SnmpSession, type VarBind, type WalkBudget, type WalkOptions } from '../snmp/types.js';
import { PROBES } from '../profiles/device-classes.js';
import { classifyDevice } from './classify.js';
import { COUNTER_SOURCES, DISCOVERY_COLUMNS, IF, POLL_STATUS_COLUMNS, SYSTEM, type IfColumn } from './oids.js';
import { asBigint, asDisplayName, asMac, asNumber, asOid, asText, valueHash } from '../snmp/values.js';

export interface CounterSource {
  readonly column: IfColumn;
  readonly bits: CounterBits;
}

export interface DiscoveredInterface extends InterfaceInfo {
  /** What identifies the port behind the ifIndex; a change means the ifIndex was re-used. */
  readonly identity: string;
  /** Hash of the raw ifDescr bytes: each poll compares it without decoding text. */
  readonly ifDescrHash: number;
  /** The `ifName` tag: ifName, or `ifName#ifIndex` for a duplicate name on the device. */
  readonly tagName: string;
  readonly adminStatus: number | null;
  readonly operStatus: number | null;
  readonly lastChange: number | null;
  readonly discontinuityTime: number | null;
  readonly sources: Readonly<Partial<Record<CounterName, CounterSource>>>;
  readonly counterBits: CounterBits;
}

export interface DeviceDiscovery {
  readonly system: SystemInfo;
  readonly ifNumber: number | null;
  readonly ifTableLastChange: number | null;
  readonly vendor: string | null;
  readonly role: DeviceRole;
  readonly roleReason: string;
  readonly interfaces: readonly DiscoveredInterface[];
  /** Columns the poll walks: status columns the agent has plus every chosen counter column. */
  readonly pollColumns: readonly IfColumn[];
}

/** A 32-bit ifSpeed of 2^32−1 means "faster than this": ifHighSpeed has the real figure (RFC 2863). */
const IFSPEED_SATURATED = 4294967295;

export const SYSTEM_OIDS: readonly string[] = Object.values(SYSTEM).map((s) => s.oid);

export interface DiscoveryRun {
  readonly discovery: DeviceDiscovery;
  /** The walked rows by ifIndex: the first poll uses them as its counter readings. */
  readonly rows: Map<number, IfRow>;
}

export interface DiscoveryOptions extends RequestOptions {
  /** Varbinds and time the poll may still spend; discovery walks charge it. */
  readonly budget?: WalkBudget;
}

/**
 * Three round trips in the common case: system GET, one GETBULK over the probes, the IF-MIB column
 * walk. Each IF-MIB column may hold at most rowsPerColumn(ifNumber) rows: an agent whose table
 * never ends is LS_SNMP_WALK_BUDGET here, not a heap that grows until the process dies.
 */
export async function discoverDevice(session: SnmpSession, options: DiscoveryOptions = {}): Promise<DiscoveryRun> {
  const system = await session.get(SYSTEM_OIDS, options);
  const ifNumber = asNumber(system.find((vb) => vb.oid === SYSTEM.ifNumber.oid)?.value);
  const walk: WalkOptions = { ...options, maxRowsPerColumn: rowsPerColumn(ifNumber) };
  let answered: string[] = [];
  try {
    const probes = await session.walkColumns(PROBE_ROOTS, { ...options, maxVarbinds: 1 });
    answered = PROBE_ROOTS.filter((root) => (probes.get(root)?.length ?? 0) > 0);
  } catch (err) {
    // The probes only refine the role; an agent that mishandles a vendor subtree (error status,
    // OIDs out of order) is still polled, classified from sysObjectID and its interfaces.
    if (isLinkscopeError(err, 'LS_SNMP_ABORTED') || isLinkscopeError(err, 'LS_SNMP_TIMEOUT') || isLinkscopeError(err, 'LS_SNMP_WALK_BUDGET')) throw err;
  }
  let columns: Map<string, VarBind[]>;
  try {
    columns = await session.walkColumns(
      DISCOVERY_COLUMNS.map((c) => IF[c].oid),
      walk,
    );
  } catch (err) {
    // Some agents implement ifXTable badly (rows out of order, genErr on a column). The RFC 1213
    // ifTable alone still gives names, statuses and 32-bit counters: poll with that rather than
    // not at all. Anything else (timeout, abort, a broken ifTable) is the caller's error.
    if (!isLinkscopeError(err) || !RECOVERABLE_WALK_ERRORS.has(err.code)) throw err;
    columns = await session.walkColumns(IF_TABLE_COLUMNS.map((c) => IF[c].oid), walk);
  }
  const discovery = buildDiscovery(system, columns, answered);
  if (discovery.interfaces.length === 0 && system.every((vb) => vb.value === null || vb.value === undefined)) {
    // It answered, so it is not a timeout; but with no sysUpTime, no sysObjectID and no ifTable
    // there is nothing to poll, and calling it `up` with 0 interfaces would hide the problem.
    throw new LinkscopeError(
      'LS_SNMP_NO_DATA',
      `SNMP agent ${formatAgent(session.target.host, session.target.port)} answers but gives neither the system group (sysObjectID, sysUpTime) nor ifTable; check that the community or v3 user may read mib-2 (1.3.6.1.2.1: snmpd "view", VACM)`,
    );
  }
  return { discovery, rows: indexColumns(columns, DISCOVERY_COLUMNS) };
}

const RECOVERABLE_WALK_ERRORS: ReadonlySet<string> = new Set(['LS_SNMP_OID_NOT_INCREASING', 'LS_SNMP_ERROR_STATUS', 'LS_SNMP_BAD_RESPONSE']);
const IF_TABLE_COLUMNS: readonly IfColumn[] = DISCOVERY_COLUMNS.filter((c) => IF[c].oid.startsWith('1.3.6.1.2.1.2.2.1.'));

const PROBE_ROOTS: readonly string[] = PROBES.map((p) => p.subtree);

/** Pure part of discovery, from the varbinds of the system GET and the column walk. */
export function buildDiscovery(
  systemVarbinds: readonly VarBind[],
  columns: ReadonlyMap<string, readonly VarBind[]>,
  answeredProbes: readonly string[] = [],
): DeviceDiscovery {
  const sys = new Map(systemVarbinds.map((vb) => [vb.oid, vb.value]));
  const system: SystemInfo = {
    sysDescr: asText(sys.get(SYSTEM.sysDescr.oid)),
    sysObjectID: asOid(sys.get(SYSTEM.sysObjectID.oid)),
    sysUpTimeTicks: asNumber(sys.get(SYSTEM.sysUpTime.oid)) ?? 0,
    sysContact: asText(sys.get(SYSTEM.sysContact.oid)),
    sysName: asDisplayName(sys.get(SYSTEM.sysName.oid)),
    sysLocation: asText(sys.get(SYSTEM.sysLocation.oid)),
    sysServices: asNumber(sys.get(SYSTEM.sysServices.oid)),
  };
  const table = indexColumns(columns, DISCOVERY_COLUMNS);
  const built: DiscoveredInterface[] = [];
  for (const [ifIndex, row] of table) built.push(buildInterface(ifIndex, row));
  built.sort((a, b) => a.ifIndex - b.ifIndex);
  const tagNames = uniqueTagNames(built);
  const interfaces = built.map((i) => ({ ...i, tagName: tagNames.get(i.ifIndex) ?? i.ifName }));

  const present = new Set<IfColumn>();
  for (const c of POLL_STATUS_COLUMNS) if ((columns.get(IF[c].oid)?.length ?? 0) > 0) present.add(c);
  for (const i of interfaces) for (const s of Object.values(i.sources)) if (s !== undefined) present.add(s.column);
  const pollColumns = [...POLL_STATUS_COLUMNS.filter((c) => present.has(c)), ...[...present].filter((c) => !POLL_STATUS_COLUMNS.includes(c))];

  const cls = classifyDevice({
    sysObjectID: system.sysObjectID,
    sysDescr: system.sysDescr,
    sysServices: system.sysServices,
    ifTypes: interfaces.map((i) => i.ifTypeNumber ?? 0),
    answeredProbes,
  });
  return {
    system,
    ifNumber: asNumber(sys.get(SYSTEM.ifNumber.oid)),
    ifTableLastChange: asNumber(sys.get(SYSTEM.ifTableLastChange.oid)),
    vendor: cls.vendor,
    role: cls.role,
    roleReason: cls.reason,
    interfaces,
    pollColumns,
  };
}

export type IfRow = Partial<Record<IfColumn, VarBind['value']>>;

/**
 * Column walk → rows keyed by ifIndex. IF-MIB tables are indexed by one integer; a row whose
 * suffix is not a positive integer (a broken agent) is ignored rather than mis-assigned.
 */
export function indexColumns(columns: ReadonlyMap<string, readonly VarBind[]>, wanted: readonly IfColumn[]): Map<number, IfRow> {
  const rows = new Map<number, IfRow>();
  // ifTable columns define which interfaces exist; ifXTable-only rows are kept only when ifTable is absent.
  let haveIfTable = false;
  for (const c of wanted) {
    const col = IF[c].oid;
    const vbs = columns.get(col);
    if (vbs === undefined || vbs.length === 0) continue;
    const isIfTable = col.startsWith('1.3.6.1.2.1.2.2.1.');
    if (isIfTable) haveIfTable = true;
    const start = col.length + 1;
    for (const vb of vbs) {
      if (vb.value === null) continue;
      const ifIndex = parseIndex(vb.oid, start);
      if (ifIndex === null) continue;
      let row = rows.get(ifIndex);
      if (row === undefined) {
        row = {};
        rows.set(ifIndex, row);
      }
      row[c] = vb.value;
    }
  }
  if (haveIfTable) {
    for (const [ifIndex, row] of rows) {
      if (row.ifDescr === undefined && row.ifType === undefined && row.ifOperStatus === undefined && row.ifAdminStatus === undefined) rows.delete(ifIndex);
    }
  }
  return rows;
}

/** The integer after `start` in an OID, read in place (no substring per varbind on the poll path). */
function parseIndex(oid: string, start: number): number | null {
  const len = oid.length - start;
  if (len <= 0 || len > 10) return null;
  let n = 0;
  for (let i = start; i < oid.length; i += 1) {
    const ch = oid.charCodeAt(i);
    if (ch < 48 || ch > 57) return null;
    n = n * 10 + (ch - 48);
  }
  return n > 0 && n <= 2147483647 ? n : null;
}

export function chooseSpeedBps(ifSpeed: number | null, ifHighSpeed: number | null): number | null {
  if (ifSpeed !== null && ifSpeed > 0 && ifSpeed < IFSPEED_SATURATED) return ifSpeed;
  if (ifHighSpeed !== null && ifHighSpeed > 0) return ifHighSpeed * 1_000_000;
  if (ifSpeed !== null && ifSpeed > 0) return ifSpeed;
  return null;
}

/**
 * Per counter: the 64-bit column when the agent has it and it is alive, else the 32-bit one.
 * "Alive": some agents (old firmware on several vendors' access switches) return ifHC* that stay
 * 0 while the 32-bit counter moves; a zero HC value next to a non-zero 32-bit one is such a case.
 */
export function chooseSources(row: IfRow): Partial<Record<CounterName, CounterSource>> {
  const sources: Partial<Record<CounterName, CounterSource>> = {};
  for (const name of COUNTER_NAMES) {
    const { hc, c32 } = COUNTER_SOURCES[name];
    const hcValue = hc === null ? null : asBigint(row[hc]);
    const c32Value = asBigint(row[c32]);
    if (hc !== null && hcValue !== null && !(hcValue === 0n && c32Value !== null && c32Value > 0n)) {
      sources[name] = source(hc, 64);
    } else if (c32Value !== null) {
      sources[name] = source(c32, 32);
    }
  }
  // Most interfaces of a device (and of a fleet) share one choice: keep one frozen copy of each.
  const key = COUNTER_NAMES.map((n) => sources[n]?.column ?? '').join(',');
  let shared = SOURCES_CACHE.get(key);
  if (shared === undefined) {
    shared = Object.freeze(sources);
    if (SOURCES_CACHE.size < 4096) SOURCES_CACHE.set(key, shared);
  }
  return shared;
}

const SOURCES_CACHE = new Map<string, Readonly<Partial<Record<CounterName, CounterSource>>>>();

/** One shared, frozen object per (column, width): thousands of interfaces hold references, not copies. */
const SOURCE_CACHE = new Map<string, CounterSource>();
function source(column: IfColumn, bits: CounterBits): CounterSource {
  const key = `${column}/${bits}`;
  let s = SOURCE_CACHE.get(key);
  if (s === undefined) {
    s = Object.freeze({ column, bits });
    SOURCE_CACHE.set(key, s);
  }
  return s;
}

function buildInterface(ifIndex: number, row: IfRow): DiscoveredInterface {
  const ifDescr = asDisplayName(row.ifDescr);
  const rawName = asDisplayName(row.ifName);
  const ifName = rawName !== '' ? rawName : ifDescr !== '' ? ifDescr : String(ifIndex);
  const ifTypeNumber = asNumber(row.ifType);
  const ifSpeed = asNumber(row.ifSpeed);
  const ifHighSpeed = asNumber(row.ifHighSpeed);
  const ifPhysAddress = asMac(row.ifPhysAddress);
  const sources = chooseSources(row);
  return {
    ifIndex,
    ifName,
    ifDescr,
    ifAlias: asDisplayName(row.ifAlias),
    ifType: ifTypeNumber === null ? 'unknown' : ifTypeName(ifTypeNumber),
    ifTypeNumber,
    ifMtu: asNumber(row.ifMtu),
    speedBps: chooseSpeedBps(ifSpeed, ifHighSpeed),
    ifHighSpeed,
    ifPhysAddress,
    identity: interfaceIdentity(ifDescr, rawName, ifTypeNumber, ifPhysAddress),
    ifDescrHash: valueHash(row.ifDescr),
    tagName: ifName,
    adminStatus: asNumber(row.ifAdminStatus),
    operStatus: asNumber(row.ifOperStatus),
    lastChange: asNumber(row.ifLastChange),
    discontinuityTime: asNumber(row.ifCounterDiscontinuityTime),
    sources,
    counterBits: sources.inOctets?.bits ?? sources.outOctets?.bits ?? 32,
  };
}

export function interfaceIdentity(ifDescr: string, ifName: string, ifType: number | null, mac: string): string {
  return `${ifDescr}|${ifName}|${ifType ?? ''}|${mac}`;
}

/**
 * The `ifName` tag per ifIndex. Some agents give two interfaces the same name; InfluxDB would
 * merge their series (same tag set, same time), so every duplicate after the lowest ifIndex gets
 * `#<ifIndex>` appended.
 */
export function uniqueTagNames(interfaces: readonly Pick<DiscoveredInterface, 'ifIndex' | 'ifName'>[]): Map<number, string> {
  const seen = new Set<string>();
  const out = new Map<number, string>();
  for (const itf of interfaces) {
    const name = seen.has(itf.ifName) ? `${itf.ifName}#${itf.ifIndex}` : itf.ifName;
    seen.add(itf.ifName);
    out.set(itf.ifIndex, name);
  }
  return out;
}
