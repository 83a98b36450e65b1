/** InfluxDB 1.x line protocol encoding of Points. Pure: no I/O, clock or logger; on the poller's hot path. */
import type { FieldValue, Point } from './types.js';

/*
 * Escaping rules, as InfluxDB 1.x parses them (models/points.go):
 * - measurement: `,` and space are escaped with a backslash;
 * - tag keys, tag values, field keys: `,`, `=` and space;
 * - string field values are double-quoted; `"` and `\` inside are escaped.
 * The 1.x scanner decides "escaped" by looking at the previous byte only and unescapes with a
 * plain replace of `\,`, `\=`, `\ `, so a backslash anywhere else is stored literally and
 * `a\,b` round-trips exactly as `a\\,b`. Two things cannot be carried in a key or tag value:
 * - a trailing backslash (it would escape the following separator): it is removed, as Telegraf does;
 * - a newline (it ends the line) or carriage return: written as the two characters `\n` / `\r`.
 * `storedTagValue()` gives the value InfluxDB ends up storing, so queries can match it.
 */

/** Largest int64: InfluxDB 1.x has no unsigned integers (without the `u` build flag). */
export const INT64_MAX = 9223372036854775807n;
export const INT64_MIN = -9223372036854775808n;

const COMMA = 44;
const EQUALS = 61;
const SPACE = 32;
const LF = 10;
const CR = 13;
const BACKSLASH = 92;
const QUOTE = 34;

/** The tag (or key) value as InfluxDB will store it; '' means the tag is left out. */
export function storedTagValue(value: string): string {
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === BACKSLASH) end -= 1;
  const trimmed = end === value.length ? value : value.slice(0, end);
  let needs = false;
  for (let i = 0; i < trimmed.length; i += 1) {
    const c = trimmed.charCodeAt(i);
    if (c === LF || c === CR) {
      needs = true;
      break;
    }
  }
  if (!needs) return trimmed;
  return trimmed.replaceAll('\n', '\\n').replaceAll('\r', '\\r');
}

/**
 * Escapes a tag key, tag value or field key (`withEquals`) or a measurement (`!withEquals`).
 * The common case (no special character) returns the input untouched after one charCode scan.
 */
export function escapeName(value: string, withEquals: boolean): string {
  const n = value.length;
  let clean = n > 0 && value.charCodeAt(n - 1) !== BACKSLASH;
  if (clean) {
    for (let i = 0; i < n; i += 1) {
      const c = value.charCodeAt(i);
      if (c === COMMA || c === SPACE || c === LF || c === CR || (withEquals && c === EQUALS)) {
        clean = false;
        break;
      }
    }
  }
  if (clean) return value;
  const stored = storedTagValue(value);
  let out = '';
  let from = 0;
  for (let i = 0; i < stored.length; i += 1) {
    const c = stored.charCodeAt(i);
    if (c === COMMA || c === SPACE || (withEquals && c === EQUALS)) {
      out += stored.slice(from, i) + '\\';
      from = i;
    }
  }
  return out + stored.slice(from);
}

export function escapeStringField(value: string): string {
  let from = 0;
  let out = '';
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if (c === QUOTE || c === BACKSLASH) {
      out += value.slice(from, i) + '\\';
      from = i;
    }
  }
  return from === 0 && out === '' ? value : out + value.slice(from);
}

/** One field value in line protocol, or '' when it must not be written (NaN, ±Infinity, undefined). */
function formatValue(value: FieldValue): string {
  switch (typeof value) {
    case 'number':
      // InfluxDB rejects NaN/Inf for the whole batch; a missing value is the honest encoding.
      return Number.isFinite(value) ? String(value) : '';
    case 'bigint': {
      // Raw counters can exceed int64 (Counter64 up to 2^64-1); an out-of-range integer would fail
      // the whole write, so clamp like Telegraf does without uint support. Rates were already
      // computed from the exact bigint, so only the raw field saturates.
      const v = value > INT64_MAX ? INT64_MAX : value < INT64_MIN ? INT64_MIN : value;
      return `${v}i`;
    }
    case 'string':
      return `"${escapeStringField(value)}"`;
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      // Point.fields is typed, but callers may pass optional props holding undefined.
      return '';
  }
}

