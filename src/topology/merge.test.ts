/** The pure topology merge: matching neighbours to devices, merging both directions, live status, stale ageing. */
import { describe, expect, it } from 'vitest';
import type { Neighbor } from '../model/topology.js';
import type { DeviceStatus, IfStatus } from '../model/types.js';
import type { MatchInterface } from './match.js';
import { buildTopology, liveLink, type LinkShape, type LiveInterface, type LiveLookup, type SeenNeighbor, type TopologyDevice } from './merge.js';

const HOUR_MS = 3_600_000;
const NOW = '2025-01-01T12:00:00.000Z';
const NOW_MS = Date.parse(NOW);
const EARLIER = '2025-01-01T11:30:00.000Z';

function iface(ifIndex: number, ifName: string, ifDescr = ifName, mac = ''): MatchInterface {
  return { ifIndex, ifName, ifDescr, ifAlias: '', ifPhysAddress: mac };
}

function row(localIfIndex: number | null, localIfName: string, over: Partial<Neighbor> = {}, seen: { firstSeen?: string; lastSeen?: string } = {}): SeenNeighbor {
  return {
    protocol: 'lldp',
    localIfIndex,
    localIfName,
    mappedBy: localIfIndex === null ? null : 'ifIndex',
    remoteName: null,
    remoteChassisId: null,
    remotePort: null,
    remotePortDescr: null,
    remotePlatform: null,
    remoteCapabilities: [],
    remoteAddress: null,
    firstSeen: seen.firstSeen ?? EARLIER,
    lastSeen: seen.lastSeen ?? NOW,
    ...over,
  };
}

function device(id: number, over: Partial<TopologyDevice> = {}): TopologyDevice {
  return {
    id,
    name: `sw${id}`,
    host: `10.0.0.${id}`,
    sysName: `sw${id}.corp.example`,
    interfaces: [1, 2, 3].map((n) => iface(n, `Gi0/${n}`, `GigabitEthernet0/${n}`, `00:00:00:00:0${id}:0${n}`)),
    localChassisId: `00:00:00:00:0${id}:00`,
    discoveredAt: NOW,
    neighbors: [],
    ...over,
  };
}

const lldpTo = (peer: number, port: string): Partial<Neighbor> => ({ protocol: 'lldp', remoteChassisId: `00:00:00:00:0${peer}:00`, remotePort: port, remoteName: `sw${peer}.corp.example` });
const cdpTo = (peer: number, port: string): Partial<Neighbor> => ({ protocol: 'cdp', remoteChassisId: `sw${peer}`, remoteName: `sw${peer}`, remotePort: port });

function liveUp(over: Partial<Record<string, Partial<LiveInterface>>> = {}, status: Partial<Record<number, DeviceStatus>> = {}): LiveLookup {
  return {
    deviceStatus: (id) => status[id] ?? 'up',
    iface: (id, ifIndex) => ({
      ifName: `Gi0/${ifIndex}`,
      operStatus: 'up' as IfStatus,
      speedBps: 1e9,
      inBps: 1e6 * id,
      outBps: 2e6 * id,
      inUtilization: 0.1 * id,
      outUtilization: 0.2 * id,
      ...over[`${id}#${ifIndex}`],
    }),
  };
}

const ends = (l: LinkShape): string[] => [`${l.a.device}:${l.a.ifName ?? '?'}`, `${l.b.device}:${l.b.ifName ?? '?'}`];

