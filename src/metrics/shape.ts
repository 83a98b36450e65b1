/**
 * Pure shaping of the metric engine: walked rows (or scalar values) → converted, scaled, filtered
 * MetricRecords, as a MetricDef says. No I/O; src/metrics/engine.ts does the reading.
 */
import type { MetricColumn, MetricFilter, MetricIndexFormat, MetricRecord, MetricRole } from '../model/metric-def.js';
import type { TableValue } from '../snmp/table.js';
import { asDisplayName, asMac } from '../snmp/values.js';

/** A converted value: a number, or text. */
export type MetricValue = number | string;

/** What a table read gives per row before shaping: the index and each column's raw value by key. */
export interface RawRow {
  readonly index: readonly number[];
  readonly indexOid: string;
  readonly values: Readonly<Partial<Record<string, TableValue>>>;
}

/** Joined tables of one row: by join, the other table's rows by their index text. */
export type JoinedRows = ReadonlyMap<string, ReadonlyMap<string, Readonly<Record<string, MetricValue>>>>;

const DECIMAL = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;
const LEADING_NUMBER = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/;

function textOf(raw: TableValue): string {
  return typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : asDisplayName(raw);
}

/** A leading decimal number of the text (`"45.5"`, `"45 C"` → 45.5, 45); null when there is none. */
function leadingNumber(raw: TableValue): number | null {
  if (typeof raw === 'number') return raw;
  const m = LEADING_NUMBER.exec(textOf(raw));
  if (m === null) return null;
  const n = Number(m[1]);
  return Number.isFinite(n) ? n : null;
}

function ipText(raw: TableValue): string | null {
  if (typeof raw === 'string') return raw === '' ? null : raw;
  if (typeof raw === 'number') return null;
  // An IpAddress arrives as its dotted text (read as bytes: the text's octets); 4 or 16 octets are a binary address.
  if (raw.length === 4) return [...raw].join('.');
  if (raw.length === 16) {
    const parts: string[] = [];
    for (let i = 0; i < 16; i += 2) parts.push(raw.readUInt16BE(i).toString(16));
    return parts.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
  }
  const t = raw.toString('latin1');
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(t) ? t : null;
}

/** One raw value as the column's conversion says (no scaling); null when nothing usable came. */
export function convertMetricValue(raw: TableValue | undefined, col: MetricColumn): MetricValue | null {
  if (raw === undefined) return null;
  switch (col.conversion ?? 'none') {
    case 'none': {
      if (typeof raw === 'number') return raw;
      const t = textOf(raw);
      return DECIMAL.test(t) ? Number(t) : t;
    }
    case 'integer': {
      const n = leadingNumber(raw);
      return n === null ? null : Math.trunc(n);
    }
    case 'float':
      return leadingNumber(raw);
    case 'text':
      return textOf(raw);
    case 'hwaddr':
      return Buffer.isBuffer(raw) ? (raw.length === 0 ? null : asMac(raw)) : textOf(raw);
    case 'ipaddr':
      return ipText(raw);
    case 'oid':
      return typeof raw === 'string' && raw !== '' ? raw.replace(/^\./, '') : null;
    case 'enum': {
      const n = leadingNumber(raw);
      if (n === null) return null;
      return col.enum?.[String(n)] ?? null;
    }
  }
}

function numberIn(values: ReadonlyMap<string, MetricValue>, key: string | undefined): number | null | undefined {
  if (key === undefined) return undefined;
  const v = values.get(key);
  if (typeof v === 'number') return v;
  // An enum may map to a number written as text (a unit code → its decimal places).
  return v !== undefined && DECIMAL.test(v) ? Number(v) : null;
}

