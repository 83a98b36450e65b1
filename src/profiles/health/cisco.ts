/**
 * Cisco: CISCO-PROCESS-MIB (CPU), CISCO-ENHANCED-MEMPOOL-MIB / CISCO-MEMORY-POOL-MIB (memory),
 * CISCO-ENTITY-SENSOR-MIB (sensors incl. optics in dBm), CISCO-ENVMON-MIB (temperatures, fan and
 * power supply states), and the Small Business (CiscoSB) switches' CPU, unit temperature and SFP
 * diagnostics. Cisco's MIBs carry "All rights reserved": not shipped (https://github.com/cisco/cisco-mibs).
 */
import { ENT_PHYSICAL_NAMES } from './standard.js';
import { SENSOR_STATUS, SENSOR_TYPE_CLASSES, col, type HealthProfile } from './types.js';

const SOURCE = 'not shipped (Cisco, all rights reserved); https://github.com/cisco/cisco-mibs';
const CISCO = ['1.3.6.1.4.1.9'];
const CPM = '1.3.6.1.4.1.9.9.109.1.1.1.1';

/** cpmCPUTotalTable: 5-minute CPU busy per CPU (the Rev column, else the old one), named by its entPhysicalIndex. */
export const CISCO_PROCESS: HealthProfile = {
  name: 'cisco-process',
  mib: 'CISCO-PROCESS-MIB',
  source: SOURCE,
  shipped: false,
  match: { sysObjectIdPrefixes: CISCO },
  supersedes: ['hr-processor', 'ucd-cpu'],
  tables: [
    {
      name: 'processor',
      table: 'cpmCPUTotalTable',
      indexLength: 1,
      columns: {
        physicalIndex: col(`${CPM}.2`, 'CISCO-PROCESS-MIB::cpmCPUTotalPhysicalIndex', { role: 'hidden', conversion: 'integer' }),
        usage: col(`${CPM}.8`, 'CISCO-PROCESS-MIB::cpmCPUTotal5minRev', { conversion: 'integer', fallback: 'usageOld' }),
        usageOld: col(`${CPM}.5`, 'CISCO-PROCESS-MIB::cpmCPUTotal5min', { role: 'hidden', conversion: 'integer' }),
      },
      joins: [{ name: 'entPhysicalTable', on: 'physicalIndex', columns: ENT_PHYSICAL_NAMES }],
      texts: { descr: '{entPhysicalName|entPhysicalDescr|index}' },
    },
  ],
};

const CEMP = '1.3.6.1.4.1.9.9.221.1.1.1.1';

/** cempMemPoolTable (by entPhysicalIndex.poolIndex): 64-bit used/free where present, else 32-bit. */
export const CISCO_ENHANCED_MEMPOOL: HealthProfile = {
  name: 'cisco-enhanced-mempool',
  mib: 'CISCO-ENHANCED-MEMPOOL-MIB',
  source: SOURCE,
  shipped: false,
  match: { sysObjectIdPrefixes: CISCO },
  supersedes: ['cisco-memory-pool', 'hr-memory', 'ucd-memory'],
  tables: [
    {
      name: 'memory',
      table: 'cempMemPoolTable',
      indexLength: 2,
      columns: {
        poolName: col(`${CEMP}.3`, 'CISCO-ENHANCED-MEMPOOL-MIB::cempMemPoolName', { role: 'hidden', conversion: 'text' }),
        used: col(`${CEMP}.18`, 'CISCO-ENHANCED-MEMPOOL-MIB::cempMemPoolHCUsed', { conversion: 'integer', fallback: 'used32' }),
        free: col(`${CEMP}.20`, 'CISCO-ENHANCED-MEMPOOL-MIB::cempMemPoolHCFree', { conversion: 'integer', fallback: 'free32' }),
        used32: col(`${CEMP}.7`, 'CISCO-ENHANCED-MEMPOOL-MIB::cempMemPoolUsed', { role: 'hidden', conversion: 'integer' }),
        free32: col(`${CEMP}.8`, 'CISCO-ENHANCED-MEMPOOL-MIB::cempMemPoolFree', { role: 'hidden', conversion: 'integer' }),
      },
      joins: [{ name: 'entPhysicalTable', on: 'index', indexPrefix: 1, columns: ENT_PHYSICAL_NAMES }],
      texts: { descr: '{entPhysicalName|entPhysicalDescr} - {poolName}' },
    },
  ],
};

const CMP = '1.3.6.1.4.1.9.9.48.1.1.1';

