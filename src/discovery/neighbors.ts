/** Neighbour discovery: walks the LLDP/CDP tables of profiles/neighbors.ts and turns them into one NeighborDiscovery per device. */
import type { MappedBy, Neighbor, NeighborDiscovery, NeighborTableError } from '../model/topology.js';
import { BRIDGE_BASE_PORTS, NEIGHBOR_PROFILES, type IndexPart, type NeighborColumn, type NeighborProfile } from '../profiles/neighbors.js';
import { walkTable, type TableResult, type TableRow, type TableSpec, type TableValue } from '../snmp/table.js';
import { rowsPerColumn, type RequestOptions, type SnmpSession, type WalkBudget, type WalkOptions } from '../snmp/types.js';
import {
  PORT_ID_SUBTYPE,
  addressFromIndex,
  addressFromText,
  capabilitiesFromWords,
  decodeCdpAddress,
  decodeCdpCapabilities,
  decodeCdpDuplex,
  decodeChassisId,
  decodeLldpCapabilities,
  decodePortId,
  macOf,
  preferredAddress,
  printable,
} from '../topology/decode.js';
import { PortMapper, type LocalInterface } from '../topology/port-mapping.js';

/** What neighbour discovery needs of a DeviceDiscovery (which satisfies it): the interfaces to map onto. */
export interface NeighborDeviceView {
  readonly ifNumber: number | null;
  readonly interfaces: readonly LocalInterface[];
}

export interface NeighborOptions extends RequestOptions {
  /** Varbinds and time the poll may still spend; every neighbour walk charges it. */
  readonly budget?: WalkBudget;
  /** Profiles to apply; default NEIGHBOR_PROFILES (tests and benchmarks pass a subset). */
  readonly profiles?: readonly NeighborProfile[];
}

/** Errors after which the agent is not asked for the remaining tables: each would cost the same wait. */
const STOP_CODES: ReadonlySet<string> = new Set(['LS_SNMP_TIMEOUT', 'LS_SNMP_WALK_BUDGET']);

/**
 * Neighbours of one device, from every profile whose table the agent has. Never throws for what
 * the agent answers (no LLDP/CDP: an empty result; a broken table: that table lost and listed in
 * `diagnostics.tableErrors`); only an abort (LS_SNMP_ABORTED) is thrown. `discovery` supplies the
 * interfaces the local ports are mapped to (a DeviceDiscovery: ifIndex, ifName, ifDescr, ifAlias, ifPhysAddress).
 */
export async function discoverNeighbors(
  session: SnmpSession,
  discovery: NeighborDeviceView,
  options: NeighborOptions = {},
): Promise<NeighborDiscovery> {
  const walk: WalkOptions = {
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.budget !== undefined ? { budget: options.budget } : {}),
    maxRowsPerColumn: rowsPerColumn(discovery.ifNumber, discovery.interfaces.length),
  };
  const tableErrors: NeighborTableError[] = [];
  const tablesWithRows: string[] = [];
  let stopped: NeighborTableError | null = null;
  const run = async <K extends string>(spec: TableSpec<K>): Promise<TableResult<K>> => {
    if (stopped !== null) {
      tableErrors.push({ table: spec.name, code: stopped.code, message: `not walked: the agent stopped answering at ${stopped.table} (${stopped.code})` });
      return { table: spec.name, rows: [], badIndex: 0, error: null };
    }
    const result = await walkTable(session, spec, walk);
    if (result.error !== null) {
      const e = { table: spec.name, ...result.error };
      tableErrors.push(e);
      if (STOP_CODES.has(e.code)) stopped = e;
    } else if (result.rows.length > 0) tablesWithRows.push(spec.name);
    return result;
  };

  const walked: WalkedProfile[] = [];
  let localChassisId: string | null = null;
  for (const profile of options.profiles ?? NEIGHBOR_PROFILES) {
    const remote = await run(profile.remote);
    // The agent's own chassis ID helps merge links (the far end names it); worth one request
    // whenever the profile has it, neighbours or not.
    if (profile.localChassis !== undefined && localChassisId === null) {
      const local = (await run(profile.localChassis)).rows[0]?.values;
      if (local !== undefined) localChassisId = decodeChassisId(num(local.chassisIdSubtype), bytes(local.chassisId));
    }
    if (remote.rows.length === 0 && remote.badIndex === 0) continue;
    const addresses = profile.managementAddresses !== undefined ? (await run(profile.managementAddresses)).rows : [];
    const localPorts = profile.localPorts !== undefined ? (await run(profile.localPorts)).rows : [];
    walked.push({ profile, remote, addresses, localPorts });
  }
  const needsBasePorts = walked.some((w) => w.profile.index.some((shape) => shape.includes('localPortNum')) && w.remote.rows.length > 0);
  const basePorts = new Map<number, number>();
  if (needsBasePorts) {
    for (const row of (await run(BRIDGE_BASE_PORTS)).rows) {
      const ifIndex = num(row.values.ifIndex);
      if (ifIndex !== null && row.index[0] !== undefined) basePorts.set(row.index[0], ifIndex);
    }
  }
  const built = buildNeighbors(walked, discovery.interfaces, basePorts);
  return {
    localChassisId,
    neighbors: built.neighbors,
    unmapped: built.neighbors.filter((n) => n.localIfIndex === null).length,
    diagnostics: {
      tablesWithRows,
      tableErrors,
      emptyRows: built.emptyRows,
      badIndex: walked.reduce((s, w) => s + w.remote.badIndex, 0),
      duplicates: built.duplicates,
    },
  };
}

