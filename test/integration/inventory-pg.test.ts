/**
 * The PostgreSQL inventory (LINKSCOPE_DATABASE_URL) on a real PostgreSQL: the same contract suite
 * the SQLite inventory passes (src/inventory/inventory-contract.ts), then what only a shared
 * database has — two processes' replicas following each other's writes, concurrent writers, a
 * database that goes away and comes back, the schema guard, and the counter store's lease fence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { describeInventoryContract, v2 } from '../../src/inventory/inventory-contract.js';
import { openPgInventory, type PgInventory } from '../../src/inventory/pg-inventory.js';
import { isLinkscopeError } from '../../src/model/errors.js';
import { PgCounterStore } from '../../src/state/pg-counter-store.js';
import { packReadings } from '../../src/model/counters.js';
import { startPostgres, type PostgresHandle } from '../helpers/with-postgres.js';
import { eventually } from '../helpers/with-server.js';

const KEY = Buffer.alloc(32, 0x11);
const OTHER_KEY = Buffer.alloc(32, 0x22);

let postgres: PostgresHandle;
let databases = 0;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await postgres?.dispose();
});

async function freshDatabase(): Promise<string> {
  databases += 1;
  return postgres.createDatabase(`inv_${databases}`);
}

describeInventoryContract('PostgreSQL', async () => {
  const url = await freshDatabase();
  const all: PgInventory[] = [await openPgInventory({ url, secretKey: KEY, refreshMs: 100 })];
  return {
    inventory: all[0] as PgInventory,
    reopen: async () => {
      const next = await openPgInventory({ url, secretKey: KEY, refreshMs: 100 });
      all.push(next);
      return next;
    },
    cleanup: async () => {
      for (const inv of all) await inv.close();
    },
  };
});

describe('PostgreSQL inventory shared by several processes', () => {
  it('a write in one process reaches the other within its refresh period, with tokens moving', async () => {
    const url = await freshDatabase();
    const a = await openPgInventory({ url, secretKey: KEY, refreshMs: 100 });
    const b = await openPgInventory({ url, secretKey: KEY, refreshMs: 100 });
    try {
      const before = b.changeToken();
      const added = await a.add(v2('127.0.0.9', 'c-one', { name: 'sw1' }));
      expect(a.find('sw1')?.id).toBe(added.id);
      await eventually('b sees sw1', () => b.find('sw1'));
      expect(b.changeToken()).not.toBe(before);
      expect(b.get(added.id).snmp).toMatchObject({ version: '2c' });
      await b.update('sw1', { name: 'sw1-renamed', site: 'paris' });
      await eventually('a sees the rename', () => a.find('sw1-renamed'));
      expect(a.get(added.id).site).toBe('paris');
      await a.remove(added.id);
      await eventually('b sees the removal', () => (b.find(added.id) === undefined ? true : undefined));
      expect(b.list()).toEqual([]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('applies another process\'s write as soon as it commits (LISTEN/NOTIFY), and again after losing that connection', async () => {
    const url = await freshDatabase();
    // A refresh period far beyond the test: only a notification can bring the write over.
    const a = await openPgInventory({ url, secretKey: KEY, refreshMs: 600_000 });
    const b = await openPgInventory({ url, secretKey: KEY, refreshMs: 600_000 });
    try {
      await a.add(v2('127.0.0.20', 'c-notify', { name: 'notified' }));
      await eventually('b sees the add by notification', () => b.find('notified'), { timeoutMs: 5000, intervalMs: 20 });
      // The server drops the listening connections (a restart or partition would): they come back.
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const killed = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'linkscope-inventory-listen'");
      await admin.end();
      expect(killed.rowCount).toBe(2);
      await new Promise((r) => setTimeout(r, 6000));
      await a.add(v2('127.0.0.21', 'c-notify2', { name: 'after-reconnect' }));
      await eventually('b sees the add after reconnecting', () => b.find('after-reconnect'), { timeoutMs: 5000, intervalMs: 20 });
    } finally {
      await a.close();
      await b.close();
    }
  }, 30_000);

  it('two processes adding the same device at once: one wins, the other gets LS_DEVICE_EXISTS', async () => {
    const url = await freshDatabase();
    const a = await openPgInventory({ url, secretKey: KEY });
    const b = await openPgInventory({ url, secretKey: KEY });
    try {
      const results = await Promise.allSettled([a.add(v2('127.0.0.10', 'same', { name: 'x1' })), b.add(v2('127.0.0.10', 'same', { name: 'x2' }))]);
      const ok = results.filter((r) => r.status === 'fulfilled');
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(ok).toHaveLength(1);
      expect(failed).toHaveLength(1);
      expect(isLinkscopeError(failed[0]?.reason, 'LS_DEVICE_EXISTS')).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('keeps serving its last copy while PostgreSQL is down, refuses writes with a clear error, and catches up', async () => {
    const url = await freshDatabase();
    const inv = await openPgInventory({ url, secretKey: KEY, refreshMs: 100, statementTimeoutMs: 2000 });
    try {
      await inv.add(v2('127.0.0.11', 'c-down', { name: 'kept' }));
      await postgres.stop();
      expect(inv.find('kept')).toBeDefined();
      const err = await inv.add(v2('127.0.0.12', 'c-new')).catch((e: unknown) => e);
      expect(isLinkscopeError(err, 'LS_INVENTORY_DB')).toBe(true);
      expect(String((err as Error).message)).toMatch(/PostgreSQL at postgres:\/\/127\.0\.0\.1:\d+\/inv_\d+ is unreachable/);
      await postgres.start();
      await eventually('writes work again', async () => ((await inv.add(v2('127.0.0.12', 'c-new', { name: 'back' })).catch(() => undefined)) === undefined ? undefined : true), { timeoutMs: 20_000 });
      expect(inv.list().map((d) => d.name)).toEqual(['kept', 'back']);
    } finally {
      await inv.close();
    }
  }, 60_000);

  it('refuses a database that holds tables of something else, and a newer schema', async () => {
    const url = await freshDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('CREATE TABLE customers (id int)');
    await client.end();
    const err = await openPgInventory({ url, secretKey: KEY }).catch((e: unknown) => e);
    expect(isLinkscopeError(err, 'LS_INVENTORY_DB')).toBe(true);
    expect(String((err as Error).message)).toMatch(/not a linkscope inventory \(customers\)/);

    const url2 = await freshDatabase();
    (await openPgInventory({ url: url2, secretKey: KEY }).then((i) => i.close()));
    const c2 = new pg.Client({ connectionString: url2 });
    await c2.connect();
    await c2.query("INSERT INTO linkscope_schema (version, description) VALUES (999, 'future')");
    await c2.end();
    const newer = await openPgInventory({ url: url2, secretKey: KEY }).catch((e: unknown) => e);
    expect(String((newer as Error).message)).toMatch(/schema version 999, newer than this linkscope supports/);
  });

  it('another key cannot read the devices and says which key file to restore', async () => {
    const url = await freshDatabase();
    const a = await openPgInventory({ url, secretKey: KEY });
    await a.add(v2('127.0.0.13', 'c-key', { name: 'locked' }));
    await a.close();
    const b = await openPgInventory({ url, secretKey: OTHER_KEY, secretKeyFile: '/etc/linkscope/other.key' });
    try {
      expect(() => b.list()).toThrow(/the secret key file \/etc\/linkscope\/other\.key does not match/);
      const err = await b.add(v2('127.0.0.14', 'c-other')).catch((e: unknown) => e);
      expect(String((err as Error).message)).toMatch(/Refusing to write/);
    } finally {
      await b.close();
    }
  });
});

describe('counter state in PostgreSQL, fenced by the lease', () => {
  it('writes only under the current lease epoch; a stale epoch changes nothing and reports the device', async () => {
    const url = await freshDatabase();
    const inv = await openPgInventory({ url, secretKey: KEY });
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    pool.on('error', () => undefined);
    try {
      const d = await inv.add(v2('127.0.0.15', 'c-state', { name: 'counted' }));
      await pool.query("INSERT INTO leases (site, slot, owner, epoch, expires_at) VALUES ('default', 7, 'p1', 3, now() + interval '30 seconds')");
      let lease: { site: string; slot: number; epoch: number } | undefined = { site: 'default', slot: 7, epoch: 3 };
      const stale: number[] = [];
      const store = new PgCounterStore(pool, { pollerId: 'p1', fence: () => lease, onStale: (id) => stale.push(id), writeBehindMs: 60_000 });
      const baseline = { clock: { uptimeTicks: 100, wallMs: 1_000 }, interfaces: new Map([[1, { identity: 'eth0', discontinuityTime: null, counters: packReadings({ inOctets: { value: 12345678901234n, bits: 64 } }) }]]) };
      await store.save(d.id, '127.0.0.15:161', baseline);
      await store.flush();
      const loaded = await store.load(d.id, '127.0.0.15:161');
      expect(loaded?.clock).toEqual(baseline.clock);
      expect(stale).toEqual([]);
      // Another poller claimed the slot (epoch 4): our write under epoch 3 must change nothing.
      await pool.query("UPDATE leases SET owner = 'p2', epoch = 4 WHERE slot = 7");
      await store.save(d.id, '127.0.0.15:161', { ...baseline, clock: { uptimeTicks: 200, wallMs: 2_000 } });
      await store.flush();
      expect(stale).toEqual([d.id]);
      const row = await pool.query<{ poller: string; epoch: string; state: string }>('SELECT poller, epoch, state FROM counter_state WHERE device_id = $1', [d.id]);
      expect(row.rows[0]?.poller).toBe('p1');
      expect(Number(row.rows[0]?.epoch)).toBe(3);
      expect(JSON.parse(row.rows[0]?.state ?? '{}').clock.uptimeTicks).toBe(100);
      // Not ours at all: nothing is even queued.
      lease = undefined;
      await store.save(d.id, '127.0.0.15:161', baseline);
      expect(store.savedAtMs(d.id)).toBeNull();
      // Another agent's state is not ours to continue from.
      expect(await store.load(d.id, '127.0.0.99:161')).toBeNull();
      await store.close();

      // Written at most every minRewriteMs by the timed writes; a release (flush of the device) and close always write.
      await pool.query("UPDATE leases SET owner = 'p1', epoch = 5 WHERE slot = 7");
      lease = { site: 'default', slot: 7, epoch: 5 };
      const rare = new PgCounterStore(pool, { pollerId: 'p1', fence: () => lease, writeBehindMs: 60_000, minRewriteMs: 60_000 });
      const ticks = async (uptimeTicks: number): Promise<number> => {
        await rare.save(d.id, '127.0.0.15:161', { ...baseline, clock: { uptimeTicks, wallMs: uptimeTicks * 10 } });
        return uptimeTicks;
      };
      const stored = async (): Promise<number> => JSON.parse((await pool.query<{ state: string }>('SELECT state FROM counter_state WHERE device_id = $1', [d.id])).rows[0]?.state ?? '{}').clock.uptimeTicks;
      await ticks(300);
      await rare.flush(new Set([d.id]));
      expect(await stored()).toBe(300);
      await ticks(400);
      await rare.flush(); // the timed write: written 0 s ago, not due
      expect(await stored()).toBe(300);
      await rare.flush(new Set([d.id])); // a release writes at once
      expect(await stored()).toBe(400);
      await ticks(500);
      await rare.close();
      expect(await stored()).toBe(500);
    } finally {
      await pool.end();
      await inv.close();
    }
  });
});