/** ciscoMemoryPoolTable (older IOS): used and free bytes per pool. */
export const CISCO_MEMORY_POOL: HealthProfile = {
  name: 'cisco-memory-pool',
  mib: 'CISCO-MEMORY-POOL-MIB',
  source: SOURCE,
  shipped: false,
  match: { sysObjectIdPrefixes: CISCO },
  supersedes: ['hr-memory', 'ucd-memory'],
  tables: [
    {
      name: 'memory',
      table: 'ciscoMemoryPoolTable',
      indexLength: 1,
      columns: {
        descr: col(`${CMP}.2`, 'CISCO-MEMORY-POOL-MIB::ciscoMemoryPoolName', { conversion: 'text' }),
        used: col(`${CMP}.5`, 'CISCO-MEMORY-POOL-MIB::ciscoMemoryPoolUsed', { conversion: 'integer' }),
        free: col(`${CMP}.6`, 'CISCO-MEMORY-POOL-MIB::ciscoMemoryPoolFree', { conversion: 'integer' }),
      },
    },
  ],
};

const CES = '1.3.6.1.4.1.9.9.91.1.1.1.1';

/** entSensorValueTable: ENTITY-SENSOR-MIB's scheme plus dBm (transceiver optics), named by ENTITY-MIB. */
export const CISCO_ENTITY_SENSOR: HealthProfile = {
  name: 'cisco-entity-sensor',
  mib: 'CISCO-ENTITY-SENSOR-MIB',
  source: SOURCE,
  shipped: false,
  match: { sysObjectIdPrefixes: CISCO },
  supersedes: ['entity-sensor'],
  tables: [
    {
      name: 'sensor',
      table: 'entSensorValueTable',
      indexLength: 1,
      columns: {
        class: col(`${CES}.1`, 'CISCO-ENTITY-SENSOR-MIB::entSensorType', { role: 'tag', conversion: 'enum', enum: SENSOR_TYPE_CLASSES }),
        scale: col(`${CES}.2`, 'CISCO-ENTITY-SENSOR-MIB::entSensorScale', { role: 'hidden', conversion: 'integer' }),
        precision: col(`${CES}.3`, 'CISCO-ENTITY-SENSOR-MIB::entSensorPrecision', { role: 'hidden', conversion: 'integer' }),
        value: col(`${CES}.4`, 'CISCO-ENTITY-SENSOR-MIB::entSensorValue', { conversion: 'integer', precisionFrom: 'precision', siScaleFrom: 'scale' }),
        status: col(`${CES}.5`, 'CISCO-ENTITY-SENSOR-MIB::entSensorStatus', { role: 'hidden', conversion: 'enum', enum: SENSOR_STATUS }),
      },
      joins: [{ name: 'entPhysicalTable', on: 'index', columns: ENT_PHYSICAL_NAMES }],
      texts: { descr: '{entPhysicalDescr|entPhysicalName}' },
      filters: [
        { column: 'class', present: true },
        { column: 'status', notIn: ['unavailable', 'nonoperational'] },
      ],
    },
  ],
};

const ENVMON = '1.3.6.1.4.1.9.9.13.1';
/** CiscoEnvMonState. */
const ENVMON_STATE = { '1': 'normal', '2': 'warning', '3': 'critical', '4': 'shutdown', '5': 'notPresent', '6': 'notFunctioning' };

