/**
 * Loads and checks the wireless profiles once, at start-up: a malformed profile stops linkscope
 * with LS_PROFILE_INVALID naming its file, profile and field, instead of polling wrong figures.
 */
import { LinkscopeError } from '../model/errors.js';
import { WIRELESS_SENSOR_CLASSES, WIRELESS_SENSOR_UNITS, type WirelessSensorClass } from '../model/wireless.js';
import { WIRELESS_PROFILE_FILES } from '../profiles/wireless/index.js';
import { SOURCE_UNITS, type NumberField, type Scaling, type WirelessProfile, type WirelessProfileFile, type WirelessTableSpec } from '../profiles/wireless/types.js';

const NUMERIC_OID = /^\d+(\.\d+)+$/;
const MIB_NAME = /^[A-Za-z][A-Za-z0-9-]*::[A-Za-z][A-Za-z0-9-]*$/;
const ROLES = new Set(['wireless-ap', 'wireless-controller', 'wireless-bridge']);
const INDEX_FORMATS = new Set(['dotted', 'mac', 'string', 'implied-string']);
const PLACEHOLDER = /\{(\w+)\}/g;

class Checker {
  constructor(
    private readonly file: string,
    private readonly profile: string,
  ) {}

  fail(field: string, problem: string): never {
    throw new LinkscopeError('LS_PROFILE_INVALID', `wireless profile "${this.profile}" in ${this.file}: ${field} ${problem}`, { details: { file: this.file, profile: this.profile, field } });
  }

  oid(field: string, oid: unknown): void {
    if (typeof oid !== 'string' || !NUMERIC_OID.test(oid)) this.fail(field, `must be a numeric OID without a leading dot (got ${JSON.stringify(oid)})`);
  }

  mib(field: string, name: unknown): void {
    if (typeof name !== 'string' || !MIB_NAME.test(name)) this.fail(field, `must be a MIB name MODULE::object (got ${JSON.stringify(name)})`);
  }

  text(field: string, value: unknown): void {
    if (typeof value !== 'string' || value.trim() === '') this.fail(field, 'must be a non-empty string');
  }

  sensorClass(field: string, cls: unknown): WirelessSensorClass {
    if (typeof cls !== 'string' || !(WIRELESS_SENSOR_CLASSES as readonly string[]).includes(cls)) this.fail(field, `is not a CONTRACT sensor class (got ${JSON.stringify(cls)}; one of ${WIRELESS_SENSOR_CLASSES.join(', ')})`);
    return cls as WirelessSensorClass;
  }

