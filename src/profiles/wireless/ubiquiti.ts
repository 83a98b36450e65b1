/**
 * Ubiquiti radios: airFiber (UBNT-AirFIBER-MIB), airFiber LTU (UBNT-AFLTU-MIB), airFiber 60 / Wave
 * (UI-AF60-MIB), airMAX (UBNT-AirMAX-MIB) and UniFi APs (UBNT-UniFi-MIB). The modules state no
 * licence, so linkscope does not ship them: get them from the firmware's /usr/share/snmp or the
 * netdisco-mibs collection (https://github.com/netdisco/netdisco-mibs, folder ubnt/).
 */
import type { WirelessColumn, WirelessProfile } from './types.js';

const SOURCE = 'not shipped (no licence stated); netdisco-mibs ubnt/ or the device firmware';
const c = (oid: string, mib: string, type?: WirelessColumn['type']): WirelessColumn => (type === undefined ? { oid, mib } : { oid, mib, type });

/** airFiber AF-5/AF-11/AF-24 (UBNT-AirFIBER-MIB airFiberConfigTable / airFiberStatusTable, both by a radio index). */
export const UBNT_AIRFIBER: WirelessProfile = {
  name: 'ubnt-airfiber',
  mib: 'UBNT-AirFIBER-MIB',
  source: SOURCE,
  shipped: false,
  role: 'wireless-bridge',
  match: { probes: ['1.3.6.1.4.1.41112.1.3.1.1'] },
  tables: [
    {
      name: 'airFiberConfigTable',
      indexLength: 1,
      columns: {
        // Quirk: the MIB says MHz, but airFiber firmware v4.0.3 (AF-11) answers 11485000 for its
        // 11.485 GHz channel, i.e. kHz (no radio runs at 11.485 THz). Read as kHz, as the device
        // answers; LibreNMS shows the raw number as MHz.
        txFrequency: c('1.3.6.1.4.1.41112.1.3.1.1.5', 'UBNT-AirFIBER-MIB::txFrequency'),
        rxFrequency: c('1.3.6.1.4.1.41112.1.3.1.1.6', 'UBNT-AirFIBER-MIB::rxFrequency'),
        txPower: c('1.3.6.1.4.1.41112.1.3.1.1.9', 'UBNT-AirFIBER-MIB::txPower'),
      },
      sensors: [
        { class: 'frequency', column: 'txFrequency', descr: 'Tx Frequency', index: 'tx.{index}', from: 'kHz' },
        { class: 'frequency', column: 'rxFrequency', descr: 'Rx Frequency', index: 'rx.{index}', from: 'kHz' },
        { class: 'power', column: 'txPower', descr: 'Tx Power', index: 'tx.{index}', from: 'dBm' },
      ],
      radio: { frequency: { column: 'txFrequency', from: 'kHz' }, txPower: 'txPower' },
    },
    {
      name: 'airFiberStatusTable',
      indexLength: 1,
      columns: {
        radioLinkDistM: c('1.3.6.1.4.1.41112.1.3.2.1.4', 'UBNT-AirFIBER-MIB::radioLinkDistM'),
        rxCapacity: c('1.3.6.1.4.1.41112.1.3.2.1.5', 'UBNT-AirFIBER-MIB::rxCapacity'),
        txCapacity: c('1.3.6.1.4.1.41112.1.3.2.1.6', 'UBNT-AirFIBER-MIB::txCapacity'),
        rxPower0: c('1.3.6.1.4.1.41112.1.3.2.1.11', 'UBNT-AirFIBER-MIB::rxPower0'),
        rxPower1: c('1.3.6.1.4.1.41112.1.3.2.1.14', 'UBNT-AirFIBER-MIB::rxPower1'),
      },
      sensors: [
        { class: 'distance', column: 'radioLinkDistM', descr: 'Distance', from: 'm' },
        { class: 'rate', column: 'rxCapacity', descr: 'Rx Capacity', index: 'rx.{index}', from: 'bit/s' },
        { class: 'rate', column: 'txCapacity', descr: 'Tx Capacity', index: 'tx.{index}', from: 'bit/s' },
        { class: 'rssi', column: 'rxPower0', descr: 'Rx Chain 0 Power', index: 'chain0.{index}', from: 'dBm' },
        { class: 'rssi', column: 'rxPower1', descr: 'Rx Chain 1 Power', index: 'chain1.{index}', from: 'dBm' },
      ],
    },
  ],
};

