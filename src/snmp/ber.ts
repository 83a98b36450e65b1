/** Hand-written BER (X.690) for SNMP v1/v2c: fast writers into a reused buffer, a small reader, and allocation-friendly message helpers for tests. Shared by the community transport and the demo agent. */
import { LinkscopeError } from '../model/errors.js';
import { SnmpType, type SnmpTypeTag, type SnmpValue, type VarBind } from './types.js';

/** Universal and SNMP context tags used on the wire (RFC 3416 §3, X.690). */
export const Tag = {
  Sequence: 0x30,
  GetRequest: 0xa0,
  GetNextRequest: 0xa1,
  Response: 0xa2,
  SetRequest: 0xa3,
  GetBulkRequest: 0xa5,
} as const;

/** RFC 3416 §3 error-status values the agent can answer with. */
export const ErrorStatus = {
  noError: 0,
  tooBig: 1,
  noSuchName: 2,
  genErr: 5,
  noAccess: 6,
  notWritable: 17,
} as const;

/** SNMP version field: 0 = v1, 1 = v2c (RFC 1157, RFC 1901). */
export const SnmpVersionNumber = { v1: 0, v2c: 1 } as const;

const TWO32 = 4294967296;

/** Thrown by the reader on malformed input; the agent drops such datagrams like a real agent does. */
export class BerError extends Error {
  override readonly name = 'BerError';
}

// ---------------------------------------------------------------------------------------------
// OIDs
// ---------------------------------------------------------------------------------------------

/** `1.3.6.1.2.1.1.1.0` (optionally with a leading dot) → arcs. Each arc must fit in 32 bits. */
export function parseOid(text: string): number[] {
  const trimmed = text.startsWith('.') ? text.slice(1) : text;
  if (trimmed === '') throw new LinkscopeError('LS_INTERNAL', `empty OID`);
  const arcs = trimmed.split('.').map(Number);
  for (const arc of arcs) {
    if (!Number.isInteger(arc) || arc < 0 || arc > 0xffffffff) {
      throw new LinkscopeError('LS_INTERNAL', `bad OID "${text}": every arc must be an integer 0..4294967295`);
    }
  }
  if (arcs.length < 2 || (arcs[0] as number) > 2 || ((arcs[0] as number) < 2 && (arcs[1] as number) > 39)) {
    throw new LinkscopeError('LS_INTERNAL', `bad OID "${text}": needs two arcs, first 0..2, second 0..39 unless first is 2`);
  }
  return arcs;
}

export function formatOid(arcs: ArrayLike<number>, length = arcs.length): string {
  let s = '';
  for (let i = 0; i < length; i++) s += (i === 0 ? '' : '.') + String(arcs[i]);
  return s;
}

/** Numeric (never string) comparison of two OIDs given as arcs; shorter prefix sorts first. */
export function compareOids(a: ArrayLike<number>, aLength: number, b: ArrayLike<number>, bLength: number): number {
  const n = aLength < bLength ? aLength : bLength;
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return aLength - bLength;
}

function subidLength(v: number): number {
  if (v < 0x80) return 1;
  if (v < 0x4000) return 2;
  if (v < 0x200000) return 3;
  if (v < 0x10000000) return 4;
  return 5;
}

/** Content octets of an OID (X.690 §8.19): first two arcs folded into 40·a+b, base-128 sub-identifiers. */
export function encodeOidContent(arcs: readonly number[]): Buffer {
  const first = (arcs[0] as number) * 40 + (arcs[1] as number);
  let len = subidLength(first);
  for (let i = 2; i < arcs.length; i++) len += subidLength(arcs[i] as number);
  const out = Buffer.allocUnsafe(len);
  let pos = writeSubidAt(out, 0, first);
  for (let i = 2; i < arcs.length; i++) pos = writeSubidAt(out, pos, arcs[i] as number);
  return out;
}


/** Whole OID TLV (tag 0x06, length, content). */
export function encodeOidTlv(arcs: readonly number[]): Buffer {
  const content = encodeOidContent(arcs);
  const head = Buffer.allocUnsafe(1 + lengthOfLength(content.length));
  head[0] = SnmpType.ObjectIdentifier;
  writeLength(head, 1, content.length);
  return Buffer.concat([head, content]);
}

/**
 * Decodes OID content octets buf[start, end) into `out` and returns the arc count. Throws BerError
 * on a truncated sub-identifier, a non-minimal one, or an arc above 2^32-1, or when `out` is full.
 */
export function decodeOidInto(buf: Uint8Array, start: number, end: number, out: Uint32Array | number[]): number {
  if (end <= start) throw new BerError('empty OID');
  let count = 0;
  let v = 0;
  let inSubid = false;
  for (let i = start; i < end; i++) {
    const b = buf[i] as number;
    if (!inSubid && b === 0x80) throw new BerError('non-minimal OID sub-identifier');
    v = v * 128 + (b & 0x7f);
    if (v > 0xffffffff + 80) throw new BerError('OID sub-identifier exceeds 32 bits');
    if (b & 0x80) {
      inSubid = true;
      continue;
    }
    inSubid = false;
    if (count === 0) {
      // First sub-identifier folds the first two arcs (X.690 §8.19.4).
      const a = v < 40 ? 0 : v < 80 ? 1 : 2;
      const second = v - a * 40;
      if (second > 0xffffffff) throw new BerError('OID sub-identifier exceeds 32 bits');
      if (out.length < 2) throw new BerError('OID too long');
      out[0] = a;
      out[1] = second;
      count = 2;
    } else {
      if (v > 0xffffffff) throw new BerError('OID sub-identifier exceeds 32 bits');
      if (count >= out.length) throw new BerError('OID too long');
      out[count++] = v;
    }
    v = 0;
  }
  if (inSubid) throw new BerError('truncated OID sub-identifier');
  return count;
}

// ---------------------------------------------------------------------------------------------
// Lengths and integers: fast writers. Each returns the position after what it wrote.
// ---------------------------------------------------------------------------------------------

/** Bytes needed for a definite length (short form below 128, else 0x8n + n bytes). */
export function lengthOfLength(len: number): number {
  if (len < 0x80) return 1;
  if (len < 0x100) return 2;
  if (len < 0x10000) return 3;
  if (len < 0x1000000) return 4;
  return 5;
}