// Measurement names and keys repeat endlessly (a handful of schema constants); cache their escaping.
const nameCache = new Map<string, string>();
const keyCache = new Map<string, string>();
const CACHE_LIMIT = 4096;

function cached(cache: Map<string, string>, value: string, withEquals: boolean): string {
  let hit = cache.get(value);
  if (hit === undefined) {
    hit = escapeName(value, withEquals);
    if (cache.size < CACHE_LIMIT) cache.set(value, hit);
  }
  return hit;
}

/**
 * One point as a line (no trailing newline), timestamp in seconds. Returns '' when the point has
 * nothing writable (no measurement, no field left after dropping NaN/undefined, non-finite time).
 */
export function formatPoint(p: Point): string {
  const measurement = cached(nameCache, p.measurement, false);
  if (measurement === '' || !Number.isFinite(p.time)) return '';

  let fields = '';
  const pf = p.fields;
  for (const key in pf) {
    const raw = pf[key];
    if (raw === undefined) continue;
    const value = formatValue(raw);
    if (value === '') continue;
    const k = cached(keyCache, key, true);
    if (k === '') continue;
    fields += fields === '' ? `${k}=${value}` : `,${k}=${value}`;
  }
  if (fields === '') return '';

  let line = measurement;
  const tags = p.tags;
  const keys = Object.keys(tags);
  // InfluxDB sorts unsorted tag sets itself, at a cost per point; sorted input takes its fast path.
  if (keys.length > 1 && !isSorted(keys)) keys.sort();
  for (const key of keys) {
    const value = tags[key];
    if (value === undefined || value === '') continue; // empty tag values are rejected by InfluxDB
    const v = escapeName(value, true);
    if (v === '') continue; // e.g. a value made only of backslashes
    const k = cached(keyCache, key, true);
    if (k === '') continue;
    line += `,${k}=${v}`;
  }
  return `${line} ${fields} ${Math.trunc(p.time)}`;
}

function isSorted(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i += 1) {
    if ((keys[i - 1] as string) > (keys[i] as string)) return false;
  }
  return true;
}

/** Points as newline-separated lines; unwritable points are skipped. */
export function formatPoints(points: readonly Point[]): string {
  let out = '';
  for (const p of points) {
    const line = formatPoint(p);
    if (line === '') continue;
    out += out === '' ? line : `\n${line}`;
  }
  return out;
}

// ---- Writing straight into a byte buffer (the sink's pending buffer), for points of a fixed shape ----
// Each writer returns the position after what it wrote; the caller reserved room (see bytes bounds).
// They produce the bytes formatPoint's text would encode to in UTF-8, without building that text.

const TWO_32 = 4294967296;
const INT64_MAX_TEXT = INT64_MAX.toString();

/** Decimal digits of a non-negative safe integer. */
function writeDigits(buf: Uint8Array, pos: number, n: number): number {
  if (n < 10) {
    buf[pos] = 48 + n;
    return pos + 1;
  }
  let digits = 1;
  for (let t = n; t >= 10; t = Math.floor(t / 10)) digits += 1;
  let p = pos + digits;
  while (n >= 10) {
    const q = Math.floor(n / 10);
    buf[--p] = 48 + (n - q * 10);
    n = q;
  }
  buf[--p] = 48 + n;
  return pos + digits;
}

/** `text` that is known to be ASCII. */
function writeAsciiText(buf: Uint8Array, pos: number, text: string): number {
  for (let i = 0; i < text.length; i += 1) buf[pos + i] = text.charCodeAt(i);
  return pos + text.length;
}

