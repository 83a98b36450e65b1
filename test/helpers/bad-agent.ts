/** A tiny misbehaving SNMP v1/v2c agent (hand-built BER over UDP on 127.0.0.1) for walk-robustness tests. */
import { startUdpAgent } from './udp-agent.js';

/**
 * - `serve`: a correct agent over `table` (default: 20 rows of IF-MIB::ifIndex).
 * - `fixed`: GETBULK answers `oids` as the repetitions (each Integer 1); GETNEXT answers the
 *   n-th request with `oids[n]` (last one repeated). `[a.1, a.1]` = same OID again; `[a.5, a.3]` = lower.
 * - `echo`: every varbind comes back with the OID that was asked for (never advances).
 * - `garbage`: replies with bytes that are not BER.
 * - `too-big-once`: the first GETBULK gets error-status tooBig, later ones are served from the table.
 */
export type BadAgentMode =
  | { readonly kind: 'serve' }
  | { readonly kind: 'fixed'; readonly oids: readonly string[] }
  | { readonly kind: 'echo' }
  | { readonly kind: 'garbage' }
  | { readonly kind: 'too-big-once' };

export interface BadAgentRequest {
  readonly pdu: 'get' | 'getNext' | 'getBulk' | 'other';
  readonly oids: string[];
  readonly nonRepeaters: number;
  readonly maxRepetitions: number;
}

export interface BadAgent {
  readonly host: string;
  readonly port: number;
  readonly requests: BadAgentRequest[];
  stop(): Promise<void>;
}

const IF_INDEX = '1.3.6.1.2.1.2.2.1.1'; // IF-MIB::ifIndex

// ---- minimal BER ---------------------------------------------------------------------------

interface Tlv {
  tag: number;
  start: number; // first content byte
  end: number; // one past the last content byte
}

function readTlv(buf: Buffer, offset: number): Tlv {
  const tag = buf[offset] as number;
  let len = buf[offset + 1] as number;
  let start = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (buf[start + i] as number);
    start += n;
  }
  if (start + len > buf.length) throw new Error('truncated BER');
  return { tag, start, end: start + len };
}

function readInt(buf: Buffer, t: Tlv): number {
  let n = (buf[t.start] as number) & 0x80 ? -1 : 0;
  for (let i = t.start; i < t.end; i++) n = n * 256 + (buf[i] as number);
  return n;
}

function readOid(buf: Buffer, t: Tlv): string {
  const first = buf[t.start] as number;
  const parts = [Math.min(2, Math.floor(first / 40)), first - 40 * Math.min(2, Math.floor(first / 40))];
  let n = 0;
  for (let i = t.start + 1; i < t.end; i++) {
    const b = buf[i] as number;
    n = n * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(n);
      n = 0;
    }
  }
  return parts.join('.');
}

function encLen(len: number): Buffer {
  if (len < 0x80) return Buffer.from([len]);
  const bytes: number[] = [];
  for (let n = len; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), encLen(content.length), content]);
}

function encInt(n: number, tag = 0x02): Buffer {
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v !== 0 && v !== -1);
  if (n >= 0 && ((bytes[0] as number) & 0x80)) bytes.unshift(0);
  if (n < 0 && !((bytes[0] as number) & 0x80)) bytes.unshift(0xff);
  return tlv(tag, Buffer.from(bytes));
}

