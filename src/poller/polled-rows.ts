/**
 * The interface poll's rows, read from packed columns (snmp/packed.ts) without a row object, a
 * VarBind or a bigint per value: the same rows, values and coercions as indexColumns + asNumber /
 * asBigint give (discovery/discover.ts), for the discovered interfaces by position.
 */
import type { DeviceDiscovery, IfRow } from '../discovery/discover.js';
import { IF, type IfColumn } from '../discovery/oids.js';
import { SnmpType, type PackedColumn, type SnmpValue } from '../snmp/types.js';
import { asBigint, asNumber } from '../snmp/values.js';

const TWO_32 = 4294967296;
const MAX_U64 = (1n << 64n) - 1n;
const IF_TABLE_PREFIX = '1.3.6.1.2.1.2.2.1.';
/** indexColumns keeps a row of an agent with ifTable only when one of these has a value. */
const DEFINING: readonly IfColumn[] = ['ifDescr', 'ifType', 'ifOperStatus', 'ifAdminStatus'];

/** What pollDevice reads of one interface's row; `pos` is the interface's position in discovery.interfaces. */
export interface PolledValues {
  /** Whether the row has a (non-null) value in the column: `row[column] !== undefined`. */
  has(column: IfColumn, pos: number): boolean;
  /** `row[column]`. */
  value(column: IfColumn, pos: number): SnmpValue | undefined;
  /** `asNumber(row[column])`. */
  number(column: IfColumn, pos: number): number | null;
  /** `asBigint(row[column])` when in 0..2^64-1, written as two 32-bit halves at out[2 * slot] (low) and out[2 * slot + 1] (high); false otherwise. */
  counter(column: IfColumn, pos: number, out: Uint32Array, slot: number): boolean;
  /** The ifIndexes polled are exactly the discovered ones, with the same ifDescr (hash): sameInterfaces of indexColumns' rows. */
  sameInterfaces(discovery: DeviceDiscovery, hash: (v: SnmpValue | undefined) => number): boolean;
}

function writeBigint(v: bigint | null, out: Uint32Array, slot: number): boolean {
  if (v === null || v < 0n || v > MAX_U64) return false;
  out[2 * slot] = Number(v & 0xffffffffn);
  out[2 * slot + 1] = Number(v >> 32n);
  return true;
}

const positions = new WeakMap<DeviceDiscovery, Map<number, number>>();

function positionsOf(discovery: DeviceDiscovery): Map<number, number> {
  let map = positions.get(discovery);
  if (map === undefined) {
    const fresh = new Map<number, number>();
    discovery.interfaces.forEach((itf, pos) => fresh.set(itf.ifIndex, pos));
    positions.set(discovery, fresh);
    map = fresh;
  }
  return map;
}

/** indexColumns over packed columns, for the interfaces discovery knows. */
export class PackedRows implements PolledValues {
  readonly #n: number;
  readonly #slot: Partial<Record<IfColumn, number>> = {};
  readonly #cols: PackedColumn[] = [];
  /** [slot * n + pos] → row in that column, or -1. */
  readonly #at: Int32Array;
  /** A row for an ifIndex discovery does not know. */
  readonly #unknownRow: boolean;

  constructor(discovery: DeviceDiscovery, columns: ReadonlyMap<string, PackedColumn>) {
    const wanted = discovery.pollColumns;
    const n = discovery.interfaces.length;
    this.#n = n;
    const pos = positionsOf(discovery);
    // Interfaces with the same ifIndex twice cannot come from discovery (rows by ifIndex); if they did, the last would win here.
    const at = new Int32Array(Math.max(1, wanted.length * n)).fill(-1);
    this.#at = at;
    let haveIfTable = false;
    let unknownAny = false;
    let unknownDefining = false;
    const definingSlots: number[] = [];
    wanted.forEach((c, slot) => {
      this.#slot[c] = slot;
      if (DEFINING.includes(c)) definingSlots.push(slot);
    });
    for (let slot = 0; slot < wanted.length; slot += 1) {
      const c = wanted[slot] as IfColumn;
      const col = columns.get(IF[c].oid);
      if (col === undefined) continue;
      this.#cols[slot] = col;
      if (col.count === 0) continue;
      if (IF[c].oid.startsWith(IF_TABLE_PREFIX)) haveIfTable = true;
      const defining = DEFINING.includes(c);
      const base = slot * n;
      for (let r = 0; r < col.count; r += 1) {
        if (col.isNull(r)) continue;
        const ifIndex = col.index[r] as number;
        if (ifIndex < 0) continue;
        const p = pos.get(ifIndex);
        if (p === undefined) {
          unknownAny = true;
          if (defining) unknownDefining = true;
          continue;
        }
        at[base + p] = r;
      }
    }
    if (haveIfTable) {
      // indexColumns drops rows without any ifTable-defining value (ifXTable-only rows).
      for (let p = 0; p < n; p += 1) {
        let kept = false;
        for (const slot of definingSlots) if ((at[slot * n + p] as number) >= 0) kept = true;
        if (!kept) for (let slot = 0; slot < wanted.length; slot += 1) at[slot * n + p] = -1;
      }
    }
    this.#unknownRow = haveIfTable ? unknownDefining : unknownAny;
  }

