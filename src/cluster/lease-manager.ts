/**
 * Device ownership for N pollers sharing one PostgreSQL: slot leases with TTL, epochs and fencing.
 *
 * Protocol (docs/scale-out.md "Ownership protocol"):
 * - A device belongs to slot `slotOf(id, S)` of its site (slots.ts). Table `leases` has one row per
 *   (site, slot), created lazily for the sites this poller serves (INSERT … generate_series … ON
 *   CONFLICT DO NOTHING). A poller owns a slot while `owner = me AND expires_at > now()`.
 * - Expiry is judged by the DATABASE clock only (`now()` in SQL); no wall clock is compared.
 * - Every `renewEveryMs` (default TTL/3, TTL default 30 s) ONE statement upserts this poller's row in
 *   `pollers` (expires_at = now() + TTL, stats), renews `WHERE owner = me AND expires_at > now()`
 *   and returns the renewed (site, slot, epoch) plus, per served site, the live pollers serving it.
 *   The returned set IS what this poller owns from then on: anything else is lost, and an expired
 *   lease is never renewed — it must be claimed again, with a new epoch.
 * - Target per site: S slots over N live pollers (unexpired `pollers` rows serving the site). The
 *   first S mod N pollers by id (byte order) take ⌈S/N⌉, the others ⌊S/N⌋, so targets sum to S and
 *   every poller ends within ⌈S/N⌉ ± 1 (a plain ⌈S/N⌉ for all could leave the last one 2 short).
 * - Over target: the highest owned slots are handed to `drain` (the poller stops scheduling their
 *   devices, finishes in-flight polls and flushes their counter state). The drain runs beside the
 *   loop: renewals go on, the slots stay ours and mayAct keeps answering for them. At the first
 *   cycle after it resolved they are dropped locally, then released in the database
 *   (`owner = NULL, expires_at = now()`). Under target: ONE claim statement takes free or
 *   expired slots (`owner IS NULL OR expires_at <= now()`) with FOR UPDATE SKIP LOCKED, setting
 *   `owner = me, epoch = epoch + 1, expires_at = now() + TTL`.
 * - Fencing: `mayAct(site, slot)` returns the epoch only while the slot is owned AND
 *   `performance.now() < renewStartedAt + TTL − margin`, renewStartedAt being the monotonic time
 *   just before the last successful renewal was sent. The database sets expires_at from a `now()`
 *   taken after that instant, so this poller stops acting at least `margin` before anyone else can
 *   claim the slot; margin > SNMP timeout × (retries + 1) covers a request already on the wire.
 *   Slots claimed after the renewal expire later still, so the one deadline is safe for them too.
 * - A failed renewal (database down, timeout) changes nothing locally; fencing stops all activity
 *   once TTL − margin has passed. Every statement has a timeout of TTL/3 (pg `query_timeout` plus
 *   a local guard), so a partitioned database never hangs the loop. When it comes back, renewal
 *   returns whatever is still ours (possibly nothing) and claims resume.
 * - Writes for a slot elsewhere (counter state, …) are fenced by epoch: see `fencedWhere`. When such
 *   a write matches 0 rows the caller calls `dropSlot` and stops acting on the slot at once.
 * - stop(): stops claiming, drains every owned slot, drops them locally, then one statement releases
 *   them all and deletes this poller's row.
 */
import type pg from 'pg';
import { LinkscopeError, describeError } from '../model/errors.js';
import type { Logger } from '../observability/logger.js';
import { DEFAULT_SLOT_COUNT } from './slots.js';

export const DEFAULT_TTL_MS = 30_000;
/** Below this a renewal every TTL/3 leaves too little room for a statement round trip. */
export const MIN_TTL_MS = 1_000;
export const MAX_SLOT_COUNT = 65_536;
/** Rows of `pollers` expired longer than this are deleted by the renewal of any live poller. */
const FORGET_POLLER_AFTER = '1 hour';

export interface SlotKey {
  readonly site: string;
  readonly slot: number;
}

export interface LeaseChange {
  readonly gained: readonly (SlotKey & { readonly epoch: number })[];
  readonly lost: readonly SlotKey[];
}

