/** Unit tests for the pure counter maths: wraps, resets, discontinuities, precision. */
import { describe, expect, it } from 'vitest';
import {
  assessElapsed,
  computeInterfaceRates,
  counterDelta,
  maxOctetDelta,
  packReadings,
  readingOf,
  type ElapsedAssessment,
  type InterfaceCounters,
} from './counters.js';

const MAX64 = (1n << 64n) - 1n;
const MAX32 = (1n << 32n) - 1n;
const HUGE = 1n << 70n;

function ifc(counters: Record<string, [bigint, 32 | 64]>, extra: Partial<InterfaceCounters> = {}): InterfaceCounters {
  const readings: Record<string, { value: bigint; bits: 32 | 64 }> = {};
  for (const [k, [value, bits]] of Object.entries(counters)) readings[k] = { value, bits };
  return { identity: 'Gi0/1|Gi0/1|6|00:11:22:33:44:55', discontinuityTime: 0, counters: packReadings(readings), ...extra };
}

const ok60: ElapsedAssessment = { kind: 'ok', elapsedSec: 60, source: 'agent' };

describe('counterDelta', () => {
  it('returns a plain delta when the counter grew', () => {
    expect(counterDelta(100n, 250n, 64, HUGE)).toEqual({ kind: 'delta', delta: 150n });
  });

  it('handles one 32-bit wrap', () => {
    expect(counterDelta(MAX32 - 99n, 50n, 32, HUGE)).toEqual({ kind: 'wrap', delta: 150n });
  });

  it('handles a 64-bit wrap from 2^64-1 to a small value', () => {
    expect(counterDelta(MAX64, 4n, 64, HUGE)).toEqual({ kind: 'wrap', delta: 5n });
  });

  it('keeps exact precision near 2^64', () => {
    const prev = MAX64 - 1_000_000_007n;
    const cur = MAX64 - 3n;
    expect(counterDelta(prev, cur, 64, HUGE)).toEqual({ kind: 'delta', delta: 1_000_000_004n });
  });

  it('calls a delta above the ceiling a discontinuity, plain or wrapped', () => {
    expect(counterDelta(0n, 1000n, 64, 999n)).toEqual({ kind: 'discontinuity', reason: 'implausible-delta' });
    // A 64-bit counter reset (1e12 → 10) would be a wrap of ~1.8e19 octets: never traffic.
    expect(counterDelta(1_000_000_000_000n, 10n, 64, maxOctetDelta(10e9, 60))).toEqual({
      kind: 'discontinuity',
      reason: 'implausible-delta',
    });
  });

  it('rejects values outside the counter width', () => {
    expect(counterDelta(1n << 33n, 5n, 32, HUGE).kind).toBe('discontinuity');
    expect(counterDelta(5n, -1n, 64, HUGE).kind).toBe('discontinuity');
  });
});

describe('assessElapsed', () => {
  it('uses the agent clock when it agrees with the wall clock', () => {
    expect(assessElapsed({ uptimeTicks: 100_000, wallMs: 0 }, { uptimeTicks: 106_000, wallMs: 60_400 })).toEqual({
      kind: 'ok',
      elapsedSec: 60,
      source: 'agent',
    });
  });

  it('falls back to the wall clock when sysUpTime is frozen', () => {
    expect(assessElapsed({ uptimeTicks: 5_000_000, wallMs: 0 }, { uptimeTicks: 5_000_000, wallMs: 30_000 })).toEqual({
      kind: 'ok',
      elapsedSec: 30,
      source: 'wall',
    });
  });

  it('reports a restart when sysUpTime goes backwards', () => {
    expect(assessElapsed({ uptimeTicks: 900_000, wallMs: 0 }, { uptimeTicks: 1_500, wallMs: 60_000 })).toEqual({
      kind: 'discontinuity',
      reason: 'agent-restarted',
    });
  });

  it('reports a restart when the agent is younger than the interval even though uptime grew', () => {
    expect(assessElapsed({ uptimeTicks: 1_000, wallMs: 0 }, { uptimeTicks: 5_000, wallMs: 60_000 })).toEqual({
      kind: 'discontinuity',
      reason: 'agent-restarted',
    });
  });

  it('accepts a TimeTicks wrap after 497 days', () => {
    const r = assessElapsed({ uptimeTicks: 2 ** 32 - 3_000, wallMs: 0 }, { uptimeTicks: 3_000, wallMs: 60_000 });
    expect(r).toEqual({ kind: 'ok', elapsedSec: 60, source: 'agent' });
  });

  it('computes a rate over two back-to-back runs half a second apart, not over 50 ms', () => {
    expect(assessElapsed({ uptimeTicks: 5_000_000, wallMs: 0 }, { uptimeTicks: 5_000_000, wallMs: 450 })).toEqual({ kind: 'ok', elapsedSec: 0.45, source: 'wall' });
    expect(assessElapsed({ uptimeTicks: 5_000_000, wallMs: 0 }, { uptimeTicks: 5_000_000, wallMs: 50 })).toEqual({ kind: 'discontinuity', reason: 'too-short' });
  });

  it('refuses an interval when the wall clock went back', () => {
    expect(assessElapsed({ uptimeTicks: 1_000_000, wallMs: 60_000 }, { uptimeTicks: 1_006_000, wallMs: 0 }).kind).toBe('discontinuity');
  });
});

