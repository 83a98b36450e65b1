/**
 * MikroTik RouterOS wireless (MIKROTIK-MIB mtxrWireless: AP, station, 60 GHz tables) and LTE
 * modems (mtxrLTEModemTable). MIKROTIK-MIB states no licence, so it is not shipped: download it
 * from the router (`/tool fetch` of mikrotik.mib from https://download.mikrotik.com/routeros/) or
 * netdisco-mibs (mikrotik/mikrotik.mib).
 */
import type { WirelessColumn, WirelessProfile } from './types.js';

const SOURCE = 'not shipped (no licence stated); https://download.mikrotik.com (mikrotik.mib) or netdisco-mibs mikrotik/';
const c = (oid: string, mib: string, type?: WirelessColumn['type']): WirelessColumn => (type === undefined ? { oid, mib } : { oid, mib, type });
const ROUTEROS = ['1.3.6.1.4.1.14988.1'];

/**
 * 802.11 interfaces in AP mode (mtxrWlApTable, by ifIndex; virtual APs are rows too, with
 * frequency 0) and in station mode (mtxrWlStatTable, by ifIndex).
 */
export const MIKROTIK_WIRELESS: WirelessProfile = {
  name: 'mikrotik-wireless',
  mib: 'MIKROTIK-MIB',
  source: SOURCE,
  shipped: false,
  role: 'wireless-ap',
  match: { sysObjectIdPrefixes: ROUTEROS, probes: ['1.3.6.1.4.1.14988.1.1.1.3.1', '1.3.6.1.4.1.14988.1.1.1.1.1'] },
  tables: [
    {
      name: 'mtxrWlApTable',
      indexLength: 1,
      columns: {
        ssid: c('1.3.6.1.4.1.14988.1.1.1.3.1.4', 'MIKROTIK-MIB::mtxrWlApSsid', 'text'),
        clients: c('1.3.6.1.4.1.14988.1.1.1.3.1.6', 'MIKROTIK-MIB::mtxrWlApClientCount'),
        frequency: c('1.3.6.1.4.1.14988.1.1.1.3.1.7', 'MIKROTIK-MIB::mtxrWlApFreq'),
        band: c('1.3.6.1.4.1.14988.1.1.1.3.1.8', 'MIKROTIK-MIB::mtxrWlApBand', 'text'),
        noiseFloor: c('1.3.6.1.4.1.14988.1.1.1.3.1.9', 'MIKROTIK-MIB::mtxrWlApNoiseFloor'),
        ccq: c('1.3.6.1.4.1.14988.1.1.1.3.1.10', 'MIKROTIK-MIB::mtxrWlApOverallTxCCQ'),
      },
      sensors: [
        { class: 'clients', column: 'clients', descr: 'SSID: {ssid}' },
        { class: 'frequency', column: 'frequency', descr: 'SSID: {ssid}', from: 'MHz', skip: [0] },
        { class: 'noise-floor', column: 'noiseFloor', descr: 'SSID: {ssid}', from: 'dBm' },
        { class: 'ccq', column: 'ccq', descr: 'SSID: {ssid}', from: '%' },
      ],
      radio: { frequency: 'frequency', clients: 'clients', noiseFloor: 'noiseFloor', skipFrequency: [0] },
      ssid: { ssid: 'ssid', clients: 'clients' },
    },
    {
      name: 'mtxrWlStatTable',
      indexLength: 1,
      columns: {
        txRate: c('1.3.6.1.4.1.14988.1.1.1.1.1.2', 'MIKROTIK-MIB::mtxrWlStatTxRate'),
        rxRate: c('1.3.6.1.4.1.14988.1.1.1.1.1.3', 'MIKROTIK-MIB::mtxrWlStatRxRate'),
        strength: c('1.3.6.1.4.1.14988.1.1.1.1.1.4', 'MIKROTIK-MIB::mtxrWlStatStrength'),
        ssid: c('1.3.6.1.4.1.14988.1.1.1.1.1.5', 'MIKROTIK-MIB::mtxrWlStatSsid', 'text'),
        frequency: c('1.3.6.1.4.1.14988.1.1.1.1.1.7', 'MIKROTIK-MIB::mtxrWlStatFreq'),
        txCcq: c('1.3.6.1.4.1.14988.1.1.1.1.1.9', 'MIKROTIK-MIB::mtxrWlStatTxCCQ'),
      },
      sensors: [
        { class: 'rate', column: 'txRate', descr: 'Tx Rate {ssid}', index: 'sta-tx.{index}', from: 'bit/s' },
        { class: 'rate', column: 'rxRate', descr: 'Rx Rate {ssid}', index: 'sta-rx.{index}', from: 'bit/s' },
        { class: 'rssi', column: 'strength', descr: 'Signal {ssid}', index: 'sta.{index}', from: 'dBm' },
        { class: 'frequency', column: 'frequency', descr: 'Station {ssid}', index: 'sta.{index}', from: 'MHz', skip: [0] },
        { class: 'ccq', column: 'txCcq', descr: 'Tx CCQ {ssid}', index: 'sta.{index}', from: '%' },
      ],
      radio: { frequency: 'frequency', skipFrequency: [0] },
    },
  ],
};

