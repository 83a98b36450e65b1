/** InfluxQL text for the history query and the rollup continuous query: identifiers through the `influx` package's escaping, values as bound parameters. Pure. */
import { escape } from 'influx';
import { LinkscopeError } from '../model/errors.js';
import { storedTagValue } from './line-protocol.js';
import { ROLLUP_AGGREGATES, ROLLUP_FIELDS, RAW_SOURCE, formatInfluxDuration, rollupField, type HistorySource, type RollupAggregate } from './retention.js';
import { INTERFACE_FIELD, MEASUREMENT, TAG } from './schema.js';
import type { UtilizationQuery } from './types.js';

/*
 * Values never enter the query text: tag values travel as bound parameters (`"ifName" = $ifName`
 * with `params={"ifName": …}`, InfluxDB 1.x /query; the `influx` package's `placeholders`), so the
 * text is the same for every interface name and none can change it. The package's
 * `escape.stringLit` is not used for values: it escapes quotes but not backslashes, so a name
 * ending in `\\'` would close the literal early (see docs/influxdb.md).
 *
 * Identifiers (measurement, field, policy and database names) are quoted with the package's
 * `escape.quoted`, which escapes `"` and `\`. The InfluxQL scanner (influxql/scanner.go ScanString)
 * cannot express a raw newline, carriage return or NUL inside quotes, so such a name is refused
 * here; none occurs in schema.ts, and config validation refuses control characters in names.
 */

const UNSAYABLE = /[\u0000\n\r]/;

function refuseUnsayable(value: string, what: string): void {
  const m = UNSAYABLE.exec(value);
  if (m === null) return;
  const name = m[0] === '\u0000' ? 'a NUL character' : m[0] === '\n' ? 'a newline' : 'a carriage return';
  throw new LinkscopeError('LS_VALIDATION', `${what} contains ${name}, which InfluxQL cannot express in a name; remove it from the value`);
}

/** A double-quoted InfluxQL identifier (database, policy, measurement, tag or field name). */
export function quoteIdentifier(name: string): string {
  refuseUnsayable(name, 'InfluxQL identifier');
  // The package turns `\'` into `\\'` before escaping (escape.js Escaper.escape), which then reads
  // back as a different name; refuse rather than address another database or field.
  if (name.includes("\\'")) {
    throw new LinkscopeError('LS_VALIDATION', `InfluxQL identifier ${JSON.stringify(name)} contains a backslash before a quote, which the influx package's escaping changes; rename it`);
  }
  return escape.quoted(name);
}

/** Column aliases of the history query: the API's JSON names (CONTRACT.md `/utilization`). */
export const UTILIZATION_COLUMNS = ['inBps', 'outBps', 'inUtilization', 'outUtilization'] as const;
export type UtilizationColumn = (typeof UTILIZATION_COLUMNS)[number];

function epochMs(d: Date, name: string): number {
  const ms = d.getTime();
  if (!Number.isSafeInteger(ms)) {
    throw new LinkscopeError('LS_VALIDATION', `Utilization query: "${name}" is not a valid time`);
  }
  return ms;
}

/** A statement whose values travel as bound parameters (`$name` in the text). */
export interface BoundQuery {
  readonly text: string;
  readonly params: Readonly<Record<string, string>>;
}

