/**
 * walkColumnsPacked against walkColumns over the real community transport and a UDP agent on
 * 127.0.0.1 that writes its replies byte by byte (padded sub-identifiers, refused Counter64s,
 * odd indexes): the same rows, values, counts and errors either way.
 */
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { Secret } from '../model/secret.js';
import type { SnmpTarget } from '../model/types.js';
import { Tag, decodeMessage, encodeOidContent, encodeValue, parseOid } from './ber.js';
import { NetSnmpClient } from './net-snmp-client.js';
import { textIndex, type PackedColumn } from './packed.js';
import { compareOids } from './oid.js';
import { SnmpType, type SnmpSession, type VarBind, type WalkOptions } from './types.js';

const COMMUNITY = 'packed-walk';
const IF_DESCR = '1.3.6.1.2.1.2.2.1.2'; // IF-MIB::ifDescr
const IF_OPER = '1.3.6.1.2.1.2.2.1.8'; // IF-MIB::ifOperStatus
const IF_IN_OCTETS = '1.3.6.1.2.1.2.2.1.10'; // IF-MIB::ifInOctets
const IF_HC_IN = '1.3.6.1.2.1.31.1.1.1.6'; // IF-MIB::ifHCInOctets
const IF_HC_OUT = '1.3.6.1.2.1.31.1.1.1.10'; // IF-MIB::ifHCOutOctets

/** One agent varbind: OID text, the OID's content bytes as sent, the value TLV as sent. */
interface Entry {
  readonly oid: string;
  readonly oidBytes: Buffer;
  readonly value: Buffer;
}

function tlv(tag: number, content: Buffer): Buffer {
  const len = content.length;
  const head = len < 0x80 ? Buffer.from([tag, len]) : len < 0x100 ? Buffer.from([tag, 0x81, len]) : Buffer.from([tag, 0x82, len >> 8, len & 0xff]);
  return Buffer.concat([head, content]);
}

function entry(oid: string, type: number, value: number | bigint | string | Buffer, opts: { padded?: boolean; raw?: Buffer } = {}): Entry {
  let oidBytes = encodeOidContent(parseOid(oid));
  if (opts.padded === true) oidBytes = Buffer.concat([oidBytes.subarray(0, oidBytes.length - 1), Buffer.from([0x80, oidBytes[oidBytes.length - 1] as number])]);
  const v = opts.raw ?? encodeValue(type as Parameters<typeof encodeValue>[0], value);
  return { oid, oidBytes, value: v };
}

function reply(requestId: number, vbs: readonly { oidBytes: Buffer; value: Buffer }[], errorStatus = 0, errorIndex = 0): Buffer {
  const int = (n: number): Buffer => encodeValue(SnmpType.Integer, n);
  const list = tlv(Tag.Sequence, Buffer.concat(vbs.map((vb) => tlv(Tag.Sequence, Buffer.concat([tlv(SnmpType.ObjectIdentifier, vb.oidBytes), vb.value])))));
  const pdu = tlv(Tag.Response, Buffer.concat([int(requestId), int(errorStatus), int(errorIndex), list]));
  return tlv(Tag.Sequence, Buffer.concat([int(1), encodeValue(SnmpType.OctetString, Buffer.from(COMMUNITY)), pdu]));
}

const END = Buffer.from([SnmpType.EndOfMibView, 0]);

