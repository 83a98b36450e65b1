/**
 * Check Point Gaia (enterprise 2620): CHECKPOINT-MIB hardware sensors (temperature, fan speed,
 * voltage and their out-of-range flags), RAID volume state, cluster status code, SecureXL state
 * and IPsec tunnel states — read as LibreNMS's gaia definition reads them (its text-valued HA and
 * management-server states are left out). Processors and memory come from HOST-RESOURCES-MIB and
 * UCD-SNMP-MIB, as in LibreNMS. CHECKPOINT-MIB carries Check Point's copyright: not shipped.
 */
import type { MetricTable } from '../../model/metric-def.js';
import { col, stateScalar, type HealthProfile } from './types.js';

const CP = '1.3.6.1.4.1.2620';
const HW = `${CP}.1.6.7.8`;
const M = 'CHECKPOINT-MIB';
const OUT_OF_RANGE = { '0': 'false', '1': 'true', '2': 'reading error' };

const hardware = (entry: string, prefix: string, cls: string, key: string, what: string): MetricTable[] => [
  {
    name: 'sensor',
    table: `${prefix}Table`,
    indexLength: [1, 2] as const,
    columns: {
      descr: col(`${HW}.${entry}.2`, `${M}::${prefix}Name`, { conversion: 'text' as const }),
      value: col(`${HW}.${entry}.3`, `${M}::${prefix}Value`, { conversion: 'float' as const }),
    },
    tags: { class: cls, index: `${key}.{index}` },
    filters: [{ column: 'value', present: true }],
  },
  {
    name: 'sensor',
    table: `${prefix}Table`,
    indexLength: [1, 2] as const,
    columns: {
      name: col(`${HW}.${entry}.2`, `${M}::${prefix}Name`, { role: 'hidden' as const, conversion: 'text' as const }),
      value: col(`${HW}.${entry}.6`, `${M}::${prefix}Status`, { conversion: 'integer' as const }),
      status: col(`${HW}.${entry}.6`, `${M}::${prefix}Status`, { conversion: 'enum' as const, enum: OUT_OF_RANGE }),
    },
    tags: { class: 'state', index: `${key}.{index}` },
    texts: { descr: `{name}, ${what} Out Of Range` },
  },
];

const state = (index: string, oid: string, obj: string, states: Record<string, string>, descr: string) => stateScalar(M, index, oid, obj, states, descr);

export const CHECKPOINT: HealthProfile = {
  name: 'checkpoint',
  mib: 'CHECKPOINT-MIB',
  source: 'not shipped (Check Point copyright); Check Point support (sk90470, CHECKPOINT-MIB)',
  shipped: false,
  match: { sysObjectIdPrefixes: [CP] },
  scalars: [
    state('ha-stat', `${CP}.1.5.101.0`, 'haStatCode', { '0': 'Up', '1': 'Attention', '2': 'Down' }, 'Cluster member status code'),
    state('sxl', `${CP}.1.36.1.1.0`, 'fwSXLStatus', { '0': 'Disabled', '1': 'Enabled' }, 'SecureXL current status'),
  ],
  tables: [
    ...hardware('1.1', 'tempertureSensor', 'temperature', 'temp', 'Temperature'),
    ...hardware('2.1', 'fanSpeedSensor', 'fanspeed', 'fan', 'Fanspeed'),
    ...hardware('3.1', 'voltageSensor', 'voltage', 'volt', 'Voltage'),
    {
      name: 'sensor',
      table: 'raidVolumeTable',
      indexLength: [1, 2],
      columns: {
        value: col(`${CP}.1.6.7.7.1.1.6`, `${M}::raidVolumeState`, { conversion: 'integer' }),
        status: col(`${CP}.1.6.7.7.1.1.6`, `${M}::raidVolumeState`, { conversion: 'enum', enum: { '-1': 'Unknown', '0': 'OPTIMAL', '1': 'DEGRADED', '2': 'FAILED' } }),
      },
      tags: { class: 'state', index: 'raid.{index}' },
      texts: { descr: 'RAID Status' },
    },
    {
      name: 'sensor',
      table: 'tunnelTable',
      indexLength: [1, 8],
      columns: {
        peerIp: col(`${CP}.500.9002.1.1`, `${M}::tunnelPeerIpAddr`, { role: 'hidden', conversion: 'ipaddr' }),
        peerName: col(`${CP}.500.9002.1.2`, `${M}::tunnelPeerObjName`, { role: 'hidden', conversion: 'text' }),
        value: col(`${CP}.500.9002.1.3`, `${M}::tunnelState`, { conversion: 'integer' }),
        status: col(`${CP}.500.9002.1.3`, `${M}::tunnelState`, { conversion: 'enum', enum: { '0': 'Unknown', '3': 'Up', '4': 'Destroyed', '129': 'Idle', '130': 'Phase1', '131': 'Down', '132': 'Init' } }),
      },
      tags: { class: 'state', index: 'tunnel.{index}' },
      texts: { descr: '{peerName} ({peerIp})' },
    },
  ],
};