export interface LeaseManagerOptions {
  /**
   * Shared pool. The owner should give it `connectionTimeoutMillis` (see `leasePoolSettings`) and an
   * 'error' listener: a restarted PostgreSQL makes idle clients emit 'error'.
   */
  readonly pool: pg.Pool;
  readonly pollerId: string;
  /** Sites this poller may serve; undefined = every site. */
  readonly sites?: readonly string[];
  readonly slotCount?: number;
  readonly ttlMs?: number;
  readonly renewEveryMs?: number;
  /** Fencing margin: > SNMP timeout × (retries + 1); > 0 and < TTL/2. */
  readonly marginMs: number;
  readonly logger: Logger;
  /** Called before slots are given up (rebalancing, removed site, stop): finish in-flight polls, flush state. */
  readonly drain?: (slots: readonly SlotKey[]) => Promise<void>;
}

export interface LeaseStats {
  readonly pollerId: string;
  /** Slots owned now (locally; mayAct may still refuse them when fencing has run out). */
  readonly slots: number;
  /** Successful and failed renewal statements. */
  readonly renewals: number;
  readonly renewFailures: number;
  /** Slots claimed (each claim raises the slot's epoch). */
  readonly claims: number;
  /** Claimed slots that another poller (or an earlier life of this one) had owned before (epoch > 1). */
  readonly handoversIn: number;
  /** Slots given up: released after drain, lost at renewal, or dropped by dropSlot. */
  readonly handoversOut: number;
  /** Milliseconds since the start of the last successful renewal; null before the first. */
  readonly lastRenewAgeMs: number | null;
}

export interface PollerInfo {
  readonly id: string;
  /** null = serves every site. */
  readonly sites: readonly string[] | null;
  /** Unexpired leases it owns, by the database clock. */
  readonly slots: number;
  readonly startedAt: string;
  readonly expiresAt: string;
  /** expires_at > now() by the database clock. */
  readonly live: boolean;
  readonly stats: Readonly<Record<string, unknown>>;
}

/** A lease as another store must check it before writing for a slot (see fencedWhere). */
export interface Fence {
  readonly site: string;
  readonly slot: number;
  readonly pollerId: string;
  readonly epoch: number;
}

/**
 * The condition a write for a slot must carry, with its parameters numbered from `first`:
 * `$first` site, `$first+1` slot, `$first+2` poller id, `$first+3` epoch (values: fenceValues).
 * `UPDATE … WHERE … AND <this>` matching 0 rows means the slot is no longer ours: call dropSlot.
 */
export function fencedWhere(first: number): string {
  if (!Number.isInteger(first) || first < 1) throw new LinkscopeError('LS_INTERNAL', `fencedWhere: parameter index must be a positive integer, got ${first}`);
  return `EXISTS (SELECT 1 FROM leases WHERE site = $${first}::text AND slot = $${first + 1}::int AND owner = $${first + 2}::text AND epoch = $${first + 3}::bigint AND expires_at > now())`;
}

export function fenceValues(fence: Fence): [string, number, string, number] {
  return [fence.site, fence.slot, fence.pollerId, fence.epoch];
}

/** Pool settings that keep a partitioned database from hanging the lease loop (give them to `new pg.Pool`). */
export function leasePoolSettings(ttlMs: number = DEFAULT_TTL_MS): { statement_timeout: number; query_timeout: number; connectionTimeoutMillis: number } {
  const ms = Math.max(1, Math.floor(ttlMs / 3));
  return { statement_timeout: ms, query_timeout: ms, connectionTimeoutMillis: ms };
}

/** host:port of the pool's database, never user or password. */
function databaseAddress(pool: pg.Pool): string {
  const options = pool.options as { host?: string; port?: number; connectionString?: string };
  if (options.connectionString !== undefined) {
    try {
      const url = new URL(options.connectionString);
      return `${url.hostname}:${url.port === '' ? '5432' : url.port}`;
    } catch {
      return '(unparseable connection string)';
    }
  }
  return `${options.host ?? 'localhost'}:${options.port ?? 5432}`;
}

function configError(message: string): LinkscopeError {
  return new LinkscopeError('LS_CLUSTER_CONFIG_INVALID', `cluster leases: ${message}`);
}

/** Per-site local view: epoch per slot (0 = not owned; claimed epochs start at 1). */
interface SiteView {
  readonly epochs: Float64Array;
  owned: number;
  /** Per slot: 0, DRAINING (drain called, not resolved) or DRAINED (ready to release at the next cycle). */
  readonly releasing: Uint8Array;
  releasingCount: number;
}

