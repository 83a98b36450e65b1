/**
 * HPE / Aruba: ProCurve and Aruba OS-Switch (HP-ICF-CHASSIS sensor states, STATISTICS-MIB CPU,
 * NETSWITCH-MIB memory). Aruba CX answers HOST-RESOURCES-MIB and ENTITY-SENSOR-MIB, which the
 * standard profiles read. HP's MIBs carry HP's copyright: not shipped.
 */
import { col, type HealthProfile } from './types.js';

const HP = ['1.3.6.1.4.1.11.2.3.7.11'];
const SENSOR = '1.3.6.1.4.1.11.2.14.11.1.2.6.1';
const MEM = '1.3.6.1.4.1.11.2.14.11.5.1.1.2.1.1.1';
/** hpicfSensorStatus. */
const SENSOR_STATE = { '1': 'unknown', '2': 'bad', '3': 'warning', '4': 'good', '5': 'notPresent' };

export const HP_PROCURVE: HealthProfile = {
  name: 'hp-procurve',
  mib: 'HP-ICF-CHASSIS, STATISTICS-MIB, NETSWITCH-MIB',
  source: 'not shipped (HP copyright); HPE Networking switch MIB package',
  shipped: false,
  match: { sysObjectIdPrefixes: HP },
  supersedes: ['hr-processor', 'hr-memory', 'ucd-cpu', 'ucd-memory'],
  scalars: [{ name: 'processor', index: '0', columns: { usage: col('1.3.6.1.4.1.11.2.14.11.5.1.9.6.1.0', 'STATISTICS-MIB::hpSwitchCpuStat', { conversion: 'integer' }) }, texts: { descr: 'CPU' } }],
  tables: [
    {
      name: 'memory',
      table: 'hpLocalMemTable',
      indexLength: 1,
      columns: {
        total: col(`${MEM}.5`, 'NETSWITCH-MIB::hpLocalMemTotalBytes', { conversion: 'integer' }),
        free: col(`${MEM}.6`, 'NETSWITCH-MIB::hpLocalMemFreeBytes', { conversion: 'integer' }),
        used: col(`${MEM}.7`, 'NETSWITCH-MIB::hpLocalMemAllocBytes', { conversion: 'integer' }),
      },
      texts: { descr: 'Slot {index} memory' },
    },
    {
      name: 'sensor',
      table: 'hpicfSensorTable',
      indexLength: 1,
      columns: {
        descr: col(`${SENSOR}.7`, 'HP-ICF-CHASSIS::hpicfSensorDescr', { conversion: 'text' }),
        value: col(`${SENSOR}.4`, 'HP-ICF-CHASSIS::hpicfSensorStatus', { conversion: 'integer' }),
        status: col(`${SENSOR}.4`, 'HP-ICF-CHASSIS::hpicfSensorStatus', { conversion: 'enum', enum: SENSOR_STATE }),
      },
      tags: { class: 'state' },
      filters: [{ column: 'status', notIn: ['notPresent'] }],
    },
  ],
};
