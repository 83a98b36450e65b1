/**
 * Ubiquiti: airFiber radio temperatures (UBNT-AirFIBER-MIB), airFiber 60 CPU and GPS
 * (UI-AF60-MIB), airFiber LTU GPS (UBNT-AFLTU-MIB), airOS memory and load (FROGFOOT-RESOURCES-MIB).
 * Ubiquiti's MIBs carry Ubiquiti's copyright: not shipped.
 */
import { col, type HealthProfile } from './types.js';

const SOURCE = 'not shipped (Ubiquiti copyright); from the device (/usr/etc/snmp) or netdisco-mibs ubiquiti/';
const AF = '1.3.6.1.4.1.41112.1.3';
const AF60 = '1.3.6.1.4.1.41112.1.11.1';
const LTU = '1.3.6.1.4.1.41112.1.10.1';

/** One figure of a one-row status table (index 1) as a sensor. */
const rowSensor = (table: string, oid: string, mib: string, cls: string, index: string, descr: string) => ({
  name: 'sensor',
  table,
  indexLength: 1,
  columns: { value: col(oid, mib, { conversion: 'integer' }) },
  tags: { class: cls, index },
  texts: { descr },
});

export const UBNT_AIRFIBER_HEALTH: HealthProfile = {
  name: 'ubnt-airfiber-health',
  mib: 'UBNT-AirFIBER-MIB',
  source: SOURCE,
  shipped: false,
  match: { probes: [`${AF}.2.1.8`] },
  tables: [
    rowSensor('airFiberStatusTable', `${AF}.2.1.8`, 'UBNT-AirFIBER-MIB::radio0TempC', 'temperature', '0', 'Radio 0 Temp'),
    rowSensor('airFiberStatusTable', `${AF}.2.1.10`, 'UBNT-AirFIBER-MIB::radio1TempC', 'temperature', '1', 'Radio 1 Temp'),
  ],
};

export const UBNT_AF60_HEALTH: HealthProfile = {
  name: 'ubnt-af60-health',
  mib: 'UI-AF60-MIB',
  source: SOURCE,
  shipped: false,
  match: { probes: [`${AF60}.2.6`, `${AF60}.4.7`] },
  tables: [
    { name: 'processor', table: 'af60SystemTable', indexLength: 1, columns: { usage: col(`${AF60}.2.6`, 'UI-AF60-MIB::af60CpuUsage', { conversion: 'integer' }) }, texts: { descr: 'Processor' } },
    rowSensor('af60GpsTable', `${AF60}.4.7`, 'UI-AF60-MIB::af60GpsSatsVisible', 'count', 'gps-visible', 'Sat visible'),
    rowSensor('af60GpsTable', `${AF60}.4.8`, 'UI-AF60-MIB::af60GpsSatsTracked', 'count', 'gps-tracked', 'Sat tracked'),
  ],
};

export const UBNT_AFLTU_HEALTH: HealthProfile = {
  name: 'ubnt-afltu-health',
  mib: 'UBNT-AFLTU-MIB',
  source: SOURCE,
  shipped: false,
  match: { probes: [`${LTU}.7.7`] },
  scalars: [
    { name: 'sensor', index: 'gps-visible', tags: { class: 'count' }, texts: { descr: 'Sat visible' }, columns: { value: col(`${LTU}.7.7.0`, 'UBNT-AFLTU-MIB::afLTUgpsSatsVisible', { conversion: 'integer' }) } },
    { name: 'sensor', index: 'gps-tracked', tags: { class: 'count' }, texts: { descr: 'Sat tracked' }, columns: { value: col(`${LTU}.7.8.0`, 'UBNT-AFLTU-MIB::afLTUgpsSatsTracked', { conversion: 'integer' }) } },
  ],
};

const FF = '1.3.6.1.4.1.10002.1.1.1';

/** airOS (airMAX) memory in kB, as FROGFOOT-RESOURCES-MIB reports it; used excludes buffers and cache. */
export const FROGFOOT: HealthProfile = {
  name: 'frogfoot',
  mib: 'FROGFOOT-RESOURCES-MIB',
  source: 'not shipped (Frogfoot Networks copyright); from an airOS device or netdisco-mibs ubiquiti/',
  shipped: false,
  supersedes: ['ucd-memory'],
  scalars: [
    {
      name: 'memory',
      index: '1',
      columns: {
        total: col(`${FF}.1.1.0`, 'FROGFOOT-RESOURCES-MIB::memTotal', { conversion: 'integer', multiplier: 1024 }),
        free: col(`${FF}.1.2.0`, 'FROGFOOT-RESOURCES-MIB::memFree', { conversion: 'integer', multiplier: 1024 }),
        buffers: col(`${FF}.1.3.0`, 'FROGFOOT-RESOURCES-MIB::memBuffer', { conversion: 'integer', multiplier: 1024 }),
        cached: col(`${FF}.1.4.0`, 'FROGFOOT-RESOURCES-MIB::memCache', { conversion: 'integer', multiplier: 1024 }),
      },
      texts: { descr: 'Memory' },
    },
  ],
};
