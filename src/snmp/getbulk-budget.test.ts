/** Unit tests of the self-tuning GETBULK size: the pure tuner, then the walk loop driving it against scripted agents. */
import { describe, expect, it } from 'vitest';
import { Secret } from '../model/secret.js';
import type { SnmpTarget } from '../model/types.js';
import { BaseSnmpSession, ERROR_STATUS_TOO_BIG, errorStatusError, type PduTransport, type RequestContext } from './base-session.js';
import { LinkscopeError } from '../model/errors.js';
import { GETBULK_FLOOR, GetbulkBudget, type GetbulkReply } from './getbulk-budget.js';
import { SnmpType, type VarBind } from './types.js';

const FAST = 5;
const SLOW_MS = 500;

/** A complete, quick, budget-bound reply at the tuner's current size. */
const good = (t: GetbulkBudget): GetbulkReply => ({ budget: t.varbinds, asked: t.varbinds, received: t.varbinds, elapsedMs: FAST, ended: false, full: true });

function answerWell(t: GetbulkBudget, times: number): void {
  for (let i = 0; i < times; i++) t.answered(good(t));
}

describe('GetbulkBudget', () => {
  it('starts at the safe default and grows by half after three complete, quick, budget-bound replies, up to the ceiling', () => {
    const t = new GetbulkBudget({ start: 64, ceiling: 128, slowMs: SLOW_MS });
    expect(t.varbinds).toBe(64);
    answerWell(t, 2);
    expect(t.varbinds).toBe(64);
    answerWell(t, 1);
    expect(t.varbinds).toBe(96);
    expect(t.probing).toBe(true);
    answerWell(t, 3);
    expect(t.varbinds).toBe(128);
    answerWell(t, 30);
    expect(t.varbinds).toBe(128);
    expect(t.memo()).toEqual({ varbinds: 128, good: 128, cap: null });
  });

  it('never grows when the ceiling is the default, nor on replies bounded by max-repetitions', () => {
    const fixed = new GetbulkBudget({ start: 64, ceiling: 64, slowMs: SLOW_MS });
    answerWell(fixed, 20);
    expect(fixed.varbinds).toBe(64);
    const t = new GetbulkBudget({ start: 64, ceiling: 256, slowMs: SLOW_MS });
    for (let i = 0; i < 20; i++) t.answered({ ...good(t), full: false });
    expect(t.varbinds).toBe(64);
  });

  it('takes a truncated reply (fewer varbinds than asked, no endOfMibView) as the agent\'s limit and stays there', () => {
    const t = new GetbulkBudget({ start: 64, ceiling: 256, slowMs: SLOW_MS });
    answerWell(t, 6); // 64 -> 96 -> 144
    expect(t.varbinds).toBe(144);
    t.answered({ budget: 144, asked: 140, received: 100, elapsedMs: FAST, ended: false, full: true });
    expect(t.varbinds).toBe(100);
    answerWell(t, 30);
    expect(t.varbinds).toBe(100);
    expect(t.memo().cap).toBe(100);
  });

  it('does not mistake the end of the MIB view for truncation', () => {
    const t = new GetbulkBudget({ start: 64, ceiling: 256, slowMs: SLOW_MS });
    t.answered({ budget: 64, asked: 64, received: 20, elapsedMs: FAST, ended: true, full: true });
    expect(t.memo().cap).toBeNull();
  });

  it('goes back to the last good size after one silent probe and never probes that agent again', () => {
    const t = new GetbulkBudget({ start: 64, ceiling: 256, slowMs: SLOW_MS });
    answerWell(t, 3);
    expect(t.varbinds).toBe(96);
    expect(t.probing).toBe(true);
    expect(t.timedOut(96)).toBe(true);
    expect(t.varbinds).toBe(64);
    expect(t.probing).toBe(false);
    answerWell(t, 30);
    expect(t.varbinds).toBe(64);
    expect(t.memo()).toEqual({ varbinds: 64, good: 64, cap: 64 });
  });

  it('halves on a timeout at a size answered before, then grows back (a busy agent is not capped)', () => {
    const t = new GetbulkBudget({ start: 64, ceiling: 64, slowMs: SLOW_MS });
    answerWell(t, 1);
    expect(t.timedOut(64)).toBe(true);
    expect(t.varbinds).toBe(32);
    answerWell(t, 3);
    expect(t.varbinds).toBe(48);
    answerWell(t, 3);
    expect(t.varbinds).toBe(64);
    expect(t.memo().cap).toBeNull();
    const floor = new GetbulkBudget({ start: GETBULK_FLOOR, ceiling: GETBULK_FLOOR, slowMs: SLOW_MS });
    expect(floor.timedOut(GETBULK_FLOOR)).toBe(false);
  });

  it('caps at half of a request the agent answered tooBig', () => {
    const t = new GetbulkBudget({ start: 64, ceiling: 256, slowMs: SLOW_MS });
    expect(t.tooBig(60)).toBe(true);
    expect(t.varbinds).toBe(30);
    answerWell(t, 30);
    expect(t.varbinds).toBe(30);
  });

  it('stops growing an agent that answers slowly at a size it was pushed to', () => {
    const t = new GetbulkBudget({ start: 64, ceiling: 256, slowMs: SLOW_MS });
    answerWell(t, 3);
    expect(t.varbinds).toBe(96);
    t.answered({ ...good(t), elapsedMs: SLOW_MS + 1 });
    expect(t.varbinds).toBe(64);
    answerWell(t, 30);
    expect(t.varbinds).toBe(64);
    // Slow at the default is no verdict on size: no cap, growth resumes.
    const u = new GetbulkBudget({ start: 64, ceiling: 256, slowMs: SLOW_MS });
    u.answered({ ...good(u), elapsedMs: SLOW_MS + 1 });
    answerWell(u, 3);
    expect(u.varbinds).toBe(96);
  });

  it('restores what an earlier process learnt, within the configured ceiling', () => {
    const t = new GetbulkBudget({ start: 64, ceiling: 256, slowMs: SLOW_MS, memo: { varbinds: 100, good: 100, cap: 100 } });
    expect(t.varbinds).toBe(100);
    expect(t.probing).toBe(false);
    answerWell(t, 10);
    expect(t.varbinds).toBe(100);
    const lowered = new GetbulkBudget({ start: 64, ceiling: 80, slowMs: SLOW_MS, memo: { varbinds: 100, good: 100, cap: null } });
    expect(lowered.varbinds).toBe(80);
    const junk = new GetbulkBudget({ start: 64, ceiling: 128, slowMs: SLOW_MS, memo: { varbinds: -5, good: Number.NaN, cap: 1 } });
    expect(junk.varbinds).toBe(GETBULK_FLOOR);
  });
});