/** Scales a number as MetricColumn says; null when a column it depends on is missing. */
export function scaleMetricValue(v: number, col: MetricColumn, unscaled: ReadonlyMap<string, MetricValue>): number | null {
  let out = v;
  if (col.multiplier !== undefined) out *= col.multiplier;
  if (col.divisor !== undefined) out /= col.divisor;
  const by = numberIn(unscaled, col.multiplyBy);
  if (by === null) return null;
  if (by !== undefined) out *= by;
  const precision = numberIn(unscaled, col.precisionFrom);
  if (precision === null) return null;
  if (precision !== undefined && precision > 0) out /= 10 ** precision;
  else if (precision !== undefined && precision < 0) out *= 10 ** -precision;
  const si = numberIn(unscaled, col.siScaleFrom);
  if (si === null) return null;
  // Divide for sub-unit prefixes: 3300 / 1000 is 3.3, 3300 * 0.001 is not.
  if (si !== undefined && si > 9) out *= 1000 ** (si - 9);
  else if (si !== undefined && si < 9) out /= 1000 ** (9 - si);
  return out;
}

function isNumeric(col: MetricColumn): boolean {
  const c = col.conversion ?? 'none';
  return c === 'none' || c === 'integer' || c === 'float';
}

function matchesOne(v: MetricValue, list: readonly (string | number)[]): boolean {
  return list.some((x) => (typeof x === 'number' ? typeof v === 'number' && v === x : String(v) === x));
}

/** Whether a row's values pass one filter. */
export function passesFilter(values: ReadonlyMap<string, MetricValue>, f: MetricFilter): boolean {
  const v = values.get(f.column);
  // A missing value fails what must hold of a value and passes what must not (notIn, notMatches).
  if (v === undefined || v === '') return f.present !== true && f.in === undefined && f.min === undefined && f.max === undefined && f.matches === undefined;
  if (f.present === false) return false;
  if (f.in !== undefined && !matchesOne(v, f.in)) return false;
  if (f.notIn !== undefined && matchesOne(v, f.notIn)) return false;
  if (f.min !== undefined && !(typeof v === 'number' && v >= f.min)) return false;
  if (f.max !== undefined && !(typeof v === 'number' && v <= f.max)) return false;
  if (f.matches !== undefined && !compiled(f.matches).test(String(v))) return false;
  if (f.notMatches !== undefined && compiled(f.notMatches).test(String(v))) return false;
  return true;
}

/** Filter patterns compiled once: they come from profiles and the config (a fixed set), and a record is shaped per row per poll. */
const PATTERNS = new Map<string, RegExp>();

function compiled(source: string): RegExp {
  let re = PATTERNS.get(source);
  if (re === undefined) {
    // No g/y flag: test() keeps no lastIndex state, so one instance serves every caller.
    re = new RegExp(source);
    PATTERNS.set(source, re);
  }
  return re;
}

/** The row index as `format` reads it; null when it does not decode (a string index with a wrong length). */
export function formatIndex(index: readonly number[], indexOid: string, format: MetricIndexFormat = 'dotted'): string | null {
  if (format === 'dotted') return indexOid;
  const chars = format === 'string' ? index.slice(1) : index;
  if (format === 'string' && index[0] !== chars.length) return null;
  if (chars.some((c) => c > 255)) return null;
  return asDisplayName(Buffer.from(chars));
}

const PLACEHOLDER = /\{([^{}]+)\}/g;

/** Fills `{key}` / `{a|b}` from the values; null when a placeholder has no non-empty value. */
export function fillTemplate(template: string, values: ReadonlyMap<string, MetricValue>): string | null {
  let missing = false;
  const out = template.replace(PLACEHOLDER, (_m, inner: string) => {
    for (const key of inner.split('|')) {
      const v = values.get(key.trim());
      if (v !== undefined && v !== '') return String(v);
    }
    missing = true;
    return '';
  });
  return missing ? null : out;
}

/** Keys a template names (for validation). */
export function templateKeys(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].flatMap((m) => (m[1] ?? '').split('|').map((k) => k.trim()));
}

/** What one record (a table row or a scalar group) is made of. */
export interface RecordShape {
  readonly def: string;
  readonly name: string;
  readonly columns: Readonly<Record<string, MetricColumn>>;
  readonly tags?: Readonly<Record<string, string>>;
  readonly texts?: Readonly<Record<string, string>>;
  readonly filters?: readonly MetricFilter[];
}

