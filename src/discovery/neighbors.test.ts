/** Unit tests for neighbour discovery on fake agents: LLDP with a non-zero timeMark, CDP, a broken table, no LLDP at all, an abort. */
import { describe, expect, it } from 'vitest';
import { LinkscopeError } from '../model/errors.js';
import { Secret } from '../model/secret.js';
import { FakeAgent, FakeSnmpClient } from '../snmp/fake-client.js';
import { SnmpType } from '../snmp/types.js';
import { discoverNeighbors } from './neighbors.js';

const itf = (ifIndex: number, ifName: string, ifAlias = '') => ({ ifIndex, ifName, ifDescr: ifName, ifAlias, ifPhysAddress: '' });
const device = { ifNumber: 3, interfaces: [itf(1, 'vlan1'), itf(10, 'ge-0/0/1'), itf(11, 'ge-0/0/2')] };

const LLDP_REM = '1.0.8802.1.1.2.1.4.1.1'; // LLDP-MIB::lldpRemEntry
const LLDP_LOC_PORT = '1.0.8802.1.1.2.1.3.7.1'; // LLDP-MIB::lldpLocPortEntry
const CDP = '1.3.6.1.4.1.9.9.23.1.2.1.1'; // CISCO-CDP-MIB::cdpCacheEntry

/** An agent with two LLDP neighbours under timeMark 5000, numbered by a private port number. */
function lldpAgent(): FakeAgent {
  const a = new FakeAgent()
    .set('1.3.6.1.2.1.1.5.0', SnmpType.OctetString, 'sw1')
    .set('1.0.8802.1.1.2.1.3.1.0', SnmpType.Integer, 4) // LLDP-MIB::lldpLocChassisIdSubtype.0
    .set('1.0.8802.1.1.2.1.3.2.0', SnmpType.OctetString, Buffer.from([0, 0x1b, 0x21, 0, 0, 1])); // LLDP-MIB::lldpLocChassisId.0
  // Local port 1 is ge-0/0/1 (ifIndex 10), port 2 is ge-0/0/2: port 1 must not land on ifIndex 1.
  for (const [port, name] of [
    [1, 'ge-0/0/1'],
    [2, 'ge-0/0/2'],
  ] as const) {
    a.set(`${LLDP_LOC_PORT}.2.${port}`, SnmpType.Integer, 5).set(`${LLDP_LOC_PORT}.3.${port}`, SnmpType.OctetString, name);
  }
  for (const [port, rem, sysName, mac] of [
    [1, 3, 'core1', [0, 0x11, 0x22, 0x33, 0x44, 0x55]],
    [2, 4, 'ap7', [0, 0x11, 0x22, 0x33, 0x44, 0x66]],
  ] as const) {
    const i = `5000.${port}.${rem}`;
    a.set(`${LLDP_REM}.4.${i}`, SnmpType.Integer, 4)
      .set(`${LLDP_REM}.5.${i}`, SnmpType.OctetString, Buffer.from(mac))
      .set(`${LLDP_REM}.6.${i}`, SnmpType.Integer, 5)
      .set(`${LLDP_REM}.7.${i}`, SnmpType.OctetString, 'xe-1/0/0')
      .set(`${LLDP_REM}.9.${i}`, SnmpType.OctetString, sysName)
      .set(`${LLDP_REM}.12.${i}`, SnmpType.OctetString, Buffer.from([0x28, 0x00]));
  }
  // LLDP-MIB::lldpRemManAddrIfSubtype.5000.1.3.ipV6(2).16.<2001:db8::1>
  a.set('1.0.8802.1.1.2.1.4.2.1.3.5000.1.3.2.16.32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.1', SnmpType.Integer, 2);
  return a;
}

function open(agent: FakeAgent) {
  const snmp = new FakeSnmpClient();
  snmp.addAgent('10.0.0.1', agent);
  return snmp.open({ host: '10.0.0.1', port: 161, credentials: { version: '2c', community: new Secret('c') }, timeoutMs: 100, retries: 0, maxRepetitions: 10 });
}

