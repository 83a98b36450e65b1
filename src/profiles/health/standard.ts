/**
 * Standard MIBs every kind of device may implement: HOST-RESOURCES-MIB (RFC 2790) processors and
 * memory, UCD-SNMP-MIB (net-snmp) memory and CPU, ENTITY-SENSOR-MIB (RFC 3433) sensors named from
 * ENTITY-MIB (RFC 6933). Vendor profiles supersede these where they say more.
 */
import type { MetricJoin } from '../../model/metric-def.js';
import { SENSOR_STATUS, SENSOR_TYPE_CLASSES, col, type HealthProfile } from './types.js';

const IETF = 'IETF RFC (HOST-RESOURCES-MIB RFC 2790, ENTITY-MIB RFC 6933, ENTITY-SENSOR-MIB RFC 3433); shipped in mibs/';
const HR_STORAGE = '1.3.6.1.2.1.25.2.3.1';
const HR_TYPES = '1.3.6.1.2.1.25.2.1';
/** net-snmp's hrStorage rows for buffers, cache and shared memory: sized against the RAM, not themselves. */
const NET_SNMP_RECLAIMABLE = '^(Memory buffers|Cached memory|Shared memory)$';
/** net-snmp's name of the RAM row (index 1). */
const NET_SNMP_RAM = '^Physical memory$';
/**
 * Not memory pools an operator watches: FreeBSD's MALLOC/UMA zones, procfs, and net-snmp 5.9's
 * `Available memory` row (its size is what is available, its use always 0).
 */
const NOT_MEMORY = 'MALLOC|UMA|procfs|/proc|^Available memory$';

/** hrProcessorTable: the load of each processor over the last minute, named by hrDeviceDescr. */
export const HR_PROCESSOR: HealthProfile = {
  name: 'hr-processor',
  mib: 'HOST-RESOURCES-MIB',
  source: IETF,
  shipped: true,
  supersedes: ['ucd-cpu'],
  tables: [
    {
      name: 'processor',
      table: 'hrProcessorTable',
      indexLength: 1,
      columns: { usage: col('1.3.6.1.2.1.25.3.3.1.2', 'HOST-RESOURCES-MIB::hrProcessorLoad', { conversion: 'integer' }) },
      joins: [{ name: 'hrDeviceTable', on: 'index', columns: { hrDeviceDescr: col('1.3.6.1.2.1.25.3.2.1.3', 'HOST-RESOURCES-MIB::hrDeviceDescr', { conversion: 'text' }) } }],
      texts: { descr: '{hrDeviceDescr}' },
    },
  ],
};

const storageColumns = {
  type: col(`${HR_STORAGE}.2`, 'HOST-RESOURCES-MIB::hrStorageType', { role: 'hidden', conversion: 'oid' }),
  descr: col(`${HR_STORAGE}.3`, 'HOST-RESOURCES-MIB::hrStorageDescr', { conversion: 'text' }),
  units: col(`${HR_STORAGE}.4`, 'HOST-RESOURCES-MIB::hrStorageAllocationUnits', { role: 'hidden', conversion: 'integer' }),
  total: col(`${HR_STORAGE}.5`, 'HOST-RESOURCES-MIB::hrStorageSize', { conversion: 'integer', multiplyBy: 'units' }),
  used: col(`${HR_STORAGE}.6`, 'HOST-RESOURCES-MIB::hrStorageUsed', { conversion: 'integer', multiplyBy: 'units' }),
} as const;

/**
 * hrStorageTable rows that are memory (hrStorageRam, hrStorageVirtualMemory, hrStorageOther) with
 * a size. net-snmp's buffers / cached / shared rows are measured against the RAM (row 1), as their
 * own size is their use.
 */
/**
 * Row `fixedIndex` of hrStorageTable joined to every row, read in the same walk as the table (same
 * columns): its size or use in bytes as the field `field`, the rest hidden under `prefix…` names.
 */
