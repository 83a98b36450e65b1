/**
 * Table columns decoded without a VarBind, an OID string or a bigint per row: the interface poll
 * walks its columns into these (walkColumnsPacked). Values are what decodeVarBinds would give,
 * kept in typed arrays; `valueAt` builds the VarBind value when a caller needs the general form.
 */
import type { SnmpSession, SnmpValue, VarBind, WalkOptions } from './types.js';

// SnmpType's tags (types.ts re-exports this module, so it cannot import values from there).
const INTEGER = 0x02;
const COUNTER32 = 0x41;
const GAUGE32 = 0x42;
const TIME_TICKS = 0x43;
const COUNTER64 = 0x46;

const TWO_32 = 4294967296;
const MAX_INDEX = 2147483647;

export class PackedColumn {
  count = 0;
  /** Per row: the one arc after the column OID (an ifIndex), or -1 when the index is not a single arc in 1..2^31-1. */
  index: Int32Array;
  /** Per row: the wire type (SnmpType). */
  type: Uint8Array;
  /** Integer, Counter32, Gauge32 and TimeTicks values (exact); a Counter64's low 32 bits. */
  num: Float64Array;
  /** A Counter64's high 32 bits. */
  hi: Uint32Array;
  /** Values kept as they are (OctetString Buffer, OID or IpAddress text, null for Null or a refused value), by row; holes elsewhere. */
  refs: (SnmpValue | undefined)[] | null = null;

  constructor(capacity = 64) {
    const n = Math.max(1, capacity);
    this.index = new Int32Array(n);
    this.type = new Uint8Array(n);
    this.num = new Float64Array(n);
    this.hi = new Uint32Array(n);
  }

  /** Appends a row with a numeric value (Counter64: `num` = low, `hi` = high 32 bits). */
  push(index: number, type: number, num: number, hi: number): void {
    const r = this.count;
    if (r >= this.type.length) this.#grow();
    this.index[r] = index;
    this.type[r] = type;
    this.num[r] = num;
    this.hi[r] = hi;
    this.count = r + 1;
  }

  /** Appends a row whose value is kept as an object (or null). */
  pushRef(index: number, type: number, value: SnmpValue): void {
    const r = this.count;
    this.push(index, type, 0, 0);
    (this.refs ??= [])[r] = value;
  }

  #grow(): void {
    const n = this.type.length * 2;
    const index = new Int32Array(n);
    index.set(this.index);
    this.index = index;
    const type = new Uint8Array(n);
    type.set(this.type);
    this.type = type;
    const num = new Float64Array(n);
    num.set(this.num);
    this.num = num;
    const hi = new Uint32Array(n);
    hi.set(this.hi);
    this.hi = hi;
  }

  /** True when row r's value is kept as an object (or null) rather than in the typed arrays. */
  isRef(r: number): boolean {
    const refs = this.refs;
    return refs !== null && refs[r] !== undefined;
  }

  /** The row's value as decodeVarBinds gives it (Counter32/64 bigint, Integer/Gauge32/TimeTicks number, …). */
  valueAt(r: number): SnmpValue {
    if (this.isRef(r)) return (this.refs as SnmpValue[])[r] as SnmpValue;
    const type = this.type[r] as number;
    const num = this.num[r] as number;
    switch (type) {
      case COUNTER32:
        return BigInt(num);
      case COUNTER64: {
        const hi = this.hi[r] as number;
        return hi === 0 ? BigInt(num) : (BigInt(hi) << 32n) | BigInt(num);
      }
      case INTEGER:
      case GAUGE32:
      case TIME_TICKS:
        return num;
      default:
        return null;
    }
  }

  /** True when the row's value is null (Null, an exception, or a value the decoder refused). */
  isNull(r: number): boolean {
    if (this.isRef(r)) return (this.refs as SnmpValue[])[r] === null;
    const type = this.type[r] as number;
    return !(type === COUNTER32 || type === COUNTER64 || type === INTEGER || type === GAUGE32 || type === TIME_TICKS);
  }

  /** asNumber(valueAt(r)) for the numeric types without building the value; null for other types (the caller coerces those). */
  numberAt(r: number): number | null {
    if (this.isRef(r)) return null;
    const type = this.type[r] as number;
    if (type === COUNTER64) return (this.hi[r] as number) * TWO_32 + (this.num[r] as number);
    if (type === COUNTER32 || type === INTEGER || type === GAUGE32 || type === TIME_TICKS) return this.num[r] as number;
    return null;
  }
}

/** The single-arc index after `root` in OID text, or -1 (as indexColumns reads it: 1..2^31-1, at most 10 digits). */
export function textIndex(oid: string, root: string): number {
  const start = root.length + 1;
  const len = oid.length - start;
  if (len <= 0 || len > 10) return -1;
  let n = 0;
  for (let i = start; i < oid.length; i += 1) {
    const ch = oid.charCodeAt(i);
    if (ch < 48 || ch > 57) return -1;
    n = n * 10 + (ch - 48);
  }
  return n > 0 && n <= MAX_INDEX ? n : -1;
}

/** Appends one decoded varbind (of column `root`) to a packed column, keeping its value exactly. */
export function packVarBind(col: PackedColumn, root: string, vb: VarBind): void {
  const index = textIndex(vb.oid, root);
  const v = vb.value;
  switch (typeof v) {
    case 'number':
      if (vb.type === INTEGER || vb.type === GAUGE32 || vb.type === TIME_TICKS) {
        col.push(index, vb.type, v, 0);
        return;
      }
      break;
    case 'bigint':
      if (vb.type === COUNTER32 && v >= 0n && v < 4294967296n) {
        col.push(index, vb.type, Number(v), 0);
        return;
      }
      if (vb.type === COUNTER64 && v >= 0n && v < 1n << 64n) {
        col.push(index, vb.type, Number(v & 0xffffffffn), Number(v >> 32n));
        return;
      }
      break;
    default:
      break;
  }
  col.pushRef(index, vb.type, v);
}

/** Packs the result of walkColumns (for sessions whose transport has no raw GETBULK: v1, v3, the fake). */
export function packColumns(columns: ReadonlyMap<string, readonly VarBind[]>): Map<string, PackedColumn> {
  const out = new Map<string, PackedColumn>();
  for (const [root, vbs] of columns) {
    const col = new PackedColumn(vbs.length);
    for (const vb of vbs) packVarBind(col, root, vb);
    out.set(root, col);
  }
  return out;
}

/** walkColumns into packed columns: the session's own packed walk when it has one, else walkColumns packed afterwards. */
export async function walkColumnsPacked(session: SnmpSession, columnOids: readonly string[], options?: WalkOptions): Promise<Map<string, PackedColumn>> {
  if (session.walkColumnsPacked !== undefined) return session.walkColumnsPacked(columnOids, options);
  return packColumns(await session.walkColumns(columnOids, options));
}
