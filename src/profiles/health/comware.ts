/**
 * H3C / HPE Comware: HH3C-ENTITY-EXT-MIB CPU, memory and temperature per entity (named by
 * ENTITY-MIB entPhysicalName), HH3C-TRANSCEIVER-INFO-MIB diagnostics per port (admin up, with
 * diagnostics), HH3C-LswDEVM-MIB fan and power-supply states — read as LibreNMS's comware OS
 * reads them. H3C's MIBs carry H3C's copyright: not shipped.
 */
import type { MetricJoin } from '../../model/metric-def.js';
import { col, type HealthProfile } from './types.js';

const EXT = '1.3.6.1.4.1.25506.2.6.1.1.1.1';
const XCVR = '1.3.6.1.4.1.25506.2.70.1.1.1';
const DEVM = '1.3.6.1.4.1.25506.8.35.9.1';
const E = 'HH3C-ENTITY-EXT-MIB';
const X = 'HH3C-TRANSCEIVER-INFO-MIB';
/** HH3C-TRANSCEIVER-INFO-MIB's "no reading". */
const NO_READING = 2147483647;
/** ENTITY-MIB PhysicalClass sensor(8), module(9). */
const SENSOR_CLASS = 8;
const MODULE_CLASS = 9;

const entity: readonly MetricJoin[] = [
  {
    name: 'entPhysicalTable',
    on: 'index',
    columns: {
      entPhysicalName: col('1.3.6.1.2.1.47.1.1.1.1.7', 'ENTITY-MIB::entPhysicalName', { conversion: 'text' }),
      entPhysicalClass: col('1.3.6.1.2.1.47.1.1.1.1.5', 'ENTITY-MIB::entPhysicalClass', { conversion: 'integer' }),
    },
  },
];

/** hh3cTransceiverInfoTable is indexed by ifIndex: the port's name and admin state come from IF-MIB. */
const port: readonly MetricJoin[] = [
  { name: 'ifTable', on: 'index', columns: { ifDescr: col('1.3.6.1.2.1.2.2.1.2', 'IF-MIB::ifDescr', { conversion: 'text' }), ifAdminStatus: col('1.3.6.1.2.1.2.2.1.7', 'IF-MIB::ifAdminStatus', { conversion: 'integer' }) } },
  { name: 'ifXTable', on: 'index', columns: { ifName: col('1.3.6.1.2.1.31.1.1.1.1', 'IF-MIB::ifName', { conversion: 'text' }) } },
];

const transceiver = (column: number, obj: string, cls: string, key: string, descr: string, divisor?: number) => ({
  name: 'sensor',
  table: 'hh3cTransceiverInfoTable',
  indexLength: 1,
  columns: {
    diagnostic: col(`${XCVR}.8`, `${X}::hh3cTransceiverDiagnostic`, { role: 'hidden', conversion: 'integer' }),
    raw: col(`${XCVR}.${column}`, `${X}::${obj}`, { role: 'hidden', conversion: 'integer' }),
    value: col(`${XCVR}.${column}`, `${X}::${obj}`, divisor === undefined ? { conversion: 'integer' as const } : { conversion: 'integer' as const, divisor }),
  },
  joins: port,
  tags: { class: cls, index: `${key}-{index}` },
  texts: { descr },
  filters: [
    { column: 'diagnostic', present: true },
    { column: 'raw', notIn: [NO_READING] },
    { column: 'ifAdminStatus', in: [1] },
  ],
});

/** hh3cDevMFanStatus / hh3cDevMPowerStatus. */
const DEVM_STATE = { '1': 'active', '2': 'deactive', '3': 'not-install', '4': 'unsupport' };
const devm = (table: string, column: string, obj: string, key: string, descr: string) => ({
  name: 'sensor',
  table,
  indexLength: 1,
  columns: {
    value: col(`${DEVM}.${column}`, `HH3C-LswDEVM-MIB::${obj}`, { conversion: 'integer' }),
    status: col(`${DEVM}.${column}`, `HH3C-LswDEVM-MIB::${obj}`, { conversion: 'enum', enum: DEVM_STATE }),
  },
  tags: { class: 'state', index: `${key}.{index}` },
  texts: { descr },
});

export const COMWARE: HealthProfile = {
  name: 'comware',
  mib: 'HH3C-ENTITY-EXT-MIB, HH3C-TRANSCEIVER-INFO-MIB, HH3C-LswDEVM-MIB',
  source: 'not shipped (H3C copyright); H3C / HPE support (Comware MIB package)',
  shipped: false,
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.25506'] },
  supersedes: ['hr-processor', 'hr-memory', 'ucd-cpu', 'ucd-memory'],
  tables: [
    {
      name: 'processor',
      table: 'hh3cEntityExtStateTable',
      indexLength: 1,
      columns: { usage: col(`${EXT}.6`, `${E}::hh3cEntityExtCpuUsage`, { conversion: 'integer' }) },
      joins: entity,
      texts: { descr: '{entPhysicalName}' },
      // Entities without a CPU report 0.
      filters: [{ column: 'usage', notIn: [0] }],
    },
    {
      name: 'memory',
      table: 'hh3cEntityExtStateTable',
      indexLength: 1,
      columns: {
        percent: col(`${EXT}.8`, `${E}::hh3cEntityExtMemUsage`, { conversion: 'integer' }),
        total: col(`${EXT}.10`, `${E}::hh3cEntityExtMemSize`, { conversion: 'integer' }),
      },
      joins: entity,
      texts: { descr: '{entPhysicalName}' },
      filters: [
        { column: 'percent', min: 1 },
        { column: 'entPhysicalClass', in: [MODULE_CLASS] },
      ],
    },
    {
      name: 'sensor',
      table: 'hh3cEntityExtStateTable',
      indexLength: 1,
      columns: { value: col(`${EXT}.12`, `${E}::hh3cEntityExtTemperature`, { conversion: 'integer' }) },
      joins: entity,
      tags: { class: 'temperature', index: 'temp-{index}' },
      texts: { descr: '{entPhysicalName}' },
      // 65535: no sensor.
      filters: [
        { column: 'value', notIn: [65535] },
        { column: 'entPhysicalClass', in: [SENSOR_CLASS, MODULE_CLASS] },
      ],
    },
    transceiver(15, 'hh3cTransceiverTemperature', 'temperature', 'temp-trans', '{ifDescr} Temperature'),
    transceiver(12, 'hh3cTransceiverCurRXPower', 'dbm', 'rx', '{ifName} Receive Power', 100),
    transceiver(9, 'hh3cTransceiverCurTXPower', 'dbm', 'tx', '{ifName} Transmit Power', 100),
    transceiver(16, 'hh3cTransceiverVoltage', 'voltage', 'volt', '{ifName} Supply Voltage', 100),
    transceiver(17, 'hh3cTransceiverBiasCurrent', 'current', 'bias', '{ifName} Bias Current', 100_000),
    devm('hh3cdevMFanStatusTable', '1.1.2', 'hh3cDevMFanStatus', 'fan', 'Fan {index}'),
    devm('hh3cdevMPowerStatusTable', '2.1.2', 'hh3cDevMPowerStatus', 'psu', 'Power Supply {index}'),
  ],
};
