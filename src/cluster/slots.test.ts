import { describe, expect, it } from 'vitest';
import { isLinkscopeError } from '../model/errors.js';
import { DEFAULT_SLOT_COUNT, slotOf } from './slots.js';

function histogram(ids: number, slotCount: number): number[] {
  const counts = new Array<number>(slotCount).fill(0);
  for (let id = 1; id <= ids; id++) counts[slotOf(id, slotCount)] = (counts[slotOf(id, slotCount)] ?? 0) + 1;
  return counts;
}

describe('slotOf', () => {
  it('gives pinned values: the hash is part of the protocol every poller must agree on', () => {
    const ids = [0, 1, 2, 3, 42, 1000, 65_535, 2 ** 31, 2 ** 32 - 1];
    expect(ids.map((id) => slotOf(id, DEFAULT_SLOT_COUNT))).toEqual([891, 246, 34, 182, 320, 803, 644, 58, 866]);
    expect(DEFAULT_SLOT_COUNT).toBe(1024);
  });

  it('uses the 32-bit value of the id', () => {
    expect(slotOf(2 ** 32 + 42, 1024)).toBe(slotOf(42, 1024));
    expect(slotOf(-1, 1024)).toBe(slotOf(2 ** 32 - 1, 1024));
  });

  it('stays within 0 … slotCount − 1', () => {
    for (const slotCount of [1, 2, 7, 1024, 65_536]) {
      for (let id = 0; id < 2000; id++) {
        const slot = slotOf(id, slotCount);
        expect(slot >= 0 && slot < slotCount && Number.isInteger(slot)).toBe(true);
      }
    }
  });

  it('spreads 10,000 sequential ids evenly over 1,024 slots (every slot 1…25, chi-square below the 0.1 % critical value)', () => {
    const counts = histogram(10_000, 1024);
    const mean = 10_000 / 1024;
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...counts)).toBeLessThanOrEqual(25);
    const chiSquare = counts.reduce((sum, c) => sum + (c - mean) ** 2 / mean, 0);
    // df = 1023: critical value at p = 0.001 ≈ 1023 + 3.09 × √2046 ≈ 1163.
    expect(chiSquare).toBeLessThan(1163);
  });

  it('spreads 10,000 sequential ids over 64 slots within ±20 % of the mean', () => {
    const counts = histogram(10_000, 64);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(125);
    expect(Math.max(...counts)).toBeLessThanOrEqual(188);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects slot count %s with LS_CLUSTER_CONFIG_INVALID', (slotCount) => {
    let caught: unknown;
    try {
      slotOf(1, slotCount);
    } catch (err) {
      caught = err;
    }
    expect(isLinkscopeError(caught, 'LS_CLUSTER_CONFIG_INVALID')).toBe(true);
  });
});
