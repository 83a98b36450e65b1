/**
 * Declarative metric definitions: what to read from an agent and how to shape it into records
 * (Telegraf's `inputs.snmp` field/table definitions, snmp_exporter's generator modules). Health
 * profiles (src/profiles/health/) are written in it; user-configured custom metrics compile to it.
 * Applied by src/metrics/engine.ts, checked by src/metrics/validate.ts. Types only.
 */

/**
 * How a column's varbind becomes a value:
 * - `none`: a number when the agent sends a number (or a decimal number as text), else text;
 * - `integer` / `float`: a number (text such as `"45.5"` parsed; anything else: no value);
 * - `text`: display text (controls dropped);
 * - `hwaddr`: octets as `aa:bb:cc:dd:ee:ff`;
 * - `ipaddr`: IpAddress or 4/16 octets as an IPv4/IPv6 address;
 * - `oid`: an OBJECT IDENTIFIER as dotted text, no leading dot;
 * - `enum`: the number looked up in `enum` (an unknown number gives no value).
 */
export type MetricConversion = 'none' | 'integer' | 'float' | 'text' | 'hwaddr' | 'ipaddr' | 'oid' | 'enum';
export const METRIC_CONVERSIONS: readonly MetricConversion[] = ['none', 'integer', 'float', 'text', 'hwaddr', 'ipaddr', 'oid', 'enum'];

/**
 * What a column becomes in the record: a `field`, a `tag` (an identity, always text), or `hidden`:
 * read only to scale, filter or describe other values (hrStorageAllocationUnits,
 * entPhySensorPrecision) and not written.
 */
export type MetricRole = 'field' | 'tag' | 'hidden';
export const METRIC_ROLES: readonly MetricRole[] = ['field', 'tag', 'hidden'];

/**
 * One column of a table, or one scalar: numeric OID (no leading dot; a scalar's ends in its
 * instance, usually `.0`) and its `MODULE::object` name (a test resolves every pair against mibs/).
 * Numbers are scaled: value × multiplier ÷ divisor × (multiplyBy column) × 10^-(precisionFrom
 * column) × 1000^((siScaleFrom column) − 9), each part only when set.
 */
export interface MetricColumn {
  readonly oid: string;
  readonly mib: string;
  /** Default `field`. */
  readonly role?: MetricRole;
  /** Default `none`. */
  readonly conversion?: MetricConversion;
  /** For `enum`: raw number (as text) → text. */
  readonly enum?: Readonly<Record<string, string>>;
  readonly multiplier?: number;
  readonly divisor?: number;
  /** Another column of the same row to multiply by (hrStorageUsed × hrStorageAllocationUnits). */
  readonly multiplyBy?: string;
  /** Another column holding decimal places: the value is divided by 10^that (entPhySensorPrecision). */
  readonly precisionFrom?: string;
  /**
   * Another column holding an SI prefix as ENTITY-SENSOR-MIB's SensorDataScale numbers it
   * (yocto 1 … units 9 … yotta 17): the value is multiplied by 1000^(that − 9).
   */
  readonly siScaleFrom?: string;
  /** Another column of the same row whose (scaled) value stands in when this one has none (cpmCPUTotal5minRev, else cpmCPUTotal5min). */
  readonly fallback?: string;
}

/**
 * Keeps only rows (or scalar groups) whose value of `column` (after conversion and scaling) passes
 * every condition given. A row without the column fails `present: true`, `in`, `min`, `max` and
 * `matches`, and passes `present: false`, `notIn` and `notMatches`.
 */
export interface MetricFilter {
  readonly column: string;
  readonly present?: boolean;
  /** One of these (numbers compare as numbers, text as text). */
  readonly in?: readonly (string | number)[];
  readonly notIn?: readonly (string | number)[];
  /** Numbers only: inclusive bounds. */
  readonly min?: number;
  readonly max?: number;
  /** A regular expression (JavaScript syntax) the text must (not) match. */
  readonly matches?: string;
  readonly notMatches?: string;
}

