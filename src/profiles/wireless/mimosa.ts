/**
 * Mimosa B5/B5c/B11/B24 backhaul radios (MIMOSA-NETWORKS-BFIVE-MIB): link scalars and
 * mimosaChainTable (one row per RF chain). Mimosa's MIB carries its copyright; not shipped:
 * download it from the radio's web UI or netdisco-mibs (mimosa/MIMOSA-MIB-B5.txt).
 */
import type { WirelessColumn, WirelessProfile } from './types.js';

const c = (oid: string, mib: string): WirelessColumn => ({ oid, mib });

export const MIMOSA: WirelessProfile = {
  name: 'mimosa',
  mib: 'MIMOSA-NETWORKS-BFIVE-MIB',
  source: 'not shipped (Mimosa copyright); from the radio or netdisco-mibs mimosa/',
  shipped: false,
  role: 'wireless-bridge',
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.43356'], probes: ['1.3.6.1.4.1.43356.2.1.2.6.1', '1.3.6.1.4.1.43356.2.1.2.7'] },
  scalars: [
    // DecimalOne (tenths) dBm and DecimalTwo (hundredths) kbps, as the MIB's TEXTUAL-CONVENTIONs say.
    { class: 'power', oid: '1.3.6.1.4.1.43356.2.1.2.6.5.0', mib: 'MIMOSA-NETWORKS-BFIVE-MIB::mimosaTotalTxPower', descr: 'Total Tx Power', index: 'total', from: 'dBm', divisor: 10 },
    { class: 'rssi', oid: '1.3.6.1.4.1.43356.2.1.2.6.6.0', mib: 'MIMOSA-NETWORKS-BFIVE-MIB::mimosaTotalRxPower', descr: 'Total Rx Power', index: 'total', from: 'dBm', divisor: 10 },
    { class: 'rate', oid: '1.3.6.1.4.1.43356.2.1.2.7.1.0', mib: 'MIMOSA-NETWORKS-BFIVE-MIB::mimosaPhyTxRate', descr: 'PHY Tx Rate', index: 'tx', from: 'kbit/s', divisor: 100 },
    { class: 'rate', oid: '1.3.6.1.4.1.43356.2.1.2.7.2.0', mib: 'MIMOSA-NETWORKS-BFIVE-MIB::mimosaPhyRxRate', descr: 'PHY Rx Rate', index: 'rx', from: 'kbit/s', divisor: 100 },
  ],
  tables: [
    {
      name: 'mimosaChainTable',
      indexLength: 1,
      columns: {
        txPower: c('1.3.6.1.4.1.43356.2.1.2.6.1.1.2', 'MIMOSA-NETWORKS-BFIVE-MIB::mimosaTxPower'),
        rxPower: c('1.3.6.1.4.1.43356.2.1.2.6.1.1.3', 'MIMOSA-NETWORKS-BFIVE-MIB::mimosaRxPower'),
        rxNoise: c('1.3.6.1.4.1.43356.2.1.2.6.1.1.4', 'MIMOSA-NETWORKS-BFIVE-MIB::mimosaRxNoise'),
        snr: c('1.3.6.1.4.1.43356.2.1.2.6.1.1.5', 'MIMOSA-NETWORKS-BFIVE-MIB::mimosaSNR'),
        frequency: c('1.3.6.1.4.1.43356.2.1.2.6.1.1.6', 'MIMOSA-NETWORKS-BFIVE-MIB::mimosaCenterFreq'),
      },
      sensors: [
        { class: 'power', column: 'txPower', descr: 'Chain {index} Tx Power', index: 'chain.{index}', from: 'dBm', divisor: 10 },
        { class: 'rssi', column: 'rxPower', descr: 'Chain {index} Rx Power', index: 'chain.{index}', from: 'dBm', divisor: 10 },
        { class: 'noise-floor', column: 'rxNoise', descr: 'Chain {index} Noise', index: 'chain.{index}', from: 'dBm', divisor: 10 },
        { class: 'snr', column: 'snr', descr: 'Chain {index} SNR', index: 'chain.{index}', from: 'dB', divisor: 10 },
        { class: 'frequency', column: 'frequency', descr: 'Chain {index} Center Frequency', index: 'chain.{index}', from: 'MHz', skip: [0] },
      ],
      radio: { frequency: 'frequency', txPower: { column: 'txPower', from: 'dBm', divisor: 10 }, noiseFloor: { column: 'rxNoise', from: 'dBm', divisor: 10 }, skipFrequency: [0] },
    },
  ],
};