describe('discoverNeighbors', () => {
  it('reads LLDP rows under a non-zero timeMark, maps private port numbers by lldpLocPortId, decodes the remote side', async () => {
    const result = await discoverNeighbors(open(lldpAgent()), device);
    expect(result.localChassisId).toBe('00:1b:21:00:00:01');
    expect(result.unmapped).toBe(0);
    expect(result.neighbors).toEqual([
      {
        protocol: 'lldp',
        localIfIndex: 10,
        localIfName: 'ge-0/0/1',
        mappedBy: 'portId',
        remoteName: 'core1',
        remoteChassisId: '00:11:22:33:44:55',
        remotePort: 'xe-1/0/0',
        remotePortDescr: null,
        remotePlatform: null,
        remoteCapabilities: ['bridge', 'router'],
        remoteAddress: '2001:db8::1',
      },
      expect.objectContaining({ localIfIndex: 11, mappedBy: 'portId', remoteName: 'ap7', remoteAddress: null }),
    ]);
  });

  it('keeps a row whose port cannot be mapped, with localIfIndex null, and counts it', async () => {
    const agent = lldpAgent()
      .set(`${LLDP_REM}.5.5000.9.1`, SnmpType.OctetString, Buffer.from([2, 2, 2, 2, 2, 2]))
      .set(`${LLDP_REM}.9.5000.9.1`, SnmpType.OctetString, 'stray');
    const result = await discoverNeighbors(open(agent), device);
    expect(result.unmapped).toBe(1);
    expect(result.neighbors.find((n) => n.remoteName === 'stray')).toMatchObject({ localIfIndex: null, mappedBy: null, localIfName: null });
  });

  it('loses only a broken CDP table: the LLDP neighbours stay, the error is listed', async () => {
    const agent = lldpAgent().set(`${CDP}.6.10.1`, SnmpType.OctetString, 'r1');
    agent.fail((r) => (r.oids.some((o) => o.startsWith(CDP)) ? new LinkscopeError('LS_SNMP_OID_NOT_INCREASING', 'loops') : undefined));
    const result = await discoverNeighbors(open(agent), device);
    expect(result.neighbors.map((n) => n.remoteName)).toEqual(['core1', 'ap7']);
    expect(result.diagnostics?.tableErrors).toEqual([expect.objectContaining({ table: 'cdpCacheTable', code: 'LS_SNMP_OID_NOT_INCREASING' })]);
  });

  it('reads CDP rows by cdpCacheIfIndex with address, platform, native VLAN and duplex', async () => {
    const agent = new FakeAgent()
      .set(`${CDP}.3.11.7`, SnmpType.Integer, 1)
      .set(`${CDP}.4.11.7`, SnmpType.OctetString, Buffer.from([10, 4, 1, 1]))
      .set(`${CDP}.6.11.7`, SnmpType.OctetString, 'r1.example')
      .set(`${CDP}.7.11.7`, SnmpType.OctetString, 'GigabitEthernet0/1')
      .set(`${CDP}.8.11.7`, SnmpType.OctetString, 'cisco ISR4331')
      .set(`${CDP}.9.11.7`, SnmpType.OctetString, Buffer.from([0, 0, 0, 0x01]))
      .set(`${CDP}.11.11.7`, SnmpType.Integer, 20)
      .set(`${CDP}.12.11.7`, SnmpType.Integer, 3);
    const result = await discoverNeighbors(open(agent), device);
    expect(result.neighbors).toEqual([
      {
        protocol: 'cdp',
        localIfIndex: 11,
        localIfName: 'ge-0/0/2',
        mappedBy: 'ifIndex',
        remoteName: 'r1.example',
        remoteChassisId: 'r1.example',
        remotePort: 'GigabitEthernet0/1',
        remotePortDescr: null,
        remotePlatform: 'cisco ISR4331',
        remoteCapabilities: ['router'],
        remoteAddress: '10.4.1.1',
        nativeVlan: 20,
        duplex: 'full',
      },
    ]);
  });

  it('leaves out rows that identify nothing (all-zero IDs, no name) and counts them', async () => {
    // Cambium PMP: one all-zero row; anonymised ArubaOS-CX recordings: zero MACs as text, no name.
    const agent = new FakeAgent()
      .set(`${LLDP_REM}.4.0.10.1`, SnmpType.Integer, 4)
      .set(`${LLDP_REM}.5.0.10.1`, SnmpType.OctetString, '00:00:00:00:00:00')
      .set(`${LLDP_REM}.7.0.10.1`, SnmpType.OctetString, Buffer.from([0, 0, 0, 0]))
      .set(`${LLDP_REM}.9.0.10.1`, SnmpType.OctetString, '');
    const result = await discoverNeighbors(open(agent), device);
    expect(result.neighbors).toEqual([]);
    expect(result.diagnostics?.emptyRows).toBe(1);
  });

  it('returns an empty result for an agent without LLDP or CDP', async () => {
    const result = await discoverNeighbors(open(new FakeAgent().set('1.3.6.1.2.1.1.5.0', SnmpType.OctetString, 'printer')), device);
    expect(result).toMatchObject({ localChassisId: null, neighbors: [], unmapped: 0 });
  });

  it('stops asking an agent that timed out, without throwing', async () => {
    const agent = lldpAgent().timeout();
    const result = await discoverNeighbors(open(agent), device);
    expect(result.neighbors).toEqual([]);
    expect(result.diagnostics?.tableErrors[0]).toMatchObject({ table: 'lldpRemTable', code: 'LS_SNMP_TIMEOUT' });
    // One timed-out request; every later table is listed as not walked rather than waited for.
    expect(agent.requests).toBe(1);
    expect(result.diagnostics?.tableErrors.slice(1).every((e) => e.message.startsWith('not walked'))).toBe(true);
  });

  it('throws an abort', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(discoverNeighbors(open(lldpAgent()), device, { signal: ac.signal })).rejects.toMatchObject({ code: 'LS_SNMP_ABORTED' });
  });
});