function encOid(oid: string): Buffer {
  const parts = oid.split('.').map(Number);
  const bytes: number[] = [40 * (parts[0] ?? 0) + (parts[1] ?? 0)];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

interface OutVarbind {
  oid: string;
  /** Integer value, or an exception tag (0x82 endOfMibView). */
  value: number;
  exception?: number;
}

function encVarbinds(vbs: OutVarbind[]): Buffer {
  return tlv(0x30, Buffer.concat(vbs.map((vb) => tlv(0x30, Buffer.concat([encOid(vb.oid), vb.exception !== undefined ? Buffer.from([vb.exception, 0]) : encInt(vb.value)])))));
}

function compareOids(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return (pa[i] as number) < (pb[i] as number) ? -1 : 1;
  return pa.length - pb.length;
}

// ---- the agent -----------------------------------------------------------------------------

export async function startBadAgent(mode: BadAgentMode, table: ReadonlyArray<readonly [string, number]> = Array.from({ length: 20 }, (_, i) => [`${IF_INDEX}.${i + 1}`, i + 1] as const)): Promise<BadAgent> {
  const requests: BadAgentRequest[] = [];
  const sorted = [...table].sort((a, b) => compareOids(a[0], b[0]));
  let bulkSeen = 0;
  let nextSeen = 0;

  const next = (oid: string): OutVarbind => {
    const found = sorted.find(([o]) => compareOids(o, oid) > 0);
    return found === undefined ? { oid, value: 0, exception: 0x82 } : { oid: found[0], value: found[1] };
  };

  // A reply that cannot be built (not BER we understand) throws: startUdpAgent stays silent, like a real agent.
  const agent = await startUdpAgent((msg) => {
    const top = readTlv(msg, 0);
    const version = readTlv(msg, top.start);
    const community = readTlv(msg, version.end);
    const pdu = readTlv(msg, community.end);
    const reqId = readTlv(msg, pdu.start);
    const f2 = readTlv(msg, reqId.end);
    const f3 = readTlv(msg, f2.end);
    const list = readTlv(msg, f3.end);
    const oids: string[] = [];
    for (let off = list.start; off < list.end; ) {
      const vb = readTlv(msg, off);
      oids.push(readOid(msg, readTlv(msg, vb.start)));
      off = vb.end;
    }
    const kind = pdu.tag === 0xa0 ? 'get' : pdu.tag === 0xa1 ? 'getNext' : pdu.tag === 0xa5 ? 'getBulk' : 'other';
    const nonRepeaters = kind === 'getBulk' ? readInt(msg, f2) : 0;
    const maxRepetitions = kind === 'getBulk' ? readInt(msg, f3) : 0;
    requests.push({ pdu: kind, oids, nonRepeaters, maxRepetitions });

    if (mode.kind === 'garbage') return Buffer.from('this is not BER at all, sorry');
    let errorStatus = 0;
    let vbs: OutVarbind[] = [];
    if (kind === 'getBulk') bulkSeen++;
    if (kind === 'getNext') nextSeen++;
    if (mode.kind === 'too-big-once' && kind === 'getBulk' && bulkSeen === 1) {
      errorStatus = 1; // tooBig
      vbs = oids.map((oid) => ({ oid, value: 0, exception: 0x05 }));
    } else if (mode.kind === 'echo') {
      const reps = kind === 'getBulk' ? Math.max(1, maxRepetitions) : 1;
      for (let r = 0; r < reps; r++) for (const oid of oids) vbs.push({ oid, value: 1 });
    } else if (mode.kind === 'fixed' && kind === 'getBulk') {
      vbs = mode.oids.map((oid) => ({ oid, value: 1 }));
    } else if (mode.kind === 'fixed' && kind === 'getNext') {
      const oid = mode.oids[Math.min(nextSeen - 1, mode.oids.length - 1)] as string;
      vbs = oids.map(() => ({ oid, value: 1 }));
    } else if (kind === 'get') {
      vbs = oids.map((oid) => {
        const hit = sorted.find(([o]) => o === oid);
        return hit === undefined ? { oid, value: 0, exception: 0x81 } : { oid, value: hit[1] };
      });
    } else if (kind === 'getNext') {
      vbs = oids.map(next);
    } else {
      const cursors = [...oids];
      for (let r = 0; r < Math.max(1, maxRepetitions); r++) {
        for (let i = 0; i < cursors.length; i++) {
          const vb = next(cursors[i] as string);
          vbs.push(vb);
          cursors[i] = vb.oid;
        }
      }
    }
    const responsePdu = tlv(0xa2, Buffer.concat([encInt(readInt(msg, reqId)), encInt(errorStatus), encInt(errorStatus ? 1 : 0), encVarbinds(vbs)]));
    return tlv(0x30, Buffer.concat([encInt(readInt(msg, version)), tlv(0x04, msg.subarray(community.start, community.end)), responsePdu]));
  });

  return { ...agent, requests };
}
