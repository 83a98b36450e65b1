/**
 * Cambium Networks: Canopy PMP 450/PTP 450 access points and subscriber modules (WHISP-APS-MIB,
 * WHISP-SM-MIB, WHISP-BOX-MIBV2-MIB, under 1.3.6.1.4.1.161.19) and ePMP (CAMBIUM-PMP80211-MIB,
 * 1.3.6.1.4.1.17713.21). Cambium publishes the MIBs with the firmware under its copyright; not
 * shipped (Canopy MIBs: https://support.cambiumnetworks.com; ePMP: netdisco-mibs cambium/).
 */
import type { WirelessProfile } from './types.js';

const CANOPY = 'not shipped (Cambium copyright); Cambium support site, with the PMP 450 firmware';

/** PMP 450 access point: scalars (`.0`) of WHISP-APS-MIB and the FEC counters of WHISP-BOX-MIBV2-MIB. */
export const CAMBIUM_PMP_AP: WirelessProfile = {
  name: 'cambium-pmp-ap',
  mib: 'WHISP-APS-MIB, WHISP-BOX-MIBV2-MIB',
  source: CANOPY,
  shipped: false,
  role: 'wireless-ap',
  // WHISP-APS-MIB::regCount: only an AP answers it.
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.161.19'], probes: ['1.3.6.1.4.1.161.19.3.1.7.1'] },
  scalars: [
    { class: 'clients', oid: '1.3.6.1.4.1.161.19.3.1.7.1.0', mib: 'WHISP-APS-MIB::regCount', descr: 'Client Count', index: '0' },
    // "Current Radio Frequency Carrier" in kHz (5785000 for channel 5785 MHz).
    { class: 'frequency', oid: '1.3.6.1.4.1.161.19.3.1.7.37.0', mib: 'WHISP-APS-MIB::currentRadioFreqCarrier', descr: 'Frequency', index: '0', from: 'kHz', skip: [0] },
    { class: 'utilization', oid: '1.3.6.1.4.1.161.19.3.1.12.1.1.0', mib: 'WHISP-APS-MIB::frUtlLowTotalDownlinkUtilization', descr: '1m Downlink Utilization', index: 'downlink.1m', from: '%' },
    { class: 'utilization', oid: '1.3.6.1.4.1.161.19.3.1.12.1.2.0', mib: 'WHISP-APS-MIB::frUtlLowTotalUplinkUtilization', descr: '1m Uplink Utilization', index: 'uplink.1m', from: '%' },
    { class: 'utilization', oid: '1.3.6.1.4.1.161.19.3.1.12.2.1.0', mib: 'WHISP-APS-MIB::frUtlMedTotalDownlinkUtilization', descr: '5m Downlink Utilization', index: 'downlink.5m', from: '%' },
    { class: 'utilization', oid: '1.3.6.1.4.1.161.19.3.1.12.2.2.0', mib: 'WHISP-APS-MIB::frUtlMedTotalUplinkUtilization', descr: '5m Uplink Utilization', index: 'uplink.5m', from: '%' },
    { class: 'utilization', oid: '1.3.6.1.4.1.161.19.3.1.12.3.1.0', mib: 'WHISP-APS-MIB::frUtlHighTotalDownlinkUtilization', descr: '15m Downlink Utilization', index: 'downlink.15m', from: '%' },
    { class: 'utilization', oid: '1.3.6.1.4.1.161.19.3.1.12.3.2.0', mib: 'WHISP-APS-MIB::frUtlHighTotalUplinkUtilization', descr: '15m Uplink Utilization', index: 'uplink.15m', from: '%' },
    { class: 'errors', oid: '1.3.6.1.4.1.161.19.3.3.1.95.0', mib: 'WHISP-BOX-MIBV2-MIB::fecInErrorsCount', descr: 'In Error Count', index: 'in' },
    { class: 'errors', oid: '1.3.6.1.4.1.161.19.3.3.1.97.0', mib: 'WHISP-BOX-MIBV2-MIB::fecOutErrorsCount', descr: 'Out Error Count', index: 'out' },
    { class: 'errors', oid: '1.3.6.1.4.1.161.19.3.3.1.223.0', mib: 'WHISP-BOX-MIBV2-MIB::fecCRCError', descr: 'CRC Errors', index: 'crc' },
  ],
};

