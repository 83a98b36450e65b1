/**
 * Cisco wireless LAN controllers (AireOS 2500/3504/5508/8540, and the AIRESPACE tables Catalyst
 * 9800 keeps): AIRESPACE-WIRELESS-MIB bsnAPTable (joined APs by MAC), bsnAPIfTable and
 * bsnAPIfLoadParametersTable (radios by AP MAC and slot), bsnDot11EssTable (WLANs). Cisco's MIBs
 * say "All rights reserved"; not shipped: https://github.com/cisco/cisco-mibs (v2/) or netdisco-mibs cisco/.
 */
import type { WirelessColumn, WirelessProfile } from './types.js';

const c = (oid: string, mib: string, type?: WirelessColumn['type']): WirelessColumn => (type === undefined ? { oid, mib } : { oid, mib, type });

/** bsnAPIfType → band. */
const AP_IF_BAND = { 1: '2.4GHz', 2: '5GHz', 6: '6GHz', 7: '5GHz/6GHz' } as const;
/** bsnAPOperationStatus. */
const AP_STATUS = { 1: 'associated', 2: 'disassociating', 3: 'downloading' } as const;

export const CISCO_WLC: WirelessProfile = {
  name: 'cisco-wlc',
  mib: 'AIRESPACE-WIRELESS-MIB',
  source: 'not shipped (Cisco: "All rights reserved"); https://github.com/cisco/cisco-mibs or netdisco-mibs cisco/',
  shipped: false,
  role: 'wireless-controller',
  // No sysObjectID filter: AireOS reports 14179.1.1.4.3 or 9.1.x, the 9800 series 9.1.2391/2530/….
  match: { probes: ['1.3.6.1.4.1.14179.2.2.1', '1.3.6.1.4.1.14179.2.1.1'] },
  tables: [
    {
      name: 'bsnAPTable',
      indexLength: 6,
      index: 'mac',
      columns: {
        name: c('1.3.6.1.4.1.14179.2.2.1.1.3', 'AIRESPACE-WIRELESS-MIB::bsnAPName', 'text'),
        status: c('1.3.6.1.4.1.14179.2.2.1.1.6', 'AIRESPACE-WIRELESS-MIB::bsnAPOperationStatus'),
      },
      ap: { name: 'name', mac: 'index', status: 'status', statusWords: AP_STATUS },
      aggregates: [{ class: 'ap-count', op: 'count', descr: 'Connected APs', index: 'total' }],
    },
    {
      name: 'bsnAPIfTable',
      indexLength: 7,
      columns: {
        type: c('1.3.6.1.4.1.14179.2.2.2.1.2', 'AIRESPACE-WIRELESS-MIB::bsnAPIfType'),
        channel: c('1.3.6.1.4.1.14179.2.2.2.1.4', 'AIRESPACE-WIRELESS-MIB::bsnAPIfPhyChannelNumber'),
        clients: c('1.3.6.1.4.1.14179.2.2.2.1.15', 'AIRESPACE-WIRELESS-MIB::bsnApIfNoOfUsers'),
      },
      radio: { apKeyLength: 6, band: 'type', bandWords: AP_IF_BAND, channel: 'channel', clients: 'clients' },
      aggregates: [{ class: 'clients', op: 'sum', column: 'clients', descr: 'Clients on all APs', index: 'total' }],
    },
    {
      name: 'bsnAPIfLoadParametersTable',
      indexLength: 7,
      columns: { channelUtilization: c('1.3.6.1.4.1.14179.2.2.13.1.3', 'AIRESPACE-WIRELESS-MIB::bsnAPIfLoadChannelUtilization') },
      radio: { apKeyLength: 6, utilization: { column: 'channelUtilization', from: '%' } },
    },
    {
      name: 'bsnDot11EssTable',
      indexLength: 1,
      columns: {
        ssid: c('1.3.6.1.4.1.14179.2.1.1.1.2', 'AIRESPACE-WIRELESS-MIB::bsnDot11EssSsid', 'text'),
        clients: c('1.3.6.1.4.1.14179.2.1.1.1.38', 'AIRESPACE-WIRELESS-MIB::bsnDot11EssNumberOfMobileStations'),
      },
      sensors: [{ class: 'clients', column: 'clients', descr: 'SSID: {ssid}', index: 'ssid.{index}' }],
      ssid: { ssid: 'ssid', clients: 'clients' },
    },
  ],
};
