/** Vendor wireless tables of the demo APs, controller and point-to-point radios (UBNT-UniFi-MIB, MIKROTIK-MIB, AIRESPACE-WIRELESS-MIB, UBNT-AirFIBER-MIB), following the day. */
import { LinkscopeError } from '../../model/errors.js';
import { SnmpType } from '../../snmp/types.js';
import type { MibViewBuilder } from '../agent/mib-view.js';
import { AF_CONFIG, AF_STATUS, BSN_AP, BSN_AP_IF, BSN_AP_IF_LOAD, BSN_AP_IF_NOISE, BSN_ESS, MTXR_WL_AP, UNIFI_RADIO, UNIFI_SYSTEM, UNIFI_VAP } from '../oids.js';
import { DEMO_CONTROLLERS, DEMO_PTP, DEMO_WLANS, type DemoPtpRadio } from '../topology.js';
import { dailyGauge, hashSeed } from '../traffic.js';
import { macFor, type DemoDeviceRuntime, type DemoInterface } from './device.js';

interface Band {
  readonly itf: DemoInterface;
  readonly unifiRadio: 'ng' | 'na';
  readonly channel: number;
  readonly freqMhz: number;
  readonly mikrotikBand: string;
  readonly noiseFloorDbm: number;
  readonly txRateBps: number;
  readonly txPowerDbm: number;
}

function bands(dev: DemoDeviceRuntime): [Band, Band] {
  const radios = dev.interfaces.filter((i) => i.port.ifType === 71); // IANAifType ieee80211
  const [r24, r5] = radios;
  if (r24 === undefined || r5 === undefined) throw new LinkscopeError('LS_INTERNAL', `demo AP ${dev.name} needs two ieee80211 interfaces in its model`);
  // Neighbouring APs on different channels, as a site survey would plan them.
  const alt = hashSeed(dev.name) % 2 === 0;
  return [
    { itf: r24, unifiRadio: 'ng', channel: alt ? 6 : 11, freqMhz: alt ? 2437 : 2462, mikrotikBand: '2ghz-b/g/n', noiseFloorDbm: -96, txRateBps: 144_400_000, txPowerDbm: 17 },
    { itf: r5, unifiRadio: 'na', channel: alt ? 36 : 44, freqMhz: alt ? 5180 : 5220, mikrotikBand: '5ghz-a/n/ac', noiseFloorDbm: -104, txRateBps: 866_700_000, txPowerDbm: 22 },
  ];
}

export function addWireless(b: MibViewBuilder, dev: DemoDeviceRuntime): void {
  if (dev.model.wireless === 'unifi') addUnifi(b, dev);
  else if (dev.model.wireless === 'mikrotik') addMikrotik(b, dev);
  else if (dev.model.wireless === 'cisco-wlc') addCiscoWlc(b, dev);
  else if (dev.model.wireless === 'airfiber') addAirFiber(b, dev);
}

