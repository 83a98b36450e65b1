/** BER round trips for the values and OIDs the demo agent encodes. */
import { describe, expect, it } from 'vitest';
import { SnmpType } from '../../snmp/types.js';
import {
  BerError,
  BerReader,
  Tag,
  compareOids,
  decodeMessage,
  decodeOidInto,
  decodeValue,
  encodeMessage,
  encodeOidContent,
  encodeValue,
  formatOid,
  parseOid,
  type ValueInput,
  type ValueType,
} from './ber.js';

function roundTrip(type: ValueType, value: ValueInput): unknown {
  const buf = encodeValue(type, value);
  const r = new BerReader(buf);
  const tag = r.read();
  expect(tag).toBe(type);
  expect(r.end).toBe(buf.length);
  return decodeValue(tag, buf, r.start, r.end);
}

describe('BER values', () => {
  it('round-trips Counter64 across the full 64-bit range', () => {
    for (const v of [0n, 1n, 127n, 128n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n + 1n, 2n ** 63n, 2n ** 64n - 1n]) {
      expect(roundTrip(SnmpType.Counter64, v)).toBe(v);
    }
  });

  it('wraps Counter64 at 2^64 and Counter32 at 2^32', () => {
    expect(roundTrip(SnmpType.Counter64, 2n ** 64n + 5n)).toBe(5n);
    expect(roundTrip(SnmpType.Counter32, 2 ** 32 + 7)).toBe(7n);
    expect(roundTrip(SnmpType.Counter32, 2n ** 32n - 1n)).toBe(2n ** 32n - 1n);
  });

  it('encodes 2^64-1 as nine octets with a leading zero', () => {
    expect(encodeValue(SnmpType.Counter64, 2n ** 64n - 1n).toString('hex')).toBe('460900ffffffffffffffff');
  });

  it('round-trips negative and boundary integers in minimal two’s complement', () => {
    const cases: [number, string][] = [
      [0, '020100'],
      [127, '02017f'],
      [128, '02020080'],
      [-1, '0201ff'],
      [-128, '020180'],
      [-129, '0202ff7f'],
      [2147483647, '02047fffffff'],
      [-2147483648, '020480000000'],
    ];
    for (const [v, hex] of cases) {
      expect(encodeValue(SnmpType.Integer, v).toString('hex')).toBe(hex);
      expect(roundTrip(SnmpType.Integer, v)).toBe(v);
    }
  });

  it('round-trips unsigned 32-bit types up to 2^32-1', () => {
    expect(roundTrip(SnmpType.Gauge32, 4294967295)).toBe(4294967295);
    expect(encodeValue(SnmpType.Gauge32, 4294967295).toString('hex')).toBe('420500ffffffff');
    expect(roundTrip(SnmpType.TimeTicks, 123456)).toBe(123456);
  });

  it('uses long-form lengths for octet strings of 128, 256 and 70000 bytes', () => {
    for (const n of [127, 128, 255, 256, 70_000]) {
      const value = Buffer.alloc(n, 0x61);
      const buf = encodeValue(SnmpType.OctetString, value);
      const expectedHeader = n < 128 ? 2 : n < 256 ? 3 : n < 65536 ? 4 : 5;
      expect(buf.length).toBe(expectedHeader + n);
      expect(roundTrip(SnmpType.OctetString, value)).toEqual(value);
    }
  });

  it('round-trips IpAddress and OID values', () => {
    expect(roundTrip(SnmpType.IpAddress, '10.20.0.1')).toBe('10.20.0.1');
    expect(roundTrip(SnmpType.ObjectIdentifier, '1.3.6.1.4.1.9.1.1861')).toBe('1.3.6.1.4.1.9.1.1861');
  });
});

describe('BER OIDs', () => {
  it('encodes sub-identifiers above 2^28 in five octets and decodes them back', () => {
    const arcs = [1, 3, 6, 1, 4, 1, 2 ** 28, 2 ** 28 + 1, 4294967295, 0];
    const content = encodeOidContent(arcs);
    expect(content.subarray(5, 10).toString('hex')).toBe('8180808000');
    const out = new Uint32Array(128);
    const n = decodeOidInto(content, 0, content.length, out);
    expect(formatOid(out, n)).toBe(arcs.join('.'));
  });

  it('folds the first two arcs, including 2.x with x above 39', () => {
    expect(encodeOidContent([1, 3]).toString('hex')).toBe('2b');
    expect(encodeOidContent([2, 999, 3]).toString('hex')).toBe('883703');
    const out: number[] = new Array<number>(8).fill(0);
    const c = encodeOidContent([2, 999, 3]);
    expect(formatOid(out, decodeOidInto(c, 0, c.length, out))).toBe('2.999.3');
  });

  it('rejects truncated and oversized sub-identifiers', () => {
    const out = new Uint32Array(16);
    expect(() => decodeOidInto(Buffer.from([0x2b, 0x86]), 0, 2, out)).toThrow(BerError);
    expect(() => decodeOidInto(Buffer.from([0x2b, 0x90, 0x80, 0x80, 0x80, 0x00]), 0, 6, out)).toThrow(BerError);
    expect(() => parseOid('1.3.x')).toThrow(/bad OID/);
  });

  it('compares OIDs numerically, not as strings', () => {
    const a = parseOid('1.3.6.1.2.1.2.2.1.10.9');
    const b = parseOid('1.3.6.1.2.1.2.2.1.10.10');
    expect(compareOids(a, a.length, b, b.length)).toBeLessThan(0);
    const prefix = parseOid('1.3.6.1.2.1.2');
    expect(compareOids(prefix, prefix.length, a, a.length)).toBeLessThan(0);
  });
});

describe('BER messages', () => {
  it('round-trips a GetBulk request through encodeMessage and decodeMessage', () => {
    const buf = encodeMessage({
      version: 1,
      community: 'public',
      pduType: Tag.GetBulkRequest,
      requestId: 0x7fffffff,
      errorStatus: 1,
      errorIndex: 25,
      varbinds: [{ oid: '1.3.6.1.2.1.1.1.0' }, { oid: '1.3.6.1.2.1.31.1.1.1.6', type: SnmpType.Counter64, value: 2n ** 64n - 1n }],
    });
    const msg = decodeMessage(buf);
    expect(msg).toMatchObject({ version: 1, community: 'public', pduType: Tag.GetBulkRequest, requestId: 0x7fffffff, errorStatus: 1, errorIndex: 25 });
    expect(msg.varbinds).toEqual([
      { oid: '1.3.6.1.2.1.1.1.0', type: SnmpType.Null, value: null },
      { oid: '1.3.6.1.2.1.31.1.1.1.6', type: SnmpType.Counter64, value: 2n ** 64n - 1n },
    ]);
  });

  it('throws BerError on a length running past the end', () => {
    expect(() => decodeMessage(Buffer.from([0x30, 0x10, 0x02, 0x01, 0x01]))).toThrow(BerError);
  });
});
