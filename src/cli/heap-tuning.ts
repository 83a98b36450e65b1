/**
 * V8 heap tuning for the long-running commands (serve, demo).
 *
 * A poller's objects live one poll interval (states, counter baselines, a walk's replies across its
 * round trips), so they are promoted and die in old space; with V8's dynamic heap growing, a
 * process that is mostly idle between poll bursts keeps its old-space limit ≈ 1.3× what is live
 * and runs a full mark-compact every few seconds. A fixed growing factor of 3 (the limit after a
 * full GC is 3× what survived it) spaces those out. Measured in bench section 0 (same-run A/B,
 * 60 agents × 49 interfaces every 5 s): −15 to −17 % CPU per varbind of the whole process, 20
 * agents unchanged; the price is heap headroom (up to 3× the live heap before a full GC).
 *
 * v8.setFlagsFromString takes effect for this flag after start-up: V8 reads it at every full GC
 * when it sets the next limit (checked with --trace-gc: the same number of mark-compacts as the
 * flag on the command line). An operator's own `node --heap-growing-percent=N` wins (node refuses
 * the flag in NODE_OPTIONS, so the command line is the only place it can come from).
 */
import { setFlagsFromString } from 'node:v8';

export const SERVE_HEAP_GROWING_PERCENT = 200;

/** The flag to set for `command`, or null: not a long-running command, or the operator chose their own. */
export function heapFlagFor(command: string | undefined, execArgv: readonly string[]): string | null {
  if (command !== 'serve' && command !== 'demo') return null;
  if (execArgv.some((a) => /^--heap[-_]growing[-_]percent\b/.test(a))) return null;
  return `--heap-growing-percent=${SERVE_HEAP_GROWING_PERCENT}`;
}

/** Applies heapFlagFor(...) to this process; returns the flag set, or null. */
export function tuneHeap(command: string | undefined, execArgv: readonly string[] = process.execArgv): string | null {
  const flag = heapFlagFor(command, execArgv);
  if (flag !== null) setFlagsFromString(flag);
  return flag;
}
