/** Unit tests for snmpwalk-style value text: DISPLAY-HINTs, enumerations, units, hex wrapping, wire types alone. */
import { describe, expect, it } from 'vitest';
import { SnmpType, type VarBind } from '../snmp/types.js';
import { applyIntegerHint, applyOctetHint, formatValue, hexString, timeticks, type MibLookup } from './format-value.js';
import type { MibObject } from './mib-store.js';

const vb = (oid: string, type: VarBind['type'], value: VarBind['value']): VarBind => ({ oid, type, value });

/** A two-object fake MibStore: enough to check the formatter without parsing modules. */
const fake: MibLookup = {
  object(oid: string): MibObject | undefined {
    if (oid.startsWith('1.1.')) return { name: 'X-MIB::state', module: 'X-MIB', oid: '1.1', macro: 'OBJECT-TYPE', baseType: 'INTEGER', enumeration: { 1: 'up', 2: 'down' } };
    if (oid.startsWith('1.2.')) return { name: 'X-MIB::mac', module: 'X-MIB', oid: '1.2', macro: 'OBJECT-TYPE', baseType: 'OCTET STRING', displayHint: '1x:' };
    if (oid.startsWith('1.3.')) return { name: 'X-MIB::temp', module: 'X-MIB', oid: '1.3', macro: 'OBJECT-TYPE', baseType: 'INTEGER', displayHint: 'd-1', units: 'degrees' };
    return undefined;
  },
  nameForOid: (oid) => (oid === '0.0' ? 'SNMPv2-SMI::zeroDotZero' : oid),
};

describe('applyOctetHint', () => {
  it('formats as net-snmp does: no zero padding in x, separators only between, the last spec repeats', () => {
    expect(applyOctetHint('1x:', Buffer.from([0x02, 0xfc, 0, 0, 0, 1]))).toBe('2:fc:0:0:0:1');
    expect(applyOctetHint('255a', Buffer.from('eth0'))).toBe('eth0');
    expect(applyOctetHint('2d-1d-1d,1d:1d:1d.1d,1a1d:1d', Buffer.from([0x07, 0xea, 12, 4, 21, 32, 11, 0, 0x2b, 0, 0]))).toBe('2026-12-4,21:32:11.0,+0:0');
    expect(applyOctetHint('1d.1d.1d.1d', Buffer.from([192, 0, 2, 1]))).toBe('192.0.2.1');
    expect(applyOctetHint('*1x:', Buffer.from([2, 0xab, 0xcd]))).toBe('ab:cd');
    expect(applyOctetHint('1x:', Buffer.alloc(0))).toBe('');
  });
});

describe('applyIntegerHint', () => {
  it('puts a decimal point for d-N and changes base for x, o, b', () => {
    expect(applyIntegerHint('d-2', 12345)).toBe('123.45');
    expect(applyIntegerHint('d-2', 5)).toBe('0.05');
    expect(applyIntegerHint('d-1', -15)).toBe('-1.5');
    expect(applyIntegerHint('d', 7)).toBe('7');
    expect(applyIntegerHint('x', 255)).toBe('ff');
  });
});

describe('hexString and timeticks', () => {
  it('writes each byte and a space, breaking the line after 16 bytes as snmpwalk does', () => {
    expect(hexString(Buffer.from([0x86, 0x6f]))).toBe('86 6F ');
    expect(hexString(Buffer.alloc(17))).toBe(`${'00 '.repeat(16)}\n00 `);
    expect(hexString(Buffer.alloc(16))).toBe('00 '.repeat(16));
  });

  it('writes days only when there are some', () => {
    expect(timeticks(12345)).toBe('(12345) 0:02:03.45');
    expect(timeticks(8640000)).toBe('(8640000) 1 day, 0:00:00.00');
    expect(timeticks(17280001)).toBe('(17280001) 2 days, 0:00:00.01');
  });
});

describe('formatValue', () => {
  it('uses the MIB: enumerations, display hints and units', () => {
    expect(formatValue(vb('1.1.3', SnmpType.Integer, 1), fake)).toBe('INTEGER: up(1)');
    expect(formatValue(vb('1.1.3', SnmpType.Integer, 9), fake)).toBe('INTEGER: 9');
    expect(formatValue(vb('1.2.1', SnmpType.OctetString, Buffer.from([0, 0x1a, 0x2b, 0, 0, 1])), fake)).toBe('STRING: 0:1a:2b:0:0:1');
    expect(formatValue(vb('1.2.1', SnmpType.OctetString, Buffer.alloc(0)), fake)).toBe('STRING: ');
    expect(formatValue(vb('1.3.0', SnmpType.Integer, 215), fake)).toBe('INTEGER: 21.5 degrees');
    expect(formatValue(vb('9.9', SnmpType.ObjectIdentifier, '0.0'), fake)).toBe('OID: SNMPv2-SMI::zeroDotZero');
  });

  it('prints what the wire type alone allows for objects no module defines', () => {
    expect(formatValue(vb('9.1', SnmpType.OctetString, Buffer.from('a "b"')))).toBe('STRING: "a \\"b\\""');
    expect(formatValue(vb('9.1', SnmpType.OctetString, Buffer.from([0, 1, 0xff])))).toBe('Hex-STRING: 00 01 FF ');
    expect(formatValue(vb('9.1', SnmpType.OctetString, Buffer.alloc(0)))).toBe('""');
    expect(formatValue(vb('9.1', SnmpType.ObjectIdentifier, '1.3.6.1.4.1.9'))).toBe('OID: .1.3.6.1.4.1.9');
    expect(formatValue(vb('9.1', SnmpType.Counter64, 18446744073709551615n))).toBe('Counter64: 18446744073709551615');
    expect(formatValue(vb('9.1', SnmpType.Gauge32, 4294967295))).toBe('Gauge32: 4294967295');
    expect(formatValue(vb('9.1', SnmpType.Counter32, 5n))).toBe('Counter32: 5');
    expect(formatValue(vb('9.1', SnmpType.IpAddress, '192.0.2.1'))).toBe('IpAddress: 192.0.2.1');
    expect(formatValue(vb('9.1', SnmpType.TimeTicks, 4200))).toBe('Timeticks: (4200) 0:00:42.00');
    expect(formatValue(vb('9.1', SnmpType.NoSuchInstance, null))).toBe('No Such Instance currently exists at this OID');
  });
});
