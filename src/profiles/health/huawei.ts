/**
 * Huawei VRP (switches, routers, AR, WLAN controllers): HUAWEI-ENTITY-EXTENT-MIB hwEntityStateTable
 * (CPU and memory use per board, board temperatures and voltages), hwOpticalModuleInfoTable (SFP
 * temperature, voltage, bias current, Rx/Tx power in hundredths of a dBm), hwFanStatusTable fan
 * states and HUAWEI-ENERGYMNGT-MIB power consumption, named by ENTITY-MIB entPhysicalName — read
 * as LibreNMS's vrp definition reads them. Optics that report power in µW (a logarithm away from
 * dBm) are left out. Huawei's MIBs carry Huawei's copyright: not shipped.
 */
import { col, type HealthProfile } from './types.js';

const EXT = '1.3.6.1.4.1.2011.5.25.31.1.1';
const STATE = `${EXT}.1.1`;
const OPT = `${EXT}.3.1`;
const FAN = `${EXT}.10.1`;
const ENERGY = '1.3.6.1.4.1.2011.6.157';
const M = 'HUAWEI-ENTITY-EXTENT-MIB';
/** Values a Huawei agent gives for "no reading". */
const NO_READING = 2147483646;

const entPhysicalName = [{ name: 'entPhysicalTable', on: 'index', columns: { entPhysicalName: col('1.3.6.1.2.1.47.1.1.1.1.7', 'ENTITY-MIB::entPhysicalName', { conversion: 'text' }) } }];

/** A hwEntityStateTable sensor, left out when 0 or at the agent's "no reading" value. */
const board = (column: number, obj: string, cls: string, key: string, divisor?: number) => ({
  name: 'sensor',
  table: 'hwEntityStateTable',
  indexLength: 1,
  columns: {
    raw: col(`${STATE}.${column}`, `${M}::${obj}`, { role: 'hidden', conversion: 'integer' }),
    value: col(`${STATE}.${column}`, `${M}::${obj}`, divisor === undefined ? { conversion: 'integer' as const } : { conversion: 'integer' as const, divisor }),
  },
  joins: entPhysicalName,
  tags: { class: cls, index: `${key}.{index}` },
  texts: { descr: '{entPhysicalName}' },
  filters: [
    { column: 'raw', notIn: [0] },
    { column: 'raw', max: NO_READING - 1 },
  ],
});

const opticalMode = col(`${OPT}.1`, `${M}::hwEntityOpticalMode`, { role: 'hidden', conversion: 'integer' });
/** An SFP reading; hwEntityOpticalMode notSupported(1) means no module diagnostics. */
const optical = (column: number, obj: string, cls: string, key: string, descr: string, more: { divisor?: number; filters?: { column: string; min?: number; max?: number; notIn?: number[] }[] } = {}) => ({
  name: 'sensor',
  table: 'hwOpticalModuleInfoTable',
  indexLength: 1,
  columns: {
    mode: opticalMode,
    raw: col(`${OPT}.${column}`, `${M}::${obj}`, { role: 'hidden', conversion: 'integer' }),
    value: col(`${OPT}.${column}`, `${M}::${obj}`, more.divisor === undefined ? { conversion: 'integer' as const } : { conversion: 'integer' as const, divisor: more.divisor }),
  },
  joins: entPhysicalName,
  tags: { class: cls, index: `${key}.{index}` },
  texts: { descr },
  filters: [{ column: 'mode', notIn: [1] }, ...(more.filters ?? [])],
});

/** Rx/Tx power in hundredths of a dBm (zero or below); µW readings (above zero) need a logarithm and are left out. */
const power = (column: number, obj: string, key: string, what: string) => ({
  name: 'sensor',
  table: 'hwOpticalModuleInfoTable',
  indexLength: 1,
  columns: {
    raw: col(`${OPT}.${column}`, `${M}::${obj}`, { role: 'hidden', conversion: 'integer' }),
    bias: col(`${OPT}.7`, `${M}::hwEntityOpticalBiasCurrent`, { role: 'hidden', conversion: 'integer' }),
    value: col(`${OPT}.${column}`, `${M}::${obj}`, { conversion: 'integer', divisor: 100 }),
  },
  joins: entPhysicalName,
  tags: { class: 'dbm', index: `${key}.{index}` },
  texts: { descr: `{entPhysicalName} ${what}` },
  filters: [
    { column: 'raw', max: 0 },
    { column: 'bias', notIn: [0] },
  ],
});

