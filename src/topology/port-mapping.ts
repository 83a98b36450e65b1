/**
 * Which local interface a neighbour row belongs to: the classic NMS bug, resolved by an ordered
 * strategy whose result names the rule that matched (`mappedBy`). Pure, no I/O.
 */
import type { MappedBy } from '../model/topology.js';

export interface LocalInterface {
  readonly ifIndex: number;
  readonly ifName: string;
  readonly ifDescr: string;
  readonly ifAlias: string;
  /** `aa:bb:cc:dd:ee:ff` or ''. */
  readonly ifPhysAddress: string;
}

/** What a neighbour row says about its local port. */
export interface LocalPortHint {
  /**
   * The number the row is indexed by: LLDP-MIB lldpRemLocalPortNum (`lldpPortNum`: by the MIB an
   * lldpLocPortNum, in practice an ifIndex, a dot1dBasePort or a private number), or a true
   * ifIndex (`ifIndex`: LLDP-V2-MIB lldpV2RemLocalIfIndex, CISCO-CDP-MIB cdpCacheIfIndex, TP-Link).
   */
  readonly portNum: number | null;
  readonly portNumKind: 'lldpPortNum' | 'ifIndex';
  /** lldpLocPortId of that port, decoded; with its subtype's meaning reduced to name or MAC. */
  readonly locPortId?: string | null;
  readonly locPortIdIsMac?: boolean;
  /** lldpLocPortDesc of that port. */
  readonly locPortDesc?: string | null;
}

export interface PortMapContext {
  readonly interfaces: readonly LocalInterface[];
  /** BRIDGE-MIB dot1dBasePort → dot1dBasePortIfIndex. */
  readonly basePortIfIndex: ReadonlyMap<number, number>;
  /** Every lldpLocPortNum of lldpLocPortTable: tells how this agent numbers its LLDP ports (see numbering). */
  readonly lldpPortNums?: Iterable<number>;
}

export interface PortMapping {
  readonly ifIndex: number | null;
  readonly mappedBy: MappedBy | null;
}

/** Lookup tables built once per device, reused for every row. */
export class PortMapper {
  readonly #byIfIndex: Map<number, LocalInterface>;
  readonly #byName = new Map<string, Set<number>>();
  readonly #byNameFolded = new Map<string, Set<number>>();
  readonly #byMac = new Map<string, Set<number>>();
  readonly #basePorts: ReadonlyMap<number, number>;
  /**
   * How this agent numbers its LLDP ports, judged over all of lldpLocPortTable: `basePort` when
   * every port number is a dot1dBasePort and some are no ifIndex, `ifIndex` the other way round,
   * null when the table cannot tell (both fit, or neither). Numbering is a property of the agent,
   * so one port number that collides with an unrelated ifIndex is read like its siblings.
   */
  readonly numbering: 'ifIndex' | 'basePort' | null;

