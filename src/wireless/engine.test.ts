/**
 * The wireless engine on hand-made agents, one small table set per profile: which profiles fit,
 * the role, parsing and scaling into CONTRACT units, APs/radios/SSIDs, and that a broken table
 * costs only itself.
 */
import { describe, expect, it } from 'vitest';
import { LinkscopeError } from '../model/errors.js';
import { Secret } from '../model/secret.js';
import type { SystemInfo } from '../model/types.js';
import type { WirelessSensor } from '../model/wireless.js';
import { FakeAgent, FakeSnmpClient } from '../snmp/fake-client.js';
import { SnmpType, type SnmpTypeTag, type SnmpValue } from '../snmp/types.js';
import { planWireless, pollWireless, pollWirelessDetailed } from './engine.js';

type Row = readonly [string, SnmpTypeTag, SnmpValue];
const I = SnmpType.Integer;
const S = SnmpType.OctetString;
const G = SnmpType.Gauge32;
const C = SnmpType.Counter32;

function open(rows: readonly Row[]): { session: ReturnType<FakeSnmpClient['open']>; agent: FakeAgent } {
  const agent = new FakeAgent();
  for (const [oid, type, value] of rows) agent.set(oid, type, value);
  const snmp = new FakeSnmpClient();
  snmp.addAgent('10.0.0.9', agent);
  const session = snmp.open({ host: '10.0.0.9', port: 161, credentials: { version: '2c', community: new Secret('c') }, timeoutMs: 100, retries: 0, maxRepetitions: 10 });
  return { session, agent };
}

const system = (sysObjectID: string, sysName = 'radio1'): SystemInfo => ({ sysDescr: '', sysObjectID, sysUpTimeTicks: 1, sysContact: '', sysName, sysLocation: '', sysServices: null });

async function run(rows: readonly Row[], sysObjectID: string) {
  const { session } = open(rows);
  const plan = await planWireless(session, system(sysObjectID));
  if (plan === null) throw new Error('no plan');
  return { plan, report: await pollWireless(session, plan) };
}

const find = (sensors: readonly WirelessSensor[], cls: string, index: string) => sensors.find((s) => s.class === cls && s.index === index);

describe('planWireless', () => {
  it('finds no profile on a device without wireless MIBs, in two GETBULK requests at most', async () => {
    const { session, agent } = open([['1.3.6.1.2.1.1.5.0', S, 'sw1']]);
    expect(await planWireless(session, system('1.3.6.1.4.1.9.1.1'))).toBeNull();
    // Only profiles without a sysObjectID filter are probed here (MikroTik, Ruckus, Canopy are not),
    // several subtrees per GETBULK, one page each: never a walk.
    expect(agent.log.length).toBeLessThanOrEqual(2);
    expect(agent.log.every((r) => r.pdu === 'getBulk')).toBe(true);
    expect(agent.log.some((r) => r.oids.some((o) => o.startsWith('1.3.6.1.4.1.14988')))).toBe(false);
  });

  it('does not take a MikroTik router without wireless tables for an AP', async () => {
    const { session } = open([['1.3.6.1.4.1.14988.1.1.3.10.0', I, 1]]); // MIKROTIK-MIB::mtxrHlTemperature.0
    expect(await planWireless(session, system('1.3.6.1.4.1.14988.1'))).toBeNull();
  });

  it('ranks controller over AP over bridge and names the device by sysName', async () => {
    const { session } = open([
      ['1.3.6.1.4.1.14988.1.1.1.3.1.6.1', C, 3], // MIKROTIK-MIB::mtxrWlApClientCount.1
      ['1.3.6.1.4.1.14988.1.1.1.8.1.6.1', I, 58320], // MIKROTIK-MIB::mtxrWl60GFreq.1
    ]);
    expect(await planWireless(session, system('1.3.6.1.4.1.14988.1', 'cap-1'))).toEqual({ role: 'wireless-ap', profiles: ['mikrotik-wireless', 'mikrotik-60g'], deviceName: 'cap-1' });
  });

  it('probes again one subtree at a time when the agent breaks the batch', async () => {
    const { session, agent } = open([['1.3.6.1.4.1.31926.2.1.1.4.1', I, 72375]]); // RADIO-BRIDGE-MIB::rfOperationalFrequency.1
    agent.fail(new LinkscopeError('LS_SNMP_ERROR_STATUS', 'genErr'), 1);
    expect((await planWireless(session, system('1.3.6.1.4.1.31926')))?.profiles).toEqual(['siklu']);
  });

  it('throws an abort', async () => {
    const { session } = open([]);
    const ac = new AbortController();
    ac.abort();
    await expect(planWireless(session, system('1.3.6.1.4.1.31926'), { signal: ac.signal })).rejects.toMatchObject({ code: 'LS_SNMP_ABORTED' });
  });
});

