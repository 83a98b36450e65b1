/**
 * Dell Networking OS9 / Force10 FTOS (enterprise 6027): F10-{S,C,M,Z}-SERIES-CHASSIS-MIB CPU
 * (5-second, as LibreNMS reads it) per stack unit, RPM, line card or chassis, memory utilisation,
 * stack unit temperatures; DELL-NETWORKING-CHASSIS-MIB PSU, fan tray and stack unit states and PSU
 * power — read as LibreNMS's dnos OS reads them. Dell's MIBs carry Dell's copyright: not shipped.
 */
import { col, type HealthProfile } from './types.js';

const F10 = '1.3.6.1.4.1.6027';
const SUPERSEDES = ['hr-processor', 'hr-memory', 'ucd-cpu', 'ucd-memory'];
const SOURCE = 'not shipped (Dell copyright); Dell support (Networking OS9 MIB package)';

const cpu = (table: string, oid: string, mib: string, name: string, key?: string) => ({
  name: 'processor',
  table,
  indexLength: 1,
  columns: { usage: col(oid, mib, { conversion: 'integer' as const }) },
  ...(key === undefined ? {} : { tags: { index: `${key}.{index}` } }),
  texts: { descr: `${name} {index} CPU` },
});

/** LibreNMS reads the first unit's (or RPM's) memory utilisation as pool 0. */
const memory = (oid: string, mib: string) => ({ name: 'memory', index: '0', texts: { descr: 'Memory Utilization' }, columns: { percent: col(oid, mib, { conversion: 'integer' as const }) } });

export const DELL_FTOS_S: HealthProfile = {
  name: 'dell-ftos-s',
  mib: 'F10-S-SERIES-CHASSIS-MIB',
  source: SOURCE,
  shipped: false,
  match: { sysObjectIdPrefixes: [`${F10}.1.3`] },
  supersedes: SUPERSEDES,
  scalars: [memory(`${F10}.3.10.1.2.9.1.5.1`, 'F10-S-SERIES-CHASSIS-MIB::chStackUnitMemUsageUtil')],
  tables: [
    cpu('chStackUnitUtilTable', `${F10}.3.10.1.2.9.1.2`, 'F10-S-SERIES-CHASSIS-MIB::chStackUnitCpuUtil5Sec', 'Stack Unit'),
    {
      name: 'sensor',
      table: 'chStackUnitTable',
      indexLength: 1,
      columns: { value: col(`${F10}.3.10.1.2.2.1.14`, 'F10-S-SERIES-CHASSIS-MIB::chStackUnitTemp', { conversion: 'integer' }) },
      tags: { class: 'temperature', index: 'unit.{index}' },
      texts: { descr: 'Unit {index}' },
    },
  ],
};

export const DELL_FTOS_C: HealthProfile = {
  name: 'dell-ftos-c',
  mib: 'F10-C-SERIES-CHASSIS-MIB',
  source: SOURCE,
  shipped: false,
  match: { sysObjectIdPrefixes: [`${F10}.1.2`] },
  supersedes: SUPERSEDES,
  scalars: [memory(`${F10}.3.8.1.3.7.1.6.1`, 'F10-C-SERIES-CHASSIS-MIB::chRpmMemUsageUtil')],
  tables: [
    cpu('chRpmUtilTable', `${F10}.3.8.1.3.7.1.3`, 'F10-C-SERIES-CHASSIS-MIB::chRpmCpuUtil5Sec', 'Route Process Module', 'rpm'),
    cpu('chLineCardUtilTable', `${F10}.3.8.1.5.1.1.1`, 'F10-C-SERIES-CHASSIS-MIB::chLineCardCpuUtil5Sec', 'Line Card'),
  ],
};

export const DELL_FTOS_M: HealthProfile = {
  name: 'dell-ftos-m',
  mib: 'F10-M-SERIES-CHASSIS-MIB',
  source: SOURCE,
  shipped: false,
  match: { sysObjectIdPrefixes: [`${F10}.1.4`] },
  supersedes: SUPERSEDES,
  tables: [cpu('chStackUnitUtilTable', `${F10}.3.19.1.2.8.1.2`, 'F10-M-SERIES-CHASSIS-MIB::chStackUnitCpuUtil5Sec', 'Stack Unit')],
};

export const DELL_FTOS_Z: HealthProfile = {
  name: 'dell-ftos-z',
  mib: 'F10-Z-SERIES-CHASSIS-MIB',
  source: SOURCE,
  shipped: false,
  match: { sysObjectIdPrefixes: [`${F10}.1.5`] },
  supersedes: SUPERSEDES,
  tables: [cpu('chSysCpuUtilTable', `${F10}.3.25.1.2.3.1.1`, 'F10-Z-SERIES-CHASSIS-MIB::chSysCpuUtil5Sec', 'Chassis')],
};

const NET = `${F10}.3.26.1`;
const UP_DOWN = { '1': 'up', '2': 'down', '3': 'absent' };
const netState = (table: string, oid: string, obj: string, states: Record<string, string>, key: string, descr: string) => ({
  name: 'sensor',
  table,
  indexLength: [1, 3] as const,
  columns: {
    value: col(oid, `DELL-NETWORKING-CHASSIS-MIB::${obj}`, { conversion: 'integer' as const }),
    status: col(oid, `DELL-NETWORKING-CHASSIS-MIB::${obj}`, { conversion: 'enum' as const, enum: states }),
  },
  tags: { class: 'state', index: `${key}.{index}` },
  texts: { descr },
});

export const DELL_NETWORKING: HealthProfile = {
  name: 'dell-networking',
  mib: 'DELL-NETWORKING-CHASSIS-MIB',
  source: SOURCE,
  shipped: false,
  match: { sysObjectIdPrefixes: [F10] },
  tables: [
    {
      name: 'sensor',
      table: 'dellNetPowerSupplyTable',
      indexLength: [1, 3],
      columns: { value: col(`${NET}.4.6.1.10`, 'DELL-NETWORKING-CHASSIS-MIB::dellNetPowerSupplyUsage', { conversion: 'integer' }) },
      tags: { class: 'power', index: 'psu.{index}' },
      texts: { descr: 'PSU {index}, Power usage' },
    },
    netState('dellNetPowerSupplyTable', `${NET}.4.6.1.4`, 'dellNetPowerSupplyOperStatus', UP_DOWN, 'psu', 'PSU {index}, Status'),
    netState('dellNetStackUnitTable', `${NET}.3.4.1.8`, 'dellNetStackUnitStatus', { '1': 'ok', '2': 'unsupported', '3': 'codeMismatch', '4': 'configMismatch' }, 'unit', 'Unit {index}, Status'),
    netState('dellNetFanTrayTable', `${NET}.4.7.1.4`, 'dellNetFanTrayOperStatus', UP_DOWN, 'fan', 'Fan {index}, Status'),
  ],
};