const DRAINING = 1;
const DRAINED = 2;

interface RenewRow {
  readonly kind: 'lease' | 'live';
  readonly site: string;
  readonly slot: number | null;
  readonly epoch: string | null;
  readonly n: number | null;
  readonly before: number | null;
}

const RENEW_SQL = `
WITH me AS (
  INSERT INTO pollers (id, sites, started_at, expires_at, stats)
  VALUES ($1, $2::text[], now(), now() + $3 * interval '1 millisecond', $4::jsonb)
  ON CONFLICT (id) DO UPDATE SET sites = EXCLUDED.sites, expires_at = EXCLUDED.expires_at, stats = EXCLUDED.stats
  RETURNING id
), forgotten AS (
  DELETE FROM pollers WHERE id IN (
    SELECT id FROM pollers WHERE expires_at < now() - interval '${FORGET_POLLER_AFTER}' AND id <> $1 FOR UPDATE SKIP LOCKED)
), renewed AS (
  UPDATE leases SET expires_at = now() + $3 * interval '1 millisecond'
  WHERE owner = $1 AND expires_at > now()
  RETURNING site, slot, epoch
), live AS (
  SELECT s.site,
    count(p.id) FILTER (WHERE p.id <> $1)::int AS others,
    count(p.id) FILTER (WHERE p.id COLLATE "C" < $1 COLLATE "C")::int AS before
  FROM unnest($5::text[]) AS s(site)
  LEFT JOIN pollers p ON p.expires_at > now() AND (p.sites IS NULL OR s.site = ANY (p.sites))
  GROUP BY s.site
)
SELECT 'lease' AS kind, site, slot, epoch::text AS epoch, NULL::int AS n, NULL::int AS before FROM renewed
UNION ALL
SELECT 'live', site, NULL, NULL, others + 1, before FROM live`;

const CLAIM_SQL = `
WITH wanted AS (
  SELECT c.site, c.slot
  FROM unnest($2::text[], $3::int[]) AS w(site, want)
  CROSS JOIN LATERAL (
    SELECT l.site, l.slot FROM leases l
    WHERE l.site = w.site AND l.slot < $5 AND (l.owner IS NULL OR l.expires_at <= now())
    ORDER BY l.slot
    LIMIT w.want
    FOR UPDATE SKIP LOCKED
  ) c
)
UPDATE leases l SET owner = $1, epoch = l.epoch + 1, expires_at = now() + $4 * interval '1 millisecond'
FROM wanted
WHERE l.site = wanted.site AND l.slot = wanted.slot AND (l.owner IS NULL OR l.expires_at <= now())
RETURNING l.site, l.slot, l.epoch::text AS epoch`;

const RELEASE_SQL = `
UPDATE leases SET owner = NULL, expires_at = now()
WHERE owner = $1 AND (site, slot) IN (SELECT * FROM unnest($2::text[], $3::int[]))`;

const STOP_SQL = `
WITH released AS (
  UPDATE leases SET owner = NULL, expires_at = now() WHERE owner = $1 RETURNING 1
), gone AS (
  DELETE FROM pollers WHERE id = $1 RETURNING 1
)
SELECT (SELECT count(*) FROM released)::int AS released`;

const FRESH_START_SQL = `
WITH free_to_go AS (
  SELECT NOT EXISTS (SELECT 1 FROM pollers WHERE id = $1 AND expires_at > now()) AS ok
), freed AS (
  UPDATE leases SET owner = NULL, expires_at = now() WHERE owner = $1 AND (SELECT ok FROM free_to_go) RETURNING 1
), gone AS (
  DELETE FROM pollers WHERE id = $1 AND expires_at <= now()
)
SELECT (SELECT count(*) FROM freed)::int AS freed`;

const ENSURE_SQL = `
INSERT INTO leases (site, slot)
SELECT s.site, g.slot FROM unnest($1::text[]) AS s(site) CROSS JOIN generate_series(0, $2::int - 1) AS g(slot)
ON CONFLICT DO NOTHING`;

export class LeaseManager {
  readonly pollerId: string;
  readonly ttlMs: number;
  readonly renewEveryMs: number;
  readonly marginMs: number;
  readonly slotCount: number;
  /** Timeout of every statement: TTL/3. */
  readonly statementTimeoutMs: number;

