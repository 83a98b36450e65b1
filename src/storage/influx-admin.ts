/** Start-up administration of the InfluxDB database through the `influx` package: database, raw and rollup retention policies, rollup continuous query. */
import type { InfluxDB } from 'influx';
import { escape } from 'influx';
import type { Logger } from '../observability/logger.js';
import { classifyInfluxError, createInfluxClient, displayUrl, type InfluxFailure } from './influx-client.js';
import type { InfluxConnection } from './influx-sink.js';
import { buildRollupSelect, normalizeQueryText } from './influxql.js';
import { CQ_PREFIX, RAW_POLICY, formatInfluxDuration, parseInfluxDuration, rollupPolicy, rollupQueryName, type RetentionSettings } from './retention.js';

/*
 * Every step is idempotent, so it runs at each start and whenever a write finds the database gone:
 * CREATE DATABASE does nothing when it exists; a policy is created when missing and ALTERed only
 * when its duration (or DEFAULT flag) differs; the continuous query is dropped and created again
 * only when its text differs from what InfluxDB has stored.
 *
 * InfluxDB 2/3 (v1 API) and VictoriaMetrics refuse some or all of these statements, as does a user
 * without admin rights. Such a refusal is logged once as a warning and start-up goes on: writing
 * and spooling never depend on it. Only an InfluxDB that does not answer makes the caller retry.
 */

export type PrepareOutcome = { readonly kind: 'ok' } | { readonly kind: 'unavailable'; readonly message: string };

/** What the sink calls before its first write (and after a write said "database not found"). */
export interface DatabasePreparer {
  /** Never throws: 'unavailable' means try again once InfluxDB answers. */
  prepare(): Promise<PrepareOutcome>;
}

export interface InfluxAdminOptions {
  readonly conn: InfluxConnection;
  readonly timeoutMs: number;
  /** Policies and rollups to ensure; absent = only the database (tools, tests). */
  readonly retention?: RetentionSettings;
  readonly logger: Logger;
}

interface PolicyRow {
  readonly name: string;
  readonly duration: string;
  readonly replicaN: number;
  readonly default: boolean;
}

class Unavailable extends Error {
  constructor(readonly failure: InfluxFailure) {
    super(failure.message);
  }
}

export class InfluxAdmin implements DatabasePreparer {
  readonly #opts: InfluxAdminOptions;
  readonly #client: InfluxDB;
  readonly #log: Logger;
  readonly #db: string;
  readonly #url: string;
  readonly #warned = new Set<string>();
  #rollupReady = false;

  constructor(opts: InfluxAdminOptions) {
    this.#opts = opts;
    this.#client = createInfluxClient(opts.conn, opts.timeoutMs);
    this.#log = opts.logger.child({ module: 'influx-admin' });
    this.#db = opts.conn.db;
    this.#url = displayUrl(opts.conn.url);
  }

  /** True once the rollup policy and its continuous query are known to exist: the history reader may use them. */
  rollupReady(): boolean {
    return this.#rollupReady;
  }

