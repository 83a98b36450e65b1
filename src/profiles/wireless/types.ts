/**
 * The shape of a wireless profile: vendor knowledge as data (OIDs with their MIB names, what an
 * index means, units and scaling, which CONTRACT class a figure is, how rows form APs, radios and
 * SSIDs). Applied by src/wireless/engine.ts; checked by src/wireless/profiles.ts. Pure.
 */
import type { WirelessSensorClass } from '../../model/wireless.js';

export type WirelessRole = 'wireless-ap' | 'wireless-controller' | 'wireless-bridge';

/**
 * Units a vendor reports in, and how each converts to a CONTRACT unit (WIRELESS_SENSOR_UNITS).
 * The loader rejects a `from` whose target is not the unit of the sensor's class.
 */
export const SOURCE_UNITS = {
  Hz: { to: 'MHz', factor: 1e-6 },
  kHz: { to: 'MHz', factor: 1e-3 },
  MHz: { to: 'MHz', factor: 1 },
  GHz: { to: 'MHz', factor: 1e3 },
  m: { to: 'km', factor: 1e-3 },
  cm: { to: 'km', factor: 1e-5 },
  km: { to: 'km', factor: 1 },
  'bit/s': { to: 'bit/s', factor: 1 },
  'kbit/s': { to: 'bit/s', factor: 1e3 },
  'Mbit/s': { to: 'bit/s', factor: 1e6 },
  'Gbit/s': { to: 'bit/s', factor: 1e9 },
  dBm: { to: 'dBm', factor: 1 },
  'dBm/10': { to: 'dBm', factor: 0.1 },
  dB: { to: 'dB', factor: 1 },
  'dB/10': { to: 'dB', factor: 0.1 },
  '%': { to: '%', factor: 1 },
} as const;
export type SourceUnit = keyof typeof SOURCE_UNITS;

/** One column or scalar: numeric OID (no leading dot) and its `MODULE::object` name. */
export interface WirelessColumn {
  readonly oid: string;
  readonly mib: string;
  /** How the value reads: a number (default), display text, or a MAC address (octets → `aa:bb:…`). */
  readonly type?: 'number' | 'text' | 'mac';
}

/** How a figure is scaled to its class's unit: value = raw × multiplier ÷ divisor × SOURCE_UNITS[from].factor. */
export interface Scaling {
  readonly from?: SourceUnit;
  readonly divisor?: number;
  readonly multiplier?: number;
}

/** A reference to a number column, optionally scaled (radio frequency in kHz, …). */
export type NumberField = string | ({ readonly column: string } & Scaling);

/**
 * One sensor per table row. `descr` and `index` are templates: `{index}` is the row index as
 * `WirelessTableSpec.index` reads it, `{name}` any column's value.
 */
export interface TableSensorSpec extends Scaling {
  readonly class: WirelessSensorClass;
  readonly column: string;
  readonly descr: string;
  /** Default `{index}`. Must keep (class, index) unique within the device. */
  readonly index?: string;
  /** Raw values that mean "not applicable" (a frequency of 0 on a virtual AP); such rows give no sensor. */
  readonly skip?: readonly number[];
}

/** One sensor from one scalar (a GET of `oid`, usually ending in `.0`). */
export interface ScalarSensorSpec extends Scaling {
  readonly class: WirelessSensorClass;
  readonly oid: string;
  readonly mib: string;
  readonly descr: string;
  readonly index: string;
  readonly skip?: readonly number[];
}

/** A figure over all rows of a table: the number of rows (APs), or the sum of a column (clients). */
export interface AggregateSpec {
  readonly class: WirelessSensorClass;
  readonly op: 'count' | 'sum';
  /** For `sum`: the column summed. */
  readonly column?: string;
  /** One figure per distinct value of this column (clients per SSID over every radio); `{group}` in descr/index is that value. */
  readonly groupBy?: string;
  readonly descr: string;
  readonly index: string;
}

