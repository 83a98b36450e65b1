/** The walk/get algorithm shared by the net-snmp session and the fake: lock-step GETBULK, tooBig back-off, OID checks. */
import { formatAgent } from '../model/address.js';
import type { SnmpTarget } from '../model/types.js';
import { LinkscopeError, isLinkscopeError } from '../model/errors.js';
import { compareOids, isUnder, normalizeOid } from './oid.js';
import { performance } from 'node:perf_hooks';
import { DEFAULT_MAX_VARBINDS_PER_REQUEST, type GetbulkBudget } from './getbulk-budget.js';
import { counter64, compareOidBytes, decodeOidText, encodeOidContent, parseOid, readCounter64Halves, readScannedNumber, RawVarBinds } from './ber.js';
import { PackedColumn, packColumns, textIndex } from './packed.js';
import { SnmpType, isBadValue, type BudgetExceeded, type RequestOptions, type SessionStats, type SnmpSession, type VarBind, type WalkOptions } from './types.js';

/** What a request is for, so error messages name it (`walk of 1.3.6.1.2.1.2.2.1.2 (GETBULK)`). */
export interface RequestContext {
  readonly phase: string;
  readonly signal: AbortSignal | undefined;
  /** Retransmissions for this request instead of the target's (a GETBULK probing a larger size: one attempt). Transports that cannot vary it per request ignore it. */
  readonly retries?: number;
}

/**
 * One PDU exchange. Implementations decode values (Counter64 → bigint) and throw LinkscopeError;
 * an error-status reply is LS_SNMP_ERROR_STATUS with `details.errorStatus` (number) and, when the
 * agent named it, `details.oid`.
 */
export interface PduTransport {
  get(oids: string[], ctx: RequestContext): Promise<VarBind[]>;
  getNext(oids: string[], ctx: RequestContext): Promise<VarBind[]>;
  /** GETBULK with non-repeaters 0: one array per requested OID, each up to `maxRepetitions` long. */
  getBulk(oids: string[], maxRepetitions: number, ctx: RequestContext): Promise<VarBind[][]>;
  /**
   * The same GETBULK, its reply checked as getBulk would decode it (same errors) but handed back
   * as positions in the datagram (walkColumnsPacked decodes them into typed arrays). Optional:
   * without it the packed walk packs getBulk's VarBinds.
   */
  getBulkRaw?(oids: string[], maxRepetitions: number, ctx: RequestContext): Promise<RawVarBinds>;
  close(): void;
}

/** SNMP error-status names as RFC 3416 spells them, index = error-status value. */
export const ERROR_STATUS_NAMES = [
  'noError', 'tooBig', 'noSuchName', 'badValue', 'readOnly', 'genErr', 'noAccess', 'wrongType', 'wrongLength',
  'wrongEncoding', 'wrongValue', 'noCreation', 'inconsistentValue', 'resourceUnavailable', 'commitFailed',
  'undoFailed', 'authorizationError', 'notWritable', 'inconsistentName',
] as const;

export const ERROR_STATUS_TOO_BIG = 1;
export const ERROR_STATUS_NO_SUCH_NAME = 2;

export function errorStatusName(status: number): string {
  return ERROR_STATUS_NAMES[status] ?? `errorStatus(${status})`;
}

/** Builds the LS_SNMP_ERROR_STATUS error both transports throw. */
export function errorStatusError(target: SnmpTarget, phase: string, status: number, oid: string | undefined, cause?: unknown): LinkscopeError {
  const name = errorStatusName(status);
  const where = oid === undefined ? '' : ` for ${oid}`;
  return new LinkscopeError(
    'LS_SNMP_ERROR_STATUS',
    `SNMP ${phase} to ${formatAgent(target.host, target.port)} failed: the agent answered ${name}${where}; check the OID exists on this device and the community/user may read it`,
    { cause, details: { host: target.host, port: target.port, phase, errorStatus: status, errorStatusName: name, oid } },
  );
}

export function abortedError(target: SnmpTarget, phase: string, why = 'aborted'): LinkscopeError {
  return new LinkscopeError('LS_SNMP_ABORTED', `SNMP ${phase} to ${formatAgent(target.host, target.port)} was ${why}`, {
    details: { host: target.host, port: target.port, phase },
  });
}

