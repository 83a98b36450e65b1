/** The SNMP seam: a small interface the poller and discovery depend on; net-snmp lives behind it. */
import { performance } from 'node:perf_hooks';
import type { SnmpTarget } from '../model/types.js';
import type { GetbulkBudget } from './getbulk-budget.js';
import type { PackedColumn } from './packed.js';

/** ASN.1 / SNMP type tags as they appear on the wire. */
export const SnmpType = {
  Integer: 0x02,
  OctetString: 0x04,
  Null: 0x05,
  ObjectIdentifier: 0x06,
  IpAddress: 0x40,
  Counter32: 0x41,
  Gauge32: 0x42,
  TimeTicks: 0x43,
  Opaque: 0x44,
  Counter64: 0x46,
  NoSuchObject: 0x80,
  NoSuchInstance: 0x81,
  EndOfMibView: 0x82,
} as const;
export type SnmpTypeTag = (typeof SnmpType)[keyof typeof SnmpType];

/**
 * Decoded value. Counter32 and Counter64 are bigint (never truncated); Integer, Gauge32 and
 * TimeTicks are number; OctetString and Opaque are Buffer; ObjectIdentifier and IpAddress are
 * dotted strings; NoSuchObject / NoSuchInstance / EndOfMibView are null.
 */
export type SnmpValue = bigint | number | Buffer | string | null;

/**
 * One varbind. A value the decoder will not accept (a Counter64 longer than 8 significant bytes)
 * arrives as its wire type with value null, counted in `SessionStats.badValues`: a bad value
 * spoils that varbind, not the reply or the device (see isBadValue).
 */
export interface VarBind {
  /** Numeric OID without a leading dot: `1.3.6.1.2.1.1.3.0`. */
  readonly oid: string;
  readonly type: SnmpTypeTag;
  readonly value: SnmpValue;
}

/** A value type (not Null, not an exception) without a value: the decoder refused what the agent sent. */
export function isBadValue(vb: VarBind): boolean {
  return vb.value === null && vb.type !== SnmpType.Null && vb.type < SnmpType.NoSuchObject;
}

export { PackedColumn, packColumns, walkColumnsPacked } from './packed.js';
export { DEFAULT_MAX_VARBINDS_PER_REQUEST, GetbulkBudget, GETBULK_FLOOR, type GetbulkBudgetOptions, type GetbulkReply } from './getbulk-budget.js';

export interface RequestOptions {
  readonly signal?: AbortSignal;
}

export interface WalkOptions extends RequestOptions {
  /** Stop after this many varbinds per column (a guard against endless tables). Default 1,000,000. */
  readonly maxVarbinds?: number;
  /**
   * A column with more rows than this is an agent whose table does not end: the walk throws
   * LS_SNMP_WALK_BUDGET instead of reading on. Unset: no limit beyond `maxVarbinds`.
   */
  readonly maxRowsPerColumn?: number;
  /**
   * Repetitions per GETBULK at most (below the session's own): a caller that knows a table is short
   * (its last poll had 3 rows) asks for 4 instead of 25 per column, so the agent does not read and
   * send rows past the end. Unset: the session's figure.
   */
  readonly maxRepetitions?: number;
  /** Varbinds and wall time shared by every walk of one poll; running out throws LS_SNMP_WALK_BUDGET. */
  readonly budget?: WalkBudget;
  /** Rows per column the caller expects (the interfaces it knows): walkColumnsPacked sizes its columns for them. A hint only. */
  readonly expectedRows?: number;
}

/** Per-session traffic figures, cumulative since the session was opened. */
export interface SessionStats {
  requests: number;
  timeouts: number;
  varbinds: number;
  /** Varbinds whose value the decoder refused (value null with a value type), see VarBind. */
  badValues: number;
}

export interface SnmpSession {
  readonly target: SnmpTarget;
  readonly stats: SessionStats;
  /** GET of a few scalars or instances. Missing instances come back with value null (v2c/v3) or as LS_SNMP_ERROR_STATUS noSuchName (v1 is mapped to null too). */
  get(oids: readonly string[], options?: RequestOptions): Promise<VarBind[]>;
  /** Walk one subtree (GETBULK for v2c/v3, GETNEXT for v1). */
  walk(rootOid: string, options?: WalkOptions): Promise<VarBind[]>;
  /**
   * Walk several table columns in lock-step, several columns per GETBULK request, each column
   * until it leaves its subtree. Result: column OID → varbinds in agent order. A column the agent
   * lacks maps to an empty array.
   */
  walkColumns(columnOids: readonly string[], options?: WalkOptions): Promise<Map<string, VarBind[]>>;
  /**
   * walkColumns with the same requests, checks and errors, but each column's rows decoded into
   * typed arrays (packed.ts) instead of VarBinds: for the interface poll. Optional; callers use
   * packed.ts walkColumnsPacked(), which packs walkColumns' result for sessions without it.
   */
  walkColumnsPacked?(columnOids: readonly string[], options?: WalkOptions): Promise<Map<string, PackedColumn>>;
  close(): void;
}

export interface SessionOptions {
  /**
   * The device's self-tuning GETBULK size, kept by the caller across sessions; without it a
   * session uses the client's fixed maxVarbindsPerRequest (halved for itself on silence).
   */
  readonly getbulk?: GetbulkBudget;
  /**
   * Checked before every request (retransmissions included only as the request they repeat): false
   * = not sent, LS_SNMP_ABORTED. Scale-out pollers pass their lease check here, so a poller whose
   * lease lapsed never sends another packet to the device.
   */
  readonly fence?: () => boolean;
}

export interface SnmpClient {
  open(target: SnmpTarget, options?: SessionOptions): SnmpSession;
}

// ---- Walk budgets: what the walks of one poll may read (varbinds in total, wall time) ----------

/**
 * Varbinds one poll (discovery included) may read in total. The largest honest devices we know
 * (10,000 interfaces x 25 discovery columns) need 250,000; an agent whose tables never end is
 * stopped here whatever its ifNumber says (not measured: at roughly 150 B per decoded varbind, ~75 MB).
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
