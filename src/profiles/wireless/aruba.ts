/**
 * Aruba (HPE) mobility controllers (WLSX-SWITCH-MIB, WLSX-WLAN-MIB: APs by MAC, radios by AP MAC
 * and radio number, ESSIDs by name) and Aruba Instant virtual controllers (AI-AP-MIB: APs and
 * radios of the cluster, SSIDs). The modules carry Aruba's copyright; not shipped: download them
 * from the controller (`/mibs` on the web UI) or netdisco-mibs (folder aruba/).
 */
import type { WirelessColumn, WirelessProfile } from './types.js';

const SOURCE = 'not shipped (Aruba/HPE copyright); from the controller or netdisco-mibs aruba/';
const c = (oid: string, mib: string, type?: WirelessColumn['type']): WirelessColumn => (type === undefined ? { oid, mib } : { oid, mib, type });

/** ArubaPhyType (ARUBA-TC). */
const PHY_BAND = { 1: '5GHz', 2: '2.4GHz', 3: '2.4GHz', 4: '2.4GHz/5GHz' } as const;
/** ArubaAPStatus (ARUBA-TC) and AI-AP-MIB::aiAPStatus. */
const AP_STATUS = { 1: 'up', 2: 'down' } as const;

export const ARUBA_CONTROLLER: WirelessProfile = {
  name: 'aruba-controller',
  mib: 'WLSX-SWITCH-MIB, WLSX-WLAN-MIB',
  source: SOURCE,
  shipped: false,
  role: 'wireless-controller',
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.14823'], probes: ['1.3.6.1.4.1.14823.2.2.1.5.2.1.4', '1.3.6.1.4.1.14823.2.2.1.1.3.1'] },
  scalars: [
    { class: 'ap-count', oid: '1.3.6.1.4.1.14823.2.2.1.1.3.1.0', mib: 'WLSX-SWITCH-MIB::wlsxSwitchTotalNumAccessPoints', descr: 'Total APs', index: 'total' },
    { class: 'clients', oid: '1.3.6.1.4.1.14823.2.2.1.1.3.2.0', mib: 'WLSX-SWITCH-MIB::wlsxSwitchTotalNumStationsAssociated', descr: 'Total clients', index: 'total' },
  ],
  tables: [
    {
      name: 'wlsxWlanAPTable',
      indexLength: 6,
      index: 'mac',
      columns: {
        name: c('1.3.6.1.4.1.14823.2.2.1.5.2.1.4.1.3', 'WLSX-WLAN-MIB::wlanAPName', 'text'),
        status: c('1.3.6.1.4.1.14823.2.2.1.5.2.1.4.1.19', 'WLSX-WLAN-MIB::wlanAPStatus'),
      },
      ap: { name: 'name', mac: 'index', status: 'status', statusWords: AP_STATUS },
    },
    {
      name: 'wlsxWlanRadioTable',
      indexLength: 7,
      columns: {
        type: c('1.3.6.1.4.1.14823.2.2.1.5.2.1.5.1.2', 'WLSX-WLAN-MIB::wlanAPRadioType'),
        channel: c('1.3.6.1.4.1.14823.2.2.1.5.2.1.5.1.3', 'WLSX-WLAN-MIB::wlanAPRadioChannel'),
        utilization: c('1.3.6.1.4.1.14823.2.2.1.5.2.1.5.1.6', 'WLSX-WLAN-MIB::wlanAPRadioUtilization'),
        clients: c('1.3.6.1.4.1.14823.2.2.1.5.2.1.5.1.7', 'WLSX-WLAN-MIB::wlanAPRadioNumAssociatedClients'),
      },
      // wlanAPRadioTransmitPower is "the current power level", not dBm: left out.
      radio: { apKeyLength: 6, band: 'type', bandWords: PHY_BAND, channel: 'channel', clients: 'clients', utilization: { column: 'utilization', from: '%' } },
    },
    {
      // Indexed by the ESSID itself (a length-prefixed string).
      name: 'wlsxWlanESSIDTable',
      indexLength: [2, 33],
      index: 'string',
      columns: {
        clients: c('1.3.6.1.4.1.14823.2.2.1.5.2.1.8.1.2', 'WLSX-WLAN-MIB::wlanESSIDNumStations'),
        apsUp: c('1.3.6.1.4.1.14823.2.2.1.5.2.1.8.1.3', 'WLSX-WLAN-MIB::wlanESSIDNumAccessPointsUp'),
      },
      sensors: [{ class: 'clients', column: 'clients', descr: 'SSID: {index}', index: 'ssid.{index}' }],
      ssid: { ssid: 'index', clients: 'clients' },
    },
  ],
};

export const ARUBA_INSTANT: WirelessProfile = {
  name: 'aruba-instant',
  mib: 'AI-AP-MIB',
  source: SOURCE,
  shipped: false,
  role: 'wireless-controller',
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.14823'], probes: ['1.3.6.1.4.1.14823.2.3.3.1.2.1'] },
  tables: [
    {
      name: 'aiAccessPointTable',
      indexLength: 6,
      index: 'mac',
      columns: {
        name: c('1.3.6.1.4.1.14823.2.3.3.1.2.1.1.2', 'AI-AP-MIB::aiAPName', 'text'),
        status: c('1.3.6.1.4.1.14823.2.3.3.1.2.1.1.11', 'AI-AP-MIB::aiAPStatus'),
      },
      ap: { name: 'name', mac: 'index', status: 'status', statusWords: AP_STATUS },
      aggregates: [{ class: 'ap-count', op: 'count', descr: 'APs in the cluster', index: 'total' }],
    },
    {
      name: 'aiRadioTable',
      indexLength: 7,
      columns: {
        channel: c('1.3.6.1.4.1.14823.2.3.3.1.2.2.1.4', 'AI-AP-MIB::aiRadioChannel', 'text'),
        txPower: c('1.3.6.1.4.1.14823.2.3.3.1.2.2.1.5', 'AI-AP-MIB::aiRadioTransmitPower'),
        noiseFloor: c('1.3.6.1.4.1.14823.2.3.3.1.2.2.1.6', 'AI-AP-MIB::aiRadioNoiseFloor'),
        utilization: c('1.3.6.1.4.1.14823.2.3.3.1.2.2.1.7', 'AI-AP-MIB::aiRadioUtilization4'),
        clients: c('1.3.6.1.4.1.14823.2.3.3.1.2.2.1.21', 'AI-AP-MIB::aiRadioClientNum'),
      },
      // aiRadioChannel is text such as "36E" or "11": read as a number only when it is one.
      radio: { apKeyLength: 6, channel: 'channel', txPower: 'txPower', noiseFloor: 'noiseFloor', clients: 'clients', utilization: { column: 'utilization', from: '%' } },
      aggregates: [{ class: 'clients', op: 'sum', column: 'clients', descr: 'Clients on all APs', index: 'total' }],
    },
    {
      name: 'aiSSIDTable',
      indexLength: [1, 40],
      columns: {
        ssid: c('1.3.6.1.4.1.14823.2.3.3.1.1.7.1.2', 'AI-AP-MIB::aiSSID', 'text'),
        clients: c('1.3.6.1.4.1.14823.2.3.3.1.1.7.1.4', 'AI-AP-MIB::aiSSIDClientNum'),
      },
      sensors: [{ class: 'clients', column: 'clients', descr: 'SSID: {ssid}', index: 'ssid.{ssid}' }],
      ssid: { ssid: 'ssid', clients: 'clients' },
    },
  ],
};
