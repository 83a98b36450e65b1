/**
 * Juniper (JUNOS): JUNIPER-MIB jnxOperatingTable, one row per component (Routing Engines, FPCs,
 * PICs, fans, power supplies): CPU and buffer/memory use of the engines and FPCs, temperatures.
 * JUNIPER-MIB carries Juniper's copyright: not shipped.
 */
import { col, type HealthProfile } from './types.js';

const OP = '1.3.6.1.4.1.2636.3.1.13.1';
/** Components with a CPU of their own. */
const COMPUTES = 'Routing Engine|FPC|PIC|SPC|RE[0-9]';

const columns = {
  descr: col(`${OP}.5`, 'JUNIPER-MIB::jnxOperatingDescr', { conversion: 'text' }),
  temperature: col(`${OP}.7`, 'JUNIPER-MIB::jnxOperatingTemp', { role: 'hidden', conversion: 'integer' }),
  cpu: col(`${OP}.8`, 'JUNIPER-MIB::jnxOperatingCPU', { role: 'hidden', conversion: 'integer' }),
  buffer: col(`${OP}.11`, 'JUNIPER-MIB::jnxOperatingBuffer', { role: 'hidden', conversion: 'integer' }),
  memoryMb: col(`${OP}.15`, 'JUNIPER-MIB::jnxOperatingMemory', { role: 'hidden', conversion: 'integer', multiplier: 1024 * 1024 }),
} as const;

export const JUNIPER: HealthProfile = {
  name: 'juniper',
  mib: 'JUNIPER-MIB',
  source: 'not shipped (Juniper copyright); https://www.juniper.net/documentation/ (JUNOS MIB package)',
  shipped: false,
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.2636'] },
  supersedes: ['hr-processor', 'hr-memory', 'ucd-cpu', 'ucd-memory'],
  tables: [
    {
      name: 'processor',
      table: 'jnxOperatingTable',
      indexLength: 4,
      columns: { ...columns, usage: col(`${OP}.8`, 'JUNIPER-MIB::jnxOperatingCPU', { conversion: 'integer' }) },
      filters: [{ column: 'descr', matches: COMPUTES }],
    },
    {
      name: 'memory',
      table: 'jnxOperatingTable',
      indexLength: 4,
      // jnxOperatingBuffer is the percentage of memory in use; jnxOperatingMemory (MB) its size where known.
      columns: { ...columns, percent: col(`${OP}.11`, 'JUNIPER-MIB::jnxOperatingBuffer', { conversion: 'integer' }), total: col(`${OP}.15`, 'JUNIPER-MIB::jnxOperatingMemory', { conversion: 'integer', multiplier: 1024 * 1024 }) },
      filters: [
        { column: 'descr', matches: COMPUTES },
        { column: 'total', min: 1 },
      ],
    },
    {
      name: 'sensor',
      table: 'jnxOperatingTable',
      indexLength: 4,
      columns: { ...columns, value: col(`${OP}.7`, 'JUNIPER-MIB::jnxOperatingTemp', { conversion: 'integer' }) },
      tags: { class: 'temperature' },
      // 0 °C is what components without a sensor report.
      filters: [{ column: 'value', notIn: [0] }],
    },
  ],
};