const target: SnmpTarget = { host: '127.0.0.1', port: 1161, credentials: { version: '2c', community: new Secret('public') }, timeoutMs: 100, retries: 1, maxRepetitions: 50 };

/**
 * A table of `rows` rows in each of 1.3.6.1.2.1.2.2.1.<c>; answers like snmpd (truncating past
 * `truncateAt`), like snmpsim 0.4 (`snmpsim`: truncates one column at 64, never answers a multi-column
 * request above 64), or like a path that drops large replies (silent past `silentAbove`).
 */
class TableAgent implements PduTransport {
  readonly sizes: number[] = [];
  readonly retries: (number | undefined)[] = [];
  constructor(
    private readonly rows: number,
    private readonly limits: { truncateAt?: number; silentAbove?: number; tooBigAbove?: number; snmpsim?: boolean },
  ) {}
  async get(oids: string[]): Promise<VarBind[]> {
    return oids.map((oid) => ({ oid, type: SnmpType.Integer, value: 1 }));
  }
  async getNext(): Promise<VarBind[]> {
    throw new Error('v2c only');
  }
  async getBulk(oids: string[], reps: number, ctx: RequestContext): Promise<VarBind[][]> {
    const asked = oids.length * reps;
    this.sizes.push(asked);
    this.retries.push(ctx.retries);
    const snmpsimHangs = this.limits.snmpsim === true && oids.length > 1 && asked > 64;
    if (snmpsimHangs || (this.limits.silentAbove !== undefined && asked > this.limits.silentAbove)) {
      throw new LinkscopeError('LS_SNMP_TIMEOUT', `SNMP ${ctx.phase} timed out`, { details: { phase: ctx.phase } });
    }
    if (this.limits.tooBigAbove !== undefined && asked > this.limits.tooBigAbove) throw errorStatusError(target, ctx.phase, ERROR_STATUS_TOO_BIG, undefined);
    const truncateAt = this.limits.snmpsim === true ? 64 : this.limits.truncateAt;
    const perColumn = truncateAt !== undefined && asked > truncateAt ? Math.floor(truncateAt / oids.length) : reps;
    return oids.map((oid) => {
      const parts = oid.split('.');
      const column = Number(parts[9]);
      let row = parts.length > 10 ? Number(parts[10]) : 0;
      const group: VarBind[] = [];
      let col = column;
      for (let r = 0; r < perColumn; r++) {
        row++;
        if (row > this.rows) {
          col++;
          row = 1;
        }
        group.push({ oid: `1.3.6.1.2.1.2.2.1.${col}.${row}`, type: SnmpType.Counter32, value: 1n });
      }
      return group;
    });
  }
  close(): void {}
}