/** CISCO-ENVMON-MIB: temperatures (°C) with their state, fan and power-supply states. */
export const CISCO_ENVMON: HealthProfile = {
  name: 'cisco-envmon',
  mib: 'CISCO-ENVMON-MIB',
  source: SOURCE,
  shipped: false,
  match: { sysObjectIdPrefixes: CISCO },
  tables: [
    {
      name: 'sensor',
      table: 'ciscoEnvMonTemperatureStatusTable',
      indexLength: 1,
      columns: {
        descr: col(`${ENVMON}.3.1.2`, 'CISCO-ENVMON-MIB::ciscoEnvMonTemperatureStatusDescr', { conversion: 'text' }),
        value: col(`${ENVMON}.3.1.3`, 'CISCO-ENVMON-MIB::ciscoEnvMonTemperatureStatusValue', { conversion: 'integer' }),
        status: col(`${ENVMON}.3.1.6`, 'CISCO-ENVMON-MIB::ciscoEnvMonTemperatureState', { conversion: 'enum', enum: ENVMON_STATE }),
      },
      tags: { class: 'temperature', index: 'envmon.{index}' },
      filters: [{ column: 'status', notIn: ['notPresent'] }],
    },
    {
      name: 'sensor',
      table: 'ciscoEnvMonFanStatusTable',
      indexLength: 1,
      columns: {
        descr: col(`${ENVMON}.4.1.2`, 'CISCO-ENVMON-MIB::ciscoEnvMonFanStatusDescr', { conversion: 'text' }),
        value: col(`${ENVMON}.4.1.3`, 'CISCO-ENVMON-MIB::ciscoEnvMonFanState', { conversion: 'integer' }),
        status: col(`${ENVMON}.4.1.3`, 'CISCO-ENVMON-MIB::ciscoEnvMonFanState', { conversion: 'enum', enum: ENVMON_STATE }),
      },
      tags: { class: 'state', index: 'fan.{index}' },
      filters: [{ column: 'status', notIn: ['notPresent'] }],
    },
    {
      name: 'sensor',
      table: 'ciscoEnvMonSupplyStatusTable',
      indexLength: 1,
      columns: {
        descr: col(`${ENVMON}.5.1.2`, 'CISCO-ENVMON-MIB::ciscoEnvMonSupplyStatusDescr', { conversion: 'text' }),
        value: col(`${ENVMON}.5.1.3`, 'CISCO-ENVMON-MIB::ciscoEnvMonSupplyState', { conversion: 'integer' }),
        status: col(`${ENVMON}.5.1.3`, 'CISCO-ENVMON-MIB::ciscoEnvMonSupplyState', { conversion: 'enum', enum: ENVMON_STATE }),
      },
      tags: { class: 'state', index: 'psu.{index}' },
      filters: [{ column: 'status', notIn: ['notPresent'] }],
    },
  ],
};

const SB = '1.3.6.1.4.1.9.6.1.101';
const SB_SOURCE = 'not shipped (Cisco, all rights reserved); Cisco Small Business MIBs (CISCOSB-*)';
const PHY_TEST = `${SB}.90.1.2.1.3`;
const IF_NAME = { ifName: col('1.3.6.1.2.1.31.1.1.1.1', 'IF-MIB::ifName', { conversion: 'text' }) };

/** One SFP diagnostic of rlPhyTestGetTable (index ifIndex.testType), as a sensor of `cls` scaled by `divisor`. */
function sfpTest(testType: number, cls: string, divisor: number, what: string) {
  return {
    name: 'sensor',
    table: 'rlPhyTestGetTable',
    indexLength: 2,
    columns: { value: col(PHY_TEST, 'CISCOSB-PHY-MIB::rlPhyTestGetResult', { conversion: 'integer', divisor }) },
    joins: [{ name: 'ifXTable', on: 'index', indexPrefix: 1, columns: IF_NAME }],
    tags: { class: cls },
    texts: { descr: `{ifName} ${what}` },
    filters: [{ column: 'index', matches: `\\.${testType}$` }],
  } as const;
}

/** Cisco Small Business (Catalyst 1200/1300, SG series): CPU, unit temperature, SFP diagnostics. */
export const CISCO_SB: HealthProfile = {
  name: 'ciscosb',
  mib: 'CISCOSB-RNDMNG, CISCOSB-Physicaldescription-MIB, CISCOSB-PHY-MIB',
  source: SB_SOURCE,
  shipped: false,
  match: { sysObjectIdPrefixes: CISCO, probes: [`${SB}.1`, `${SB}.53.15`, `${SB}.90.1`] },
  scalars: [
    {
      name: 'processor',
      index: '0',
      columns: {
        usage: col(`${SB}.1.9.0`, 'CISCOSB-RNDMNG::rlCpuUtilDuringLast5Minutes', { conversion: 'integer', fallback: 'lastMinute' }),
        lastMinute: col(`${SB}.1.8.0`, 'CISCOSB-RNDMNG::rlCpuUtilDuringLastMinute', { role: 'hidden', conversion: 'integer' }),
      },
      texts: { descr: 'CPU' },
    },
  ],
  tables: [
    {
      name: 'sensor',
      table: 'rlPhdUnitEnvParamTable',
      indexLength: 1,
      columns: { value: col(`${SB}.53.15.1.10`, 'CISCOSB-Physicaldescription-MIB::rlPhdUnitEnvParamTempSensorValue', { conversion: 'integer' }) },
      tags: { class: 'temperature', index: 'unit.{index}' },
      texts: { descr: 'Unit {index} Temperature' },
    },
    sfpTest(5, 'temperature', 1, 'Module'),
    sfpTest(6, 'voltage', 1_000_000, 'Supply Voltage'),
    sfpTest(7, 'current', 1_000_000, 'Bias Current'),
    sfpTest(8, 'dbm', 1000, 'Transmit Power'),
    sfpTest(9, 'dbm', 1000, 'Receive Power'),
  ],
};
