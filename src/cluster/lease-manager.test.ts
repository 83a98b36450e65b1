import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isLinkscopeError } from '../model/errors.js';
import { createLogger } from '../observability/logger.js';
import { fencedWhere, fenceValues, LeaseManager, leasePoolSettings, type LeaseManagerOptions } from './lease-manager.js';

// The constructor validates options without touching the pool; the database side is in
// test/integration/cluster-leases.test.ts.
const pool = {} as pg.Pool;
const logger = createLogger({ level: 'silent' });
const base: LeaseManagerOptions = { pool, pollerId: 'p1', logger, marginMs: 5_000 };

function configErrorOf(options: Partial<LeaseManagerOptions>): string | undefined {
  try {
    new LeaseManager({ ...base, ...options });
  } catch (err) {
    if (isLinkscopeError(err, 'LS_CLUSTER_CONFIG_INVALID')) return err.message;
    throw err;
  }
  return undefined;
}

describe('LeaseManager options', () => {
  it('defaults to TTL 30 s, renewal every TTL/3, 1,024 slots and statements timed out at TTL/3', () => {
    const m = new LeaseManager(base);
    expect([m.ttlMs, m.renewEveryMs, m.slotCount, m.statementTimeoutMs]).toEqual([30_000, 10_000, 1024, 10_000]);
  });

  it.each([
    [{ marginMs: 15_000 }, /margin must be above 0 and below TTL\/2 \(15000ms\), got 15000ms/],
    [{ marginMs: 0 }, /margin/],
    [{ ttlMs: 999, marginMs: 100 }, /TTL must be at least 1000ms, got 999ms/],
    [{ slotCount: 0 }, /slot count must be an integer from 1 to 65536, got 0/],
    [{ slotCount: -4 }, /slot count/],
    [{ slotCount: 2.5 }, /slot count/],
    [{ renewEveryMs: 20_000 }, /renewal period must be above 0 and at most TTL\/2/],
    [{ renewEveryMs: 0 }, /renewal period/],
    [{ pollerId: '' }, /poller id must be a non-empty string/],
    [{ sites: ['a', ''] }, /sites must be non-empty strings/],
  ] as const)('rejects %o with LS_CLUSTER_CONFIG_INVALID', (options, message) => {
    expect(configErrorOf(options)).toMatch(message);
  });

  it('accepts a margin just under TTL/2', () => {
    expect(configErrorOf({ ttlMs: 1500, marginMs: 749 })).toBeUndefined();
  });

  it('gives no epoch before start and owns nothing', () => {
    const m = new LeaseManager(base);
    expect(m.mayAct('a', 0)).toBeUndefined();
    expect(m.owns('a', 0)).toBe(false);
    expect(m.stats()).toMatchObject({ pollerId: 'p1', slots: 0, renewals: 0, lastRenewAgeMs: null });
  });
});

describe('fencedWhere', () => {
  it('numbers its parameters from the given index', () => {
    expect(fencedWhere(3)).toBe('EXISTS (SELECT 1 FROM leases WHERE site = $3::text AND slot = $4::int AND owner = $5::text AND epoch = $6::bigint AND expires_at > now())');
    expect(fenceValues({ site: 's', slot: 7, pollerId: 'p', epoch: 9 })).toEqual(['s', 7, 'p', 9]);
  });

  it('rejects a parameter index below 1', () => {
    expect(() => fencedWhere(0)).toThrow(/positive integer/);
  });
});

describe('leasePoolSettings', () => {
  it('times statements, queries and connects out at TTL/3', () => {
    expect(leasePoolSettings(30_000)).toEqual({ statement_timeout: 10_000, query_timeout: 10_000, connectionTimeoutMillis: 10_000 });
  });
});
