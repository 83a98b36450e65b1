/**
 * Extreme Networks ExtremeXOS (enterprise 1916): EXTREME-SOFTWARE-MONITOR-MIB 5-minute CPU and
 * memory (KB), EXTREME-SYSTEM-MIB chassis temperature, fan speeds and power use — read as
 * LibreNMS's xos OS reads them. Extreme's MIBs carry Extreme's copyright: not shipped.
 */
import { col, type HealthProfile } from './types.js';

const SYS = '1.3.6.1.4.1.1916.1.1.1';
const MON = '1.3.6.1.4.1.1916.1.32';

export const EXTREME_XOS: HealthProfile = {
  name: 'extreme-xos',
  mib: 'EXTREME-SOFTWARE-MONITOR-MIB, EXTREME-SYSTEM-MIB',
  source: 'not shipped (Extreme Networks copyright); Extreme support (ExtremeXOS MIB package)',
  shipped: false,
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.1916'] },
  supersedes: ['hr-processor', 'hr-memory', 'ucd-cpu', 'ucd-memory'],
  scalars: [
    { name: 'sensor', index: '1', tags: { class: 'temperature' }, texts: { descr: 'Chassis Temperature' }, columns: { value: col(`${SYS}.8.0`, 'EXTREME-SYSTEM-MIB::extremeCurrentTemperature', { conversion: 'integer' }) } },
    // Milliwatts.
    { name: 'sensor', index: '1', tags: { class: 'power' }, texts: { descr: 'Power Usage' }, columns: { value: col(`${SYS}.40.1.0`, 'EXTREME-SYSTEM-MIB::extremeSystemPowerUsageValue', { conversion: 'integer', divisor: 1000 }) } },
  ],
  tables: [
    {
      name: 'processor',
      table: 'extremeCpuMonitorSystemTable',
      indexLength: 1,
      columns: { usage: col(`${MON}.1.4.1.9`, 'EXTREME-SOFTWARE-MONITOR-MIB::extremeCpuMonitorSystemUtilization5mins', { conversion: 'integer' }) },
      // LibreNMS files the system CPU as processor 0.
      tags: { index: '0' },
      texts: { descr: 'Processor' },
    },
    {
      name: 'memory',
      table: 'extremeMemoryMonitorSystemTable',
      indexLength: 1,
      columns: {
        total: col(`${MON}.2.2.1.2`, 'EXTREME-SOFTWARE-MONITOR-MIB::extremeMemoryMonitorSystemTotal', { conversion: 'integer', multiplier: 1024 }),
        free: col(`${MON}.2.2.1.3`, 'EXTREME-SOFTWARE-MONITOR-MIB::extremeMemoryMonitorSystemFree', { conversion: 'integer', multiplier: 1024 }),
      },
      texts: { descr: 'Dynamic Memory' },
    },
    {
      name: 'sensor',
      table: 'extremeFanStatusTable',
      indexLength: 1,
      columns: { value: col(`${SYS}.9.1.4`, 'EXTREME-SYSTEM-MIB::extremeFanSpeed', { conversion: 'integer' }) },
      tags: { class: 'fanspeed', index: 'fan.{index}' },
      // extremeFanNumber counts from 101.
      texts: { descr: 'Fan Speed {index}' },
    },
  ],
};