  #row(column: IfColumn, pos: number): number {
    const slot = this.#slot[column];
    return slot === undefined ? -1 : (this.#at[slot * this.#n + pos] as number);
  }

  has(column: IfColumn, pos: number): boolean {
    return this.#row(column, pos) >= 0;
  }

  value(column: IfColumn, pos: number): SnmpValue | undefined {
    const r = this.#row(column, pos);
    return r < 0 ? undefined : (this.#cols[this.#slot[column] as number] as PackedColumn).valueAt(r);
  }

  number(column: IfColumn, pos: number): number | null {
    const r = this.#row(column, pos);
    if (r < 0) return null;
    const col = this.#cols[this.#slot[column] as number] as PackedColumn;
    return col.numberAt(r) ?? asNumber(col.valueAt(r));
  }

  counter(column: IfColumn, pos: number, out: Uint32Array, slot: number): boolean {
    const r = this.#row(column, pos);
    if (r < 0) return false;
    const col = this.#cols[this.#slot[column] as number] as PackedColumn;
    if (!col.isRef(r)) {
      const type = col.type[r] as number;
      const num = col.num[r] as number;
      if (type === SnmpType.Counter32 || type === SnmpType.Counter64) {
        out[2 * slot] = num;
        out[2 * slot + 1] = type === SnmpType.Counter64 ? (col.hi[r] as number) : 0;
        return true;
      }
      // asBigint of a number: a non-negative integer (Integer, Gauge32, TimeTicks in a counter column).
      if (!Number.isInteger(num) || num < 0) return false;
      const hi = Math.floor(num / TWO_32);
      out[2 * slot] = num - hi * TWO_32;
      out[2 * slot + 1] = hi;
      return true;
    }
    return writeBigint(asBigint(col.valueAt(r)), out, slot);
  }

  sameInterfaces(discovery: DeviceDiscovery, hash: (v: SnmpValue | undefined) => number): boolean {
    if (this.#unknownRow) return false;
    for (let p = 0; p < discovery.interfaces.length; p += 1) {
      const itf = discovery.interfaces[p] as DeviceDiscovery['interfaces'][number];
      let any = false;
      for (let slot = 0; slot < discovery.pollColumns.length && !any; slot += 1) if ((this.#at[slot * this.#n + p] as number) >= 0) any = true;
      if (!any || hash(this.value('ifDescr', p)) !== itf.ifDescrHash) return false;
    }
    return true;
  }
}

/** The same reads over indexColumns' rows (after a rediscovery, whose walk built them). */
export class MapRows implements PolledValues {
  constructor(
    readonly discovery: DeviceDiscovery,
    readonly rows: ReadonlyMap<number, IfRow>,
  ) {}

  #row(pos: number): IfRow | undefined {
    const itf = this.discovery.interfaces[pos];
    return itf === undefined ? undefined : this.rows.get(itf.ifIndex);
  }

  has(column: IfColumn, pos: number): boolean {
    return this.#row(pos)?.[column] !== undefined;
  }

  value(column: IfColumn, pos: number): SnmpValue | undefined {
    return this.#row(pos)?.[column];
  }

  number(column: IfColumn, pos: number): number | null {
    return asNumber(this.#row(pos)?.[column]);
  }

  counter(column: IfColumn, pos: number, out: Uint32Array, slot: number): boolean {
    return writeBigint(asBigint(this.#row(pos)?.[column]), out, slot);
  }

  sameInterfaces(discovery: DeviceDiscovery, hash: (v: SnmpValue | undefined) => number): boolean {
    if (this.rows.size !== discovery.interfaces.length) return false;
    for (const itf of discovery.interfaces) {
      const row = this.rows.get(itf.ifIndex);
      if (row === undefined || hash(row.ifDescr) !== itf.ifDescrHash) return false;
    }
    return true;
  }
}
