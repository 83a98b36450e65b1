import { describe, expect, it } from 'vitest';
import { checkOid, compareOidBytes, decodeOidText, decodeVarBinds, encodeOidContent, encodeValue, parseOid, RawVarBinds, readCounter64, readCounter64Halves, counter64, scanVarBinds } from './ber.js';
import { compareOids } from './oid.js';
import { SnmpType, type VarBind } from './types.js';
import { seededRandom } from '../demo/traffic.js';

/** Seeded (mulberry32), so a failure reproduces. */
const rng = seededRandom;

function tlv(tag: number, content: Buffer): Buffer {
  const len = content.length;
  const head = len < 0x80 ? Buffer.from([tag, len]) : Buffer.from([tag, 0x81, len]);
  return Buffer.concat([head, content]);
}

function randomOid(r: () => number): string {
  const arcs = [1, 3, 6, 1, 2, 1];
  const n = Math.floor(r() * 6);
  for (let i = 0; i < n; i++) arcs.push(r() < 0.2 ? Math.floor(r() * 4294967296) : Math.floor(r() * 300));
  return arcs.join('.');
}

const VALUES: readonly (() => Buffer)[] = [
  () => encodeValue(SnmpType.Integer, -12345),
  () => encodeValue(SnmpType.Counter32, 4294967295),
  () => encodeValue(SnmpType.Gauge32, 7),
  () => encodeValue(SnmpType.TimeTicks, 123),
  () => encodeValue(SnmpType.Counter64, (1n << 64n) - 1n),
  () => Buffer.from([SnmpType.Counter64, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9]), // refused: null
  () => encodeValue(SnmpType.OctetString, Buffer.from('eth0')),
  () => encodeValue(SnmpType.IpAddress, '10.0.0.1'),
  () => encodeValue(SnmpType.ObjectIdentifier, '1.3.6.1.4.1.9'),
  () => Buffer.from([SnmpType.Null, 0]),
  () => Buffer.from([SnmpType.EndOfMibView, 0]),
  () => Buffer.from([SnmpType.Integer, 0]), // empty Integer
  () => Buffer.from([SnmpType.Integer, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9]), // too long
  () => Buffer.from([SnmpType.IpAddress, 3, 1, 2, 3]),
  () => Buffer.from([SnmpType.ObjectIdentifier, 0]),
  () => Buffer.from([0x01, 1, 0xff]), // BOOLEAN: fatal
  () => Buffer.from([0x09, 1, 0]), // unknown type
];

/** A varbind list, then perhaps one byte changed or cut short. */
function randomList(r: () => number): Buffer {
  const vbs: Buffer[] = [];
  const n = 1 + Math.floor(r() * 6);
  for (let i = 0; i < n; i++) {
    let oid = encodeOidContent(parseOid(randomOid(r)));
    if (r() < 0.05) oid = Buffer.concat([oid, Buffer.from([0x8f])]); // truncated
    if (r() < 0.05) oid = Buffer.concat([oid.subarray(0, oid.length - 1), Buffer.from([0x80, oid[oid.length - 1] as number])]); // padded
    if (r() < 0.03) oid = Buffer.from([0x8f, 0xff, 0xff, 0xff, 0xff, 0x7f]); // first arc too large
    if (r() < 0.03) oid = Buffer.concat([oid, Buffer.from([0x9f, 0xff, 0xff, 0xff, 0x7f])]); // arc above 2^32-1
    const value = r() < 0.6 ? (VALUES[Math.floor(r() * 7)] as () => Buffer)() : (VALUES[Math.floor(r() * VALUES.length)] as () => Buffer)();
    vbs.push(tlv(0x30, Buffer.concat([tlv(SnmpType.ObjectIdentifier, oid), value])));
  }
  const list = Buffer.concat(vbs);
  if (r() < 0.1) list[Math.floor(r() * list.length)] = Math.floor(r() * 256);
  return r() < 0.05 ? list.subarray(0, Math.floor(r() * list.length)) : list;
}

describe('scanVarBinds', () => {
  it('accepts, refuses and explains exactly what decodeVarBinds does, for 20,000 random lists', () => {
    const r = rng(3);
    let failures = 0;
    for (let i = 0; i < 20_000; i++) {
      const buf = randomList(r);
      const vbs: VarBind[] = [];
      const want = decodeVarBinds(buf, 0, buf.length, null, vbs);
      const raw = new RawVarBinds(buf, 2);
      const got = scanVarBinds(buf, 0, buf.length, null, raw);
      expect(got === null ? null : { reason: got.reason, fatal: got.fatal }).toEqual(want === null ? null : { reason: want.reason, fatal: want.fatal });
      if (want !== null) {
        failures += 1;
        continue;
      }
      expect(raw.count).toBe(vbs.length);
      let canonical = true;
      vbs.forEach((vb, j) => {
        const [os, oe, vs, ve] = raw.pos.subarray(4 * j, 4 * j + 4);
        expect(decodeOidText(buf, os as number, oe as number)).toBe(vb.oid);
        expect(raw.type[j]).toBe(vb.type);
        if (checkOid(buf, os as number, oe as number) === 2) canonical = false;
        if (vb.type === SnmpType.Counter64) {
          const ok = readCounter64Halves(buf, vs as number, ve as number);
          expect(ok ? (BigInt(counter64.hi) << 32n) | BigInt(counter64.lo) : null).toBe(readCounter64(buf, vs as number, ve as number));
        }
      });
      expect(raw.canonical).toBe(canonical);
    }
    expect(failures).toBeGreaterThan(1000);
    expect(failures).toBeLessThan(19_000);
  });
});

describe('compareOidBytes', () => {
  it('orders minimal OID encodings as compareOids orders their text', () => {
    const r = rng(5);
    for (let i = 0; i < 20_000; i++) {
      const a = randomOid(r);
      const b = r() < 0.2 ? a : r() < 0.3 ? `${a}.${Math.floor(r() * 200)}` : randomOid(r);
      const ea = encodeOidContent(parseOid(a));
      const eb = encodeOidContent(parseOid(b));
      expect({ a, b, order: compareOidBytes(ea, 0, ea.length, eb, 0, eb.length) }).toEqual({ a, b, order: compareOids(a, b) });
    }
  });
});