export function writeLength(buf: Uint8Array, pos: number, len: number): number {
  if (len < 0x80) {
    buf[pos] = len;
    return pos + 1;
  }
  if (len < 0x100) {
    buf[pos] = 0x81;
    buf[pos + 1] = len;
    return pos + 2;
  }
  if (len < 0x10000) {
    buf[pos] = 0x82;
    buf[pos + 1] = len >>> 8;
    buf[pos + 2] = len & 0xff;
    return pos + 3;
  }
  if (len < 0x1000000) {
    buf[pos] = 0x83;
    buf[pos + 1] = len >>> 16;
    buf[pos + 2] = (len >>> 8) & 0xff;
    buf[pos + 3] = len & 0xff;
    return pos + 4;
  }
  buf[pos] = 0x84;
  buf[pos + 1] = len >>> 24;
  buf[pos + 2] = (len >>> 16) & 0xff;
  buf[pos + 3] = (len >>> 8) & 0xff;
  buf[pos + 4] = len & 0xff;
  return pos + 5;
}

/** Content length of a non-negative integer below 2^32, two's complement (leading 0x00 when the top bit is set). */
export function unsignedLength(v: number): number {
  if (v < 0x80) return 1;
  if (v < 0x8000) return 2;
  if (v < 0x800000) return 3;
  if (v < 0x80000000) return 4;
  return 5;
}

export function writeUnsignedContent(buf: Uint8Array, pos: number, v: number, len: number): number {
  if (len === 5) {
    buf[pos++] = 0;
    len = 4;
  }
  for (let i = len - 1; i >= 0; i--) {
    buf[pos + i] = v & 0xff;
    v = v >>> 8;
  }
  return pos + len;
}

/** Content length of a signed 32-bit integer in minimal two's complement. */
export function signedLength(v: number): number {
  if (v >= 0) return unsignedLength(v);
  if (v >= -0x80) return 1;
  if (v >= -0x8000) return 2;
  if (v >= -0x800000) return 3;
  return 4;
}

export function writeSignedContent(buf: Uint8Array, pos: number, v: number, len: number): number {
  if (v >= 0) return writeUnsignedContent(buf, pos, v, len);
  let x = v | 0;
  for (let i = len - 1; i >= 0; i--) {
    buf[pos + i] = x & 0xff;
    x >>= 8;
  }
  return pos + len;
}

/** Content length of an unsigned 64-bit value given as 32-bit halves. */
export function unsigned64Length(hi: number, lo: number): number {
  if (hi === 0) return unsignedLength(lo);
  return 4 + unsignedLength(hi);
}

export function writeUnsigned64Content(buf: Uint8Array, pos: number, hi: number, lo: number, len: number): number {
  if (hi === 0) return writeUnsignedContent(buf, pos, lo, len);
  pos = writeUnsignedContent(buf, pos, hi, len - 4);
  buf[pos] = lo >>> 24;
  buf[pos + 1] = (lo >>> 16) & 0xff;
  buf[pos + 2] = (lo >>> 8) & 0xff;
  buf[pos + 3] = lo & 0xff;
  return pos + 4;
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/** What a MIB view may hold for each type. */
export type ValueInput = number | bigint | string | Buffer;

/** SNMP types a view entry may carry (the exceptions and Null are produced by the agent only). */
export type ValueType =
  | typeof SnmpType.Integer
  | typeof SnmpType.OctetString
  | typeof SnmpType.ObjectIdentifier
  | typeof SnmpType.IpAddress
  | typeof SnmpType.Counter32
  | typeof SnmpType.Gauge32
  | typeof SnmpType.TimeTicks
  | typeof SnmpType.Opaque
  | typeof SnmpType.Counter64;

/** 64-bit wrap of a number or bigint into [hi, lo] halves written into `out`. */
export function splitUnsigned64(value: number | bigint, out: Uint32Array | number[]): void {
  if (typeof value === 'number' && value >= 0 && value <= Number.MAX_SAFE_INTEGER) {
    // Fast path without bigint allocation: every demo counter stays below 2^53.
    const hi = Math.floor(value / TWO32);
    out[0] = hi;
    out[1] = value - hi * TWO32;
    return;
  }
  const big = BigInt.asUintN(64, typeof value === 'bigint' ? value : BigInt(Math.floor(value)));
  out[0] = Number(big >> 32n);
  out[1] = Number(big & 0xffffffffn);
}

/** 32-bit unsigned wrap (Counter32 wraps at 2^32, RFC 2578 §7.1.6); Gauge32/TimeTicks use the same range. */
export function toUnsigned32(value: number | bigint): number {
  if (typeof value === 'bigint') return Number(BigInt.asUintN(32, value));
  if (value >= 0 && value < TWO32) return Math.floor(value);
  const m = Math.floor(value) % TWO32;
  return m < 0 ? m + TWO32 : m;
}

function ipBytes(text: string): Buffer {
  const parts = text.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new LinkscopeError('LS_INTERNAL', `bad IpAddress "${text}": expected dotted quad`);
  }
  return Buffer.from(parts);
}

const scratch64 = new Uint32Array(2);

/**
 * Writes a whole value TLV at pos and returns the end position. `buf` must have room: callers
 * size it with valueTlvLength first. Strings are UTF-8 for OctetString.
 */
export function writeValueTlv(buf: Buffer, pos: number, type: ValueType, value: ValueInput): number {
  switch (type) {
    case SnmpType.Integer: {
      const v = Number(value);
      const len = signedLength(v);
      buf[pos] = type;
      buf[pos + 1] = len;
      return writeSignedContent(buf, pos + 2, v, len);
    }
    case SnmpType.Counter32:
    case SnmpType.Gauge32:
    case SnmpType.TimeTicks: {
      const v = toUnsigned32(value as number | bigint);
      const len = unsignedLength(v);
      buf[pos] = type;
      buf[pos + 1] = len;
      return writeUnsignedContent(buf, pos + 2, v, len);
    }
    case SnmpType.Counter64: {
      splitUnsigned64(value as number | bigint, scratch64);
      const hi = scratch64[0] as number;
      const lo = scratch64[1] as number;
      const len = unsigned64Length(hi, lo);
      buf[pos] = type;
      buf[pos + 1] = len;
      return writeUnsigned64Content(buf, pos + 2, hi, lo, len);
    }
    case SnmpType.OctetString:
    case SnmpType.Opaque: {
      buf[pos] = type;
      if (typeof value === 'string') {
        const len = Buffer.byteLength(value, 'utf8');
        pos = writeLength(buf, pos + 1, len);
        buf.write(value, pos, 'utf8');
        return pos + len;
      }
      const bytes = value as Buffer;
      pos = writeLength(buf, pos + 1, bytes.length);
      buf.set(bytes, pos);
      return pos + bytes.length;
    }
    case SnmpType.IpAddress: {
      const bytes = ipBytes(String(value));
      buf[pos] = type;
      buf[pos + 1] = 4;
      buf.set(bytes, pos + 2);
      return pos + 6;
    }
    case SnmpType.ObjectIdentifier: {
      const content = encodeOidContent(parseOid(String(value)));
      buf[pos] = type;
      pos = writeLength(buf, pos + 1, content.length);
      buf.set(content, pos);
      return pos + content.length;
    }
  }
}