/** UniFi indexes unifiRadioTable and unifiVapTable from 0, one VAP per SSID and radio. */
function addUnifi(b: MibViewBuilder, dev: DemoDeviceRuntime): void {
  const wlans = DEMO_WLANS[dev.name] ?? [];
  const both = bands(dev);
  const clientsByBand = both.map(() => [] as ((now: number) => number)[]);
  let vap = 0;
  for (const [bandIdx, band] of both.entries()) {
    for (const wlan of wlans) {
      const peak = band.unifiRadio === 'ng' ? wlan.peakClients24 : wlan.peakClients5;
      const clients = dailyGauge(peak, hashSeed(dev.name, wlan.ssid, band.unifiRadio));
      clientsByBand[bandIdx]?.push(clients);
      const share = 1 / wlans.length;
      const itf = band.itf;
      b.cell(UNIFI_VAP.unifiVapBssId, vap, SnmpType.OctetString, macFor(`${dev.name}/${wlan.ssid}`, 0x100 + bandIdx))
        .cell(UNIFI_VAP.unifiVapCcq, vap, SnmpType.Integer, 915 - bandIdx * 40)
        .cell(UNIFI_VAP.unifiVapChannel, vap, SnmpType.Integer, band.channel)
        .cell(UNIFI_VAP.unifiVapEssId, vap, SnmpType.OctetString, wlan.ssid)
        .cell(UNIFI_VAP.unifiVapName, vap, SnmpType.OctetString, `ath${vap}`)
        .cell(UNIFI_VAP.unifiVapNumStations, vap, SnmpType.Integer, (now) => clients(now))
        .cell(UNIFI_VAP.unifiVapRadio, vap, SnmpType.OctetString, band.unifiRadio)
        .cell(UNIFI_VAP.unifiVapRxBytes, vap, SnmpType.Counter32, (now) =>
          Math.floor((itf.inFlow?.bytesBetween(dev.bootMs, now) ?? 0) * share),
        )
        .cell(UNIFI_VAP.unifiVapTxBytes, vap, SnmpType.Counter32, (now) =>
          Math.floor((itf.outFlow?.bytesBetween(dev.bootMs, now) ?? 0) * share),
        )
        .cell(UNIFI_VAP.unifiVapTxPower, vap, SnmpType.Integer, band.txPowerDbm)
        .cell(UNIFI_VAP.unifiVapUp, vap, SnmpType.Integer, 1) // TruthValue true
        .cell(UNIFI_VAP.unifiVapUsage, vap, SnmpType.OctetString, wlan.usage);
      vap++;
    }
  }
  for (const [r, band] of both.entries()) {
    const sum = clientsByBand[r] ?? [];
    // Channel use grows with the clients on the radio: 8 % idle floor plus ~1.5 % per client.
    const cu = (now: number): number => Math.min(95, 8 + Math.round(sum.reduce((a, f) => a + f(now), 0) * 1.5));
    b.cell(UNIFI_RADIO.unifiRadioName, r, SnmpType.OctetString, `wifi${r}`)
      .cell(UNIFI_RADIO.unifiRadioRadio, r, SnmpType.OctetString, band.unifiRadio)
      .cell(UNIFI_RADIO.unifiRadioRxPackets, r, SnmpType.Counter32, (now) => Math.floor((band.itf.inFlow?.bytesBetween(dev.bootMs, now) ?? 0) / 600))
      .cell(UNIFI_RADIO.unifiRadioTxPackets, r, SnmpType.Counter32, (now) => Math.floor((band.itf.outFlow?.bytesBetween(dev.bootMs, now) ?? 0) / 900))
      .cell(UNIFI_RADIO.unifiRadioCuTotal, r, SnmpType.Integer, cu)
      .cell(UNIFI_RADIO.unifiRadioCuSelfRx, r, SnmpType.Integer, (now) => Math.round(cu(now) * 0.3))
      .cell(UNIFI_RADIO.unifiRadioCuSelfTx, r, SnmpType.Integer, (now) => Math.round(cu(now) * 0.45))
      .cell(UNIFI_RADIO.unifiRadioOtherBss, r, SnmpType.Integer, (now) => cu(now) - Math.round(cu(now) * 0.75));
  }
  b.scalar(UNIFI_SYSTEM.unifiApSystemModel, SnmpType.OctetString, dev.model.platform)
    .scalar(UNIFI_SYSTEM.unifiApSystemUptime, SnmpType.Counter32, (now) => Math.floor(dev.uptimeTicks(now) / 100))
    .scalar(UNIFI_SYSTEM.unifiApSystemVersion, SnmpType.OctetString, '6.6.77.15402');
}

/** RouterOS: one mtxrWlApTable row per wireless interface, indexed by its ifIndex. */
function addMikrotik(b: MibViewBuilder, dev: DemoDeviceRuntime): void {
  const wlans = DEMO_WLANS[dev.name] ?? [];
  const wlan = wlans[0];
  if (wlan === undefined) return;
  for (const band of bands(dev)) {
    const i = band.itf.port.ifIndex;
    const peak = band.unifiRadio === 'ng' ? wlan.peakClients24 : wlan.peakClients5;
    const clients = dailyGauge(peak, hashSeed(dev.name, wlan.ssid, band.freqMhz));
    b.cell(MTXR_WL_AP.mtxrWlApTxRate, i, SnmpType.Gauge32, band.txRateBps)
      .cell(MTXR_WL_AP.mtxrWlApRxRate, i, SnmpType.Gauge32, Math.round(band.txRateBps * 0.8))
      .cell(MTXR_WL_AP.mtxrWlApSsid, i, SnmpType.OctetString, wlan.ssid)
      .cell(MTXR_WL_AP.mtxrWlApBssid, i, SnmpType.OctetString, band.itf.mac)
      // MIKROTIK-MIB types the client counts as Counter32 although they go up and down.
      .cell(MTXR_WL_AP.mtxrWlApClientCount, i, SnmpType.Counter32, (now) => clients(now))
      .cell(MTXR_WL_AP.mtxrWlApFreq, i, SnmpType.Integer, band.freqMhz)
      .cell(MTXR_WL_AP.mtxrWlApBand, i, SnmpType.OctetString, band.mikrotikBand)
      .cell(MTXR_WL_AP.mtxrWlApNoiseFloor, i, SnmpType.Integer, band.noiseFloorDbm)
      .cell(MTXR_WL_AP.mtxrWlApOverallTxCCQ, i, SnmpType.Counter32, (now) => 96 - Math.min(20, Math.floor(clients(now) / 3)))
      .cell(MTXR_WL_AP.mtxrWlApAuthClientCount, i, SnmpType.Counter32, (now) => clients(now));
  }
}

