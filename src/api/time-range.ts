/** Parses the utilisation query (from/to/step) into a bounded time range. Pure: "now" is passed in. */
import { tryParseDuration } from '../config/units.js';
import { LinkscopeError } from '../model/errors.js';

export const MAX_BUCKETS = 10_000;
export const MIN_STEP_MS = 1000;
export const DEFAULT_FROM = '-1h';
export const DEFAULT_TO = 'now';
export const DEFAULT_STEP = '60s';

export interface TimeRange {
  readonly from: Date;
  readonly to: Date;
  readonly stepMs: number;
}

export interface TimeRangeInput {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly step?: string | undefined;
}

// Strict ISO 8601 (date, or date-time with optional seconds, fraction and zone): Date.parse alone
// accepts far too much ("1", "March 7"), which would turn typos into silent ranges.
const ISO_RE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const TIME_HINT = 'use ISO 8601 (2024-05-01T12:00:00Z), "now", or a duration before now such as "-15m", "-1h", "-7d"';

function invalid(field: string, message: string): LinkscopeError {
  return new LinkscopeError('LS_VALIDATION', `query.${field}: ${message}`);
}

/** Unix ms for one time bound, or throws LS_VALIDATION naming the field. */
export function parseTimeBound(field: string, text: string, nowMs: number): number {
  if (text === 'now') return nowMs;
  if (text.startsWith('-')) {
    const ms = tryParseDuration(text.slice(1));
    if (ms === undefined) throw invalid(field, `${JSON.stringify(text)} is not a relative time; ${TIME_HINT}`);
    return nowMs - ms;
  }
  if (ISO_RE.test(text)) {
    const ms = Date.parse(text);
    if (Number.isFinite(ms)) return ms;
  }
  throw invalid(field, `${JSON.stringify(text)} is not a time; ${TIME_HINT}`);
}

/** The validated range: from < to, step ≥ 1s, at most MAX_BUCKETS buckets. */
export function parseTimeRange(input: TimeRangeInput, nowMs: number): TimeRange {
  const fromMs = parseTimeBound('from', input.from ?? DEFAULT_FROM, nowMs);
  const toMs = parseTimeBound('to', input.to ?? DEFAULT_TO, nowMs);
  const stepText = input.step ?? DEFAULT_STEP;
  const stepMs = tryParseDuration(stepText);
  if (stepMs === undefined) {
    throw invalid('step', `${JSON.stringify(stepText)} is not a duration; use e.g. "60s", "5m", "1h"`);
  }
  if (stepMs < MIN_STEP_MS) throw invalid('step', `must be at least 1s, got ${stepMs}ms`);
  if (!(fromMs < toMs)) throw invalid('from', 'must be before to');
  const from = new Date(fromMs);
  const to = new Date(toMs);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    throw invalid('from', 'is outside the representable time range');
  }
  const buckets = Math.ceil((toMs - fromMs) / stepMs);
  if (buckets > MAX_BUCKETS) {
    throw invalid('step', `gives ${buckets} buckets between from and to; at most ${MAX_BUCKETS} are allowed, use a larger step`);
  }
  return { from, to, stepMs };
}
