/** BER round trips for the values and OIDs the demo agent and the community transport encode. */
import { describe, expect, it } from 'vitest';
import { isLinkscopeError } from '../model/errors.js';
import { SnmpType, isBadValue, type VarBind } from './types.js';
import {
  BerError,
  BerReader,
  DecodeFailure,
  OidNamer,
  Tag,
  compareOids,
  decodeResponse,
  decodeVarBinds,
  encodeCommunityHead,
  encodeRequest,
  newResponseHead,
  readResponseHead,
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

// ---------------------------------------------------------------------------------------------
// Client codec (community transport)
// ---------------------------------------------------------------------------------------------

/** A TLV with any content; for hand-built replies the encoder would never produce. */
function raw(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const len = body.length < 0x80 ? Buffer.from([body.length]) : body.length < 0x100 ? Buffer.from([0x81, body.length]) : Buffer.from([0x82, body.length >> 8, body.length & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
}

const hex = (h: string): Buffer => Buffer.from(h.replace(/ /g, ''), 'hex');
const oidTlv = (oid: string): Buffer => encodeValue(SnmpType.ObjectIdentifier, oid);

/** A v2c Response to request-id 7 carrying the given varbind TLVs. */
function response(varbinds: Buffer[], errorStatus = 0, errorIndex = 0): Buffer {
  return raw(0x30, hex('020101'), encodeValue(SnmpType.OctetString, 'public'), raw(0xa2, hex('020107'), encodeValue(SnmpType.Integer, errorStatus), encodeValue(SnmpType.Integer, errorIndex), raw(0x30, ...varbinds)));
}

function decodeOk(buf: Buffer): { oid: string; type: number; value: unknown }[] {
  const r = decodeResponse(buf);
  if (r instanceof DecodeFailure) throw new Error(r.reason);
  return r.varbinds;
}

describe('client codec: requests', () => {
  const head = encodeCommunityHead(1, Buffer.from('public'));

  it('encodes GET, GETNEXT and GETBULK requests the message decoder reads back', () => {
    const oids = ['1.3.6.1.2.1.1.3.0', '1.3.6.1.4.1.99.4294967295.268435456.0', '2.999.3'];
    for (const [pdu, f2, f3] of [[Tag.GetRequest, 0, 0], [Tag.GetNextRequest, 0, 0], [Tag.GetBulkRequest, 0, 25]] as const) {
      const req = encodeRequest(head, pdu, 0x7ffffffe, f2, f3, oids);
      const msg = decodeMessage(req.message);
      expect(msg).toMatchObject({ version: 1, community: 'public', pduType: pdu, requestId: 0x7ffffffe, errorStatus: f2, errorIndex: f3 });
      expect(msg.varbinds).toEqual(oids.map((oid) => ({ oid, type: SnmpType.Null, value: null })));
      expect(req.canonical).toBe(true);
      for (let i = 0; i < oids.length; i++) {
        expect(req.message.subarray(req.oidStart[i], req.oidEnd[i])).toEqual(encodeOidContent(parseOid(oids[i] as string)));
      }
    }
  });

  it('uses long-form lengths for a request of 300 OIDs', () => {
    const oids = Array.from({ length: 300 }, (_, i) => `1.3.6.1.2.1.2.2.1.10.${i + 1}`);
    const req = encodeRequest(head, Tag.GetRequest, 1, 0, 0, oids);
    expect(req.message[1]).toBe(0x82);
    expect(decodeMessage(req.message).varbinds.map((vb) => vb.oid)).toEqual(oids);
  });

  it('marks OIDs with a leading dot or leading zeros as not canonical, and encodes their value', () => {
    const req = encodeRequest(head, Tag.GetRequest, 1, 0, 0, ['.1.3.6.01.2']);
    expect(req.canonical).toBe(false);
    expect(decodeMessage(req.message).varbinds[0]?.oid).toBe('1.3.6.1.2');
  });

  it('refuses OIDs that are not numeric or do not fit BER with LS_VALIDATION', () => {
    for (const bad of ['', '1', '1.3.x', '3.1', '1.40', '1.3.4294967296', '1..3', '1.3.', Array.from({ length: 200 }, () => '4294967295').join('.')]) {
      let err: unknown;
      try {
        encodeRequest(head, Tag.GetRequest, 1, 0, 0, ['1.3.6', bad]);
      } catch (e) {
        err = e;
      }
      expect(isLinkscopeError(err, 'LS_VALIDATION'), bad).toBe(true);
    }
  });
});

describe('client codec: responses', () => {
  it('reads version, community, request-id, error fields and the varbind list bounds', () => {
    const buf = response([raw(0x30, oidTlv('1.3.6.1.2.1.1.3.0'), hex('4302 0100'))], 2, 1);
    const h = newResponseHead();
    expect(readResponseHead(buf, h)).toBe(true);
    expect(h).toMatchObject({ version: 1, pduType: 0xa2, requestId: 7, errorStatus: 2, errorIndex: 1 });
    expect(buf.toString('latin1', h.communityStart, h.communityEnd)).toBe('public');
    expect(h.vblEnd).toBe(buf.length);
  });

  it('decodes 2^64-1, a 9-byte Counter64, short and zero-length Counter64 exactly', () => {
    expect(decodeOk(response([
      raw(0x30, oidTlv('1.3.6.1.2.1.31.1.1.1.6.1'), hex('4609 00 ffffffffffffffff')),
      raw(0x30, oidTlv('1.3.6.1.2.1.31.1.1.1.6.2'), hex('4609 00 8000000000000001')),
      raw(0x30, oidTlv('1.3.6.1.2.1.31.1.1.1.6.3'), hex('4608 0000000000000005')),
      raw(0x30, oidTlv('1.3.6.1.2.1.31.1.1.1.6.4'), hex('4601 05')),
      raw(0x30, oidTlv('1.3.6.1.2.1.31.1.1.1.6.5'), hex('4600')),
      raw(0x30, oidTlv('1.3.6.1.2.1.31.1.1.1.6.6'), hex('4607 01000000000000')),
    ])).map((vb) => vb.value)).toEqual([2n ** 64n - 1n, 2n ** 63n + 1n, 5n, 5n, 0n, 2n ** 48n]);
  });

  it('decodes a Counter64 with more than 8 significant bytes as a bad value (null) and keeps the rest of the reply', () => {
    const vbs = decodeOk(response([
      raw(0x30, oidTlv('1.3.6.1.2.1.31.1.1.1.6.1'), hex('4609 01 0000000000000000')),
      raw(0x30, oidTlv('1.3.6.1.2.1.31.1.1.1.6.2'), hex('4609 00 8000000000000001')),
    ]));
    expect(vbs.map((vb) => [vb.type, vb.value])).toEqual([[SnmpType.Counter64, null], [SnmpType.Counter64, 2n ** 63n + 1n]]);
    expect(isBadValue(vbs[0] as VarBind)).toBe(true);
    expect(isBadValue(vbs[1] as VarBind)).toBe(false);
  });

  it('decodes negative Integers and wraps 32-bit unsigned types like net-snmp', () => {
    expect(decodeOk(response([
      raw(0x30, oidTlv('1.3.6.1.2.1.1.1.0'), hex('0201 ff')),
      raw(0x30, oidTlv('1.3.6.1.2.1.1.1.1'), hex('0204 80000000')),
      raw(0x30, oidTlv('1.3.6.1.2.1.1.1.2'), hex('0206 ff0000000000')),
      raw(0x30, oidTlv('1.3.6.1.2.1.1.1.3'), hex('4105 00ffffffff')),
      raw(0x30, oidTlv('1.3.6.1.2.1.1.1.4'), hex('4101 ff')),
      raw(0x30, oidTlv('1.3.6.1.2.1.1.1.5'), hex('4205 0100000007')),
      raw(0x30, oidTlv('1.3.6.1.2.1.1.1.6'), hex('4304 7fffffff')),
    ])).map((vb) => vb.value)).toEqual([-1, -2147483648, -(2 ** 40), 4294967295n, 4294967295n, 7, 2147483647]);
  });

  it('decodes strings, OIDs with large sub-identifiers, IpAddress, Null and the exceptions', () => {
    const long = Buffer.alloc(300, 0x61);
    const vbs = decodeOk(response([
      raw(0x30, oidTlv('1.3.6.1.2.1.1.5.0'), encodeValue(SnmpType.OctetString, long)),
      raw(0x30, oidTlv('1.3.6.1.4.1.4294967295.268435456'), encodeValue(SnmpType.ObjectIdentifier, '2.999.4294967295')),
      raw(0x30, oidTlv('1.3.6.1.2.1.4.20.1.1.10.0.0.1'), hex('4004 0a000001')),
      raw(0x30, oidTlv('1.3.6.1.2.1.1.9.0'), hex('4403 010203')),
      raw(0x30, oidTlv('1.3.6.1.2.1.1.10.0'), hex('0500')),
      raw(0x30, oidTlv('1.3.6.1.2.1.1.11.0'), hex('8000')),
      raw(0x30, oidTlv('1.3.6.1.2.1.1.12.0'), hex('8100')),
      raw(0x30, oidTlv('1.3.6.1.2.1.1.13.0'), hex('8200')),
    ]));
    expect(vbs).toEqual([
      { oid: '1.3.6.1.2.1.1.5.0', type: SnmpType.OctetString, value: long },
      { oid: '1.3.6.1.4.1.4294967295.268435456', type: SnmpType.ObjectIdentifier, value: '2.999.4294967295' },
      { oid: '1.3.6.1.2.1.4.20.1.1.10.0.0.1', type: SnmpType.IpAddress, value: '10.0.0.1' },
      { oid: '1.3.6.1.2.1.1.9.0', type: SnmpType.Opaque, value: hex('010203') },
      { oid: '1.3.6.1.2.1.1.10.0', type: SnmpType.Null, value: null },
      { oid: '1.3.6.1.2.1.1.11.0', type: SnmpType.NoSuchObject, value: null },
      { oid: '1.3.6.1.2.1.1.12.0', type: SnmpType.NoSuchInstance, value: null },
      { oid: '1.3.6.1.2.1.1.13.0', type: SnmpType.EndOfMibView, value: null },
    ]);
  });

  it('accepts non-minimal long-form lengths', () => {
    // 0x81 0x05 and 0x82 0x00 0x03 where short forms would do: BER allows both.
    const body = Buffer.concat([oidTlv('1.3.6.1.2.1.1.3.0'), hex('43 82 0003 010000')]);
    const vb = Buffer.concat([hex('30 81'), Buffer.from([body.length]), body]);
    expect(decodeOk(response([vb]))).toEqual([{ oid: '1.3.6.1.2.1.1.3.0', type: SnmpType.TimeTicks, value: 65536 }]);
  });

  it('refuses IpAddress of the wrong size, unknown types, and 33-bit sub-identifiers as malformed', () => {
    for (const vb of [
      raw(0x30, oidTlv('1.3.6.1.2.1.4.20.1.1'), hex('4005 0a00000101')),
      raw(0x30, oidTlv('1.3.6.1.2.1.1.3.0'), hex('4701 00')),
      raw(0x30, hex('0607 2b06 01 9080808000'), hex('0500')),
      raw(0x30, hex('0603 2b06 81'), hex('0500')),
    ]) {
      const r = decodeResponse(response([vb]));
      expect(r).toBeInstanceOf(DecodeFailure);
      expect((r as DecodeFailure).fatal).toBe(false);
    }
    expect((decodeResponse(response([raw(0x30, oidTlv('1.3.6.1.2.1.1.3.0'), hex('0101ff'))])) as DecodeFailure).fatal).toBe(true);
  });

  it('never throws on random, truncated or bit-flipped datagrams', () => {
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const good = response([
      raw(0x30, oidTlv('1.3.6.1.2.1.31.1.1.1.6.1'), hex('4609 00 ffffffffffffffff')),
      raw(0x30, oidTlv('1.3.6.1.2.1.2.2.1.2.1'), encodeValue(SnmpType.OctetString, 'eth0')),
      raw(0x30, oidTlv('1.3.6.1.2.1.1.2.0'), encodeValue(SnmpType.ObjectIdentifier, '1.3.6.1.4.1.9.1.1')),
      raw(0x30, oidTlv('1.3.6.1.2.1.4.20.1.1.10.0.0.1'), hex('4004 0a000001')),
    ]);
    const namer = new OidNamer();
    const req = encodeRequest(encodeCommunityHead(1, Buffer.from('public')), Tag.GetBulkRequest, 7, 0, 10, ['1.3.6.1.2.1.31.1.1.1.6', '1.3.6.1.2.1.2.2.1.2']);
    const h = newResponseHead();
    let decoded = 0;
    for (let i = 0; i < 5000; i++) {
      let buf: Buffer;
      const mode = i % 3;
      if (mode === 0) buf = Buffer.from(Array.from({ length: rand(80) }, () => rand(256)));
      else if (mode === 1) buf = good.subarray(0, rand(good.length));
      else {
        buf = Buffer.from(good);
        for (let k = 0; k <= rand(4); k++) buf[rand(buf.length)] = rand(256);
      }
      expect(() => decodeResponse(buf)).not.toThrow();
      expect(() => {
        if (!readResponseHead(buf, h)) return;
        namer.reset(req, ['1.3.6.1.2.1.31.1.1.1.6', '1.3.6.1.2.1.2.2.1.2']);
        if (decodeVarBinds(buf, h.vblStart, h.vblEnd, namer, []) === null) decoded++;
      }).not.toThrow();
    }
    expect(decoded).toBeGreaterThan(0);
  });
});

describe('client codec: OID names from the requested prefix', () => {
  const head = encodeCommunityHead(1, Buffer.from('public'));

  function names(requested: string[], replyOids: string[]): (string | null)[] {
    const req = encodeRequest(head, Tag.GetBulkRequest, 1, 0, 10, requested);
    const namer = new OidNamer();
    namer.reset(req, requested);
    return replyOids.map((oid, i) => {
      const c = encodeOidContent(parseOid(oid));
      return namer.name(c, 0, c.length, i % requested.length);
    });
  }

  it('names GETBULK rows across columns, multi-arc indexes, shorter and equal OIDs, and other subtrees', () => {
    const requested = ['1.3.6.1.2.1.31.1.1.1.6.57', '1.3.6.1.2.1.4.20.1.1.10.0.0.1', '1.3.6.1.2.1.2.2.1.2'];
    const reply = [
      '1.3.6.1.2.1.31.1.1.1.6.58', '1.3.6.1.2.1.4.20.1.1.10.0.0.2', '1.3.6.1.2.1.2.2.1.2.1',
      '1.3.6.1.2.1.31.1.1.1.6.128', '1.3.6.1.2.1.4.20.1.1.10.1.200.3', '1.3.6.1.2.1.2.2.1.2.16384',
      '1.3.6.1.2.1.31.1.1.1.7.1', '1.3.6.1.2.1.4.20.1.2.10.0.0.1', '1.3.6.1.2.1.2.2.1.2',
      '1.3.6.1.2.1.31.1.1.1.6.57', '1.3.6', '2.999.4294967295',
    ];
    expect(names(requested, reply)).toEqual(reply);
  });

  it('names replies to non-canonical request OIDs canonically', () => {
    expect(names(['1.3.6.1.2.1.02.2.1.2'], ['1.3.6.1.2.1.2.2.1.2.1', '1.3.6.1.2.1.2.2.1.3.1'])).toEqual(['1.3.6.1.2.1.2.2.1.2.1', '1.3.6.1.2.1.2.2.1.3.1']);
  });
});
