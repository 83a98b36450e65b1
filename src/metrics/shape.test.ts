import { describe, expect, it } from 'vitest';
import { passesFilter, type MetricValue } from './shape.js';

const values = (v: MetricValue): Map<string, MetricValue> => new Map([['d', v]]);

describe('passesFilter patterns', () => {
  it('applies matches and notMatches to every record alike, however often a pattern is reused', () => {
    const keep = { column: 'd', matches: '^(Gi|Te)' };
    const drop = { column: 'd', notMatches: 'Null|Loopback' };
    // Repeated calls with the same filter object and pattern: a pattern instance that carried state
    // between calls (lastIndex of a global regexp) would answer differently on the second call.
    for (let round = 0; round < 3; round += 1) {
      expect(passesFilter(values('Gi0/1'), keep)).toBe(true);
      expect(passesFilter(values('Gi0/1'), keep)).toBe(true);
      expect(passesFilter(values('Fa0/1'), keep)).toBe(false);
      expect(passesFilter(values('Loopback0'), drop)).toBe(false);
      expect(passesFilter(values('Null0'), drop)).toBe(false);
      expect(passesFilter(values('Te1/0/1'), drop)).toBe(true);
    }
    // Same source text in a different filter object: same answers.
    expect(passesFilter(values('Te1/0/1'), { column: 'd', matches: '^(Gi|Te)' })).toBe(true);
    expect(passesFilter(values(42), { column: 'd', matches: '^4' })).toBe(true);
  });
});