/** Exact size of the TLV writeValueTlv would produce. */
export function valueTlvLength(type: ValueType, value: ValueInput): number {
  switch (type) {
    case SnmpType.Integer:
      return 2 + signedLength(Number(value));
    case SnmpType.Counter32:
    case SnmpType.Gauge32:
    case SnmpType.TimeTicks:
      return 2 + unsignedLength(toUnsigned32(value as number | bigint));
    case SnmpType.Counter64:
      splitUnsigned64(value as number | bigint, scratch64);
      return 2 + unsigned64Length(scratch64[0] as number, scratch64[1] as number);
    case SnmpType.OctetString:
    case SnmpType.Opaque: {
      const len = typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : (value as Buffer).length;
      return 1 + lengthOfLength(len) + len;
    }
    case SnmpType.IpAddress:
      return 6;
    case SnmpType.ObjectIdentifier: {
      const len = encodeOidContent(parseOid(String(value))).length;
      return 1 + lengthOfLength(len) + len;
    }
  }
}

/** Allocating convenience: one value as a standalone TLV. */
export function encodeValue(type: ValueType, value: ValueInput): Buffer {
  const buf = Buffer.allocUnsafe(valueTlvLength(type, value));
  writeValueTlv(buf, 0, type, value);
  return buf;
}

// ---------------------------------------------------------------------------------------------
// Reader
// ---------------------------------------------------------------------------------------------

/** Minimal cursor over one datagram. Positions are absolute offsets into `buf`. */
export class BerReader {
  pos: number;
  /** Tag and content bounds of the element last read by `read()`. */
  tag = 0;
  start = 0;
  end = 0;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly limit = buf.length,
  ) {
    this.pos = start;
  }

  /** Reads one tag + definite length header; leaves pos at the content start. Returns the tag. */
  read(): number {
    const buf = this.buf;
    let pos = this.pos;
    if (pos + 2 > this.limit) throw new BerError('truncated header');
    const tag = buf[pos++] as number;
    // SNMP uses only low-tag-number form; 0x1f would announce a multi-byte tag.
    if ((tag & 0x1f) === 0x1f) throw new BerError('high tag numbers are not used by SNMP');
    let len = buf[pos++] as number;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0 || n > 4) throw new BerError('indefinite or oversized length');
      if (pos + n > this.limit) throw new BerError('truncated length');
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + (buf[pos++] as number);
    }
    if (pos + len > this.limit) throw new BerError('length beyond end of message');
    this.tag = tag;
    this.start = pos;
    this.end = pos + len;
    this.pos = pos;
    return tag;
  }

  /** Reads a header and expects `tag`. */
  expect(tag: number): void {
    if (this.read() !== tag) throw new BerError(`expected tag 0x${tag.toString(16)}, got 0x${this.tag.toString(16)}`);
  }

  /** Skips the content of the element last read. */
  skip(): void {
    this.pos = this.end;
  }

  /** Reads a signed INTEGER (up to 6 content bytes, as a safe number). */
  readInt(): number {
    this.expect(SnmpType.Integer);
    const v = readSigned(this.buf, this.start, this.end);
    this.pos = this.end;
    return v;
  }
}

export function readSigned(buf: Uint8Array, start: number, end: number): number {
  const len = end - start;
  if (len < 1 || len > 6) throw new BerError('integer length out of range');
  let v = 0;
  for (let i = start; i < end; i++) v = v * 256 + (buf[i] as number);
  // Two's complement: a set top bit means the value is raw − 256^len.
  return (buf[start] as number) & 0x80 ? v - 2 ** (8 * len) : v;
}

