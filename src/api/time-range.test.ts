/** Unit tests for the utilisation query parser. */
import { describe, expect, it } from 'vitest';
import { isLinkscopeError } from '../model/errors.js';
import { MAX_BUCKETS, parseTimeBound, parseTimeRange } from './time-range.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isLinkscopeError(err, 'LS_VALIDATION')) return err.message;
    throw err;
  }
  throw new Error('did not throw');
}

describe('parseTimeBound', () => {
  it('reads now, relative durations and ISO 8601', () => {
    expect(parseTimeBound('to', 'now', NOW)).toBe(NOW);
    expect(parseTimeBound('from', '-15m', NOW)).toBe(NOW - 900_000);
    expect(parseTimeBound('from', '-1h30m', NOW)).toBe(NOW - 5_400_000);
    expect(parseTimeBound('from', '2024-05-01T11:00:00Z', NOW)).toBe(NOW - 3_600_000);
    expect(parseTimeBound('from', '2024-05-01T13:00:00+02:00', NOW)).toBe(NOW - 3_600_000);
    expect(parseTimeBound('from', '2024-05-01', NOW)).toBe(Date.parse('2024-05-01T00:00:00Z'));
  });

  it('rejects loose forms Date.parse would accept, naming the field', () => {
    for (const text of ['1', 'May 1 2024', '2024/05/01', '-1', '-x', 'now()', '+1h', '2024-13-01T00:00:00Z']) {
      expect(messageOf(() => parseTimeBound('from', text, NOW))).toMatch(/^query\.from: /);
    }
  });
});

describe('parseTimeRange', () => {
  it('defaults to the last hour in 60s steps', () => {
    expect(parseTimeRange({}, NOW)).toEqual({ from: new Date(NOW - 3_600_000), to: new Date(NOW), stepMs: 60_000 });
  });

  it('refuses from >= to, steps under 1s and too many buckets', () => {
    expect(messageOf(() => parseTimeRange({ from: 'now', to: 'now' }, NOW))).toBe('query.from: must be before to');
    expect(messageOf(() => parseTimeRange({ step: '999ms' }, NOW))).toBe('query.step: must be at least 1s, got 999ms');
    expect(messageOf(() => parseTimeRange({ step: 'fast' }, NOW))).toMatch(/^query\.step: "fast" is not a duration/);
    expect(messageOf(() => parseTimeRange({ from: '-30d', step: '1s' }, NOW))).toMatch(/^query\.step: gives 2592000 buckets/);
  });

  it(`accepts exactly ${MAX_BUCKETS} buckets`, () => {
    expect(parseTimeRange({ from: '-10000s', step: '1s' }, NOW).stepMs).toBe(1000);
  });
});