/** A tag key, tag value or field key as formatPoint escapes it (escapeName with `=`); the position unchanged when it escapes to ''. */
export function writeEscapedName(buf: Buffer, pos: number, value: string): number {
  const escaped = escapeName(value, true);
  return writeText(buf, pos, escaped);
}

/** Any text, UTF-8: a JS loop for ASCII, Buffer#write otherwise. */
export function writeText(buf: Buffer, pos: number, text: string): number {
  const n = text.length;
  for (let i = 0; i < n; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return pos + buf.write(text, pos, 'utf8');
    buf[pos + i] = c;
  }
  return pos + n;
}

/** A string field value: `"…"` with `"` and `\` escaped, as formatValue writes it. */
export function writeStringValue(buf: Buffer, pos: number, value: string): number {
  buf[pos++] = QUOTE;
  const n = value.length;
  let p = pos;
  for (let i = 0; i < n; i += 1) {
    const c = value.charCodeAt(i);
    if (c >= 0x80) {
      // Not ASCII: let Buffer#write encode the escaped text (rare in interface descriptions).
      p = pos + buf.write(escapeStringField(value), pos, 'utf8');
      buf[p] = QUOTE;
      return p + 1;
    }
    if (c === QUOTE || c === BACKSLASH) buf[p++] = BACKSLASH;
    buf[p++] = c;
  }
  buf[p] = QUOTE;
  return p + 1;
}

/** An integer field (`…i`) from a number, as formatValue writes bigintOf(n): truncated, clamped to int64. */
export function writeIntegerValue(buf: Buffer, pos: number, n: number): number {
  let v = Math.trunc(n);
  // NaN or ±Infinity: BigInt() throws, as bigintOf would have for the generic point.
  if (!Number.isFinite(v)) return writeAsciiText(buf, pos, formatValue(BigInt(v)));
  if (v < 0) {
    if (v < -Number.MAX_SAFE_INTEGER) return writeAsciiText(buf, pos, formatValue(BigInt(v)));
    buf[pos++] = 45; // '-'
    v = -v;
  } else if (v > Number.MAX_SAFE_INTEGER) {
    return writeAsciiText(buf, pos, formatValue(BigInt(v)));
  }
  pos = writeDigits(buf, pos, v);
  buf[pos] = 105; // 'i'
  return pos + 1;
}

/** An unsigned 64-bit integer field from its two 32-bit halves, clamped to int64 as formatValue clamps a bigint. */
export function writeUint64Value(buf: Buffer, pos: number, hi: number, lo: number): number {
  if (hi >= 0x80000000) {
    pos = writeAsciiText(buf, pos, INT64_MAX_TEXT);
  } else if (hi < 0x200000) {
    pos = writeDigits(buf, pos, hi * TWO_32 + lo); // below 2^53: exact as a double
  } else {
    pos = writeAsciiText(buf, pos, ((BigInt(hi) << 32n) | BigInt(lo)).toString());
  }
  buf[pos] = 105; // 'i'
  return pos + 1;
}

/** A float field, as formatValue writes a number (String(value)); the caller leaves out non-finite values. */
export function writeFloatValue(buf: Buffer, pos: number, v: number): number {
  if (Number.isInteger(v) && v <= Number.MAX_SAFE_INTEGER && v >= -Number.MAX_SAFE_INTEGER) {
    if (v < 0) {
      buf[pos++] = 45;
      return writeDigits(buf, pos, -v);
    }
    return writeDigits(buf, pos, v === 0 ? 0 : v); // -0 prints as 0, as String(-0)
  }
  return writeAsciiText(buf, pos, String(v));
}

/** The line's timestamp, as formatPoint writes Math.trunc(time). */
export function writeTimestamp(buf: Buffer, pos: number, time: number): number {
  const t = Math.trunc(time);
  if (t >= 0 && t <= Number.MAX_SAFE_INTEGER) return writeDigits(buf, pos, t);
  return writeAsciiText(buf, pos, String(t));
}
