/**
 * Siklu EtherHaul / MultiHaul mmWave radios (RADIO-BRIDGE-MIB, rfTable by the RF interface's
 * ifIndex). Siklu's MIB is distributed with the firmware under Siklu's copyright; not shipped.
 */
import type { WirelessProfile } from './types.js';

export const SIKLU: WirelessProfile = {
  name: 'siklu',
  mib: 'RADIO-BRIDGE-MIB',
  source: 'not shipped (Siklu copyright); from Siklu support with the EtherHaul firmware',
  shipped: false,
  role: 'wireless-bridge',
  match: { probes: ['1.3.6.1.4.1.31926.2.1.1'] },
  tables: [
    {
      name: 'rfTable',
      indexLength: 1,
      columns: {
        frequency: { oid: '1.3.6.1.4.1.31926.2.1.1.4', mib: 'RADIO-BRIDGE-MIB::rfOperationalFrequency' },
        cinr: { oid: '1.3.6.1.4.1.31926.2.1.1.18', mib: 'RADIO-BRIDGE-MIB::rfAverageCinr' },
        rssi: { oid: '1.3.6.1.4.1.31926.2.1.1.19', mib: 'RADIO-BRIDGE-MIB::rfAverageRssi' },
        txPower: { oid: '1.3.6.1.4.1.31926.2.1.1.42', mib: 'RADIO-BRIDGE-MIB::rfTxPower' },
      },
      sensors: [
        // rfOperationalFrequency is in MHz (72375 on an E-band EH-1200). LibreNMS divides by 1000
        // and calls it MHz, so its 72.375 is GHz.
        { class: 'frequency', column: 'frequency', descr: 'Frequency', from: 'MHz' },
        // CINR (carrier to interference plus noise) is the radio's SNR figure, in dB.
        { class: 'snr', column: 'cinr', descr: 'CINR', from: 'dB' },
        { class: 'rssi', column: 'rssi', descr: 'RSSI', from: 'dBm' },
        { class: 'power', column: 'txPower', descr: 'Tx Power', from: 'dBm' },
      ],
      radio: { frequency: 'frequency', txPower: 'txPower' },
    },
  ],
};