export function readUnsigned(buf: Uint8Array, start: number, end: number): bigint {
  let v = 0n;
  for (let i = start; i < end; i++) v = (v << 8n) | BigInt(buf[i] as number);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Whole messages (allocating; for tests and the benchmark client, not the agent's hot path)
// ---------------------------------------------------------------------------------------------

export interface RequestVarBind {
  readonly oid: string;
  readonly type?: ValueType;
  readonly value?: ValueInput;
}

export interface SnmpMessage {
  /** 0 = v1, 1 = v2c. */
  readonly version: number;
  readonly community: string;
  readonly pduType: number;
  readonly requestId: number;
  /** error-status, or non-repeaters for GetBulk. */
  readonly errorStatus: number;
  /** error-index, or max-repetitions for GetBulk. */
  readonly errorIndex: number;
  readonly varbinds: readonly VarBind[];
}

function tlv(tag: number, content: Buffer): Buffer {
  const head = Buffer.allocUnsafe(1 + lengthOfLength(content.length));
  head[0] = tag;
  writeLength(head, 1, content.length);
  return Buffer.concat([head, content]);
}

function intTlv(v: number): Buffer {
  return encodeValue(SnmpType.Integer, v);
}

/** Encodes a request (or any PDU) message. Varbinds without a type carry NULL. */
export function encodeMessage(msg: {
  version: number;
  community: string;
  pduType: number;
  requestId: number;
  errorStatus?: number;
  errorIndex?: number;
  varbinds: readonly RequestVarBind[];
}): Buffer {
  const vbs = msg.varbinds.map((vb) => {
    const value = vb.type === undefined ? Buffer.from([SnmpType.Null, 0]) : encodeValue(vb.type, vb.value ?? 0);
    return tlv(Tag.Sequence, Buffer.concat([encodeOidTlv(parseOid(vb.oid)), value]));
  });
  const pdu = tlv(
    msg.pduType,
    Buffer.concat([
      intTlv(msg.requestId),
      intTlv(msg.errorStatus ?? 0),
      intTlv(msg.errorIndex ?? 0),
      tlv(Tag.Sequence, Buffer.concat(vbs)),
    ]),
  );
  return tlv(
    Tag.Sequence,
    Buffer.concat([intTlv(msg.version), encodeValue(SnmpType.OctetString, Buffer.from(msg.community, 'latin1')), pdu]),
  );
}

/** Decodes one value TLV content into the SnmpValue shape of src/snmp/types.ts. */
export function decodeValue(tag: number, buf: Uint8Array, start: number, end: number): SnmpValue {
  switch (tag) {
    case SnmpType.Integer:
      return readSigned(buf, start, end);
    case SnmpType.Gauge32:
    case SnmpType.TimeTicks:
      return Number(readUnsigned(buf, start, end));
    case SnmpType.Counter32:
    case SnmpType.Counter64:
      return readUnsigned(buf, start, end);
    case SnmpType.OctetString:
    case SnmpType.Opaque:
      return Buffer.from(buf.subarray(start, end));
    case SnmpType.IpAddress:
      return Array.from(buf.subarray(start, end)).join('.');
    case SnmpType.ObjectIdentifier: {
      const arcs: number[] = new Array<number>(end - start + 1).fill(0);
      return formatOid(arcs, decodeOidInto(buf, start, end, arcs));
    }
    case SnmpType.Null:
    case SnmpType.NoSuchObject:
    case SnmpType.NoSuchInstance:
    case SnmpType.EndOfMibView:
      return null;
    default:
      throw new BerError(`unknown value tag 0x${tag.toString(16)}`);
  }
}

/** Decodes a whole v1/v2c message (any PDU type). Throws BerError when malformed. */
export function decodeMessage(buf: Uint8Array): SnmpMessage {
  const r = new BerReader(buf);
  r.expect(Tag.Sequence);
  const version = r.readInt();
  r.expect(SnmpType.OctetString);
  const community = Buffer.from(buf.subarray(r.start, r.end)).toString('latin1');
  r.skip();
  const pduType = r.read();
  const requestId = r.readInt();
  const errorStatus = r.readInt();
  const errorIndex = r.readInt();
  r.expect(Tag.Sequence);
  const listEnd = r.end;
  const varbinds: VarBind[] = [];
  const arcs: number[] = new Array<number>(256).fill(0);
  while (r.pos < listEnd) {
    r.expect(Tag.Sequence);
    r.expect(SnmpType.ObjectIdentifier);
    const oid = formatOid(arcs, decodeOidInto(buf, r.start, r.end, arcs));
    r.skip();
    const tag = r.read() as SnmpTypeTag;
    const value = decodeValue(tag, buf, r.start, r.end);
    r.skip();
    varbinds.push({ oid, type: tag, value });
  }
  return { version, community, pduType, requestId, errorStatus, errorIndex, varbinds };
}

// ---------------------------------------------------------------------------------------------
// Client codec: the community transport's hot path. Requests are encoded into a reused scratch
// buffer from OID strings (no arc arrays); responses are decoded without a reader object, without
// throwing, and with reply OID strings built from a cached prefix of the OID asked for.
// ---------------------------------------------------------------------------------------------

/** Version and community TLVs: the fixed start of every request of one transport. */
export function encodeCommunityHead(version: number, community: Uint8Array): Buffer {
  const ver = encodeValue(SnmpType.Integer, version);
  const head = Buffer.allocUnsafe(ver.length + 1 + lengthOfLength(community.length) + community.length);
  ver.copy(head, 0);
  head[ver.length] = SnmpType.OctetString;
  const pos = writeLength(head, ver.length + 1, community.length);
  head.set(community, pos);
  return head;
}

/** One encoded request and where its OIDs sit in it (the reply decoder names OIDs from them). */
export interface EncodedRequest {
  readonly message: Buffer;
  /** Content bounds of each request OID inside `message`. */
  readonly oidStart: Int32Array;
  readonly oidEnd: Int32Array;
  /** True when every OID string is canonical (no leading zeros): it may then serve as a reply OID's prefix text. */
  readonly canonical: boolean;
}

let requestScratch = Buffer.allocUnsafe(64 * 1024);
/** Largest request OID: RFC 3416 §2.4 allows 128 sub-identifiers of at most 5 bytes. */
const MAX_OID_CONTENT = 128 * 5;
const oidScratch = new Uint8Array(MAX_OID_CONTENT + 8);
let oidCanonical = true;

/**
 * Encodes OID text (`1.3.6.1.2.1.1.3.0`, a leading dot tolerated) into oidScratch; returns the
 * content length, or an error text. Sets oidCanonical false when the text is not the form the
 * decoder would produce (leading dot or zeros).
 */
function encodeOidText(text: string): number | string {
  const n = text.length;
  let i = 0;
  if (n > 0 && text.charCodeAt(0) === 0x2e) {
    i = 1;
    oidCanonical = false;
  }
  let arcs = 0;
  let first = 0;
  let len = 0;
  while (i <= n) {
    let v = 0;
    const digitsStart = i;
    while (i < n) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
      if (v > 0xffffffff) return `arc above 4294967295 in OID "${text}"`;
      i++;
    }
    const digits = i - digitsStart;
    if (digits === 0 || (i < n && text.charCodeAt(i) !== 0x2e)) return `"${text}" is not a numeric OID`;
    if (digits > 1 && text.charCodeAt(digitsStart) === 48) oidCanonical = false;
    i++; // the dot (or one past the end)
    if (arcs === 0) {
      if (v > 2) return `OID "${text}" must start with 0, 1 or 2`;
      first = v;
    } else {
      if (arcs === 1) {
        if (first < 2 && v > 39) return `second arc of OID "${text}" must be 0..39`;
        v += first * 40;
      }
      if (len + 5 > MAX_OID_CONTENT) return `OID "${text}" is too long`;
      len = writeSubidAt(oidScratch, len, v);
    }
    arcs++;
  }
  if (arcs < 2) return `OID "${text}" needs at least two arcs`;
  return len;
}

/** One OID sub-identifier in base 128; division instead of >>> keeps arcs above 2^31 exact. */
function writeSubidAt(buf: Uint8Array, pos: number, v: number): number {
  if (v < 0x80) {
    buf[pos] = v;
    return pos + 1;
  }
  const n = subidLength(v);
  for (let i = n - 1; i >= 0; i--) {
    const digit = v % 128;
    buf[pos + i] = i === n - 1 ? digit : digit | 0x80;
    v = Math.floor(v / 128);
  }
  return pos + n;
}

/** Writes a TLV header ending just before `p` (messages are built back to front); returns its start. */
export function prependTlvHeader(buf: Uint8Array, p: number, tag: number, len: number): number {
  p -= 1 + lengthOfLength(len);
  buf[p] = tag;
  writeLength(buf, p + 1, len);
  return p;
}

/** Writes an INTEGER TLV ending just before `p`; returns its start. */
export function prependInteger(buf: Uint8Array, p: number, v: number): number {
  const len = signedLength(v);
  p -= 2 + len;
  buf[p] = SnmpType.Integer;
  buf[p + 1] = len;
  writeSignedContent(buf, p + 2, v, len);
  return p;
}

/**
 * Encodes a GET/GETNEXT/GETBULK request with NULL values. `field2`/`field3` are error-status and
 * error-index (0, 0), or non-repeaters and max-repetitions for GETBULK. Throws
 * LS_VALIDATION for an OID that is not numeric or does not fit BER.
 */
export function encodeRequest(head: Uint8Array, pduType: number, requestId: number, field2: number, field3: number, oids: readonly string[]): EncodedRequest {
  const headroom = head.length + 48;
  const count = oids.length;
  if (requestScratch.length < headroom + count * (MAX_OID_CONTENT + 12)) {
    requestScratch = Buffer.allocUnsafe(headroom + count * (MAX_OID_CONTENT + 12));
  }
  const buf = requestScratch;
  const oidStart = new Int32Array(count * 2);
  oidCanonical = true;
  let pos = headroom;
  for (let k = 0; k < count; k++) {
    const text = oids[k] as string;
    const len = encodeOidText(text);
    if (typeof len === 'string') throw new LinkscopeError('LS_VALIDATION', `cannot encode ${len}`, { details: { oid: text } });
    const oidTlvLen = 1 + lengthOfLength(len) + len;
    const seqLen = oidTlvLen + 2;
    buf[pos] = Tag.Sequence;
    pos = writeLength(buf, pos + 1, seqLen);
    buf[pos] = SnmpType.ObjectIdentifier;
    pos = writeLength(buf, pos + 1, len);
    oidStart[k] = pos;
    for (let i = 0; i < len; i++) buf[pos + i] = oidScratch[i] as number;
    pos += len;
    oidStart[count + k] = pos;
    buf[pos] = SnmpType.Null;
    buf[pos + 1] = 0;
    pos += 2;
  }
  const end = pos;
  let p = prependTlvHeader(buf, headroom, Tag.Sequence, end - headroom);
  p = prependInteger(buf, p, field3);
  p = prependInteger(buf, p, field2);
  p = prependInteger(buf, p, requestId);
  p = prependTlvHeader(buf, p, pduType, end - p);
  p -= head.length;
  buf.set(head, p);
  p = prependTlvHeader(buf, p, Tag.Sequence, end - p);
  const message = Buffer.allocUnsafe(end - p);
  buf.copy(message, 0, p, end);
  for (let i = 0; i < oidStart.length; i++) oidStart[i] = (oidStart[i] as number) - p;
  return { message, oidStart: oidStart.subarray(0, count), oidEnd: oidStart.subarray(count), canonical: oidCanonical };
}

/** Where the parts of a response message sit; filled by readResponseHead. */
export interface ResponseHead {
  version: number;
  communityStart: number;
  communityEnd: number;
  pduType: number;
  requestId: number;
  errorStatus: number;
  errorIndex: number;
  vblStart: number;
  vblEnd: number;
}

export function newResponseHead(): ResponseHead {
  return { version: 0, communityStart: 0, communityEnd: 0, pduType: 0, requestId: 0, errorStatus: 0, errorIndex: 0, vblStart: 0, vblEnd: 0 };
}

/** End of the element whose header header() read last. */
let tlvEnd = 0;

/** Reads the length after the tag at `pos`; returns the content start (tlvEnd = content end), or -1 when it does not fit in `limit`. */
function header(buf: Uint8Array, pos: number, limit: number): number {
  if (pos + 2 > limit) return -1;
  let len = buf[pos + 1] as number;
  pos += 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || pos + n > limit) return -1;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (buf[pos++] as number);
  }
  if (len > limit - pos) return -1;
  tlvEnd = pos + len;
  return pos;
}