/** airFiber LTU / 5XHD (UBNT-AFLTU-MIB): config scalars and afLTUStationTable, one row per linked station by its MAC. */
export const UBNT_AFLTU: WirelessProfile = {
  name: 'ubnt-afltu',
  mib: 'UBNT-AFLTU-MIB',
  source: SOURCE,
  shipped: false,
  role: 'wireless-bridge',
  match: { probes: ['1.3.6.1.4.1.41112.1.10.1.2'] },
  scalars: [
    { class: 'frequency', oid: '1.3.6.1.4.1.41112.1.10.1.2.2.0', mib: 'UBNT-AFLTU-MIB::afLTUFrequency', descr: 'Radio Frequency', index: '0', from: 'MHz' },
    { class: 'power', oid: '1.3.6.1.4.1.41112.1.10.1.2.6.0', mib: 'UBNT-AFLTU-MIB::afLTUTxEIRP', descr: 'TX EIRP', index: 'eirp', from: 'dBm' },
  ],
  tables: [
    {
      name: 'afLTUStationTable',
      indexLength: 6,
      index: 'mac',
      columns: {
        txCapacity: c('1.3.6.1.4.1.41112.1.10.1.4.1.3', 'UBNT-AFLTU-MIB::afLTUStaTxCapacity'),
        rxCapacity: c('1.3.6.1.4.1.41112.1.10.1.4.1.4', 'UBNT-AFLTU-MIB::afLTUStaRxCapacity'),
        rxPower0: c('1.3.6.1.4.1.41112.1.10.1.4.1.5', 'UBNT-AFLTU-MIB::afLTUStaRxPower0'),
        rxPower1: c('1.3.6.1.4.1.41112.1.10.1.4.1.6', 'UBNT-AFLTU-MIB::afLTUStaRxPower1'),
        idealRxPower0: c('1.3.6.1.4.1.41112.1.10.1.4.1.7', 'UBNT-AFLTU-MIB::afLTUStaIdealRxPower0'),
        idealRxPower1: c('1.3.6.1.4.1.41112.1.10.1.4.1.8', 'UBNT-AFLTU-MIB::afLTUStaIdealRxPower1'),
        rxPowerLevel0: c('1.3.6.1.4.1.41112.1.10.1.4.1.9', 'UBNT-AFLTU-MIB::afLTUStaRxPowerLevel0'),
        rxPowerLevel1: c('1.3.6.1.4.1.41112.1.10.1.4.1.10', 'UBNT-AFLTU-MIB::afLTUStaRxPowerLevel1'),
        name: c('1.3.6.1.4.1.41112.1.10.1.4.1.13', 'UBNT-AFLTU-MIB::afLTUStaRemoteDevName', 'text'),
        distance: c('1.3.6.1.4.1.41112.1.10.1.4.1.23', 'UBNT-AFLTU-MIB::afLTUStaRemoteDistance'),
      },
      sensors: [
        // UNITS "Kbps" in the MIB.
        { class: 'rate', column: 'txCapacity', descr: 'TX Rate', index: 'tx.{index}', from: 'kbit/s' },
        { class: 'rate', column: 'rxCapacity', descr: 'RX Rate', index: 'rx.{index}', from: 'kbit/s' },
        // Received power per chain is a signal level at the receiver: rssi (dBm).
        { class: 'rssi', column: 'rxPower0', descr: 'RX Power Chain 0', index: 'chain0.{index}', from: 'dBm' },
        { class: 'rssi', column: 'rxPower1', descr: 'RX Power Chain 1', index: 'chain1.{index}', from: 'dBm' },
        // The level the link aims to receive at (a target, not a transmit power): rssi, told apart by descr and index.
        { class: 'rssi', column: 'idealRxPower0', descr: 'RX Ideal Power Chain 0 (target)', index: 'ideal0.{index}', from: 'dBm' },
        { class: 'rssi', column: 'idealRxPower1', descr: 'RX Ideal Power Chain 1 (target)', index: 'ideal1.{index}', from: 'dBm' },
        { class: 'quality', column: 'rxPowerLevel0', descr: 'Signal Level Chain 0', index: 'chain0.{index}', from: '%' },
        { class: 'quality', column: 'rxPowerLevel1', descr: 'Signal Level Chain 1', index: 'chain1.{index}', from: '%' },
        // UNITS "km" in the MIB, but airFiber 5XHD firmware v1.1.1 answers 10955 for an 11 km link:
        // metres. LibreNMS reads it as metres too.
        { class: 'distance', column: 'distance', descr: 'Distance {name}', from: 'm' },
      ],
    },
  ],
};

