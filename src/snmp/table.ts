/**
 * The table engine: a declarative table spec (columns with numeric OID, MIB name and conversion)
 * walked with `walkColumns` into rows by index. Neighbours use it today; interfaces, wireless and
 * health tables are meant to (Telegraf's one `snmp` plugin with many table definitions).
 */
import { isLinkscopeError, type LinkscopeError } from '../model/errors.js';
import type { SnmpSession, SnmpValue, VarBind, WalkOptions } from './types.js';
import { asDisplayName, asNumber, asOid } from './values.js';

/**
 * How a column's value is read:
 * - `text`: a name an operator reads (DisplayString; controls dropped, see asDisplayName);
 * - `bytes`: the raw octets (IDs and addresses decoded later by their subtype), a Buffer;
 * - `integer`: Integer32, Gauge32, TimeTicks, … as number (Counter32/64 too, as number);
 * - `oid`: an OBJECT IDENTIFIER as dotted text.
 */
export type Conversion = 'text' | 'bytes' | 'integer' | 'oid';
export type TableValue = string | number | Buffer;

export interface ColumnSpec {
  /** Numeric column OID (the entry OID plus the column number), no leading dot. */
  readonly oid: string;
  /** `MODULE::object`; a test resolves every pair against mibs/ (or says why it cannot). */
  readonly mib: string;
  readonly as: Conversion;
}

export interface TableSpec<K extends string = string> {
  /** A short name for logs and counts: `lldpRemTable`. */
  readonly name: string;
  readonly columns: Readonly<Partial<Record<K, ColumnSpec>>>;
  /**
   * Index components a row must have: an exact count or [min, max]. A row of another shape is
   * counted in `badIndex` and left out (an agent's malformed index must not be mis-assigned).
   * Unset: any non-empty index.
   */
  readonly indexLength?: number | readonly [number, number];
}

export interface TableRow<K extends string = string> {
  /** Index components as numbers: `0.8.1` → [0, 8, 1]. */
  readonly index: readonly number[];
  /** The index as it appears after the column OID: `0.8.1`. */
  readonly indexOid: string;
  readonly values: Partial<Record<K, TableValue>>;
}

export interface TableResult<K extends string = string> {
  readonly table: string;
  /** Rows in agent order of their first column. */
  readonly rows: readonly TableRow<K>[];
  /** Varbinds dropped because their index had the wrong shape. */
  readonly badIndex: number;
  /** Why the walk failed (the table is then empty); null when it did not. */
  readonly error: { readonly code: string; readonly message: string } | null;
}

/** One varbind value as `as` says; null when the agent sent nothing usable. */
export function convertValue(v: SnmpValue | undefined, as: Conversion): TableValue | null {
  if (v === null || v === undefined) return null;
  switch (as) {
    case 'text':
      return asDisplayName(v);
    case 'bytes':
      if (Buffer.isBuffer(v)) return v;
      if (typeof v === 'string') return Buffer.from(v, 'latin1');
      return Buffer.from(String(v), 'latin1');
    case 'integer':
      return asNumber(v);
    case 'oid': {
      const o = asOid(v);
      return o === '' ? null : o;
    }
  }
}

/** `0.8.1` → [0, 8, 1]; null when a component is not a number below 2^32. */
export function parseIndex(indexOid: string): number[] | null {
  if (indexOid === '') return null;
  const parts = indexOid.split('.');
  const out: number[] = [];
  for (const p of parts) {
    if (p === '' || p.length > 10 || !/^\d+$/.test(p)) return null;
    const n = Number(p);
    if (n > 4294967295) return null;
    out.push(n);
  }
  return out;
}

function indexFits(length: number, spec: TableSpec['indexLength']): boolean {
  if (spec === undefined) return length > 0;
  if (typeof spec === 'number') return length === spec;
  return length >= spec[0] && length <= spec[1];
}

/** Pure part of walkTable: column walk → rows by index. */
export function buildRows<K extends string>(spec: TableSpec<K>, columns: ReadonlyMap<string, readonly VarBind[]>): { rows: TableRow<K>[]; badIndex: number } {
  const byIndex = new Map<string, { index: number[]; values: Partial<Record<K, TableValue>> }>();
  let badIndex = 0;
  for (const [key, col] of Object.entries(spec.columns) as [K, ColumnSpec | undefined][]) {
    if (col === undefined) continue;
    const vbs = columns.get(col.oid) ?? [];
    const start = col.oid.length + 1;
    for (const vb of vbs) {
      if (!vb.oid.startsWith(col.oid) || vb.oid.charCodeAt(col.oid.length) !== 46) continue;
      const indexOid = vb.oid.slice(start);
      let row = byIndex.get(indexOid);
      if (row === undefined) {
        const index = parseIndex(indexOid);
        if (index === null || !indexFits(index.length, spec.indexLength)) {
          badIndex += 1;
          continue;
        }
        row = { index, values: {} };
        byIndex.set(indexOid, row);
      }
      const value = convertValue(vb.value, col.as);
      if (value !== null) row.values[key] = value;
    }
  }
  return { rows: [...byIndex].map(([indexOid, r]) => ({ index: r.index, indexOid, values: r.values })), badIndex };
}

/**
 * Walks every column of `spec` in lock-step (several columns per GETBULK, the session's budgets
 * and back-off) and returns rows by index. A table the agent lacks is empty. A table the agent
 * breaks (error status, OIDs out of order, a timeout, the walk budget) is empty with `error` set:
 * one broken table never costs the caller the others. Only an abort is thrown.
 */
export async function walkTable<K extends string>(session: SnmpSession, spec: TableSpec<K>, options: WalkOptions = {}): Promise<TableResult<K>> {
  const oids = Object.values<ColumnSpec | undefined>(spec.columns)
    .filter((c): c is ColumnSpec => c !== undefined)
    .map((c) => c.oid);
  let columns: Map<string, VarBind[]>;
  try {
    columns = await session.walkColumns(oids, options);
  } catch (err) {
    if (isLinkscopeError(err, 'LS_SNMP_ABORTED') || !isLinkscopeError(err)) throw err;
    const e = err as LinkscopeError;
    return { table: spec.name, rows: [], badIndex: 0, error: { code: e.code, message: e.message } };
  }
  const { rows, badIndex } = buildRows(spec, columns);
  return { table: spec.name, rows, badIndex, error: null };
}