/** bsnAPOperationStatus associated(1), disassociating(2); bsnAPIfType dot11b(1), dot11a(2); bsnAPIfOperStatus up(2). */
const BSN_AP_STATUS = { associated: 1, disassociating: 2 } as const;
const BSN_IF_TYPE_24 = 1;
const BSN_IF_TYPE_5 = 2;
const BSN_IF_UP = 2;
/** Channels each radio scans for noise (bsnAPIfChannelNoiseInfoTable): the non-overlapping ones of its band. */
const SCAN_24 = [1, 6, 11] as const;
const SCAN_5 = [36, 52, 100, 149] as const;

/**
 * AireOS: bsnAPTable by AP MAC; bsnAPIfTable, bsnAPIfLoadParametersTable by AP MAC and slot
 * (0 = 2.4 GHz, 1 = 5 GHz); bsnDot11EssTable by WLAN id. A radio's clients are the sum of its
 * WLANs' clients, and a WLAN's clients the sum over every radio, so the tables always agree.
 */
function addCiscoWlc(b: MibViewBuilder, dev: DemoDeviceRuntime): void {
  const ctrl = DEMO_CONTROLLERS[dev.name];
  if (ctrl === undefined) return;
  const bySsid = ctrl.wlans.map(() => [] as ((now: number) => number)[]);
  for (const ap of ctrl.aps) {
    const mac = macFor(`${dev.name}/${ap.name}`, 0);
    const idx = [...mac];
    b.cell(BSN_AP.bsnAPDot3MacAddress, idx, SnmpType.OctetString, mac)
      .cell(BSN_AP.bsnAPNumOfSlots, idx, SnmpType.Integer, 2)
      .cell(BSN_AP.bsnAPName, idx, SnmpType.OctetString, ap.name)
      .cell(BSN_AP.bsnAPOperationStatus, idx, SnmpType.Integer, BSN_AP_STATUS[ap.status]);
    if (ap.status !== 'associated') continue;
    const slots = [
      { slot: 0, type: BSN_IF_TYPE_24, channel: ap.channel24, scan: SCAN_24, noiseDbm: -95, peak: (w: (typeof ctrl.wlans)[number]) => w.peakClients24 },
      { slot: 1, type: BSN_IF_TYPE_5, channel: ap.channel5, scan: SCAN_5, noiseDbm: -104, peak: (w: (typeof ctrl.wlans)[number]) => w.peakClients5 },
    ];
    for (const s of slots) {
      const ri = [...idx, s.slot];
      const perWlan = ctrl.wlans.map((w, n) => {
        const f = dailyGauge(Math.round(s.peak(w) * ap.load), hashSeed(dev.name, ap.name, w.ssid, s.slot));
        bySsid[n]?.push(f);
        return f;
      });
      const clients = (now: number): number => perWlan.reduce((sum, f) => sum + f(now), 0);
      // Channel use grows with the clients on the radio: 6 % idle floor plus ~1.8 % per client.
      const cu = (now: number): number => Math.min(95, 6 + Math.round(clients(now) * 1.8));
      b.cell(BSN_AP_IF.bsnAPIfSlotId, ri, SnmpType.Integer, s.slot)
        .cell(BSN_AP_IF.bsnAPIfType, ri, SnmpType.Integer, s.type)
        .cell(BSN_AP_IF.bsnAPIfPhyChannelNumber, ri, SnmpType.Integer, s.channel)
        // A power level 1 (full) .. 8 (lowest), as RRM sets it: not dBm.
        .cell(BSN_AP_IF.bsnAPIfPhyTxPowerLevel, ri, SnmpType.Integer, 1 + (hashSeed(dev.name, ap.name, s.slot) % 4))
        .cell(BSN_AP_IF.bsnAPIfOperStatus, ri, SnmpType.Integer, BSN_IF_UP)
        // The MIB types the user count as Counter32 although it goes up and down.
        .cell(BSN_AP_IF.bsnApIfNoOfUsers, ri, SnmpType.Counter32, clients)
        .cell(BSN_AP_IF_LOAD.bsnAPIfLoadChannelUtilization, ri, SnmpType.Integer, cu)
        .cell(BSN_AP_IF_LOAD.bsnAPIfLoadNumOfClients, ri, SnmpType.Integer, clients);
      for (const ch of s.scan) {
        // The noise floor rises a few dB in the afternoon, when the neighbours' networks are busy too.
        const rise = dailyGauge(3, hashSeed(dev.name, ap.name, s.slot, ch));
        const base = s.noiseDbm + (hashSeed(ap.name, ch) % 5);
        b.cell(BSN_AP_IF_NOISE.bsnAPIfDBNoisePower, [...ri, ch], SnmpType.Integer, (now) => base + rise(now));
      }
    }
  }
  for (const [n, wlan] of ctrl.wlans.entries()) {
    const parts = bySsid[n] ?? [];
    b.cell(BSN_ESS.bsnDot11EssSsid, n + 1, SnmpType.OctetString, wlan.ssid).cell(
      BSN_ESS.bsnDot11EssNumberOfMobileStations,
      n + 1,
      SnmpType.Counter32,
      (now) => parts.reduce((sum, f) => sum + f(now), 0),
    );
  }
}

