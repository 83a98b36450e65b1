/**
 * Checks MetricDefs once, at start-up: a malformed definition stops linkscope with a specific
 * error naming where it is and which field is wrong (LS_PROFILE_INVALID for shipped profiles,
 * LS_CONFIG_INVALID for user-configured metrics), instead of polling wrong figures.
 */
import { LinkscopeError, type ErrorCode } from '../model/errors.js';
import { METRIC_CONVERSIONS, METRIC_ROLES, type MetricColumn, type MetricDef, type MetricFilter } from '../model/metric-def.js';
import { templateKeys } from './shape.js';

const NUMERIC_OID = /^\d+(\.\d+)+$/;
const MIB_NAME = /^[A-Za-z][A-Za-z0-9-]*::[A-Za-z][A-Za-z0-9-]*$/;
const INDEX_FORMATS = new Set(['dotted', 'string', 'implied-string']);

export interface MetricDefSource {
  /** What the definitions are, for the message: `health profile`, `custom metric`. */
  readonly what: string;
  /** Where they come from: a file (`src/profiles/health/cisco.ts`) or a config key (`metrics`). */
  readonly where: string;
  /** Default LS_PROFILE_INVALID. */
  readonly code?: ErrorCode;
  /** Names `supersedes` may use besides these definitions' own (definitions checked elsewhere). */
  readonly otherNames?: ReadonlySet<string>;
}

class Checker {
  constructor(
    private readonly src: MetricDefSource,
    private readonly def: string,
  ) {}

  fail(field: string, problem: string): never {
    throw new LinkscopeError(this.src.code ?? 'LS_PROFILE_INVALID', `${this.src.what} "${this.def}" in ${this.src.where}: ${field} ${problem}`, {
      details: { where: this.src.where, def: this.def, field },
    });
  }

  text(field: string, v: unknown): void {
    if (typeof v !== 'string' || v.trim() === '') this.fail(field, 'must be a non-empty string');
  }

  oid(field: string, v: unknown): void {
    if (typeof v !== 'string' || !NUMERIC_OID.test(v)) this.fail(field, `must be a numeric OID without a leading dot (got ${JSON.stringify(v)})`);
  }