/** A GETBULK agent over a fixed list of entries (sorted by arcs, as an agent walks them). */
async function agent(entries: readonly Entry[], after?: { readonly oid: string; readonly send: Entry }): Promise<{ port: number; close: () => Promise<void> }> {
  const sorted = [...entries].sort((a, b) => compareOids(a.oid, b.oid));
  const socket = dgram.createSocket('udp4');
  socket.on('message', (msg, peer) => {
    const req = decodeMessage(msg);
    const reps = Math.max(1, req.errorIndex);
    const cursors = req.varbinds.map((vb) => vb.oid);
    const out: { oidBytes: Buffer; value: Buffer }[] = [];
    for (let r = 0; r < reps; r++) {
      for (let i = 0; i < cursors.length; i++) {
        const from = cursors[i] as string;
        const next = sorted.find((e) => compareOids(e.oid, from) > 0);
        if (next === undefined) out.push({ oidBytes: encodeOidContent(parseOid(from)), value: END });
        else if (after !== undefined && from === after.oid) {
          // Scripted: what follows `after.oid`, whatever the order says.
          out.push(after.send);
          cursors[i] = after.send.oid;
        } else {
          out.push(next);
          cursors[i] = next.oid;
        }
      }
    }
    socket.send(reply(req.requestId, out), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  return { port: socket.address().port, close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

function open(port: number): SnmpSession {
  const target: SnmpTarget = { host: '127.0.0.1', port, credentials: { version: '2c', community: new Secret(COMMUNITY) }, timeoutMs: 2000, retries: 0, maxRepetitions: 7 };
  return new NetSnmpClient({ maxVarbindsPerRequest: 20 }).open(target);
}

/** Walks both ways (fresh sessions) and compares rows, values, stats and errors. */
async function compare(
  entries: readonly Entry[],
  columns: readonly string[],
  options: WalkOptions = {},
  after?: { readonly oid: string; readonly send: Entry },
): Promise<{ generic: Map<string, VarBind[]> | null; error: unknown }> {
  const a = await agent(entries, after);
  closers.push(a.close);
  const s1 = open(a.port);
  const s2 = open(a.port);
  closers.push(async () => {
    s1.close();
    s2.close();
  });
  let generic: Map<string, VarBind[]> | null = null;
  let packed: Map<string, PackedColumn> | null = null;
  let e1: unknown = null;
  let e2: unknown = null;
  try {
    generic = await s1.walkColumns(columns, options);
  } catch (err) {
    e1 = err;
  }
  try {
    packed = await (s2.walkColumnsPacked as NonNullable<SnmpSession['walkColumnsPacked']>)(columns, options);
  } catch (err) {
    e2 = err;
  }
  expect(s2.stats).toEqual(s1.stats);
  if (e1 !== null || e2 !== null) {
    expect(e2).toBeInstanceOf(Error);
    expect({ code: (e2 as { code?: string }).code, message: (e2 as Error).message }).toEqual({ code: (e1 as { code?: string }).code, message: (e1 as Error).message });
    return { generic: null, error: e1 };
  }
  expect([...(packed as Map<string, PackedColumn>).keys()]).toEqual([...(generic as Map<string, VarBind[]>).keys()]);
  for (const [root, vbs] of generic as Map<string, VarBind[]>) {
    const col = (packed as Map<string, PackedColumn>).get(root) as PackedColumn;
    expect(col.count).toBe(vbs.length);
    vbs.forEach((vb, r) => {
      expect({ index: col.index[r], type: col.type[r], value: col.valueAt(r), isNull: col.isNull(r) }).toEqual({ index: textIndex(vb.oid, root), type: vb.type, value: vb.value, isNull: vb.value === null });
    });
  }
  return { generic, error: null };
}

const rows = (n: number, make: (i: number) => Entry | null): Entry[] => {
  const out: Entry[] = [];
  for (let i = 1; i <= n; i++) {
    const e = make(i);
    if (e !== null) out.push(e);
  }
  return out;
};

describe('walkColumnsPacked', () => {
  it('reads the same rows and values as walkColumns from a table of every value type', async () => {
    const entries = [
      ...rows(23, (i) => entry(`${IF_DESCR}.${i}`, SnmpType.OctetString, Buffer.from(`eth${i} "x", é`))),
      ...rows(23, (i) => entry(`${IF_OPER}.${i}`, SnmpType.Integer, i % 3 === 0 ? -5 : i % 7)),
      ...rows(23, (i) => entry(`${IF_IN_OCTETS}.${i}`, SnmpType.Counter32, i === 5 ? 4294967295 : i * 1000)),
      ...rows(23, (i) =>
        i === 4
          ? entry(`${IF_HC_IN}.${i}`, SnmpType.Counter64, 0, { raw: Buffer.from([SnmpType.Counter64, 9, 1, 0, 0, 0, 0, 0, 0, 0, 0]) }) // 9 significant bytes: refused
          : i === 6
            ? entry(`${IF_HC_IN}.${i}`, SnmpType.Counter64, (1n << 64n) - 1n)
            : i === 8
              ? entry(`${IF_HC_IN}.${i}`, SnmpType.Counter64, 9007199254740993n)
              : i === 9
                ? entry(`${IF_HC_IN}.${i}`, SnmpType.Null, 0, { raw: Buffer.from([SnmpType.Null, 0]) })
                : i === 10
                  ? entry(`${IF_HC_IN}.${i}`, SnmpType.Gauge32, 77)
                  : i === 11
                    ? entry(`${IF_HC_IN}.${i}`, SnmpType.IpAddress, '10.1.2.3')
                    : i === 12
                      ? entry(`${IF_HC_IN}.${i}`, SnmpType.ObjectIdentifier, '1.3.6.1.4.1.9')
                      : i === 13
                        ? entry(`${IF_HC_IN}.${i}`, SnmpType.TimeTicks, 123456)
                        : entry(`${IF_HC_IN}.${i}`, SnmpType.Counter64, BigInt(i) * 12345678901n),
      ),
      // Odd indexes: two arcs, 0, above 2^31-1, at the 32-bit limit.
      entry(`${IF_HC_OUT}.1`, SnmpType.Counter64, 1n),
      entry(`${IF_HC_OUT}.2.5`, SnmpType.Counter64, 2n),
      entry(`${IF_HC_OUT}.3`, SnmpType.Counter64, 3n),
      entry(`${IF_HC_OUT}.2147483648`, SnmpType.Counter64, 4n),
      entry(`${IF_HC_OUT}.4294967295`, SnmpType.Counter64, 5n),
      entry('1.3.6.1.2.1.31.1.1.1.11.1', SnmpType.Counter64, 6n), // next column: the walk's end
    ];
    const { generic } = await compare(entries, [IF_DESCR, IF_OPER, IF_IN_OCTETS, IF_HC_IN, IF_HC_OUT, '1.3.6.1.2.1.2.2.1.99']);
    expect(generic?.get(IF_HC_IN)).toHaveLength(23);
    expect(generic?.get(IF_HC_OUT)).toHaveLength(5);
  });

  it('compares a reply with padded sub-identifiers as text, as walkColumns names it', async () => {
    const entries = [
      ...rows(12, (i) => entry(`${IF_HC_IN}.${i}`, SnmpType.Counter64, BigInt(i), { padded: i % 4 === 0 })),
      // A long index (the last OID's bytes outgrow their first buffer), padded, then plain rows after it.
      entry(`${IF_HC_IN}.12.${Array.from({ length: 20 }, (_, k) => 200 + k).join('.')}`, SnmpType.Counter64, 1n, { padded: true }),
      entry(`${IF_HC_IN}.13`, SnmpType.Counter64, 13n),
      entry(`${IF_HC_IN}.14`, SnmpType.Counter64, 14n),
    ];
    const { generic } = await compare(entries, [IF_HC_IN, IF_DESCR]);
    expect(generic?.get(IF_HC_IN)).toHaveLength(15);
  });

  it('fails with the same error when OIDs do not increase, in bytes or only in text', async () => {
    const entries = rows(12, (i) => entry(`${IF_HC_IN}.${i}`, SnmpType.Counter64, BigInt(i)));
    const back = await compare(entries, [IF_HC_IN], {}, { oid: `${IF_HC_IN}.9`, send: entry(`${IF_HC_IN}.3`, SnmpType.Counter64, 3n) });
    expect((back.error as { code?: string }).code).toBe('LS_SNMP_OID_NOT_INCREASING');
    // The same OID again, padded: larger bytes, equal arcs.
    const same = await compare(entries, [IF_HC_IN], {}, { oid: `${IF_HC_IN}.9`, send: entry(`${IF_HC_IN}.9`, SnmpType.Counter64, 9n, { padded: true }) });
    expect((same.error as { code?: string }).code).toBe('LS_SNMP_OID_NOT_INCREASING');
  });

  it('stops at the row budget and at maxVarbinds the same way', async () => {
    const entries = rows(30, (i) => entry(`${IF_HC_IN}.${i}`, SnmpType.Counter64, BigInt(i)));
    const limited = await compare(entries, [IF_HC_IN], { maxVarbinds: 9 });
    expect(limited.generic?.get(IF_HC_IN)).toHaveLength(9);
    const over = await compare(entries, [IF_HC_IN], { maxRowsPerColumn: 10 });
    expect((over.error as { code?: string }).code).toBe('LS_SNMP_WALK_BUDGET');
  });
});
