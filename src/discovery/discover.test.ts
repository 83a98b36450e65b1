/** Unit tests for the pure parts of interface discovery: rows, speed, counter column choice. */
import { describe, expect, it } from 'vitest';
import { SnmpType, type VarBind } from '../snmp/types.js';
import { LinkscopeError } from '../model/errors.js';
import { Secret } from '../model/secret.js';
import { FakeAgent, FakeSnmpClient } from '../snmp/fake-client.js';
import { chooseSources, chooseSpeedBps, discoverDevice, indexColumns } from './discover.js';
import { IF } from './oids.js';

describe('chooseSpeedBps', () => {
  it('prefers an unsaturated ifSpeed, else ifHighSpeed', () => {
    expect(chooseSpeedBps(100_000_000, 100)).toBe(100_000_000);
    expect(chooseSpeedBps(4294967295, 10_000)).toBe(10_000_000_000);
    expect(chooseSpeedBps(null, 40_000)).toBe(40_000_000_000);
    expect(chooseSpeedBps(64_000, 0)).toBe(64_000);
    expect(chooseSpeedBps(0, 0)).toBeNull();
    expect(chooseSpeedBps(null, null)).toBeNull();
  });
});

describe('chooseSources', () => {
  it('prefers live 64-bit columns and falls back per column', () => {
    const s = chooseSources({ ifHCInOctets: 10n, ifInOctets: 10n, ifInUcastPkts: 5n, ifOutOctets: 3n, ifInErrors: 0n });
    expect(s.inOctets).toEqual({ column: 'ifHCInOctets', bits: 64 });
    expect(s.inUcastPkts).toEqual({ column: 'ifInUcastPkts', bits: 32 });
    expect(s.outOctets).toEqual({ column: 'ifOutOctets', bits: 32 });
    expect(s.inErrors).toEqual({ column: 'ifInErrors', bits: 32 });
    expect(s.outUcastPkts).toBeUndefined();
  });

  it('skips an HC counter stuck at zero while the 32-bit one moves', () => {
    expect(chooseSources({ ifHCInOctets: 0n, ifInOctets: 123n }).inOctets).toEqual({ column: 'ifInOctets', bits: 32 });
    // Both zero: an idle port, the 64-bit column is fine.
    expect(chooseSources({ ifHCInOctets: 0n, ifInOctets: 0n }).inOctets).toEqual({ column: 'ifHCInOctets', bits: 64 });
  });
});

describe('indexColumns', () => {
  const vb = (oid: string, type: VarBind['type'], value: VarBind['value']): VarBind => ({ oid, type, value });

  it('groups column walks by ifIndex and ignores malformed indexes', () => {
    const columns = new Map<string, VarBind[]>([
      [IF.ifDescr.oid, [vb(`${IF.ifDescr.oid}.1`, SnmpType.OctetString, Buffer.from('eth0')), vb(`${IF.ifDescr.oid}.2.7`, SnmpType.OctetString, Buffer.from('bad'))]],
      [IF.ifName.oid, [vb(`${IF.ifName.oid}.1`, SnmpType.OctetString, Buffer.from('e0')), vb(`${IF.ifName.oid}.9`, SnmpType.OctetString, Buffer.from('orphan'))]],
    ]);
    const rows = indexColumns(columns, ['ifDescr', 'ifName']);
    expect([...rows.keys()]).toEqual([1]);
    expect(rows.get(1)?.ifName).toEqual(Buffer.from('e0'));
  });
});

/** One Cisco interface on a fake agent whose requests touching `brokenPrefix` fail as a buggy agent's would. */
function brokenAgentSession(brokenPrefixes: readonly string[], extra: (a: FakeAgent) => FakeAgent = (a) => a) {
  const agent = extra(
    new FakeAgent()
      .set('1.3.6.1.2.1.1.2.0', SnmpType.ObjectIdentifier, '1.3.6.1.4.1.9.1.1208')
      .set('1.3.6.1.2.1.2.2.1.2.1', SnmpType.OctetString, 'Gi0/1')
      .set('1.3.6.1.2.1.2.2.1.8.1', SnmpType.Integer, 1),
  );
  agent.fail((r) => (r.oids.some((o) => brokenPrefixes.some((p) => o.startsWith(p))) ? new LinkscopeError('LS_SNMP_OID_NOT_INCREASING', 'the table loops') : undefined));
  const snmp = new FakeSnmpClient();
  snmp.addAgent('10.0.0.1', agent);
  return snmp.open({ host: '10.0.0.1', port: 161, credentials: { version: '2c', community: new Secret('c') }, timeoutMs: 100, retries: 0, maxRepetitions: 10 });
}

describe('discoverDevice', () => {
  it('still discovers a device whose agent breaks on the vendor probes', async () => {
    // Any request into an enterprise subtree fails, as a buggy agent's vendor table might.
    const { discovery } = await discoverDevice(brokenAgentSession(['1.3.6.1.4.1.', '1.2.840.']));
    expect(discovery.vendor).toBe('Cisco');
    expect(discovery.interfaces.map((i) => i.ifName)).toEqual(['Gi0/1']);
  });

  it('falls back to ifTable and polls 32-bit counters when the ifXTable walk breaks', async () => {
    const session = brokenAgentSession(['1.3.6.1.2.1.31.1.1.'], (a) =>
      a.set('1.3.6.1.2.1.2.2.1.10.1', SnmpType.Counter32, 5n).set('1.3.6.1.2.1.31.1.1.1.6.1', SnmpType.Counter64, 5n),
    );
    const { discovery } = await discoverDevice(session);
    expect(discovery.interfaces[0]).toMatchObject({ ifName: 'Gi0/1', counterBits: 32 });
    expect(discovery.pollColumns.some((c) => IF[c].oid.startsWith('1.3.6.1.2.1.31.'))).toBe(false);
  });

  it('refuses to call an agent up when it gives neither the system group nor ifTable', async () => {
    const snmp = new FakeSnmpClient();
    // Answers (with noSuchObject everywhere), as snmpd does for a community whose view excludes mib-2.
    snmp.addAgent('10.0.0.9', new FakeAgent().set('1.3.6.1.4.1.8072.1.1.0', SnmpType.Integer, 1)); // under NET-SNMP-MIB::netSnmpObjects
    const session = snmp.open({ host: '10.0.0.9', port: 161, credentials: { version: '2c', community: new Secret('c') }, timeoutMs: 100, retries: 0, maxRepetitions: 10 });
    await expect(discoverDevice(session)).rejects.toMatchObject({ code: 'LS_SNMP_NO_DATA', message: expect.stringContaining('10.0.0.9:161 answers but gives neither the system group') });
  });

  it('still discovers an agent with a system group and no interfaces', async () => {
    const snmp = new FakeSnmpClient();
    snmp.addAgent('10.0.0.8', new FakeAgent().set('1.3.6.1.2.1.1.3.0', SnmpType.TimeTicks, 100)); // SNMPv2-MIB::sysUpTime.0
    const session = snmp.open({ host: '10.0.0.8', port: 161, credentials: { version: '2c', community: new Secret('c') }, timeoutMs: 100, retries: 0, maxRepetitions: 10 });
    expect((await discoverDevice(session)).discovery.interfaces).toEqual([]);
  });
});