/**
 * How a row index reads:
 * - `dotted`: as is (`3`, `1.2`);
 * - `mac`: the first six components are a MAC address (`aa:bb:cc:dd:ee:ff`), the rest appended dotted;
 * - `string`: an OCTET STRING with its length in front (`5.104.101.108.108.111` → `hello`);
 * - `implied-string`: an IMPLIED OCTET STRING (every component is a character).
 */
export type IndexFormat = 'dotted' | 'mac' | 'string' | 'implied-string';

/** Each row is an AP a controller manages. Its key is the first `keyLength` index components (all by default). */
export interface ApMapping {
  readonly name?: string;
  /** A column, or `index` when the index is the AP's MAC. */
  readonly mac?: string;
  readonly status?: string;
  /** Numbers of the status column → words (`1: 'up'`); unknown numbers are shown as the number. */
  readonly statusWords?: Readonly<Record<number, string>>;
  readonly clients?: string;
  readonly keyLength?: number;
}

/** Each row is a radio: of the AP whose key is the first `apKeyLength` index components, or of the device itself. */
export interface RadioMapping {
  readonly apKeyLength?: number;
  readonly band?: string;
  /** The band column's values (numbers or words such as UniFi's `ng`/`na`) → band names. */
  readonly bandWords?: Readonly<Record<number | string, string>>;
  readonly frequency?: NumberField;
  readonly channel?: NumberField;
  readonly clients?: NumberField;
  readonly txPower?: NumberField;
  readonly noiseFloor?: NumberField;
  readonly utilization?: NumberField;
  /** Rows whose frequency column holds one of these raw values are not radios (virtual APs). */
  readonly skipFrequency?: readonly number[];
}

/** Each row is an SSID with its client count: of an AP (by `apKeyLength`) or of the device / controller as a whole. */
export interface SsidMapping {
  /** A text column, or `index` for an SSID encoded in the index (see `index`). */
  readonly ssid: string;
  readonly clients: string;
  readonly apKeyLength?: number;
}

export interface WirelessTableSpec {
  /** The MIB's table name, for logs and errors: `mtxrWlApTable`. */
  readonly name: string;
  readonly columns: Readonly<Record<string, WirelessColumn>>;
  /** Index components a row must have: an exact count or [min, max]. Rows of another shape are dropped. */
  readonly indexLength?: number | readonly [number, number];
  readonly index?: IndexFormat;
  readonly sensors?: readonly TableSensorSpec[];
  readonly aggregates?: readonly AggregateSpec[];
  readonly ap?: ApMapping;
  readonly radio?: RadioMapping;
  readonly ssid?: SsidMapping;
}

export interface WirelessMatch {
  /** Only devices whose sysObjectID starts with one of these are probed. Unset: every device is. */
  readonly sysObjectIdPrefixes?: readonly string[];
  /** Subtrees (tables or scalars) of the profile's MIB; the profile fits when at least one has data. */
  readonly probes: readonly string[];
  /** Used only when no other profile fits (the generic IEEE802dot11-MIB). */
  readonly fallback?: boolean;
}

export interface WirelessProfile {
  readonly name: string;
  /** The MIB module(s) the OIDs come from. */
  readonly mib: string;
  /** Where to get the MIB: linkscope ships it in mibs/ (`shipped`) or names its source. */
  readonly source: string;
  readonly shipped: boolean;
  readonly match: WirelessMatch;
  /** The role the profile gives a device; unset for profiles that only add figures (an LTE modem). */
  readonly role?: WirelessRole;
  readonly scalars?: readonly ScalarSensorSpec[];
  readonly tables?: readonly WirelessTableSpec[];
}

/** A profile file's exports, as the registry lists them: the loader names the file in its errors. */
export interface WirelessProfileFile {
  readonly file: string;
  readonly profiles: readonly WirelessProfile[];
}
