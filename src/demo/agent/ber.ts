/** Hand-written BER (X.690) for the SNMP subset the demo agent speaks: fast writers into a reused buffer, a small reader, and allocation-friendly helpers for tests. */
import { LinkscopeError } from '../../model/errors.js';
import { SnmpType, type SnmpTypeTag, type SnmpValue, type VarBind } from '../../snmp/types.js';

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
  let pos = writeSubid(out, 0, first);
  for (let i = 2; i < arcs.length; i++) pos = writeSubid(out, pos, arcs[i] as number);
  return out;
}

function writeSubid(buf: Buffer, pos: number, v: number): number {
  const n = subidLength(v);
  // Division instead of >>> keeps values above 2^31 exact (arcs go up to 2^32-1, and 40·2+arc beyond).
  for (let i = n - 1; i >= 0; i--) {
    const digit = v % 128;
    buf[pos + i] = i === n - 1 ? digit : digit | 0x80;
    v = Math.floor(v / 128);
  }
  return pos + n;
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
