/**
 * Smaller vendors' health figures: TP-Link JetStream/Omada switches (CPU, memory, PoE),
 * Cambium Canopy PMP (temperature), Siklu EtherHaul (temperature, voltage). Each vendor's MIBs
 * carry its copyright: not shipped.
 */
import { col, type HealthProfile } from './types.js';

const TP = '1.3.6.1.4.1.11863.6';
const POE = `${TP}.56.1.1`;

export const TPLINK: HealthProfile = {
  name: 'tplink',
  mib: 'TPLINK-SYSMONITOR-MIB, TPLINK-POWER-OVER-ETHERNET-MIB',
  source: 'not shipped (TP-Link copyright); from TP-Link support (switch MIB download)',
  shipped: false,
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.11863'] },
  supersedes: ['hr-processor', 'hr-memory'],
  scalars: [
    { name: 'sensor', index: 'limit', tags: { class: 'power' }, texts: { descr: 'Power Limit' }, columns: { value: col(`${POE}.1.1.0`, 'TPLINK-POWER-OVER-ETHERNET-MIB::tpSystemPowerLimit', { conversion: 'integer', divisor: 10 }) } },
    { name: 'sensor', index: 'consumption', tags: { class: 'power' }, texts: { descr: 'Power Consumption' }, columns: { value: col(`${POE}.1.3.0`, 'TPLINK-POWER-OVER-ETHERNET-MIB::tpSystemPowerConsumption', { conversion: 'integer', divisor: 10 }) } },
    { name: 'sensor', index: 'remain', tags: { class: 'power' }, texts: { descr: 'Power Remaining' }, columns: { value: col(`${POE}.1.4.0`, 'TPLINK-POWER-OVER-ETHERNET-MIB::tpSystemPowerRemain', { conversion: 'integer', divisor: 10 }) } },
  ],
  tables: [
    {
      name: 'processor',
      table: 'tpSysMonitorCpuTable',
      indexLength: 1,
      // 5-minute figure where the switch has it, else the 1-minute, else the 5-second one.
      columns: {
        usage: col(`${TP}.4.1.1.1.1.4`, 'TPLINK-SYSMONITOR-MIB::tpSysMonitorCpu5Minutes', { conversion: 'integer', fallback: 'minute' }),
        minute: col(`${TP}.4.1.1.1.1.3`, 'TPLINK-SYSMONITOR-MIB::tpSysMonitorCpu1Minute', { role: 'hidden', conversion: 'integer', fallback: 'seconds' }),
        seconds: col(`${TP}.4.1.1.1.1.2`, 'TPLINK-SYSMONITOR-MIB::tpSysMonitorCpu5Seconds', { role: 'hidden', conversion: 'integer' }),
      },
      texts: { descr: 'CPU {index}' },
    },
    {
      name: 'memory',
      table: 'tpSysMonitorMemoryTable',
      indexLength: 1,
      columns: { percent: col(`${TP}.4.1.2.1.1.2`, 'TPLINK-SYSMONITOR-MIB::tpSysMonitorMemoryUtilization', { conversion: 'integer' }) },
      texts: { descr: 'Memory {index}' },
    },
    {
      name: 'sensor',
      table: 'tpPoePortConfigTable',
      indexLength: 1,
      columns: { value: col(`${POE}.2.1.1.7`, 'TPLINK-POWER-OVER-ETHERNET-MIB::tpPoePower', { conversion: 'integer', divisor: 10 }) },
      tags: { class: 'power', index: 'poe.{index}' },
      texts: { descr: 'Port {index} PoE' },
    },
  ],
};

export const CAMBIUM_PMP_HEALTH: HealthProfile = {
  name: 'cambium-pmp-health',
  mib: 'WHISP-BOX-MIBV2-MIB',
  source: 'not shipped (Cambium copyright); from Cambium support (Canopy MIBs)',
  shipped: false,
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.161'] },
  scalars: [
    { name: 'sensor', index: '0', tags: { class: 'temperature' }, texts: { descr: 'Cambium Temperature' }, columns: { value: col('1.3.6.1.4.1.161.19.3.3.1.35.0', 'WHISP-BOX-MIBV2-MIB::boxTemperatureC', { conversion: 'integer' }) } },
  ],
};

export const SIKLU_HEALTH: HealthProfile = {
  name: 'siklu-health',
  mib: 'RADIO-BRIDGE-MIB',
  source: 'not shipped (Siklu copyright); from Siklu support',
  shipped: false,
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.31926'] },
  scalars: [
    { name: 'sensor', index: 'system', tags: { class: 'voltage' }, texts: { descr: 'System voltage' }, columns: { value: col('1.3.6.1.4.1.31926.1.1.0', 'RADIO-BRIDGE-MIB::rbSysVoltage', { conversion: 'integer' }) } },
    { name: 'sensor', index: 'system', tags: { class: 'temperature' }, texts: { descr: 'System Temp' }, columns: { value: col('1.3.6.1.4.1.31926.1.2.0', 'RADIO-BRIDGE-MIB::rbSysTemperature', { conversion: 'integer' }) } },
  ],
};