describe('computeInterfaceRates', () => {
  it('writes no rate on the first sample', () => {
    expect(computeInterfaceRates(undefined, ifc({ inOctets: [5n, 64] }), undefined, 1e9)).toEqual({ kind: 'first' });
  });

  it('computes bit rates, utilisation, packet and error rates', () => {
    const prev = ifc({
      inOctets: [1_000n, 64],
      outOctets: [0n, 64],
      inUcastPkts: [10n, 64],
      inMulticastPkts: [0n, 64],
      inBroadcastPkts: [0n, 64],
      inErrors: [0n, 32],
      outDiscards: [7n, 32],
    });
    const cur = ifc({
      inOctets: [1_000n + 750_000_000n, 64], // 750 MB in 60 s = 100 Mbit/s
      outOctets: [75_000_000n, 64], // 10 Mbit/s
      inUcastPkts: [610n, 64],
      inMulticastPkts: [60n, 64],
      inBroadcastPkts: [60n, 64],
      inErrors: [120n, 32],
      outDiscards: [7n, 32],
    });
    const r = computeInterfaceRates(prev, cur, ok60, 1e9);
    expect(r.kind).toBe('rates');
    if (r.kind !== 'rates') return;
    expect(r.rates.inBps).toBe(100e6);
    expect(r.rates.outBps).toBe(10e6);
    expect(r.rates.inUtilization).toBeCloseTo(10, 10);
    expect(r.rates.outUtilization).toBeCloseTo(1, 10);
    expect(r.rates.inPps).toBe(12);
    expect(r.rates.outPps).toBeNull();
    expect(r.rates.inErrorsPerSec).toBe(2);
    expect(r.rates.outDiscardsPerSec).toBe(0);
    expect(r.wraps).toBe(0);
  });

  it('counts a 32-bit octet wrap and still gives the right rate', () => {
    const prev = ifc({ inOctets: [MAX32 - 7_499_999n, 32] });
    const cur = ifc({ inOctets: [67_500_000n, 32] }); // 75 MB in 60 s
    const r = computeInterfaceRates(prev, cur, ok60, 100e6);
    expect(r).toMatchObject({ kind: 'rates', wraps: 1 });
    if (r.kind === 'rates') expect(r.rates.inBps).toBe(10e6);
  });

  it('writes no rate when a delta implies more than the interface can carry', () => {
    const prev = ifc({ inOctets: [0n, 64] });
    const cur = ifc({ inOctets: [10_000_000_000n, 64] }); // 1.3 Gbit/s on a 100 Mbit/s port
    expect(computeInterfaceRates(prev, cur, ok60, 100e6)).toEqual({
      kind: 'discontinuity',
      reason: 'implausible-delta',
      counter: 'inOctets',
    });
  });

  it('calls a 32-bit counter reset on a slow port a discontinuity, not a wrap', () => {
    // 4,000,000,000 → 1,000: a "wrap" would mean 295 Mbit over 60 s on a 10 Mbit/s port.
    const r = computeInterfaceRates(ifc({ inOctets: [4_000_000_000n, 32] }), ifc({ inOctets: [1_000n, 32] }), ok60, 10e6);
    expect(r.kind).toBe('discontinuity');
  });

  it('writes no rate when the ifIndex now names another port', () => {
    const prev = ifc({ inOctets: [1_000n, 64] });
    const cur = ifc({ inOctets: [2_000n, 64] }, { identity: 'Gi0/9|Gi0/9|6|00:11:22:33:44:99' });
    expect(computeInterfaceRates(prev, cur, ok60, 1e9)).toEqual({ kind: 'discontinuity', reason: 'ifindex-reused' });
  });

  it('writes no rate when ifCounterDiscontinuityTime changed', () => {
    const prev = ifc({ inOctets: [1_000n, 64] }, { discontinuityTime: 0 });
    const cur = ifc({ inOctets: [2_000n, 64] }, { discontinuityTime: 123_456 });
    expect(computeInterfaceRates(prev, cur, ok60, 1e9)).toEqual({ kind: 'discontinuity', reason: 'discontinuity-time-changed' });
  });

  it('writes no rate when the agent restarted', () => {
    const r = computeInterfaceRates(ifc({ inOctets: [9_000_000n, 64] }), ifc({ inOctets: [100n, 64] }), { kind: 'discontinuity', reason: 'agent-restarted' }, 1e9);
    expect(r).toEqual({ kind: 'discontinuity', reason: 'agent-restarted' });
  });

  it('writes no rate when a column switched between 32 and 64 bits', () => {
    const r = computeInterfaceRates(ifc({ inOctets: [100n, 32] }), ifc({ inOctets: [200n, 64] }), ok60, 1e9);
    expect(r).toMatchObject({ kind: 'discontinuity', reason: 'counter-width-changed' });
  });

  it('gives no utilisation when the speed is unknown but still gives bit rates', () => {
    const r = computeInterfaceRates(ifc({ inOctets: [0n, 64] }), ifc({ inOctets: [600n, 64] }), ok60, null);
    expect(r).toMatchObject({ kind: 'rates', rates: { inBps: 80, inUtilization: null } });
  });

  it('writes no 32-bit rate after a gap long enough for several wraps, but keeps 64-bit ones', () => {
    const gap: ElapsedAssessment = { kind: 'ok', elapsedSec: 3600, source: 'wall' };
    // 1 Gbit/s for an hour could wrap a 32-bit octet counter ~100 times: one assumed wrap is a guess.
    expect(computeInterfaceRates(ifc({ inOctets: [10n, 32] }), ifc({ inOctets: [20n, 32] }), gap, 1e9, 60)).toEqual({
      kind: 'discontinuity',
      reason: 'ambiguous-wrap',
      counter: 'inOctets',
    });
    expect(computeInterfaceRates(ifc({ inOctets: [10n, 64] }), ifc({ inOctets: [3_600_000_010n, 64] }), gap, 1e9, 60)).toMatchObject({ kind: 'rates', rates: { inBps: 8e6 } });
    // At the normal interval the single-wrap assumption stands.
    expect(computeInterfaceRates(ifc({ inOctets: [10n, 32] }), ifc({ inOctets: [20n, 32] }), ok60, 1e9, 60).kind).toBe('rates');
    // A slow port cannot wrap twice in the gap: still a rate.
    expect(computeInterfaceRates(ifc({ inOctets: [10n, 32] }), ifc({ inOctets: [20n, 32] }), { kind: 'ok', elapsedSec: 600, source: 'wall' }, 10e6, 60).kind).toBe('rates');
  });

  it('keeps rates exact for deltas near 2^64 boundaries', () => {
    const prev = ifc({ inOctets: [MAX64 - 374_999_999n, 64] });
    const cur = ifc({ inOctets: [375_000_000n, 64] }); // wrap, 750,000,000 octets
    const r = computeInterfaceRates(prev, cur, ok60, 1e9);
    expect(r).toMatchObject({ kind: 'rates', wraps: 1, rates: { inBps: 100e6 } });
  });
});

describe('packReadings', () => {
  it('keeps exact 64-bit values, widths and absence', () => {
    const r = packReadings({ inOctets: { value: MAX64, bits: 64 }, inErrors: { value: 7n, bits: 32 } });
    expect(readingOf(r, 'inOctets')).toEqual({ value: MAX64, bits: 64 });
    expect(readingOf(r, 'inErrors')).toEqual({ value: 7n, bits: 32 });
    expect(readingOf(r, 'outOctets')).toBeUndefined();
  });

  it('leaves out a value no counter can hold instead of wrapping it', () => {
    expect(readingOf(packReadings({ inOctets: { value: 1n << 64n, bits: 64 } }), 'inOctets')).toBeUndefined();
    expect(readingOf(packReadings({ inOctets: { value: -1n, bits: 64 } }), 'inOctets')).toBeUndefined();
  });
});