/** Two's-complement INTEGER content as a safe number; NaN when empty or beyond 2^53. */
function readInteger(buf: Uint8Array, start: number, end: number): number {
  if (end <= start) return Number.NaN;
  let v = (buf[start] as number) & 0x80 ? (buf[start] as number) - 256 : (buf[start] as number);
  for (let i = start + 1; i < end; i++) v = v * 256 + (buf[i] as number);
  return Number.isSafeInteger(v) ? v : Number.NaN;
}

function readIntegerTlv(buf: Uint8Array, pos: number, limit: number): number {
  if (buf[pos] !== SnmpType.Integer) return Number.NaN;
  const c = header(buf, pos, limit);
  return c < 0 ? Number.NaN : readInteger(buf, c, tlvEnd);
}

/** Parses message, version, community and PDU header. False when the bytes are not an SNMP v1/v2c message. Never throws. */
export function readResponseHead(buf: Uint8Array, h: ResponseHead): boolean {
  if (buf[0] !== Tag.Sequence) return false;
  let p = header(buf, 0, buf.length);
  if (p < 0) return false;
  const end = tlvEnd;
  h.version = readIntegerTlv(buf, p, end);
  if (Number.isNaN(h.version)) return false;
  p = tlvEnd;
  if (buf[p] !== SnmpType.OctetString) return false;
  h.communityStart = header(buf, p, end);
  if (h.communityStart < 0) return false;
  h.communityEnd = p = tlvEnd;
  const pduType = buf[p] as number;
  if ((pduType & 0xe0) !== 0xa0) return false;
  p = header(buf, p, end);
  if (p < 0) return false;
  const pduEnd = tlvEnd;
  h.pduType = pduType;
  h.requestId = readIntegerTlv(buf, p, pduEnd);
  if (Number.isNaN(h.requestId)) return false;
  h.errorStatus = readIntegerTlv(buf, tlvEnd, pduEnd);
  if (Number.isNaN(h.errorStatus)) return false;
  h.errorIndex = readIntegerTlv(buf, tlvEnd, pduEnd);
  if (Number.isNaN(h.errorIndex)) return false;
  p = tlvEnd;
  if (buf[p] !== Tag.Sequence) return false;
  h.vblStart = header(buf, p, pduEnd);
  if (h.vblStart < 0) return false;
  h.vblEnd = tlvEnd;
  return true;
}