describe('profiles on hand-made tables', () => {
  it('MikroTik: AP rows become radios and SSIDs of the device; virtual APs (frequency 0) are no radios', async () => {
    const AP = '1.3.6.1.4.1.14988.1.1.1.3.1'; // MIKROTIK-MIB::mtxrWlApEntry
    const rows: Row[] = [];
    for (const [i, ssid, clients, freq, noise, ccq] of [
      [1, 'cafe', 7, 2412, -117, 70],
      [2, 'cafe-5g', 2, 5805, -112, 75],
      [8, 'cafe', 4, 0, 0, 0],
    ] as const) {
      rows.push([`${AP}.4.${i}`, S, ssid], [`${AP}.6.${i}`, C, clients], [`${AP}.7.${i}`, I, freq], [`${AP}.9.${i}`, I, noise], [`${AP}.10.${i}`, C, ccq]);
    }
    const { plan, report } = await run(rows, '1.3.6.1.4.1.14988.1');
    expect(plan.role).toBe('wireless-ap');
    expect(report.aps).toEqual([
      {
        name: 'radio1',
        clients: 13,
        radios: [
          { index: '1', band: '2.4GHz', frequencyMHz: 2412, clients: 7, noiseFloorDbm: -117 },
          { index: '2', band: '5GHz', frequencyMHz: 5805, clients: 2, noiseFloorDbm: -112 },
        ],
        ssids: [
          { ssid: 'cafe', clients: 11 },
          { ssid: 'cafe-5g', clients: 2 },
        ],
      },
    ]);
    expect(find(report.sensors, 'clients', '1')).toEqual({ class: 'clients', index: '1', descr: 'SSID: cafe', value: 7, unit: '' });
    expect(find(report.sensors, 'frequency', '2')).toMatchObject({ value: 5805, unit: 'MHz' });
    expect(find(report.sensors, 'frequency', '8')).toBeUndefined();
    expect(find(report.sensors, 'ccq', '2')).toMatchObject({ value: 75, unit: '%' });
  });

  it('MikroTik 60G: PHY rate Mbit/s → bit/s, station distance metres → km, MAC in the description', async () => {
    const W = '1.3.6.1.4.1.14988.1.1.1.8.1'; // MIKROTIK-MIB::mtxrWl60GEntry
    const STA = '1.3.6.1.4.1.14988.1.1.1.9.1'; // MIKROTIK-MIB::mtxrWl60GStaEntry
    const { plan, report } = await run(
      [
        [`${W}.3.1`, S, 'link-a'],
        [`${W}.6.1`, I, 58320],
        [`${W}.13.1`, G, 2310],
        [`${STA}.3.4`, S, Buffer.from([4, 0xd6, 0xaa, 0xa8, 0x0f, 0x89])],
        [`${STA}.10.4`, I, 2570],
      ],
      '1.3.6.1.4.1.14988.1',
    );
    expect(plan.role).toBe('wireless-bridge');
    expect(find(report.sensors, 'rate', '60g.1')).toMatchObject({ value: 2_310_000_000, unit: 'bit/s' });
    expect(find(report.sensors, 'distance', '60g-sta.4')).toEqual({ class: 'distance', index: '60g-sta.4', descr: '60G: Sta > 04:d6:aa:a8:0f:89', value: 2.57, unit: 'km' });
    expect(report.aps[0]?.radios).toEqual([{ index: '1', band: '60GHz', frequencyMHz: 58320 }]);
  });

  it('MikroTik LTE: RSRP, RSRQ, SINR and cell ID under their own classes', async () => {
    const LTE = '1.3.6.1.4.1.14988.1.1.16.1.1'; // MIKROTIK-MIB::mtxrLTEModemEntry
    const { report } = await run(
      [
        [`${LTE}.2.5`, I, -71],
        [`${LTE}.3.5`, I, -11],
        [`${LTE}.4.5`, I, -101],
        [`${LTE}.5.5`, I, 20512],
        [`${LTE}.7.5`, I, 9],
      ],
      '1.3.6.1.4.1.14988.1',
    );
    expect(report.sensors.map((s) => `${s.class}=${s.value}${s.unit}`).sort()).toEqual(['cell=20512', 'rsrp=-101dBm', 'rsrq=-11dB', 'rssi=-71dBm', 'sinr=9dB']);
  });

  it('Ruckus SmartZone: a controller lists its APs by MAC, WLAN clients by SSID, AP counts per cluster node by serial', async () => {
    const AP = '1.3.6.1.4.1.25053.1.4.2.1.1.2.2.1'; // RUCKUS-SZ-WLAN-MIB::ruckusSZAPEntry
    const WLAN = '1.3.6.1.4.1.25053.1.4.2.1.1.1.2.1'; // RUCKUS-SZ-WLAN-MIB::ruckusSZWLANEntry
    const NODE = '1.3.6.1.4.1.25053.1.8.1.1.1.1.1.1'; // RUCKUS-CTRL-MIB::ruckusCTRLSystemNodeEntry
    const mac = '0.51.88.16.32.48';
    const { plan, report } = await run(
      [
        ['1.3.6.1.4.1.25053.1.4.1.1.1.15.1.0', G, 2], // RUCKUS-SZ-SYSTEM-MIB::ruckusSZSystemStatsNumAP.0
        ['1.3.6.1.4.1.25053.1.4.1.1.1.15.2.0', G, 9], // RUCKUS-SZ-SYSTEM-MIB::ruckusSZSystemStatsNumSta.0
        [`${WLAN}.1.1`, S, 'staff'],
        [`${WLAN}.12.1`, G, 9],
        [`${AP}.5.${mac}`, S, 'ap-hall'],
        [`${AP}.15.${mac}`, G, 9],
        [`${AP}.16.${mac}`, S, 'Connect'],
        [`${NODE}.19.3.83.90.49`, G, 2],
      ],
      '1.3.6.1.4.1.25053.3.1.11.1',
    );
    expect(plan).toMatchObject({ role: 'wireless-controller', profiles: ['ruckus-smartzone'] });
    expect(report.aps).toEqual([{ name: 'ap-hall', mac: '00:33:58:10:20:30', status: 'Connect', clients: 9, radios: [], ssids: [] }]);
    expect(find(report.sensors, 'clients', 'ssid.staff')).toMatchObject({ descr: 'SSID: staff', value: 9 });
    expect(find(report.sensors, 'ap-count', 'total')).toMatchObject({ value: 2 });
    expect(find(report.sensors, 'ap-count', 'node.SZ1')).toMatchObject({ descr: 'Connected APs', value: 2 });
  });

  it('Ruckus ZoneDirector: AP status numbers become the MIB words', async () => {
    const AP = '1.3.6.1.4.1.25053.1.2.2.1.1.2.1.1'; // RUCKUS-ZD-WLAN-MIB::ruckusZDWLANAPEntry
    const { report } = await run(
      [
        [`${AP}.2.0.1.2.3.4.5`, S, 'ap-a'],
        [`${AP}.3.0.1.2.3.4.5`, I, 1],
        [`${AP}.15.0.1.2.3.4.5`, G, 4],
        [`${AP}.2.0.1.2.3.4.6`, S, 'ap-b'],
        [`${AP}.3.0.1.2.3.4.6`, I, 0],
      ],
      '1.3.6.1.4.1.25053.3.1.5.15',
    );
    expect(report.aps.map((a) => [a.name, a.mac, a.status, a.clients])).toEqual([
      ['ap-a', '00:01:02:03:04:05', 'connected', 4],
      ['ap-b', '00:01:02:03:04:06', 'disconnected', 0],
    ]);
  });

  it('Cambium PMP AP: carrier frequency kHz → MHz, registered subscribers as clients', async () => {
    const { plan, report } = await run(
      [
        ['1.3.6.1.4.1.161.19.3.1.7.1.0', G, 34], // WHISP-APS-MIB::regCount.0
        ['1.3.6.1.4.1.161.19.3.1.7.37.0', I, 5785000], // WHISP-APS-MIB::currentRadioFreqCarrier.0
        ['1.3.6.1.4.1.161.19.3.1.12.1.1.0', I, 18], // WHISP-APS-MIB::frUtlLowTotalDownlinkUtilization.0
      ],
      '1.3.6.1.4.1.161.19.250.256',
    );
    expect(plan.role).toBe('wireless-ap');
    expect(find(report.sensors, 'frequency', '0')).toMatchObject({ value: 5785, unit: 'MHz' });
    expect(find(report.sensors, 'clients', '0')).toMatchObject({ value: 34 });
    expect(find(report.sensors, 'utilization', 'downlink.1m')).toMatchObject({ value: 18, unit: '%' });
    expect(report.aps[0]?.clients).toBe(34);
  });

  it('Cambium PMP SM: a subscriber module is a bridge reporting its receive level', async () => {
    const { plan, report } = await run([['1.3.6.1.4.1.161.19.3.2.2.21.0', I, -61]], '1.3.6.1.4.1.161.19.250.256'); // WHISP-SM-MIB::radioDbmInt.0
    expect(plan.role).toBe('wireless-bridge');
    expect(report.sensors).toEqual([{ class: 'rssi', index: '0', descr: 'Receive power', value: -61, unit: 'dBm' }]);
  });

  it('airFiber LTU: capacity kbit/s → bit/s, distance metres → km, station MAC as the index', async () => {
    const STA = '1.3.6.1.4.1.41112.1.10.1.4.1'; // UBNT-AFLTU-MIB::afLTUStationEntry
    const mac = '24.232.41.30.48.222';
    const { plan, report } = await run(
      [
        ['1.3.6.1.4.1.41112.1.10.1.2.2.0', I, 5840], // UBNT-AFLTU-MIB::afLTUFrequency.0
        [`${STA}.3.${mac}`, I, 63488],
        [`${STA}.23.${mac}`, I, 10955],
      ],
      '1.3.6.1.4.1.8072.3.2.10',
    );
    expect(plan).toMatchObject({ role: 'wireless-bridge', profiles: ['ubnt-afltu'] });
    expect(find(report.sensors, 'rate', 'tx.18:e8:29:1e:30:de')).toMatchObject({ value: 63_488_000, unit: 'bit/s' });
    expect(find(report.sensors, 'distance', '18:e8:29:1e:30:de')).toMatchObject({ value: 10.955, unit: 'km' });
    expect(find(report.sensors, 'frequency', '0')).toMatchObject({ value: 5840 });
  });

  it('airFiber: link distance metres → km, transmit power and both frequencies', async () => {
    const CFG = '1.3.6.1.4.1.41112.1.3.1.1'; // UBNT-AirFIBER-MIB::airFiberConfigEntry
    const { report } = await run(
      [
        [`${CFG}.5.1`, I, 24_100_000], // kHz, as airFiber firmware answers (the profile's quirk note)
        [`${CFG}.6.1`, I, 24_150_000],
        [`${CFG}.9.1`, I, 20],
        ['1.3.6.1.4.1.41112.1.3.2.1.4.1', I, 11450], // UBNT-AirFIBER-MIB::radioLinkDistM.1
      ],
      '1.3.6.1.4.1.10002.1',
    );
    expect(report.sensors.map((s) => `${s.class}:${s.index}=${s.value}${s.unit}`).sort()).toEqual(['distance:1=11.45km', 'frequency:rx.1=24150MHz', 'frequency:tx.1=24100MHz', 'power:tx.1=20dBm']);
    expect(report.aps[0]?.radios).toEqual([{ index: '1', frequencyMHz: 24100, txPowerDbm: 20 }]);
  });

  it('airFiber 60: a station index of MAC plus link number reads as MAC.link', async () => {
    const STA = '1.3.6.1.4.1.41112.1.11.1.3.1'; // UI-AF60-MIB::af60StationEntry
    const i = '244.146.191.226.158.141.1';
    const { report } = await run(
      [
        [`${STA}.3.${i}`, I, -55],
        [`${STA}.8.${i}`, I, 1951000],
      ],
      '1.3.6.1.4.1.41112',
    );
    expect(find(report.sensors, 'rssi', 'local.f4:92:bf:e2:9e:8d.1')).toMatchObject({ value: -55 });
    expect(find(report.sensors, 'rate', 'rx.f4:92:bf:e2:9e:8d.1')).toMatchObject({ value: 1_951_000_000 });
  });

  it('Siklu: rfTable figures as they are (MHz, dB, dBm)', async () => {
    const RF = '1.3.6.1.4.1.31926.2.1.1'; // RADIO-BRIDGE-MIB::rfEntry
    const { report } = await run(
      [
        [`${RF}.4.1`, I, 72375],
        [`${RF}.18.1`, I, 23],
        [`${RF}.19.1`, I, -38],
        [`${RF}.42.1`, I, 5],
      ],
      '1.3.6.1.4.1.31926',
    );
    expect(report.sensors.map((s) => `${s.class}=${s.value}${s.unit}`)).toEqual(['frequency=72375MHz', 'snr=23dB', 'rssi=-38dBm', 'power=5dBm']);
  });
});

