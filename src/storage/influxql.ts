/** InfluxQL text built from quoted parts: identifier and string quoting, and the utilisation history query. Pure. */
import { LinkscopeError } from '../model/errors.js';
import { storedTagValue } from './line-protocol.js';
import { INTERFACE_FIELD, MEASUREMENT, TAG } from './schema.js';
import type { UtilizationQuery } from './types.js';

/*
 * The InfluxQL scanner (influxql/scanner.go ScanString) reads a quoted identifier or string until
 * the closing quote and knows exactly four escapes: \n, \\, \" and \'. A raw newline ends the token
 * as an error, and the reader turns a raw carriage return into a newline, so "\r" cannot be said at
 * all. Anything else, including regex characters, is literal inside quotes: `=` against a quoted
 * string is an exact comparison, never a pattern. A NUL is the scanner's end-of-input rune (eof =
 * rune(0)), so a quoted token holding one ends there as a bad string: it cannot be said either.
 */

const BACKSLASH = 92;
const LF = 10;
const CR = 13;
const NUL = 0;

function quote(value: string, q: '"' | "'", what: string): string {
  const qc = q.charCodeAt(0);
  let out = q;
  let from = 0;
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if (c === BACKSLASH || c === qc) {
      out += value.slice(from, i) + '\\';
      from = i;
    } else if (c === LF) {
      out += value.slice(from, i) + '\\n';
      from = i + 1;
    } else if (c === CR || c === NUL) {
      throw new LinkscopeError(
        'LS_VALIDATION',
        `${what} contains a ${c === CR ? 'carriage return' : 'NUL character'}, which InfluxQL cannot express; remove it from the value`,
      );
    }
  }
  return out + value.slice(from) + q;
}

/** A double-quoted InfluxQL identifier (database, measurement, tag or field name). */
export function quoteIdentifier(name: string): string {
  return quote(name, '"', 'InfluxQL identifier');
}

/** A single-quoted InfluxQL string literal. */
export function quoteString(value: string, what = 'InfluxQL string'): string {
  return quote(value, "'", what);
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

/**
 * SELECT mean(...) of the computed rate fields for one interface, bucketed by `stepMs`. Tag values
 * are compared after the mapping line-protocol.ts applies on write (storedTagValue), so a name with
 * a newline or a trailing backslash finds the series it was written to.
 */
export function buildUtilizationQuery(q: UtilizationQuery): string {
  const from = epochMs(q.from, 'from');
  const to = epochMs(q.to, 'to');
  if (!Number.isSafeInteger(q.stepMs) || q.stepMs <= 0) {
    throw new LinkscopeError('LS_VALIDATION', `Utilization query: step must be a positive whole number of ms, got ${q.stepMs}`);
  }
  if (from > to) {
    throw new LinkscopeError('LS_VALIDATION', 'Utilization query: "from" is after "to"');
  }
  // Seconds when exact (the schema's precision; reads like the API's `step=60s`), else ms.
  const step = q.stepMs % 1000 === 0 ? `${q.stepMs / 1000}s` : `${q.stepMs}ms`;
  const f = INTERFACE_FIELD;
  const select = [
    `mean(${quoteIdentifier(f.inBps)}) AS ${quoteIdentifier('inBps')}`,
    `mean(${quoteIdentifier(f.outBps)}) AS ${quoteIdentifier('outBps')}`,
    `mean(${quoteIdentifier(f.inUtilization)}) AS ${quoteIdentifier('inUtilization')}`,
    `mean(${quoteIdentifier(f.outUtilization)}) AS ${quoteIdentifier('outUtilization')}`,
  ].join(', ');
  return (
    `SELECT ${select} FROM ${quoteIdentifier(MEASUREMENT.interface)}` +
    ` WHERE ${quoteIdentifier(TAG.device)} = ${quoteString(storedTagValue(q.device), 'Utilization query: device name')}` +
    ` AND ${quoteIdentifier(TAG.ifName)} = ${quoteString(storedTagValue(q.ifName), 'Utilization query: ifName')}` +
    ` AND time >= ${from}ms AND time <= ${to}ms` +
    ` GROUP BY time(${step}) fill(none)`
  );
}

/** `CREATE DATABASE "name"`: idempotent in InfluxDB 1.x. */
export function buildCreateDatabase(db: string): string {
  return `CREATE DATABASE ${quoteIdentifier(db)}`;
}
