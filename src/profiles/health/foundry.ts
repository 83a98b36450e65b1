/**
 * Brocade / Ruckus ICX and FastIron / IronWare (Foundry enterprise 1991): FOUNDRY-SN-AGENT-MIB
 * 5-minute CPU per slot and CPU, system DRAM, module temperatures (half degrees), optic
 * diagnostics per port (text readings such as "-2.3010 dBm"), chassis PSU and fan states, stacking
 * state — read as LibreNMS's ironware definition reads them. Foundry's MIBs carry Brocade's
 * copyright: not shipped.
 */
import type { MetricJoin } from '../../model/metric-def.js';
import { col, type HealthProfile } from './types.js';

const AG = '1.3.6.1.4.1.1991.1.1.2';
const CPU = `${AG}.11.1.1`;
const TEMP = `${AG}.13.1.1`;
const OPT = '1.3.6.1.4.1.1991.1.1.3.3.6.1';
const CHAS = '1.3.6.1.4.1.1991.1.1.1';
const A = 'FOUNDRY-SN-AGENT-MIB';

const ifDescr: readonly MetricJoin[] = [{ name: 'ifTable', on: 'index', columns: { ifDescr: col('1.3.6.1.2.1.2.2.1.2', 'IF-MIB::ifDescr', { conversion: 'text' }) } }];

/** snIfOpticalMonitoringInfoTable (by ifIndex): DisplayStrings led by the number. */
const optical = (column: number, obj: string, cls: string, key: string, what: string, divisor?: number) => ({
  name: 'sensor',
  table: 'snIfOpticalMonitoringInfoTable',
  indexLength: 1,
  columns: { value: col(`${OPT}.${column}`, `${A}::${obj}`, divisor === undefined ? { conversion: 'float' as const } : { conversion: 'float' as const, divisor }) },
  joins: ifDescr,
  tags: { class: cls, index: `${key}.{index}` },
  texts: { descr: `{ifDescr} ${what}` },
  filters: [{ column: 'value', present: true }],
});

/** snChasPwrSupplyOperStatus / snChasFanOperStatus. */
const CHASSIS_STATE = { '1': 'other', '2': 'normal', '3': 'failure' };

export const FOUNDRY: HealthProfile = {
  name: 'foundry',
  mib: 'FOUNDRY-SN-AGENT-MIB, FOUNDRY-SN-SWITCH-GROUP-MIB, FOUNDRY-SN-STACKING-MIB',
  source: 'not shipped (Brocade / Ruckus copyright); Ruckus support (FastIron / ICX MIB package)',
  shipped: false,
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.1991'] },
  supersedes: ['hr-processor', 'hr-memory', 'ucd-cpu', 'ucd-memory'],
  scalars: [
    {
      name: 'memory',
      index: '0',
      texts: { descr: 'System Memory' },
      columns: {
        total: col(`${AG}.12.4.2.0`, `${A}::snAgSystemDRAMTotal`, { conversion: 'integer' }),
        free: col(`${AG}.12.4.3.0`, `${A}::snAgSystemDRAMFree`, { conversion: 'integer' }),
      },
    },
    {
      name: 'sensor',
      index: 'stack-config',
      tags: { class: 'state' },
      texts: { descr: 'Global Stack Config State' },
      columns: {
        value: col('1.3.6.1.4.1.1991.1.1.3.31.1.1.0', 'FOUNDRY-SN-STACKING-MIB::snStackingGlobalConfigState', { conversion: 'integer' }),
        status: col('1.3.6.1.4.1.1991.1.1.3.31.1.1.0', 'FOUNDRY-SN-STACKING-MIB::snStackingGlobalConfigState', { conversion: 'enum', enum: { '0': 'none', '1': 'enabled', '2': 'disabled' } }),
      },
    },
  ],
  tables: [
    {
      name: 'processor',
      table: 'snAgentCpuUtilTable',
      indexLength: 3,
      columns: {
        slot: col(`${CPU}.1`, `${A}::snAgentCpuUtilSlotNum`, { role: 'hidden', conversion: 'integer' }),
        cpu: col(`${CPU}.2`, `${A}::snAgentCpuUtilCpuId`, { role: 'hidden', conversion: 'integer' }),
        interval: col(`${CPU}.3`, `${A}::snAgentCpuUtilInterval`, { role: 'hidden', conversion: 'integer' }),
        // Hundredths of a percent where the agent has them, else whole percent.
        usage: col(`${CPU}.6`, `${A}::snAgentCpuUtil100thPercent`, { conversion: 'integer', divisor: 100, fallback: 'value' }),
        value: col(`${CPU}.4`, `${A}::snAgentCpuUtilValue`, { role: 'hidden', conversion: 'integer' }),
      },
      texts: { descr: 'Slot {slot} [{cpu}]' },
      // The 5-minute figures only.
      filters: [{ column: 'interval', in: [300] }],
    },
    {
      name: 'sensor',
      table: 'snAgentTempTable',
      indexLength: 2,
      columns: {
        descr: col(`${TEMP}.3`, `${A}::snAgentTempSensorDescr`, { conversion: 'text' }),
        value: col(`${TEMP}.4`, `${A}::snAgentTempValue`, { conversion: 'integer', divisor: 2 }),
      },
      tags: { class: 'temperature' },
    },
    optical(1, 'snIfOpticalMonitoringTemperature', 'temperature', 'sfp', 'Tx Laser'),
    optical(2, 'snIfOpticalMonitoringTxPower', 'dbm', 'sfp-tx', 'Tx Power'),
    optical(3, 'snIfOpticalMonitoringRxPower', 'dbm', 'sfp-rx', 'Rx Power'),
    optical(4, 'snIfOpticalMonitoringTxBiasCurrent', 'current', 'sfp-bias', 'Tx Bias Current', 1000),
    {
      name: 'sensor',
      table: 'snChasPwrSupplyTable',
      indexLength: 1,
      columns: {
        value: col(`${CHAS}.2.1.1.3`, `${A}::snChasPwrSupplyOperStatus`, { conversion: 'integer' }),
        status: col(`${CHAS}.2.1.1.3`, `${A}::snChasPwrSupplyOperStatus`, { conversion: 'enum', enum: CHASSIS_STATE }),
      },
      tags: { class: 'state', index: 'psu.{index}' },
      texts: { descr: 'Power Supply {index}' },
      // other(1): not installed or not reported.
      filters: [{ column: 'value', notIn: [1] }],
    },
    {
      name: 'sensor',
      table: 'snChasFanTable',
      indexLength: 1,
      columns: {
        descr: col(`${CHAS}.3.1.1.2`, `${A}::snChasFanDescription`, { conversion: 'text' }),
        value: col(`${CHAS}.3.1.1.3`, `${A}::snChasFanOperStatus`, { conversion: 'integer' }),
        status: col(`${CHAS}.3.1.1.3`, `${A}::snChasFanOperStatus`, { conversion: 'enum', enum: CHASSIS_STATE }),
      },
      tags: { class: 'state', index: 'fan.{index}' },
    },
  ],
};
