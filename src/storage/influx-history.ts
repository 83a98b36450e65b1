/** HistoryReader over the InfluxDB 1.x /query API: utilisation series for the API, and /ping. */
import { LinkscopeError } from '../model/errors.js';
import { buildUtilizationQuery, UTILIZATION_COLUMNS, type UtilizationColumn } from './influxql.js';
import { authHeaders, DEFAULT_TIMEOUT_MS, displayUrl, influxEndpoint, influxErrorMessage, networkMessage, type InfluxConnection } from './influx-sink.js';
import type { HistoryReader, UtilizationPoint, UtilizationQuery } from './types.js';

/*
 * Plain fetch rather than the `influx` package: one GET per query, epoch=ms so times come back as
 * numbers (no time-zone parsing), and every value in the query text comes from influxql.ts quoting.
 */

interface QuerySeries {
  readonly columns?: readonly string[];
  readonly values?: readonly (readonly unknown[])[];
}
interface QueryResponse {
  readonly error?: string;
  readonly results?: readonly { readonly error?: string; readonly series?: readonly QuerySeries[] }[];
}

export class InfluxHistory implements HistoryReader {
  readonly #conn: InfluxConnection;
  readonly #timeoutMs: number;
  readonly #url: string;

  constructor(conn: InfluxConnection) {
    this.#conn = conn;
    this.#timeoutMs = conn.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#url = displayUrl(conn.url);
  }

  async utilization(query: UtilizationQuery, signal?: AbortSignal): Promise<UtilizationPoint[]> {
    const q = buildUtilizationQuery(query);
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
  async #query(q: string, signal?: AbortSignal): Promise<QueryResponse> {
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    let status: number;
    let text: string;
    try {
      const res = await fetch(influxEndpoint(this.#conn.url, 'query', { db: this.#conn.db, epoch: 'ms', q }), {
        headers: authHeaders(this.#conn),
        signal: signal === undefined ? timeout : AbortSignal.any([timeout, signal]),
      });
      status = res.status;
      text = await res.text();
    } catch (err) {
      throw new LinkscopeError(
        'LS_INFLUX_UNAVAILABLE',
        `InfluxDB query to ${this.#url} failed: ${networkMessage(err, this.#timeoutMs)}; check LINKSCOPE_INFLUX_URL and that InfluxDB runs`,
        { cause: err },
      );
    }
    if (status >= 500) {
      throw new LinkscopeError('LS_INFLUX_UNAVAILABLE', `InfluxDB at ${this.#url} answered HTTP ${status}: ${influxErrorMessage(text)}`);
    }
    let body: QueryResponse;
    try {
      body = JSON.parse(text) as QueryResponse;
    } catch (err) {
      throw new LinkscopeError('LS_INFLUX_REJECTED', `InfluxDB at ${this.#url} answered HTTP ${status} with a body that is not JSON`, { cause: err });
    }
    const error = body.error ?? body.results?.[0]?.error;
    if (error !== undefined && /database not found/i.test(error)) return {};
    if (status !== 200 || error !== undefined) {
      throw new LinkscopeError(
        'LS_INFLUX_REJECTED',
        `InfluxDB at ${this.#url} rejected a history query on database "${this.#conn.db}" (HTTP ${status}: ${error ?? influxErrorMessage(text)})`,
      );
    }
    return body;
  }
}

function numberAt(row: readonly unknown[], index: number): number | null {
  const v = index < 0 ? undefined : row[index];
  return typeof v === 'number' ? v : null;
}