describe('controller and AP profiles on hand-made tables', () => {
  it('Cisco WLC: APs by MAC with radios merged from two tables, SSID clients, AP count and client total', async () => {
    const AP = '1.3.6.1.4.1.14179.2.2.1.1'; // AIRESPACE-WIRELESS-MIB::bsnAPEntry
    const IF = '1.3.6.1.4.1.14179.2.2.2.1'; // AIRESPACE-WIRELESS-MIB::bsnAPIfEntry
    const LOAD = '1.3.6.1.4.1.14179.2.2.13.1'; // AIRESPACE-WIRELESS-MIB::bsnAPIfLoadParametersEntry
    const ESS = '1.3.6.1.4.1.14179.2.1.1.1'; // AIRESPACE-WIRELESS-MIB::bsnDot11EssEntry
    const mac = '0.11.133.1.2.3';
    const { plan, report } = await run(
      [
        [`${AP}.3.${mac}`, S, 'ap-lobby'],
        [`${AP}.6.${mac}`, I, 1],
        [`${IF}.2.${mac}.0`, I, 2],
        [`${IF}.4.${mac}.0`, I, 36],
        [`${IF}.15.${mac}.0`, G, 5],
        [`${IF}.2.${mac}.1`, I, 1],
        [`${IF}.4.${mac}.1`, I, 6],
        [`${IF}.15.${mac}.1`, G, 3],
        [`${LOAD}.3.${mac}.1`, I, 41],
        [`${ESS}.2.1`, S, 'corp'],
        [`${ESS}.38.1`, G, 8],
      ],
      '1.3.6.1.4.1.9.1.2391',
    );
    expect(plan).toMatchObject({ role: 'wireless-controller', profiles: ['cisco-wlc'] });
    expect(report.aps).toEqual([
      {
        name: 'ap-lobby',
        mac: '00:0b:85:01:02:03',
        status: 'associated',
        clients: 8,
        radios: [
          { index: '0', band: '5GHz', channel: 36, clients: 5 },
          { index: '1', band: '2.4GHz', channel: 6, clients: 3, utilization: 41 },
        ],
        ssids: [],
      },
    ]);
    expect(report.sensors.map((x) => `${x.class}:${x.index}=${x.value}`).sort()).toEqual(['ap-count:total=1', 'clients:ssid.1=8', 'clients:total=8']);
  });

  it('Aruba controller: ESSIDs indexed by their name', async () => {
    const ESSID = '1.3.6.1.4.1.14823.2.2.1.5.2.1.8.1'; // WLSX-WLAN-MIB::wlsxWlanESSIDEntry
    const { report } = await run(
      [
        ['1.3.6.1.4.1.14823.2.2.1.1.3.1.0', G, 12], // WLSX-SWITCH-MIB::wlsxSwitchTotalNumAccessPoints.0
        [`${ESSID}.2.4.99.111.114.112`, G, 30],
      ],
      '1.3.6.1.4.1.14823.1.1.32',
    );
    expect(find(report.sensors, 'clients', 'ssid.corp')).toMatchObject({ descr: 'SSID: corp', value: 30 });
    expect(find(report.sensors, 'ap-count', 'total')).toMatchObject({ value: 12 });
  });

  it('UniFi: clients summed per SSID and per radio over the virtual APs', async () => {
    const VAP = '1.3.6.1.4.1.41112.1.6.1.2.1'; // UBNT-UniFi-MIB::unifiVapEntry
    const rows: Row[] = [];
    for (const [i, ssid, radio, n] of [
      [1, 'home', 'ng', 3],
      [2, 'home', 'na', 4],
      [3, 'guest', 'na', 1],
    ] as const)
      rows.push([`${VAP}.6.${i}`, S, ssid], [`${VAP}.9.${i}`, S, radio], [`${VAP}.8.${i}`, G, n]);
    const { plan, report } = await run(rows, '1.3.6.1.4.1.41112.1.6.3.3');
    expect(plan.role).toBe('wireless-ap');
    expect(report.sensors.filter((x) => x.class === 'clients').map((x) => `${x.index}=${x.value}`)).toEqual(['ssid.home=7', 'ssid.guest=1', 'radio.ng=3', 'radio.na=5', 'total=8']);
    expect(report.aps[0]?.ssids).toEqual([
      { ssid: 'home', clients: 7 },
      { ssid: 'guest', clients: 1 },
    ]);
  });

  it('Mimosa: tenths of dBm and hundredths of kbit/s', async () => {
    const { report } = await run(
      [
        ['1.3.6.1.4.1.43356.2.1.2.6.1.1.2.1', I, 245], // MIMOSA-NETWORKS-BFIVE-MIB::mimosaTxPower.1
        ['1.3.6.1.4.1.43356.2.1.2.6.1.1.5.1', I, 301], // MIMOSA-NETWORKS-BFIVE-MIB::mimosaSNR.1
        ['1.3.6.1.4.1.43356.2.1.2.7.1.0', I, 86667], // MIMOSA-NETWORKS-BFIVE-MIB::mimosaPhyTxRate.0
      ],
      '1.3.6.1.4.1.43356.1.1.1',
    );
    expect(find(report.sensors, 'power', 'chain.1')).toMatchObject({ value: 24.5, unit: 'dBm' });
    expect(find(report.sensors, 'snr', 'chain.1')).toMatchObject({ value: 30.1, unit: 'dB' });
    expect(find(report.sensors, 'rate', 'tx')).toMatchObject({ value: 866_670, unit: 'bit/s' });
  });

  it('Ceragon: MSE in hundredths of dB, frequencies kHz → MHz', async () => {
    const { report } = await run(
      [
        ['1.3.6.1.4.1.2281.10.7.1.1.2.1', I, -3512], // MWRM-RADIO-MIB::genEquipRadioStatusMSE.1
        ['1.3.6.1.4.1.2281.10.5.2.1.3.1', I, 18015000], // MWRM-RADIO-MIB::genEquipRfuCfgTxFreq.1
      ],
      '1.3.6.1.4.1.2281.1.20.1.3.1',
    );
    expect(find(report.sensors, 'mse', '1')).toMatchObject({ value: -35.12, unit: 'dB' });
    expect(find(report.sensors, 'frequency', 'tx.1')).toMatchObject({ value: 18015, unit: 'MHz' });
  });

  it('ePMP SM: a bridge with its downlink RSSI and SNR', async () => {
    const { plan, report } = await run(
      [
        ['1.3.6.1.4.1.17713.21.1.2.3.0', I, -58], // CAMBIUM-PMP80211-MIB::cambiumSTADLRSSI.0
        ['1.3.6.1.4.1.17713.21.1.2.18.0', I, 31], // CAMBIUM-PMP80211-MIB::cambiumSTADLSNR.0
      ],
      '1.3.6.1.4.1.17713.21',
    );
    expect(plan).toMatchObject({ role: 'wireless-bridge', profiles: ['cambium-epmp-sm'] });
    expect(report.sensors.map((x) => `${x.class}=${x.value}`)).toEqual(['rssi=-58', 'snr=31']);
  });

  it('IEEE802dot11-MIB is used only when no vendor profile fits', async () => {
    const dot11: Row[] = [['1.2.840.10036.4.5.1.1.3', I, 11]]; // IEEE802dot11-MIB::dot11CurrentChannel.3
    expect((await run(dot11, '1.3.6.1.4.1.9.1.525')).report.sensors).toEqual([{ class: 'channel', index: 'dsss.3', descr: 'Radio 3 channel (2.4 GHz)', value: 11, unit: '' }]);
    const withUnifi: Row[] = [...dot11, ['1.3.6.1.4.1.41112.1.6.1.2.1.8.1', G, 2]]; // UBNT-UniFi-MIB::unifiVapNumStations.1
    expect((await run(withUnifi, '1.3.6.1.4.1.41112.1.6.3.3')).plan.profiles).toEqual(['ubnt-unifi']);
  });
});

