/** TopologyState over the map-backed inventory: rebuilds when neighbours change or age out, link points, filters. */
import { describe, expect, it } from 'vitest';
import { MemoryInventory } from '../inventory/memory-inventory.js';
import { Secret } from '../model/secret.js';
import type { Neighbor, NeighborDiscovery } from '../model/topology.js';
import type { InterfaceState } from '../model/types.js';
import { LiveState, pendingState } from './live-state.js';
import { TopologyState } from './topology-state.js';

const HOUR_MS = 3_600_000;
const T0 = Date.parse('2025-01-01T12:00:00.000Z');

function iface(ifIndex: number, over: Partial<InterfaceState> = {}): InterfaceState {
  return {
    ifIndex, ifName: `Gi0/${ifIndex}`, ifDescr: `GigabitEthernet0/${ifIndex}`, ifAlias: '', ifType: 'ethernetCsmacd', ifTypeNumber: 6, ifMtu: 1500,
    speedBps: 1e9, ifHighSpeed: 1000, ifPhysAddress: '', adminStatus: 'up', operStatus: 'up', lastChange: 0, lastChangeAt: null,
    inBps: 5e8, outBps: 1e8, inUtilization: 50, outUtilization: 10, inErrorsPerSec: 0, outErrorsPerSec: 0, inDiscardsPerSec: 0,
    outDiscardsPerSec: 0, inPps: 0, outPps: 0, counterBits: 64, sampledAt: null, ...over,
  };
}

function lldp(localIfIndex: number, peer: number, port: string): Neighbor {
  return {
    protocol: 'lldp', localIfIndex, localIfName: `Gi0/${localIfIndex}`, mappedBy: 'ifIndex', remoteName: `sw${peer}`,
    remoteChassisId: `00:00:00:00:00:0${peer}`, remotePort: port, remotePortDescr: null, remotePlatform: null, remoteCapabilities: ['bridge'], remoteAddress: null,
  };
}

const disc = (self: number, neighbors: Neighbor[]): NeighborDiscovery => ({ localChassisId: `00:00:00:00:00:0${self}`, neighbors, unmapped: 0 });

async function setup(): Promise<{ topo: TopologyState; inv: MemoryInventory; state: LiveState; ids: number[] }> {
  const inv = new MemoryInventory();
  const state = new LiveState();
  const ids: number[] = [];
  for (const n of [1, 2]) ids.push((await inv.add({ host: `10.0.0.${n}`, name: `sw${n}`, snmp: { version: '2c', community: new Secret('public') } })).id);
  for (const id of ids) state.set({ ...pendingState(id), status: 'up', sysName: `sw${id}`, interfaces: [iface(1), iface(2)] });
  return { topo: new TopologyState({ inventory: inv, state, staleAfterMs: HOUR_MS, minRebuildIntervalMs: 0, maxLiveAgeMs: 0 }), inv, state, ids };
}