/** Received level of one chain of a PtP radio: the clear-day level less a fade of 0..~4 dB that follows the day. */
function rxPower(name: string, radio: DemoPtpRadio, chain: 0 | 1): (now: number) => number {
  const fade = dailyGauge(4, hashSeed(name, 'fade', chain));
  return (now) => radio.rxPowerDbm[chain] - fade(now);
}

/** Capacity the modulation reaches at a received level (bit/s): ~700 Mbit/s at -47 dBm, 15 Mbit/s less per dB. */
function capacityBps(rxDbm: number): number {
  return Math.max(50_000_000, 700_000_000 + (rxDbm + 47) * 15_000_000);
}

/** airFiber: airFiberConfigTable and airFiberStatusTable, one row (index 1) per radio; the far radio's figures come from its own data. */
function addAirFiber(b: MibViewBuilder, dev: DemoDeviceRuntime): void {
  const radio = DEMO_PTP[dev.name];
  if (radio === undefined) return;
  const peer = DEMO_PTP[radio.peer];
  if (peer === undefined) throw new LinkscopeError('LS_INTERNAL', `demo PtP radio ${dev.name} names ${radio.peer} as its peer, which is not in DEMO_PTP`);
  const rx0 = rxPower(dev.name, radio, 0);
  const rx1 = rxPower(dev.name, radio, 1);
  const remoteRx0 = rxPower(radio.peer, peer, 0);
  const remoteRx1 = rxPower(radio.peer, peer, 1);
  const temp = dailyGauge(12, hashSeed(dev.name, 'temp'));
  const i = 1;
  b.cell(AF_CONFIG.airFiberConfigIndex, i, SnmpType.Integer, i)
    .cell(AF_CONFIG.radioEnable, i, SnmpType.Integer, 1) // enabled(1)
    .cell(AF_CONFIG.txFrequency, i, SnmpType.Integer, radio.txFrequencyKHz)
    .cell(AF_CONFIG.rxFrequency, i, SnmpType.Integer, radio.rxFrequencyKHz)
    .cell(AF_CONFIG.txPower, i, SnmpType.Integer, radio.txPowerDbm)
    .cell(AF_CONFIG.linkName, i, SnmpType.OctetString, radio.linkName)
    .cell(AF_CONFIG.channelWidth, i, SnmpType.Integer, 100);
  b.cell(AF_STATUS.airFiberStatusIndex, i, SnmpType.Integer, i)
    .cell(AF_STATUS.curTXModRate, i, SnmpType.Integer, 10) // qam64MIMO(10)
    .cell(AF_STATUS.radioLinkDistM, i, SnmpType.Integer, radio.distanceM)
    .cell(AF_STATUS.rxCapacity, i, SnmpType.Integer, (now) => capacityBps(Math.min(rx0(now), rx1(now))))
    // What this radio can send is what the far radio can receive.
    .cell(AF_STATUS.txCapacity, i, SnmpType.Integer, (now) => capacityBps(Math.min(remoteRx0(now), remoteRx1(now))))
    .cell(AF_STATUS.radio0TempC, i, SnmpType.Integer, (now) => 30 + temp(now))
    .cell(AF_STATUS.rxPower0, i, SnmpType.Integer, rx0)
    .cell(AF_STATUS.rxPower0Valid, i, SnmpType.Integer, 1) // true(1)
    .cell(AF_STATUS.rxPower1, i, SnmpType.Integer, rx1)
    .cell(AF_STATUS.rxPower1Valid, i, SnmpType.Integer, 1)
    .cell(AF_STATUS.remoteTXPower, i, SnmpType.Integer, peer.txPowerDbm)
    .cell(AF_STATUS.remoteRXPower0, i, SnmpType.Integer, remoteRx0)
    .cell(AF_STATUS.remoteRXPower1, i, SnmpType.Integer, remoteRx1)
    .cell(AF_STATUS.radioLinkState, i, SnmpType.Integer, 1) // up(1)
    .cell(AF_STATUS.fwVersion, i, SnmpType.OctetString, 'v4.1.0');
}
