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
 * flag on the command line). An operator's own --heap-growing-percent (node flag or NODE_OPTIONS)
 * wins.
 */
import { setFlagsFromString } from 'node:v8';

export const SERVE_HEAP_GROWING_PERCENT = 200;

/** The flag to set for `command`, or null: not a long-running command, or the operator chose their own. */
export function heapFlagFor(command: string | undefined, execArgv: readonly string[], nodeOptions: string | undefined): string | null {
  if (command !== 'serve' && command !== 'demo') return null;
  const own = (s: string): boolean => /(^|\s)--heap[-_]growing[-_]percent\b/.test(s);
  if (execArgv.some(own) || own(nodeOptions ?? '')) return null;
  return `--heap-growing-percent=${SERVE_HEAP_GROWING_PERCENT}`;
}

/** Applies heapFlagFor(...) to this process; returns the flag set, or null. */
export function tuneHeap(command: string | undefined, execArgv: readonly string[] = process.execArgv, nodeOptions: string | undefined = process.env['NODE_OPTIONS']): string | null {
  const flag = heapFlagFor(command, execArgv, nodeOptions);
  if (flag !== null) setFlagsFromString(flag);
  return flag;
}
