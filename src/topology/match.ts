/** Which inventory device a neighbour is, and which of its ports it named. Pure: no I/O, clock or logger. */
import type { Neighbor } from '../model/topology.js';

/** What matching needs to know of one inventory device. */
export interface MatchDevice {
  readonly id: number;
  /** Inventory name. */
  readonly name: string;
  /** Address or host name the device is polled at. */
  readonly host: string;
  readonly sysName: string | null;
  /** Its own lldpLocChassisId from its latest neighbour discovery. */
  readonly localChassisId: string | null;
  readonly interfaces: readonly MatchInterface[];
  /** Its own neighbour rows: their local port names name its ports too. */
  readonly neighbors: readonly Neighbor[];
}

export interface MatchInterface {
  readonly ifIndex: number;
  readonly ifName: string;
  readonly ifDescr: string;
  readonly ifAlias: string;
  readonly ifPhysAddress: string;
}

const AMBIGUOUS = -1;
const MAC_SEPARATED = /^[0-9a-f]{1,2}([:-])[0-9a-f]{1,2}(\1[0-9a-f]{1,2}){4}$/;
const MAC_DOTTED = /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/;
const MAC_BARE = /^[0-9a-f]{12}$/;

/** Lower case; a MAC in any common notation (aa-bb-…, aabb.ccdd.eeff, aabbccddeeff) as aa:bb:cc:dd:ee:ff. */
export function normalizeId(text: string): string {
  const t = text.trim().toLowerCase();
  if (MAC_SEPARATED.test(t)) return t.split(/[:-]/).map((p) => p.padStart(2, '0')).join(':');
  if (MAC_DOTTED.test(t) || MAC_BARE.test(t)) return (t.replaceAll('.', '').match(/../g) ?? []).join(':');
  return t;
}

