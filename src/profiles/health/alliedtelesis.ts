/**
 * Allied Telesis AlliedWare Plus (enterprise 207): AT-SYSINFO-MIB CPU per stack member (last
 * minute), AT-ENVMONv2-MIB fan speeds, voltages, temperatures and their states, power supply bay
 * sensor states — read as LibreNMS's awplus definition reads them. Memory comes from
 * HOST-RESOURCES-MIB. Allied Telesis's MIBs carry its copyright: not shipped.
 */
import { col, type HealthProfile } from './types.js';

const ENV = '1.3.6.1.4.1.207.8.4.4.3.12';
const M = 'AT-ENVMONv2-MIB';
const FAILED_GOOD = { '-1': 'null', '1': 'failed', '2': 'good' };
const RANGE = { '-1': 'null', '1': 'outOfRange', '2': 'inRange' };

type Filter = { column: string; notIn: number[] };
const reading = (table: string, entry: string, column: number, obj: string, descrObj: string, cls: string, key: string, more: { divisor?: number; filters?: Filter[] } = {}) => ({
  name: 'sensor',
  table,
  indexLength: 3,
  columns: {
    descr: col(`${ENV}.${entry}.4`, `${M}::${descrObj}`, { conversion: 'text' as const }),
    value: col(`${ENV}.${entry}.${column}`, `${M}::${obj}`, more.divisor === undefined ? { conversion: 'integer' as const } : { conversion: 'integer' as const, divisor: more.divisor }),
  },
  tags: { class: cls, index: `${key}.{index}` },
  ...(more.filters === undefined ? {} : { filters: more.filters }),
});

const status = (table: string, entry: string, column: number, obj: string, descrColumn: number, descrObj: string, states: Record<string, string>, key: string, indexLength: number | readonly [number, number]) => ({
  name: 'sensor',
  table,
  indexLength,
  columns: {
    descr: col(`${ENV}.${entry}.${descrColumn}`, `${M}::${descrObj}`, { conversion: 'text' as const }),
    value: col(`${ENV}.${entry}.${column}`, `${M}::${obj}`, { conversion: 'integer' as const }),
    status: col(`${ENV}.${entry}.${column}`, `${M}::${obj}`, { conversion: 'enum' as const, enum: states }),
  },
  tags: { class: 'state', index: `${key}.{index}` },
});

export const ALLIED_TELESIS: HealthProfile = {
  name: 'allied-telesis',
  mib: 'AT-SYSINFO-MIB, AT-ENVMONv2-MIB',
  source: 'not shipped (Allied Telesis copyright); Allied Telesis download centre (AlliedWare Plus MIBs)',
  shipped: false,
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.207'] },
  supersedes: ['hr-processor', 'ucd-cpu'],
  tables: [
    {
      name: 'processor',
      table: 'cpuUtilisationStackTable',
      indexLength: 1,
      columns: { usage: col('1.3.6.1.4.1.207.8.4.4.3.3.8.1.4', 'AT-SYSINFO-MIB::cpuUtilisationStackAvgLastMinute', { conversion: 'integer' }) },
      texts: { descr: 'Processor {index}' },
    },
    reading('atEnvMonv2FanTable', '1.1', 5, 'atEnvMonv2FanCurrentSpeed', 'atEnvMonv2FanDescription', 'fanspeed', 'fan', { filters: [{ column: 'value', notIn: [0] }] }),
    reading('atEnvMonv2VoltageTable', '2.1', 5, 'atEnvMonv2VoltageCurrent', 'atEnvMonv2VoltageDescription', 'voltage', 'voltage', { divisor: 1000 }),
    reading('atEnvMonv2TemperatureTable', '3.1', 5, 'atEnvMonv2TemperatureCurrent', 'atEnvMonv2TemperatureDescription', 'temperature', 'temp', { filters: [{ column: 'value', notIn: [128, -128] }] }),
    status('atEnvMonv2FanTable', '1.1', 7, 'atEnvMonv2FanStatus', 4, 'atEnvMonv2FanDescription', FAILED_GOOD, 'fan', 3),
    status('atEnvMonv2VoltageTable', '2.1', 8, 'atEnvMonv2VoltageStatus', 4, 'atEnvMonv2VoltageDescription', RANGE, 'voltage', 3),
    status('atEnvMonv2TemperatureTable', '3.1', 7, 'atEnvMonv2TemperatureStatus', 4, 'atEnvMonv2TemperatureDescription', RANGE, 'temp', 3),
    status('atEnvMonv2PsbSensorTable', '4.2.1', 6, 'atEnvMonv2PsbSensorStatus', 5, 'atEnvMonv2PsbSensorDescription', { ...FAILED_GOOD, '3': 'notPowered' }, 'psb', [3, 4]),
  ],
};