export const HUAWEI_VRP: HealthProfile = {
  name: 'huawei-vrp',
  mib: 'HUAWEI-ENTITY-EXTENT-MIB, HUAWEI-ENERGYMNGT-MIB',
  source: 'not shipped (Huawei copyright); Huawei support (product MIB package for the VRP release)',
  shipped: false,
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.2011'] },
  supersedes: ['hr-processor', 'hr-memory', 'ucd-cpu', 'ucd-memory'],
  scalars: [
    { name: 'sensor', index: 'average', tags: { class: 'power' }, texts: { descr: 'Average Power Consumption' }, columns: { value: col(`${ENERGY}.1.3.0`, 'HUAWEI-ENERGYMNGT-MIB::hwAveragePower', { conversion: 'integer', divisor: 1000 }) } },
    { name: 'sensor', index: 'current', tags: { class: 'power' }, texts: { descr: 'Current Power Consumption' }, columns: { value: col(`${ENERGY}.1.6.0`, 'HUAWEI-ENERGYMNGT-MIB::hwCurrentPower', { conversion: 'integer', divisor: 1000 }) } },
  ],
  tables: [
    {
      name: 'processor',
      table: 'hwEntityStateTable',
      indexLength: 1,
      columns: {
        oper: col(`${STATE}.2`, `${M}::hwEntityOperStatus`, { role: 'hidden', conversion: 'integer' }),
        threshold: col(`${STATE}.6`, `${M}::hwEntityCpuUsageThreshold`, { role: 'hidden', conversion: 'integer' }),
        usage: col(`${STATE}.5`, `${M}::hwEntityCpuUsage`, { conversion: 'integer' }),
      },
      joins: entPhysicalName,
      texts: { descr: '{entPhysicalName} Processor' },
      // Boards in service (hwEntityOperStatus enabled(3)) that have a CPU (a usage threshold set).
      filters: [
        { column: 'oper', in: [3] },
        { column: 'threshold', notIn: [0] },
      ],
    },
    {
      name: 'memory',
      table: 'hwEntityStateTable',
      indexLength: 1,
      columns: {
        percent: col(`${STATE}.7`, `${M}::hwEntityMemUsage`, { conversion: 'integer' }),
        // hwEntityMemSizeMega (MB) where the agent has it, else hwEntityMemSize (bytes).
        total: col(`${STATE}.19`, `${M}::hwEntityMemSizeMega`, { conversion: 'integer', multiplier: 1024 * 1024, fallback: 'bytes' }),
        bytes: col(`${STATE}.9`, `${M}::hwEntityMemSize`, { role: 'hidden', conversion: 'integer' }),
      },
      joins: entPhysicalName,
      texts: { descr: '{entPhysicalName} Memory' },
      filters: [
        { column: 'total', min: 1 },
        { column: 'entPhysicalName', present: true },
      ],
    },
    board(11, 'hwEntityTemperature', 'temperature', 'board'),
    board(13, 'hwEntityVoltage', 'voltage', 'board', 1000),
    optical(5, 'hwEntityOpticalTemperature', 'temperature', 'sfp', '{entPhysicalName}', { filters: [{ column: 'raw', min: -50, max: NO_READING - 1 }] }),
    optical(6, 'hwEntityOpticalVoltage', 'voltage', 'sfp', '{entPhysicalName}', { divisor: 1000, filters: [{ column: 'raw', notIn: [-1] }] }),
    // Bias current in µA on VRP (1000 and more), in mA on NE8000 (below 1000).
    optical(7, 'hwEntityOpticalBiasCurrent', 'current', 'sfp', 'VRP-{entPhysicalName}', { divisor: 1_000_000, filters: [{ column: 'raw', min: 1000 }] }),
    optical(7, 'hwEntityOpticalBiasCurrent', 'current', 'sfp-ne', 'NE8-{entPhysicalName}', { divisor: 1000, filters: [{ column: 'raw', notIn: [-1], max: 999 }] }),
    power(8, 'hwEntityOpticalRxPower', 'rx', 'Rx'),
    power(9, 'hwEntityOpticalTxPower', 'tx', 'Tx'),
    {
      name: 'sensor',
      table: 'hwFanStatusTable',
      indexLength: 2,
      columns: {
        value: col(`${FAN}.7`, `${M}::hwEntityFanState`, { conversion: 'integer' }),
        status: col(`${FAN}.7`, `${M}::hwEntityFanState`, { conversion: 'enum', enum: { '1': 'Normal', '2': 'Abnormal' } }),
      },
      tags: { class: 'state', index: 'fan.{index}' },
      texts: { descr: 'Fan {index} Status' },
    },
  ],
};