export interface WalkedProfile {
  readonly profile: NeighborProfile;
  readonly remote: TableResult<NeighborColumn>;
  readonly addresses: readonly TableRow<'ifSubtype'>[];
  readonly localPorts: readonly TableRow<'portIdSubtype' | 'portId' | 'portDesc'>[];
}

interface LocalPortInfo {
  readonly id: string | null;
  readonly idIsMac: boolean;
  readonly desc: string | null;
}

/** Pure part of discoverNeighbors: walked tables + the device's interfaces → neighbour rows. */
export function buildNeighbors(
  walked: readonly WalkedProfile[],
  interfaces: readonly LocalInterface[],
  basePortIfIndex: ReadonlyMap<number, number>,
): { neighbors: Neighbor[]; emptyRows: number; duplicates: number } {
  const neighbors: Neighbor[] = [];
  const seen = new Set<string>();
  let emptyRows = 0;
  let duplicates = 0;
  for (const { profile, remote, addresses, localPorts } of walked) {
    const locals = new Map<number, LocalPortInfo>();
    for (const row of localPorts) {
      const n = row.index[0];
      if (n === undefined) continue;
      const subtype = num(row.values.portIdSubtype);
      locals.set(n, {
        id: decodePortId(subtype, bytes(row.values.portId)),
        idIsMac: subtype === PORT_ID_SUBTYPE.macAddress,
        desc: text(row.values.portDesc),
      });
    }
    const mapper = new PortMapper({ interfaces, basePortIfIndex, lldpPortNums: locals.keys() });
    const fullShape = profile.index.reduce((a, s) => (s.length > a ? s.length : a), 0);
    const addressesByRow = new Map<string, { family: number; address: string }[]>();
    for (const row of addresses) {
      const parsed = addressFromIndex(row.index.slice(fullShape));
      if (parsed === null) continue;
      const key = row.index.slice(0, fullShape).join('.');
      addressesByRow.set(key, [...(addressesByRow.get(key) ?? []), parsed]);
    }
    for (const row of remote.rows) {
      const shape = profile.index.find((s) => s.length === row.index.length);
      const portNum = shape === undefined ? null : part(row.index, shape, 'localPortNum') ?? part(row.index, shape, 'localIfIndex');
      const kind = shape !== undefined && shape.includes('localIfIndex') ? 'ifIndex' : 'lldpPortNum';
      const decoded = decodeRemote(profile, row.values);
      if (decoded === null) {
        emptyRows += 1;
        continue;
      }
      const local = kind === 'lldpPortNum' && portNum !== null ? locals.get(portNum) : undefined;
      const mapping = portNum === null && local === undefined ? { ifIndex: null, mappedBy: null } : mapper.map({ portNum, portNumKind: kind, locPortId: local?.id ?? null, locPortIdIsMac: local?.idIsMac ?? false, locPortDesc: local?.desc ?? null });
      const itf = mapping.ifIndex === null ? undefined : mapper.interface(mapping.ifIndex);
      const localIfName = itf !== undefined ? (itf.ifName !== '' ? itf.ifName : itf.ifDescr) : (local?.id ?? local?.desc ?? null);
      const address = decoded.remoteAddress ?? preferredAddress(addressesByRow.get(row.indexOid) ?? []);
      const neighbor: Neighbor = {
        protocol: profile.protocol,
        localIfIndex: mapping.ifIndex,
        localIfName,
        mappedBy: mapping.mappedBy as MappedBy | null,
        ...decoded,
        remoteAddress: address,
      };
      // One neighbour seen through two profiles (LLDP-MIB and LLDP-V2-MIB) is kept once.
      const key = `${neighbor.protocol}|${neighbor.localIfIndex ?? `?${localIfName ?? ''}`}|${neighbor.remoteChassisId ?? ''}|${neighbor.remotePort ?? ''}`;
      if (seen.has(key)) {
        duplicates += 1;
        continue;
      }
      seen.add(key);
      neighbors.push(neighbor);
    }
  }
  return { neighbors, emptyRows, duplicates };
}

