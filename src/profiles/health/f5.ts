/**
 * F5 BIG-IP: F5-BIGIP-SYSTEM-MIB TMM memory, chassis and CPU temperatures, fan speeds, fan and
 * power-supply states, failover and config-sync states — read as LibreNMS's f5 OS reads them.
 * Processors (and host memory) come from HOST-RESOURCES-MIB, as in LibreNMS. F5's MIBs carry F5's
 * copyright: not shipped.
 */
import { col, stateScalar, type HealthProfile } from './types.js';

const SYS = '1.3.6.1.4.1.3375.2.1';
const CHAS = `${SYS}.3.2`;
const M = 'F5-BIGIP-SYSTEM-MIB';
/** sysChassisFanStatus / sysChassisPowerSupplyStatus. */
const CHASSIS_STATE = { '0': 'Bad', '1': 'Good', '2': 'NotPresent' };
const FAILOVER = { '0': 'Unknown', '1': 'OffLine', '2': 'ForcedOffline', '3': 'Standby', '4': 'Active' };
const SYNC = { '0': 'unknown', '1': 'syncing', '2': 'needManualSync', '3': 'inSync', '4': 'syncFailed', '5': 'syncDisconnected', '6': 'standalone', '7': 'awaitingInitialSync', '8': 'incompatibleVersion', '9': 'partialSync' };
const COLOR = { '0': 'Green', '1': 'Yellow', '2': 'Red', '3': 'Blue', '4': 'Gray', '5': 'Black' };

const state = (index: string, oid: string, obj: string, states: Record<string, string>, descr: string) => stateScalar(M, index, oid, obj, states, descr);

export const F5_BIGIP: HealthProfile = {
  name: 'f5-bigip',
  mib: 'F5-BIGIP-SYSTEM-MIB',
  source: 'not shipped (F5 copyright); on the BIG-IP at /usr/share/snmp/mibs or F5 downloads',
  shipped: false,
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.3375'] },
  scalars: [
    {
      name: 'memory',
      index: '0',
      texts: { descr: 'TMM Memory' },
      columns: {
        total: col(`${SYS}.1.2.1.44.0`, `${M}::sysStatMemoryTotal`, { conversion: 'integer' }),
        used: col(`${SYS}.1.2.1.45.0`, `${M}::sysStatMemoryUsed`, { conversion: 'integer' }),
      },
    },
    state('failover', `${SYS}.14.3.1.0`, 'sysCmFailoverStatusId', FAILOVER, 'sysCmFailoverStatusId.{value}'),
    state('sync', `${SYS}.14.1.1.0`, 'sysCmSyncStatusId', SYNC, 'sysCmSyncStatusId.0'),
    state('failover-color', `${SYS}.14.3.3.0`, 'sysCmFailoverStatusColor', COLOR, 'sysCmFailoverStatusColor.0'),
  ],
  tables: [
    {
      name: 'sensor',
      table: 'sysChassisTempTable',
      indexLength: 1,
      columns: { value: col(`${CHAS}.3.2.1.2`, `${M}::sysChassisTempTemperature`, { conversion: 'integer' }) },
      tags: { class: 'temperature', index: 'chassis.{index}' },
      texts: { descr: 'sysChassisTempTemperature.{index}' },
    },
    {
      name: 'sensor',
      table: 'sysCpuSensorTable',
      indexLength: [1, 2],
      columns: { value: col(`${SYS}.3.6.2.1.2`, `${M}::sysCpuSensorTemperature`, { conversion: 'integer' }) },
      tags: { class: 'temperature', index: 'cpu.{index}' },
      texts: { descr: 'Cpu Temperature slot{index}' },
    },
    {
      name: 'sensor',
      table: 'sysChassisFanTable',
      indexLength: 1,
      columns: { value: col(`${CHAS}.1.2.1.3`, `${M}::sysChassisFanSpeed`, { conversion: 'integer' }) },
      tags: { class: 'fanspeed', index: 'fan.{index}' },
      texts: { descr: 'Fan Speed {index}' },
      filters: [{ column: 'value', min: 0 }],
    },
    {
      name: 'sensor',
      table: 'sysChassisFanTable',
      indexLength: 1,
      columns: {
        value: col(`${CHAS}.1.2.1.2`, `${M}::sysChassisFanStatus`, { conversion: 'integer' }),
        status: col(`${CHAS}.1.2.1.2`, `${M}::sysChassisFanStatus`, { conversion: 'enum', enum: CHASSIS_STATE }),
      },
      tags: { class: 'state', index: 'fan.{index}' },
      texts: { descr: 'Fan Speed Status {index}' },
    },
    {
      name: 'sensor',
      table: 'sysChassisPowerSupplyTable',
      indexLength: 1,
      columns: {
        value: col(`${CHAS}.2.2.1.2`, `${M}::sysChassisPowerSupplyStatus`, { conversion: 'integer' }),
        status: col(`${CHAS}.2.2.1.2`, `${M}::sysChassisPowerSupplyStatus`, { conversion: 'enum', enum: CHASSIS_STATE }),
      },
      tags: { class: 'state', index: 'psu.{index}' },
      texts: { descr: 'sysChassisPowerSupplyStatus.{index}' },
    },
  ],
};
