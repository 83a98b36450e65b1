/**
 * User-configured custom metrics (config section `metrics`): the YAML shape users write, checked
 * key by key and compiled once at start-up into MetricDefs for the engine (./engine.ts). MIB names
 * resolve through a narrow MibResolver so this module does not depend on how MIBs are loaded.
 */
import { closestName } from '../config/suggest.js';
import { LinkscopeError } from '../model/errors.js';
import { METRIC_CONVERSIONS, type MetricColumn, type MetricConversion, type MetricDef, type MetricFilter, type MetricIndexFormat, type MetricJoin, type MetricMatch, type MetricScalarGroup, type MetricTable } from '../model/metric-def.js';
import { DEVICE_ROLES } from '../model/types.js';
import { isNumericOid } from '../snmp/oid.js';
import { validateMetricDefs } from './validate.js';

/** What custom metrics need of the MIB modules: a name → OID lookup, and optionally enumerations and names for suggestions. */
export interface MibResolver {
  /** Numeric OID for `MODULE::object`, `object`, either with `.instance`, or a numeric OID; throws for an unknown name. */
  oidForName(name: string): string;
  /** `MODULE::object` (with any instance suffix) for a numeric OID, or the OID unchanged when unknown. */
  nameForOid?(oid: string): string;
  /** The enumeration of the object at `oid` (IF-MIB::ifOperStatus → {1: 'up', …}), when the MIB defines one. */
  enumerationFor?(oid: string): Readonly<Record<number, string>> | undefined;
  /** Every `MODULE::object` known, for a "did you mean" in errors. */
  names?(): readonly string[];
}

/**
 * Measurements linkscope itself writes (CONTRACT.md, and the health measurements): a custom metric
 * writing into one would mix its series with the contract's and break dashboards.
 */
export const RESERVED_MEASUREMENTS: readonly string[] = ['interface', 'device', 'wireless', 'wireless_sensor', 'link', 'device_health', 'sensor'];

/**
 * The `index` value of a custom metric's scalar group. The engine tags every record with its index;
 * scalars have none to speak of, so this value marks the tag for removal (customMetricPoints). A
 * table row's index never equals it: formatIndex drops control characters.
 */
export const SCALAR_INDEX = '\u0000';

/** One compiled custom metric: the engine's definition and which measurements it writes. */
export interface CustomMetric {
  readonly name: string;
  readonly def: MetricDef;
  readonly measurements: readonly string[];
  /** Column names written as integers (conversion `integer`) per measurement: InfluxDB keeps a field's type. */
  readonly integerFields: ReadonlySet<string>;
}

const METRIC_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const MEASUREMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;
const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
const INDEX_FORMATS: readonly MetricIndexFormat[] = ['dotted', 'string', 'implied-string'];

const METRIC_KEYS = ['name', 'measurement', 'match', 'scalars', 'tables'];
const MATCH_KEYS = ['sysObjectIdPrefixes', 'vendors', 'roles'];
const COLUMN_KEYS = ['name', 'oid', 'tag', 'conversion', 'enum', 'multiplier', 'divisor'];
const TABLE_KEYS = ['table', 'measurement', 'index', 'indexLength', 'columns', 'joins', 'filters'];
const JOIN_KEYS = ['table', 'on', 'indexPrefix', 'columns'];
const FILTER_KEYS = ['column', 'present', 'in', 'notIn', 'min', 'max', 'matches', 'notMatches'];

type Obj = Readonly<Record<string, unknown>>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  const t = JSON.stringify(v) ?? String(v);
  return t.length > 80 ? `${t.slice(0, 77)}...` : t;
}

/** Everything about one metric's compilation: where it is, for messages naming `metrics[i] "name": key`. */
class Compiler {
  readonly #at: string;

  constructor(
    index: number,
    readonly metricName: string,
    private readonly mibs: MibResolver,
  ) {
    this.#at = `metrics[${index}]${metricName === '' ? '' : ` "${metricName}"`}`;
  }

  fail(key: string, problem: string): never {
    throw new LinkscopeError('LS_CONFIG_INVALID', `Invalid configuration: ${this.#at}: ${key}: ${problem}`, { details: { key: `metrics.${key}`, metric: this.metricName } });
  }

