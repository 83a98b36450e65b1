/** Unit tests for the pure parts of interface discovery: rows, speed, counter column choice. */
import { describe, expect, it } from 'vitest';
import { SnmpType, type VarBind } from '../snmp/types.js';
import { chooseSources, chooseSpeedBps, indexColumns } from './discover.js';
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