describe('TopologyState', () => {
  it('writes one link point per merged link, tagged by both ends, status and rates from side a', async () => {
    const { topo } = await setup();
    await topo.record(1, disc(1, [lldp(1, 2, 'Gi0/2')]), T0);
    await topo.record(2, disc(2, [lldp(2, 1, 'Gi0/1')]), T0);
    expect(topo.linkPoints(T0 + 1500)).toEqual([
      {
        measurement: 'link',
        tags: { a_device: 'sw1', a_ifName: 'Gi0/1', b_device: 'sw2', b_ifName: 'Gi0/2' },
        fields: { status: 1n, utilization: 50, in_bps: 5e8, out_bps: 1e8 },
        time: Math.floor((T0 + 1500) / 1000),
      },
    ]);
  });

  it('gives a device only the link points whose side a it is, so each link is written once per poll', async () => {
    const { topo, inv, state } = await setup();
    const id3 = (await inv.add({ host: '10.0.0.3', name: 'sw3', snmp: { version: '2c', community: new Secret('public') } })).id;
    state.set({ ...pendingState(id3), status: 'up', sysName: 'sw3', interfaces: [iface(1), iface(2)] });
    await topo.record(1, disc(1, [lldp(1, 2, 'Gi0/2')]), T0);
    await topo.record(2, disc(2, [lldp(2, 1, 'Gi0/1'), lldp(1, 3, 'Gi0/1')]), T0);
    const ends = (deviceId: number) => topo.linkPoints(T0, deviceId).map((p) => `${p.tags['a_device']}-${p.tags['b_device']}`);
    expect(ends(1)).toEqual(['sw1-sw2']);
    expect(ends(2)).toEqual(['sw2-sw3']);
    expect(ends(id3)).toEqual([]);
    expect(topo.linkPoints(T0)).toHaveLength(2);
  });

  it('sees a new discovery at once and follows live interface status without rebuilding', async () => {
    const { topo, state } = await setup();
    await topo.record(1, disc(1, [lldp(1, 2, 'Gi0/2')]), T0);
    expect(topo.links(T0).map((l) => l.status)).toEqual(['up']);
    await topo.record(1, disc(1, [lldp(1, 2, 'Gi0/2'), lldp(2, 2, 'Gi0/1')]), T0 + 1000);
    expect(topo.links(T0 + 1000)).toHaveLength(2);
    const s2 = state.get(2);
    if (s2 === undefined) throw new Error('no state');
    state.set({ ...s2, interfaces: [iface(1), iface(2, { operStatus: 'down' })] });
    expect(topo.links(T0 + 1000, { status: 'down' }).map((l) => l.a.ifName)).toEqual(['Gi0/1']);
    expect(topo.links(T0 + 1000, { minUtilization: 60 })).toEqual([]);
    expect(topo.links(T0 + 1000, { deviceId: 2 })).toHaveLength(2);
  });

  it('shows new discoveries at most minRebuildIntervalMs late, and a removed device at once', async () => {
    const { inv, state } = await setup();
    const topo = new TopologyState({ inventory: inv, state, staleAfterMs: HOUR_MS, minRebuildIntervalMs: 10_000 });
    await topo.record(1, disc(1, [lldp(1, 2, 'Gi0/2')]), T0);
    expect(topo.links(T0)).toHaveLength(1);
    await topo.record(1, disc(1, [lldp(1, 2, 'Gi0/2'), lldp(2, 2, 'Gi0/1')]), T0 + 1000);
    expect(topo.links(T0 + 1000)).toHaveLength(1);
    expect(topo.links(T0 + 10_000)).toHaveLength(2);
    await inv.remove(2);
    expect(topo.links(T0 + 10_001).map((l) => l.b.deviceId)).toEqual([null, null]);
  });

  it('answers from lists at most maxLiveAgeMs older than the latest live state', async () => {
    const { inv, state } = await setup();
    const topo = new TopologyState({ inventory: inv, state, staleAfterMs: HOUR_MS, minRebuildIntervalMs: 0, maxLiveAgeMs: 1000 });
    await topo.record(1, disc(1, [lldp(1, 2, 'Gi0/2')]), T0);
    expect(topo.links(T0)[0]?.status).toBe('up');
    expect(topo.topology(T0).edges[0]?.status).toBe('up');
    const s2 = state.get(2);
    if (s2 === undefined) throw new Error('no state');
    state.set({ ...s2, interfaces: [iface(1), iface(2, { operStatus: 'down' })] });
    expect(topo.links(T0 + 999)[0]?.status).toBe('up');
    expect(topo.topology(T0 + 999).edges[0]?.status).toBe('up');
    expect(topo.links(T0 + 1000)[0]?.status).toBe('down');
    expect(topo.topology(T0 + 1000).edges[0]?.status).toBe('down');
  });

  it('keeps the link object across a rebuild that did not change the link', async () => {
    const { topo } = await setup();
    await topo.record(1, disc(1, [lldp(1, 2, 'Gi0/2')]), T0);
    const [before] = topo.links(T0);
    await topo.record(2, disc(2, []), T0 + 1000);
    expect(topo.links(T0 + 1000)[0]).toBe(before);
    await topo.record(1, disc(1, [lldp(1, 2, 'Gi0/2')]), T0 + 2000);
    const [after] = topo.links(T0 + 2000);
    expect(after).not.toBe(before);
    expect(after?.lastSeen).toBe(new Date(T0 + 2000).toISOString());
  });

  it('hands out the same link object while neither end was polled again', async () => {
    const { topo, state } = await setup();
    await topo.record(1, disc(1, [lldp(1, 2, 'Gi0/2')]), T0);
    const [first] = topo.links(T0);
    expect(topo.links(T0)[0]).toBe(first);
    const s2 = state.get(2);
    if (s2 === undefined) throw new Error('no state');
    state.set({ ...s2, interfaces: [iface(1), iface(2, { operStatus: 'down' })] });
    expect(topo.links(T0)[0]).not.toBe(first);
    expect(topo.links(T0)[0]?.status).toBe('down');
  });

  it('lists a link no longer reported as down until staleAfter, then drops it', async () => {
    const { topo } = await setup();
    await topo.record(1, disc(1, [lldp(1, 2, 'Gi0/2')]), T0);
    await topo.record(1, disc(1, []), T0 + 60_000);
    expect(topo.links(T0 + 60_000).map((l) => [l.status, l.lastSeen])).toEqual([['down', new Date(T0).toISOString()]]);
    expect(topo.links(T0 + HOUR_MS + 1)).toEqual([]);
    expect(topo.topology(T0 + HOUR_MS + 1).edges).toEqual([]);
  });

  it('drops the links of a removed device and shows its neighbours as external', async () => {
    const { topo, inv } = await setup();
    await topo.record(1, disc(1, [lldp(1, 2, 'Gi0/2')]), T0);
    await topo.record(2, disc(2, [lldp(2, 1, 'Gi0/1')]), T0);
    await inv.remove(1);
    const view = topo.topology(T0);
    expect(view.nodes.map((n) => [n.id, n.external])).toEqual([[2, false], ['ext:00:00:00:00:00:01', true]]);
    expect(view.edges.map((e) => [e.source, e.target, e.b.device])).toEqual([[2, 'ext:00:00:00:00:00:01', 'sw1']]);
  });
});