describe('pollWireless on a misbehaving agent', () => {
  it('loses only the table the agent breaks', async () => {
    const WLAN = '1.3.6.1.4.1.25053.1.4.2.1.1.1.2.1'; // RUCKUS-SZ-WLAN-MIB::ruckusSZWLANEntry
    const { session, agent } = open([
      ['1.3.6.1.4.1.25053.1.4.1.1.1.15.1.0', G, 2], // RUCKUS-SZ-SYSTEM-MIB::ruckusSZSystemStatsNumAP.0
      [`${WLAN}.1.1`, S, 'staff'],
      [`${WLAN}.12.1`, G, 9],
      ['1.3.6.1.4.1.25053.1.8.1.1.1.1.1.1.19.3.83.90.49', G, 2], // RUCKUS-CTRL-MIB::ruckusCtrlSystemNodeNumApConnected
    ]);
    agent.fail((r) => (r.oids.some((o) => o.startsWith(WLAN)) ? new LinkscopeError('LS_SNMP_ERROR_STATUS', 'genErr on the WLAN table') : undefined));
    const { report, errors } = await pollWirelessDetailed(session, { role: 'wireless-controller', profiles: ['ruckus-smartzone'] });
    expect(errors).toEqual([expect.objectContaining({ profile: 'ruckus-smartzone', table: 'ruckusSZWLANTable', code: 'LS_SNMP_ERROR_STATUS' })]);
    expect(report.sensors.map((s) => `${s.class}:${s.index}`).sort()).toEqual(['ap-count:node.SZ1', 'ap-count:total']);
  });

  it('keeps the tables when the scalars time out', async () => {
    const { session, agent } = open([['1.3.6.1.4.1.161.19.3.1.7.1.0', G, 3]]); // WHISP-APS-MIB::regCount.0
    agent.fail((r) => (r.pdu === 'get' ? 'timeout' : undefined));
    const { report, errors } = await pollWirelessDetailed(session, { role: 'wireless-ap', profiles: ['cambium-pmp-ap'] });
    expect(errors.map((e) => `${e.table} ${e.code}`)).toEqual(['scalars LS_SNMP_TIMEOUT']);
    expect(report.sensors).toEqual([]);
  });

  it('skips a profile name it does not know (a plan from an older linkscope)', async () => {
    const { session } = open([]);
    expect(await pollWireless(session, { role: 'wireless-ap', profiles: ['gone'], deviceName: 'x' })).toEqual({ aps: [{ name: 'x', clients: 0, radios: [], ssids: [] }], sensors: [] });
  });
});
