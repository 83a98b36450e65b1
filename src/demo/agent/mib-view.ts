/** A MIB view: OIDs sorted numerically, each with its BER pre-encoded once and a static value or a provider evaluated per request. */
import { LinkscopeError } from '../../model/errors.js';
import { SnmpType } from '../../snmp/types.js';
import {
  compareOids,
  encodeOidTlv,
  formatOid,
  lengthOfLength,
  parseOid,
  valueTlvLength,
  writeLength,
  writeValueTlv,
  type ValueInput,
  type ValueType,
} from '../../snmp/ber.js';

/** A value computed at request time; `nowMs` is read once per request so one response is one snapshot. */
export type ValueProvider = (nowMs: number) => ValueInput;

export interface MibEntry {
  readonly oid: Uint32Array;
  readonly oidText: string;
  /** The OID's TLV (0x06 len content), encoded once. */
  readonly oidTlv: Buffer;
  readonly type: ValueType;
  /**
   * Arcs that name the object (scalar or column) without its instance; tells a GET miss apart:
   * same object, other instance → noSuchInstance, else noSuchObject (RFC 3416 §4.2.1).
   */
  readonly objectLength: number;
  /** The whole varbind TLV (SEQUENCE { oid, value }) for static values, else null. */
  readonly fixedVarbind: Buffer | null;
  readonly provider: ValueProvider | null;
}

export type OidLike = string | readonly number[];

function toArcs(oid: OidLike): number[] {
  return typeof oid === 'string' ? parseOid(oid) : [...oid];
}

/** Encodes a complete varbind TLV for a static value. */
function encodeVarbind(oidTlv: Buffer, type: ValueType, value: ValueInput): Buffer {
  const valueLen = valueTlvLength(type, value);
  const contentLen = oidTlv.length + valueLen;
  const buf = Buffer.allocUnsafe(1 + lengthOfLength(contentLen) + contentLen);
  buf[0] = 0x30;
  let pos = writeLength(buf, 1, contentLen);
  buf.set(oidTlv, pos);
  pos += oidTlv.length;
  writeValueTlv(buf, pos, type, value);
  return buf;
}

/** Immutable, sorted view. Lookups are binary searches over numeric arcs. */
export class MibView {
  readonly entries: readonly MibEntry[];
  /** Static values by entry, kept for valueAt only. */
  readonly #statics: ReadonlyMap<MibEntry, ValueInput>;

  constructor(entries: readonly MibEntry[], statics: ReadonlyMap<MibEntry, ValueInput> = new Map()) {
    this.entries = entries;
    this.#statics = statics;
  }

  get size(): number {
    return this.entries.length;
  }

  /** Index of the entry equal to arcs[0, length), or -1. */
  find(arcs: ArrayLike<number>, length: number): number {
    const i = this.lowerBound(arcs, length);
    const e = this.entries[i];
    return e !== undefined && compareOids(e.oid, e.oid.length, arcs, length) === 0 ? i : -1;
  }

  /** Index of the first entry strictly greater than arcs (GETNEXT), or `size` at the end of the view. */
  next(arcs: ArrayLike<number>, length: number): number {
    const i = this.lowerBound(arcs, length);
    const e = this.entries[i];
    return e !== undefined && compareOids(e.oid, e.oid.length, arcs, length) === 0 ? i + 1 : i;
  }

  /** First index whose OID is ≥ arcs. */
  lowerBound(arcs: ArrayLike<number>, length: number): number {
    const entries = this.entries;
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = entries[mid] as MibEntry;
      if (compareOids(e.oid, e.oid.length, arcs, length) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * For a GET miss: true when a neighbour entry's object (scalar or column) is a prefix of the
   * requested OID, i.e. the object exists but not this instance.
   */
  objectExists(arcs: ArrayLike<number>, length: number): boolean {
    const i = this.lowerBound(arcs, length);
    for (const e of [this.entries[i - 1], this.entries[i]]) {
      if (e === undefined || e.objectLength > length) continue;
      if (compareOids(e.oid, e.objectLength, arcs, e.objectLength) === 0) return true;
    }
    return false;
  }

  /** The entry's current value (for tests and debugging; the agent encodes without this). */
  valueAt(index: number, nowMs: number): ValueInput | undefined {
    const e = this.entries[index];
    if (e === undefined) return undefined;
    return e.provider !== null ? e.provider(nowMs) : this.#statics.get(e);
  }
}

/** Collects entries in any order; build() sorts them numerically and rejects duplicates. */
export class MibViewBuilder {
  readonly #entries: MibEntry[] = [];
  readonly #statics = new Map<MibEntry, ValueInput>();

  /** Adds one instance. objectLength defaults to all arcs but the last (a scalar's `.0`). */
  add(oid: OidLike, type: ValueType, value: ValueInput | ValueProvider, objectLength?: number): this {
    const arcs = toArcs(oid);
    const oidTlv = encodeOidTlv(arcs);
    const isProvider = typeof value === 'function';
    if (!isProvider) checkValue(type, value, arcs);
    const entry: MibEntry = {
      oid: Uint32Array.from(arcs),
      oidText: formatOid(arcs),
      oidTlv,
      type,
      objectLength: objectLength ?? arcs.length - 1,
      fixedVarbind: isProvider ? null : encodeVarbind(oidTlv, type, value),
      provider: isProvider ? value : null,
    };
    this.#entries.push(entry);
    if (!isProvider) this.#statics.set(entry, value);
    return this;
  }

  /** A scalar: `objectOid.0`. */
  scalar(objectOid: OidLike, type: ValueType, value: ValueInput | ValueProvider): this {
    const arcs = toArcs(objectOid);
    return this.add([...arcs, 0], type, value, arcs.length);
  }

  /** A table cell: `columnOid.index…`. */
  cell(columnOid: OidLike, index: number | readonly number[], type: ValueType, value: ValueInput | ValueProvider): this {
    const arcs = toArcs(columnOid);
    const idx = typeof index === 'number' ? [index] : index;
    return this.add([...arcs, ...idx], type, value, arcs.length);
  }

  get count(): number {
    return this.#entries.length;
  }

  build(): MibView {
    const sorted = [...this.#entries].sort((a, b) => compareOids(a.oid, a.oid.length, b.oid, b.oid.length));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1] as MibEntry;
      const cur = sorted[i] as MibEntry;
      if (compareOids(prev.oid, prev.oid.length, cur.oid, cur.oid.length) === 0) {
        throw new LinkscopeError('LS_INTERNAL', `MIB view holds ${cur.oidText} twice; each OID must be added once`);
      }
    }
    return new MibView(sorted, this.#statics);
  }
}

function checkValue(type: ValueType, value: ValueInput, arcs: number[]): void {
  const ok =
    type === SnmpType.OctetString || type === SnmpType.Opaque
      ? typeof value === 'string' || Buffer.isBuffer(value)
      : type === SnmpType.ObjectIdentifier || type === SnmpType.IpAddress
        ? typeof value === 'string'
        : typeof value === 'number' || typeof value === 'bigint';
  if (!ok) {
    throw new LinkscopeError('LS_INTERNAL', `MIB view value for ${formatOid(arcs)} does not match type 0x${type.toString(16)}`);
  }
}
