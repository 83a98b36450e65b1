/**
 * Pure part of device health: the records health profiles produced (src/metrics/engine.ts) →
 * a HealthReport with CONTRACT units. Which record means what is fixed vocabulary
 * (src/model/health.ts HEALTH_RECORDS), never a vendor branch.
 */
import { HEALTH_SENSOR_CLASSES, HEALTH_SENSOR_UNITS, type HealthMemory, type HealthProcessor, type HealthReport, type HealthSensor, type HealthSensorClass } from '../model/health.js';
import type { MetricRecord } from '../model/metric-def.js';

function num(r: MetricRecord, key: string): number | null {
  const v = r.fields[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function text(r: MetricRecord, key: string): string | null {
  const v = r.fields[key] ?? r.tags[key];
  return v === undefined || v === '' ? null : String(v);
}

const round = (n: number, places: number): number => {
  const f = 10 ** places;
  return Math.round(n * f) / f;
};

function processorOf(r: MetricRecord, index: string): HealthProcessor | null {
  const usage = num(r, 'usage');
  const idle = num(r, 'idle');
  const u = usage ?? (idle === null ? null : 100 - idle);
  if (u === null || u < 0 || u > 100) return null;
  return { index, descr: text(r, 'descr') ?? 'Processor', usage: round(u, 2) };
}

function memoryOf(r: MetricRecord, index: string): HealthMemory | null {
  const descr = text(r, 'descr') ?? 'Memory';
  let total = num(r, 'total');
  let used = num(r, 'used');
  const free = num(r, 'free');
  const buffers = num(r, 'buffers');
  const cached = num(r, 'cached');
  if (used === null && total !== null && free !== null) used = total - free - (buffers ?? 0) - (cached ?? 0);
  // net-snmp before 5.7.3 counted buffers and cache in the RAM's hrStorageUsed; later ones do not.
  // The RAM row then carries both: they come off only where they fit inside `used`.
  else if (used !== null && free === null && buffers !== null && cached !== null && used > buffers + cached) used -= buffers + cached;
  if (total === null && used !== null && free !== null) total = used + free;
  const percent = num(r, 'percent');
  if (used === null && total !== null && percent !== null) used = (total * percent) / 100;
  if (total !== null && used !== null && total > 0 && used >= 0) {
    return { index, descr, usedBytes: Math.round(used), totalBytes: Math.round(total), usedPercent: round((used / total) * 100, 2) };
  }
  if (percent === null || percent < 0 || percent > 100) return null;
  return { index, descr, usedBytes: null, totalBytes: null, usedPercent: round(percent, 2) };
}

function sensorOf(r: MetricRecord, index: string): HealthSensor | null {
  const cls = r.tags['class'];
  if (cls === undefined || !(HEALTH_SENSOR_CLASSES as readonly string[]).includes(cls)) return null;
  const value = num(r, 'value');
  const status = text(r, 'status');
  if (value === null) return null;
  const c = cls as HealthSensorClass;
  const oid = r.oids?.['value'];
  return {
    class: c,
    index,
    descr: text(r, 'descr') ?? `${c} ${index}`,
    value: round(value, 6),
    unit: HEALTH_SENSOR_UNITS[c],
    ...(status === null ? {} : { status }),
    ...(oid === undefined ? {} : { oid }),
  };
}

/**
 * The health report of one poll. Records come in profile order, vendor profiles first: the first
 * processor or memory pool of an index, and the first sensor of a (class, index), wins.
 */
export function buildHealthReport(records: readonly MetricRecord[]): HealthReport {
  const processors = new Map<string, HealthProcessor>();
  const memory = new Map<string, HealthMemory>();
  const sensors = new Map<string, HealthSensor>();
  for (const r of records) {
    const index = r.tags['index'] ?? '';
    if (r.name === 'processor') {
      const p = processorOf(r, index);
      if (p !== null && !processors.has(index)) processors.set(index, p);
    } else if (r.name === 'memory') {
      const m = memoryOf(r, index);
      if (m !== null && !memory.has(index)) memory.set(index, m);
    } else if (r.name === 'sensor') {
      const s = sensorOf(r, index);
      const key = `${s?.class ?? ''}|${index}`;
      if (s !== null && !sensors.has(key)) sensors.set(key, s);
    }
  }
  return { processors: [...processors.values()], memory: [...memory.values()], sensors: [...sensors.values()] };
}