  private readonly pool: pg.Pool;
  private readonly allowedSites: ReadonlySet<string> | undefined;
  private readonly log: Logger;
  private readonly drainSlots: (slots: readonly SlotKey[]) => Promise<void>;
  private readonly views = new Map<string, SiteView>();
  private readonly listeners = new Set<(change: LeaseChange) => void>();
  /** Sites to serve (setSites ∩ options.sites), and those whose lease rows are known to exist. */
  private served: readonly string[] = [];
  private readonly ensured = new Set<string>();
  /** performance.now() before which mayAct may answer; −∞ until the first renewal and after stop. */
  private actUntil = Number.NEGATIVE_INFINITY;
  private lastRenewStart: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private started = false;
  private stopping = false;
  private paused = false;
  private failing = false;
  /** Drains started by rebalance and not yet resolved; stop() waits for them. */
  private readonly pendingDrains = new Set<Promise<void>>();
  /** Slot target per site from the last renewal (0 for a site no longer served). */
  private targets = new Map<string, number>();
  private counters = { renewals: 0, renewFailures: 0, claims: 0, handoversIn: 0, handoversOut: 0 };

  constructor(options: LeaseManagerOptions) {
    const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    if (!Number.isFinite(ttlMs) || ttlMs < MIN_TTL_MS) throw configError(`TTL must be at least ${MIN_TTL_MS}ms, got ${ttlMs}ms`);
    const renewEveryMs = options.renewEveryMs ?? Math.floor(ttlMs / 3);
    if (!Number.isFinite(renewEveryMs) || renewEveryMs <= 0 || renewEveryMs > ttlMs / 2) {
      throw configError(`renewal period must be above 0 and at most TTL/2 (${ttlMs / 2}ms), got ${renewEveryMs}ms`);
    }
    const { marginMs } = options;
    if (!Number.isFinite(marginMs) || marginMs <= 0 || marginMs >= ttlMs / 2) {
      throw configError(`fencing margin must be above 0 and below TTL/2 (${ttlMs / 2}ms), got ${marginMs}ms; it must also exceed SNMP timeout × (retries + 1)`);
    }
    const slotCount = options.slotCount ?? DEFAULT_SLOT_COUNT;
    if (!Number.isInteger(slotCount) || slotCount <= 0 || slotCount > MAX_SLOT_COUNT) {
      throw configError(`slot count must be an integer from 1 to ${MAX_SLOT_COUNT}, got ${slotCount}`);
    }
    if (typeof options.pollerId !== 'string' || options.pollerId.trim() === '' || options.pollerId.length > 200) {
      throw configError(`poller id must be a non-empty string of at most 200 characters, got ${JSON.stringify(options.pollerId)}`);
    }
    if (options.sites !== undefined && options.sites.some((s) => typeof s !== 'string' || s === '')) {
      throw configError('sites must be non-empty strings');
    }
    this.pool = options.pool;
    this.pollerId = options.pollerId;
    this.ttlMs = ttlMs;
    this.renewEveryMs = renewEveryMs;
    this.marginMs = marginMs;
    this.slotCount = slotCount;
    this.statementTimeoutMs = Math.max(1, Math.floor(ttlMs / 3));
    this.allowedSites = options.sites === undefined ? undefined : new Set(options.sites);
    this.log = options.logger.child({ module: 'cluster', poller: options.pollerId });
    this.drainSlots = options.drain ?? (() => Promise.resolve());
  }

