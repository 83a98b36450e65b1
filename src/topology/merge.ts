/** LLDP/CDP rows of every device → one link per physical link, external nodes, neighbours with their device. Pure: no I/O, clock or logger. */
import { LinkscopeError } from '../model/errors.js';
import type { Link, LinkStatus, Neighbor, NeighborProtocol, NeighborRecord } from '../model/topology.js';
import type { DeviceRole, DeviceStatus, IfStatus } from '../model/types.js';
import { DeviceMatcher, type MatchInterface } from './match.js';

/** A neighbour row with the times it was first and last reported (ISO 8601). */
export type SeenNeighbor = Neighbor & { readonly firstSeen: string; readonly lastSeen: string };

/** One inventory device as the merge sees it. */
export interface TopologyDevice {
  readonly id: number;
  readonly name: string;
  readonly host: string;
  /** From live state; null before the first poll. */
  readonly sysName: string | null;
  readonly interfaces: readonly MatchInterface[];
  readonly localChassisId: string | null;
  /** When its latest neighbour discovery was recorded; null when it never was. */
  readonly discoveredAt: string | null;
  readonly neighbors: readonly SeenNeighbor[];
}

/** One end of a merged link, before live state fills it in. */
export interface LinkEndRef {
  /** Inventory device id; null for an external neighbour. */
  readonly deviceId: number | null;
  /** The topology node: the device id, or `ext:…` for an external neighbour. */
  readonly node: number | string;
  /** Inventory name, or what the neighbour calls itself. */
  readonly device: string;
  /** The port on an inventory device when it is known. */
  readonly ifIndex: number | null;
  /** Port name from discovery or what the other end reported; live ifName replaces it. */
  readonly ifName: string | null;
}

