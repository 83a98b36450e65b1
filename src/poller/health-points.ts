/** A health report → the `device_health` and `sensor` points of CONTRACT.md. Pure: no I/O, no clock. */
import type { HealthReport } from '../model/health.js';
import { DEVICE_HEALTH_FIELD, HEALTH_KIND, MEASUREMENT, SENSOR_FIELD, TAG } from '../storage/schema.js';
import type { FieldValue, Point } from '../storage/types.js';

/** InfluxDB drops an empty tag, which would merge rows: an empty index is written as `0`. */
const indexTag = (index: string): string => (index === '' ? '0' : index);

/**
 * One `device_health` point per processor (kind `processor`: usage, descr) and per memory pool
 * (kind `memory`: used_bytes, total_bytes, used_percent, descr; bytes absent for a pool known only
 * as a percentage), and one `sensor` point per sensor (value, descr, status where there is one).
 * `timeS` is Unix seconds. A figure that is not finite writes no point.
 */
export function healthPoints(deviceName: string, report: HealthReport, timeS: number): Point[] {
  const points: Point[] = [];
  for (const p of report.processors) {
    if (!Number.isFinite(p.usage)) continue;
    points.push({
      measurement: MEASUREMENT.deviceHealth,
      tags: { [TAG.device]: deviceName, [TAG.healthKind]: HEALTH_KIND.processor, [TAG.sensorIndex]: indexTag(p.index) },
      fields: { [DEVICE_HEALTH_FIELD.usage]: p.usage, [DEVICE_HEALTH_FIELD.descr]: p.descr },
      time: timeS,
    });
  }
  for (const m of report.memory) {
    if (!Number.isFinite(m.usedPercent)) continue;
    const fields: Record<string, FieldValue> = { [DEVICE_HEALTH_FIELD.usedPercent]: m.usedPercent, [DEVICE_HEALTH_FIELD.descr]: m.descr };
    // Integer fields stay integers (InfluxDB rejects a type change): bytes are whole numbers.
    if (m.usedBytes !== null && Number.isFinite(m.usedBytes)) fields[DEVICE_HEALTH_FIELD.usedBytes] = BigInt(Math.round(m.usedBytes));
    if (m.totalBytes !== null && Number.isFinite(m.totalBytes)) fields[DEVICE_HEALTH_FIELD.totalBytes] = BigInt(Math.round(m.totalBytes));
    points.push({ measurement: MEASUREMENT.deviceHealth, tags: { [TAG.device]: deviceName, [TAG.healthKind]: HEALTH_KIND.memory, [TAG.sensorIndex]: indexTag(m.index) }, fields, time: timeS });
  }
  for (const s of report.sensors) {
    if (!Number.isFinite(s.value)) continue;
    const fields: Record<string, FieldValue> = { [SENSOR_FIELD.value]: s.value, [SENSOR_FIELD.descr]: s.descr };
    if (s.status !== undefined) fields[SENSOR_FIELD.status] = s.status;
    points.push({ measurement: MEASUREMENT.sensor, tags: { [TAG.device]: deviceName, [TAG.sensorClass]: s.class, [TAG.sensorIndex]: indexTag(s.index) }, fields, time: timeS });
  }
  return points;
}
