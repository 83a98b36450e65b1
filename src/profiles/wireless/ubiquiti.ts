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
        // The MIB says MHz; airFiber firmware v4.0.3 (AF-11) answers 11485000 for 11.485 GHz, i.e.
        // kHz. Read as the MIB says (as LibreNMS does) until a second firmware tells which is right.
        txFrequency: c('1.3.6.1.4.1.41112.1.3.1.1.5', 'UBNT-AirFIBER-MIB::txFrequency'),
        rxFrequency: c('1.3.6.1.4.1.41112.1.3.1.1.6', 'UBNT-AirFIBER-MIB::rxFrequency'),
        txPower: c('1.3.6.1.4.1.41112.1.3.1.1.9', 'UBNT-AirFIBER-MIB::txPower'),
      },
      sensors: [
        { class: 'frequency', column: 'txFrequency', descr: 'Tx Frequency', index: 'tx.{index}', from: 'MHz' },
        { class: 'frequency', column: 'rxFrequency', descr: 'Rx Frequency', index: 'rx.{index}', from: 'MHz' },
        { class: 'power', column: 'txPower', descr: 'Tx Power', index: 'tx.{index}', from: 'dBm' },
      ],
      radio: { frequency: 'txFrequency', txPower: 'txPower' },
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
