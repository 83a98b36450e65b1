/** Retention policies and 5-minute rollups (an extension of CONTRACT.md's schema): names, durations, and which one a history query reads. Pure. */
import { INTERFACE_FIELD } from './schema.js';

/*
 * The raw policy is made the database's DEFAULT, so writes without `rp` (ours, Telegraf's) and
 * dashboards that read `FROM "interface"` keep working: they simply see the last `rawMs` of data.
 * Rollups live in a policy of their own, named after their interval (`rollup_5m`), in a
 * measurement named like the raw one (`interface`) with the same tags and one field per rate and
 * aggregate (`in_bps_mean`, `in_bps_max`, `in_bps_p95`). A new interval means a new policy and
 * continuous query; the old policy keeps its data until its own duration ends.
 */

/** The raw retention policy linkscope creates and makes DEFAULT. */
export const RAW_POLICY = 'raw';

/** Continuous queries linkscope owns start with this; others on the database are never touched. */
export const CQ_PREFIX = 'linkscope_';

/** The computed `interface` rates that are rolled up (CONTRACT.md names). */
export const ROLLUP_FIELDS = [
  INTERFACE_FIELD.inBps,
  INTERFACE_FIELD.outBps,
  INTERFACE_FIELD.inUtilization,
  INTERFACE_FIELD.outUtilization,
  INTERFACE_FIELD.inErrorsPerSec,
  INTERFACE_FIELD.outErrorsPerSec,
  INTERFACE_FIELD.inDiscardsPerSec,
  INTERFACE_FIELD.outDiscardsPerSec,
  INTERFACE_FIELD.inPktsPerSec,
  INTERFACE_FIELD.outPktsPerSec,
] as const;
export type RollupField = (typeof ROLLUP_FIELDS)[number];

/** Per bucket: the mean, the maximum and the 95th percentile of the raw samples in it. */
export const ROLLUP_AGGREGATES = ['mean', 'max', 'p95'] as const;
export type RollupAggregate = (typeof ROLLUP_AGGREGATES)[number];

/** `in_bps` + `max` → `in_bps_max`: the rollup's field name. */
export function rollupField(field: RollupField, aggregate: RollupAggregate): string {
  return `${field}_${aggregate}`;
}

export interface RollupSettings {
  readonly enabled: boolean;
  /** Bucket width, whole seconds. */
  readonly intervalMs: number;
  /** How long rollups are kept; 0 = forever. */
  readonly retentionMs: number;
  /** History ranges longer than this read the rollup. */
  readonly readAboveMs: number;
}

export interface RetentionSettings {
  /** How long raw points are kept; 0 = forever. */
  readonly rawMs: number;
  readonly rollup: RollupSettings;
}

const UNITS: readonly (readonly [string, number])[] = [
  ['w', 7 * 86_400_000],
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
];

/** An InfluxQL duration literal in the largest exact unit ("5m", "104w"); 0 → "INF" (keep forever). */
export function formatInfluxDuration(ms: number): string {
  if (ms === 0) return 'INF';
  for (const [unit, unitMs] of UNITS) if (ms % unitMs === 0) return `${ms / unitMs}${unit}`;
  return `${ms}ms`;
}

/** A duration as SHOW RETENTION POLICIES prints it (Go's "720h0m0s", "0s" = infinite), in ms. */
export function parseInfluxDuration(text: string): number | undefined {
  if (text === 'INF') return 0;
  const m = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+(?:\.\d+)?)s)?$/.exec(text);
  if (m === null || text === '') return undefined;
  return Number(m[1] ?? 0) * 3_600_000 + Number(m[2] ?? 0) * 60_000 + Math.round(Number(m[3] ?? 0) * 1000);
}

/** `rollup_5m`: the policy (and measurement home) of one rollup interval. */
export function rollupPolicy(intervalMs: number): string {
  return `rollup_${formatInfluxDuration(intervalMs)}`;
}

/** `linkscope_interface_5m`: the continuous query that fills `rollupPolicy(intervalMs)`. */
export function rollupQueryName(intervalMs: number): string {
  return `${CQ_PREFIX}interface_${formatInfluxDuration(intervalMs)}`;
}

export type HistorySource = { readonly kind: 'raw' } | { readonly kind: 'rollup'; readonly policy: string; readonly intervalMs: number };

export const RAW_SOURCE: HistorySource = { kind: 'raw' };

/**
 * Which data a utilisation query reads. The rollup, when rollups are on and either the range is
 * longer than `readAboveMs` or it starts before the raw policy still has data; raw otherwise
 * (short ranges want the newest samples, which the rollup gets only when their bucket closes).
 */
export function chooseHistorySource(range: { readonly from: Date; readonly to: Date }, nowMs: number, settings: RetentionSettings): HistorySource {
  const { rollup } = settings;
  if (!rollup.enabled) return RAW_SOURCE;
  const spanMs = range.to.getTime() - range.from.getTime();
  const beforeRaw = settings.rawMs > 0 && range.from.getTime() < nowMs - settings.rawMs;
  if (spanMs > rollup.readAboveMs || beforeRaw) return { kind: 'rollup', policy: rollupPolicy(rollup.intervalMs), intervalMs: rollup.intervalMs };
  return RAW_SOURCE;
}

/** The name a source goes by in logs and the `x-linkscope-source` response header. */
export function sourceName(source: HistorySource): string {
  return source.kind === 'raw' ? RAW_POLICY : source.policy;
}
