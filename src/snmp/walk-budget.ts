/** What the walks of one poll may read: varbinds in total and wall time. Shared by every walk of the poll; no I/O. */
import { performance } from 'node:perf_hooks';

/**
 * Varbinds one poll (discovery included) may read in total. The largest honest devices we know
 * (10,000 interfaces x 25 discovery columns) need 250,000; an agent whose tables never end is
 * stopped here whatever its ifNumber says. Measured: 500,000 decoded varbinds hold ~100 MB.
 */
export const DEFAULT_MAX_VARBINDS_PER_POLL = 500_000;

/** Rows per column never budgeted below this: small devices with a stale ifNumber still walk. */
export const MIN_ROWS_PER_COLUMN = 1_000;
/** Rows per column when the agent has no ifNumber (IF-MIB makes it mandatory; some agents lack it). */
export const DEFAULT_ROWS_PER_COLUMN = 65_536;

/**
 * Rows one IF-MIB column may hold, sized from what the agent says it has: twice ifNumber (stale
 * ifNumber, sub-interfaces appearing mid-walk) plus 256, at least MIN_ROWS_PER_COLUMN.
 */
export function rowsPerColumn(ifNumber: number | null, knownInterfaces = 0): number {
  const n = Math.max(ifNumber !== null && Number.isFinite(ifNumber) && ifNumber > 0 ? ifNumber : 0, knownInterfaces);
  if (n === 0 && ifNumber === null) return DEFAULT_ROWS_PER_COLUMN;
  return Math.max(MIN_ROWS_PER_COLUMN, Math.min(DEFAULT_MAX_VARBINDS_PER_POLL, 2 * n + 256));
}

/** Why a budget ran out, for the LS_SNMP_WALK_BUDGET message. */
export type BudgetExceeded = { readonly kind: 'varbinds'; readonly limit: number; readonly used: number } | { readonly kind: 'time'; readonly limitMs: number; readonly elapsedMs: number };

/**
 * Budget of one poll. `spend` after each reply, `check` before each request; both return what ran
 * out, or null. The session turns that into LS_SNMP_WALK_BUDGET naming the walk and the agent.
 */
export class WalkBudget {
  readonly #start: number;
  #used = 0;

  constructor(
    readonly maxVarbinds: number = DEFAULT_MAX_VARBINDS_PER_POLL,
    readonly timeLimitMs: number = Number.POSITIVE_INFINITY,
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    this.#start = nowMs();
  }

  get used(): number {
    return this.#used;
  }

  /** Counts the varbinds of one reply; what ran out when that passes the limit. */
  spend(varbinds: number): BudgetExceeded | null {
    this.#used += varbinds;
    return this.#used > this.maxVarbinds ? { kind: 'varbinds', limit: this.maxVarbinds, used: this.#used } : null;
  }

  /** Before a request: the wall-time limit. */
  check(): BudgetExceeded | null {
    const elapsedMs = this.nowMs() - this.#start;
    return elapsedMs > this.timeLimitMs ? { kind: 'time', limitMs: this.timeLimitMs, elapsedMs } : null;
  }
}