function storageRow(fixedIndex: string, prefix: string, from: 'total' | 'used', field: string): MetricJoin {
  const c = storageColumns;
  const units = `${prefix}Units`;
  return {
    name: 'hrStorageTable',
    on: 'index',
    fixedIndex,
    columns: {
      [`${prefix}Type`]: { ...c.type, role: 'hidden' },
      [`${prefix}Descr`]: { ...c.descr, role: 'hidden' },
      [units]: { ...c.units, role: 'hidden' },
      [from === 'total' ? field : `${prefix}Total`]: { ...c.total, role: from === 'total' ? 'field' : 'hidden', multiplyBy: units },
      [from === 'used' ? field : `${prefix}Used`]: { ...c.used, role: from === 'used' ? 'field' : 'hidden', multiplyBy: units },
    },
  };
}

/**
 * hrStorageTable rows that are memory (hrStorageRam, hrStorageVirtualMemory, hrStorageOther) with
 * a size. net-snmp's buffers / cached / shared rows are measured against the RAM (row 1), as their
 * own size is their use. Every table and join here reads the same five columns: one walk per poll.
 */
export const HR_MEMORY: HealthProfile = {
  name: 'hr-memory',
  mib: 'HOST-RESOURCES-MIB',
  source: IETF,
  shipped: true,
  supersedes: ['ucd-memory'],
  tables: [
    {
      name: 'memory',
      table: 'hrStorageTable',
      columns: storageColumns,
      filters: [
        { column: 'type', in: [`${HR_TYPES}.1`, `${HR_TYPES}.2`, `${HR_TYPES}.3`] },
        { column: 'total', min: 1 },
        { column: 'descr', notMatches: `${NET_SNMP_RECLAIMABLE}|${NET_SNMP_RAM}|${NOT_MEMORY}` },
      ],
    },
    {
      // net-snmp's RAM row, with its buffers (row 6) and cache (row 7): older net-snmp counts them as used.
      name: 'memory',
      table: 'hrStorageTable',
      columns: storageColumns,
      joins: [storageRow('6', 'buf', 'used', 'buffers'), storageRow('7', 'cache', 'used', 'cached')],
      filters: [
        { column: 'type', in: [`${HR_TYPES}.2`] },
        { column: 'total', min: 1 },
        { column: 'descr', matches: NET_SNMP_RAM },
      ],
    },
    {
      name: 'memory',
      table: 'hrStorageTable',
      // Its own size is its use: `total` is the RAM's (row 1).
      columns: { type: storageColumns.type, descr: storageColumns.descr, units: storageColumns.units, ownTotal: { ...storageColumns.total, role: 'hidden' }, used: storageColumns.used },
      joins: [storageRow('1', 'ram', 'total', 'total')],
      filters: [
        { column: 'type', in: [`${HR_TYPES}.1`] },
        { column: 'descr', matches: NET_SNMP_RECLAIMABLE },
      ],
    },
  ],
};

const UCD = 'net-snmp (BSD licence); shipped in mibs/ (from Debian libsnmp-base)';
const MEM = '1.3.6.1.4.1.2021.4';
const kb = (oid: string, mib: string) => col(oid, mib, { conversion: 'integer', multiplier: 1024 });

/**
 * UCD-SNMP-MIB memory, as net-snmp on Linux reports it (kB): physical memory used is total − free
 * − buffers − cached (reclaimable memory counts as free), plus swap, buffers and cache against
 * the RAM. Indexes follow net-snmp's numbering (1 physical, 2 swap, 3 buffers, 4 cached).
 */
