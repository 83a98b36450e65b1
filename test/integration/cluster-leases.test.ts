/**
 * The ownership protocol (src/cluster/) on a real PostgreSQL: several LeaseManagers in one process,
 * each with its own pool as if it were its own process. A watcher samples every manager's mayAct
 * view every few ms (and the database every few tens of ms) and records any slot two managers may
 * act on at once, or a manager still acting with an epoch older than the database's live one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyClusterSchema } from '../../src/cluster/schema.js';
import { fencedWhere, fenceValues, LeaseManager, leasePoolSettings, type LeaseChange, type LeaseManagerOptions, type SlotKey } from '../../src/cluster/lease-manager.js';
import { isLinkscopeError } from '../../src/model/errors.js';
import { silentLogger } from '../../src/observability/logger.js';
import { freePort } from '../helpers/free-port.js';
import { startPostgres, type PostgresHandle } from '../helpers/with-postgres.js';

const SITE = 'site-a';
/** Short leases so the file runs in seconds: renew every 500 ms, stop acting 1,200 ms after a renewal start. */
const FAST = { ttlMs: 1500, renewEveryMs: 500, marginMs: 300 } as const;

let server: PostgresHandle;
let databases = 0;
const pools: pg.Pool[] = [];
const managers: LeaseManager[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

/** ttlMs undefined: a pool with pg's defaults (no timeouts at all), to show the manager needs none. */
function newPool(url: string, ttlMs: number | undefined): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 3, ...(ttlMs === undefined ? {} : leasePoolSettings(ttlMs)) });
  // A stopped or restarted PostgreSQL makes idle clients emit 'error'; the owner of a pool must listen.
  pool.on('error', () => undefined);
  pools.push(pool);
  return pool;
}

async function freshDatabase(): Promise<string> {
  databases++;
  const url = await server.createDatabase(`leases_${databases}`);
  const pool = newPool(url, 30_000);
  await applyClusterSchema(pool);
  return url;
}

function manager(url: string, pollerId: string, options: Partial<LeaseManagerOptions> = {}, poolTimeouts = true): LeaseManager {
  const ttlMs = options.ttlMs ?? FAST.ttlMs;
  const m = new LeaseManager({ pool: newPool(url, poolTimeouts ? ttlMs : undefined), pollerId, logger: silentLogger(), slotCount: 64, ...FAST, ...options });
  managers.push(m);
  return m;
}

