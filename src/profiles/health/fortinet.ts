/**
 * Fortinet FortiGate (FortiOS): FORTINET-FORTIGATE-MIB system CPU and per-core use, memory in use
 * against its capacity, hardware sensor alarms, IPsec tunnel and SSL-VPN states and counts — read
 * as LibreNMS's fortigate definition reads them. FORTINET-FORTIGATE-MIB carries Fortinet's
 * copyright: not shipped.
 */
import { col, type HealthProfile } from './types.js';

const FG = '1.3.6.1.4.1.12356.101';
const SYS = `${FG}.4.1`;
const HW = `${FG}.4.3.2.1`;
const CORE = `${FG}.4.4.2.1`;
const TUN = `${FG}.12.2.2.1`;
const SSL = `${FG}.12.2.3.1`;

const ssl = (column: number, obj: string, descr: string, key: string) => ({
  name: 'sensor',
  table: 'fgVpnSslStatsTable',
  indexLength: 1,
  columns: { value: col(`${SSL}.${column}`, `FORTINET-FORTIGATE-MIB::${obj}`, { conversion: 'integer' as const }) },
  tags: { class: 'count', index: `${key}.{index}` },
  texts: { descr },
});

export const FORTIGATE: HealthProfile = {
  name: 'fortigate',
  mib: 'FORTINET-FORTIGATE-MIB',
  source: 'not shipped (Fortinet copyright); https://docs.fortinet.com (FortiGate MIB download) or FortiGate System > SNMP',
  shipped: false,
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.12356.101'] },
  supersedes: ['hr-processor', 'hr-memory', 'ucd-cpu', 'ucd-memory'],
  scalars: [
    { name: 'processor', index: '0', texts: { descr: 'System Cpu Usage' }, columns: { usage: col(`${SYS}.3.0`, 'FORTINET-FORTIGATE-MIB::fgSysCpuUsage', { conversion: 'integer' }) } },
    {
      name: 'memory',
      index: '0',
      texts: { descr: 'Main Memory' },
      columns: {
        percent: col(`${SYS}.4.0`, 'FORTINET-FORTIGATE-MIB::fgSysMemUsage', { conversion: 'integer' }),
        // fgSysMemCapacity is in KB.
        total: col(`${SYS}.5.0`, 'FORTINET-FORTIGATE-MIB::fgSysMemCapacity', { conversion: 'integer', multiplier: 1024 }),
      },
    },
    { name: 'sensor', index: 'ipsec-up', tags: { class: 'count' }, texts: { descr: 'IPSEC VPN tunnels' }, columns: { value: col(`${FG}.12.1.1.0`, 'FORTINET-FORTIGATE-MIB::fgVpnTunnelUpCount', { conversion: 'integer' }) } },
  ],
  tables: [
    {
      name: 'processor',
      table: 'fgProcessorTable',
      indexLength: 1,
      columns: { usage: col(`${CORE}.2`, 'FORTINET-FORTIGATE-MIB::fgProcessorUsage', { conversion: 'integer' }) },
      texts: { descr: 'CPU Core {index}' },
    },
    {
      name: 'sensor',
      table: 'fgHwSensorTable',
      indexLength: 1,
      columns: {
        descr: col(`${HW}.2`, 'FORTINET-FORTIGATE-MIB::fgHwSensorEntName', { conversion: 'text' }),
        value: col(`${HW}.4`, 'FORTINET-FORTIGATE-MIB::fgHwSensorEntAlarmStatus', { conversion: 'integer' }),
        status: col(`${HW}.4`, 'FORTINET-FORTIGATE-MIB::fgHwSensorEntAlarmStatus', { conversion: 'enum', enum: { '0': 'OK', '1': 'ERROR' } }),
      },
      tags: { class: 'state', index: 'hw.{index}' },
    },
    {
      name: 'sensor',
      table: 'fgVpnTunTable',
      indexLength: 1,
      columns: {
        phase1: col(`${TUN}.2`, 'FORTINET-FORTIGATE-MIB::fgVpnTunEntPhase1Name', { role: 'hidden', conversion: 'text' }),
        phase2: col(`${TUN}.3`, 'FORTINET-FORTIGATE-MIB::fgVpnTunEntPhase2Name', { role: 'hidden', conversion: 'text' }),
        gateway: col(`${TUN}.4`, 'FORTINET-FORTIGATE-MIB::fgVpnTunEntRemGwyIp', { role: 'hidden', conversion: 'ipaddr' }),
        value: col(`${TUN}.20`, 'FORTINET-FORTIGATE-MIB::fgVpnTunEntStatus', { conversion: 'integer' }),
        status: col(`${TUN}.20`, 'FORTINET-FORTIGATE-MIB::fgVpnTunEntStatus', { conversion: 'enum', enum: { '1': 'Down', '2': 'Up' } }),
      },
      tags: { class: 'state', index: 'ipsec.{index}' },
      texts: { descr: '{phase1}\\{phase2} ({gateway})' },
    },
    {
      name: 'sensor',
      table: 'fgVpnSslStatsTable',
      indexLength: 1,
      columns: {
        value: col(`${SSL}.1`, 'FORTINET-FORTIGATE-MIB::fgVpnSslState', { conversion: 'integer' }),
        status: col(`${SSL}.1`, 'FORTINET-FORTIGATE-MIB::fgVpnSslState', { conversion: 'enum', enum: { '1': 'Disabled', '2': 'Enabled' } }),
      },
      tags: { class: 'state', index: 'sslvpn.{index}' },
      texts: { descr: 'SSL-VPN Status' },
    },
    ssl(2, 'fgVpnSslStatsLoginUsers', 'SSL VPN Logged users', 'sslvpn-users'),
    ssl(6, 'fgVpnSslStatsActiveTunnels', 'SSL VPN Active tunnels', 'sslvpn-tunnels'),
  ],
};
