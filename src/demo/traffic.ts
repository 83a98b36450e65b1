/** Deterministic traffic for the demo: a daily sinusoid plus seeded wobble, integrated in closed form so counters are exact for any clock value. */

export const DAY_S = 86_400;
const TWO_PI = 2 * Math.PI;
/** Busiest at 14:00 UTC, quietest at 02:00. */
const PEAK_OFFSET_S = 2 * 3600;

/** FNV-1a over the parts: a stable 32-bit seed from names, so a port's traffic never depends on build order. */
export function hashSeed(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const s = `${part}|`;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  return h >>> 0;
}

/** mulberry32: a tiny seeded PRNG in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Daily shape in [-1, 1]: -cos over the day, peaking at 14:00 UTC. */
export function dayShape(tSec: number): number {
  return -Math.cos((TWO_PI * (tSec - PEAK_OFFSET_S)) / DAY_S);
}

interface Wobble {
  readonly amplitude: number;
  readonly omega: number;
  readonly phase: number;
}

/** Periods (s) of the wobble terms: short enough to show in a 60 s poll, incommensurate so the sum never repeats visibly. */
const WOBBLE_PERIODS_S = [97, 347, 1231] as const;

function wobbles(seed: number, total: number): Wobble[] {
  const rnd = seededRandom(seed);
  const weights = WOBBLE_PERIODS_S.map(() => 0.5 + rnd());
  const sum = weights.reduce((a, b) => a + b, 0);
  return WOBBLE_PERIODS_S.map((period, i) => ({
    amplitude: (total * (weights[i] as number)) / sum,
    omega: TWO_PI / (period * (0.9 + 0.2 * rnd())),
    phase: TWO_PI * rnd(),
  }));
}

export interface FlowSpec {
  readonly speedBps: number;
  /** Mean utilisation over the day, 0..1. */
  readonly meanUtil: number;
  /** Daily swing around the mean (± this much at 14:00 / 02:00). */
  readonly swingUtil: number;
  /** Total amplitude of the short-period wobble. */
  readonly noiseUtil: number;
  readonly seed: number;
}

/**
 * One direction of traffic on a wire. Both ends of a link share the flow, so one side's out
 * octets are the other side's in octets (each counted from its own boot).
 *
 * u(t) = mean + swing·dayShape(t) + Σ aₖ·sin(ωₖt + φₖ), kept > 0 so counters strictly increase;
 * bytes = ∫ speed/8 · u dt in closed form. The linear term is measured from `refSec` (near the
 * demo start) so counter values stay far below 2^53 and keep byte precision.
 */
export class Flow {
  readonly bytesPerSec: number;
  readonly mean: number;
  readonly swing: number;
  readonly #wobbles: readonly Wobble[];
  readonly #refSec: number;

  constructor(
    readonly spec: FlowSpec,
    refMs: number,
  ) {
    this.bytesPerSec = spec.speedBps / 8;
    const mean = Math.min(Math.max(spec.meanUtil, 0.0005), 0.99);
    // Keep the sum of the variable parts below the mean (rate > 0) and the peak below line rate.
    const room = Math.min(mean * 0.95, 0.995 - mean);
    const swing = Math.min(spec.swingUtil, room);
    const noise = Math.min(spec.noiseUtil, Math.max(room - swing, 0));
    this.mean = mean;
    this.swing = swing;
    this.#wobbles = wobbles(spec.seed, noise);
    this.#refSec = refMs / 1000;
  }

  /** Utilisation 0..1 at a time. */
  utilization(tMs: number): number {
    const t = tMs / 1000;
    let u = this.mean + this.swing * dayShape(t);
    for (const w of this.#wobbles) u += w.amplitude * Math.sin(w.omega * t + w.phase);
    return u;
  }

  /** ∫ u dt (in utilisation·seconds) from refSec to t. */
  #integral(t: number): number {
    const omegaDay = TWO_PI / DAY_S;
    let g = this.mean * (t - this.#refSec) - (this.swing / omegaDay) * Math.sin(omegaDay * (t - PEAK_OFFSET_S));
    for (const w of this.#wobbles) g -= (w.amplitude / w.omega) * Math.cos(w.omega * t + w.phase);
    return g;
  }

  /** Octets carried between two instants (fractional; callers floor the running total). */
  bytesBetween(fromMs: number, toMs: number): number {
    if (toMs <= fromMs) return 0;
    return this.bytesPerSec * (this.#integral(toMs / 1000) - this.#integral(fromMs / 1000));
  }
}

/**
 * A gauge that follows the day (wireless clients, channel use): peak·(0.55 + 0.45·dayShape)
 * plus a slow seeded wobble of ±10 % of peak, rounded and never negative.
 */
export function dailyGauge(peak: number, seed: number): (tMs: number) => number {
  const w = wobbles(seed, 0.1);
  return (tMs: number) => {
    const t = tMs / 1000;
    let u = 0.55 + 0.45 * dayShape(t);
    for (const x of w) u += x.amplitude * Math.sin(x.omega * t + x.phase);
    return Math.max(0, Math.round(peak * u));
  };
}