/** Bounded polling: resolves once `check` holds, fails after `timeoutMs` with `what`. */
async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (performance.now() > deadline) throw new Error(`not within ${timeoutMs}ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function owned(m: LeaseManager, slotCount: number, site = SITE): number[] {
  const out: number[] = [];
  for (let slot = 0; slot < slotCount; slot++) if (m.owns(site, slot)) out.push(slot);
  return out;
}

/** Live leases by the database clock: slot → { owner, epoch }. */
async function dbLeases(pool: pg.Pool, site = SITE): Promise<Map<number, { owner: string; epoch: number }>> {
  const { rows } = await pool.query<{ slot: number; owner: string; epoch: string }>('SELECT slot, owner, epoch::text AS epoch FROM leases WHERE site = $1 AND owner IS NOT NULL AND expires_at > now()', [site]);
  return new Map(rows.map((r) => [r.slot, { owner: r.owner, epoch: Number(r.epoch) }]));
}

interface Watcher {
  readonly violations: string[];
  samples(): { local: number; db: number };
  stop(): Promise<void>;
}

/** Samples every manager's mayAct for every slot each 5 ms, and the database every 25 ms. */
function watch(members: () => readonly LeaseManager[], slotCount: number, pool: pg.Pool): Watcher {
  const violations: string[] = [];
  const epochOwner = new Map<string, string>();
  let local = 0;
  let db = 0;
  const sampleLocal = (): void => {
    local++;
    const ms = members();
    for (let slot = 0; slot < slotCount; slot++) {
      let actor: string | undefined;
      for (const m of ms) {
        const epoch = m.mayAct(SITE, slot);
        if (epoch === undefined) continue;
        if (actor !== undefined) violations.push(`slot ${slot}: ${actor} and ${m.pollerId} may both act`);
        actor = m.pollerId;
        const key = `${slot}/${epoch}`;
        const first = epochOwner.get(key);
        if (first === undefined) epochOwner.set(key, m.pollerId);
        else if (first !== m.pollerId) violations.push(`slot ${slot} epoch ${epoch}: acted on by ${first} and ${m.pollerId}`);
      }
    }
  };
  const timer = setInterval(sampleLocal, 5);
  let stopped = false;
  const dbLoop = (async () => {
    while (!stopped) {
      const live = await dbLeases(pool);
      db++;
      // The database answered at some instant before now: a manager whose epoch is older than the
      // live one must have stopped acting before that instant.
      for (const m of members()) {
        for (const [slot, lease] of live) {
          const epoch = m.mayAct(SITE, slot);
          if (epoch !== undefined && epoch < lease.epoch) violations.push(`slot ${slot}: ${m.pollerId} acts with epoch ${epoch} while ${lease.owner} holds epoch ${lease.epoch}`);
        }
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  return {
    violations,
    samples: () => ({ local, db }),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await dbLoop;
    },
  };
}

function within(count: number, slotCount: number, n: number): boolean {
  const ceil = Math.ceil(slotCount / n);
  return count >= ceil - 1 && count <= ceil + 1;
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** The postmaster (first line of postmaster.pid) and its children: freezing them all is a partition. */
function postgresPids(dir: string): number[] {
  const postmaster = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const pids = [postmaster];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (parentOf(Number(entry)) === postmaster) pids.push(Number(entry));
  }
  return pids;
}

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  server = await startPostgres();
});

afterEach(async () => {
  for (const m of managers.splice(0)) await m.stop();
  for (const p of pools.splice(0)) await p.end();
  expect(unhandled).toEqual([]);
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await server?.dispose();
});

describe('cluster leases on PostgreSQL', () => {
  it('balances 64 slots over 3 pollers, hands a stopped one\'s slots over within a renewal, rebalances on join, never two owners at once', async () => {
    const url = await freshDatabase();
    const check = newPool(url, 30_000);
    const drains: { pollerId: string; slots: number; stillOursInDb: boolean }[] = [];
    const live: LeaseManager[] = [];
    const make = (id: string): LeaseManager => {
      const m: LeaseManager = manager(url, id, {
        drain: async (slots: readonly SlotKey[]) => {
          // Drain runs before the release: the database must still show these slots as ours.
          const leases = await dbLeases(check);
          drains.push({ pollerId: id, slots: slots.length, stillOursInDb: slots.every((k) => leases.get(k.slot)?.owner === id && m.mayAct(k.site, k.slot) !== undefined) });
        },
      });
      m.setSites([SITE]);
      live.push(m);
      return m;
    };
    const watcher = watch(() => live, 64, check);
    try {
      const [a, b, c] = [make('p-a'), make('p-b'), make('p-c')];
      await Promise.all([a.start(), b.start(), c.start()]);
      const balanced = (ms: readonly LeaseManager[]): boolean => {
        const sets = ms.map((m) => owned(m, 64));
        const union = new Set(sets.flat());
        return union.size === 64 && sets.reduce((s, x) => s + x.length, 0) === 64 && sets.every((x) => within(x.length, 64, ms.length));
      };
      await eventually('3 pollers own 64 slots, disjoint, ⌈64/3⌉ ± 1 each', () => balanced([a, b, c]));
      const db = await dbLeases(check);
      expect(db.size).toBe(64);
      for (const m of [a, b, c]) expect(owned(m, 64)).toEqual([...db].filter(([, l]) => l.owner === m.pollerId).map(([s]) => s).sort((x, y) => x - y));

      // Planned stop: drain, release, row deleted; the others take everything at their next renewal.
      const renewalsBefore = [b.stats().renewals, c.stats().renewals];
      const aSlots = owned(a, 64).length;
      await a.stop();
      live.splice(live.indexOf(a), 1);
      expect(drains.filter((d) => d.pollerId === 'p-a').at(-1)).toEqual({ pollerId: 'p-a', slots: aSlots, stillOursInDb: true });
      expect(owned(a, 64)).toEqual([]);
      expect((await check.query('SELECT id FROM pollers ORDER BY id')).rows.map((r: { id: string }) => r.id)).toEqual(['p-b', 'p-c']);
      await eventually('2 pollers own all 64 slots', () => balanced([b, c]));
      // At most the renewal in flight when a stopped plus the next one.
      expect(b.stats().renewals - (renewalsBefore[0] ?? 0)).toBeLessThanOrEqual(2);
      expect(c.stats().renewals - (renewalsBefore[1] ?? 0)).toBeLessThanOrEqual(2);

      // Join: the others drain and release their excess, the newcomer claims it.
      const d = make('p-d');
      await d.start();
      await eventually('3 pollers own 64 slots again after p-d joined', () => balanced([b, c, d]));
      expect(drains.filter((x) => x.pollerId !== 'p-a').length).toBeGreaterThan(0);
      expect(drains.every((x) => x.stillOursInDb)).toBe(true);
      expect(d.stats().handoversIn).toBeGreaterThan(0);
      const infos = await b.pollers();
      expect(infos.map((p) => [p.id, p.live, p.slots])).toEqual([
        ['p-b', true, owned(b, 64).length],
        ['p-c', true, owned(c, 64).length],
        ['p-d', true, owned(d, 64).length],
      ]);
      expect(infos[0]?.stats).toMatchObject({ pollerId: 'p-b' });
    } finally {
      await watcher.stop();
    }
    expect(watcher.violations).toEqual([]);
    expect(watcher.samples().local).toBeGreaterThan(100);
    expect(watcher.samples().db).toBeGreaterThan(10);
  });

  it('stops a paused poller acting by its own clock at TTL − margin, before its leases expire by the database clock and another claims them', async () => {
    const url = await freshDatabase();
    const check = newPool(url, 30_000);
    const timing = { ttlMs: 2000, renewEveryMs: 600, marginMs: 900 };
    const a = manager(url, 'p-a', { ...timing, slotCount: 16 });
    const b = manager(url, 'p-b', { ...timing, slotCount: 16 });
    for (const m of [a, b]) m.setSites([SITE]);
    const watcher = watch(() => [a, b], 16, check);
    try {
      await Promise.all([a.start(), b.start()]);
      await eventually('8 slots each', () => owned(a, 16).length === 8 && owned(b, 16).length === 8);
      const mine = owned(a, 16);
      const epochs = new Map(mine.map((s) => [s, a.mayAct(SITE, s)]));
      const handoversIn = b.stats().handoversIn;
      a.pauseForTest();
      await eventually('the paused poller stops acting', () => mine.every((s) => a.mayAct(SITE, s) === undefined));
      expect(a.stats().lastRenewAgeMs).toBeGreaterThanOrEqual(timing.ttlMs - timing.marginMs);
      // Its leases are still live in the database: nobody else could have claimed them yet.
      const db = await dbLeases(check);
      expect(mine.filter((s) => db.get(s)?.owner === 'p-a')).toEqual(mine);
      expect(owned(a, 16)).toEqual(mine);

      await eventually('the other poller takes the expired slots', () => owned(b, 16).length === 16);
      for (const s of mine) expect(b.mayAct(SITE, s)).toBe((epochs.get(s) ?? 0) + 1);
      expect(b.stats().handoversIn - handoversIn).toBe(8);
    } finally {
      await watcher.stop();
    }
    expect(watcher.violations).toEqual([]);
  });

  it('keeps renewing while a slow drain runs, and releases the slots only after it resolved', async () => {
    const url = await freshDatabase();
    const check = newPool(url, 30_000);
    let finishDrain: () => void = () => undefined;
    const drained = new Promise<void>((resolve) => {
      finishDrain = resolve;
    });
    const draining: SlotKey[][] = [];
    const a = manager(url, 'p-a', {
      slotCount: 16,
      drain: async (slots) => {
        draining.push([...slots]);
        await drained;
      },
    });
    a.setSites([SITE]);
    await a.start();
    expect(owned(a, 16)).toHaveLength(16);
    const b = manager(url, 'p-b', { slotCount: 16 });
    b.setSites([SITE]);
    const watcher = watch(() => [a, b], 16, check);
    try {
      await b.start();
      await eventually('p-a starts draining its excess', () => draining.length === 1);
      const excess = draining[0] ?? [];
      expect(excess.map((k) => k.slot)).toEqual([15, 14, 13, 12, 11, 10, 9, 8]);
      const renewals = a.stats().renewals;
      await eventually('p-a renews three more times while the drain is pending', () => a.stats().renewals >= renewals + 3);
      // Still ours, still usable, still live in the database; p-b has none of them.
      expect(excess.every((k) => a.mayAct(k.site, k.slot) !== undefined)).toBe(true);
      const db = await dbLeases(check);
      expect(excess.every((k) => db.get(k.slot)?.owner === 'p-a')).toBe(true);
      expect(owned(b, 16)).toEqual([]);

      finishDrain();
      await eventually('p-b gets the drained slots', () => owned(b, 16).length === 8 && owned(a, 16).length === 8);
      expect(owned(b, 16)).toEqual(excess.map((k) => k.slot).sort((x, y) => x - y));
      expect(draining).toHaveLength(1);
    } finally {
      finishDrain();
      await watcher.stop();
    }
    expect(watcher.violations).toEqual([]);
  });

  it('raises the epoch on every claim, and a write fenced with an old epoch changes nothing', async () => {
    const url = await freshDatabase();
    const check = newPool(url, 30_000);
    await check.query('CREATE TABLE device_state (site text, slot int, value int)');
    await check.query('INSERT INTO device_state VALUES ($1, 3, 0)', [SITE]);
    const first = manager(url, 'p-1', { slotCount: 8 });
    first.setSites([SITE]);
    await first.start();
    expect(first.mayAct(SITE, 3)).toBe(1);
    const oldFence = first.fence(SITE, 3);
    await first.stop();

    const second = manager(url, 'p-2', { slotCount: 8 });
    second.setSites([SITE]);
    const changes: LeaseChange[] = [];
    second.onChange((c) => changes.push(c));
    await second.start();
    expect(changes[0]?.gained.map((g) => g.epoch)).toEqual(new Array(8).fill(2));
    const newFence = second.fence(SITE, 3);
    expect(newFence).toEqual({ site: SITE, slot: 3, pollerId: 'p-2', epoch: 2 });

    const write = (fence: typeof oldFence): Promise<pg.QueryResult> => check.query(`UPDATE device_state SET value = value + 1 WHERE site = $1 AND slot = $2 AND ${fencedWhere(3)}`, [SITE, 3, ...fenceValues(fence ?? { site: SITE, slot: 3, pollerId: 'p-1', epoch: 1 })]);
    expect((await write(oldFence)).rowCount).toBe(0);
    expect((await write({ site: SITE, slot: 3, pollerId: 'p-2', epoch: 1 })).rowCount).toBe(0);
    expect((await write(newFence)).rowCount).toBe(1);

    // A refused write makes the caller drop the slot: it stops acting at once and says so.
    second.dropSlot(SITE, 3);
    expect(second.mayAct(SITE, 3)).toBeUndefined();
    expect(changes.at(-1)).toEqual({ gained: [], lost: [{ site: SITE, slot: 3 }] });
  });

  it('claims past a slot another transaction holds locked (SKIP LOCKED) instead of waiting for it', async () => {
    const url = await freshDatabase();
    const check = newPool(url, 30_000);
    await check.query(`INSERT INTO leases (site, slot) SELECT $1, generate_series(0, 7)`, [SITE]);
    const locker = await check.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM leases WHERE site = $1 AND slot = 0 FOR UPDATE', [SITE]);
      const m = manager(url, 'p-a', { slotCount: 8 });
      m.setSites([SITE]);
      await m.start();
      expect(owned(m, 8)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      await locker.query('ROLLBACK');
      await eventually('the unlocked slot is claimed at a later renewal', () => owned(m, 8).length === 8);
    } finally {
      locker.release();
    }
  });

  it('serves only the sites it is configured for, and counts only the pollers serving a site', async () => {
    const url = await freshDatabase();
    const every = manager(url, 'p-every', { slotCount: 8 });
    const onlyB = manager(url, 'p-only-b', { slotCount: 8, sites: ['b'] });
    every.setSites(['a', 'b']);
    onlyB.setSites(['a', 'b']);
    await every.start();
    await onlyB.start();
    await eventually('site a all to p-every, site b shared', () => owned(every, 8, 'a').length === 8 && owned(every, 8, 'b').length === 4 && owned(onlyB, 8, 'b').length === 4);
    expect(owned(onlyB, 8, 'a')).toEqual([]);
    expect((await every.pollers()).map((p) => [p.id, p.sites])).toEqual([
      ['p-every', null],
      ['p-only-b', ['b']],
    ]);
    // A site that disappears is drained and released.
    every.setSites(['b']);
    await eventually('site a released', () => owned(every, 8, 'a').length === 0);
  });

  it('keeps going while PostgreSQL is down: renewals fail and are counted, acting stops at TTL − margin, slots come back', async () => {
    const own = await startPostgres();
    try {
      const url = await own.createDatabase('down');
      await applyClusterSchema(newPool(url, 30_000));
      const m = manager(url, 'p-a', { slotCount: 8 });
      m.setSites([SITE]);
      await m.start();
      expect(owned(m, 8)).toHaveLength(8);
      const before = new Map(owned(m, 8).map((s) => [s, m.mayAct(SITE, s)]));

      await own.stop();
      await eventually('renewals fail', () => m.stats().renewFailures >= 2);
      const listing: unknown = await m.pollers().then(() => undefined, (e: unknown) => e);
      expect(isLinkscopeError(listing, 'LS_DATABASE_UNREACHABLE')).toBe(true);
      expect((listing as Error).message).toContain(`127.0.0.1:${own.port}`);
      await eventually('acting stops', () => owned(m, 8).every((s) => m.mayAct(SITE, s) === undefined));
      expect(m.stats().lastRenewAgeMs).toBeGreaterThanOrEqual(FAST.ttlMs - FAST.marginMs);
      // Nothing changed locally: the slots are not given up, only fenced.
      expect(owned(m, 8)).toHaveLength(8);
      await eventually('the leases have expired by any clock', () => (m.stats().lastRenewAgeMs ?? 0) > FAST.ttlMs + 100);

      await own.start();
      await eventually('slots are reclaimed once PostgreSQL is back', () => owned(m, 8).length === 8 && owned(m, 8).every((s) => m.mayAct(SITE, s) !== undefined));
      for (const [s, epoch] of before) expect(m.mayAct(SITE, s)).toBe((epoch ?? 0) + 1);
      expect(unhandled).toEqual([]);
    } finally {
      for (const mm of managers.splice(0)) await mm.stop();
      for (const p of pools.splice(0)) await p.end();
      await own.dispose();
    }
  });

  it('never hangs on a frozen PostgreSQL (SIGSTOP): statements time out, acting stops at TTL − margin, slots come back after SIGCONT', async () => {
    const own = await startPostgres();
    const signalAll = (signal: NodeJS.Signals): void => {
      for (const pid of postgresPids(own.dir)) {
        try {
          process.kill(pid, signal);
        } catch {
          // exited meanwhile
        }
      }
    };
    try {
      const url = await own.createDatabase('frozen');
      await applyClusterSchema(newPool(url, 30_000));
      // A pool without any timeout of its own: the manager's statement timeout is what saves the loop.
      const m = manager(url, 'p-a', { slotCount: 8 }, false);
      m.setSites([SITE]);
      await m.start();
      expect(owned(m, 8)).toHaveLength(8);

      signalAll('SIGSTOP');
      try {
        await eventually('renewals time out and are counted', () => m.stats().renewFailures >= 2);
        await eventually('acting stops', () => owned(m, 8).every((s) => m.mayAct(SITE, s) === undefined));
        expect(m.stats().lastRenewAgeMs).toBeGreaterThanOrEqual(FAST.ttlMs - FAST.marginMs);
      } finally {
        signalAll('SIGCONT');
        // runuser (the helper's child when we are root) stops itself when its child stops, as su
        // does for job control; it must go on too, or it never sees the postmaster exit.
        const parent = parentOf(postgresPids(own.dir)[0] ?? 0);
        if (parent !== undefined && readFileSync(`/proc/${parent}/comm`, 'utf8').trim() === 'runuser') process.kill(parent, 'SIGCONT');
      }
      await eventually('slots are usable again once PostgreSQL runs again', () => owned(m, 8).length === 8 && owned(m, 8).every((s) => m.mayAct(SITE, s) !== undefined));
      expect(unhandled).toEqual([]);
    } finally {
      for (const mm of managers.splice(0)) await mm.stop();
      for (const p of pools.splice(0)) await p.end();
      await own.dispose();
    }
  });

  it('fails start with LS_DATABASE_UNREACHABLE naming host:port but not the password', async () => {
    const port = await freePort();
    const m = manager(`postgres://linkscope:s3cret-pw@127.0.0.1:${port}/nothing`, 'p-a');
    const err: unknown = await m.start().then(() => undefined, (e: unknown) => e);
    expect(isLinkscopeError(err, 'LS_DATABASE_UNREACHABLE')).toBe(true);
    expect((err as Error).message).toContain(`127.0.0.1:${port}`);
    expect((err as Error).message).not.toContain('s3cret');
    expect(m.mayAct(SITE, 0)).toBeUndefined();

    const noSchema = await server.createDatabase('no_schema');
    const err2: unknown = await manager(noSchema, 'p-b').start().then(() => undefined, (e: unknown) => e);
    expect(isLinkscopeError(err2, 'LS_DATABASE_UNREACHABLE')).toBe(true);
    expect((err2 as Error).message).toMatch(/relation "leases" does not exist/);
  });

  it('restarts under the id of a crashed poller without adopting its leases: every slot gets a new epoch', async () => {
    const url = await freshDatabase();
    const check = newPool(url, 30_000);
    const first = manager(url, 'p-a', { slotCount: 8 });
    first.setSites([SITE]);
    await first.start();
    first.pauseForTest();
    const epochs = owned(first, 8).map((s) => first.mayAct(SITE, s));
    expect(epochs).toEqual(new Array(8).fill(1));
    // A crash right after a claim: the row has expired, some leases (claimed later) have not.
    await check.query(`UPDATE pollers SET expires_at = now() - interval '1 second' WHERE id = 'p-a'`);
    await check.query(`UPDATE leases SET expires_at = now() + interval '1 hour' WHERE owner = 'p-a'`);

    const second = manager(url, 'p-a', { slotCount: 8 });
    second.setSites([SITE]);
    await second.start();
    expect(owned(second, 8).map((s) => second.mayAct(SITE, s))).toEqual(new Array(8).fill(2));
    expect(second.stats().claims).toBe(8);
  });

  it('refuses a second live poller with the same id after waiting one TTL for it to expire', async () => {
    const url = await freshDatabase();
    const first = manager(url, 'dup', { slotCount: 8 });
    first.setSites([SITE]);
    await first.start();
    const second = manager(url, 'dup', { slotCount: 8 });
    second.setSites([SITE]);
    const err: unknown = await second.start().then(() => undefined, (e: unknown) => e);
    expect(isLinkscopeError(err, 'LS_CLUSTER_CONFIG_INVALID')).toBe(true);
    expect((err as Error).message).toMatch(/poller id "dup" is in use/);
    expect(second.mayAct(SITE, 0)).toBeUndefined();
    expect(first.stats().slots).toBe(8);
  });
});
