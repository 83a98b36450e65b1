import { describe, expect, it } from 'vitest';
import { formatAge, formatBps, formatPercent, formatRate, formatSpeed } from './format.js';

describe('format', () => {
  it('scales bit rates with three significant digits', () => {
    expect(formatBps(0)).toBe('0 bit/s');
    expect(formatBps(999)).toBe('999 bit/s');
    expect(formatBps(1234567)).toBe('1.23 Mbit/s');
    expect(formatBps(45_600_000_000)).toBe('45.6 Gbit/s');
    expect(formatBps(null)).toBe('–');
  });

  it('prints speeds without needless decimals', () => {
    expect(formatSpeed(1e9)).toBe('1 Gbit/s');
    expect(formatSpeed(2.5e9)).toBe('2.5 Gbit/s');
    expect(formatSpeed(100e6)).toBe('100 Mbit/s');
    expect(formatSpeed(0)).toBe('–');
  });

  it('prints percents, rates and ages', () => {
    expect(formatPercent(3.14159)).toBe('3.1 %');
    expect(formatPercent(87.6)).toBe('88 %');
    expect(formatPercent(null)).toBe('–');
    expect(formatRate(0)).toBe('0');
    expect(formatRate(0.5)).toBe('0.50/s');
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(formatAge('2026-01-01T11:59:50Z', now)).toBe('10 s ago');
    expect(formatAge('2026-01-01T11:30:00Z', now)).toBe('30 min ago');
    expect(formatAge(null, now)).toBe('never');
  });
});
