/** Vendor wireless tables of the demo APs (UBNT-UniFi-MIB, MIKROTIK-MIB) with client counts following the day. */
import { LinkscopeError } from '../../model/errors.js';
import { SnmpType } from '../../snmp/types.js';
import type { MibViewBuilder } from '../agent/mib-view.js';
import { MTXR_WL_AP, UNIFI_RADIO, UNIFI_SYSTEM, UNIFI_VAP } from '../oids.js';
import { DEMO_WLANS } from '../topology.js';
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