function errorStatusOf(err: unknown): number | undefined {
  if (!isLinkscopeError(err, 'LS_SNMP_ERROR_STATUS')) return undefined;
  const status = err.details?.['errorStatus'];
  return typeof status === 'number' ? status : undefined;
}

function erroredOid(err: unknown): string | undefined {
  const oid = isLinkscopeError(err) ? err.details?.['oid'] : undefined;
  return typeof oid === 'string' ? oid : undefined;
}

interface ColumnState {
  readonly root: string;
  last: string;
  done: boolean;
  readonly out: VarBind[];
  /** Packed walk only: the rows, the root's and the last OID's content bytes (`last` is brought up to date after each reply). */
  readonly packed: PackedColumn | null;
  readonly rootBytes: Uint8Array;
  lastBytes: Uint8Array;
  lastLen: number;
  lastStale: boolean;
}

const NO_BYTES = new Uint8Array(0);

function rowsOf(column: ColumnState): number {
  return column.packed === null ? column.out.length : column.packed.count;
}

/** Brings `last` up to date with `lastBytes` (the packed walk names the last OID once per reply, not per row). */
function syncLast(column: ColumnState): void {
  if (!column.lastStale) return;
  column.last = decodeOidText(column.lastBytes, 0, column.lastLen) as string;
  column.lastStale = false;
}

function setLastBytes(column: ColumnState, buf: Uint8Array, start: number, end: number): void {
  const len = end - start;
  if (column.lastBytes.length < len) column.lastBytes = new Uint8Array(Math.max(len, 2 * column.lastBytes.length));
  const to = column.lastBytes;
  for (let i = 0; i < len; i++) to[i] = buf[start + i] as number;
  column.lastLen = len;
  column.lastStale = true;
}

const DEFAULT_MAX_VARBINDS = 1_000_000;

export { DEFAULT_MAX_VARBINDS_PER_REQUEST };
/** The budget never shrinks below this on timeouts: a smaller request that times out is a dead agent, not a large reply. */
const MIN_VARBIND_BUDGET = 8;

export interface BaseSessionOptions {
  /** Columns carried by one GETBULK in walkColumns (each gets maxRepetitions rows). */
  readonly maxColumnsPerRequest?: number;
  /** Ceiling on columns x repetitions per GETBULK; default DEFAULT_MAX_VARBINDS_PER_REQUEST. */
  readonly maxVarbindsPerRequest?: number;
  /** The device's self-tuning GETBULK size (replaces maxVarbindsPerRequest and its per-session halving). */
  readonly getbulk?: GetbulkBudget;
  /** SessionOptions.fence: checked before every request. */
  readonly fence?: () => boolean;
}

/**
 * Implements SnmpSession on top of a PduTransport. Both the real client and the fake extend
 * it, so unit tests against the fake exercise the same walk loop, request counts and errors.
 */
export abstract class BaseSnmpSession implements SnmpSession {
  readonly stats: SessionStats = { requests: 0, timeouts: 0, varbinds: 0, badValues: 0 };
  /** Current GETBULK repetitions; halved (sticky for this session) when the agent says tooBig. */
  protected repetitions: number;
  protected columnsPerRequest: number;
  /** Varbinds per GETBULK; halved (sticky) when a large request goes unanswered by an agent that answers small ones. */
  protected varbindBudget: number;
  /** Replies received in this session: an agent that answered before is alive, so a silent large request was too large. */
  #answered = 0;
  readonly #getbulk: GetbulkBudget | undefined;
  readonly #fence: (() => boolean) | undefined;
  #closed = false;

