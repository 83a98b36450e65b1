/** Unit tests for retention naming, InfluxDB durations and the raw-or-rollup rule of the history API. */
import { describe, expect, it } from 'vitest';
import { chooseHistorySource, formatInfluxDuration, parseInfluxDuration, rollupPolicy, rollupQueryName, sourceName, type RetentionSettings } from './retention.js';

const H = 3_600_000;
const D = 24 * H;
const NOW = Date.parse('2026-06-01T12:00:00Z');

const settings: RetentionSettings = {
  rawMs: 30 * D,
  rollup: { enabled: true, intervalMs: 300_000, retentionMs: 104 * 7 * D, readAboveMs: 24 * H },
};

function range(fromAgoMs: number, toAgoMs = 0): { from: Date; to: Date } {
  return { from: new Date(NOW - fromAgoMs), to: new Date(NOW - toAgoMs) };
}

describe('chooseHistorySource', () => {
  it('reads raw points for a range up to readAbove', () => {
    expect(chooseHistorySource(range(1 * H), NOW, settings)).toEqual({ kind: 'raw' });
    expect(chooseHistorySource(range(24 * H), NOW, settings)).toEqual({ kind: 'raw' });
  });

  it('reads the rollup for a range longer than readAbove', () => {
    expect(chooseHistorySource(range(24 * H + 1000), NOW, settings)).toEqual({ kind: 'rollup', policy: 'rollup_5m', intervalMs: 300_000 });
    expect(chooseHistorySource(range(7 * D), NOW, settings)).toMatchObject({ kind: 'rollup' });
  });

  it('reads the rollup for a short range that starts before the raw retention', () => {
    expect(chooseHistorySource(range(31 * D, 31 * D - H), NOW, settings)).toMatchObject({ kind: 'rollup', policy: 'rollup_5m' });
  });

  it('never reads the rollup when rollups are off', () => {
    const off = { ...settings, rollup: { ...settings.rollup, enabled: false } };
    expect(chooseHistorySource(range(365 * D), NOW, off)).toEqual({ kind: 'raw' });
  });

  it('keeps raw points forever when the raw retention is 0', () => {
    const forever = { ...settings, rawMs: 0 };
    expect(chooseHistorySource(range(400 * D, 400 * D - H), NOW, forever)).toEqual({ kind: 'raw' });
  });

  it('follows readAbove and the interval', () => {
    const s = { ...settings, rollup: { ...settings.rollup, intervalMs: 3_600_000, readAboveMs: 2 * H } };
    expect(chooseHistorySource(range(3 * H), NOW, s)).toEqual({ kind: 'rollup', policy: 'rollup_1h', intervalMs: 3_600_000 });
  });

  it('names the sources for the response header', () => {
    expect(sourceName({ kind: 'raw' })).toBe('raw');
    expect(sourceName({ kind: 'rollup', policy: 'rollup_5m', intervalMs: 300_000 })).toBe('rollup_5m');
  });
});

describe('InfluxDB durations', () => {
  it.each([
    [300_000, '5m'],
    [30 * D, '30d'],
    [104 * 7 * D, '104w'],
    [90 * 60_000, '90m'],
    [45_000, '45s'],
    [0, 'INF'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatInfluxDuration(ms)).toBe(text);
  });

  it.each([
    ['720h0m0s', 30 * D],
    ['17472h0m0s', 104 * 7 * D],
    ['1h30m0s', 90 * 60_000],
    ['0s', 0],
    ['INF', 0],
    ['5m0s', 300_000],
  ])('parses SHOW RETENTION POLICIES duration %s', (text, ms) => {
    expect(parseInfluxDuration(text)).toBe(ms);
  });

  it('refuses what is not a Go duration', () => {
    expect(parseInfluxDuration('')).toBeUndefined();
    expect(parseInfluxDuration('30d')).toBeUndefined();
  });

  it('names policy and continuous query after the interval', () => {
    expect(rollupPolicy(300_000)).toBe('rollup_5m');
    expect(rollupQueryName(300_000)).toBe('linkscope_interface_5m');
    expect(rollupPolicy(3_600_000)).toBe('rollup_1h');
  });
});
