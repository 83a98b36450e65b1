/**
 * Aruba OS (mobility controllers, gateways): WLSX-SYSTEMEXT-MIB processor load per processor,
 * WLSX-SWITCH-MIB memory (KB), WLSX-USER-MIB VPN sessions — read as LibreNMS's arubaos definition
 * reads them. Aruba CX switches (enterprise 47196) answer HOST-RESOURCES-MIB and ENTITY-SENSOR-MIB,
 * which the standard profiles read; ProCurve / Aruba OS-Switch is in hpe.ts. Aruba's MIBs carry
 * HPE's copyright: not shipped.
 */
import { col, type HealthProfile } from './types.js';

const PROC = '1.3.6.1.4.1.14823.2.2.1.2.1.13.1';
const MEM = '1.3.6.1.4.1.14823.2.2.1.1.1.11.1';

export const ARUBAOS: HealthProfile = {
  name: 'arubaos',
  mib: 'WLSX-SYSTEMEXT-MIB, WLSX-SWITCH-MIB, WLSX-USER-MIB',
  source: 'not shipped (HPE copyright); HPE Aruba Networking support (ArubaOS MIB package)',
  shipped: false,
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.14823'] },
  supersedes: ['hr-processor', 'hr-memory', 'ucd-cpu', 'ucd-memory'],
  scalars: [
    { name: 'sensor', index: 'vpnsessions0', tags: { class: 'count' }, texts: { descr: 'Active VPN sessions' }, columns: { value: col('1.3.6.1.4.1.14823.2.2.1.4.1.4.2.0', 'WLSX-USER-MIB::wlsxNumOfUsersVPN', { conversion: 'integer' }) } },
  ],
  tables: [
    {
      name: 'processor',
      table: 'wlsxSysExtProcessorTable',
      indexLength: 1,
      columns: {
        descr: col(`${PROC}.2`, 'WLSX-SYSTEMEXT-MIB::sysExtProcessorDescr', { conversion: 'text' }),
        usage: col(`${PROC}.3`, 'WLSX-SYSTEMEXT-MIB::sysExtProcessorLoad', { conversion: 'integer' }),
      },
    },
    {
      name: 'memory',
      table: 'wlsxSysXMemoryTable',
      indexLength: 1,
      // In KB. LibreNMS files the (single) row as pool 0.
      columns: {
        total: col(`${MEM}.2`, 'WLSX-SWITCH-MIB::sysXMemorySize', { conversion: 'integer', multiplier: 1024 }),
        used: col(`${MEM}.3`, 'WLSX-SWITCH-MIB::sysXMemoryUsed', { conversion: 'integer', multiplier: 1024 }),
        free: col(`${MEM}.4`, 'WLSX-SWITCH-MIB::sysXMemoryFree', { conversion: 'integer', multiplier: 1024 }),
      },
      tags: { index: '0' },
      texts: { descr: 'Memory' },
    },
  ],
};