  keys(key: string, o: Obj, allowed: readonly string[]): void {
    for (const k of Object.keys(o)) {
      if (allowed.includes(k)) continue;
      const guess = closestName(k, allowed);
      this.fail(key === '' ? k : `${key}.${k}`, `unknown key${guess === undefined ? '' : `; did you mean ${guess}?`} (allowed: ${allowed.join(', ')})`);
    }
  }

  obj(key: string, v: unknown): Obj {
    if (!isObj(v)) this.fail(key, `must be a mapping (got ${show(v)})`);
    return v;
  }

  list(key: string, v: unknown): readonly unknown[] {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) this.fail(key, `must be a list (got ${show(v)})`);
    return v as readonly unknown[];
  }

  strings(key: string, v: unknown): string[] {
    return this.list(key, v).map((s, i) => {
      if (typeof s !== 'string' || s.trim() === '') this.fail(`${key}[${i}]`, `must be a non-empty string (got ${show(s)})`);
      return s.trim();
    });
  }

  text(key: string, v: unknown, shape: RegExp, hint: string): string {
    if (typeof v !== 'string' || !shape.test(v)) this.fail(key, `must be ${hint} (got ${show(v)})`);
    return v;
  }

  /** A MIB name or numeric OID → numeric OID; an unknown name names the closest known one when there is one. */
  oid(key: string, v: unknown): string {
    if (typeof v !== 'string' || v.trim() === '') this.fail(key, `must be a MIB name (IF-MIB::ifDescr, ifDescr, sysUpTime.0) or a numeric OID (got ${show(v)})`);
    const text = v.trim();
    const numeric = text.replace(/^\./, '');
    if (/^[\d.]+$/.test(numeric)) {
      if (!isNumericOid(numeric) || !numeric.includes('.')) this.fail(key, `${show(v)} is not a well-formed numeric OID (digits separated by single dots, e.g. 1.3.6.1.2.1.1.3.0)`);
      return numeric;
    }
    try {
      return this.mibs.oidForName(text);
    } catch {
      const object = text.slice(text.indexOf('::') + (text.includes('::') ? 2 : 0)).split('.')[0] ?? text;
      const known = this.mibs.names?.() ?? [];
      const bare = known.map((q) => q.slice(q.indexOf('::') + 2));
      const guess = closestName(object, bare);
      const qualified = guess === undefined ? undefined : known[bare.indexOf(guess)];
      this.fail(key, `${show(v)} is not defined by the loaded MIB modules${qualified === undefined ? '' : `; did you mean ${qualified}?`} Use a numeric OID or add the module to the MIB folder`);
    }
  }

  /** `MODULE::object` for the engine's `mib` field (logs, tests): the resolver's name, else a stand-in naming the column. */
  mibName(oid: string, column: string): string {
    const name = this.mibs.nameForOid?.(oid);
    if (name !== undefined && /^[A-Za-z][A-Za-z0-9-]*::[A-Za-z][A-Za-z0-9-]*/.test(name)) {
      const m = /^([A-Za-z][A-Za-z0-9-]*::[A-Za-z][A-Za-z0-9-]*)/.exec(name);
      if (m?.[1] !== undefined) return m[1];
    }
    return `CUSTOM::${column.replace(/[^A-Za-z0-9-]/g, '-').replace(/^[^A-Za-z]*/, '') || 'column'}`;
  }

  positive(key: string, v: unknown): number | undefined {
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) this.fail(key, `must be a positive number (got ${show(v)})`);
    return v;
  }

  /** One column (`{ name, oid, tag, conversion, enum, multiplier, divisor }`) → [key, MetricColumn]. */
  column(key: string, raw: unknown, opts: { scalar: boolean; tagDefault: boolean; under?: { oid: string; what: string } }): [string, MetricColumn] {
    const c = this.obj(key, raw);
    this.keys(key, c, COLUMN_KEYS);
    const name = this.text(`${key}.name`, c['name'], COLUMN_NAME, 'a name of letters, digits, _ . - starting with a letter or _');
    if (name === 'index') this.fail(`${key}.name`, '"index" is reserved for the row index tag');
    let oid = this.oid(`${key}.oid`, c['oid']);
    // A scalar named without its instance (`SNMPv2-MIB::sysUpTime`) means its only instance, `.0`.
    if (opts.scalar && typeof c['oid'] === 'string' && !/^\.?\d/.test(c['oid'].trim()) && !c['oid'].trim().split('::').pop()?.includes('.')) oid = `${oid}.0`;
    if (opts.under !== undefined && !oid.startsWith(`${opts.under.oid}.`)) this.fail(`${key}.oid`, `${show(c['oid'])} (${oid}) is not a column of ${opts.under.what} (${opts.under.oid})`);
    const tag = c['tag'] ?? opts.tagDefault;
    if (typeof tag !== 'boolean') this.fail(`${key}.tag`, `must be true or false (got ${show(tag)})`);
    const conv = c['conversion'] ?? 'none';
    if (typeof conv !== 'string' || !(METRIC_CONVERSIONS as readonly string[]).includes(conv)) this.fail(`${key}.conversion`, `must be one of ${METRIC_CONVERSIONS.join(', ')} (got ${show(conv)})`);
    const conversion = conv as MetricConversion;
    let enumMap: Record<string, string> | undefined;
    if (c['enum'] !== undefined) {
      if (conversion !== 'enum') this.fail(`${key}.enum`, 'is only read with conversion: enum');
      const e = this.obj(`${key}.enum`, c['enum']);
      enumMap = {};
      for (const [k, v] of Object.entries(e)) {
        if (!/^-?\d+$/.test(k)) this.fail(`${key}.enum`, `keys must be whole numbers (got ${show(k)})`);
        if (typeof v !== 'string' || v === '') this.fail(`${key}.enum.${k}`, `must be a non-empty text (got ${show(v)})`);
        enumMap[k] = v;
      }
      if (Object.keys(enumMap).length === 0) this.fail(`${key}.enum`, 'must map at least one number to a text');
    } else if (conversion === 'enum') {
      const fromMib = this.mibs.enumerationFor?.(opts.scalar ? oid.replace(/\.\d+$/, '') : oid) ?? this.mibs.enumerationFor?.(oid);
      if (fromMib === undefined) this.fail(`${key}.enum`, `conversion enum needs an enum map ({1: up, 2: down}): the loaded MIBs define no enumeration for ${show(c['oid'])}`);
      enumMap = Object.fromEntries(Object.entries(fromMib).map(([k, v]) => [k, v]));
    }
    const multiplier = this.positive(`${key}.multiplier`, c['multiplier']);
    const divisor = this.positive(`${key}.divisor`, c['divisor']);
    if ((multiplier !== undefined || divisor !== undefined) && !['none', 'integer', 'float'].includes(conversion)) this.fail(`${key}.${multiplier !== undefined ? 'multiplier' : 'divisor'}`, `scales numbers only; conversion ${conversion} gives no number`);
    const col: MetricColumn = {
      oid,
      mib: this.mibName(oid, name),
      role: tag ? 'tag' : 'field',
      conversion,
      ...(enumMap === undefined ? {} : { enum: enumMap }),
      ...(multiplier === undefined ? {} : { multiplier }),
      ...(divisor === undefined ? {} : { divisor }),
    };
    return [name, col];
  }

  columns(key: string, raw: unknown, opts: { scalar: boolean; tagDefault: boolean; under?: { oid: string; what: string } }, taken: Set<string>): Record<string, MetricColumn> {
    const items = this.list(key, raw);
    if (items.length === 0) this.fail(key, 'must list at least one column');
    const out: Record<string, MetricColumn> = {};
    items.forEach((c, i) => {
      const [name, col] = this.column(`${key}[${i}]`, c, opts);
      if (taken.has(name)) this.fail(`${key}[${i}].name`, `${show(name)} is used by another column of the same ${opts.scalar ? 'metric' : 'table'}`);
      taken.add(name);
      out[name] = col;
    });
    return out;
  }

  measurement(key: string, v: unknown, fallback: string): string {
    const m = v === undefined ? fallback : this.text(key, v, MEASUREMENT_NAME, 'a measurement name of letters, digits, _ . - starting with a letter or _');
    if (RESERVED_MEASUREMENTS.includes(m)) this.fail(key, `${show(m)} is a measurement linkscope writes itself (${RESERVED_MEASUREMENTS.join(', ')}); choose another name`);
    return m;
  }

  match(raw: unknown): MetricMatch | undefined {
    if (raw === undefined || raw === null) return undefined;
    const m = this.obj('match', raw);
    this.keys('match', m, MATCH_KEYS);
    const out: { -readonly [K in keyof MetricMatch]: MetricMatch[K] } = {};
    if (m['sysObjectIdPrefixes'] !== undefined) out.sysObjectIdPrefixes = this.list('match.sysObjectIdPrefixes', m['sysObjectIdPrefixes']).map((p, i) => this.oid(`match.sysObjectIdPrefixes[${i}]`, p));
    if (m['vendors'] !== undefined) out.vendors = this.strings('match.vendors', m['vendors']);
    if (m['roles'] !== undefined) {
      out.roles = this.strings('match.roles', m['roles']);
      out.roles.forEach((r, i) => {
        if (!(DEVICE_ROLES as readonly string[]).includes(r)) this.fail(`match.roles[${i}]`, `${show(r)} is not a device role (${DEVICE_ROLES.join(', ')})`);
      });
    }
    return out;
  }

  filters(key: string, raw: unknown): MetricFilter[] | undefined {
    if (raw === undefined || raw === null) return undefined;
    return this.list(key, raw).map((f, i) => {
      const o = this.obj(`${key}[${i}]`, f);
      this.keys(`${key}[${i}]`, o, FILTER_KEYS);
      // The engine's own check (validateMetricDefs) names a bad column or regular expression.
      return o as unknown as MetricFilter;
    });
  }

  join(key: string, raw: unknown, taken: Set<string>, tableColumns: Readonly<Record<string, MetricColumn>>): MetricJoin {
    const j = this.obj(key, raw);
    this.keys(key, j, JOIN_KEYS);
    const tableOid = j['table'] === undefined ? undefined : this.oid(`${key}.table`, j['table']);
    const what = typeof j['table'] === 'string' ? j['table'] : `${key}.table`;
    const on = j['on'] ?? 'index';
    if (typeof on !== 'string' || (on !== 'index' && tableColumns[on] === undefined)) this.fail(`${key}.on`, `must be index or the name of a column of the table (got ${show(on)})`);
    const indexPrefix = j['indexPrefix'];
    if (indexPrefix !== undefined && !(typeof indexPrefix === 'number' && Number.isInteger(indexPrefix) && indexPrefix >= 1)) this.fail(`${key}.indexPrefix`, `must be a whole number of index components, at least 1 (got ${show(indexPrefix)})`);
    const columns = this.columns(`${key}.columns`, j['columns'], { scalar: false, tagDefault: true, ...(tableOid === undefined ? {} : { under: { oid: tableOid, what } }) }, taken);
    return { name: typeof j['table'] === 'string' ? j['table'] : `${this.metricName} join`, columns, on, ...(indexPrefix === undefined ? {} : { indexPrefix }) };
  }

  table(key: string, raw: unknown, defaultMeasurement: string): MetricTable {
    const t = this.obj(key, raw);
    this.keys(key, t, TABLE_KEYS);
    const tableOid = t['table'] === undefined ? undefined : this.oid(`${key}.table`, t['table']);
    const what = typeof t['table'] === 'string' ? t['table'] : `${key}`;
    const measurement = this.measurement(`${key}.measurement`, t['measurement'], defaultMeasurement);
    const index = t['index'] ?? 'dotted';
    if (typeof index !== 'string' || !(INDEX_FORMATS as readonly string[]).includes(index)) this.fail(`${key}.index`, `must be one of ${INDEX_FORMATS.join(', ')} (got ${show(index)})`);
    const taken = new Set<string>();
    const columns = this.columns(`${key}.columns`, t['columns'], { scalar: false, tagDefault: false, ...(tableOid === undefined ? {} : { under: { oid: tableOid, what } }) }, taken);
    if (!Object.values(columns).some((c) => c.role === 'field')) this.fail(`${key}.columns`, 'must have at least one column that is not a tag (a point needs a field)');
    const joins = this.list(`${key}.joins`, t['joins']).map((j, i) => this.join(`${key}.joins[${i}]`, j, taken, columns));
    const filters = this.filters(`${key}.filters`, t['filters']);
    const indexLength = t['indexLength'] as MetricTable['indexLength'] | undefined;
    return {
      name: measurement,
      table: what,
      columns,
      index: index as MetricIndexFormat,
      ...(indexLength === undefined ? {} : { indexLength }),
      ...(joins.length === 0 ? {} : { joins }),
      ...(filters === undefined ? {} : { filters }),
    };
  }

  metric(m: Obj, name: string): MetricDef & { measurement: string } {
    this.keys('', m, METRIC_KEYS);
    const measurement = this.measurement('measurement', m['measurement'], name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1'));
    const match = this.match(m['match']);
    const scalarItems = this.list('scalars', m['scalars']);
    const tableItems = this.list('tables', m['tables']);
    if (scalarItems.length === 0 && tableItems.length === 0) this.fail('scalars/tables', 'are both empty: the metric would read nothing');
    const scalars: MetricScalarGroup[] = [];
    if (scalarItems.length > 0) {
      const columns = this.columns('scalars', scalarItems, { scalar: true, tagDefault: false }, new Set());
      if (!Object.values(columns).some((c) => c.role === 'field')) this.fail('scalars', 'must have at least one scalar that is not a tag (a point needs a field)');
      scalars.push({ name: measurement, index: SCALAR_INDEX, columns });
    }
    const tables = tableItems.map((t, i) => this.table(`tables[${i}]`, t, measurement));
    return { name, measurement, ...(match === undefined ? {} : { match }), ...(scalars.length === 0 ? {} : { scalars }), ...(tables.length === 0 ? {} : { tables }) };
  }
}

