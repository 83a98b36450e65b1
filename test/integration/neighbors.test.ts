/**
 * Neighbour discovery end to end on the project's own nbr-* recordings (scripts/gen-fixtures.mjs),
 * served by snmpsimd and read through the client `serve` builds. The recordings wire four devices:
 *   nbr-core Te1/1/1 (ifIndex 1)  <-> nbr-access Gi1/0/25 (ifIndex 10125)  LLDP
 *   nbr-core Te1/1/2 (ifIndex 2)  <-> nbr-edge Gi0/0/1 (ifIndex 2)         CDP
 *   nbr-core Te1/1/3 (ifIndex 3)  <-> nbr-dist Gi0/26 (ifIndex 1026)      LLDP
 * (the expected links for the /links end-to-end test on the same files).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnmpClient } from '../../src/app.js';
import { DEFAULTS } from '../../src/config/defaults.js';
import { discoverDevice } from '../../src/discovery/discover.js';
import { discoverNeighbors } from '../../src/discovery/neighbors.js';
import { Secret } from '../../src/model/secret.js';
import type { NeighborDiscovery } from '../../src/model/topology.js';
import { silentLogger } from '../../src/observability/logger.js';
import { withSnmpsim, type SnmpsimHandle } from '../helpers/with-snmpsim.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'snmprec');
const DEVICES = ['nbr-core', 'nbr-access', 'nbr-dist', 'nbr-edge'] as const;

describe('neighbour discovery on the nbr-* network', () => {
  let sim: SnmpsimHandle;
  const client = createSnmpClient(silentLogger(), DEFAULTS.snmp.maxVarbindsPerRequest);
  const results = new Map<string, NeighborDiscovery>();

  beforeAll(async () => {
    sim = await withSnmpsim({ files: DEVICES.map((d) => join(FIXTURES, `${d}.snmprec`)) });
    for (const name of DEVICES) {
      const session = client.open({
        host: sim.host,
        port: sim.port,
        credentials: { version: '2c', community: new Secret(name) },
        timeoutMs: 5000,
        retries: 2,
        maxRepetitions: DEFAULTS.snmp.maxRepetitions,
      });
      try {
        const { discovery } = await discoverDevice(session);
        results.set(name, await discoverNeighbors(session, discovery));
      } finally {
        session.close();
      }
    }
  }, 120_000);
  afterAll(async () => {
    await sim?.stop();
  });

  it('maps nbr-core by ifIndex and decodes MAC, network-address and local IDs and an IPv6 management address', () => {
    const core = results.get('nbr-core');
    expect(core?.localChassisId).toBe('00:1b:54:00:01:00');
    expect(core?.unmapped).toBe(0);
    expect(core?.neighbors).toEqual([
      {
        protocol: 'lldp',
        localIfIndex: 1,
        localIfName: 'Te1/1/1',
        mappedBy: 'ifIndex',
        remoteName: 'nbr-access',
        remoteChassisId: '00:1b:54:00:10:00',
        remotePort: '00:1b:54:00:10:19',
        remotePortDescr: 'GigabitEthernet1/0/25',
        remotePlatform: 'Cisco IOS Software, C2960X',
        remoteCapabilities: ['bridge'],
        remoteAddress: '10.0.0.2',
      },
      expect.objectContaining({ localIfIndex: 3, mappedBy: 'ifIndex', remoteName: 'nbr-dist', remoteChassisId: '10.0.0.3', remotePort: '26', remoteAddress: '2001:db8:100::3' }),
      {
        protocol: 'cdp',
        localIfIndex: 2,
        localIfName: 'Te1/1/2',
        mappedBy: 'ifIndex',
        remoteName: 'nbr-edge',
        remoteChassisId: 'nbr-edge',
        remotePort: 'GigabitEthernet0/0/1',
        remotePortDescr: null,
        remotePlatform: 'cisco ISR4331/K9',
        remoteCapabilities: ['router'],
        remoteAddress: '10.0.0.4',
        nativeVlan: 1,
        duplex: 'full',
      },
    ]);
  });

  it('maps nbr-access through dot1dBasePortIfIndex, not onto the colliding ifIndex 25', () => {
    expect(results.get('nbr-access')?.neighbors).toEqual([
      expect.objectContaining({ localIfIndex: 10125, localIfName: 'Gi1/0/25', mappedBy: 'basePort', remoteName: 'nbr-core', remotePort: 'Te1/1/1', remoteChassisId: '00:1b:54:00:01:00', remoteCapabilities: ['bridge', 'router'] }),
    ]);
  });

  it('maps nbr-dist by lldpLocPortDesc when lldpLocPortId is a shared MAC', () => {
    const dist = results.get('nbr-dist');
    expect(dist?.localChassisId).toBe('10.0.0.3');
    expect(dist?.neighbors).toEqual([expect.objectContaining({ localIfIndex: 1026, localIfName: 'Gi0/26', mappedBy: 'portDesc', remoteName: 'nbr-core', remotePort: 'Te1/1/3', remoteAddress: '10.0.0.1' })]);
  });

  it('reads nbr-edge from CDP alone', () => {
    const edge = results.get('nbr-edge');
    expect(edge?.localChassisId).toBeNull();
    expect(edge?.neighbors).toEqual([
      expect.objectContaining({ protocol: 'cdp', localIfIndex: 2, localIfName: 'Gi0/0/1', mappedBy: 'ifIndex', remoteName: 'nbr-core', remotePort: 'TenGigabitEthernet1/1/2', remoteAddress: '10.0.0.1', remoteCapabilities: ['router', 'bridge', 'igmp'] }),
    ]);
  });
});