  positive(field: string, v: unknown): void {
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v > 0)) this.fail(field, `must be a positive number (got ${JSON.stringify(v)})`);
  }

  column(at: string, c: MetricColumn, keys: ReadonlySet<string>): void {
    this.oid(`${at}.oid`, c.oid);
    if (typeof c.mib !== 'string' || !MIB_NAME.test(c.mib)) this.fail(`${at}.mib`, `must be a MIB name MODULE::object (got ${JSON.stringify(c.mib)})`);
    if (c.role !== undefined && !METRIC_ROLES.includes(c.role)) this.fail(`${at}.role`, `must be one of ${METRIC_ROLES.join(', ')} (got ${JSON.stringify(c.role)})`);
    if (c.conversion !== undefined && !METRIC_CONVERSIONS.includes(c.conversion)) this.fail(`${at}.conversion`, `must be one of ${METRIC_CONVERSIONS.join(', ')} (got ${JSON.stringify(c.conversion)})`);
    if (c.conversion === 'enum' && (c.enum === undefined || Object.keys(c.enum).length === 0)) this.fail(`${at}.enum`, 'must map at least one number to a text for conversion enum');
    if (c.enum !== undefined && c.conversion !== 'enum') this.fail(`${at}.enum`, 'is only read with conversion enum');
    this.positive(`${at}.multiplier`, c.multiplier);
    this.positive(`${at}.divisor`, c.divisor);
    for (const k of ['multiplyBy', 'precisionFrom', 'siScaleFrom', 'fallback'] as const) {
      const ref = c[k];
      if (ref !== undefined && !keys.has(ref)) this.fail(`${at}.${k}`, `names ${JSON.stringify(ref)}, which is not a column of the table`);
    }
  }

  template(at: string, t: unknown, keys: ReadonlySet<string>): void {
    this.text(at, t);
    for (const k of templateKeys(t as string)) if (k !== 'index' && !keys.has(k)) this.fail(at, `names {${k}}, which is not a column of the table or a joined one`);
  }

  filter(at: string, f: MetricFilter, keys: ReadonlySet<string>): void {
    if (typeof f.column !== 'string' || (f.column !== 'index' && !keys.has(f.column))) this.fail(`${at}.column`, `names ${JSON.stringify(f.column)}, which is not a column of the table`);
    for (const k of ['matches', 'notMatches'] as const) {
      const re = f[k];
      if (re === undefined) continue;
      try {
        new RegExp(re);
      } catch {
        this.fail(`${at}.${k}`, `is not a valid regular expression (got ${JSON.stringify(re)})`);
      }
    }
  }

  shape(at: string, s: { name: string; columns: Readonly<Record<string, MetricColumn>>; tags?: Readonly<Record<string, string>>; texts?: Readonly<Record<string, string>>; filters?: readonly MetricFilter[] }, keys: Set<string>): void {
    this.text(`${at}.name`, s.name);
    if (s.columns === undefined || Object.keys(s.columns).length === 0) this.fail(`${at}.columns`, 'must list at least one column');
    if (keys.has('index')) this.fail(`${at}.columns.index`, 'is reserved for the row index');
    for (const [k, c] of Object.entries(s.columns)) this.column(`${at}.columns.${k}`, c, keys);
    for (const [k, t] of Object.entries(s.tags ?? {})) this.template(`${at}.tags.${k}`, t, keys);
    for (const [k, t] of Object.entries(s.texts ?? {})) this.template(`${at}.texts.${k}`, t, keys);
    (s.filters ?? []).forEach((f, i) => this.filter(`${at}.filters[${i}]`, f, keys));
  }

  body(d: MetricDef): void {
    const m = d.match;
    (m?.sysObjectIdPrefixes ?? []).forEach((o, i) => this.oid(`match.sysObjectIdPrefixes[${i}]`, o));
    (m?.probes ?? []).forEach((o, i) => this.oid(`match.probes[${i}]`, o));
    if ((d.scalars ?? []).length === 0 && (d.tables ?? []).length === 0) this.fail('scalars/tables', 'are both empty: the definition would read nothing');
    (d.scalars ?? []).forEach((g, i) => {
      const at = `scalars[${i}]`;
      this.text(`${at}.index`, g.index);
      this.shape(at, g, new Set(Object.keys(g.columns ?? {})));
    });
    (d.tables ?? []).forEach((t, i) => {
      const at = `tables[${i}]`;
      this.text(`${at}.table`, t.table);
      if (t.index !== undefined && !INDEX_FORMATS.has(t.index)) this.fail(`${at}.index`, `must be one of ${[...INDEX_FORMATS].join(', ')} (got ${JSON.stringify(t.index)})`);
      const len = t.indexLength;
      if (len !== undefined) {
        const [min, max] = typeof len === 'number' ? [len, len] : len;
        if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min || max > 128) this.fail(`${at}.indexLength`, `must be a count or [min, max] between 1 and 128 (got ${JSON.stringify(len)})`);
      }
      const keys = new Set(Object.keys(t.columns ?? {}));
      (t.joins ?? []).forEach((j, k) => {
        const jat = `${at}.joins[${k}]`;
        this.text(`${jat}.name`, j.name);
        if (j.on !== 'index' && !keys.has(j.on)) this.fail(`${jat}.on`, `must be index or a column of the table (got ${JSON.stringify(j.on)})`);
        if (j.indexPrefix !== undefined && !(Number.isInteger(j.indexPrefix) && j.indexPrefix >= 1)) this.fail(`${jat}.indexPrefix`, `must be a whole number of index components, at least 1 (got ${JSON.stringify(j.indexPrefix)})`);
        if (j.fixedIndex !== undefined && (j.on !== 'index' || typeof j.fixedIndex !== 'string' || j.fixedIndex === '')) this.fail(`${jat}.fixedIndex`, 'must be a non-empty index and needs on: index');
        const jkeys = new Set(Object.keys(j.columns ?? {}));
        if (jkeys.size === 0) this.fail(`${jat}.columns`, 'must list at least one column');
        for (const [ck, c] of Object.entries(j.columns)) {
          if (keys.has(ck)) this.fail(`${jat}.columns.${ck}`, 'repeats a column name of the table');
          this.column(`${jat}.columns.${ck}`, c, jkeys);
        }
      });
      const all = new Set([...keys, ...(t.joins ?? []).flatMap((j) => Object.keys(j.columns))]);
      this.shape(at, t, all);
    });
  }
}

/** Checks every definition; throws at the first problem. Returns them by name (names must be unique). */
export function validateMetricDefs(defs: readonly MetricDef[], source: MetricDefSource): ReadonlyMap<string, MetricDef> {
  const byName = new Map<string, MetricDef>();
  for (const d of defs) {
    const name = typeof d?.name === 'string' && d.name.trim() !== '' ? d.name : '(unnamed)';
    const check = new Checker(source, name);
    if (name === '(unnamed)') check.fail('name', 'must be a non-empty string');
    if (byName.has(name)) check.fail('name', 'is used by another definition');
    check.body(d);
    byName.set(name, d);
  }
  for (const d of byName.values()) {
    (d.supersedes ?? []).forEach((s, i) => {
      if (!byName.has(s) && source.otherNames?.has(s) !== true) new Checker(source, d.name).fail(`supersedes[${i}]`, `names ${JSON.stringify(s)}, which is not a definition`);
    });
  }
  return byName;
}