/** Appends `.arc` for each sub-identifier in buf[start, end) to `prefix`; null when truncated or an arc exceeds 32 bits. */
function appendArcs(prefix: string, buf: Uint8Array, start: number, end: number): string | null {
  let s = prefix;
  let v = 0;
  for (let i = start; i < end; i++) {
    const b = buf[i] as number;
    v = v * 128 + (b & 0x7f);
    if (v > 0xffffffff) return null;
    if ((b & 0x80) === 0) {
      s += '.' + v;
      v = 0;
    }
  }
  return end > start && (buf[end - 1] as number) & 0x80 ? null : s;
}

/** OID content octets → dotted string (X.690 §8.19); null when empty, truncated or an arc exceeds 32 bits. */
export function decodeOidText(buf: Uint8Array, start: number, end: number): string | null {
  let v = 0;
  let i = start;
  for (; i < end; i++) {
    const b = buf[i] as number;
    v = v * 128 + (b & 0x7f);
    if (v > 0xffffffff + 80) return null;
    if ((b & 0x80) === 0) break;
  }
  if (i >= end) return null;
  const a = v < 40 ? 0 : v < 80 ? 1 : 2;
  return appendArcs(`${a}.${v - a * 40}`, buf, i + 1, end);
}

/**
 * Names reply OIDs. A reply OID almost always extends a prefix of the OID requested in its slot
 * (GETBULK rows of one column: `ifHCInOctets.57` asked, `ifHCInOctets.58..` returned), so per slot
 * the prefix text is found once per reply and each varbind only formats its remaining arcs
 * (net-snmp formats every arc of every OID, a large share of its per-varbind cost).
 */
export class OidNamer {
  #req: Uint8Array = new Uint8Array(0);
  #start: Int32Array = new Int32Array(0);
  #end: Int32Array = new Int32Array(0);
  #oids: readonly string[] = [];
  #canonical = false;
  #prefixLen = new Int32Array(16);
  #prefix: string[] = [];

  /** Starts naming the reply to `req`, whose OIDs were `oids`. */
  reset(req: EncodedRequest, oids: readonly string[]): void {
    this.#req = req.message;
    this.#start = req.oidStart;
    this.#end = req.oidEnd;
    this.#oids = oids;
    this.#canonical = req.canonical;
    if (this.#prefixLen.length < oids.length) this.#prefixLen = new Int32Array(oids.length * 2);
    this.#prefixLen.fill(-1, 0, oids.length);
  }

  get slots(): number {
    return this.#oids.length;
  }

  /** Dotted text of the OID content buf[start, end) of a varbind in `slot`; null when malformed. */
  name(buf: Uint8Array, start: number, end: number, slot: number): string | null {
    const req = this.#req;
    const rs = this.#start[slot] as number;
    const re = this.#end[slot] as number;
    let pl = this.#prefixLen[slot] as number;
    if (pl < 0) {
      pl = re - rs;
      this.#prefixLen[slot] = pl;
      this.#prefix[slot] = this.#canonical ? (this.#oids[slot] as string) : (decodeOidText(req, rs, re) as string);
    }
    const len = end - start;
    if (len >= pl) {
      let i = 0;
      while (i < pl && buf[start + i] === req[rs + i]) i++;
      if (i === pl) return len === pl ? (this.#prefix[slot] as string) : appendArcs(this.#prefix[slot] as string, buf, start + pl, end);
    }
    // Another prefix: the longest one shared with the requested OID that ends on an arc boundary.
    const max = len < re - rs ? len : re - rs;
    let j = 0;
    while (j < max && buf[start + j] === req[rs + j]) j++;
    while (j > 0 && (req[rs + j - 1] as number) & 0x80) j--;
    if (j === 0) return decodeOidText(buf, start, end);
    const prefix = this.#prefixText(rs, j, slot);
    this.#prefixLen[slot] = j;
    this.#prefix[slot] = prefix;
    return j === len ? prefix : appendArcs(prefix, buf, start + j, end);
  }

  /** Text of the first `bytes` content bytes of the requested OID in `slot` (they end on an arc boundary). */
  #prefixText(rs: number, bytes: number, slot: number): string {
    const req = this.#req;
    if (!this.#canonical) return decodeOidText(req, rs, rs + bytes) as string;
    let arcs = 1; // the first byte run holds two arcs
    for (let i = rs; i < rs + bytes; i++) if (((req[i] as number) & 0x80) === 0) arcs++;
    const text = this.#oids[slot] as string;
    let dots = 0;
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 0x2e && ++dots === arcs) return text.slice(0, i);
    }
    return text;
  }
}

/** Why a response could not be decoded. `fatal`: well-formed BER, but a value linkscope will not accept (the same reply would come again). */
export class DecodeFailure {
  constructor(
    readonly reason: string,
    readonly fatal: boolean,
  ) {}
}

const TWO_32 = 4294967296;

