/** Pure counter maths: deltas, wraps, discontinuities and rates. No I/O, no clock, no logger. */
import { COUNTER_NAMES, type ClockReading, type CounterBits, type CounterName, type InterfaceCounters } from '../model/counters.js';
import type { InterfaceRates } from '../model/counters.js';

// The vocabulary lives in model/ (STYLE.md); re-exported so the poller's own modules keep one import.
export { COUNTER_INDEX, COUNTER_NAMES, packReadings, readingOf } from '../model/counters.js';
export type { ClockReading, CounterBits, CounterName, CounterReading, CounterReadings, InterfaceCounters } from '../model/counters.js';

export const COUNTER32_MODULUS = 1n << 32n;
export const COUNTER64_MODULUS = 1n << 64n;
/** TimeTicks (sysUpTime) is an unsigned 32-bit count of 1/100 s: it wraps after ~497 days. */
const TIMETICKS_MODULUS = 2 ** 32;

/**
 * Ceiling used when an interface reports no speed: no single port carries more than this
 * (800G and 1.6T ports exist; 4 Tbit/s leaves headroom) — a larger delta is a reset, not traffic.
 */
export const ABSOLUTE_MAX_BPS = 4e12;
/** Smallest Ethernet frame on the wire: 64 bytes + 8 preamble + 12 inter-frame gap = 84 bytes. */
const MIN_FRAME_BITS = 84 * 8;
/**
 * A delta may exceed speed × elapsed a little: agents sample counters and sysUpTime at slightly
 * different moments, some count framing overhead, and sub-rate circuits report nominal speed.
 */
export const SPEED_TOLERANCE = 1.25;


export type CounterDelta =
  | { readonly kind: 'delta'; readonly delta: bigint }
  | { readonly kind: 'wrap'; readonly delta: bigint }
  | { readonly kind: 'discontinuity'; readonly reason: 'implausible-delta' | 'out-of-range' };

/**
 * Delta between two readings of one counter. `cur < prev` is taken as one wrap of a `bits`-wide
 * counter; any delta (plain or wrapped) above `maxDelta` is a discontinuity (a reset or a
 * re-used ifIndex), because believing it would write a spike.
 */
export function counterDelta(prev: bigint, cur: bigint, bits: CounterBits, maxDelta: bigint): CounterDelta {
  const modulus = bits === 64 ? COUNTER64_MODULUS : COUNTER32_MODULUS;
  if (prev < 0n || cur < 0n || prev >= modulus || cur >= modulus) return { kind: 'discontinuity', reason: 'out-of-range' };
  if (cur >= prev) {
    const delta = cur - prev;
    return delta > maxDelta ? { kind: 'discontinuity', reason: 'implausible-delta' } : { kind: 'delta', delta };
  }
  const delta = modulus - prev + cur;
  return delta > maxDelta ? { kind: 'discontinuity', reason: 'implausible-delta' } : { kind: 'wrap', delta };
}

/** The largest octet delta an interface of `speedBps` can produce in `elapsedSec`. */
export function maxOctetDelta(speedBps: number | null, elapsedSec: number): bigint {
  const bps = speedBps !== null && speedBps > 0 ? Math.min(speedBps * SPEED_TOLERANCE, ABSOLUTE_MAX_BPS) : ABSOLUTE_MAX_BPS;
  return BigInt(Math.ceil((bps / 8) * elapsedSec)) + 1n;
}

/** The largest packet delta: every packet a minimum-size frame. */
export function maxPacketDelta(speedBps: number | null, elapsedSec: number): bigint {
  const bps = speedBps !== null && speedBps > 0 ? Math.min(speedBps * SPEED_TOLERANCE, ABSOLUTE_MAX_BPS) : ABSOLUTE_MAX_BPS;
  return BigInt(Math.ceil((bps / MIN_FRAME_BITS) * elapsedSec)) + 1n;
}

// ---------------------------------------------------------------------------------------------
// Agent clock: is the interval between two polls usable, and how long was it?


