import { describe, expect, it } from 'vitest';
import { heapFlagFor, SERVE_HEAP_GROWING_PERCENT } from './heap-tuning.js';

describe('heapFlagFor', () => {
  it('sets a fixed heap growing factor for serve and demo only', () => {
    expect(heapFlagFor('serve', [])).toBe(`--heap-growing-percent=${SERVE_HEAP_GROWING_PERCENT}`);
    expect(heapFlagFor('demo', [])).toBe(`--heap-growing-percent=${SERVE_HEAP_GROWING_PERCENT}`);
    for (const c of ['poll', 'walk', 'device', 'translate', undefined]) expect(heapFlagFor(c, [])).toBeNull();
  });

  it("leaves the operator's own node flag alone", () => {
    expect(heapFlagFor('serve', ['--heap-growing-percent=50'])).toBeNull();
    expect(heapFlagFor('serve', ['--max-old-space-size=512', '--heap_growing_percent=50'])).toBeNull();
    // Other heap flags are no reason to skip it.
    expect(heapFlagFor('serve', ['--max-old-space-size=512', '--max-semi-space-size=32'])).toBe(`--heap-growing-percent=${SERVE_HEAP_GROWING_PERCENT}`);
  });
});