/** Counter64 content (≤ 8 significant bytes; a 9th leading 0x00 is BER's sign octet) as bigint; null when longer. */
export function readCounter64(buf: Uint8Array, start: number, end: number): bigint | null {
  while (start < end && buf[start] === 0) start++;
  const significant = end - start;
  if (significant > 8) return null;
  if (significant <= 6) {
    let n = 0;
    for (let i = start; i < end; i++) n = n * 256 + (buf[i] as number);
    return BigInt(n);
  }
  const loStart = end - 4;
  let hi = 0;
  for (let i = start; i < loStart; i++) hi = hi * 256 + (buf[i] as number);
  const lo = (((buf[loStart] as number) << 24) >>> 0) + (((buf[loStart + 1] as number) << 16) | ((buf[loStart + 2] as number) << 8) | (buf[loStart + 3] as number));
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/**
 * Decodes the varbind list buf[start, end) into `out` as src/snmp/decode.ts would leave net-snmp's
 * varbinds: Counter32/Counter64 bigint, Integer/Gauge32/TimeTicks number (32-bit unsigned types
 * wrap like net-snmp's `>>> 0`), OctetString/Opaque a Buffer view of the datagram, OID/IpAddress
 * dotted text, Null and the exceptions null. `namer` (reset for the request) names OIDs by slot
 * (varbind index modulo the requested OIDs); without it every OID is formatted in full.
 * Returns null on success. Never throws.
 */
export function decodeVarBinds(buf: Buffer, start: number, end: number, namer: OidNamer | null, out: VarBind[]): DecodeFailure | null {
  const slots = namer === null ? 0 : namer.slots;
  let p = start;
  let index = 0;
  while (p < end) {
    if (buf[p] !== Tag.Sequence) return new DecodeFailure(`varbind ${index + 1} is not a SEQUENCE`, false);
    const c = header(buf, p, end);
    if (c < 0) return new DecodeFailure(`varbind ${index + 1} is truncated`, false);
    const vbEnd = tlvEnd;
    if (buf[c] !== SnmpType.ObjectIdentifier) return new DecodeFailure(`varbind ${index + 1} does not start with an OID`, false);
    const oc = header(buf, c, vbEnd);
    if (oc < 0) return new DecodeFailure(`the OID of varbind ${index + 1} is truncated`, false);
    const oe = tlvEnd;
    const oid = slots > 0 ? (namer as OidNamer).name(buf, oc, oe, index % slots) : decodeOidText(buf, oc, oe);
    if (oid === null) return new DecodeFailure(`the OID of varbind ${index + 1} is malformed`, false);
    const type = buf[oe] as number;
    const vc = header(buf, oe, vbEnd);
    if (vc < 0) return new DecodeFailure(`the value of ${oid} is truncated`, false);
    const ve = tlvEnd;
    let value: SnmpValue;
    switch (type) {
      case SnmpType.Integer:
        value = readInteger(buf, vc, ve);
        if (Number.isNaN(value)) return new DecodeFailure(`the Integer of ${oid} is empty or too long`, false);
        break;
      case SnmpType.Counter32:
      case SnmpType.Gauge32:
      case SnmpType.TimeTicks: {
        const n = readInteger(buf, vc, ve);
        if (Number.isNaN(n)) return new DecodeFailure(`the 32-bit value of ${oid} is empty or too long`, false);
        // As net-snmp: two's complement read, then wrapped to 32 bits unsigned.
        const u = n >= 0 && n < TWO_32 ? n : n >>> 0;
        value = type === SnmpType.Counter32 ? BigInt(u) : u;
        break;
      }
      case SnmpType.Counter64: {
        // More than 8 significant bytes cannot be a Counter64. One bad value must not cost the whole
        // reply (and with it the ifXTable, or the device): it arrives as null, see VarBind.
        value = readCounter64(buf, vc, ve);
        break;
      }
      case SnmpType.OctetString:
      case SnmpType.Opaque:
        value = buf.subarray(vc, ve);
        break;
      case SnmpType.ObjectIdentifier:
        value = decodeOidText(buf, vc, ve);
        if (value === null) return new DecodeFailure(`the OID value of ${oid} is malformed`, false);
        break;
      case SnmpType.IpAddress:
        if (ve - vc !== 4) return new DecodeFailure(`the IpAddress of ${oid} has ${ve - vc} bytes, not 4`, false);
        value = `${buf[vc] as number}.${buf[vc + 1] as number}.${buf[vc + 2] as number}.${buf[vc + 3] as number}`;
        break;
      case SnmpType.Null:
      case SnmpType.NoSuchObject:
      case SnmpType.NoSuchInstance:
      case SnmpType.EndOfMibView:
        value = null;
        break;
      case 0x01: // BOOLEAN
      case 0x03: // BIT STRING
        return new DecodeFailure(`Unsupported SNMP type 0x${type.toString(16)} for ${oid}`, true);
      default:
        return new DecodeFailure(`unknown value type 0x${type.toString(16)} for ${oid}`, false);
    }
    out.push({ oid, type: type as SnmpTypeTag, value });
    p = vbEnd;
    index++;
  }
  return null;
}

/** A whole response, decoded: for tests and tools; the transport uses the pieces. */
export interface DecodedResponse {
  readonly head: ResponseHead;
  readonly varbinds: VarBind[];
}

/** Decodes one response datagram without a request context. Never throws: malformed input gives a DecodeFailure. */
export function decodeResponse(buf: Buffer): DecodedResponse | DecodeFailure {
  const head = newResponseHead();
  if (!readResponseHead(buf, head)) return new DecodeFailure('not an SNMP v1/v2c message', false);
  const varbinds: VarBind[] = [];
  const failure = decodeVarBinds(buf, head.vblStart, head.vblEnd, null, varbinds);
  return failure ?? { head, varbinds };
}

// ---------------------------------------------------------------------------------------------
// Varbind lists without objects: the packed walk (walkColumnsPacked) reads replies through these
// ---------------------------------------------------------------------------------------------

/** OID content check: 0 malformed (as decodeOidText's null), 1 valid and minimal, 2 valid with a padded (0x80-led) sub-identifier. */
export function checkOid(buf: Uint8Array, start: number, end: number): number {
  let v = 0;
  let i = start;
  let minimal = (buf[start] as number) !== 0x80;
  for (; i < end; i++) {
    const b = buf[i] as number;
    v = v * 128 + (b & 0x7f);
    if (v > 0xffffffff + 80) return 0;
    if ((b & 0x80) === 0) break;
  }
  if (i >= end) return 0;
  v = 0;
  let arcStart = true;
  for (i = i + 1; i < end; i++) {
    const b = buf[i] as number;
    if (arcStart && b === 0x80) minimal = false;
    v = v * 128 + (b & 0x7f);
    if (v > 0xffffffff) return 0;
    arcStart = (b & 0x80) === 0;
    if (arcStart) v = 0;
  }
  return arcStart ? (minimal ? 1 : 2) : 0;
}

/**
 * A validated varbind list, as positions in the datagram: per varbind its OID content, its value
 * content and its wire type. Nothing is decoded; `canonical` is false when some OID has a padded
 * sub-identifier (its bytes then do not order like its arcs, see compareOidBytes).
 */
export class RawVarBinds {
  count = 0;
  canonical = true;
  /** Per varbind: OID content start, end, value content start, end. */
  pos: Int32Array;
  type: Uint8Array;

  constructor(
    readonly buf: Buffer,
    capacity: number,
  ) {
    this.pos = new Int32Array(4 * Math.max(1, capacity));
    this.type = new Uint8Array(Math.max(1, capacity));
  }

  push(oidStart: number, oidEnd: number, type: number, valueStart: number, valueEnd: number): void {
    const n = this.count;
    if (n >= this.type.length) {
      const pos = new Int32Array(this.pos.length * 2);
      pos.set(this.pos);
      this.pos = pos;
      const t = new Uint8Array(this.type.length * 2);
      t.set(this.type);
      this.type = t;
    }
    const p = 4 * n;
    this.pos[p] = oidStart;
    this.pos[p + 1] = oidEnd;
    this.pos[p + 2] = valueStart;
    this.pos[p + 3] = valueEnd;
    this.type[n] = type;
    this.count = n + 1;
  }
}

/**
 * Checks the varbind list buf[start, end) exactly as decodeVarBinds decodes it (same failures,
 * same reasons, same order) and records each varbind's positions in `out`, without building an
 * OID string or a value. `namer` only names OIDs in failure reasons. Never throws.
 */
export function scanVarBinds(buf: Buffer, start: number, end: number, namer: OidNamer | null, out: RawVarBinds): DecodeFailure | null {
  const slots = namer === null ? 0 : namer.slots;
  const nameOf = (oc: number, oe: number, index: number): string => (slots > 0 ? (namer as OidNamer).name(buf, oc, oe, index % slots) : decodeOidText(buf, oc, oe)) as string;
  let p = start;
  let index = 0;
  while (p < end) {
    if (buf[p] !== Tag.Sequence) return new DecodeFailure(`varbind ${index + 1} is not a SEQUENCE`, false);
    const c = header(buf, p, end);
    if (c < 0) return new DecodeFailure(`varbind ${index + 1} is truncated`, false);
    const vbEnd = tlvEnd;
    if (buf[c] !== SnmpType.ObjectIdentifier) return new DecodeFailure(`varbind ${index + 1} does not start with an OID`, false);
    const oc = header(buf, c, vbEnd);
    if (oc < 0) return new DecodeFailure(`the OID of varbind ${index + 1} is truncated`, false);
    const oe = tlvEnd;
    const oidCheck = checkOid(buf, oc, oe);
    if (oidCheck === 0) return new DecodeFailure(`the OID of varbind ${index + 1} is malformed`, false);
    if (oidCheck === 2) out.canonical = false;
    const type = buf[oe] as number;
    const vc = header(buf, oe, vbEnd);
    if (vc < 0) return new DecodeFailure(`the value of ${nameOf(oc, oe, index)} is truncated`, false);
    const ve = tlvEnd;
    switch (type) {
      case SnmpType.Integer:
        if (Number.isNaN(readInteger(buf, vc, ve))) return new DecodeFailure(`the Integer of ${nameOf(oc, oe, index)} is empty or too long`, false);
        break;
      case SnmpType.Counter32:
      case SnmpType.Gauge32:
      case SnmpType.TimeTicks:
        if (Number.isNaN(readInteger(buf, vc, ve))) return new DecodeFailure(`the 32-bit value of ${nameOf(oc, oe, index)} is empty or too long`, false);
        break;
      case SnmpType.Counter64:
      case SnmpType.OctetString:
      case SnmpType.Opaque:
      case SnmpType.Null:
      case SnmpType.NoSuchObject:
      case SnmpType.NoSuchInstance:
      case SnmpType.EndOfMibView:
        break;
      case SnmpType.ObjectIdentifier:
        if (decodeOidText(buf, vc, ve) === null) return new DecodeFailure(`the OID value of ${nameOf(oc, oe, index)} is malformed`, false);
        break;
      case SnmpType.IpAddress:
        if (ve - vc !== 4) return new DecodeFailure(`the IpAddress of ${nameOf(oc, oe, index)} has ${ve - vc} bytes, not 4`, false);
        break;
      case 0x01: // BOOLEAN
      case 0x03: // BIT STRING
        return new DecodeFailure(`Unsupported SNMP type 0x${type.toString(16)} for ${nameOf(oc, oe, index)}`, true);
      default:
        return new DecodeFailure(`unknown value type 0x${type.toString(16)} for ${nameOf(oc, oe, index)}`, false);
    }
    out.push(oc, oe, type, vc, ve);
    p = vbEnd;
    index++;
  }
  return null;
}

/**
 * Arc order of two minimal OID encodings, compared on their bytes: equal bytes are equal arcs; at
 * the first difference, the arc with the longer encoding is the larger one (no leading 0x80),
 * else the differing byte decides. A proper prefix is the smaller.
 */
export function compareOidBytes(a: Uint8Array, aStart: number, aEnd: number, b: Uint8Array, bStart: number, bEnd: number): number {
  const la = aEnd - aStart;
  const lb = bEnd - bStart;
  const n = la < lb ? la : lb;
  let arc = 0; // offset where the current arc starts
  for (let i = 0; i < n; i++) {
    const x = a[aStart + i] as number;
    const y = b[bStart + i] as number;
    if (x === y) {
      if ((x & 0x80) === 0) arc = i + 1;
      continue;
    }
    let ea = i;
    while (ea < la && ((a[aStart + ea] as number) & 0x80) !== 0) ea++;
    let eb = i;
    while (eb < lb && ((b[bStart + eb] as number) & 0x80) !== 0) eb++;
    if (ea - arc !== eb - arc) return ea < eb ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return la === lb ? 0 : la < lb ? -1 : 1;
}

/** The signed INTEGER (or 32-bit unsigned type, wrapped like decodeVarBinds) of a scanned varbind. */
export function readScannedNumber(buf: Uint8Array, type: number, start: number, end: number): number {
  const n = readInteger(buf, start, end);
  if (type === SnmpType.Integer) return n;
  return n >= 0 && n < TWO_32 ? n : n >>> 0;
}

/** Counter64 halves of the last readCounter64Halves call. */
export const counter64 = { hi: 0, lo: 0 };

/** readCounter64 without a bigint: sets counter64.hi/lo; false when the value is longer than 8 significant bytes. */
export function readCounter64Halves(buf: Uint8Array, start: number, end: number): boolean {
  while (start < end && buf[start] === 0) start++;
  const significant = end - start;
  if (significant > 8) return false;
  const loStart = end - 4 > start ? end - 4 : start;
  let hi = 0;
  for (let i = start; i < loStart; i++) hi = hi * 256 + (buf[i] as number);
  let lo = 0;
  for (let i = loStart; i < end; i++) lo = lo * 256 + (buf[i] as number);
  counter64.hi = hi;
  counter64.lo = lo;
  return true;
}