describe('buildTopology', () => {
  it('merges LLDP seen from both ends into one link, side a the lower device id', () => {
    const g = buildTopology(
      [device(2, { neighbors: [row(3, 'Gi0/3', lldpTo(1, 'Gi0/1'))] }), device(1, { neighbors: [row(1, 'Gi0/1', lldpTo(2, 'Gi0/3'))] })],
      NOW_MS,
      HOUR_MS,
    );
    expect(g.links.map(ends)).toEqual([['sw1:Gi0/1', 'sw2:Gi0/3']]);
    expect(g.links[0]?.protocols).toEqual(['lldp']);
    expect(g.links[0]?.b.deviceId).toBe(2);
    expect(g.externals).toEqual([]);
    expect(g.neighborsOf(1)[0]?.remoteDeviceId).toBe(2);
  });

  it('merges CDP seen from both ends, matching device IDs without domain and ports by ifDescr', () => {
    const g = buildTopology(
      [
        device(1, { neighbors: [row(2, 'Gi0/2', cdpTo(2, 'GigabitEthernet0/1'))] }),
        device(2, { neighbors: [row(1, 'Gi0/1', { ...cdpTo(1, 'GigabitEthernet0/2'), remoteChassisId: 'sw1.corp.example' })] }),
      ],
      NOW_MS,
      HOUR_MS,
    );
    expect(g.links.map(ends)).toEqual([['sw1:Gi0/2', 'sw2:Gi0/1']]);
    expect(g.links[0]?.protocols).toEqual(['cdp']);
  });

  it('merges LLDP on one end with CDP on the other', () => {
    const g = buildTopology(
      [device(1, { neighbors: [row(1, 'Gi0/1', lldpTo(2, 'Gi0/2'))] }), device(2, { localChassisId: null, neighbors: [row(2, 'Gi0/2', cdpTo(1, 'GigabitEthernet0/1'))] })],
      NOW_MS,
      HOUR_MS,
    );
    expect(g.links.map(ends)).toEqual([['sw1:Gi0/1', 'sw2:Gi0/2']]);
    expect(g.links[0]?.protocols).toEqual(['cdp', 'lldp']);
  });

  it('gives a link the same id whichever end reports it and in whatever order devices come', () => {
    const both = buildTopology([device(1, { neighbors: [row(1, 'Gi0/1', lldpTo(2, 'Gi0/2'))] }), device(2, { neighbors: [row(2, 'Gi0/2', lldpTo(1, 'Gi0/1'))] })], NOW_MS, HOUR_MS);
    const onlyB = buildTopology([device(2, { neighbors: [row(2, 'Gi0/2', cdpTo(1, 'GigabitEthernet0/1'))] }), device(1)], NOW_MS, HOUR_MS);
    expect(both.links).toHaveLength(1);
    expect(onlyB.links.map((l) => l.id)).toEqual(both.links.map((l) => l.id));
    expect(both.links[0]?.id).toMatch(/^[0-9a-f]{14}$/);
  });

  it('keeps parallel links between two devices apart', () => {
    const g = buildTopology(
      [
        device(1, { neighbors: [row(1, 'Gi0/1', lldpTo(2, 'Gi0/1')), row(2, 'Gi0/2', lldpTo(2, 'Gi0/2'))] }),
        device(2, { neighbors: [row(1, 'Gi0/1', lldpTo(1, 'Gi0/1')), row(2, 'Gi0/2', lldpTo(1, 'Gi0/2'))] }),
      ],
      NOW_MS,
      HOUR_MS,
    );
    expect(g.links.map(ends)).toEqual([['sw1:Gi0/1', 'sw2:Gi0/1'], ['sw1:Gi0/2', 'sw2:Gi0/2']]);
  });

  it('pairs the one link each way between two devices when the port names do not match', () => {
    const g = buildTopology(
      [
        device(1, { neighbors: [row(1, 'Gi0/1', lldpTo(2, 'port 7'))] }),
        device(2, { neighbors: [row(null, 'uplink', lldpTo(1, 'Gi0/1'))] }),
      ],
      NOW_MS,
      HOUR_MS,
    );
    expect(g.links).toHaveLength(1);
  });

  it('matches a neighbour by management address when chassis and name are unknown', () => {
    const g = buildTopology([device(1, { neighbors: [row(1, 'Gi0/1', { remoteChassisId: 'ff:ff:ff:ff:ff:ff', remoteName: 'other', remoteAddress: '10.0.0.2', remotePort: 'Gi0/3' })] }), device(2)], NOW_MS, HOUR_MS);
    expect(g.links.map(ends)).toEqual([['sw1:Gi0/1', 'sw2:Gi0/3']]);
  });

  it('matches no device by a short name two devices share', () => {
    const g = buildTopology(
      [device(1, { neighbors: [row(1, 'Gi0/1', { protocol: 'cdp', remoteChassisId: 'core', remoteName: 'core', remotePort: 'Gi0/1' })] }), device(2, { sysName: 'core.a.example' }), device(3, { sysName: 'core.b.example' })],
      NOW_MS,
      HOUR_MS,
    );
    expect(g.neighborsOf(1)[0]?.remoteDeviceId).toBeNull();
    expect(g.externals.map((e) => e.id)).toEqual(['ext:core']);
  });

  it('lists a neighbour outside the inventory as an external node, shared by everyone who sees it', () => {
    const phone = { remoteChassisId: 'AA-BB-CC-00-00-09', remoteName: 'SEP0001', remotePort: 'Port 1', remoteCapabilities: ['telephone', 'bridge'] };
    const g = buildTopology([device(1, { neighbors: [row(3, 'Gi0/3', phone)] }), device(2, { neighbors: [row(3, 'Gi0/3', phone)] })], NOW_MS, HOUR_MS);
    expect(g.externals).toEqual([{ id: 'ext:aa:bb:cc:00:00:09', name: 'SEP0001', role: 'switch' }]);
    expect(g.links.map(ends)).toEqual([['sw1:Gi0/3', 'SEP0001:Port 1'], ['sw2:Gi0/3', 'SEP0001:Port 1']]);
    expect(g.links[0]?.b).toMatchObject({ deviceId: null, node: 'ext:aa:bb:cc:00:00:09' });
  });

  it('matches a CDP device ID of the form name(serial) and a chassis MAC in Cisco dotted notation', () => {
    const g = buildTopology(
      [
        device(1, { neighbors: [row(1, 'Gi0/1', { protocol: 'cdp', remoteChassisId: 'sw2(FOX1234ABCD)', remoteName: 'sw2(FOX1234ABCD)', remotePort: 'Gi0/1' })] }),
        device(2),
        device(3, { neighbors: [row(2, 'Gi0/2', { remoteChassisId: '0000.0000.0100', remotePort: 'Gi0/2' })] }),
      ],
      NOW_MS,
      HOUR_MS,
    );
    expect(g.neighborsOf(1)[0]?.remoteDeviceId).toBe(2);
    expect(g.neighborsOf(3)[0]?.remoteDeviceId).toBe(1);
  });

  it('keeps neighbours that announce no identity apart, by where they are seen', () => {
    const anon = { remotePort: 'eth0' };
    const g = buildTopology([device(1, { neighbors: [row(1, 'Gi0/1', anon), row(2, 'Gi0/2', anon)] })], NOW_MS, HOUR_MS);
    expect(g.externals.map((e) => e.id)).toEqual(['ext:unknown:1/1', 'ext:unknown:1/2']);
    expect(g.links).toHaveLength(2);
  });

  it('keeps a link missing from the latest discoveries as not current until staleAfter, then drops it', () => {
    const gone = row(1, 'Gi0/1', lldpTo(2, 'Gi0/2'), { lastSeen: EARLIER });
    const devices = [device(1, { neighbors: [gone] }), device(2)];
    const g = buildTopology(devices, NOW_MS, HOUR_MS);
    expect(g.links).toHaveLength(1);
    expect(g.links[0]).toMatchObject({ current: false, lastSeen: EARLIER });
    expect(g.expiresAtMs).toBe(Date.parse(EARLIER) + HOUR_MS);
    expect(liveLink(g.links[0] as LinkShape, liveUp()).status).toBe('down');
    expect(buildTopology(devices, Date.parse(EARLIER) + HOUR_MS + 1, HOUR_MS).links).toEqual([]);
  });

  it('keeps a link current while one end still reports it', () => {
    const g = buildTopology(
      [device(1, { neighbors: [row(1, 'Gi0/1', lldpTo(2, 'Gi0/2'), { lastSeen: EARLIER })] }), device(2, { neighbors: [row(2, 'Gi0/2', lldpTo(1, 'Gi0/1'))] })],
      NOW_MS,
      HOUR_MS,
    );
    expect(g.links[0]).toMatchObject({ current: true, firstSeen: EARLIER, lastSeen: NOW });
  });
});