export const UCD_MEMORY: HealthProfile = {
  name: 'ucd-memory',
  mib: 'UCD-SNMP-MIB',
  source: UCD,
  shipped: true,
  scalars: [
    {
      name: 'memory',
      index: '1',
      columns: {
        total: kb(`${MEM}.5.0`, 'UCD-SNMP-MIB::memTotalReal'),
        free: kb(`${MEM}.6.0`, 'UCD-SNMP-MIB::memAvailReal'),
        buffers: kb(`${MEM}.14.0`, 'UCD-SNMP-MIB::memBuffer'),
        cached: kb(`${MEM}.15.0`, 'UCD-SNMP-MIB::memCached'),
      },
      texts: { descr: 'Physical memory' },
    },
    {
      name: 'memory',
      index: '2',
      columns: { total: kb(`${MEM}.3.0`, 'UCD-SNMP-MIB::memTotalSwap'), free: kb(`${MEM}.4.0`, 'UCD-SNMP-MIB::memAvailSwap') },
      texts: { descr: 'Swap space' },
    },
    {
      name: 'memory',
      index: '3',
      columns: { total: kb(`${MEM}.5.0`, 'UCD-SNMP-MIB::memTotalReal'), used: kb(`${MEM}.14.0`, 'UCD-SNMP-MIB::memBuffer') },
      texts: { descr: 'Memory buffers' },
    },
    {
      name: 'memory',
      index: '4',
      columns: { total: kb(`${MEM}.5.0`, 'UCD-SNMP-MIB::memTotalReal'), used: kb(`${MEM}.15.0`, 'UCD-SNMP-MIB::memCached') },
      texts: { descr: 'Cached memory' },
    },
  ],
};

/** UCD-SNMP-MIB ssCpuIdle: one figure for the whole box where HOST-RESOURCES-MIB lists no processors. */
export const UCD_CPU: HealthProfile = {
  name: 'ucd-cpu',
  mib: 'UCD-SNMP-MIB',
  source: UCD,
  shipped: true,
  scalars: [{ name: 'processor', index: '0', columns: { idle: col('1.3.6.1.4.1.2021.11.11.0', 'UCD-SNMP-MIB::ssCpuIdle', { conversion: 'integer' }) }, texts: { descr: 'CPU' } }],
};

const ES = '1.3.6.1.2.1.99.1.1.1';
const ENT = '1.3.6.1.2.1.47.1.1.1.1';

/** entPhysicalTable's names, joined to sensors, processors and pools by entPhysicalIndex. */
export const ENT_PHYSICAL_NAMES = {
  entPhysicalDescr: col(`${ENT}.2`, 'ENTITY-MIB::entPhysicalDescr', { conversion: 'text' }),
  entPhysicalName: col(`${ENT}.7`, 'ENTITY-MIB::entPhysicalName', { conversion: 'text' }),
} as const;

/**
 * ENTITY-SENSOR-MIB entPhySensorTable: class from the sensor type, value × 10^-precision ×
 * 1000^(scale − 9), described by ENTITY-MIB. Sensors the agent marks unavailable or
 * nonoperational are left out; truth values, hertz, CMM and `other` types have no class here.
 */
export const ENTITY_SENSOR: HealthProfile = {
  name: 'entity-sensor',
  mib: 'ENTITY-SENSOR-MIB',
  source: IETF,
  shipped: true,
  tables: [
    {
      name: 'sensor',
      table: 'entPhySensorTable',
      indexLength: 1,
      columns: {
        class: col(`${ES}.1`, 'ENTITY-SENSOR-MIB::entPhySensorType', { role: 'tag', conversion: 'enum', enum: SENSOR_TYPE_CLASSES }),
        scale: col(`${ES}.2`, 'ENTITY-SENSOR-MIB::entPhySensorScale', { role: 'hidden', conversion: 'integer' }),
        precision: col(`${ES}.3`, 'ENTITY-SENSOR-MIB::entPhySensorPrecision', { role: 'hidden', conversion: 'integer' }),
        value: col(`${ES}.4`, 'ENTITY-SENSOR-MIB::entPhySensorValue', { conversion: 'integer', precisionFrom: 'precision', siScaleFrom: 'scale' }),
        operStatus: col(`${ES}.5`, 'ENTITY-SENSOR-MIB::entPhySensorOperStatus', { role: 'hidden', conversion: 'enum', enum: SENSOR_STATUS }),
      },
      joins: [{ name: 'entPhysicalTable', on: 'index', columns: ENT_PHYSICAL_NAMES }],
      texts: { descr: '{entPhysicalDescr|entPhysicalName}' },
      filters: [
        { column: 'class', present: true },
        { column: 'operStatus', notIn: ['unavailable', 'nonoperational'] },
      ],
    },
  ],
};
