/** Unit tests for the line-protocol encoder: every escaping rule, int64 clamping, dropped values. */
import { describe, expect, it } from 'vitest';
import { formatPoint, formatPoints, INT64_MAX, INT64_MIN, storedTagValue } from './line-protocol.js';
import type { Point } from './types.js';

function point(overrides: Partial<Point>): Point {
  return { measurement: 'm', tags: {}, fields: { v: 1 }, time: 1700000000, ...overrides };
}

describe('formatPoint', () => {
  it('writes measurement, sorted tags, fields and a seconds timestamp', () => {
    const line = formatPoint(point({ tags: { z: '1', a: '2', m: '3' }, fields: { x: 1.5, y: 2n } }));
    expect(line).toBe('m,a=2,m=3,z=1 x=1.5,y=2i 1700000000');
  });

  it('escapes commas and spaces in the measurement but not equals signs', () => {
    expect(formatPoint(point({ measurement: 'my meas,x=y' }))).toBe('my\\ meas\\,x=y v=1 1700000000');
  });

  it('escapes commas, equals signs and spaces in tag keys and tag values', () => {
    const line = formatPoint(point({ tags: { 'k e,y=': 'Gi 0/1,x=y' } }));
    expect(line).toBe('m,k\\ e\\,y\\==Gi\\ 0/1\\,x\\=y v=1 1700000000');
  });

  it('escapes commas, equals signs and spaces in field keys', () => {
    expect(formatPoint(point({ fields: { 'a b,c=d': 1 } }))).toBe('m a\\ b\\,c\\=d=1 1700000000');
  });

  it('quotes string fields and escapes double quotes and backslashes inside them', () => {
    const line = formatPoint(point({ fields: { s: 'say "hi" C:\\path\\' } }));
    expect(line).toBe('m s="say \\"hi\\" C:\\\\path\\\\" 1700000000');
  });

  it('keeps a string field starting with a quote escaped', () => {
    expect(formatPoint(point({ fields: { s: '"' } }))).toBe('m s="\\"" 1700000000');
  });

  it('keeps commas, equals signs and spaces inside string fields unescaped', () => {
    expect(formatPoint(point({ fields: { s: 'a, b=c' } }))).toBe('m s="a, b=c" 1700000000');
  });

  it('leaves a backslash inside a tag value literal, since InfluxDB 1.x stores it as is', () => {
    expect(formatPoint(point({ tags: { t: 'a\\b' } }))).toBe('m,t=a\\b v=1 1700000000');
    expect(formatPoint(point({ tags: { t: 'a\\,b' } }))).toBe('m,t=a\\\\,b v=1 1700000000');
  });

  it('drops a trailing backslash from a tag value, which would escape the separator', () => {
    expect(formatPoint(point({ tags: { t: 'eth0\\\\' } }))).toBe('m,t=eth0 v=1 1700000000');
    expect(storedTagValue('eth0\\\\')).toBe('eth0');
  });

  it('writes newlines and carriage returns in tag values as \\n and \\r', () => {
    expect(formatPoint(point({ tags: { t: 'a\nb\rc' } }))).toBe('m,t=a\\nb\\rc v=1 1700000000');
    expect(storedTagValue('a\nb\rc')).toBe('a\\nb\\rc');
  });

  it('keeps newlines inside string fields, which InfluxDB accepts within quotes', () => {
    expect(formatPoint(point({ fields: { s: 'a\nb' } }))).toBe('m s="a\nb" 1700000000');
  });

  it('keeps unicode untouched', () => {
    expect(formatPoint(point({ tags: { t: 'Ethernet 1/0 — café 🚀' } }))).toBe(
      'm,t=Ethernet\\ 1/0\\ —\\ café\\ 🚀 v=1 1700000000',
    );
  });

  it('omits tags with empty values, which InfluxDB rejects', () => {
    expect(formatPoint(point({ tags: { a: '', b: 'x', c: '\\' } }))).toBe('m,b=x v=1 1700000000');
  });

  it('writes numbers as floats and bigints as integers', () => {
    const line = formatPoint(point({ fields: { f: 42, g: -0.25, h: 1e21, i: 42n, b: true, c: false } }));
    expect(line).toBe('m f=42,g=-0.25,h=1e+21,i=42i,b=true,c=false 1700000000');
  });

  it('never writes NaN or infinities', () => {
    const line = formatPoint(point({ fields: { a: Number.NaN, b: Infinity, c: -Infinity, d: 3 } }));
    expect(line).toBe('m d=3 1700000000');
  });

  it('skips fields whose value is undefined', () => {
    const fields = { a: undefined, b: 1 } as unknown as Point['fields'];
    expect(formatPoint(point({ fields }))).toBe('m b=1 1700000000');
  });

  it('clamps 2^64-1 to the largest int64', () => {
    const line = formatPoint(point({ fields: { c: 2n ** 64n - 1n } }));
    expect(line).toBe('m c=9223372036854775807i 1700000000');
  });

  it('keeps 2^63-1 exactly and clamps 2^63', () => {
    expect(formatPoint(point({ fields: { c: INT64_MAX } }))).toBe('m c=9223372036854775807i 1700000000');
    expect(formatPoint(point({ fields: { c: INT64_MAX + 1n } }))).toBe('m c=9223372036854775807i 1700000000');
  });

  it('writes negative bigints and clamps below the smallest int64', () => {
    expect(formatPoint(point({ fields: { c: -5n } }))).toBe('m c=-5i 1700000000');
    expect(formatPoint(point({ fields: { c: INT64_MIN } }))).toBe('m c=-9223372036854775808i 1700000000');
    expect(formatPoint(point({ fields: { c: INT64_MIN - 10n } }))).toBe('m c=-9223372036854775808i 1700000000');
  });

  it('returns an empty line for a point without writable fields', () => {
    expect(formatPoint(point({ fields: {} }))).toBe('');
    expect(formatPoint(point({ fields: { a: Number.NaN } }))).toBe('');
  });

  it('returns an empty line for a non-finite time and truncates fractional seconds', () => {
    expect(formatPoint(point({ time: Number.NaN }))).toBe('');
    expect(formatPoint(point({ time: 1700000000.9 }))).toBe('m v=1 1700000000');
  });
});

describe('formatPoints', () => {
  it('joins lines with newlines and skips points without fields', () => {
    const text = formatPoints([point({ time: 1 }), point({ fields: {} }), point({ time: 2 })]);
    expect(text).toBe('m v=1 1\nm v=1 2');
  });

  it('returns an empty string for no points', () => {
    expect(formatPoints([])).toBe('');
  });
});