  protected constructor(
    readonly target: SnmpTarget,
    protected readonly transport: PduTransport,
    options: BaseSessionOptions = {},
  ) {
    this.repetitions = Math.max(1, Math.floor(target.maxRepetitions) || 1);
    this.columnsPerRequest = Math.max(1, options.maxColumnsPerRequest ?? 10);
    this.varbindBudget = Math.max(1, options.maxVarbindsPerRequest ?? DEFAULT_MAX_VARBINDS_PER_REQUEST);
    this.#getbulk = options.getbulk;
    this.#fence = options.fence;
  }

  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.transport.close();
  }

  /** Counts the request, checks abort/closed, counts varbinds and timeouts. */
  private async send<T extends VarBind[] | VarBind[][] | RawVarBinds>(ctx: RequestContext, run: () => Promise<T>): Promise<T> {
    if (this.#closed) throw abortedError(this.target, ctx.phase, 'not sent: the session is closed');
    if (ctx.signal?.aborted) throw abortedError(this.target, ctx.phase);
    if (this.#fence !== undefined && !this.#fence()) throw abortedError(this.target, ctx.phase, 'not sent: this poller does not hold the lease of the device (scale-out fencing)');
    this.stats.requests++;
    try {
      const result = await run();
      let n = 0;
      if (result instanceof RawVarBinds) n = result.count;
      else for (const item of result as VarBind[] | VarBind[][]) n += Array.isArray(item) ? item.length : 1;
      this.stats.varbinds += n;
      this.#answered += 1;
      return result;
    } catch (err) {
      if (isLinkscopeError(err, 'LS_SNMP_TIMEOUT')) this.stats.timeouts++;
      throw err;
    }
  }

  async get(oids: readonly string[], options: RequestOptions = {}): Promise<VarBind[]> {
    if (oids.length === 0) return [];
    const normalized = oids.map(normalizeOid);
    const vbs = await this.getChunk(normalized, { phase: 'get', signal: options.signal });
    for (const vb of vbs) if (isBadValue(vb)) this.stats.badValues++;
    return vbs;
  }

  private async getChunk(oids: string[], ctx: RequestContext): Promise<VarBind[]> {
    try {
      return await this.send(ctx, () => this.transport.get(oids, ctx));
    } catch (err) {
      const status = errorStatusOf(err);
      if (status === ERROR_STATUS_TOO_BIG && oids.length > 1) return this.getSplit(oids, ctx);
      // SNMPv1 fails the whole PDU with noSuchName for one missing instance (RFC 1157 4.1.2);
      // answer that one with null as v2c would, and ask again for the rest.
      if (status === ERROR_STATUS_NO_SUCH_NAME && this.target.credentials.version === '1') {
        if (oids.length === 1) return [{ oid: oids[0] as string, type: SnmpType.NoSuchInstance, value: null }];
        const bad = erroredOid(err);
        const at = bad === undefined ? -1 : oids.indexOf(bad);
        if (at < 0) return this.getSplit(oids, ctx);
        const rest = oids.filter((_, i) => i !== at);
        const got = await this.getChunk(rest, ctx);
        got.splice(at, 0, { oid: bad as string, type: SnmpType.NoSuchInstance, value: null });
        return got;
      }
      throw err;
    }
  }

  private async getSplit(oids: string[], ctx: RequestContext): Promise<VarBind[]> {
    const half = Math.ceil(oids.length / 2);
    const first = await this.getChunk(oids.slice(0, half), ctx);
    const second = await this.getChunk(oids.slice(half), ctx);
    return first.concat(second);
  }

  async walk(rootOid: string, options: WalkOptions = {}): Promise<VarBind[]> {
    const root = normalizeOid(rootOid);
    const rows = (await this.walkColumns([root], options)).get(root) ?? [];
    if (rows.length > 0) return rows;
    // Like snmpwalk: a root that is itself an instance (sysUpTime.0) has nothing below it; GET it.
    const [vb] = await this.getChunk([root], { phase: `walk of ${root} (GET)`, signal: options.signal });
    return vb !== undefined && vb.type < SnmpType.NoSuchObject && vb.type !== SnmpType.Null ? [vb] : [];
  }

  async walkColumns(columnOids: readonly string[], options: WalkOptions = {}): Promise<Map<string, VarBind[]>> {
    const result = new Map<string, VarBind[]>();
    const columns: ColumnState[] = [];
    for (const column of columnOids) {
      const root = normalizeOid(column);
      if (result.has(root)) continue;
      const out: VarBind[] = [];
      result.set(root, out);
      columns.push({ root, last: root, done: false, out, packed: null, rootBytes: NO_BYTES, lastBytes: NO_BYTES, lastLen: 0, lastStale: false });
    }
    await this.#walk(columns, options, false);
    return result;
  }

  /**
   * walkColumns into packed columns (packed.ts): the same requests, checks, errors and counts, but
   * no VarBind, OID string or bigint per row when the transport hands over raw replies (v2c over
   * the community transport); otherwise walkColumns' VarBinds are packed afterwards.
   */
  async walkColumnsPacked(columnOids: readonly string[], options: WalkOptions = {}): Promise<Map<string, PackedColumn>> {
    if (this.transport.getBulkRaw === undefined || this.target.credentials.version !== '2c') return packColumns(await this.walkColumns(columnOids, options));
    const result = new Map<string, PackedColumn>();
    const columns: ColumnState[] = [];
    // Room for the expected rows plus a little GETBULK overshoot, so the arrays need not grow.
    const capacity = options.expectedRows !== undefined && options.expectedRows > 0 ? Math.min(options.expectedRows + 8, 65_536) : 64;
    for (const column of columnOids) {
      const root = normalizeOid(column);
      if (result.has(root)) continue;
      const packed = new PackedColumn(capacity);
      result.set(root, packed);
      const rootBytes = new Uint8Array(encodeOidContent(parseOid(root)));
      columns.push({ root, last: root, done: false, out: [], packed, rootBytes, lastBytes: new Uint8Array(rootBytes.length + 16), lastLen: 0, lastStale: false });
      setLastBytes(columns[columns.length - 1] as ColumnState, rootBytes, 0, rootBytes.length);
      (columns[columns.length - 1] as ColumnState).lastStale = false;
    }
    await this.#walk(columns, options, true);
    return result;
  }

  /** The lock-step walk of walkColumns and walkColumnsPacked (`raw`: replies through getBulkRaw into the columns' packed rows). */
  async #walk(columns: ColumnState[], options: WalkOptions, raw: boolean): Promise<void> {
    const maxVarbinds = options.maxVarbinds ?? DEFAULT_MAX_VARBINDS;
    const maxRows = options.maxRowsPerColumn ?? Number.POSITIVE_INFINITY;
    const budget = options.budget;
    let active = columns;
    const v1 = this.target.credentials.version === '1';
    let perRequest = this.columnsPerRequest;

    while (active.length > 0) {
      const tuner = this.#getbulk;
      // A size this agent never answered is tried on one column first: a one-column reply can only
      // be truncated, and shows the agent's own cap. snmpsim 0.4 truncates a one-column GETBULK at
      // 64 varbinds but spins for ever on a multi-column one above 64 whose rows do not fit 64 exactly
      // (measured: 1 x 100 and 2 x 40 give 64; 5 x 14 and 10 x 7 never answer, nor does anything after).
      // A walk told how many rows to expect (health's row hints) asks for few rows: it neither probes
      // a larger size nor teaches the tuner anything about the agent's limits.
      const hinted = options.maxRepetitions !== undefined;
      const probing = !v1 && !hinted && tuner?.probing === true;
      const batch = probing ? active.slice(0, 1) : active.length <= perRequest ? active : active.slice(0, perRequest);
      const oids = batch.map((c) => c.last);
      const ctx: RequestContext = {
        phase: batch.length === 1 ? `walk of ${batch[0]?.root} (${v1 ? 'GETNEXT' : 'GETBULK'})` : `walk of ${batch.length} columns from ${batch[0]?.root} (${v1 ? 'GETNEXT' : 'GETBULK'})`,
        signal: options.signal,
      };
      const late = budget?.check() ?? null;
      if (late !== null) throw this.overBudget(batch[0] as ColumnState, ctx.phase, late);
      let groups: VarBind[][] = [];
      let reply: RawVarBinds | null = null;
      let reps = 1;
      const budgetUsed = tuner?.varbinds ?? this.varbindBudget;
      let started = 0;
      try {
        if (v1) {
          const vbs = await this.send(ctx, () => this.transport.getNext(oids, ctx));
          groups = vbs.map((vb) => [vb]);
        } else {
          // Share the varbind budget between the columns of this request (never below one row each).
          // A probe asks for the whole new size on its one column (max-repetitions bounds rows per
          // column to keep replies small; the probe's reply is no larger than the size being tried).
          reps = probing ? budgetUsed : Math.max(1, Math.min(this.repetitions, options.maxRepetitions ?? Number.POSITIVE_INFINITY, Math.floor(budgetUsed / batch.length)));
          // A probe gets one attempt: if the agent stays silent, the tuner goes back to the last size
          // that worked after one timeout instead of (retries + 1).
          const bulkCtx: RequestContext = probing ? { ...ctx, retries: 0 } : ctx;
          started = performance.now();
          const transport = this.transport;
          if (raw && transport.getBulkRaw !== undefined) reply = await this.send(ctx, () => (transport.getBulkRaw as NonNullable<PduTransport['getBulkRaw']>)(oids, reps, bulkCtx));
          else groups = await this.send(ctx, () => transport.getBulk(oids, reps, bulkCtx));
        }
      } catch (err) {
        if (!v1 && isLinkscopeError(err, 'LS_SNMP_TIMEOUT') && this.#answered > 0) {
          // Some agents drop a reply they cannot build or send (it would exceed their buffer or the
          // path's MTU, and fragments get filtered) instead of answering tooBig; snmpsim 0.4 never
          // answers more than 64. This agent answered before, so ask for less, as Zabbix does.
          if (tuner !== undefined) {
            if (tuner.timedOut(budgetUsed)) continue;
          } else if (this.varbindBudget > MIN_VARBIND_BUDGET) {
            this.varbindBudget = Math.max(MIN_VARBIND_BUDGET, Math.floor(this.varbindBudget / 2));
            continue;
          }
        }
        const status = errorStatusOf(err);
        // A tuned device remembers it: the next sessions start below the size that got tooBig.
        if (status === ERROR_STATUS_TOO_BIG && !v1 && tuner?.tooBig(batch.length * reps) === true) continue;
        if (status === ERROR_STATUS_TOO_BIG) {
          // RFC 3416 4.2.3: the reply would not fit; ask for less and try again.
          if (!v1 && this.repetitions > 1) {
            this.repetitions = Math.max(1, Math.floor(this.repetitions / 2));
            continue;
          }
          if (batch.length > 1) {
            perRequest = Math.max(1, Math.floor(batch.length / 2));
            continue;
          }
          throw err;
        }
        if (v1 && status === ERROR_STATUS_NO_SUCH_NAME) {
          // SNMPv1 signals the end of the MIB view with noSuchName on the varbind that ran out.
          const bad = erroredOid(err);
          const ended = batch.length === 1 ? batch[0] : batch.find((c) => c.last === bad);
          if (ended !== undefined) {
            ended.done = true;
            active = active.filter((c) => !c.done);
          } else {
            perRequest = 1; // the agent did not say which one; go one column at a time
          }
          continue;
        }
        throw err;
      }

      // More varbinds than asked for is outside the protocol (RFC 3416 4.2.3 caps a GETBULK reply at
      // columns x max-repetitions); reading on would let one agent fill the heap.
      let received = 0;
      let tooMany: boolean;
      if (reply !== null) {
        // Varbind i belongs to column i mod asked (RFC 3416 4.2.3): no group is longer than reps unless the reply is.
        received = reply.count;
        tooMany = received > batch.length * reps;
      } else {
        for (const group of groups) received += group.length;
        tooMany = groups.length > batch.length || groups.some((g) => g.length > reps);
      }
      if (tooMany) {
        throw new LinkscopeError(
          'LS_SNMP_BAD_RESPONSE',
          `SNMP ${ctx.phase} to ${formatAgent(this.target.host, this.target.port)} got ${received} varbinds for ${batch.length * reps} requested (${batch.length} columns x ${reps} repetitions); the agent answered outside the protocol and the walk was stopped`,
          { details: { host: this.target.host, port: this.target.port, phase: ctx.phase, received, requested: batch.length * reps } },
        );
      }
      if (tuner !== undefined && !v1 && !hinted) {
        let ended = false;
        if (reply !== null) {
          // Each column's last varbind is among the reply's last `asked`.
          for (let j = Math.max(0, reply.count - batch.length); j < reply.count; j++) if ((reply.type[j] as number) >= SnmpType.NoSuchObject) ended = true;
        } else {
          for (const group of groups) {
            const last = group[group.length - 1];
            if (last !== undefined && last.type >= SnmpType.NoSuchObject) ended = true;
          }
        }
        const perColumn = Math.floor(budgetUsed / batch.length);
        tuner.answered({ budget: budgetUsed, asked: batch.length * reps, received, elapsedMs: performance.now() - started, ended, full: probing || (perColumn >= 1 && perColumn < this.repetitions) });
      }
      const spent = budget?.spend(received) ?? null;
      if (spent !== null) throw this.overBudget(batch[0] as ColumnState, ctx.phase, spent);

      let progressed = false;
      if (reply !== null) progressed = this.#takeRaw(batch, reply, maxRows, maxVarbinds, ctx.phase);
      for (let i = 0; reply === null && i < batch.length; i++) {
        const column = batch[i] as ColumnState;
        const group = groups[i];
        if (group === undefined || group.length === 0) continue;
        progressed = true;
        for (let j = 0; j < group.length; j++) {
          const vb = group[j] as VarBind;
          // endOfMibView / noSuchObject / noSuchInstance, or the next column: this column is done.
          // The root itself counts as inside (as in Net-SNMP's snmpwalk), so an agent that echoes
          // it is caught by the order check below instead of ending the walk quietly.
          if (vb.type >= SnmpType.NoSuchObject || !(vb.oid === column.root || isUnder(vb.oid, column.root))) {
            column.done = true;
            break;
          }
          if (compareOids(vb.oid, column.last) <= 0) throw this.notIncreasing(column, vb.oid);
          if (column.out.length >= maxRows) throw this.overBudget(column, ctx.phase, { kind: 'rows', limit: maxRows });
          if (isBadValue(vb)) this.stats.badValues++; // counted where kept: GETBULK overshoot into the next column is not
          column.out.push(vb);
          column.last = vb.oid;
          if (column.out.length >= maxVarbinds) {
            column.done = true;
            break;
          }
        }
      }
      if (!progressed) {
        throw new LinkscopeError(
          'LS_SNMP_BAD_RESPONSE',
          `SNMP ${ctx.phase} to ${formatAgent(this.target.host, this.target.port)}: the agent answered with no varbinds; the walk was stopped`,
          { details: { host: this.target.host, port: this.target.port, phase: ctx.phase } },
        );
      }
      if (batch.some((c) => c.done)) active = active.filter((c) => !c.done);
    }
    for (const column of columns) syncLast(column);
  }

  /**
   * One raw GETBULK reply into the batch's packed columns, column by column as the VarBind path
   * goes: the same end-of-column, order, row-budget and bad-value rules, compared on OID bytes.
   * A reply with a padded sub-identifier (bytes that do not order like arcs) is compared as text.
   */
  #takeRaw(batch: readonly ColumnState[], reply: RawVarBinds, maxRows: number, maxVarbinds: number, phase: string): boolean {
    const asked = batch.length;
    const buf = reply.buf;
    const pos = reply.pos;
    const types = reply.type;
    const count = reply.count;
    let progressed = false;
    for (let i = 0; i < asked; i++) {
      const column = batch[i] as ColumnState;
      if (i >= count) continue;
      progressed = true;
      const col = column.packed as PackedColumn;
      const root = column.rootBytes;
      const rootLen = root.length;
      // Byte mode: the last kept OID as a place in a buffer (the reply's, until copied once after the column's rows).
      let lb: Uint8Array = column.lastBytes;
      let ls = 0;
      let le = column.lastLen;
      for (let j = i; j < count; j += asked) {
        const type = types[j] as number;
        const os = pos[4 * j] as number;
        const oe = pos[4 * j + 1] as number;
        let index: number;
        if (reply.canonical) {
          if (type >= SnmpType.NoSuchObject || oe - os < rootLen || compareOidBytes(buf, os, os + rootLen, root, 0, rootLen) !== 0) {
            column.done = true;
            break;
          }
          if (compareOidBytes(buf, os, oe, lb, ls, le) <= 0) {
            if (lb !== column.lastBytes) setLastBytes(column, lb, ls, le);
            syncLast(column);
            throw this.notIncreasing(column, decodeOidText(buf, os, oe) as string);
          }
          if (col.count >= maxRows) {
            if (lb !== column.lastBytes) setLastBytes(column, lb, ls, le);
            syncLast(column);
            throw this.overBudget(column, phase, { kind: 'rows', limit: maxRows });
          }
          index = byteIndex(buf, os + rootLen, oe);
          lb = buf;
          ls = os;
          le = oe;
        } else {
          syncLast(column);
          const oid = decodeOidText(buf, os, oe) as string;
          if (type >= SnmpType.NoSuchObject || !(oid === column.root || isUnder(oid, column.root))) {
            column.done = true;
            break;
          }
          if (compareOids(oid, column.last) <= 0) throw this.notIncreasing(column, oid);
          if (col.count >= maxRows) throw this.overBudget(column, phase, { kind: 'rows', limit: maxRows });
          index = textIndex(oid, column.root);
          column.last = oid;
          const canonical = encodeOidContent(parseOid(oid));
          setLastBytes(column, canonical, 0, canonical.length);
          column.lastStale = false;
          lb = column.lastBytes;
          ls = 0;
          le = column.lastLen;
        }
        this.#packValue(col, index, type, buf, pos[4 * j + 2] as number, pos[4 * j + 3] as number);
        if (col.count >= maxVarbinds) {
          column.done = true;
          break;
        }
      }
      if (lb !== column.lastBytes) setLastBytes(column, lb, ls, le);
      syncLast(column); // the next request continues from it
    }
    return progressed;
  }

  /** Appends one value as decodeVarBinds would decode it; a refused Counter64 is null and counted, as isBadValue counts it. */
  #packValue(col: PackedColumn, index: number, type: number, buf: Buffer, vs: number, ve: number): void {
    switch (type) {
      case SnmpType.Integer:
      case SnmpType.Counter32:
      case SnmpType.Gauge32:
      case SnmpType.TimeTicks:
        col.push(index, type, readScannedNumber(buf, type, vs, ve), 0);
        return;
      case SnmpType.Counter64:
        if (readCounter64Halves(buf, vs, ve)) {
          col.push(index, type, counter64.lo, counter64.hi);
        } else {
          this.stats.badValues++;
          col.pushRef(index, type, null);
        }
        return;
      case SnmpType.OctetString:
      case SnmpType.Opaque:
        col.pushRef(index, type, buf.subarray(vs, ve));
        return;
      case SnmpType.ObjectIdentifier:
        col.pushRef(index, type, decodeOidText(buf, vs, ve));
        return;
      case SnmpType.IpAddress:
        col.pushRef(index, type, `${buf[vs] as number}.${buf[vs + 1] as number}.${buf[vs + 2] as number}.${buf[vs + 3] as number}`);
        return;
      default:
        col.pushRef(index, type, null);
    }
  }

  private overBudget(column: ColumnState, phase: string, why: BudgetExceeded | { readonly kind: 'rows'; readonly limit: number }): LinkscopeError {
    const { host, port } = this.target;
    let what: string;
    if (why.kind === 'rows') what = `column ${column.root} passed its budget of ${why.limit} rows (sized from the agent's ifNumber)`;
    else if (why.kind === 'varbinds') what = `the poll passed its budget of ${why.limit} varbinds (${why.used} read)`;
    else what = `the poll passed its time limit of ${Math.round(why.limitMs)}ms (${Math.round(why.elapsedMs)}ms elapsed)`;
    return new LinkscopeError(
      'LS_SNMP_WALK_BUDGET',
      `SNMP ${phase} to ${formatAgent(host, port)} was stopped: ${what}; the agent's table does not seem to end. Compare ifNumber with an snmpbulkwalk of the table and update the agent's firmware`,
      { details: { host, port, phase, root: column.root, rowsRead: rowsOf(column), limit: why.kind === 'time' ? why.limitMs : why.limit, limitKind: why.kind } },
    );
  }

  private notIncreasing(column: ColumnState, oid: string): LinkscopeError {
    const { host, port } = this.target;
    return new LinkscopeError(
      'LS_SNMP_OID_NOT_INCREASING',
      `SNMP walk of ${column.root} on ${formatAgent(host, port)} stopped after ${rowsOf(column)} rows: the agent returned ${oid} after ${column.last} (OID not increasing, an agent bug that would loop forever); update the agent's firmware or leave this table out`,
      { details: { host, port, root: column.root, previousOid: column.last, oid, rowsRead: rowsOf(column) } },
    );
  }
}

/** The single arc in buf[start, end) after a column OID as an index (1..2^31-1), else -1 (as indexColumns reads the text). */
function byteIndex(buf: Uint8Array, start: number, end: number): number {
  if (start >= end) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const b = buf[i] as number;
    v = v * 128 + (b & 0x7f);
    if ((b & 0x80) === 0 && i !== end - 1) return -1; // more than one arc
  }
  return v > 0 && v <= 2147483647 ? v : -1;
}
