/**
 * Ruckus wireless controllers: SmartZone / vSZ (RUCKUS-SZ-SYSTEM-MIB, RUCKUS-SZ-WLAN-MIB,
 * RUCKUS-CTRL-MIB) and ZoneDirector (RUCKUS-ZD-SYSTEM-MIB, RUCKUS-ZD-WLAN-MIB). The modules say
 * "All rights reserved" (Ruckus Wireless); not shipped: download them from the controller's
 * support page or netdisco-mibs (folder ruckus/).
 */
import type { WirelessColumn, WirelessProfile } from './types.js';

const SOURCE = 'not shipped (Ruckus: "All rights reserved"); Ruckus support site or netdisco-mibs ruckus/';
const c = (oid: string, mib: string, type?: WirelessColumn['type']): WirelessColumn => (type === undefined ? { oid, mib } : { oid, mib, type });

export const RUCKUS_SMARTZONE: WirelessProfile = {
  name: 'ruckus-smartzone',
  mib: 'RUCKUS-SZ-SYSTEM-MIB, RUCKUS-SZ-WLAN-MIB, RUCKUS-CTRL-MIB',
  source: SOURCE,
  shipped: false,
  role: 'wireless-controller',
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.25053'], probes: ['1.3.6.1.4.1.25053.1.4.1.1.1.15', '1.3.6.1.4.1.25053.1.4.2.1.1.2.2.1'] },
  scalars: [
    { class: 'ap-count', oid: '1.3.6.1.4.1.25053.1.4.1.1.1.15.1.0', mib: 'RUCKUS-SZ-SYSTEM-MIB::ruckusSZSystemStatsNumAP', descr: 'Total APs', index: 'total' },
    { class: 'clients', oid: '1.3.6.1.4.1.25053.1.4.1.1.1.15.2.0', mib: 'RUCKUS-SZ-SYSTEM-MIB::ruckusSZSystemStatsNumSta', descr: 'System Total', index: 'total' },
  ],
  tables: [
    {
      // ruckusSZWLANTable: one row per WLAN (SSID) of the whole controller, by a WLAN number.
      name: 'ruckusSZWLANTable',
      indexLength: [1, 40],
      columns: {
        ssid: c('1.3.6.1.4.1.25053.1.4.2.1.1.1.2.1.1', 'RUCKUS-SZ-WLAN-MIB::ruckusSZWLANSSID', 'text'),
        clients: c('1.3.6.1.4.1.25053.1.4.2.1.1.1.2.1.12', 'RUCKUS-SZ-WLAN-MIB::ruckusSZWLANNumSta'),
      },
      sensors: [{ class: 'clients', column: 'clients', descr: 'SSID: {ssid}', index: 'ssid.{ssid}' }],
      ssid: { ssid: 'ssid', clients: 'clients' },
    },
    {
      name: 'ruckusSZAPTable',
      indexLength: 6,
      index: 'mac',
      columns: {
        mac: c('1.3.6.1.4.1.25053.1.4.2.1.1.2.2.1.1', 'RUCKUS-SZ-WLAN-MIB::ruckusSZAPMac', 'mac'),
        name: c('1.3.6.1.4.1.25053.1.4.2.1.1.2.2.1.5', 'RUCKUS-SZ-WLAN-MIB::ruckusSZAPName', 'text'),
        clients: c('1.3.6.1.4.1.25053.1.4.2.1.1.2.2.1.15', 'RUCKUS-SZ-WLAN-MIB::ruckusSZAPNumSta'),
        status: c('1.3.6.1.4.1.25053.1.4.2.1.1.2.2.1.16', 'RUCKUS-SZ-WLAN-MIB::ruckusSZAPConnStatus', 'text'),
      },
      ap: { name: 'name', mac: 'index', status: 'status', clients: 'clients' },
    },
    {
      // ruckusCTRLSystemNodeTable: one row per cluster node, by its serial number (an OCTET STRING).
      name: 'ruckusCTRLSystemNodeTable',
      indexLength: [2, 64],
      index: 'string',
      columns: { apConnected: c('1.3.6.1.4.1.25053.1.8.1.1.1.1.1.1.19', 'RUCKUS-CTRL-MIB::ruckusCtrlSystemNodeNumApConnected') },
      sensors: [{ class: 'ap-count', column: 'apConnected', descr: 'Connected APs', index: 'node.{index}' }],
    },
  ],
};

const ZD_AP_STATUS = { 0: 'disconnected', 1: 'connected', 2: 'approvalPending', 3: 'upgradingFirmware', 4: 'provisioning' } as const;

export const RUCKUS_ZONEDIRECTOR: WirelessProfile = {
  name: 'ruckus-zonedirector',
  mib: 'RUCKUS-ZD-SYSTEM-MIB, RUCKUS-ZD-WLAN-MIB',
  source: SOURCE,
  shipped: false,
  role: 'wireless-controller',
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.25053'], probes: ['1.3.6.1.4.1.25053.1.2.1.1.1.15', '1.3.6.1.4.1.25053.1.2.2.1.1.2.1.1'] },
  scalars: [
    { class: 'ap-count', oid: '1.3.6.1.4.1.25053.1.2.1.1.1.15.1.0', mib: 'RUCKUS-ZD-SYSTEM-MIB::ruckusZDSystemStatsNumAP', descr: 'Total APs', index: 'total' },
    { class: 'clients', oid: '1.3.6.1.4.1.25053.1.2.1.1.1.15.2.0', mib: 'RUCKUS-ZD-SYSTEM-MIB::ruckusZDSystemStatsNumSta', descr: 'System Total', index: 'total' },
  ],
  tables: [
    {
      name: 'ruckusZDWLANTable',
      indexLength: [1, 40],
      columns: {
        ssid: c('1.3.6.1.4.1.25053.1.2.2.1.1.1.1.1.1', 'RUCKUS-ZD-WLAN-MIB::ruckusZDWLANSSID', 'text'),
        clients: c('1.3.6.1.4.1.25053.1.2.2.1.1.1.1.1.12', 'RUCKUS-ZD-WLAN-MIB::ruckusZDWLANNumSta'),
      },
      sensors: [{ class: 'clients', column: 'clients', descr: 'SSID: {ssid}', index: 'ssid.{ssid}' }],
      ssid: { ssid: 'ssid', clients: 'clients' },
    },
    {
      name: 'ruckusZDWLANAPTable',
      indexLength: 6,
      index: 'mac',
      columns: {
        name: c('1.3.6.1.4.1.25053.1.2.2.1.1.2.1.1.2', 'RUCKUS-ZD-WLAN-MIB::ruckusZDWLANAPDescription', 'text'),
        status: c('1.3.6.1.4.1.25053.1.2.2.1.1.2.1.1.3', 'RUCKUS-ZD-WLAN-MIB::ruckusZDWLANAPStatus'),
        clients: c('1.3.6.1.4.1.25053.1.2.2.1.1.2.1.1.15', 'RUCKUS-ZD-WLAN-MIB::ruckusZDWLANAPNumSta'),
      },
      ap: { name: 'name', mac: 'index', status: 'status', statusWords: ZD_AP_STATUS, clients: 'clients' },
    },
  ],
};