/** 60 GHz (wAP 60G, Cube 60G): mtxrWl60GTable per W60G interface, mtxrWl60GStaTable per linked station. */
export const MIKROTIK_60G: WirelessProfile = {
  name: 'mikrotik-60g',
  mib: 'MIKROTIK-MIB',
  source: SOURCE,
  shipped: false,
  role: 'wireless-bridge',
  match: { sysObjectIdPrefixes: ROUTEROS, probes: ['1.3.6.1.4.1.14988.1.1.1.8.1'] },
  tables: [
    {
      name: 'mtxrWl60GTable',
      indexLength: 1,
      columns: {
        ssid: c('1.3.6.1.4.1.14988.1.1.1.8.1.3', 'MIKROTIK-MIB::mtxrWl60GSsid', 'text'),
        frequency: c('1.3.6.1.4.1.14988.1.1.1.8.1.6', 'MIKROTIK-MIB::mtxrWl60GFreq'),
        signal: c('1.3.6.1.4.1.14988.1.1.1.8.1.8', 'MIKROTIK-MIB::mtxrWl60GSignal'),
        rssi: c('1.3.6.1.4.1.14988.1.1.1.8.1.12', 'MIKROTIK-MIB::mtxrWl60GRssi'),
        phyRate: c('1.3.6.1.4.1.14988.1.1.1.8.1.13', 'MIKROTIK-MIB::mtxrWl60GPhyRate'),
      },
      sensors: [
        { class: 'frequency', column: 'frequency', descr: '60G: {ssid}', index: '60g.{index}', from: 'MHz', skip: [0] },
        // mtxrWl60GSignal: signal quality, percent (RouterOS shows it as "signal: 80").
        { class: 'quality', column: 'signal', descr: '60G: {ssid}', index: '60g.{index}', from: '%' },
        { class: 'rssi', column: 'rssi', descr: '60G: {ssid}', index: '60g.{index}', from: 'dBm' },
        // The station table's twin column mtxrWl60GStaPhyRate is "Mbits per second".
        { class: 'rate', column: 'phyRate', descr: '60G: {ssid}', index: '60g.{index}', from: 'Mbit/s' },
      ],
      radio: { frequency: 'frequency', skipFrequency: [0] },
    },
    {
      name: 'mtxrWl60GStaTable',
      indexLength: 1,
      columns: {
        remote: c('1.3.6.1.4.1.14988.1.1.1.9.1.3', 'MIKROTIK-MIB::mtxrWl60GStaRemote', 'mac'),
        signal: c('1.3.6.1.4.1.14988.1.1.1.9.1.5', 'MIKROTIK-MIB::mtxrWl60GStaSignal'),
        phyRate: c('1.3.6.1.4.1.14988.1.1.1.9.1.8', 'MIKROTIK-MIB::mtxrWl60GStaPhyRate'),
        rssi: c('1.3.6.1.4.1.14988.1.1.1.9.1.9', 'MIKROTIK-MIB::mtxrWl60GStaRssi'),
        distance: c('1.3.6.1.4.1.14988.1.1.1.9.1.10', 'MIKROTIK-MIB::mtxrWl60GStaDistance'),
      },
      sensors: [
        { class: 'quality', column: 'signal', descr: '60G: Sta > {remote}', index: '60g-sta.{index}', from: '%' },
        { class: 'rate', column: 'phyRate', descr: '60G: Sta > {remote}', index: '60g-sta.{index}', from: 'Mbit/s' },
        { class: 'rssi', column: 'rssi', descr: '60G: Sta > {remote}', index: '60g-sta.{index}', from: 'dBm' },
        // DESCRIPTION "meters" in MIKROTIK-MIB (LibreNMS divides by 100000, i.e. reads centimetres).
        { class: 'distance', column: 'distance', descr: '60G: Sta > {remote}', index: '60g-sta.{index}', from: 'm' },
      ],
    },
  ],
};

/** LTE modems (mtxrLTEModemTable, by ifIndex). No role of its own: an LTE uplink adds figures to whatever the router is. */
export const MIKROTIK_LTE: WirelessProfile = {
  name: 'mikrotik-lte',
  mib: 'MIKROTIK-MIB',
  source: SOURCE,
  shipped: false,
  match: { sysObjectIdPrefixes: ROUTEROS, probes: ['1.3.6.1.4.1.14988.1.1.16.1.1'] },
  tables: [
    {
      name: 'mtxrLTEModemTable',
      indexLength: 1,
      columns: {
        rssi: c('1.3.6.1.4.1.14988.1.1.16.1.1.2', 'MIKROTIK-MIB::mtxrLTEModemSignalRSSI'),
        rsrq: c('1.3.6.1.4.1.14988.1.1.16.1.1.3', 'MIKROTIK-MIB::mtxrLTEModemSignalRSRQ'),
        rsrp: c('1.3.6.1.4.1.14988.1.1.16.1.1.4', 'MIKROTIK-MIB::mtxrLTEModemSignalRSRP'),
        cellId: c('1.3.6.1.4.1.14988.1.1.16.1.1.5', 'MIKROTIK-MIB::mtxrLTEModemCellId'),
        sinr: c('1.3.6.1.4.1.14988.1.1.16.1.1.7', 'MIKROTIK-MIB::mtxrLTEModemSignalSINR'),
      },
      sensors: [
        { class: 'rssi', column: 'rssi', descr: 'LTE RSSI', index: 'lte.{index}', from: 'dBm' },
        { class: 'rsrq', column: 'rsrq', descr: 'LTE RSRQ', index: 'lte.{index}', from: 'dB' },
        { class: 'rsrp', column: 'rsrp', descr: 'LTE RSRP', index: 'lte.{index}', from: 'dBm' },
        { class: 'sinr', column: 'sinr', descr: 'LTE SINR', index: 'lte.{index}', from: 'dB' },
        { class: 'cell', column: 'cellId', descr: 'LTE cell ID', index: 'lte.{index}' },
      ],
    },
  ],
};
