/**
 * Applies the health profiles (src/profiles/health/) with the one metric engine: which profiles
 * fit a device, and one poll of them → a HealthReport. The seam between the profiles and the
 * poller/API, as src/wireless/engine.ts is for wireless.
 */
import { LinkscopeError } from '../model/errors.js';
import { HEALTH_RECORDS, HEALTH_SENSOR_CLASSES, type HealthReport } from '../model/health.js';
import type { MetricDef } from '../model/metric-def.js';
import { planMetrics, pollMetrics, type MetricOptions, type MetricReadError, type MetricTarget } from '../metrics/engine.js';
import { validateMetricDefs } from '../metrics/validate.js';
import { HEALTH_PROFILE_FILES } from '../profiles/health/index.js';
import type { HealthProfile, HealthProfileFile } from '../profiles/health/types.js';
import { buildHealthReport } from './report.js';

export type HealthOptions = MetricOptions;
export type HealthReadError = MetricReadError;

/** What planHealth found for one device: the profiles to poll, in priority order. */
export interface HealthPlan {
  readonly profiles: readonly string[];
}

export interface HealthPollResult {
  readonly report: HealthReport;
  readonly errors: readonly HealthReadError[];
}

function fail(file: string, profile: string, field: string, problem: string): never {
  throw new LinkscopeError('LS_PROFILE_INVALID', `health profile "${profile}" in ${file}: ${field} ${problem}`, { details: { file, profile, field } });
}

/** Health's own rules on top of validateMetricDefs: record names, and a sensor's class either a literal class or an enum of classes. */
function checkHealthShape(file: string, p: HealthProfile): void {
  if (typeof p.mib !== 'string' || p.mib === '') fail(file, p.name, 'mib', 'must name the MIB module(s)');
  if (typeof p.source !== 'string' || p.source === '') fail(file, p.name, 'source', 'must say where to get the MIB');
  const shapes = [...(p.scalars ?? []).map((s, i) => ({ at: `scalars[${i}]`, s })), ...(p.tables ?? []).map((s, i) => ({ at: `tables[${i}]`, s }))];
  for (const { at, s } of shapes) {
    if (!(HEALTH_RECORDS as readonly string[]).includes(s.name)) fail(file, p.name, `${at}.name`, `must be one of ${HEALTH_RECORDS.join(', ')} (got ${JSON.stringify(s.name)})`);
    if (s.name !== 'sensor') continue;
    const literal = s.tags?.['class'];
    const column = s.columns['class'];
    const classes = literal !== undefined ? [literal] : column?.role === 'tag' && column.enum !== undefined ? Object.values(column.enum) : null;
    if (classes === null) fail(file, p.name, `${at}.tags.class`, 'must give the sensor class: a literal tag or a tag column with an enum');
    for (const c of classes) if (!(HEALTH_SENSOR_CLASSES as readonly string[]).includes(c)) fail(file, p.name, `${at}.tags.class`, `${JSON.stringify(c)} is not a CONTRACT sensor class (one of ${HEALTH_SENSOR_CLASSES.join(', ')})`);
    if (s.columns['value'] === undefined) fail(file, p.name, `${at}.columns.value`, 'is missing: a sensor needs a value');
  }
}

/** Checks every profile of every file; throws LS_PROFILE_INVALID at the first problem. Returns the profiles in priority order. */
export function loadHealthProfiles(files: readonly HealthProfileFile[] = HEALTH_PROFILE_FILES): readonly HealthProfile[] {
  const all: HealthProfile[] = [];
  const seen = new Set<string>();
  const names = new Set(files.flatMap((f) => f.profiles.map((p) => p.name)));
  for (const { file, profiles } of files) {
    validateMetricDefs(profiles, { what: 'health profile', where: file, otherNames: names });
    for (const p of profiles) {
      if (seen.has(p.name)) fail(file, p.name, 'name', 'is used by another profile');
      seen.add(p.name);
      checkHealthShape(file, p);
      all.push(p);
    }
  }
  return all;
}

/** Checked at start-up: importing the engine with a malformed profile throws LS_PROFILE_INVALID. */
const PROFILES: readonly MetricDef[] = loadHealthProfiles();

/** The names of every shipped health profile, in priority order. */
export function healthProfileNames(): string[] {
  return PROFILES.map((p) => p.name);
}

/**
 * Which health profiles fit this device (selectors, then one probe round), or null when none does.
 * Never throws for a missing or broken table (only LS_SNMP_ABORTED on abort).
 */
export async function planHealth(session: Parameters<typeof planMetrics>[0], target: MetricTarget, options: HealthOptions = {}): Promise<HealthPlan | null> {
  const names = await planMetrics(session, PROFILES, target, options);
  return names.length === 0 ? null : { profiles: names };
}

/** One poll with what could not be read. Only an abort (LS_SNMP_ABORTED) is thrown. */
export async function pollHealthDetailed(session: Parameters<typeof pollMetrics>[0], plan: HealthPlan, options: HealthOptions = {}): Promise<HealthPollResult> {
  // A plan made by an older linkscope may name a profile that no longer exists: skipped.
  const wanted = new Set(plan.profiles);
  const defs = PROFILES.filter((p) => wanted.has(p.name));
  const { records, errors } = await pollMetrics(session, defs, options);
  return { report: buildHealthReport(records), errors };
}

/** One poll of the plan's profiles. A table missing or broken on the device loses only that table. */
export async function pollHealth(session: Parameters<typeof pollMetrics>[0], plan: HealthPlan, options: HealthOptions = {}): Promise<HealthReport> {
  return (await pollHealthDetailed(session, plan, options)).report;
}