/** airFiber 60 / Wave (UI-AF60-MIB): af60ConfigTable and af60StationTable (by station MAC and a link number). */
export const UBNT_AF60: WirelessProfile = {
  name: 'ubnt-af60',
  mib: 'UI-AF60-MIB',
  source: SOURCE,
  shipped: false,
  role: 'wireless-bridge',
  match: { probes: ['1.3.6.1.4.1.41112.1.11.1.1', '1.3.6.1.4.1.41112.1.11.1.3'] },
  tables: [
    {
      name: 'af60ConfigTable',
      indexLength: 1,
      columns: { frequency: c('1.3.6.1.4.1.41112.1.11.1.1.2', 'UI-AF60-MIB::af60Frequency') },
      sensors: [{ class: 'frequency', column: 'frequency', descr: 'Radio Frequency', from: 'MHz' }],
      radio: { frequency: 'frequency' },
    },
    {
      name: 'af60StationTable',
      indexLength: [6, 7],
      index: 'mac',
      columns: {
        rssi: c('1.3.6.1.4.1.41112.1.11.1.3.1.3', 'UI-AF60-MIB::af60StaRSSI'),
        snr: c('1.3.6.1.4.1.41112.1.11.1.3.1.4', 'UI-AF60-MIB::af60StaSNR'),
        txCapacity: c('1.3.6.1.4.1.41112.1.11.1.3.1.7', 'UI-AF60-MIB::af60StaTxCapacity'),
        rxCapacity: c('1.3.6.1.4.1.41112.1.11.1.3.1.8', 'UI-AF60-MIB::af60StaRxCapacity'),
        distance: c('1.3.6.1.4.1.41112.1.11.1.3.1.15', 'UI-AF60-MIB::af60StaRemoteDistance'),
        remoteRssi: c('1.3.6.1.4.1.41112.1.11.1.3.1.18', 'UI-AF60-MIB::af60StaRemoteRSSI'),
        remoteSnr: c('1.3.6.1.4.1.41112.1.11.1.3.1.19', 'UI-AF60-MIB::af60StaRemoteSNR'),
      },
      sensors: [
        { class: 'rssi', column: 'rssi', descr: 'Local RSSI', index: 'local.{index}', from: 'dBm' },
        { class: 'rssi', column: 'remoteRssi', descr: 'Remote RSSI', index: 'remote.{index}', from: 'dBm' },
        { class: 'snr', column: 'snr', descr: 'Local SNR', index: 'local.{index}', from: 'dB' },
        { class: 'snr', column: 'remoteSnr', descr: 'Remote SNR', index: 'remote.{index}', from: 'dB' },
        { class: 'rate', column: 'txCapacity', descr: 'Tx Capacity', index: 'tx.{index}', from: 'kbit/s' },
        { class: 'rate', column: 'rxCapacity', descr: 'Rx Capacity', index: 'rx.{index}', from: 'kbit/s' },
        { class: 'distance', column: 'distance', descr: 'Distance', from: 'm' },
      ],
    },
  ],
};