/** The host part of a name: up to the first dot, unless the name is an IPv4 address. */
function shortName(name: string): string {
  if (/^[0-9.]+$/.test(name)) return name;
  const dot = name.indexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * Names a CDP device ID or LLDP system name may carry: itself, and for the `name(serial)` form
 * some agents use as CDP device ID (NX-OS: `core1(FOX1234ABC)`) the parts outside and inside.
 */
function nameCandidates(text: string): string[] {
  const t = text.trim().toLowerCase();
  if (t === '') return [];
  const out = [t];
  const paren = /^(.+?)\s*\((.+)\)$/.exec(t);
  if (paren?.[1] !== undefined && paren[2] !== undefined) out.push(paren[1], paren[2]);
  return out;
}

function put(map: Map<string, number>, key: string, id: number): void {
  if (key === '') return;
  const had = map.get(key);
  map.set(key, had === undefined || had === id ? id : AMBIGUOUS);
}

function hit(map: ReadonlyMap<string, number>, key: string): number | null {
  const id = map.get(key);
  return id === undefined || id === AMBIGUOUS ? null : id;
}

/** Finds the inventory device a neighbour row describes; build once per topology. */
export class DeviceMatcher {
  readonly #chassis = new Map<string, number>();
  readonly #fullNames = new Map<string, number>();
  readonly #shortNames = new Map<string, number>();
  readonly #hosts = new Map<string, number>();
  readonly #ports = new Map<number, PortIndex>();
  readonly #devices: ReadonlyMap<number, MatchDevice>;
  /** normalizeId results: chassis IDs and MACs repeat in every row that names them. */
  readonly #ids = new Map<string, string>();

  constructor(devices: readonly MatchDevice[]) {
    this.#devices = new Map(devices.map((d) => [d.id, d]));
    for (const d of devices) {
      if (d.localChassisId !== null) put(this.#chassis, this.id(d.localChassisId), d.id);
      for (const name of [d.sysName, d.name]) {
        if (name === null || name.trim() === '') continue;
        const lower = name.trim().toLowerCase();
        put(this.#fullNames, lower, d.id);
        put(this.#shortNames, shortName(lower), d.id);
      }
      put(this.#hosts, d.host.trim().toLowerCase(), d.id);
    }
  }

  /**
   * The inventory device this row is, or null: by chassis ID against each device's own
   * lldpLocChassisId, then by name (LLDP system name, CDP device ID) against sysName and the
   * inventory name, with and without domain, case-insensitive, then by management address against
   * the address the device is polled at. A key two devices share matches neither.
   */
  match(row: Neighbor): number | null {
    if (row.remoteChassisId !== null) {
      const byChassis = hit(this.#chassis, this.id(row.remoteChassisId));
      if (byChassis !== null) return byChassis;
    }
    const names = [row.remoteName, row.protocol === 'cdp' ? row.remoteChassisId : null];
    for (const name of names) {
      for (const candidate of name === null ? [] : nameCandidates(name)) {
        const byName = hit(this.#fullNames, candidate) ?? hit(this.#shortNames, shortName(candidate));
        if (byName !== null) return byName;
      }
    }
    if (row.remoteAddress !== null) return hit(this.#hosts, row.remoteAddress.trim().toLowerCase());
    return null;
  }

  /** normalizeId, remembered for this matcher's lifetime (one merge). */
  id(text: string): string {
    let out = this.#ids.get(text);
    if (out === undefined) {
      out = normalizeId(text);
      this.#ids.set(text, out);
    }
    return out;
  }

  /**
   * The ifIndex of the port a neighbour row names on device `deviceId` (its lldpRemPortId /
   * cdpCacheDevicePort, then its port description): by ifName, ifDescr, MAC, ifAlias, the port
   * names the device's own neighbour rows give, and a bare number as an ifIndex (LLDP port ID
   * subtype local is often one). Null when nothing matches exactly one port.
   */
  port(deviceId: number, remotePort: string | null, remotePortDescr: string | null): number | null {
    const index = this.#portIndex(deviceId);
    if (index === undefined) return null;
    for (const text of [remotePort, remotePortDescr]) {
      if (text === null || text.trim() === '') continue;
      const lower = text.trim().toLowerCase();
      const named = hit(index.names, lower) ?? hit(index.descrs, lower);
      if (named !== null) return named;
      const extra = this.#extraIndex(deviceId, index);
      const found = hit(extra.macs, this.id(lower)) ?? hit(extra.aliases, lower) ?? hit(extra.rowNames, lower);
      if (found !== null) return found;
      if (/^[0-9]{1,9}$/.test(lower) && index.ifIndexes.has(Number(lower))) return Number(lower);
    }
    return null;
  }

  /** ifName of a port, from the device's interfaces, else from its own neighbour rows. */
  portName(deviceId: number, ifIndex: number): string | null {
    return this.#portIndex(deviceId)?.ifNames.get(ifIndex) ?? null;
  }

  #portIndex(deviceId: number): PortIndex | undefined {
    const cached = this.#ports.get(deviceId);
    if (cached !== undefined) return cached;
    const device = this.#devices.get(deviceId);
    if (device === undefined) return undefined;
    const index: PortIndex = { names: new Map(), descrs: new Map(), ifIndexes: new Set(), ifNames: new Map(), extra: undefined };
    for (const i of device.interfaces) {
      put(index.names, i.ifName.trim().toLowerCase(), i.ifIndex);
      put(index.descrs, i.ifDescr.trim().toLowerCase(), i.ifIndex);
      index.ifIndexes.add(i.ifIndex);
      index.ifNames.set(i.ifIndex, i.ifName !== '' ? i.ifName : i.ifDescr);
    }
    for (const row of device.neighbors) {
      if (row.localIfIndex === null || row.localIfName === null) continue;
      index.ifIndexes.add(row.localIfIndex);
      if (!index.ifNames.has(row.localIfIndex)) index.ifNames.set(row.localIfIndex, row.localIfName);
    }
    this.#ports.set(deviceId, index);
    return index;
  }

  /** MACs, aliases and row port names: built only for a device some row names by something other than ifName/ifDescr. */
  #extraIndex(deviceId: number, index: PortIndex): ExtraPortIndex {
    if (index.extra !== undefined) return index.extra;
    const extra: ExtraPortIndex = { macs: new Map(), aliases: new Map(), rowNames: new Map() };
    const device = this.#devices.get(deviceId);
    for (const i of device?.interfaces ?? []) {
      if (i.ifPhysAddress !== '') put(extra.macs, this.id(i.ifPhysAddress), i.ifIndex);
      put(extra.aliases, i.ifAlias.trim().toLowerCase(), i.ifIndex);
    }
    for (const row of device?.neighbors ?? []) {
      if (row.localIfIndex !== null && row.localIfName !== null) put(extra.rowNames, row.localIfName.trim().toLowerCase(), row.localIfIndex);
    }
    index.extra = extra;
    return extra;
  }
}

interface PortIndex {
  readonly names: Map<string, number>;
  readonly descrs: Map<string, number>;
  readonly ifIndexes: Set<number>;
  readonly ifNames: Map<number, string>;
  extra: ExtraPortIndex | undefined;
}

interface ExtraPortIndex {
  readonly macs: Map<string, number>;
  readonly aliases: Map<string, number>;
  readonly rowNames: Map<string, number>;
}
