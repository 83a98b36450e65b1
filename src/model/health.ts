/** Device health vocabulary shared by profiles, the poller, storage and the API (CONTRACT.md `GET /devices/:id/health`). Imports nothing. */

/** Sensor classes and their units, fixed by CONTRACT.md. `state` sensors carry a text `status`; `count` has no unit. */
export const HEALTH_SENSOR_UNITS = {
  temperature: '°C',
  fanspeed: 'rpm',
  voltage: 'V',
  current: 'A',
  power: 'W',
  dbm: 'dBm',
  humidity: '%',
  load: '%',
  count: '',
  state: '',
} as const;
export type HealthSensorClass = keyof typeof HEALTH_SENSOR_UNITS;
export const HEALTH_SENSOR_CLASSES = Object.keys(HEALTH_SENSOR_UNITS) as readonly HealthSensorClass[];

/**
 * The record names health profiles produce and the fields each reads (src/health/report.ts):
 * - `processor`: `usage` (percent) or `idle` (percent, usage = 100 − idle); `descr`.
 * - `memory`: bytes: `total` and `used`, or `total` and `free` (used = total − free − `buffers`
 *   − `cached` where those are given, as Linux counts reclaimable memory free), or `used` and
 *   `free`; or only `percent`; `descr`.
 * - `sensor`: tag `class` (HEALTH_SENSOR_CLASSES), `value`, `descr`, `status` (text, for `state`).
 */
export const HEALTH_RECORDS = ['processor', 'memory', 'sensor'] as const;
export type HealthRecordName = (typeof HEALTH_RECORDS)[number];

export interface HealthProcessor {
  readonly index: string;
  readonly descr: string;
  /** Percent, 0–100. */
  readonly usage: number;
}

export interface HealthMemory {
  readonly index: string;
  readonly descr: string;
  /** null when the device reports only a percentage. */
  readonly usedBytes: number | null;
  readonly totalBytes: number | null;
  readonly usedPercent: number;
}

export interface HealthSensor {
  readonly class: HealthSensorClass;
  /** Stable within the device and class. */
  readonly index: string;
  readonly descr: string;
  readonly value: number;
  /** HEALTH_SENSOR_UNITS[class]. */
  readonly unit: string;
  /** For `state` sensors (and where a vendor reports one): the state as text, `ok`, `warning`, `failed`, … */
  readonly status?: string;
  /** The OID the value was read from (not part of the API; conformance and debugging). */
  readonly oid?: string;
}

export interface HealthReport {
  readonly processors: readonly HealthProcessor[];
  readonly memory: readonly HealthMemory[];
  readonly sensors: readonly HealthSensor[];
}

export const EMPTY_HEALTH: HealthReport = { processors: [], memory: [], sensors: [] };
