/** Duration and size parsing at the configuration edge. */
import { describe, expect, it } from 'vitest';
import { isLinkscopeError } from '../model/errors.js';
import { formatDuration, formatSize, parseDuration, parseSize, tryParseDuration, tryParseSize } from './units.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['abc', '', '30', '-5s', '5 m', '5sec', '1h 30m'])('refuses %j with LS_CONFIG_INVALID and the accepted forms', (text) => {
    expect(tryParseDuration(text)).toBeUndefined();
    try {
      parseDuration(text);
      expect.unreachable();
    } catch (err) {
      expect(isLinkscopeError(err, 'LS_CONFIG_INVALID')).toBe(true);
      expect((err as Error).message).toContain('"30s"');
    }
  });

  it('formats to the shortest exact unit and round-trips', () => {
    for (const ms of [0, 1, 500, 1000, 60_000, 90_000, 3_600_000, 5_400_000, 86_400_000]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
    expect(formatDuration(90_000)).toBe('90s');
    expect(formatDuration(21_600_000)).toBe('6h');
  });
});

describe('parseSize', () => {
  it.each([
    ['1GiB', 1024 ** 3],
    ['512MiB', 512 * 1024 ** 2],
    ['100MB', 100_000_000],
    ['4096', 4096],
    [4096, 4096],
    ['1.5KiB', 1536],
    ['1gib', 1024 ** 3],
  ])('reads %j as %i bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(['lots', '1XB', '-1', '', 1.5, -3])('refuses %j', (value) => {
    expect(tryParseSize(value)).toBeUndefined();
    expect(() => parseSize(value)).toThrow(/is not a size; use e.g. "1GiB"/);
  });

  it('formats binary sizes exactly', () => {
    expect(formatSize(1024 ** 3)).toBe('1GiB');
    expect(formatSize(1000)).toBe('1000B');
  });
});

describe('weeks', () => {
  it('accepts w, as InfluxDB retention policies are written ("104w")', () => {
    expect(tryParseDuration('104w')).toBe(104 * 7 * 86_400_000);
    expect(tryParseDuration('1w2d')).toBe(9 * 86_400_000);
  });
});