type RemoteFields = Omit<Neighbor, 'protocol' | 'localIfIndex' | 'localIfName' | 'mappedBy'>;

/** The remote side of one row, decoded as the profile's encoding says; null for an empty row. */
export function decodeRemote(profile: NeighborProfile, v: Partial<Record<NeighborColumn, TableValue>>): RemoteFields | null {
  const chassisRaw = bytesOrText(v.chassisId);
  const portRaw = bytesOrText(v.portId);
  const sysName = text(v.sysName);
  if (isBlank(chassisRaw) && isBlank(portRaw) && sysName === null) return null;
  switch (profile.encoding) {
    case 'cdp': {
      const deviceId = chassisRaw === null ? null : printable(chassisRaw);
      const vlan = num(v.nativeVlan);
      return {
        remoteName: deviceId !== null && deviceId !== '' ? deviceId : sysName,
        remoteChassisId: deviceId,
        remotePort: portRaw === null ? null : decodePortId(PORT_ID_SUBTYPE.interfaceName, portRaw),
        remotePortDescr: null,
        remotePlatform: text(v.platform),
        remoteCapabilities: decodeCdpCapabilities(bytes(v.capEnabled)),
        remoteAddress: decodeCdpAddress(num(v.addressType), bytes(v.address)),
        nativeVlan: vlan !== null && vlan > 0 ? vlan : null,
        duplex: decodeCdpDuplex(num(v.duplex)),
      };
    }
    case 'text': {
      const words = profile.words;
      const chassisSubtype = words === undefined ? null : (words.chassisIdSubtype[(text(v.chassisIdSubtype) ?? '').toLowerCase()] ?? null);
      const portSubtype = words === undefined ? null : (words.portIdSubtype[(text(v.portIdSubtype) ?? '').toLowerCase()] ?? null);
      return {
        remoteName: sysName,
        remoteChassisId: decodeChassisId(chassisSubtype, chassisRaw),
        remotePort: decodePortId(portSubtype, portRaw),
        remotePortDescr: text(v.portDesc),
        remotePlatform: text(v.sysDesc),
        remoteCapabilities: capabilitiesFromWords(text(v.capEnabled), words?.capabilities ?? {}),
        remoteAddress: addressFromText(text(v.address)),
      };
    }
    case 'lldp':
      return {
        remoteName: sysName,
        remoteChassisId: decodeChassisId(num(v.chassisIdSubtype), chassisRaw),
        remotePort: decodePortId(num(v.portIdSubtype), portRaw),
        remotePortDescr: text(v.portDesc),
        remotePlatform: text(v.sysDesc),
        remoteCapabilities: decodeLldpCapabilities(bytes(v.capEnabled)),
        remoteAddress: null,
      };
  }
}

function part(index: readonly number[], shape: readonly IndexPart[], name: IndexPart): number | null {
  const i = shape.indexOf(name);
  return i < 0 ? null : (index[i] ?? null);
}

function num(v: TableValue | undefined): number | null {
  return typeof v === 'number' ? v : null;
}

function bytes(v: TableValue | undefined): Buffer | null {
  return Buffer.isBuffer(v) ? v : null;
}

function bytesOrText(v: TableValue | undefined): Buffer | string | null {
  return Buffer.isBuffer(v) || typeof v === 'string' ? v : null;
}

function text(v: TableValue | undefined): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (Buffer.isBuffer(v)) {
    const t = printable(v);
    return t === null || t.trim() === '' ? null : t;
  }
  return null;
}

/** An ID that identifies nothing: absent, empty, all-zero octets, or an all-zero MAC written as text. */
function isBlank(raw: Buffer | string | null): boolean {
  if (raw === null) return true;
  if (typeof raw === 'string' ? raw.trim() === '' : raw.every((b) => b === 0)) return true;
  return macOf(raw) === '00:00:00:00:00:00';
}