  constructor(ctx: PortMapContext) {
    this.#byIfIndex = new Map(ctx.interfaces.map((i) => [i.ifIndex, i]));
    this.#basePorts = ctx.basePortIfIndex;
    const nums = [...(ctx.lldpPortNums ?? [])];
    const allIf = nums.length > 0 && nums.every((n) => this.#byIfIndex.has(n));
    const allBase = nums.length > 0 && nums.every((n) => this.basePort(n) !== null);
    this.numbering = allBase && !allIf ? 'basePort' : allIf && !allBase ? 'ifIndex' : null;
    for (const i of ctx.interfaces) {
      for (const n of [i.ifName, i.ifDescr, i.ifAlias]) {
        if (n.trim() === '') continue;
        add(this.#byName, n.trim(), i.ifIndex);
        add(this.#byNameFolded, n.trim().toLowerCase(), i.ifIndex);
      }
      if (i.ifPhysAddress !== '' && i.ifPhysAddress !== '00:00:00:00:00:00') add(this.#byMac, i.ifPhysAddress, i.ifIndex);
    }
  }

  has(ifIndex: number): boolean {
    return this.#byIfIndex.has(ifIndex);
  }

  interface(ifIndex: number): LocalInterface | undefined {
    return this.#byIfIndex.get(ifIndex);
  }

  /**
   * The one interface whose ifName, ifDescr or ifAlias is `text`: exact first, then ignoring case.
   * Several candidates (an ifAlias like "Uplink" on two ports) is no answer: a guess here is how
   * a link ends up on the wrong port.
   */
  byName(text: string | null | undefined): number | null {
    if (text === null || text === undefined || text.trim() === '') return null;
    return only(this.#byName.get(text.trim())) ?? only(this.#byNameFolded.get(text.trim().toLowerCase()));
  }

  /** The one interface with this MAC (switches often share one MAC over all ports: then none). */
  byMac(mac: string | null | undefined): number | null {
    if (mac === null || mac === undefined || mac === '') return null;
    return only(this.#byMac.get(mac.toLowerCase()));
  }

  basePort(port: number): number | null {
    const ifIndex = this.#basePorts.get(port);
    return ifIndex !== undefined && this.#byIfIndex.has(ifIndex) ? ifIndex : null;
  }

  /**
   * Ordered strategy `ifIndex` → `basePort` → `portId` → `portDesc` → `mac`, with one rule on top:
   * what the agent says port N is (lldpLocPortId / lldpLocPortDesc of N) outranks reading N as an
   * ifIndex. Reasoning, per case:
   * - N is an ifIndex whose name also matches lldpLocPortId: solid, `ifIndex`.
   * - N is an ifIndex, and lldpLocPortId / desc name a *different* interface: N is not an ifIndex
   *   on this agent (dot1dBasePort or private numbering that happens to collide with a low
   *   ifIndex: many access switches number LLDP ports 1..48 while ifIndex 1 is a VLAN or CPU
   *   port). Trusting N here is the classic bug; the name match wins — as `basePort` when
   *   dot1dBasePortIfIndex[N] agrees with it, else as `portId` / `portDesc`.
   * - N is an ifIndex and the names match nothing (absent, a MAC shared by all ports, text the
   *   agent does not use in IF-MIB): `ifIndex`, the reading most agents follow — unless the whole
   *   lldpLocPortTable shows the agent numbers by dot1dBasePort (`numbering`) and N is one.
   * - N is no ifIndex: dot1dBasePortIfIndex[N] (`basePort`), else the names, else the MAC.
   * For `ifIndex`-kind rows (LLDP-V2, CDP) N is an ifIndex by definition; the names are only a
   * fallback when the agent's ifIndex is not in IF-MIB.
   */
  map(hint: LocalPortHint): PortMapping {
    const n = hint.portNum;
    const byId = hint.locPortIdIsMac === true ? null : this.byName(hint.locPortId);
    const byDesc = this.byName(hint.locPortDesc);
    const byMac = hint.locPortIdIsMac === true ? this.byMac(hint.locPortId) : null;
    const named: PortMapping | null =
      byId !== null ? { ifIndex: byId, mappedBy: 'portId' } : byDesc !== null ? { ifIndex: byDesc, mappedBy: 'portDesc' } : byMac !== null ? { ifIndex: byMac, mappedBy: 'mac' } : null;

    if (n !== null && hint.portNumKind === 'ifIndex') {
      if (this.has(n)) return { ifIndex: n, mappedBy: 'ifIndex' };
      return named ?? UNMAPPED;
    }
    const asIfIndex = n !== null && this.has(n) ? n : null;
    const asBasePort = n !== null ? this.basePort(n) : null;
    if (named !== null) {
      if (asIfIndex === named.ifIndex) return { ifIndex: asIfIndex, mappedBy: 'ifIndex' };
      if (asBasePort === named.ifIndex) return { ifIndex: asBasePort, mappedBy: 'basePort' };
      return named;
    }
    if (asBasePort !== null && this.numbering === 'basePort') return { ifIndex: asBasePort, mappedBy: 'basePort' };
    if (asIfIndex !== null) return { ifIndex: asIfIndex, mappedBy: 'ifIndex' };
    if (asBasePort !== null) return { ifIndex: asBasePort, mappedBy: 'basePort' };
    return UNMAPPED;
  }
}

const UNMAPPED: PortMapping = { ifIndex: null, mappedBy: null };

function add(map: Map<string, Set<number>>, key: string, ifIndex: number): void {
  let set = map.get(key);
  if (set === undefined) {
    set = new Set();
    map.set(key, set);
  }
  set.add(ifIndex);
}

function only(set: Set<number> | undefined): number | null {
  if (set === undefined || set.size !== 1) return null;
  return set.values().next().value ?? null;
}