/** UniFi APs (UBNT-UniFi-MIB): unifiRadioTable per radio (channel use), unifiVapTable per SSID per radio. */
export const UBNT_UNIFI: WirelessProfile = {
  name: 'ubnt-unifi',
  mib: 'UBNT-UniFi-MIB',
  source: SOURCE,
  shipped: false,
  role: 'wireless-ap',
  match: { probes: ['1.3.6.1.4.1.41112.1.6.1.2', '1.3.6.1.4.1.41112.1.6.1.1'] },
  tables: [
    {
      name: 'unifiRadioTable',
      indexLength: 1,
      columns: {
        radio: c('1.3.6.1.4.1.41112.1.6.1.1.1.3', 'UBNT-UniFi-MIB::unifiRadioRadio', 'text'),
        cuTotal: c('1.3.6.1.4.1.41112.1.6.1.1.1.6', 'UBNT-UniFi-MIB::unifiRadioCuTotal'),
      },
      sensors: [{ class: 'utilization', column: 'cuTotal', descr: 'Radio {radio} channel use', index: 'radio.{radio}', from: '%' }],
      // unifiRadioRadio: `ng` = 802.11n 2.4 GHz, `na` = 802.11n/ac 5 GHz. The channel is a column of
      // unifiVapTable (per SSID), not of this table.
      radio: { band: 'radio', bandWords: { ng: '2.4GHz', na: '5GHz' }, utilization: { column: 'cuTotal', from: '%' } },
    },
    {
      // One row per virtual AP: an SSID on one radio (unifiVapRadio `ng` = 2.4 GHz, `na` = 5 GHz).
      name: 'unifiVapTable',
      indexLength: 1,
      columns: {
        ccq: c('1.3.6.1.4.1.41112.1.6.1.2.1.3', 'UBNT-UniFi-MIB::unifiVapCcq'),
        channel: c('1.3.6.1.4.1.41112.1.6.1.2.1.4', 'UBNT-UniFi-MIB::unifiVapChannel'),
        ssid: c('1.3.6.1.4.1.41112.1.6.1.2.1.6', 'UBNT-UniFi-MIB::unifiVapEssId', 'text'),
        clients: c('1.3.6.1.4.1.41112.1.6.1.2.1.8', 'UBNT-UniFi-MIB::unifiVapNumStations'),
        radio: c('1.3.6.1.4.1.41112.1.6.1.2.1.9', 'UBNT-UniFi-MIB::unifiVapRadio', 'text'),
        txPower: c('1.3.6.1.4.1.41112.1.6.1.2.1.21', 'UBNT-UniFi-MIB::unifiVapTxPower'),
      },
      aggregates: [
        { class: 'clients', op: 'sum', column: 'clients', groupBy: 'ssid', descr: 'SSID: {group}', index: 'ssid.{group}' },
        { class: 'clients', op: 'sum', column: 'clients', groupBy: 'radio', descr: 'Radio {group}', index: 'radio.{group}' },
        { class: 'clients', op: 'sum', column: 'clients', descr: 'Total clients', index: 'total' },
      ],
      ssid: { ssid: 'ssid', clients: 'clients' },
    },
  ],
};