/**
 * Converts, scales and filters one row's raw values into a record; null when a filter drops it or
 * it has no field. `index` is the index text; `joined` the joined columns (already converted).
 */
export function shapeRecord(
  shape: RecordShape,
  index: string,
  raw: Readonly<Partial<Record<string, TableValue>>>,
  joined: readonly { readonly columns: Readonly<Record<string, MetricColumn>>; readonly values: Readonly<Record<string, MetricValue>> | undefined }[] = [],
  instance: string | null = null,
): MetricRecord | null {
  const unscaled = new Map<string, MetricValue>();
  const roles = new Map<string, MetricRole>();
  unscaled.set('index', index);
  for (const j of joined) {
    if (j.values === undefined) continue;
    for (const [key, v] of Object.entries(j.values)) {
      unscaled.set(key, v);
      roles.set(key, j.columns[key]?.role ?? 'hidden');
    }
  }
  for (const [key, col] of Object.entries(shape.columns)) {
    const v = convertMetricValue(raw[key], col);
    if (v !== null) unscaled.set(key, v);
    roles.set(key, col.role ?? 'field');
  }
  const values = new Map(unscaled);
  const fallbackOf = new Map<string, string>();
  for (const [key, col] of Object.entries(shape.columns)) {
    const v = unscaled.get(key);
    if (typeof v !== 'number' || !isNumeric(col)) continue;
    const scaled = scaleMetricValue(v, col, unscaled);
    if (scaled === null || !Number.isFinite(scaled)) values.delete(key);
    else values.set(key, scaled);
  }
  // Fallbacks may chain (5 min, else 1 min, else 5 s): resolve until nothing changes, at most once per column.
  for (let round = 0, changed = true; changed && round < 8; round += 1) {
    changed = false;
    for (const [key, col] of Object.entries(shape.columns)) {
      if (col.fallback === undefined || values.has(key)) continue;
      const other = values.get(col.fallback);
      if (other !== undefined) {
        values.set(key, other);
        fallbackOf.set(key, fallbackOf.get(col.fallback) ?? col.fallback);
        changed = true;
      }
    }
  }
  for (const f of shape.filters ?? []) if (!passesFilter(values, f)) return null;
  const tags: Record<string, string> = { index };
  const fields: Record<string, MetricValue> = {};
  const oids: Record<string, string> = {};
  let hasField = false;
  for (const [key, v] of values) {
    const role = roles.get(key);
    if (role === 'tag') {
      if (v !== '') tags[key] = String(v);
    } else if (role === 'field') {
      fields[key] = v;
      hasField = true;
      const col = shape.columns[fallbackOf.get(key) ?? key];
      if (col !== undefined) oids[key] = instance === null ? col.oid : `${col.oid}.${instance}`;
    }
  }
  if (!hasField) return null;
  for (const [key, t] of Object.entries(shape.tags ?? {})) {
    const v = fillTemplate(t, values);
    if (v !== null && v !== '') tags[key] = v;
  }
  for (const [key, t] of Object.entries(shape.texts ?? {})) {
    const v = fillTemplate(t, values);
    if (v !== null) fields[key] = v;
  }
  return { name: shape.name, def: shape.def, tags, fields, oids };
}

/** The key a row looks its joined row up by: its own index (or the first components) or a column's value. */
export function joinKey(row: RawRow, on: string, indexPrefix: number | undefined, converted: (key: string) => MetricValue | null, fixedIndex?: string): string | null {
  if (on === 'index') {
    if (fixedIndex !== undefined) return fixedIndex;
    if (indexPrefix === undefined || indexPrefix >= row.index.length) return row.indexOid;
    return row.index.slice(0, indexPrefix).join('.');
  }
  const v = converted(on);
  if (v === null || v === '') return null;
  return typeof v === 'number' ? String(Math.trunc(v)) : v;
}