/**
 * Compiles the `metrics` section: every metric checked (names unique, MIB names known, OIDs
 * well-formed, columns under their table, conversions and selectors valid, measurements not the
 * contract's), then handed to the engine's own check. Throws LS_CONFIG_INVALID naming the metric
 * and the key at the first problem.
 */
export function compileCustomMetrics(raw: readonly unknown[], mibs: MibResolver): CustomMetric[] {
  const out: CustomMetric[] = [];
  const names = new Set<string>();
  raw.forEach((item, i) => {
    const rawName = isObj(item) && typeof item['name'] === 'string' ? item['name'] : '';
    const c = new Compiler(i, rawName, mibs);
    const m = c.obj('', item);
    const name = c.text('name', m['name'], METRIC_NAME, 'a unique name of letters, digits, _ . - (up to 64)');
    if (names.has(name)) c.fail('name', `${show(name)} is used by another metric`);
    names.add(name);
    const { measurement: _m, ...def } = c.metric(m, name);
    try {
      validateMetricDefs([def], { what: 'custom metric', where: `metrics[${i}]`, code: 'LS_CONFIG_INVALID' });
    } catch (err) {
      // The engine names the field in its own vocabulary (tables[0].columns.x); say it in one line too.
      if (err instanceof LinkscopeError) throw new LinkscopeError('LS_CONFIG_INVALID', `Invalid configuration: ${err.message}`, { cause: err, details: err.details });
      throw err;
    }
    const measurements = [...new Set([...(def.scalars ?? []).map((s) => s.name), ...(def.tables ?? []).map((t) => t.name)])];
    const integerFields = new Set<string>();
    for (const group of [...(def.scalars ?? []), ...(def.tables ?? [])]) for (const [k, col] of Object.entries(group.columns)) if (col.conversion === 'integer' && col.role !== 'tag') integerFields.add(k);
    out.push({ name, def, measurements, integerFields });
  });
  return out;
}

/**
 * Whether the section needs the MIB modules: a name that is not a numeric OID, or an enum column
 * without its own map (its text comes from the MIB). A config of numeric OIDs loads no MIBs.
 */
export function needsMibs(raw: readonly unknown[]): boolean {
  const walk = (v: unknown, key: string): boolean => {
    if (typeof v === 'string') return (key === 'oid' || key === 'table' || key === 'sysObjectIdPrefixes') && !/^\.?[\d.]+$/.test(v.trim());
    if (Array.isArray(v)) return v.some((x) => walk(x, key));
    if (isObj(v)) return (v['conversion'] === 'enum' && v['enum'] === undefined) || Object.entries(v).some(([k, x]) => walk(x, k));
    return false;
  };
  return raw.some((m) => walk(m, ''));
}