/** InfluxQL's spelling of a GROUP BY interval: seconds when exact (the schema's precision), else ms. */
function intervalLiteral(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** The tag value as stored (storedTagValue). A NUL is refused, as quoting refused it before bound parameters: an operator sees a clear 400, not an empty series. */
function tagParam(value: string, what: string): string {
  if (value.includes('\u0000')) {
    throw new LinkscopeError('LS_VALIDATION', `Utilization query: ${what} contains a NUL character; remove it from the value`);
  }
  return storedTagValue(value);
}

/**
 * SELECT mean(...) of the computed rate fields for one interface, bucketed by `stepMs`, from the
 * raw data (the default retention policy, as dashboards read it) or from a rollup (the mean of its
 * `…_mean` fields). Tag values are compared after the mapping line-protocol.ts applies on write
 * (storedTagValue), so a name with a newline or a trailing backslash finds the series it was written to.
 */
export function buildUtilizationQuery(q: UtilizationQuery, source: HistorySource = RAW_SOURCE): BoundQuery {
  const from = epochMs(q.from, 'from');
  const to = epochMs(q.to, 'to');
  if (!Number.isSafeInteger(q.stepMs) || q.stepMs <= 0) {
    throw new LinkscopeError('LS_VALIDATION', `Utilization query: step must be a positive whole number of ms, got ${q.stepMs}`);
  }
  if (from > to) {
    throw new LinkscopeError('LS_VALIDATION', 'Utilization query: "from" is after "to"');
  }
  const params = { device: tagParam(q.device, 'device name'), ifName: tagParam(q.ifName, 'ifName') };
  const f = INTERFACE_FIELD;
  const column = (field: (typeof ROLLUP_FIELDS)[number]): string => quoteIdentifier(source.kind === 'raw' ? field : rollupField(field, 'mean'));
  const select = [
    `mean(${column(f.inBps)}) AS ${quoteIdentifier('inBps')}`,
    `mean(${column(f.outBps)}) AS ${quoteIdentifier('outBps')}`,
    `mean(${column(f.inUtilization)}) AS ${quoteIdentifier('inUtilization')}`,
    `mean(${column(f.outUtilization)}) AS ${quoteIdentifier('outUtilization')}`,
  ].join(', ');
  const measurement = quoteIdentifier(MEASUREMENT.interface);
  const target = source.kind === 'raw' ? measurement : `${quoteIdentifier(source.policy)}.${measurement}`;
  const text =
    `SELECT ${select} FROM ${target}` +
    ` WHERE ${quoteIdentifier(TAG.device)} = $device AND ${quoteIdentifier(TAG.ifName)} = $ifName` +
    ` AND time >= ${from}ms AND time <= ${to}ms` +
    ` GROUP BY time(${intervalLiteral(q.stepMs)}) fill(none)`;
  return { text, params };
}

function aggregate(agg: RollupAggregate, field: string): string {
  const f = quoteIdentifier(field);
  return agg === 'mean' ? `mean(${f})` : agg === 'max' ? `max(${f})` : `percentile(${f}, 95)`;
}

/**
 * The SELECT … INTO of the rollup continuous query: per interface (GROUP BY *, so every tag stays a
 * tag) and bucket, mean, max and 95th percentile of each rate, from the raw policy into the rollup
 * policy's `interface` measurement. Without a WHERE on time: a CQ adds its own bucket bounds; run
 * by hand, add one.
 */
export function buildRollupSelect(db: string, rawPolicy: string, rollupPolicy: string, intervalMs: number, where = ''): string {
  const columns = ROLLUP_FIELDS.flatMap((field) => ROLLUP_AGGREGATES.map((agg) => `${aggregate(agg, field)} AS ${quoteIdentifier(rollupField(field, agg))}`));
  const measurement = quoteIdentifier(MEASUREMENT.interface);
  const d = quoteIdentifier(db);
  return (
    `SELECT ${columns.join(', ')}` +
    ` INTO ${d}.${quoteIdentifier(rollupPolicy)}.${measurement}` +
    ` FROM ${d}.${quoteIdentifier(rawPolicy)}.${measurement}` +
    (where === '' ? '' : ` WHERE ${where}`) +
    ` GROUP BY time(${formatInfluxDuration(intervalMs)}), *`
  );
}

/**
 * A continuous query's text reduced to what InfluxDB keeps of it: SHOW CONTINUOUS QUERIES prints
 * identifiers unquoted where it can and its own spacing, so quotes and runs of spaces are dropped
 * before comparing. Only ever compared, never run.
 */
export function normalizeQueryText(text: string): string {
  return text.replace(/\\(["\\])/g, '$1').replace(/"/g, '').replace(/\s+/g, ' ').trim();
}