/** PMP 450 subscriber module: its link to the AP (WHISP-SM-MIB scalars). */
export const CAMBIUM_PMP_SM: WirelessProfile = {
  name: 'cambium-pmp-sm',
  mib: 'WHISP-SM-MIB',
  source: CANOPY,
  shipped: false,
  role: 'wireless-bridge',
  // WHISP-SM-MIB::radioDbmInt: only a subscriber module answers it.
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.161.19'], probes: ['1.3.6.1.4.1.161.19.3.2.2.21'] },
  scalars: [
    { class: 'rssi', oid: '1.3.6.1.4.1.161.19.3.2.2.21.0', mib: 'WHISP-SM-MIB::radioDbmInt', descr: 'Receive power', index: '0', from: 'dBm' },
    { class: 'snr', oid: '1.3.6.1.4.1.161.19.3.2.2.106.0', mib: 'WHISP-SM-MIB::signalToNoiseRatioSMHorizontal', descr: 'SNR Horizontal', index: 'h', from: 'dB' },
    { class: 'snr', oid: '1.3.6.1.4.1.161.19.3.2.2.95.0', mib: 'WHISP-SM-MIB::signalToNoiseRatioSMVertical', descr: 'SNR Vertical', index: 'v', from: 'dB' },
  ],
};

const EPMP = 'not shipped (Cambium copyright); Cambium support site or netdisco-mibs cambium/CAMBIUM-PMP80211-MIB.mib';

/** ePMP access point (CAMBIUM-PMP80211-MIB scalars under 1.3.6.1.4.1.17713.21.1.2). */
export const CAMBIUM_EPMP_AP: WirelessProfile = {
  name: 'cambium-epmp-ap',
  mib: 'CAMBIUM-PMP80211-MIB',
  source: EPMP,
  shipped: false,
  role: 'wireless-ap',
  // cambiumAPNumberOfConnectedSTA: "Device Allocation: AP".
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.17713'], probes: ['1.3.6.1.4.1.17713.21.1.2.10'] },
  scalars: [
    { class: 'clients', oid: '1.3.6.1.4.1.17713.21.1.2.10.0', mib: 'CAMBIUM-PMP80211-MIB::cambiumAPNumberOfConnectedSTA', descr: 'Connected stations', index: '0' },
    { class: 'frequency', oid: '1.3.6.1.4.1.17713.21.1.2.1.0', mib: 'CAMBIUM-PMP80211-MIB::cambiumSTAConnectedRFFrequency', descr: 'Frequency', index: '0', from: 'MHz', skip: [0] },
  ],
};

/** ePMP subscriber module: its link to the AP. */
export const CAMBIUM_EPMP_SM: WirelessProfile = {
  name: 'cambium-epmp-sm',
  mib: 'CAMBIUM-PMP80211-MIB',
  source: EPMP,
  shipped: false,
  role: 'wireless-bridge',
  // cambiumSTADLRSSI: "Device Allocation: SM".
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.17713'], probes: ['1.3.6.1.4.1.17713.21.1.2.3'] },
  scalars: [
    { class: 'frequency', oid: '1.3.6.1.4.1.17713.21.1.2.1.0', mib: 'CAMBIUM-PMP80211-MIB::cambiumSTAConnectedRFFrequency', descr: 'Frequency', index: '0', from: 'MHz', skip: [0] },
    { class: 'rssi', oid: '1.3.6.1.4.1.17713.21.1.2.3.0', mib: 'CAMBIUM-PMP80211-MIB::cambiumSTADLRSSI', descr: 'Downlink RSSI', index: '0', from: 'dBm' },
    // The MIB's DESCRIPTION says "SNR in dBm"; a ratio is in dB.
    { class: 'snr', oid: '1.3.6.1.4.1.17713.21.1.2.18.0', mib: 'CAMBIUM-PMP80211-MIB::cambiumSTADLSNR', descr: 'Downlink SNR', index: '0', from: 'dB' },
    { class: 'power', oid: '1.3.6.1.4.1.17713.21.1.2.5.0', mib: 'CAMBIUM-PMP80211-MIB::cambiumSTAConductedTXPower', descr: 'Tx Power', index: '0', from: 'dBm' },
  ],
};
