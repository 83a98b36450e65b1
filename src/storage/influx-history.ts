/** HistoryReader over the InfluxDB 1.x /query API: utilisation series (raw or rolled up) for the API, and /ping. */
import type { InfluxDB } from 'influx';
import { LinkscopeError } from '../model/errors.js';
import { classifyInfluxError, createInfluxClient } from './influx-client.js';
import { buildUtilizationQuery, UTILIZATION_COLUMNS, type BoundQuery, type UtilizationColumn } from './influxql.js';
import { authHeaders, DEFAULT_TIMEOUT_MS, displayUrl, influxEndpoint, type InfluxConnection } from './influx-sink.js';
import { chooseHistorySource, RAW_SOURCE, sourceName, type HistorySource, type RetentionSettings } from './retention.js';
import type { HistoryReader, UtilizationPoint, UtilizationQuery } from './types.js';

/*
 * Queries go through the `influx` package (queryRaw with `placeholders`: tag values are bound
 * parameters, never query text) with epoch=ms so times come back as numbers. /ping stays a plain
 * fetch: it must answer false, never throw, and the package's ping reports per-host objects.
 */

interface QuerySeries {
  readonly columns?: readonly string[];
  readonly values?: readonly (readonly unknown[])[];
}
interface QueryResponse {
  readonly error?: string;
  readonly results?: readonly { readonly error?: string; readonly series?: readonly QuerySeries[] }[];
}

export interface InfluxHistoryOptions extends InfluxConnection {
  /** Retention and rollup settings; absent = raw points only. */
  readonly retention?: RetentionSettings;
  /** Whether the rollup policy and query exist (InfluxAdmin.rollupReady); absent = assume they do. */
  readonly rollupReady?: () => boolean;
}

/** Points plus the data they came from: `raw` or a rollup policy such as `rollup_5m`. */
export interface UtilizationResult {
  readonly points: UtilizationPoint[];
  readonly source: string;
}

export class InfluxHistory implements HistoryReader {
  readonly #conn: InfluxHistoryOptions;
  readonly #timeoutMs: number;
  readonly #url: string;
  readonly #client: InfluxDB;

  constructor(conn: InfluxHistoryOptions) {
    this.#conn = conn;
    this.#timeoutMs = conn.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#url = displayUrl(conn.url);
    this.#client = createInfluxClient(conn, this.#timeoutMs);
  }

  async utilization(query: UtilizationQuery, signal?: AbortSignal): Promise<UtilizationPoint[]> {
    return (await this.utilizationWithSource(query, signal)).points;
  }

  /**
   * Reads the rollup for long ranges (retention.ts chooseHistorySource) when it is set up, else
   * raw points. A rollup with nothing in the range (rollups just switched on, or not filled yet)
   * falls back to raw points, so switching rollups on never hides data.
   */
  async utilizationWithSource(query: UtilizationQuery, signal?: AbortSignal, nowMs = Date.now()): Promise<UtilizationResult> {
    const retention = this.#conn.retention;
    const chosen = retention === undefined ? RAW_SOURCE : chooseHistorySource(query, nowMs, retention);
    if (chosen.kind === 'rollup' && (this.#conn.rollupReady?.() ?? true)) {
      const points = await this.#read(query, chosen, signal);
      if (points.length > 0) return { points, source: sourceName(chosen) };
    }
    return { points: await this.#read(query, RAW_SOURCE, signal), source: sourceName(RAW_SOURCE) };
  }

  async #read(query: UtilizationQuery, source: HistorySource, signal?: AbortSignal): Promise<UtilizationPoint[]> {
    const q = buildUtilizationQuery(query, source);
    const body = await this.#query(q, signal);
    const series = body.results?.[0]?.series?.[0];
    if (series === undefined) return [];
    const columns = series.columns ?? [];
    const timeAt = columns.indexOf('time');
    const at = Object.fromEntries(UTILIZATION_COLUMNS.map((c) => [c, columns.indexOf(c)])) as Record<UtilizationColumn, number>;
    const out: UtilizationPoint[] = [];
    for (const row of series.values ?? []) {
      const t = row[timeAt];
      if (typeof t !== 'number') continue;
      out.push({
        time: new Date(t).toISOString(),
        inBps: numberAt(row, at.inBps),
        outBps: numberAt(row, at.outBps),
        inUtilization: numberAt(row, at.inUtilization),
        outUtilization: numberAt(row, at.outUtilization),
      });
    }
    return out;
  }

  async ping(): Promise<boolean> {
    try {
      const res = await fetch(influxEndpoint(this.#conn.url, 'ping', {}), {
        headers: authHeaders(this.#conn),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      await res.arrayBuffer();
      return res.status === 204 || res.status === 200;
    } catch {
      return false;
    }
  }

  /** Runs one read-only statement; a missing database reads as no data, since nothing was written yet. */
  async #query(q: BoundQuery, signal?: AbortSignal): Promise<QueryResponse> {
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    let body: QueryResponse;
    try {
      // The package parses the body as JSON; its typing says `any`, the shape is InfluxDB's /query answer.
      body = (await this.#client.queryRaw(q.text, {
        precision: 'ms',
        placeholders: q.params,
        signal: signal === undefined ? timeout : AbortSignal.any([timeout, signal]),
      })) as QueryResponse;
    } catch (err) {
      const failure = err instanceof SyntaxError ? null : classifyInfluxError(err);
      if (failure === null) {
        throw new LinkscopeError('LS_INFLUX_REJECTED', `InfluxDB at ${this.#url} answered a history query with a body that is not JSON`, { cause: err });
      }
      if (failure.kind === 'unavailable') {
        const why = timeout.aborted ? `timed out after ${this.#timeoutMs}ms` : failure.message;
        throw new LinkscopeError('LS_INFLUX_UNAVAILABLE', `InfluxDB query to ${this.#url} failed: ${why}; check LINKSCOPE_INFLUX_URL and that InfluxDB runs`, { cause: err });
      }
      if (/database not found/i.test(failure.message)) return {};
      throw new LinkscopeError(
        'LS_INFLUX_REJECTED',
        `InfluxDB at ${this.#url} rejected a history query on database "${this.#conn.db}" (${failure.status === null ? '' : `HTTP ${failure.status}: `}${failure.message})`,
        { cause: err },
      );
    }
    const error = body.error ?? body.results?.[0]?.error;
    if (error !== undefined && /database not found/i.test(error)) return {};
    if (error !== undefined) {
      throw new LinkscopeError('LS_INFLUX_REJECTED', `InfluxDB at ${this.#url} rejected a history query on database "${this.#conn.db}" (${error})`);
    }
    return body;
  }
}

function numberAt(row: readonly unknown[], index: number): number | null {
  const v = index < 0 ? undefined : row[index];
  return typeof v === 'number' ? v : null;
}