/** airMAX (UBNT-AirMAX-MIB): ubntRadioTable, ubntWlStatTable and ubntAirMaxTable, each by radio index. */
export const UBNT_AIRMAX: WirelessProfile = {
  name: 'ubnt-airmax',
  mib: 'UBNT-AirMAX-MIB',
  source: SOURCE,
  shipped: false,
  role: 'wireless-ap',
  match: { probes: ['1.3.6.1.4.1.41112.1.4.1', '1.3.6.1.4.1.41112.1.4.5'] },
  tables: [
    {
      name: 'ubntRadioTable',
      indexLength: 1,
      columns: {
        frequency: c('1.3.6.1.4.1.41112.1.4.1.1.4', 'UBNT-AirMAX-MIB::ubntRadioFreq'),
        txPower: c('1.3.6.1.4.1.41112.1.4.1.1.6', 'UBNT-AirMAX-MIB::ubntRadioTxPower'),
        distance: c('1.3.6.1.4.1.41112.1.4.1.1.7', 'UBNT-AirMAX-MIB::ubntRadioDistance'),
      },
      sensors: [
        { class: 'frequency', column: 'frequency', descr: 'Frequency', from: 'MHz', skip: [0] },
        { class: 'power', column: 'txPower', descr: 'Tx Power', from: 'dBm' },
        // In metres (airOS shows the same figure as "Distance: 1.2 km" for 1200).
        { class: 'distance', column: 'distance', descr: 'Distance', from: 'm' },
      ],
      radio: { frequency: 'frequency', txPower: 'txPower', skipFrequency: [0] },
    },
    {
      name: 'ubntWlStatTable',
      indexLength: 1,
      columns: {
        ssid: c('1.3.6.1.4.1.41112.1.4.5.1.2', 'UBNT-AirMAX-MIB::ubntWlStatSsid', 'text'),
        signal: c('1.3.6.1.4.1.41112.1.4.5.1.5', 'UBNT-AirMAX-MIB::ubntWlStatSignal'),
        ccq: c('1.3.6.1.4.1.41112.1.4.5.1.7', 'UBNT-AirMAX-MIB::ubntWlStatCcq'),
        noiseFloor: c('1.3.6.1.4.1.41112.1.4.5.1.8', 'UBNT-AirMAX-MIB::ubntWlStatNoiseFloor'),
        txRate: c('1.3.6.1.4.1.41112.1.4.5.1.9', 'UBNT-AirMAX-MIB::ubntWlStatTxRate'),
        rxRate: c('1.3.6.1.4.1.41112.1.4.5.1.10', 'UBNT-AirMAX-MIB::ubntWlStatRxRate'),
        clients: c('1.3.6.1.4.1.41112.1.4.5.1.15', 'UBNT-AirMAX-MIB::ubntWlStatStaCount'),
      },
      sensors: [
        // ubntWlStatSignal is the received signal in dBm.
        { class: 'rssi', column: 'signal', descr: 'Signal {ssid}', from: 'dBm' },
        { class: 'ccq', column: 'ccq', descr: 'CCQ {ssid}', from: '%' },
        { class: 'noise-floor', column: 'noiseFloor', descr: 'Noise floor {ssid}', from: 'dBm' },
        { class: 'rate', column: 'txRate', descr: 'Tx Rate {ssid}', index: 'tx.{index}', from: 'bit/s' },
        { class: 'rate', column: 'rxRate', descr: 'Rx Rate {ssid}', index: 'rx.{index}', from: 'bit/s' },
        { class: 'clients', column: 'clients', descr: 'SSID: {ssid}' },
      ],
      radio: { noiseFloor: 'noiseFloor', clients: 'clients' },
      ssid: { ssid: 'ssid', clients: 'clients' },
    },
    {
      name: 'ubntAirMaxTable',
      indexLength: 1,
      columns: {
        quality: c('1.3.6.1.4.1.41112.1.4.6.1.3', 'UBNT-AirMAX-MIB::ubntAirMaxQuality'),
        capacity: c('1.3.6.1.4.1.41112.1.4.6.1.4', 'UBNT-AirMAX-MIB::ubntAirMaxCapacity'),
      },
      sensors: [
        { class: 'quality', column: 'quality', descr: 'airMAX Quality', from: '%' },
        { class: 'capacity', column: 'capacity', descr: 'airMAX Capacity', from: '%' },
      ],
    },
  ],
};
