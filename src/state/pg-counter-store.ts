/**
 * Last counter readings per device in PostgreSQL (counter_state), so the next owner of a device
 * (another poller, after a handover) continues its rates: same JSON as the state files.
 *
 * Writes are fenced by the device's lease: a row is written only while this poller owns the
 * device's slot with the epoch it polled under and the lease has not expired by the database's
 * clock. A write that matches no lease changes nothing and reports the device as stale: the
 * poller then drops the slot at once (someone else owns it now).
 */
import type pg from 'pg';
import type { Logger } from '../observability/logger.js';
import { parseFile, serializeBaseline, type StoredBaseline } from './counter-store.js';

/** The lease a device's writes are fenced with; undefined = this poller may not write it now. */
export type CounterFence = (deviceId: number) => { readonly site: string; readonly slot: number; readonly epoch: number } | undefined;

export interface PgCounterStoreOptions {
  readonly pollerId: string;
  readonly fence: CounterFence;
  /** Called for each device whose write matched no current lease of ours. */
  readonly onStale?: (deviceId: number) => void;
  /** Batched write period; default 5,000 ms. flush() writes at once (before a slot is released). */
  readonly writeBehindMs?: number;
  /**
   * A device's state is written again at most this often by the timed writes (default 0 = every
   * batch); flush(only) before a release always writes. The state only matters when a poller dies
   * without releasing: its successor then continues from a baseline up to this much older, i.e.
   * its first rate averages over a longer span (a fast 32-bit counter may then be withheld as an
   * ambiguous wrap, never written as a spike). Every poll's row was most of PostgreSQL's CPU in the
   * fleet bench.
   */
  readonly minRewriteMs?: number;
  readonly logger?: Logger;
}

type Lease = NonNullable<ReturnType<CounterFence>>;

interface Unwritten {
  readonly agent: string;
  readonly baseline: StoredBaseline;
  readonly atMs: number;
  /** The lease the poll ran under: the write carries its epoch, so a baseline of an older lease is never written under a newer one. */
  readonly lease: Lease;
}

export class PgCounterStore {
  readonly #pool: pg.Pool;
  readonly #o: PgCounterStoreOptions;
  readonly #log: Logger | undefined;
  readonly #unwritten = new Map<number, Unwritten>();
  /** Date.now() of each device's last write by this process. */
  readonly #writtenAt = new Map<number, number>();
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> = Promise.resolve();
  #failureLogged = false;
  #stats = { written: 0, fencedOff: 0, statements: 0 };

  constructor(pool: pg.Pool, options: PgCounterStoreOptions) {
    this.#pool = pool;
    this.#o = options;
    this.#log = options.logger?.child({ module: 'counter-store' });
  }

  /** Rows written, rows refused by the fence, statements sent (for /metrics and the bench). */
  stats(): { readonly written: number; readonly fencedOff: number; readonly statements: number } {
    return { ...this.#stats };
  }

  /** The stored baseline, or null when none, another agent's, or damaged (logged; costs one interval of rates). */
  async load(deviceId: number, agent: string): Promise<StoredBaseline | null> {
    const unwritten = this.#unwritten.get(deviceId);
    if (unwritten !== undefined) return unwritten.agent === agent ? unwritten.baseline : null;
    const result = await this.#pool.query<{ state: string }>('SELECT state FROM counter_state WHERE device_id = $1', [deviceId]);
    const text = result.rows[0]?.state;
    if (text === undefined) return null;
    let parsed: ReturnType<typeof parseFile>;
    try {
      parsed = parseFile(JSON.parse(text));
    } catch {
      parsed = 'is not valid JSON';
    }
    if (typeof parsed === 'string') {
      this.#log?.warn({ deviceId, problem: parsed }, `stored counter state of device ${deviceId} ${parsed}; ignored, so it writes no rates for one interval`);
      return null;
    }
    return parsed.agent === agent ? parsed.baseline : null;
  }

  async save(deviceId: number, agent: string, baseline: StoredBaseline): Promise<void> {
    const lease = this.#o.fence(deviceId);
    // Not ours now: the next owner's state wins.
    if (lease === undefined) return;
    this.#unwritten.set(deviceId, { agent, baseline, atMs: Date.now(), lease });
    if (this.#timer === null) {
      this.#timer = setInterval(() => void this.flush(), this.#o.writeBehindMs ?? 5000);
      this.#timer.unref();
    }
  }

  savedAtMs(deviceId: number): number | null {
    return this.#unwritten.get(deviceId)?.atMs ?? null;
  }

  /**
   * Writes what was saved, in one statement, fenced by each device's lease. `only` limits it to
   * those devices (a slot about to be released). Never rejects: a failed write is kept for the next
   * pass (unless a newer save replaced it) and logged once until one succeeds.
   */
  flush(only?: ReadonlySet<number>): Promise<void> {
    return this.#flush(only, only !== undefined);
  }

  /** `force`: write what is unwritten even when written recently (a release, close). */
  #flush(only: ReadonlySet<number> | undefined, force: boolean): Promise<void> {
    const pass = this.#writing.then(() => this.#flushNow(only, force));
    this.#writing = pass;
    return pass;
  }