  async prepare(): Promise<PrepareOutcome> {
    try {
      if (!(await this.#step(`create database "${this.#db}"`, () => this.#client.createDatabase(this.#db), 'writing anyway'))) {
        if (this.#opts.retention !== undefined) this.#skipRetention('the database could not be created');
        return { kind: 'ok' };
      }
      this.#log.debug({ db: this.#db }, 'InfluxDB database ensured');
      if (this.#opts.retention !== undefined) await this.#ensureRetention(this.#opts.retention);
      return { kind: 'ok' };
    } catch (err) {
      if (err instanceof Unavailable) return { kind: 'unavailable', message: err.failure.message };
      throw err;
    }
  }

  async #ensureRetention(settings: RetentionSettings): Promise<void> {
    const policies = await this.#read('list retention policies', () => this.#client.showRetentionPolicies(this.#db));
    if (policies === undefined) return this.#skipRetention('its retention policies could not be listed');
    const rows = [...policies] as PolicyRow[];
    if (!(await this.#ensureRawPolicy(rows, settings.rawMs))) return this.#skipRetention(`retention policy "${RAW_POLICY}" could not be set up`);
    const { rollup } = settings;
    const rpName = rollupPolicy(rollup.intervalMs);
    const cqs = await this.#read('list continuous queries', () => this.#continuousQueries());
    if (!rollup.enabled) {
      this.#rollupReady = false;
      if (cqs !== undefined) {
        for (const cq of cqs) {
          if (!cq.name.startsWith(CQ_PREFIX)) continue;
          if (await this.#step(`drop continuous query "${cq.name}"`, () => this.#client.dropContinuousQuery(cq.name, this.#db))) {
            this.#log.info({ db: this.#db, cq: cq.name }, `Rollups are off (influx.rollup.enabled): dropped continuous query "${cq.name}"; rolled-up data already stored is kept`);
          }
        }
      }
      return;
    }
    if (!(await this.#ensurePolicy(rows, rpName, rollup.retentionMs, false))) return this.#skipRollup(`retention policy "${rpName}" could not be set up`);
    if (cqs === undefined) return this.#skipRollup('continuous queries could not be listed');
    const name = rollupQueryName(rollup.intervalMs);
    const select = buildRollupSelect(this.#db, RAW_POLICY, rpName, rollup.intervalMs);
    const wanted = normalizeQueryText(`CREATE CONTINUOUS QUERY ${escape.quoted(name)} ON ${escape.quoted(this.#db)} BEGIN ${select} END`);
    let present = false;
    for (const cq of cqs) {
      if (!cq.name.startsWith(CQ_PREFIX)) continue;
      if (cq.name === name && normalizeQueryText(cq.query) === wanted) {
        present = true;
        continue;
      }
      // Another interval's query, or this one with an older definition: replace it.
      if (!(await this.#step(`drop continuous query "${cq.name}"`, () => this.#client.dropContinuousQuery(cq.name, this.#db)))) return this.#skipRollup(`continuous query "${cq.name}" could not be dropped`);
      this.#log.info({ db: this.#db, cq: cq.name }, `Dropped continuous query "${cq.name}", whose definition differs from the configured rollup; the data it wrote is kept`);
    }
    if (!present) {
      if (!(await this.#step(`create continuous query "${name}"`, () => this.#client.createContinuousQuery(name, select, this.#db)))) return this.#skipRollup(`continuous query "${name}" could not be created`);
      this.#log.info({ db: this.#db, cq: name, policy: rpName }, `Created continuous query "${name}": ${formatInfluxDuration(rollup.intervalMs)} mean, max and 95th percentile of the interface rates into "${rpName}"."interface"`);
    } else {
      this.#log.debug({ db: this.#db, cq: name }, 'Rollup continuous query unchanged');
    }
    this.#rollupReady = true;
  }

  /**
   * This database's continuous queries. SHOW CONTINUOUS QUERIES answers one series per database
   * and the package's showContinousQueries merges them all into its rows, so pick ours by series name.
   */
  async #continuousQueries(): Promise<readonly { readonly name: string; readonly query: string }[]> {
    const all = await this.#client.showContinousQueries(this.#db);
    return all.groups().find((g) => g.name === this.#db)?.rows ?? [];
  }

  /**
   * The raw policy, DEFAULT so that writes and dashboards without a policy use it. When another
   * policy was the default and holds data, that data is not touched (never altered, never dropped):
   * the log says where it stays and that queries without a policy no longer see it.
   */
  async #ensureRawPolicy(rows: readonly PolicyRow[], durationMs: number): Promise<boolean> {
    const previous = rows.find((r) => r.default && r.name !== RAW_POLICY);
    if (previous !== undefined && !rows.some((r) => r.name === RAW_POLICY)) {
      const shards = await this.#read('list shards', () => this.#client.showShards(this.#db));
      const hasData = shards === undefined || shards.some((s) => s.retention_policy === previous.name);
      if (hasData) {
        this.#log.warn(
          { db: this.#db, previousDefault: previous.name, previousDuration: previous.duration, policy: RAW_POLICY },
          `Database "${this.#db}" had default retention policy "${previous.name}" (duration ${previous.duration === '0s' ? 'infinite' : previous.duration})` +
            `${shards === undefined ? ', which may hold data' : ' with data'}; linkscope makes "${RAW_POLICY}" (${formatInfluxDuration(durationMs)}) the default. ` +
            `Nothing is deleted: the older points stay in "${previous.name}", but queries without a policy (dashboards) now read "${RAW_POLICY}". ` +
            `Read them as "${previous.name}"."interface", or copy them with SELECT * INTO "${RAW_POLICY}".:MEASUREMENT FROM "${previous.name}"./.*/ GROUP BY *`,
        );
      }
    }
    return this.#ensurePolicy(rows, RAW_POLICY, durationMs, true);
  }

  /** Creates the policy, or ALTERs its duration / DEFAULT flag when they differ. */
  async #ensurePolicy(rows: readonly PolicyRow[], name: string, durationMs: number, isDefault: boolean): Promise<boolean> {
    const duration = formatInfluxDuration(durationMs);
    const row = rows.find((r) => r.name === name);
    if (row === undefined) {
      const ok = await this.#step(`create retention policy "${name}"`, () =>
        this.#client.createRetentionPolicy(name, { database: this.#db, duration, replication: 1, isDefault }),
      );
      if (ok) this.#log.info({ db: this.#db, policy: name, duration, default: isDefault }, `Created retention policy "${name}" (${duration}${isDefault ? ', default' : ''})`);
      return ok;
    }
    const currentMs = parseInfluxDuration(row.duration);
    const durationChanged = currentMs !== durationMs;
    if (!durationChanged && (!isDefault || row.default)) {
      this.#log.debug({ db: this.#db, policy: name, duration }, 'Retention policy unchanged');
      return true;
    }
    const ok = await this.#step(`alter retention policy "${name}"`, () =>
      this.#client.alterRetentionPolicy(name, { database: this.#db, duration, replication: row.replicaN, isDefault }),
    );
    if (!ok) return false;
    const shortened = durationChanged && durationMs !== 0 && (currentMs === 0 || (currentMs !== undefined && durationMs < currentMs));
    const what = `Altered retention policy "${name}": duration ${row.duration} → ${duration}${isDefault && !row.default ? ', made default again' : ''}`;
    if (shortened) this.#log.warn({ db: this.#db, policy: name, from: row.duration, to: duration }, `${what}; InfluxDB deletes points older than ${duration} at its next retention check`);
    else this.#log.info({ db: this.#db, policy: name, from: row.duration, to: duration }, what);
    return true;
  }

  #skipRetention(why: string): void {
    this.#rollupReady = false;
    this.#warnOnce(
      `skip:${why}`,
      { db: this.#db },
      `Retention and rollups of database "${this.#db}" are not set up (${why}); points are written to its default retention policy ` +
        'and the history API reads raw points only. Create them by hand as docs/influxdb.md shows, or run linkscope with an admin user',
    );
  }

  #skipRollup(why: string): void {
    this.#rollupReady = false;
    this.#warnOnce(`rollup:${why}`, { db: this.#db }, `Rollups of database "${this.#db}" are not set up (${why}); the history API reads raw points only`);
  }

  /** Runs one admin statement: true when done, false when InfluxDB refused it (warned once); throws Unavailable when it did not answer. */
  async #step(what: string, run: () => Promise<unknown>, consequence?: string): Promise<boolean> {
    try {
      await run();
      return true;
    } catch (err) {
      const failure = classifyInfluxError(err);
      if (failure.kind === 'unavailable') throw new Unavailable(failure);
      const where = what.includes(`database "${this.#db}"`) ? '' : ` on database "${this.#db}"`;
      this.#warnOnce(
        `step:${what}:${failure.message}`,
        { db: this.#db, status: failure.status, influxError: failure.message },
        `Cannot ${what}${where} at ${this.#url} (${failure.message})${consequence === undefined ? '' : `; ${consequence}`}`,
      );
      return false;
    }
  }

  /** Runs one read-only statement: its rows, or undefined when refused (warned once). */
  async #read<T>(what: string, run: () => Promise<T>): Promise<T | undefined> {
    let out: T | undefined;
    const ok = await this.#step(what, async () => {
      out = await run();
    });
    return ok ? out : undefined;
  }

  /** warn: degraded, on change of state only; the same refusal at the next start-up pass is not repeated. */
  #warnOnce(key: string, fields: Record<string, unknown>, msg: string): void {
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    this.#log.warn(fields, msg);
  }
}
