/** Unit tests of the walk budgets: rows per column, varbinds per poll, wall time, oversized replies, bad values. */
import { describe, expect, it } from 'vitest';
import { isLinkscopeError, type LinkscopeError } from '../model/errors.js';
import { Secret } from '../model/secret.js';
import type { SnmpTarget } from '../model/types.js';
import { BaseSnmpSession, type PduTransport, type RequestContext } from './base-session.js';
import { DEFAULT_ROWS_PER_COLUMN, MIN_ROWS_PER_COLUMN, rowsPerColumn, SnmpType, WalkBudget, type VarBind } from './types.js';

const target: SnmpTarget = { host: '127.0.0.1', port: 1161, credentials: { version: '2c', community: new Secret('public') }, timeoutMs: 100, retries: 0, maxRepetitions: 25 };

/**
 * An agent whose tables never end: every GETBULK answers each requested OID with `reps` rows
 * that always increase and never leave the column; `extra` adds varbinds beyond what was asked.
 */
class EndlessTransport implements PduTransport {
  requests = 0;
  extra = 0;
  badCounter64 = false;
  async get(oids: string[]): Promise<VarBind[]> {
    return oids.map((oid) => ({ oid, type: SnmpType.Integer, value: 1 }));
  }
  async getNext(oids: string[]): Promise<VarBind[]> {
    return oids.map((oid) => ({ oid: `${oid}.1`, type: SnmpType.Integer, value: 1 }));
  }
  async getBulk(oids: string[], maxRepetitions: number, _ctx: RequestContext): Promise<VarBind[][]> {
    this.requests++;
    return oids.map((oid) => {
      const group: VarBind[] = [];
      const base = oid.split('.');
      const depth = 11; // 1.3.6.1.2.1.2.2.1.N.<index>
      let index = base.length > depth - 1 ? Number(base[depth - 1]) : 0;
      const root = base.slice(0, depth - 1).join('.');
      for (let r = 0; r < maxRepetitions + this.extra; r++) {
        index++;
        group.push(this.badCounter64 && index === 2 ? { oid: `${root}.${index}`, type: SnmpType.Counter64, value: null } : { oid: `${root}.${index}`, type: SnmpType.Counter64, value: BigInt(index) });
      }
      return group;
    });
  }
  close(): void {}
}

class TestSession extends BaseSnmpSession {
  constructor(transport: PduTransport) {
    super(target, transport);
  }
}

const IF_IN_OCTETS = '1.3.6.1.2.1.2.2.1.10'; // IF-MIB::ifInOctets
const IF_OUT_OCTETS = '1.3.6.1.2.1.2.2.1.16'; // IF-MIB::ifOutOctets

async function walkError(p: Promise<unknown>): Promise<LinkscopeError> {
  try {
    await p;
  } catch (err) {
    if (isLinkscopeError(err)) return err;
    throw err;
  }
  throw new Error('the walk ended although the table never does');
}

describe('rowsPerColumn', () => {
  it('sizes a column from ifNumber with room for a stale count, never below the minimum', () => {
    expect(rowsPerColumn(2)).toBe(MIN_ROWS_PER_COLUMN);
    expect(rowsPerColumn(10_000)).toBe(20_256);
    expect(rowsPerColumn(100, 5_000)).toBe(10_256);
    expect(rowsPerColumn(null)).toBe(DEFAULT_ROWS_PER_COLUMN);
    expect(rowsPerColumn(0)).toBe(MIN_ROWS_PER_COLUMN);
    expect(rowsPerColumn(2 ** 31 - 1)).toBe(500_000);
  });
});

describe('walk budgets', () => {
  it('stops a column that never ends at its row budget with LS_SNMP_WALK_BUDGET', async () => {
    const transport = new EndlessTransport();
    const s = new TestSession(transport);
    const err = await walkError(s.walkColumns([IF_IN_OCTETS, IF_OUT_OCTETS], { maxRowsPerColumn: 100 }));
    expect(err.code).toBe('LS_SNMP_WALK_BUDGET');
    expect(err.message).toMatch(/budget of 100 rows/);
    expect(err.message).toContain('127.0.0.1:1161');
    expect(err.details).toMatchObject({ rowsRead: 100, limit: 100, limitKind: 'rows' });
    expect(s.stats.varbinds).toBeLessThanOrEqual(2 * 100 + 64);
  });

  it('stops every walk of a poll once the poll has read its varbinds', async () => {
    const s = new TestSession(new EndlessTransport());
    const budget = new WalkBudget(500);
    // The first walk fits; the second is stopped although each column alone is under its rows budget.
    await s.walkColumns([IF_IN_OCTETS], { maxVarbinds: 300, maxRowsPerColumn: 10_000, budget });
    const err = await walkError(s.walkColumns([IF_OUT_OCTETS], { maxRowsPerColumn: 10_000, budget }));
    expect(err.code).toBe('LS_SNMP_WALK_BUDGET');
    expect(err.message).toMatch(/budget of 500 varbinds/);
    expect(budget.used).toBeLessThanOrEqual(500 + 64);
  });

  it('stops a walk that passes the poll time limit, checked before each request', async () => {
    let now = 0;
    const transport = new EndlessTransport();
    const budget = new WalkBudget(1_000_000, 5_000, () => now);
    const slow: PduTransport = {
      get: (o) => transport.get(o),
      getNext: (o) => transport.getNext(o),
      getBulk: async (o, r, c) => {
        now += 1_000; // each reply takes a simulated second
        return transport.getBulk(o, r, c);
      },
      close: () => undefined,
    };
    const s = new TestSession(slow);
    const err = await walkError(s.walkColumns([IF_IN_OCTETS], { budget }));
    expect(err.code).toBe('LS_SNMP_WALK_BUDGET');
    expect(err.message).toMatch(/time limit of 5000ms \(6000ms elapsed\)/);
    expect(transport.requests).toBe(6);
  });

  it('rejects a GETBULK reply with more varbinds than requested', async () => {
    const transport = new EndlessTransport();
    transport.extra = 1000;
    const s = new TestSession(transport);
    const err = await walkError(s.walkColumns([IF_IN_OCTETS, IF_OUT_OCTETS]));
    expect(err.code).toBe('LS_SNMP_BAD_RESPONSE');
    expect(err.message).toMatch(/got 2050 varbinds for 50 requested \(2 columns x 25 repetitions\)/);
    expect(transport.requests).toBe(1);
  });

  it('keeps walking past a bad value and counts it', async () => {
    const transport = new EndlessTransport();
    transport.badCounter64 = true;
    const s = new TestSession(transport);
    const rows = (await s.walkColumns([IF_IN_OCTETS], { maxVarbinds: 5 })).get(IF_IN_OCTETS) ?? [];
    expect(rows.map((vb) => vb.value)).toEqual([1n, null, 3n, 4n, 5n]);
    expect(s.stats.badValues).toBe(1);
  });
});
