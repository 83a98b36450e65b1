/** Topology for the API and the `link` measurement: neighbours from the inventory merged into links, live status from LiveState. */
import type { DeviceNeighbors, Inventory } from '../inventory/types.js';
import type { Link, LinkStatus, NeighborDiscovery, NeighborRecord } from '../model/topology.js';
import type { Device, DeviceRole, DeviceState, DeviceStatus, InterfaceState } from '../model/types.js';
import { LINK_FIELD, MEASUREMENT, TAG, type LinkFields, type LinkTags } from '../storage/schema.js';
import type { Point } from '../storage/types.js';
import { buildTopology, liveLink, type LinkShape, type LiveLookup, type TopologyGraph } from '../topology/merge.js';
import type { LiveState } from './live-state.js';

export interface LinkFilter {
  readonly status?: LinkStatus | undefined;
  /** Percent; links without a utilisation never pass. */
  readonly minUtilization?: number | undefined;
  /** Links with this inventory device at either end. */
  readonly deviceId?: number | undefined;
}

export interface TopologyNode {
  /** The device id, or `ext:<chassis ID, name or address>` for a neighbour outside the inventory. */
  readonly id: number | string;
  readonly name: string;
  readonly role: DeviceRole | null;
  /** Live status of an inventory device; `unknown` for an external one (it is not polled). */
  readonly status: DeviceStatus | 'unknown';
  readonly external: boolean;
}

/** A link in /topology: the link plus the node ids of its ends, as graph libraries want them. */
export type TopologyEdge = Link & { readonly source: number | string; readonly target: number | string };

export interface TopologyView {
  readonly nodes: readonly TopologyNode[];
  readonly edges: readonly TopologyEdge[];
}

/** What the API reads. */
export interface TopologyReader {
  /** The device's neighbour rows still within staleAfter, each with the inventory device it is. */
  neighbors(deviceId: number, nowMs: number): readonly NeighborRecord[];
  /** Shared between callers: do not modify. */
  links(nowMs: number, filter?: LinkFilter): readonly Link[];
  link(id: string, nowMs: number): Link | undefined;
  topology(nowMs: number): TopologyView;
}

export interface TopologyStateOptions {
  readonly inventory: Inventory;
  readonly state: LiveState;
  /** topology.staleAfter: how long a link no longer reported stays listed (as down). */
  readonly staleAfterMs: number;
  /**
   * Least time between two rebuilds caused by new neighbour discoveries (a rebuild of 10,000 links
   * takes ~100 ms of the event loop; discoveries arrive several a second in a large network).
   * Device changes and ageing rebuild at once. Default 10 s; 0 = at once (tests).
   */
  readonly minRebuildIntervalMs?: number;
  /**
   * How long links() and topology() may keep answering from lists made before the latest live
   * state change. Each device is polled about once a minute, so 1,000 devices change state ~17
   * times a second; rebuilding a 10,000-link list (and its 3.2 MB body) on each change cost most of
   * the /links p99. Default 1 s; 0 = always current (tests).
   */
  readonly maxLiveAgeMs?: number;
}

export const DEFAULT_MIN_REBUILD_INTERVAL_MS = 10_000;
export const DEFAULT_MAX_LIVE_AGE_MS = 1000;

interface Built {
  readonly devicesToken: number;
  readonly neighborsToken: number;
  readonly builtAtMs: number;
  /** sysName and interface count of every device: what matching read from live state. */
  readonly liveKey: string;
  readonly graph: TopologyGraph;
  readonly byId: ReadonlyMap<string, LinkShape>;
}

/**
 * Keeps the merged topology and rebuilds it only when the devices, a device's sysName or
 * interface count changed, a link passed staleAfter, or new neighbours were recorded (then at most
 * every minRebuildIntervalMs); live status and rates come from LiveState, at most maxLiveAgeMs
 * behind the latest poll. Link objects are reused while their ends' state is, so the API can
 * cache their JSON by identity.
 */
