/** Unit tests for local port mapping: each strategy, and the rule that the agent's own port name outranks a colliding ifIndex. */
import { describe, expect, it } from 'vitest';
import { PortMapper, type LocalInterface } from './port-mapping.js';

const itf = (ifIndex: number, ifName: string, extra: Partial<LocalInterface> = {}): LocalInterface => ({
  ifIndex,
  ifName,
  ifDescr: extra.ifDescr ?? ifName,
  ifAlias: extra.ifAlias ?? '',
  ifPhysAddress: extra.ifPhysAddress ?? '',
});

// An access switch: ifIndex 1 is the CPU/VLAN interface, front ports are ifIndex 1001..1004,
// bridge ports 1..4 map to them (BRIDGE-MIB dot1dBasePortIfIndex).
const interfaces = [
  itf(1, 'vlan1'),
  itf(1001, 'Gi1/0/1', { ifAlias: 'uplink core', ifPhysAddress: '00:00:00:00:10:01' }),
  itf(1002, 'Gi1/0/2', { ifAlias: 'Uplink', ifPhysAddress: '00:00:00:00:10:02' }),
  itf(1003, 'Gi1/0/3', { ifAlias: 'Uplink', ifPhysAddress: '00:00:00:00:10:02' }),
  itf(1004, 'Gi1/0/4', { ifDescr: 'GigabitEthernet1/0/4' }),
];
const basePortIfIndex = new Map([
  [1, 1001],
  [2, 1002],
  [3, 1003],
  [4, 1004],
]);
const mapper = new PortMapper({ interfaces, basePortIfIndex });

describe('PortMapper.map', () => {
  it('takes lldpRemLocalPortNum as an ifIndex when the agent names that port the same (ifIndex)', () => {
    expect(mapper.map({ portNum: 1001, portNumKind: 'lldpPortNum', locPortId: 'Gi1/0/1' })).toEqual({ ifIndex: 1001, mappedBy: 'ifIndex' });
    expect(mapper.map({ portNum: 1004, portNumKind: 'lldpPortNum' })).toEqual({ ifIndex: 1004, mappedBy: 'ifIndex' });
  });

  it('maps a dot1dBasePort through dot1dBasePortIfIndex (basePort)', () => {
    expect(mapper.map({ portNum: 2, portNumKind: 'lldpPortNum' })).toEqual({ ifIndex: 1002, mappedBy: 'basePort' });
  });

  it('does not read port 1 as ifIndex 1 when the agent says port 1 is Gi1/0/1 (basePort agrees)', () => {
    // The classic bug: ifIndex 1 exists (vlan1), but lldpLocPortId of port 1 names Gi1/0/1.
    expect(mapper.map({ portNum: 1, portNumKind: 'lldpPortNum', locPortId: 'Gi1/0/1' })).toEqual({ ifIndex: 1001, mappedBy: 'basePort' });
  });

  it('follows lldpLocPortId over a colliding ifIndex when no bridge port confirms it (portId)', () => {
    const noBridge = new PortMapper({ interfaces, basePortIfIndex: new Map() });
    expect(noBridge.map({ portNum: 1, portNumKind: 'lldpPortNum', locPortId: 'gi1/0/3' })).toEqual({ ifIndex: 1003, mappedBy: 'portId' });
  });

  it('matches lldpLocPortDesc when lldpLocPortId is unusable (portDesc)', () => {
    expect(mapper.map({ portNum: 77, portNumKind: 'lldpPortNum', locPortId: '77', locPortDesc: 'GigabitEthernet1/0/4' })).toEqual({ ifIndex: 1004, mappedBy: 'portDesc' });
  });

  it('matches a MAC-typed lldpLocPortId against a unique ifPhysAddress (mac)', () => {
    expect(mapper.map({ portNum: 77, portNumKind: 'lldpPortNum', locPortId: '00:00:00:00:10:01', locPortIdIsMac: true })).toEqual({ ifIndex: 1001, mappedBy: 'mac' });
    // Shared by two ports: no answer rather than a guess.
    expect(mapper.map({ portNum: 77, portNumKind: 'lldpPortNum', locPortId: '00:00:00:00:10:02', locPortIdIsMac: true })).toEqual({ ifIndex: null, mappedBy: null });
  });

  it('refuses an ambiguous name (an ifAlias on two ports) and leaves the row unmapped', () => {
    expect(mapper.map({ portNum: 77, portNumKind: 'lldpPortNum', locPortDesc: 'Uplink' })).toEqual({ ifIndex: null, mappedBy: null });
  });

  it('reads a port number that collides with an ifIndex as a bridge port when the agent numbers all its LLDP ports so', () => {
    // Ports 2..4 are no ifIndex but are bridge ports; port 1 is both (ifIndex 1 is vlan1).
    const byBase = new PortMapper({ interfaces, basePortIfIndex, lldpPortNums: [1, 2, 3, 4] });
    expect(byBase.numbering).toBe('basePort');
    expect(byBase.map({ portNum: 1, portNumKind: 'lldpPortNum', locPortId: '1' })).toEqual({ ifIndex: 1001, mappedBy: 'basePort' });
    // Without that evidence the same row reads as ifIndex 1.
    expect(mapper.map({ portNum: 1, portNumKind: 'lldpPortNum', locPortId: '1' })).toEqual({ ifIndex: 1, mappedBy: 'ifIndex' });
    expect(new PortMapper({ interfaces, basePortIfIndex, lldpPortNums: [1001, 1002] }).numbering).toBe('ifIndex');
  });

  it('trusts a true ifIndex (LLDP-V2, CDP) and falls back to names only when it is unknown', () => {
    expect(mapper.map({ portNum: 1, portNumKind: 'ifIndex', locPortId: 'Gi1/0/1' })).toEqual({ ifIndex: 1, mappedBy: 'ifIndex' });
    expect(mapper.map({ portNum: 5, portNumKind: 'ifIndex' })).toEqual({ ifIndex: null, mappedBy: null });
    expect(mapper.map({ portNum: 3, portNumKind: 'ifIndex' })).toEqual({ ifIndex: null, mappedBy: null });
  });
});