/** A merged link without live status and rates. */
export interface LinkShape {
  readonly id: string;
  readonly a: LinkEndRef & { readonly deviceId: number; readonly node: number };
  readonly b: LinkEndRef;
  readonly protocols: readonly NeighborProtocol[];
  /** False when no device reported it in its latest discovery: listed as down until dropped. */
  readonly current: boolean;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

export interface ExternalNode {
  readonly id: string;
  readonly name: string;
  readonly role: DeviceRole;
}

export interface TopologyGraph {
  /** Ordered by side a's device id, then side a's ifIndex (unmapped ports last, by name with numbers by value). */
  readonly links: readonly LinkShape[];
  readonly externals: readonly ExternalNode[];
  /** A device's rows still within staleAfter, with the inventory device each one is (made on first ask). */
  neighborsOf(deviceId: number): readonly NeighborRecord[];
  /** When the oldest row kept here passes staleAfter (ms since epoch): build again from then on. */
  readonly expiresAtMs: number;
}

/**
 * What an external neighbour's capabilities make it, first match wins: an L3 switch announces
 * both bridge and router, and most such neighbours are switches.
 */
const CAPABILITY_ROLES: ReadonlyArray<readonly [string, DeviceRole]> = [
  ['wlanaccesspoint', 'wireless-ap'],
  ['bridge', 'switch'],
  ['router', 'router'],
];

function roleOf(capabilities: readonly string[]): DeviceRole {
  const words = new Set(capabilities.map((c) => c.toLowerCase()));
  for (const [word, role] of CAPABILITY_ROLES) if (words.has(word)) return role;
  return 'other';
}

/** cyrb53 (public domain): 53 well-mixed bits of a string, as 14 hex digits. Ids must not change across restarts. */
export function stableHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * The id an external neighbour gets: its chassis ID, else its name, else its address; a neighbour
 * that announces none of them is told apart by where it is seen (device and local port).
 */
function externalId(row: Neighbor, deviceId: number, matcher: DeviceMatcher): string {
  const key = row.remoteChassisId ?? row.remoteName ?? row.remoteAddress;
  return key === null ? `ext:unknown:${deviceId}/${row.localIfIndex ?? row.localIfName ?? ''}` : `ext:${matcher.id(key)}`;
}

/** Port names in the order people read them: Gi1/0/5 before Gi1/0/24. */
const PORT_ORDER = new Intl.Collator('en', { numeric: true });

interface Half {
  readonly from: number;
  readonly local: LinkEndRef;
  readonly remote: LinkEndRef;
  readonly row: SeenNeighbor;
  readonly current: boolean;
}

/** Grouping key of an end: the ifIndex when known, else the port text. */
function endKey(end: LinkEndRef): string {
  return end.ifIndex !== null ? `${end.node}#${end.ifIndex}` : `${end.node}:${(end.ifName ?? '').toLowerCase()}`;
}

/** Identity of an end for the link id: the port name, which survives an ifIndex renumbering at reboot. */
function idKey(end: LinkEndRef): string {
  return `${end.node}/${(end.ifName ?? (end.ifIndex === null ? '' : `#${end.ifIndex}`)).toLowerCase()}`;
}

/**
 * Merges every device's neighbour rows into links. Rows whose lastSeen is older than
 * `nowMs - staleAfterMs` are left out. Both directions of a link (LLDP, CDP, or one of each) become
 * one link; a link only one end reports (the other end external, or not reporting it) is one link
 * too. Side a is the lower device id, or the inventory side when b is external.
 */
export function buildTopology(devices: readonly TopologyDevice[], nowMs: number, staleAfterMs: number, idMemo: Map<string, string> = new Map()): TopologyGraph {
  const cutoffMs = nowMs - staleAfterMs;
  let expiresAtMs = Number.POSITIVE_INFINITY;
  // Every row of one discovery carries the same lastSeen text: parse each text once.
  const parsed = new Map<string, number>();
  const parse = (iso: string): number => {
    let ms = parsed.get(iso);
    if (ms === undefined) {
      ms = Date.parse(iso);
      parsed.set(iso, ms);
    }
    return ms;
  };
  const kept = devices.map((d) => {
    const neighbors = d.neighbors.filter((n) => {
      const seenMs = parse(n.lastSeen);
      if (!(seenMs >= cutoffMs)) return false;
      expiresAtMs = Math.min(expiresAtMs, seenMs + staleAfterMs);
      return true;
    });
    return { ...d, neighbors };
  });
  const matcher = new DeviceMatcher(kept);
  const names = new Map(kept.map((d) => [d.id, d.name]));
  const externals = new Map<string, ExternalNode>();
  const remoteIds = new Map<number, Array<number | null>>();
  const halves: Half[] = [];

  for (const d of kept) {
    const ids: Array<number | null> = [];
    for (const row of d.neighbors) {
      const remoteId = matcher.match(row);
      ids.push(remoteId);
      const local: LinkEndRef = {
        deviceId: d.id,
        node: d.id,
        device: d.name,
        ifIndex: row.localIfIndex,
        ifName: (row.localIfIndex === null ? null : matcher.portName(d.id, row.localIfIndex)) ?? row.localIfName,
      };
      let remote: LinkEndRef;
      if (remoteId !== null) {
        const ifIndex = matcher.port(remoteId, row.remotePort, row.remotePortDescr);
        remote = {
          deviceId: remoteId,
          node: remoteId,
          device: names.get(remoteId) ?? String(remoteId),
          ifIndex,
          ifName: (ifIndex === null ? null : matcher.portName(remoteId, ifIndex)) ?? row.remotePort,
        };
      } else {
        const id = externalId(row, d.id, matcher);
        const name = row.remoteName ?? row.remoteChassisId ?? row.remoteAddress ?? id;
        if (!externals.has(id)) externals.set(id, { id, name, role: roleOf(row.remoteCapabilities) });
        remote = { deviceId: null, node: id, device: name, ifIndex: null, ifName: row.remotePort };
      }
      halves.push({ from: d.id, local, remote, row, current: d.discoveredAt !== null && row.lastSeen === d.discoveredAt });
    }
    remoteIds.set(d.id, ids);
  }

  // Records are asked for one device at a time (GET /devices/:id/neighbors): make them then.
  const byDevice = new Map(kept.map((d) => [d.id, d]));
  const records = new Map<number, readonly NeighborRecord[]>();
  const neighborsOf = (deviceId: number): readonly NeighborRecord[] => {
    let out = records.get(deviceId);
    if (out === undefined) {
      const ids = remoteIds.get(deviceId) ?? [];
      out = (byDevice.get(deviceId)?.neighbors ?? []).map((row, i) => ({ ...row, remoteDeviceId: ids[i] ?? null }));
      records.set(deviceId, out);
    }
    return out;
  };

  const groups = groupHalves(halves);
  const links = groups.map((g) => toShape(g, idMemo)).sort(
    (x, y) =>
      x.a.deviceId - y.a.deviceId ||
      (x.a.ifIndex ?? Number.MAX_SAFE_INTEGER) - (y.a.ifIndex ?? Number.MAX_SAFE_INTEGER) ||
      (x.a.ifIndex === null ? PORT_ORDER.compare(x.a.ifName ?? '', y.a.ifName ?? '') : 0) ||
      (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
  );
  return { links, externals: [...externals.values()].sort((x, y) => x.id.localeCompare(y.id)), neighborsOf, expiresAtMs };
}

/** Halves with the same two ends form one link; then each lone half between two devices pairs with the lone half the other way. */
function groupHalves(halves: readonly Half[]): Half[][] {
  const byEnds = new Map<string, Half[]>();
  for (const h of halves) {
    const keys = [endKey(h.local), endKey(h.remote)].sort();
    const key = keys.join(' ~ ');
    const group = byEnds.get(key);
    if (group === undefined) byEnds.set(key, [h]);
    else group.push(h);
  }
  // A port each side names differently (an unmapped local port, a remote port ID no interface
  // matches): pair them when the two devices have exactly one such one-way link each way.
  const oneWay = new Map<string, Array<{ key: string; from: number }>>();
  for (const [key, group] of byEnds) {
    const from = group[0]?.from;
    const to = group[0]?.remote.deviceId;
    if (from === undefined || to === null || to === undefined || from === to) continue;
    if (group.some((h) => h.from !== from)) continue;
    const pair = from < to ? `${from}-${to}` : `${to}-${from}`;
    oneWay.set(pair, [...(oneWay.get(pair) ?? []), { key, from }]);
  }
  for (const candidates of oneWay.values()) {
    if (candidates.length !== 2) continue;
    const [x, y] = candidates;
    if (x === undefined || y === undefined || x.from === y.from) continue;
    const gx = byEnds.get(x.key);
    const gy = byEnds.get(y.key);
    if (gx === undefined || gy === undefined) continue;
    byEnds.set(x.key, [...gx, ...gy]);
    byEnds.delete(y.key);
  }
  return [...byEnds.values()];
}

/** Shared protocol lists: most links have one of these. */
const PROTOCOL_SETS: Readonly<Record<string, readonly NeighborProtocol[]>> = {
  lldp: Object.freeze(['lldp'] as const),
  cdp: Object.freeze(['cdp'] as const),
  'cdp,lldp': Object.freeze(['cdp', 'lldp'] as const),
};

function toShape(group: readonly Half[], idMemo: Map<string, string>): LinkShape {
  const h0 = group[0];
  if (h0 === undefined) throw new LinkscopeError('LS_INTERNAL', 'topology merge: a link group without rows (bug)');
  let first: LinkEndRef;
  let second: LinkEndRef;
  const h1 = group.length === 2 ? group[1] : undefined;
  if (group.length === 1 || (h1 !== undefined && h1.local.node === h0.local.node)) {
    // One device's view (or a cable between two ports of one device): its row gives both ends.
    first = h0.local;
    second = h0.remote;
  } else if (h1 !== undefined) {
    first = h0.local;
    second = h1.local;
  } else {
    // Each device's view of its own port is authoritative; the other side's view fills gaps.
    const ends = new Map<number | string, LinkEndRef>();
    for (const h of group) ends.set(h.local.node, h.local);
    for (const h of group) if (!ends.has(h.remote.node)) ends.set(h.remote.node, h.remote);
    const [x, y] = [...ends.values()];
    first = x ?? h0.local;
    second = y ?? h0.remote;
  }
  const ordered = orderEnds(first, second);
  let hasLldp = false;
  let hasCdp = false;
  let firstSeen = h0.row.firstSeen;
  let lastSeen = h0.row.lastSeen;
  let current = false;
  for (const h of group) {
    if (h.row.protocol === 'lldp') hasLldp = true;
    else hasCdp = true;
    if (h.row.firstSeen < firstSeen) firstSeen = h.row.firstSeen;
    if (h.row.lastSeen > lastSeen) lastSeen = h.row.lastSeen;
    current ||= h.current;
  }
  const protocols = PROTOCOL_SETS[hasCdp && hasLldp ? 'cdp,lldp' : hasCdp ? 'cdp' : 'lldp'] ?? [];
  const ka = idKey(ordered.a);
  const kb = idKey(ordered.b);
  const key = ka < kb ? `${ka} ~ ${kb}` : `${kb} ~ ${ka}`;
  let id = idMemo.get(key);
  if (id === undefined) {
    id = stableHash(key);
    idMemo.set(key, id);
  }
  return { id, a: ordered.a, b: ordered.b, protocols, current, firstSeen, lastSeen };
}

function orderEnds(x: LinkEndRef, y: LinkEndRef): { a: LinkShape['a']; b: LinkEndRef } {
  const isA = (e: LinkEndRef): e is LinkShape['a'] => e.deviceId !== null;
  if (isA(x) && (!isA(y) || x.deviceId < y.deviceId || (x.deviceId === y.deviceId && (x.ifName ?? '') <= (y.ifName ?? '')))) return { a: x, b: y };
  if (isA(y)) return { a: y, b: x };
  throw new LinkscopeError('LS_INTERNAL', 'topology merge: a link without an inventory end (bug)');
}

/** Live values of one interface, as the merge reads them. */
export interface LiveInterface {
  readonly ifName: string;
  readonly operStatus: IfStatus;
  readonly speedBps: number | null;
  readonly inBps: number | null;
  readonly outBps: number | null;
  readonly inUtilization: number | null;
  readonly outUtilization: number | null;
}

/** Live state lookups for filling links in. */
export interface LiveLookup {
  deviceStatus(deviceId: number): DeviceStatus | undefined;
  iface(deviceId: number, ifIndex: number): LiveInterface | undefined;
}

function peak(x: number | null, y: number | null): number | null {
  if (x === null) return y;
  if (y === null) return x;
  return Math.max(x, y);
}

/**
 * A link with its live status and rates. Up only when some device still reports it and every
 * known end is up: its device answered its latest poll and its interface is oper up (an end whose
 * port is unknown does not count, but at least one end must be known). Speed is the lower of the
 * ends'; rates and utilisation are side a's interface, or side b's seen the other way round.
 */
export function liveLink(shape: LinkShape, live: LiveLookup): Link {
  const ifA = shape.a.ifIndex === null ? undefined : live.iface(shape.a.deviceId, shape.a.ifIndex);
  const ifB = shape.b.deviceId === null || shape.b.ifIndex === null ? undefined : live.iface(shape.b.deviceId, shape.b.ifIndex);
  let status: LinkStatus = shape.current && (ifA !== undefined || ifB !== undefined) ? 'up' : 'down';
  for (const [end, iface] of [[shape.a, ifA], [shape.b, ifB]] as const) {
    if (status === 'down' || end.deviceId === null || end.ifIndex === null) continue;
    if (live.deviceStatus(end.deviceId) !== 'up' || iface?.operStatus !== 'up') status = 'down';
  }
  const speeds = [ifA?.speedBps, ifB?.speedBps].filter((s): s is number => typeof s === 'number' && s > 0);
  const speedBps = speeds.length === 0 ? null : Math.min(...speeds);
  let inBps: number | null = null;
  let outBps: number | null = null;
  let utilization: number | null = null;
  if (ifA !== undefined) {
    inBps = ifA.inBps;
    outBps = ifA.outBps;
    utilization = peak(ifA.inUtilization, ifA.outUtilization);
  } else if (ifB !== undefined) {
    inBps = ifB.outBps;
    outBps = ifB.inBps;
    utilization = peak(ifB.inUtilization, ifB.outUtilization);
  }
  return {
    id: shape.id,
    a: { deviceId: shape.a.deviceId, device: shape.a.device, ifName: ifA?.ifName ?? shape.a.ifName },
    b: { deviceId: shape.b.deviceId, device: shape.b.device, ifName: ifB?.ifName ?? shape.b.ifName },
    protocols: shape.protocols,
    status,
    speedBps,
    utilization,
    inBps,
    outBps,
    firstSeen: shape.firstSeen,
    lastSeen: shape.lastSeen,
  };
}