  scaling(field: string, s: Scaling, unit: string | undefined): void {
    for (const k of ['divisor', 'multiplier'] as const) {
      const v = s[k];
      if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v > 0)) this.fail(`${field}.${k}`, `must be a positive number (got ${JSON.stringify(v)})`);
    }
    if (s.from !== undefined) {
      const conv = (SOURCE_UNITS as Readonly<Record<string, { to: string } | undefined>>)[s.from];
      if (conv === undefined) this.fail(`${field}.from`, `is not a known unit (got ${JSON.stringify(s.from)}; one of ${Object.keys(SOURCE_UNITS).join(', ')})`);
      if (unit !== undefined && conv.to !== unit) this.fail(`${field}.from`, `${s.from} does not convert to ${unit === '' ? 'a plain count' : unit}, the unit of this class`);
    }
  }

  template(field: string, template: unknown, columns: ReadonlySet<string>): void {
    this.text(field, template);
    for (const m of (template as string).matchAll(PLACEHOLDER)) {
      const key = m[1] as string;
      if (key !== 'index' && !columns.has(key)) this.fail(field, `names {${key}}, which is not a column of the table`);
    }
  }

  column(field: string, name: unknown, columns: ReadonlySet<string>, allowIndex = false): void {
    if (allowIndex && name === 'index') return;
    if (typeof name !== 'string' || !columns.has(name)) this.fail(field, `names ${JSON.stringify(name)}, which is not a column of the table`);
  }

  numberField(field: string, f: NumberField | undefined, columns: ReadonlySet<string>, unit?: string): void {
    if (f === undefined) return;
    if (typeof f === 'string') return this.column(field, f, columns);
    this.column(`${field}.column`, f.column, columns);
    this.scaling(field, f, unit);
  }

  table(at: string, t: WirelessTableSpec): void {
    this.text(`${at}.name`, t.name);
    const columns = new Set(Object.keys(t.columns ?? {}));
    if (columns.size === 0) this.fail(`${at}.columns`, 'must list at least one column');
    for (const [key, col] of Object.entries(t.columns)) {
      this.oid(`${at}.columns.${key}.oid`, col.oid);
      this.mib(`${at}.columns.${key}.mib`, col.mib);
      if (col.type !== undefined && !['number', 'text', 'mac'].includes(col.type)) this.fail(`${at}.columns.${key}.type`, `must be number, text or mac (got ${JSON.stringify(col.type)})`);
    }
    if (t.index !== undefined && !INDEX_FORMATS.has(t.index)) this.fail(`${at}.index`, `must be one of ${[...INDEX_FORMATS].join(', ')} (got ${JSON.stringify(t.index)})`);
    const len = t.indexLength;
    if (len !== undefined) {
      const [min, max] = typeof len === 'number' ? [len, len] : len;
      if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min || max > 128) this.fail(`${at}.indexLength`, `must be a count or [min, max] between 1 and 128 (got ${JSON.stringify(len)})`);
    }
    (t.sensors ?? []).forEach((s, i) => {
      const f = `${at}.sensors[${i}]`;
      const cls = this.sensorClass(`${f}.class`, s.class);
      this.column(`${f}.column`, s.column, columns);
      this.template(`${f}.descr`, s.descr, columns);
      if (s.index !== undefined) this.template(`${f}.index`, s.index, columns);
      this.scaling(f, s, WIRELESS_SENSOR_UNITS[cls]);
    });
    (t.aggregates ?? []).forEach((a, i) => {
      const f = `${at}.aggregates[${i}]`;
      this.sensorClass(`${f}.class`, a.class);
      if (a.op !== 'count' && a.op !== 'sum') this.fail(`${f}.op`, `must be count or sum (got ${JSON.stringify(a.op)})`);
      if (a.op === 'sum') this.column(`${f}.column`, a.column, columns);
      if (a.groupBy !== undefined) this.column(`${f}.groupBy`, a.groupBy, columns);
      else if (a.index.includes('{group}') || a.descr.includes('{group}')) this.fail(`${f}.index`, 'uses {group} without groupBy');
      this.text(`${f}.descr`, a.descr);
      this.text(`${f}.index`, a.index);
    });
    if (t.ap !== undefined) {
      for (const k of ['name', 'status', 'clients'] as const) if (t.ap[k] !== undefined) this.column(`${at}.ap.${k}`, t.ap[k], columns);
      if (t.ap.mac !== undefined) this.column(`${at}.ap.mac`, t.ap.mac, columns, true);
    }
    if (t.radio !== undefined) {
      const r = t.radio;
      if (r.band !== undefined) this.column(`${at}.radio.band`, r.band, columns);
      this.numberField(`${at}.radio.frequency`, r.frequency, columns, 'MHz');
      this.numberField(`${at}.radio.channel`, r.channel, columns);
      this.numberField(`${at}.radio.clients`, r.clients, columns);
      this.numberField(`${at}.radio.txPower`, r.txPower, columns, 'dBm');
      this.numberField(`${at}.radio.noiseFloor`, r.noiseFloor, columns, 'dBm');
      this.numberField(`${at}.radio.utilization`, r.utilization, columns, '%');
    }
    if (t.ssid !== undefined) {
      this.column(`${at}.ssid.ssid`, t.ssid.ssid, columns, true);
      this.column(`${at}.ssid.clients`, t.ssid.clients, columns);
    }
  }

  profileBody(p: WirelessProfile): void {
    this.text('mib', p.mib);
    this.text('source', p.source);
    if (typeof p.shipped !== 'boolean') this.fail('shipped', 'must be true or false');
    if (p.role !== undefined && !ROLES.has(p.role)) this.fail('role', `must be one of ${[...ROLES].join(', ')} (got ${JSON.stringify(p.role)})`);
    const probes = p.match?.probes;
    if (!Array.isArray(probes) || probes.length === 0) this.fail('match.probes', 'must list at least one OID whose answer shows the MIB is there');
    probes.forEach((o, i) => this.oid(`match.probes[${i}]`, o));
    (p.match.sysObjectIdPrefixes ?? []).forEach((o, i) => this.oid(`match.sysObjectIdPrefixes[${i}]`, o));
    if ((p.scalars ?? []).length === 0 && (p.tables ?? []).length === 0) this.fail('scalars/tables', 'are both empty: the profile would read nothing');
    const indexes = new Set<string>();
    (p.scalars ?? []).forEach((s, i) => {
      const f = `scalars[${i}]`;
      const cls = this.sensorClass(`${f}.class`, s.class);
      this.oid(`${f}.oid`, s.oid);
      this.mib(`${f}.mib`, s.mib);
      this.text(`${f}.descr`, s.descr);
      this.text(`${f}.index`, s.index);
      if (indexes.has(`${cls}|${s.index}`)) this.fail(`${f}.index`, `repeats ${JSON.stringify(s.index)} for class ${cls}; (class, index) must be unique`);
      indexes.add(`${cls}|${s.index}`);
      this.scaling(f, s, WIRELESS_SENSOR_UNITS[cls]);
    });
    const tables = new Set<string>();
    (p.tables ?? []).forEach((t, i) => {
      this.table(`tables[${i}]`, t);
      if (tables.has(t.name)) this.fail(`tables[${i}].name`, `repeats ${JSON.stringify(t.name)}`);
      tables.add(t.name);
    });
  }
}

/** Checks every profile of every file; throws LS_PROFILE_INVALID at the first problem. Returns the profiles by name. */
export function loadWirelessProfiles(files: readonly WirelessProfileFile[] = WIRELESS_PROFILE_FILES): ReadonlyMap<string, WirelessProfile> {
  const byName = new Map<string, WirelessProfile>();
  for (const { file, profiles } of files) {
    for (const p of profiles) {
      const name = typeof p?.name === 'string' && p.name.trim() !== '' ? p.name : '(unnamed)';
      const check = new Checker(file, name);
      if (name === '(unnamed)') check.fail('name', 'must be a non-empty string');
      if (byName.has(name)) check.fail('name', 'is used by another profile');
      check.profileBody(p);
      byName.set(name, p);
    }
  }
  return byName;
}
