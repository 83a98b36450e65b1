/** Self-tuning GETBULK size per device: grows toward what the agent answers quickly and completely, shrinks on silence, tooBig or truncation. Pure: no I/O or clock. */
import type { GetbulkMemo } from '../model/types.js';

/**
 * Varbinds one GETBULK may ask for (columns x repetitions). Agents cap replies: snmpsim 0.4 by
 * default answers at most 64 varbinds and, asked for more, never answers at all (measured: 10
 * columns x 7 repetitions times out, 10 x 6 works); Net-SNMP's snmpd caps at 100
 * (maxGetbulkResponses). Staying under the smallest known cap costs a few more requests, never
 * a silent timeout.
 */
export const DEFAULT_MAX_VARBINDS_PER_REQUEST = 64;

/** Never asked below this: a smaller request that times out is a dead agent, not a large reply. */
export const GETBULK_FLOOR = 8;
/** Budget-bound replies answered completely and quickly before the next step up. */
const GROW_AFTER = 3;
/** Each step up multiplies the size by this (rounded down, at least +1). */
const GROWTH = 1.5;

export interface GetbulkBudgetOptions {
  /** The safe size every device starts at (snmp.maxVarbindsPerRequest). */
  readonly start: number;
  /** Never grown past this (snmp.maxVarbindsCeiling); at or below `start` nothing grows. */
  readonly ceiling: number;
  /** A reply slower than this (ms, retransmissions included) is slow: the size grows no further. */
  readonly slowMs: number;
  /** What an earlier process learnt about this agent (the counter state file keeps it). */
  readonly memo?: GetbulkMemo | null;
}

/** One answered GETBULK, as the walk loop saw it. */
export interface GetbulkReply {
  /** The budget (varbinds) the request was sized from. */
  readonly budget: number;
  /** Columns × repetitions actually requested. */
  readonly asked: number;
  readonly received: number;
  readonly elapsedMs: number;
  /** Some column ran into endOfMibView (or another exception): fewer varbinds than asked is then the end of the MIB, not truncation. */
  readonly ended: boolean;
  /** The request was as large as the budget allowed (not bounded by max-repetitions or by few columns left): only such a reply says the agent could take more. */
  readonly full: boolean;
}

const clampInt = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, Math.floor(v)));

/**
 * The GETBULK size (varbinds per request: columns × repetitions) for one device. Net-SNMP's snmpd
 * answers up to 100 (its maxGetbulkResponses) and truncates beyond; snmpsim 0.4 never answers a
 * request above 64; agents behind a path that drops IP fragments go silent on large replies.
 * So: start at the safe default, step up by half after a few complete, quick, budget-bound replies,
 * and never past
 * - the configured ceiling;
 * - the largest size an agent answers when it truncates (fewer varbinds than asked, no endOfMibView);
 * - the last size answered well, once a larger one went unanswered (then the next request goes
 *   back to that size at once: one lost attempt, not a lost poll), got tooBig, or answered slowly.
 * While `probing` (a size never answered), the walk loop sends it on one column, without
 * retransmission (see BaseSnmpSession.walkColumns).
 * A timeout at a size answered before (a busy agent, a lost datagram) halves the size as before,
 * without a cap: it grows back. The learnt values survive restarts through memo().
 */
export class GetbulkBudget {
  readonly #start: number;
  readonly #ceiling: number;
  readonly #slowMs: number;
  #varbinds: number;
  /** Largest budget answered completely and quickly; 0 = none yet. */
  #good: number;
  /** Learnt upper bound: the agent does not take more; null = none learnt. */
  #cap: number | null;
  #streak = 0;

  constructor(options: GetbulkBudgetOptions) {
    this.#start = Math.max(GETBULK_FLOOR, Math.floor(options.start) || GETBULK_FLOOR);
    this.#ceiling = Math.max(this.#start, Math.floor(options.ceiling) || this.#start);
    this.#slowMs = options.slowMs;
    const memo = options.memo;
    this.#varbinds = this.#start;
    this.#good = 0;
    this.#cap = null;
    if (memo !== undefined && memo !== null) {
      this.#cap = memo.cap === null ? null : clampInt(memo.cap, GETBULK_FLOOR, this.#ceiling);
      const limit = this.#limit();
      this.#good = clampInt(memo.good, 0, limit);
      this.#varbinds = clampInt(memo.varbinds, GETBULK_FLOOR, limit);
    }
  }

  /** Varbinds the next GETBULK may carry. */
  get varbinds(): number {
    return this.#varbinds;
  }

  /** The next request tries a size this agent never answered: worth one attempt, no retransmission. */
  get probing(): boolean {
    return this.#varbinds > Math.max(this.#good, this.#start);
  }

  memo(): GetbulkMemo {
    return { varbinds: this.#varbinds, good: this.#good, cap: this.#cap };
  }

  #limit(): number {
    return this.#cap === null ? this.#ceiling : Math.min(this.#ceiling, this.#cap);
  }

  #capAt(value: number): void {
    const v = Math.max(GETBULK_FLOOR, value);
    this.#cap = this.#cap === null ? v : Math.min(this.#cap, v);
    if (this.#varbinds > this.#cap) this.#varbinds = this.#cap;
    if (this.#good > this.#cap) this.#good = this.#cap;
  }

  answered(r: GetbulkReply): void {
    if (!r.ended && r.received < r.asked) {
      // The agent gives at most this much (RFC 3416 4.2.3 lets it): asking more only costs bytes.
      this.#streak = 0;
      this.#capAt(r.received);
      return;
    }
    if (r.elapsedMs > this.#slowMs) {
      this.#streak = 0;
      // Slow at a size we pushed it to: back to the last good one and stay there. Slow at the
      // default says nothing about size (a busy agent): just no growth now.
      if (r.budget > this.#start) this.#capAt(Math.max(this.#good, this.#start));
      return;
    }
    // Complete or ended early at the end of the MIB view: only a complete one vouches for its size.
    if (!r.full || r.received < r.asked) return;
    if (r.budget > this.#good) this.#good = Math.min(r.budget, this.#limit());
    if (r.budget !== this.#varbinds) return; // sized before a change: says nothing about the new size
    this.#streak += 1;
    if (this.#streak < GROW_AFTER) return;
    this.#streak = 0;
    const limit = this.#limit();
    if (this.#varbinds < limit) this.#varbinds = Math.min(limit, Math.max(this.#varbinds + 1, Math.floor(this.#varbinds * GROWTH)));
  }

  /** A GETBULK sized from `budget` went unanswered by an agent that answered before; true = ask again, smaller. */
  timedOut(budget: number): boolean {
    this.#streak = 0;
    const known = Math.max(this.#good, this.#start);
    if (budget > known) {
      // A size never answered: this agent does not take it (snmpsim, fragments dropped on the path).
      this.#capAt(known);
      return true;
    }
    if (this.#varbinds <= GETBULK_FLOOR) return false;
    this.#varbinds = Math.max(GETBULK_FLOOR, Math.floor(this.#varbinds / 2));
    return true;
  }

  /** The agent answered tooBig to `asked` varbinds; true = ask again, smaller (false at the floor). */
  tooBig(asked: number): boolean {
    this.#streak = 0;
    if (this.#varbinds <= GETBULK_FLOOR) return false;
    this.#capAt(Math.floor(asked / 2));
    return true;
  }
}
