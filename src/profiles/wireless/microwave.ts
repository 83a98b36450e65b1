/**
 * Point-to-point microwave: Ceragon IP-10/IP-20 (MWRM-RADIO-MIB, per radio by ifIndex: RFU
 * levels and frequencies, modem MSE/XPI, MRMC bit rates). Ceragon gives its MIBs to customers
 * under its copyright; not shipped. Not verified against the module itself: the OIDs, the kHz
 * frequencies, hundredths of dB for MSE/XPI and kbit/s rates are as LibreNMS's CeraOS support reads
 * them; check against MWRM-RADIO-MIB from Ceragon before relying on the scaling.
 */
import type { WirelessColumn, WirelessProfile } from './types.js';

const c = (oid: string, mib: string): WirelessColumn => ({ oid, mib });

export const CERAGON_MWRM: WirelessProfile = {
  name: 'ceragon-mwrm',
  mib: 'MWRM-RADIO-MIB',
  source: 'not shipped (Ceragon copyright); from Ceragon customer support (unverified here, see the file header)',
  shipped: false,
  role: 'wireless-bridge',
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.2281'], probes: ['1.3.6.1.4.1.2281.10.5.1.1', '1.3.6.1.4.1.2281.10.7.1.1'] },
  tables: [
    {
      name: 'genEquipRfuStatusTable',
      indexLength: 1,
      columns: {
        rxLevel: c('1.3.6.1.4.1.2281.10.5.1.1.2', 'MWRM-RADIO-MIB::genEquipRfuStatusRxLevel'),
        txLevel: c('1.3.6.1.4.1.2281.10.5.1.1.3', 'MWRM-RADIO-MIB::genEquipRfuStatusTxLevel'),
        rxLevelDiversity: c('1.3.6.1.4.1.2281.10.5.1.1.10', 'MWRM-RADIO-MIB::genEquipRfuStatusRxLevelDiversity'),
      },
      sensors: [
        { class: 'rssi', column: 'rxLevel', descr: 'Radio {index} Rx level (main)', index: 'main.{index}', from: 'dBm' },
        { class: 'rssi', column: 'rxLevelDiversity', descr: 'Radio {index} Rx level (diversity)', index: 'diversity.{index}', from: 'dBm' },
        { class: 'power', column: 'txLevel', descr: 'Radio {index} Tx level', from: 'dBm' },
      ],
      radio: { txPower: 'txLevel' },
    },
    {
      name: 'genEquipRfuCfgTable',
      indexLength: 1,
      columns: {
        txFreq: c('1.3.6.1.4.1.2281.10.5.2.1.3', 'MWRM-RADIO-MIB::genEquipRfuCfgTxFreq'),
        rxFreq: c('1.3.6.1.4.1.2281.10.5.2.1.4', 'MWRM-RADIO-MIB::genEquipRfuCfgRxFreq'),
      },
      sensors: [
        { class: 'frequency', column: 'txFreq', descr: 'Radio {index} Tx frequency', index: 'tx.{index}', from: 'kHz', skip: [0] },
        { class: 'frequency', column: 'rxFreq', descr: 'Radio {index} Rx frequency', index: 'rx.{index}', from: 'kHz', skip: [0] },
      ],
      radio: { frequency: { column: 'txFreq', from: 'kHz' }, skipFrequency: [0] },
    },
    {
      name: 'genEquipRadioStatusTable',
      indexLength: 1,
      columns: {
        mse: c('1.3.6.1.4.1.2281.10.7.1.1.2', 'MWRM-RADIO-MIB::genEquipRadioStatusMSE'),
        defectedBlocks: c('1.3.6.1.4.1.2281.10.7.1.1.3', 'MWRM-RADIO-MIB::genEquipRadioStatusDefectedBlocks'),
        xpi: c('1.3.6.1.4.1.2281.10.7.1.1.5', 'MWRM-RADIO-MIB::genEquipRadioStatusXPI'),
      },
      sensors: [
        { class: 'mse', column: 'mse', descr: 'Radio {index} MSE', from: 'dB', divisor: 100 },
        { class: 'xpi', column: 'xpi', descr: 'Radio {index} XPI', from: 'dB', divisor: 100 },
        { class: 'errors', column: 'defectedBlocks', descr: 'Radio {index} defected blocks' },
      ],
    },
    {
      name: 'genEquipRadioMRMCTable',
      indexLength: 1,
      columns: {
        txBitrate: c('1.3.6.1.4.1.2281.10.7.4.1.1.7', 'MWRM-RADIO-MIB::genEquipRadioMRMCCurrTxBitrate'),
        rxBitrate: c('1.3.6.1.4.1.2281.10.7.4.1.1.11', 'MWRM-RADIO-MIB::genEquipRadioMRMCCurrRxBitrate'),
      },
      sensors: [
        { class: 'rate', column: 'txBitrate', descr: 'Radio {index} Tx bit rate', index: 'tx.{index}', from: 'kbit/s' },
        { class: 'rate', column: 'rxBitrate', descr: 'Radio {index} Rx bit rate', index: 'rx.{index}', from: 'kbit/s' },
      ],
    },
  ],
};