  async #flushNow(only: ReadonlySet<number> | undefined, force: boolean): Promise<void> {
    const ids: number[] = [];
    const agents: string[] = [];
    const states: string[] = [];
    const sites: string[] = [];
    const slots: number[] = [];
    const epochs: number[] = [];
    const batch = new Map<number, Unwritten>();
    const now = Date.now();
    const minRewriteMs = this.#o.minRewriteMs ?? 0;
    for (const [id, u] of this.#unwritten) {
      if (only !== undefined && !only.has(id)) continue;
      // Written recently: keep the newest baseline in memory until it is due (or released).
      if (!force && now - (this.#writtenAt.get(id) ?? -Infinity) < minRewriteMs) continue;
      this.#unwritten.delete(id);
      const lease = u.lease;
      batch.set(id, u);
      ids.push(id);
      agents.push(u.agent);
      states.push(JSON.stringify(serializeBaseline(u.agent, u.baseline)));
      sites.push(lease.site);
      slots.push(lease.slot);
      epochs.push(lease.epoch);
    }
    if (ids.length === 0) return;
    try {
      this.#stats.statements += 1;
      const result = await this.#pool.query<{ device_id: number }>(
        `INSERT INTO counter_state (device_id, agent, state, saved_at, poller, epoch)
         SELECT u.id, u.agent, u.state, now(), $7, u.epoch
           FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[], $6::bigint[]) AS u (id, agent, state, site, slot, epoch)
          WHERE EXISTS (SELECT 1 FROM devices d WHERE d.id = u.id)
            AND EXISTS (SELECT 1 FROM leases l WHERE l.site = u.site AND l.slot = u.slot AND l.owner = $7 AND l.epoch = u.epoch AND l.expires_at > now())
         ON CONFLICT (device_id) DO UPDATE SET agent = excluded.agent, state = excluded.state, saved_at = excluded.saved_at, poller = excluded.poller, epoch = excluded.epoch
         RETURNING device_id`,
        [ids, agents, states, sites, slots, epochs, this.#o.pollerId],
      );
      const written = new Set(result.rows.map((r) => r.device_id));
      this.#stats.written += written.size;
      for (const id of written) this.#writtenAt.set(id, now);
      for (const id of ids) {
        if (written.has(id)) continue;
        this.#stats.fencedOff += 1;
        this.#o.onStale?.(id);
      }
      this.#failureLogged = false;
    } catch (err) {
      for (const [id, u] of batch) if (!this.#unwritten.has(id)) this.#unwritten.set(id, u);
      if (!this.#failureLogged) this.#log?.warn({ err: err instanceof Error ? err.message : String(err), devices: ids.length }, 'cannot save counter state to PostgreSQL; retrying at the next write');
      this.#failureLogged = true;
    }
  }

  async remove(deviceId: number): Promise<void> {
    this.#unwritten.delete(deviceId);
    this.#writtenAt.delete(deviceId);
    await this.#writing;
    await this.#pool.query('DELETE FROM counter_state WHERE device_id = $1', [deviceId]);
  }

  async close(): Promise<void> {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    await this.#flush(undefined, true);
  }
}