  /** Registers this poller, renews and claims once, then keeps doing so every renewEveryMs (never overlapping). */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    try {
      const { rows } = await this.query<{ max: number | null }>('SELECT max(slot) AS max FROM leases', []);
      const max = rows[0]?.max ?? null;
      if (max !== null && max >= this.slotCount) {
        throw configError(`table leases has slots up to ${max} but this poller's slot count is ${this.slotCount}; every poller sharing the database must use the same slot count`);
      }
      await this.waitForIdToBeFree();
      await this.ensureSites();
      await this.renew(true);
      await this.rebalance();
    } catch (err) {
      this.started = false;
      if (err instanceof LinkscopeError) throw err;
      throw new LinkscopeError('LS_DATABASE_UNREACHABLE', `cluster leases: PostgreSQL at ${databaseAddress(this.pool)} failed during start: ${describeError(err)}`, { cause: err });
    }
    this.log.info({ slotCount: this.slotCount, ttlMs: this.ttlMs, renewEveryMs: this.renewEveryMs, marginMs: this.marginMs, slots: this.stats().slots }, 'lease manager started');
    this.schedule(this.renewEveryMs);
  }

  /**
   * The sites that exist (distinct device sites); served = these ∩ options.sites. Takes effect at
   * the next renewal. Call it before start() and whenever the set of sites changes: a poller counts
   * toward the share of every site it may serve (options.sites, or all), so a site it was not told
   * about keeps that poller's share of slots unclaimed until it is.
   */
  setSites(sites: readonly string[]): void {
    const next = [...new Set(sites)].filter((s) => s !== '' && (this.allowedSites === undefined || this.allowedSites.has(s))).sort();
    this.served = next;
  }

  /** The slot's epoch when this poller may send a request or write for it now; undefined otherwise. O(1), no allocation. */
  mayAct(site: string, slot: number): number | undefined {
    const view = this.views.get(site);
    if (view === undefined) return undefined;
    const epoch = view.epochs[slot];
    if (epoch === undefined || epoch === 0) return undefined;
    return performance.now() < this.actUntil ? epoch : undefined;
  }

  /** Whether the slot is owned locally (regardless of fencing time). */
  owns(site: string, slot: number): boolean {
    const epoch = this.views.get(site)?.epochs[slot];
    return epoch !== undefined && epoch !== 0;
  }

  /** The fence to attach to a write for this slot (fencedWhere), when mayAct allows it. */
  fence(site: string, slot: number): Fence | undefined {
    const epoch = this.mayAct(site, slot);
    return epoch === undefined ? undefined : { site, slot, pollerId: this.pollerId, epoch };
  }

  /** An epoch-fenced write found the slot no longer ours: stop acting on it at once. */
  dropSlot(site: string, slot: number): void {
    if (!this.owns(site, slot)) return;
    this.forget(site, slot);
    this.counters.handoversOut++;
    this.log.warn({ site, slot }, 'lease lost (fenced write refused); slot dropped');
    this.emit({ gained: [], lost: [{ site, slot }] });
  }

  onChange(listener: (change: LeaseChange) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  stats(): LeaseStats {
    let slots = 0;
    for (const view of this.views.values()) slots += view.owned;
    return {
      pollerId: this.pollerId,
      slots,
      ...this.counters,
      lastRenewAgeMs: this.lastRenewStart === null ? null : performance.now() - this.lastRenewStart,
    };
  }

  /** Every registered poller, live or recently expired (GET /api/v1/pollers). */
  async pollers(): Promise<PollerInfo[]> {
    const { rows } = await this.query<{ id: string; sites: string[] | null; started_at: Date; expires_at: Date; live: boolean; stats: Record<string, unknown>; slots: number }>(
      `SELECT p.id, p.sites, p.started_at, p.expires_at, p.expires_at > now() AS live, p.stats,
        (SELECT count(*) FROM leases l WHERE l.owner = p.id AND l.expires_at > now())::int AS slots
       FROM pollers p ORDER BY p.id`,
      [],
    ).catch((err: unknown) => {
      throw new LinkscopeError('LS_DATABASE_UNREACHABLE', `cluster leases: listing pollers from PostgreSQL at ${databaseAddress(this.pool)} failed: ${describeError(err)}`, { cause: err });
    });
    return rows.map((r) => ({ id: r.id, sites: r.sites, slots: r.slots, startedAt: r.started_at.toISOString(), expiresAt: r.expires_at.toISOString(), live: r.live, stats: r.stats }));
  }

  /** Owner of every unexpired lease by the database clock, keyed `site\u0000slot` (devices per poller in GET /api/v1/pollers). */
  async owners(): Promise<Map<string, string>> {
    const { rows } = await this.query<{ site: string; slot: number; owner: string }>('SELECT site, slot, owner FROM leases WHERE owner IS NOT NULL AND expires_at > now()', []);
    return new Map(rows.map((r) => [`${r.site}\u0000${r.slot}`, r.owner] as const));
  }

  /** Stops claiming, drains every owned slot, drops them, releases them and deletes this poller's row. Never throws. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    await Promise.all(this.pendingDrains);
    const owned = this.ownedSlots();
    const undrained = owned.filter((k) => this.views.get(k.site)?.releasing[k.slot] !== DRAINED);
    if (undrained.length > 0) await this.callDrain(undrained);
    this.actUntil = Number.NEGATIVE_INFINITY;
    for (const { site, slot } of owned) this.forget(site, slot);
    this.counters.handoversOut += owned.length;
    if (owned.length > 0) this.emit({ gained: [], lost: owned });
    if (!this.started) return;
    try {
      const { rows } = await this.query<{ released: number }>(STOP_SQL, [this.pollerId]);
      this.log.info({ released: rows[0]?.released ?? 0 }, 'lease manager stopped; leases released');
    } catch (err) {
      this.log.warn({ err: describeError(err), ttlMs: this.ttlMs }, 'lease manager stopped; releasing leases failed, they expire after the TTL');
    }
  }

  /** Test hook: simulates a stalled process (timer stopped, nothing renewed) without releasing anything. */
  pauseForTest(): void {
    this.paused = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    if (this.stopping || this.paused) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const begun = performance.now();
      this.running = this.cycle().finally(() => {
        this.running = null;
        this.schedule(Math.max(0, this.renewEveryMs - (performance.now() - begun)));
      });
    }, delayMs);
    this.timer.unref();
  }

  /** One period: lease rows for new sites, renewal, then release or claim toward the target. Never throws. */
  private async cycle(): Promise<void> {
    try {
      await this.ensureSites();
      if (!(await this.renew(false))) return;
      if (this.stopping || this.paused) return;
      await this.rebalance();
    } catch (err) {
      // ensureSites or a release/claim failed: leases stay as the last renewal left them.
      this.noteFailure(err, 'lease statement failed');
    }
  }

  /**
   * A live `pollers` row with our id is a previous life that died without stop() (its leases expire
   * with it) or another process using the same id. Wait one TTL for it to expire, never adopting its
   * leases; still live after that means a second process: refuse, since both would poll the same slots.
   */
  private async waitForIdToBeFree(): Promise<void> {
    const deadline = performance.now() + this.ttlMs + this.statementTimeoutMs;
    let warned = false;
    for (;;) {
      const { rows } = await this.query<{ ms: number }>(`SELECT GREATEST(0, EXTRACT(EPOCH FROM expires_at - now()) * 1000)::float8 AS ms FROM pollers WHERE id = $1 AND expires_at > now()`, [this.pollerId]);
      const remainingMs = rows[0]?.ms;
      if (remainingMs === undefined) {
        // The previous life's fencing deadline has passed (its row expired, and it stops acting
        // TTL − margin after its last renewal started): free what it left so that nothing is
        // adopted with an old epoch, and start a fresh row.
        const { rows: freed } = await this.query<{ freed: number }>(FRESH_START_SQL, [this.pollerId]);
        if ((freed[0]?.freed ?? 0) > 0) this.log.info({ freed: freed[0]?.freed }, 'freed leases left by a previous life of this poller id');
        return;
      }
      if (performance.now() + remainingMs > deadline) {
        throw configError(`poller id "${this.pollerId}" is in use by another live poller (its row was renewed while we waited ${this.ttlMs}ms); every poller needs a unique id`);
      }
      if (!warned) {
        warned = true;
        this.log.warn({ waitMs: Math.ceil(remainingMs) }, 'a live poller row with this id exists (previous process died without releasing?); waiting for it to expire');
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(remainingMs + 10, this.renewEveryMs)));
    }
  }

  private async ensureSites(): Promise<void> {
    const missing = this.served.filter((s) => !this.ensured.has(s));
    if (missing.length === 0) return;
    await this.query(ENSURE_SQL, [missing, this.slotCount]);
    for (const s of missing) this.ensured.add(s);
  }

  /** The renewal statement; true when it succeeded. At start a failure throws (start turns it into LS_DATABASE_UNREACHABLE). */
  private async renew(throwOnFailure: boolean): Promise<boolean> {
    const sent = performance.now();
    let rows: RenewRow[];
    try {
      const stats = { ...this.stats(), lastRenewAgeMs: undefined };
      const sites = this.allowedSites === undefined ? null : [...this.allowedSites];
      ({ rows } = await this.query<RenewRow>(RENEW_SQL, [this.pollerId, sites, this.ttlMs, JSON.stringify(stats), this.served]));
    } catch (err) {
      this.counters.renewFailures++;
      if (throwOnFailure) throw err;
      this.noteFailure(err, 'lease renewal failed; fencing stops polling when the TTL minus margin has passed');
      return false;
    }
    this.counters.renewals++;
    this.lastRenewStart = sent;
    if (this.failing) {
      this.failing = false;
      this.log.info('lease renewal succeeds again');
    }
    const servedSet = new Set(this.served);
    const kept = new Map<string, Map<number, number>>();
    this.targets = new Map();
    for (const row of rows) {
      if (row.kind === 'live') {
        const n = row.n ?? 1;
        const rank = row.before ?? 0;
        this.targets.set(row.site, Math.floor(this.slotCount / n) + (rank < this.slotCount % n ? 1 : 0));
      } else if (row.slot !== null && row.epoch !== null && row.slot < this.slotCount) {
        let m = kept.get(row.site);
        if (m === undefined) kept.set(row.site, (m = new Map()));
        m.set(row.slot, Number(row.epoch));
      }
    }
    const lost: SlotKey[] = [];
    const gained: (SlotKey & { epoch: number })[] = [];
    for (const [site, view] of this.views) {
      const mine = kept.get(site);
      for (let slot = 0; slot < view.epochs.length; slot++) {
        if (view.epochs[slot] !== 0 && mine?.has(slot) !== true) {
          this.forget(site, slot);
          lost.push({ site, slot });
        }
      }
    }
    // The returned set is the truth: a lease the database renewed but we did not know of (a claim
    // whose answer timed out) is gained now; a changed epoch replaces ours.
    for (const [site, mine] of kept) {
      for (const [slot, epoch] of mine) {
        if (this.views.get(site)?.epochs[slot] !== epoch) {
          this.set(site, slot, epoch);
          gained.push({ site, slot, epoch });
        }
      }
    }
    this.actUntil = sent + this.ttlMs - this.marginMs;
    this.counters.handoversOut += lost.length;
    if (lost.length > 0) this.log.warn({ lost: lost.length }, 'leases lost at renewal (expired or taken over)');
    if (gained.length > 0 || lost.length > 0) this.emit({ gained, lost });
    // Sites no longer served keep a target of 0: rebalance releases them.
    for (const site of this.views.keys()) if (!servedSet.has(site)) this.targets.set(site, 0);
    return true;
  }

  /**
   * Releases the slots whose drain has finished, starts draining slots over target, and claims
   * slots under target. Drains run beside the loop, never blocking renewals: a poll that takes
   * long to finish must not cost every other lease its renewal. A draining slot is still ours (it
   * is renewed, mayAct answers) until the first cycle after its drain resolved.
   */
  private async rebalance(): Promise<void> {
    const ready: SlotKey[] = [];
    for (const [site, view] of this.views) {
      if (view.releasingCount === 0) continue;
      for (let slot = 0; slot < view.releasing.length; slot++) if (view.releasing[slot] === DRAINED) ready.push({ site, slot });
    }
    if (ready.length > 0) {
      for (const { site, slot } of ready) this.forget(site, slot);
      this.counters.handoversOut += ready.length;
      this.emit({ gained: [], lost: ready });
      this.log.info({ released: ready.length }, 'leases released to rebalance');
      await this.query(RELEASE_SQL, [this.pollerId, ready.map((k) => k.site), ready.map((k) => k.slot)]);
    }
    const excess: SlotKey[] = [];
    const wantSites: string[] = [];
    const wantCounts: number[] = [];
    for (const [site, target] of this.targets) {
      const view = this.views.get(site);
      // Slots already on their way out do not count toward the share.
      const staying = view === undefined ? 0 : view.owned - view.releasingCount;
      if (staying > target && view !== undefined) {
        let extra = staying - target;
        for (let slot = view.epochs.length - 1; slot >= 0 && extra > 0; slot--) {
          if (view.epochs[slot] !== 0 && view.releasing[slot] === 0) {
            excess.push({ site, slot });
            extra--;
          }
        }
      } else if (staying < target && this.served.includes(site)) {
        wantSites.push(site);
        wantCounts.push(target - staying);
      }
    }
    if (excess.length > 0) this.startDrain(excess);
    if (wantSites.length === 0 || this.stopping || this.paused || performance.now() >= this.actUntil) return;
    const { rows } = await this.query<{ site: string; slot: number; epoch: string }>(CLAIM_SQL, [this.pollerId, wantSites, wantCounts, this.ttlMs, this.slotCount]);
    if (rows.length === 0) return;
    const gained: (SlotKey & { epoch: number })[] = [];
    for (const row of rows) {
      const epoch = Number(row.epoch);
      this.set(row.site, row.slot, epoch);
      gained.push({ site: row.site, slot: row.slot, epoch });
      if (epoch > 1) this.counters.handoversIn++;
    }
    this.counters.claims += rows.length;
    this.log.info({ claimed: rows.length }, 'leases claimed');
    this.emit({ gained, lost: [] });
  }

  /** Marks the slots DRAINING and calls drain beside the loop; once it resolves they are DRAINED. */
  private startDrain(slots: readonly SlotKey[]): void {
    for (const { site, slot } of slots) {
      const view = this.views.get(site);
      if (view === undefined) continue;
      view.releasing[slot] = DRAINING;
      view.releasingCount++;
    }
    this.log.info({ slots: slots.length }, 'draining leases over target before releasing them');
    const pending: Promise<void> = this.callDrain(slots).then(() => {
      for (const { site, slot } of slots) {
        const view = this.views.get(site);
        // A slot lost meanwhile (renewal, dropSlot) has been forgotten and needs no release.
        if (view !== undefined && view.releasing[slot] === DRAINING) view.releasing[slot] = DRAINED;
      }
      this.pendingDrains.delete(pending);
    });
    this.pendingDrains.add(pending);
  }

  private async callDrain(slots: readonly SlotKey[]): Promise<void> {
    try {
      await this.drainSlots(slots);
    } catch (err) {
      // Giving the slots up is the safe direction; the poller's flush failed and says so here.
      this.log.error({ err: describeError(err), slots: slots.length }, 'drain before releasing leases failed; releasing anyway');
    }
  }

  private ownedSlots(): SlotKey[] {
    const out: SlotKey[] = [];
    for (const [site, view] of this.views) {
      for (let slot = 0; slot < view.epochs.length; slot++) if (view.epochs[slot] !== 0) out.push({ site, slot });
    }
    return out;
  }

  private set(site: string, slot: number, epoch: number): void {
    let view = this.views.get(site);
    if (view === undefined) {
      view = { epochs: new Float64Array(this.slotCount), owned: 0, releasing: new Uint8Array(this.slotCount), releasingCount: 0 };
      this.views.set(site, view);
    }
    if (view.epochs[slot] === 0) view.owned++;
    view.epochs[slot] = epoch;
  }

  private forget(site: string, slot: number): void {
    const view = this.views.get(site);
    if (view === undefined || view.epochs[slot] === 0 || view.epochs[slot] === undefined) return;
    view.epochs[slot] = 0;
    view.owned--;
    if (view.releasing[slot] !== 0) {
      view.releasing[slot] = 0;
      view.releasingCount--;
    }
  }

  private emit(change: LeaseChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (err) {
        this.log.error({ err: describeError(err) }, 'lease change listener threw');
      }
    }
  }

  /** warn on the change into failure only (STYLE.md: warn on change of state). */
  private noteFailure(err: unknown, message: string): void {
    if (this.failing) {
      this.log.debug({ err: describeError(err) }, message);
      return;
    }
    this.failing = true;
    this.log.warn({ err: describeError(err), database: databaseAddress(this.pool) }, message);
  }

  /** pool.query with pg's query_timeout and a local guard: the loop never waits longer than TTL/3 (+ slack) on a statement. */
  private async query<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    const config: pg.QueryConfig & { query_timeout: number } = { text, values, query_timeout: this.statementTimeoutMs };
    const pending = this.pool.query<R>(config);
    let timer: NodeJS.Timeout | undefined;
    const guard = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`statement did not complete within ${this.statementTimeoutMs}ms`)), this.statementTimeoutMs + 250);
      timer.unref();
    });
    try {
      return await Promise.race([pending, guard]);
    } finally {
      clearTimeout(timer);
      // The loser's outcome is ignored: a late success is picked up by the next renewal.
      void pending.catch(() => undefined);
    }
  }
}