/**
 * Shortest interval a rate is computed over. Two `poll --once` runs typed back to back are about
 * half a second apart; below 0.1 s (TimeTicks resolution is 0.01 s) one counter tick would read as
 * a large rate. The speed ceiling still bounds anything larger.
 */
export const MIN_ELAPSED_SEC = 0.1;

export type ElapsedAssessment =
  | { readonly kind: 'ok'; readonly elapsedSec: number; readonly source: 'agent' | 'wall' }
  | { readonly kind: 'discontinuity'; readonly reason: 'agent-restarted' | 'clock-went-back' | 'too-short' };

/**
 * Elapsed time between two polls of one agent. Rates use the agent's own clock (sysUpTime)
 * where it agrees with the wall clock within a factor of two — it excludes the poller's queueing
 * and network delay — and the wall clock otherwise. sysUpTime going back (beyond a TimeTicks
 * wrap), or being younger than the time since the last poll, means the agent restarted and
 * every counter may have been reset.
 */
export function assessElapsed(prev: ClockReading, cur: ClockReading): ElapsedAssessment {
  const wallSec = (cur.wallMs - prev.wallMs) / 1000;
  if (!(wallSec > 0)) return { kind: 'discontinuity', reason: 'clock-went-back' };
  let ticks = cur.uptimeTicks - prev.uptimeTicks;
  if (ticks < 0) {
    // A genuine TimeTicks wrap: prev was close to 2^32 and the wrapped delta fits the wall clock.
    const wrapped = cur.uptimeTicks + TIMETICKS_MODULUS - prev.uptimeTicks;
    if (wrapped / 100 <= wallSec * 2 + 1) ticks = wrapped;
    else return { kind: 'discontinuity', reason: 'agent-restarted' };
  } else if (cur.uptimeTicks / 100 < wallSec * 0.9 - 1) {
    // Uptime grew, but the agent is younger than the time since the last poll: it restarted in
    // between (from a small uptime to a larger one). 10 % slack for clock drift between the two.
    return { kind: 'discontinuity', reason: 'agent-restarted' };
  }
  const agentSec = ticks / 100;
  if (agentSec >= wallSec * 0.5 && agentSec <= wallSec * 2 && agentSec > 0) {
    return agentSec < MIN_ELAPSED_SEC ? { kind: 'discontinuity', reason: 'too-short' } : { kind: 'ok', elapsedSec: agentSec, source: 'agent' };
  }
  if (wallSec < MIN_ELAPSED_SEC) return { kind: 'discontinuity', reason: 'too-short' };
  return { kind: 'ok', elapsedSec: wallSec, source: 'wall' };
}

// ---------------------------------------------------------------------------------------------
// Interface rates.



export type { InterfaceRates } from '../model/counters.js';

export type DiscontinuityReason =
  | 'agent-restarted'
  | 'clock-went-back'
  | 'too-short'
  | 'discontinuity-time-changed'
  | 'ifindex-reused'
  | 'counter-width-changed'
  | 'implausible-delta'
  | 'out-of-range'
  | 'ambiguous-wrap';

export type RateOutcome =
  | { readonly kind: 'first' }
  | { readonly kind: 'discontinuity'; readonly reason: DiscontinuityReason; readonly counter?: CounterName }
  | { readonly kind: 'rates'; readonly rates: InterfaceRates; readonly wraps: number };

const OCTET_COUNTERS: ReadonlySet<CounterName> = new Set(['inOctets', 'outOctets']);

/**
 * Rates for one interface between two polls. Any sign that the two readings do not describe one
 * continuous counter — the ifIndex names another port, ifCounterDiscontinuityTime moved, a column
 * changed width, a delta the interface could not carry — gives a discontinuity: no rate at all for
 * this interval (the caller re-seeds its baseline with `cur`).
 */
