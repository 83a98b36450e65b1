/**
 * The shape of a health profile: a MetricDef (src/model/metric-def.ts) whose records are named
 * `processor`, `memory` or `sensor` with the fields src/model/health.ts lists, plus where its MIB
 * comes from. Applied by src/health/engine.ts with the one metric engine. Pure.
 */
import type { MetricColumn, MetricDef, MetricScalarGroup } from '../../model/metric-def.js';

export interface HealthProfile extends MetricDef {
  /** The MIB module(s) the OIDs come from. */
  readonly mib: string;
  /** Where to get the MIB: linkscope ships it in mibs/ or this names its source. */
  readonly source: string;
  readonly shipped: boolean;
}

/** A profile file's exports, as the registry lists them: the loader names the file in its errors. */
export interface HealthProfileFile {
  readonly file: string;
  readonly profiles: readonly HealthProfile[];
}

/** A column: numeric OID, MIB name and the rest of MetricColumn. */
export const col = (oid: string, mib: string, more: Omit<MetricColumn, 'oid' | 'mib'> = {}): MetricColumn => ({ oid, mib, ...more });

/**
 * A `state` sensor read from one scalar: its number as `value` and the same number as text through
 * `states` as `status` (a cluster's failover state, a SecureXL switch).
 */
export const stateScalar = (module: string, index: string, oid: string, object: string, states: Readonly<Record<string, string>>, descr: string): MetricScalarGroup => ({
  name: 'sensor',
  index,
  tags: { class: 'state' },
  texts: { descr },
  columns: { value: col(oid, `${module}::${object}`, { conversion: 'integer' }), status: col(oid, `${module}::${object}`, { conversion: 'enum', enum: states }) },
});

/** ENTITY-SENSOR-MIB's EntitySensorDataType (CISCO-ENTITY-SENSOR-MIB's SensorDataType adds 14 = dBm) → health sensor class. */
export const SENSOR_TYPE_CLASSES: Readonly<Record<string, string>> = {
  '3': 'voltage', // voltsAC
  '4': 'voltage', // voltsDC
  '5': 'current', // amperes
  '6': 'power', // watts
  '8': 'temperature', // celsius
  '9': 'humidity', // percentRH
  '10': 'fanspeed', // rpm
  '14': 'dbm', // dBm (Cisco only)
};

/** EntitySensorStatus / SensorStatus. */
export const SENSOR_STATUS: Readonly<Record<string, string>> = { '1': 'ok', '2': 'unavailable', '3': 'nonoperational' };