export class TopologyState implements TopologyReader {
  readonly #inventory: Inventory;
  readonly #state: LiveState;
  readonly #staleAfterMs: number;
  readonly #minRebuildIntervalMs: number;
  readonly #maxLiveAgeMs: number;
  #devices: { readonly token: number; readonly list: readonly Device[] } | undefined;
  #built: Built | undefined;
  /** Each device's neighbours as last read, and the token they were read at: only changes are re-read. */
  readonly #stored = new Map<number, DeviceNeighbors>();
  #storedToken = -1;
  readonly #ifIndex = new WeakMap<DeviceState, Map<number, InterfaceState>>();
  /** The live link of a shape, kept while both ends' state objects are the ones it was made from (LiveState.set replaces them). */
  readonly #linkCache = new WeakMap<LinkShape, { readonly a: DeviceState | undefined; readonly b: DeviceState | undefined; readonly link: Link }>();
  /** Links by side a's device, per built graph: each poll writes its own links without scanning all of them. */
  readonly #bySideA = new WeakMap<Built, ReadonlyMap<number, readonly LinkShape[]>>();
  readonly #edgeCache = new WeakMap<Link, TopologyEdge>();
  /** Link ids by their end names, across rebuilds (hashing 10,000 keys is ~10 ms a rebuild). */
  #idMemo = new Map<string, string>();
  /** links() results per filter, for one built graph and one LiveState version (or younger than maxLiveAgeMs). */
  #lists = new Map<string, Link[]>();
  #listsFor: { readonly built: Built; readonly liveVersion: number; readonly atMs: number } | undefined;
  #liveKey: { readonly liveVersion: number; readonly devices: readonly Device[]; readonly key: string } | undefined;
  #view: { readonly built: Built; readonly liveVersion: number; readonly atMs: number; readonly devices: readonly Device[]; readonly view: TopologyView } | undefined;
  readonly #live: LiveLookup;