class TunedSession extends BaseSnmpSession {
  constructor(agent: TableAgent, getbulk: GetbulkBudget) {
    super(target, agent, { getbulk });
  }
}

const COLUMNS = Array.from({ length: 10 }, (_, i) => `1.3.6.1.2.1.2.2.1.${i + 1}`);

async function pollTimes(agent: TableAgent, tuner: GetbulkBudget, polls: number): Promise<void> {
  for (let i = 0; i < polls; i++) {
    const session = new TunedSession(agent, tuner);
    await session.get(['1.3.6.1.2.1.1.3.0']);
    const cols = await session.walkColumns(COLUMNS);
    for (const c of COLUMNS) expect(cols.get(c)).toHaveLength(200);
    session.close();
  }
}

describe('walkColumns with a GetbulkBudget', () => {
  it('grows against an snmpd-like agent until it truncates, then asks exactly what it gives', async () => {
    const agent = new TableAgent(200, { truncateAt: 100 });
    const tuner = new GetbulkBudget({ start: 64, ceiling: 256, slowMs: 10_000 });
    await pollTimes(agent, tuner, 3);
    expect(tuner.varbinds).toBe(100);
    expect(Math.max(...agent.sizes)).toBeGreaterThan(100);
    agent.sizes.length = 0;
    await pollTimes(agent, tuner, 1);
    expect(agent.sizes.every((n) => n <= 100)).toBe(true);
  });

  it('probes a larger size on one column, so an snmpsim-like agent truncates instead of hanging, and settles at 64', async () => {
    const agent = new TableAgent(200, { snmpsim: true });
    const tuner = new GetbulkBudget({ start: 64, ceiling: 256, slowMs: 10_000 });
    await pollTimes(agent, tuner, 5);
    expect(agent.sizes.filter((n) => n > 64)).toEqual([96]);
    expect(tuner.memo()).toEqual({ varbinds: 64, good: 64, cap: 64 });
  });

  it('against an agent silent on large replies loses one attempt (no retransmission) and settles at the last good size', async () => {
    const agent = new TableAgent(200, { silentAbove: 64 });
    const tuner = new GetbulkBudget({ start: 64, ceiling: 256, slowMs: 10_000 });
    await pollTimes(agent, tuner, 5);
    const silent = agent.sizes.map((n, i) => ({ n, retries: agent.retries[i] })).filter((r) => r.n > 64);
    expect(silent).toEqual([{ n: 96, retries: 0 }]);
    expect(tuner.memo()).toEqual({ varbinds: 64, good: 64, cap: 64 });
  });

  it('remembers a tooBig across sessions', async () => {
    const agent = new TableAgent(200, { tooBigAbove: 40 });
    const tuner = new GetbulkBudget({ start: 64, ceiling: 64, slowMs: 10_000 });
    await pollTimes(agent, tuner, 2);
    expect(agent.sizes.filter((n) => n > 40)).toHaveLength(1);
    expect(tuner.varbinds).toBe(30);
  });
});