describe('liveLink', () => {
  const pair = (): LinkShape => {
    const g = buildTopology([device(1, { neighbors: [row(1, 'Gi0/1', lldpTo(2, 'Gi0/2'))] }), device(2, { neighbors: [row(2, 'Gi0/2', lldpTo(1, 'Gi0/1'))] })], NOW_MS, HOUR_MS);
    return g.links[0] as LinkShape;
  };

  it('is up with both interfaces up, rates and the busier direction from side a, the lower speed', () => {
    const link = liveLink(pair(), liveUp({ '2#2': { speedBps: 1e8 } }));
    expect(link).toMatchObject({ status: 'up', speedBps: 1e8, inBps: 1e6, outBps: 2e6, utilization: 0.2, protocols: ['lldp'] });
    expect(link.a).toEqual({ deviceId: 1, device: 'sw1', ifName: 'Gi0/1' });
    expect(link.b).toEqual({ deviceId: 2, device: 'sw2', ifName: 'Gi0/2' });
  });

  it('is down when either end is oper down', () => {
    expect(liveLink(pair(), liveUp({ '2#2': { operStatus: 'down' } })).status).toBe('down');
    expect(liveLink(pair(), liveUp({ '1#1': { operStatus: 'lowerLayerDown' } })).status).toBe('down');
  });

  it('is down when an end device did not answer its latest poll', () => {
    expect(liveLink(pair(), liveUp({}, { 2: 'unreachable' })).status).toBe('down');
  });

  it("takes rates from side b, turned round, when side a's interface is unknown", () => {
    const lookup = liveUp();
    const link = liveLink(pair(), { ...lookup, iface: (id, ifIndex) => (id === 1 ? undefined : lookup.iface(id, ifIndex)) });
    expect(link).toMatchObject({ inBps: 4e6, outBps: 2e6, utilization: 0.4 });
  });
});