  constructor(options: TopologyStateOptions) {
    this.#inventory = options.inventory;
    this.#state = options.state;
    this.#staleAfterMs = options.staleAfterMs;
    this.#minRebuildIntervalMs = options.minRebuildIntervalMs ?? DEFAULT_MIN_REBUILD_INTERVAL_MS;
    this.#maxLiveAgeMs = options.maxLiveAgeMs ?? DEFAULT_MAX_LIVE_AGE_MS;
    this.#live = {
      deviceStatus: (id) => this.#state.get(id)?.status,
      iface: (id, ifIndex) => {
        const s = this.#state.get(id);
        return s === undefined ? undefined : this.#interfaces(s).get(ifIndex);
      },
    };
  }

  /**
   * Hands over a fresh neighbour discovery of one device (the poller calls this after interface
   * discovery, every topology.interval). Rejects with LS_DEVICE_NOT_FOUND when the device was removed meanwhile.
   */
  async record(deviceId: number, discovery: NeighborDiscovery, nowMs: number): Promise<void> {
    await this.#inventory.recordNeighbors(deviceId, discovery, new Date(nowMs).toISOString(), this.#staleAfterMs);
  }

  neighbors(deviceId: number, nowMs: number): readonly NeighborRecord[] {
    return this.#graph(nowMs).graph.neighborsOf(deviceId);
  }

  /**
   * The same array (do not modify it) while neither the graph nor any device's live state changed,
   * or the state changed less than maxLiveAgeMs after the array was made.
   */
  links(nowMs: number, filter: LinkFilter = {}): readonly Link[] {
    const built = this.#graph(nowMs);
    const liveVersion = this.#state.version();
    const lists = this.#listsFor;
    if (lists?.built !== built || (lists.liveVersion !== liveVersion && nowMs - lists.atMs >= this.#maxLiveAgeMs)) {
      this.#lists = new Map();
      this.#listsFor = { built, liveVersion, atMs: nowMs };
    }
    const { status, minUtilization, deviceId } = filter;
    const key = `${status ?? ''}|${minUtilization ?? ''}|${deviceId ?? ''}`;
    const cached = this.#lists.get(key);
    if (cached !== undefined) return cached;
    const out: Link[] = [];
    for (const shape of built.graph.links) {
      if (deviceId !== undefined && shape.a.deviceId !== deviceId && shape.b.deviceId !== deviceId) continue;
      const link = this.#liveLink(shape);
      if (status !== undefined && link.status !== status) continue;
      if (minUtilization !== undefined && !(link.utilization !== null && link.utilization >= minUtilization)) continue;
      out.push(link);
    }
    // Filters are few in practice; bound the map anyway (any query string is a key).
    if (this.#lists.size >= 64) this.#lists.clear();
    this.#lists.set(key, out);
    return out;
  }

  link(id: string, nowMs: number): Link | undefined {
    const shape = this.#graph(nowMs).byId.get(id);
    return shape === undefined ? undefined : this.#liveLink(shape);
  }

  /** The same object while neither the graph nor the devices changed, and the live state did not or less than maxLiveAgeMs ago. */
  topology(nowMs: number): TopologyView {
    const built = this.#graph(nowMs);
    const devices = this.#deviceList();
    const liveVersion = this.#state.version();
    const last = this.#view;
    if (last !== undefined && last.built === built && last.devices === devices && (last.liveVersion === liveVersion || nowMs - last.atMs < this.#maxLiveAgeMs)) return last.view;
    const { graph } = built;
    const nodes: TopologyNode[] = this.#deviceList().map((d) => {
      const live = this.#state.get(d.id);
      return { id: d.id, name: d.name, role: live?.role ?? null, status: live?.status ?? 'pending', external: false };
    });
    for (const e of graph.externals) nodes.push({ id: e.id, name: e.name, role: e.role, status: 'unknown', external: true });
    const edges = graph.links.map((shape) => {
      const link = this.#liveLink(shape);
      let edge = this.#edgeCache.get(link);
      if (edge === undefined) {
        edge = { ...link, source: shape.a.node, target: shape.b.node };
        this.#edgeCache.set(link, edge);
      }
      return edge;
    });
    const view = { nodes, edges };
    this.#view = { built, liveVersion, atMs: nowMs, devices, view };
    return view;
  }

  /**
   * One `link` point per merged link (CONTRACT.md), at nowMs; fields without a value are left out.
   * With `aDeviceId`, only the links whose side a is that device: the poller writes them after that
   * device's poll, so each link is written once per poll of its side a.
   *
   * A link with an inventory end whose port is not resolved yet (the far device not polled yet, so
   * its ports are unknown) is left out: its tags would carry the raw LLDP port ID (a MAC, a number)
   * and fork a series that never gets another point once the port resolves. The API lists it.
   */
  linkPoints(nowMs: number, aDeviceId?: number): Point[] {
    const time = Math.floor(nowMs / 1000);
    const links: Link[] = [];
    const built = this.#graph(nowMs);
    const shapes = aDeviceId === undefined ? built.graph.links : (this.#sideA(built).get(aDeviceId) ?? []);
    for (const shape of shapes) {
      if (shape.a.ifIndex === null || (shape.b.deviceId !== null && shape.b.ifIndex === null)) continue;
      links.push(this.#liveLink(shape));
    }
    return links.map((link) => {
      const tags: LinkTags = {
        [TAG.aDevice]: link.a.device,
        [TAG.aIfName]: link.a.ifName ?? '',
        [TAG.bDevice]: link.b.device,
        [TAG.bIfName]: link.b.ifName ?? '',
      };
      const fields: { -readonly [K in keyof LinkFields]: LinkFields[K] } = { [LINK_FIELD.status]: link.status === 'up' ? 1n : 0n };
      if (link.utilization !== null) fields[LINK_FIELD.utilization] = link.utilization;
      if (link.inBps !== null) fields[LINK_FIELD.inBps] = link.inBps;
      if (link.outBps !== null) fields[LINK_FIELD.outBps] = link.outBps;
      return { measurement: MEASUREMENT.link, tags, fields: fields as Point['fields'], time };
    });
  }

  /** inventory.list() decrypts every credential: keep it until changeToken() moves. */
  #deviceList(): readonly Device[] {
    const token = this.#inventory.changeToken();
    if (this.#devices?.token !== token) this.#devices = { token, list: this.#inventory.list() };
    return this.#devices.list;
  }

  /** sysName and interface count of every device (what the merge read from live state), recomputed when LiveState changed. */
  #liveKeyOf(devices: readonly Device[]): string {
    // Only sysName and interface counts make the key: their own version, not every poll's.
    const liveVersion = this.#state.shapeVersion();
    if (this.#liveKey?.liveVersion === liveVersion && this.#liveKey.devices === devices) return this.#liveKey.key;
    let key = '';
    for (const d of devices) {
      const s = this.#state.get(d.id);
      key += `${d.id}\u0000${s?.sysName ?? ''}\u0000${s?.interfaces.length ?? 0}\u0000`;
    }
    this.#liveKey = { liveVersion, devices, key };
    return key;
  }

  #liveLink(shape: LinkShape): Link {
    const a = this.#state.get(shape.a.deviceId);
    const b = shape.b.deviceId === null ? undefined : this.#state.get(shape.b.deviceId);
    const hit = this.#linkCache.get(shape);
    if (hit !== undefined && hit.a === a && hit.b === b) return hit.link;
    const link = liveLink(shape, this.#live);
    this.#linkCache.set(shape, { a, b, link });
    return link;
  }

  /** Re-reads the neighbours of devices recorded since the last read; forgets removed devices. */
  #storedNeighbors(devices: readonly Device[], neighborsToken: number): ReadonlyMap<number, DeviceNeighbors> {
    if (neighborsToken !== this.#storedToken) {
      for (const d of this.#inventory.listNeighbors(this.#storedToken)) this.#stored.set(d.deviceId, d);
      this.#storedToken = neighborsToken;
      const present = new Set(devices.map((d) => d.id));
      for (const id of this.#stored.keys()) if (!present.has(id)) this.#stored.delete(id);
    }
    return this.#stored;
  }

  #interfaces(s: DeviceState): Map<number, InterfaceState> {
    let map = this.#ifIndex.get(s);
    if (map === undefined) {
      map = new Map(s.interfaces.map((i) => [i.ifIndex, i]));
      this.#ifIndex.set(s, map);
    }
    return map;
  }

  #sideA(built: Built): ReadonlyMap<number, readonly LinkShape[]> {
    let index = this.#bySideA.get(built);
    if (index === undefined) {
      const m = new Map<number, LinkShape[]>();
      for (const shape of built.graph.links) {
        const list = m.get(shape.a.deviceId);
        if (list === undefined) m.set(shape.a.deviceId, [shape]);
        else list.push(shape);
      }
      index = m;
      this.#bySideA.set(built, index);
    }
    return index;
  }

  #graph(nowMs: number): Built {
    const devices = this.#deviceList();
    const devicesToken = this.#devices?.token ?? 0;
    const neighborsToken = this.#inventory.neighborsToken();
    const liveKey = this.#liveKeyOf(devices);
    const b = this.#built;
    if (b !== undefined && b.devicesToken === devicesToken && b.liveKey === liveKey && nowMs < b.graph.expiresAtMs) {
      // New discoveries wait for the next rebuild slot; a client sees them at most minRebuildIntervalMs late.
      if (b.neighborsToken === neighborsToken || nowMs - b.builtAtMs < this.#minRebuildIntervalMs) return b;
    }
    // Read the token before the rows: a write racing the read leaves newer rows under an older token, re-read next time.
    const stored = this.#storedNeighbors(devices, neighborsToken);
    const graph = buildTopology(
      devices.map((d) => {
        const s = this.#state.get(d.id);
        const n = stored.get(d.id);
        return {
          id: d.id,
          name: d.name,
          host: d.host,
          sysName: s?.sysName ?? null,
          interfaces: s?.interfaces ?? [],
          localChassisId: n?.localChassisId ?? null,
          discoveredAt: n?.discoveredAt ?? null,
          neighbors: n?.neighbors ?? [],
        };
      }),
      nowMs,
      this.#staleAfterMs,
      this.#idMemo,
    );
    // A link unchanged by the rebuild keeps its object, so its live link and JSON stay cached.
    const previous = this.#built?.byId;
    const links = previous === undefined ? graph.links : graph.links.map((s) => {
      const old = previous.get(s.id);
      return old !== undefined && sameShape(old, s) ? old : s;
    });
    // Ids of links long gone would pile up: start over when the memo is much larger than the graph.
    if (this.#idMemo.size > 2 * graph.links.length + 1024) this.#idMemo = new Map();
    this.#built = { devicesToken, neighborsToken, builtAtMs: nowMs, liveKey, graph: { ...graph, links }, byId: new Map(links.map((l) => [l.id, l])) };
    return this.#built;
  }
}

function sameEnd(x: LinkShape['b'], y: LinkShape['b']): boolean {
  return x.deviceId === y.deviceId && x.node === y.node && x.device === y.device && x.ifIndex === y.ifIndex && x.ifName === y.ifName;
}

function sameShape(x: LinkShape, y: LinkShape): boolean {
  return (
    x.id === y.id &&
    x.current === y.current &&
    x.firstSeen === y.firstSeen &&
    x.lastSeen === y.lastSeen &&
    x.protocols.join() === y.protocols.join() &&
    sameEnd(x.a, y.a) &&
    sameEnd(x.b, y.b)
  );
}