export function computeInterfaceRates(
  prev: InterfaceCounters | undefined,
  cur: InterfaceCounters,
  elapsed: ElapsedAssessment | undefined,
  speedBps: number | null,
  /** The device's poll interval; a gap over twice as long makes 32-bit wraps ambiguous (below). */
  expectedIntervalSec?: number,
): RateOutcome {
  if (prev === undefined || elapsed === undefined) return { kind: 'first' };
  if (elapsed.kind === 'discontinuity') return { kind: 'discontinuity', reason: elapsed.reason };
  if (prev.identity !== cur.identity) return { kind: 'discontinuity', reason: 'ifindex-reused' };
  if (prev.discontinuityTime !== cur.discontinuityTime && prev.discontinuityTime !== null && cur.discontinuityTime !== null) {
    return { kind: 'discontinuity', reason: 'discontinuity-time-changed' };
  }
  const sec = elapsed.elapsedSec;
  const maxOctets = maxOctetDelta(speedBps, sec);
  const maxPackets = maxPacketDelta(speedBps, sec);
  if (expectedIntervalSec !== undefined && sec > 2 * expectedIntervalSec) {
    // After an unusually long gap (back-off, a restart reading an old baseline) a 32-bit counter
    // may have wrapped more than once; one assumed wrap would give a rate too low by multiples
    // of 2^32. At normal intervals one wrap is the usual (MRTG) assumption.
    const narrow = cur.counters.present & prev.counters.present & ~cur.counters.wide;
    for (let i = 0; i < COUNTER_NAMES.length; i += 1) {
      if ((narrow & (1 << i)) === 0) continue;
      const name = COUNTER_NAMES[i] as CounterName;
      if ((OCTET_COUNTERS.has(name) ? maxOctets : maxPackets) >= COUNTER32_MODULUS) return { kind: 'discontinuity', reason: 'ambiguous-wrap', counter: name };
    }
  }
  const deltas: Partial<Record<CounterName, bigint>> = {};
  let wraps = 0;
  const both = cur.counters.present & prev.counters.present;
  for (let i = 0; i < COUNTER_NAMES.length; i += 1) {
    if ((both & (1 << i)) === 0) continue;
    const name = COUNTER_NAMES[i] as CounterName;
    const bits: CounterBits = (cur.counters.wide & (1 << i)) !== 0 ? 64 : 32;
    if ((prev.counters.wide & (1 << i)) !== (cur.counters.wide & (1 << i))) return { kind: 'discontinuity', reason: 'counter-width-changed', counter: name };
    const d = counterDelta(prev.counters.values[i] as bigint, cur.counters.values[i] as bigint, bits, OCTET_COUNTERS.has(name) ? maxOctets : maxPackets);
    if (d.kind === 'discontinuity') return { kind: 'discontinuity', reason: d.reason, counter: name };
    if (d.kind === 'wrap') wraps += 1;
    deltas[name] = d.delta;
  }
  const perSec = (d: bigint | undefined): number | null => (d === undefined ? null : Number(d) / sec);
  const inOctetsPs = perSec(deltas.inOctets);
  const outOctetsPs = perSec(deltas.outOctets);
  const inBps = inOctetsPs === null ? null : inOctetsPs * 8;
  const outBps = outOctetsPs === null ? null : outOctetsPs * 8;
  const utilization = (bps: number | null): number | null =>
    bps === null || speedBps === null || speedBps <= 0 ? null : (bps / speedBps) * 100;
  return {
    kind: 'rates',
    wraps,
    rates: {
      inBps,
      outBps,
      inUtilization: utilization(inBps),
      outUtilization: utilization(outBps),
      inPps: packetRate(deltas.inUcastPkts, deltas.inMulticastPkts, deltas.inBroadcastPkts, sec),
      outPps: packetRate(deltas.outUcastPkts, deltas.outMulticastPkts, deltas.outBroadcastPkts, sec),
      inErrorsPerSec: perSec(deltas.inErrors),
      outErrorsPerSec: perSec(deltas.outErrors),
      inDiscardsPerSec: perSec(deltas.inDiscards),
      outDiscardsPerSec: perSec(deltas.outDiscards),
    },
  };
}

/** Packets/s = unicast + multicast + broadcast; needs unicast, adds the others where the agent has them. */
function packetRate(ucast: bigint | undefined, mcast: bigint | undefined, bcast: bigint | undefined, sec: number): number | null {
  if (ucast === undefined) return null;
  return Number(ucast + (mcast ?? 0n) + (bcast ?? 0n)) / sec;
}