/**
 * Columns of another table joined to each row (Telegraf's secondary_index_table, LibreNMS's
 * entPhysicalName lookup): `on` names what in this row is the other table's index: `index` (the
 * same index, optionally only its first `indexPrefix` components) or a column holding it
 * (cpmCPUTotalPhysicalIndex). Joined columns are addressed by their keys like the row's own; a row
 * without a match simply lacks them. Their role defaults to `hidden`.
 */
export interface MetricJoin {
  /** The other table's name, for logs and for walking it once per poll when several tables join it. */
  readonly name: string;
  readonly columns: Readonly<Record<string, MetricColumn>>;
  readonly on: string;
  readonly indexPrefix?: number;
  /**
   * With `on: 'index'`: join every row to this one fixed row of the other table instead (net-snmp's
   * `Cached memory` row sized against hrStorage row 1, `Physical memory`).
   */
  readonly fixedIndex?: string;
}

/**
 * How the row index becomes the `index` tag (and `{index}` in templates):
 * `dotted` as is (`3`, `22.1`); `string`: an OCTET STRING with its length first
 * (`3.97.98.99` → `abc`); `implied-string`: every component a character.
 */
export type MetricIndexFormat = 'dotted' | 'string' | 'implied-string';

/** Shared by tables and scalar groups: what the record is called and its constant or templated parts. */
interface MetricRecordShape {
  /** The record's name (a measurement; for health `processor`, `memory` or `sensor`). */
  readonly name: string;
  readonly columns: Readonly<Record<string, MetricColumn>>;
  /**
   * Tags from templates: literal text with `{key}` for a value (a column, a joined column or
   * `index`) and `{a|b}` for the first non-empty of several; a `{…}` with no value makes the tag
   * absent. Applied after the column tags and the `index` tag, so `index: 'cpu{index}'` renames it.
   */
  readonly tags?: Readonly<Record<string, string>>;
  /** Text fields from templates, as `tags` (`descr: '{entPhysicalName|entPhysicalDescr}'`). */
  readonly texts?: Readonly<Record<string, string>>;
  readonly filters?: readonly MetricFilter[];
}

export interface MetricTable extends MetricRecordShape {
  /** The MIB's table name for logs and errors: `hrProcessorTable`. */
  readonly table: string;
  /** Index components a row must have: an exact count or [min, max]; other rows are dropped. */
  readonly indexLength?: number | readonly [number, number];
  /** Default `dotted`. */
  readonly index?: MetricIndexFormat;
  readonly joins?: readonly MetricJoin[];
}

/** One record from a GET of a few scalars (`memTotalReal.0`, `memAvailReal.0`); its `index` tag is `index`. */
export interface MetricScalarGroup extends MetricRecordShape {
  readonly index: string;
}

/**
 * Which devices a definition is for. Every selector given must hold; then the definition fits
 * when one of `probes` (subtrees) has data, or, without probes, when the first field column of
 * one of its tables (or a fallback of it) or one of its scalars does.
 */
export interface MetricMatch {
  /** sysObjectID starts with one of these (a whole arc: `1.3.6.1.4.1.9` fits `1.3.6.1.4.1.9.1.2`). */
  readonly sysObjectIdPrefixes?: readonly string[];
  /** The device's classified vendor is one of these (case-insensitive). */
  readonly vendors?: readonly string[];
  /** The device's role is one of these. */
  readonly roles?: readonly string[];
  readonly probes?: readonly string[];
}

export interface MetricDef {
  /** Unique name: `host-resources`, `cisco-envmon`, or a user's metric name. */
  readonly name: string;
  readonly match?: MetricMatch;
  /** Names of definitions this one makes redundant: when this fits a device, they are not polled there. */
  readonly supersedes?: readonly string[];
  readonly scalars?: readonly MetricScalarGroup[];
  readonly tables?: readonly MetricTable[];
}

/** What the engine produces: a measurement-like name, identity tags and fields. */
export interface MetricRecord {
  readonly name: string;
  /** From the definition that produced it. */
  readonly def: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly fields: Readonly<Record<string, number | string>>;
  /** The OID each column field was read from (column OID + row index, or the scalar's OID). */
  readonly oids?: Readonly<Record<string, string>>;
}
