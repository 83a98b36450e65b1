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
function escapeName(value: string, withEquals: boolean): string {
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

function escapeStringField(value: string): string {
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
