/**
 * Palo Alto Networks PAN-OS: sessions and their utilisation, GlobalProtect gateway use, per-vsys
 * figures (PAN-COMMON-MIB). Processors and memory come from HOST-RESOURCES-MIB, temperatures
 * from ENTITY-SENSOR-MIB. PAN-COMMON-MIB carries Palo Alto's copyright: not shipped.
 */
import { col, type HealthProfile } from './types.js';

const S = '1.3.6.1.4.1.25461.2.1.2.3';
const GP = '1.3.6.1.4.1.25461.2.1.2.5.1';
const VSYS = `${S}.9.1`;

const scalar = (index: string, cls: string, descr: string, oid: string, obj: string) => ({
  name: 'sensor',
  index,
  tags: { class: cls },
  texts: { descr },
  columns: { value: col(oid, `PAN-COMMON-MIB::${obj}`, { conversion: 'integer' }) },
});

const vsys = (column: number, obj: string, cls: string, key: string, descr: string) => ({
  name: 'sensor',
  table: 'panVsysTable',
  indexLength: 1,
  columns: { value: col(`${VSYS}.${column}`, `PAN-COMMON-MIB::${obj}`, { conversion: 'integer' }) },
  tags: { class: cls, index: `vsys{index}.${key}` },
  texts: { descr },
});

export const PANOS: HealthProfile = {
  name: 'panos',
  mib: 'PAN-COMMON-MIB',
  source: 'not shipped (Palo Alto Networks copyright); https://docs.paloaltonetworks.com (PAN-OS MIBs)',
  shipped: false,
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.25461'] },
  scalars: [
    scalar('sessions', 'load', 'Session Utilization', `${S}.1.0`, 'panSessionUtilization'),
    scalar('sessions', 'count', 'Active Sessions', `${S}.3.0`, 'panSessionActive'),
    scalar('sessions-tcp', 'count', 'Active TCP Sessions', `${S}.4.0`, 'panSessionActiveTcp'),
    scalar('sessions-udp', 'count', 'Active UDP Sessions', `${S}.5.0`, 'panSessionActiveUdp'),
    scalar('sessions-icmp', 'count', 'Active ICMP Sessions', `${S}.6.0`, 'panSessionActiveICMP'),
    scalar('sessions-ssl-proxy', 'count', 'Active Sessions in SSL Proxy', `${S}.7.0`, 'panSessionActiveSslProxy'),
    scalar('sessions-ssl-proxy', 'load', 'Session Utilization in SSL Proxy', `${S}.8.0`, 'panSessionSslProxyUtilization'),
    scalar('globalprotect', 'load', 'GlobalProtect Gateway Utilization', `${GP}.1.0`, 'panGPGWUtilizationPct'),
    scalar('globalprotect', 'count', 'GlobalProtect VPN Active Sessions', `${GP}.3.0`, 'panGPGWUtilizationActiveTunnels'),
  ],
  tables: [
    vsys(3, 'panVsysSessionUtilizationPct', 'load', 'sessions', 'Session Utilization'),
    vsys(4, 'panVsysActiveSessions', 'count', 'sessions', 'Active Sessions'),
    vsys(6, 'panVsysActiveTcpCps', 'count', 'tcp-cps', 'TCP Connections Per Second'),
    vsys(7, 'panVsysActiveUdpCps', 'count', 'udp-cps', 'UDP Connections Per Second'),
    vsys(8, 'panVsysActiveOtherIpCps', 'count', 'other-cps', 'Other IP Connections Per Second'),
  ],
};
