/**
 * Wireless end to end: the real server (startServer) polls the project's generated wireless
 * recordings in snmpsimd (test/fixtures/snmprec/README.md: wl-controller, wl-ap, wl-ptp), writes
 * `wireless` / `wireless_sensor` points to a real influxd (read back with InfluxQL) and serves
 * /devices/:id/wireless.
 *
 * Two suites: the first injects a fake wireless engine (planning by sysObjectID, canned reports) and
 * checks every layer around the engine seam: poller → live state → API, and the points in InfluxDB.
 * The second runs the real engine against the recordings and needs the wireless profiles
 * (branch w8-profiles): it is skipped until they land.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SystemInfo } from '../../src/model/types.js';
import type { WirelessReport } from '../../src/model/wireless.js';
import { createLogger } from '../../src/observability/logger.js';
import type { WirelessEngine } from '../../src/poller/types.js';
import type { SnmpSession } from '../../src/snmp/types.js';
import type { WirelessPlan } from '../../src/wireless/engine.js';
import { startInfluxd, type InfluxdHandle } from '../helpers/with-influxd.js';
import { eventually, startTestServer, type TestServer } from '../helpers/with-server.js';
import { withSnmpsim, type SnmpsimHandle } from '../helpers/with-snmpsim.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'snmprec');
const TOKEN = 'wl-T0ken-4e2a91';
const DEVICES = ['wl-controller', 'wl-ap', 'wl-ptp'] as const;

interface WirelessJson {
  role: string | null;
  aps: { name: string; mac?: string; status?: string; clients: number; radios: { index: string; band?: string; frequencyMHz?: number; channel?: number; clients?: number; txPowerDbm?: number; noiseFloorDbm?: number; utilization?: number }[]; ssids: { ssid: string; clients: number }[] }[];
  sensors: { class: string; index: string; descr: string; value: number; unit: string }[];
}

/** Starts snmpsimd with the three recordings, influxd and the server; adds the devices. */
async function startAll(db: string, wirelessEngine?: WirelessEngine) {
  const root = mkdtempSync(join(tmpdir(), 'linkscope-wireless-'));
  const recording = (name: string) => readFileSync(join(FIXTURES, `${name}.snmprec`), 'utf8');
  const [sim, influxd] = await Promise.all([withSnmpsim({ records: Object.fromEntries(DEVICES.map((d) => [d, recording(d)])) }), startInfluxd()]);
  const api = await startTestServer({
    env: {
      LINKSCOPE_DATA_DIR: join(root, 'data'),
      LINKSCOPE_SECRET_KEY_FILE: join(root, 'secret.key'),
      LINKSCOPE_INFLUX_URL: influxd.url,
      LINKSCOPE_INFLUX_DB: db,
      LINKSCOPE_INFLUX_FLUSH_INTERVAL: '1s',
      LINKSCOPE_API_TOKEN: TOKEN,
      LINKSCOPE_POLL_INTERVAL: '2s',
      // Generous: no claim here is about SNMP timing.
      LINKSCOPE_SNMP_TIMEOUT: '3s',
      LINKSCOPE_SNMP_RETRIES: '1',
    },
    logger: createLogger({ level: 'warn', destination: { write: () => undefined } }),
    token: TOKEN,
    ...(wirelessEngine === undefined ? {} : { wirelessEngine }),
  });
  for (const name of DEVICES) {
    const r = await api.call('/api/v1/devices', { method: 'POST', auth: true, body: { host: sim.host, port: sim.port, name, snmp: { version: '2c', community: name } } });
    expect(r.status, r.text).toBe(201);
  }
  return { root, sim, influxd, api };
}

async function stopAll(h: { root: string; sim: SnmpsimHandle; influxd: InfluxdHandle; api: TestServer } | undefined): Promise<void> {
  if (h === undefined) return;
  await h.api.close();
  await Promise.all([h.sim.stop(), h.influxd.dispose()]);
  rmSync(h.root, { recursive: true, force: true });
}

/** The device's wireless answer once it has APs (its first wireless poll is in). */
function wirelessOf(api: TestServer, name: string): Promise<WirelessJson> {
  return eventually(
    `wireless of ${name}`,
    async () => {
      const r = await api.call(`/api/v1/devices/${name}/wireless`);
      if (r.status !== 200) return undefined;
      const w = r.json<WirelessJson>();
      return w.aps.length > 0 ? w : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 300 },
  );
}

// ---------------------------------------------------------------------------------------------
// Fake engine: plans by sysObjectID (as profiles match), answers canned reports, and proves the
// session it is handed reaches the device by reading sysName through it.

const SYS_NAME = '1.3.6.1.2.1.1.5.0'; // SNMPv2-MIB::sysName.0

const CANNED: Record<string, { plan: WirelessPlan; report: WirelessReport }> = {
  '1.3.6.1.4.1.9.1.2170': {
    plan: { role: 'wireless-controller', profiles: ['fake-wlc'] },
    report: {
      aps: [
        { name: 'ap-lobby', mac: '00:a2:ee:3a:01:10', status: 'up', clients: 12, radios: [{ index: '0', band: '2.4GHz', channel: 1, clients: 5, noiseFloorDbm: -93, utilization: 31 }, { index: '1', band: '5GHz', channel: 36, clients: 7 }], ssids: [{ ssid: 'corp', clients: 9 }, { ssid: 'guest', clients: 3 }] },
        { name: 'ap-store', mac: '00:a2:ee:3a:01:40', status: 'down', clients: 0, radios: [], ssids: [] },
      ],
      sensors: [{ class: 'ap-count', index: 'total', descr: 'APs joined', value: 2, unit: '' }],
    },
  },
  '1.3.6.1.4.1.41112.1.6': {
    plan: { role: 'wireless-ap', profiles: ['fake-unifi'] },
    report: { aps: [{ name: 'wl-ap', clients: 4, radios: [{ index: '0', frequencyMHz: 2437, channel: 6, txPowerDbm: 17 }], ssids: [{ ssid: 'office', clients: 4 }] }], sensors: [] },
  },
  '1.3.6.1.4.1.10002.1': {
    plan: { role: 'wireless-bridge', profiles: ['fake-airfiber'] },
    report: {
      aps: [{ name: 'wl-ptp', clients: 1, radios: [{ index: '1', frequencyMHz: 24100, txPowerDbm: 20 }], ssids: [] }],
      sensors: [
        { class: 'rssi', index: '0', descr: 'Chain 0', value: -47, unit: 'dBm' },
        { class: 'distance', index: '1', descr: 'Link distance', value: 2.35, unit: 'km' },
      ],
    },
  },
};

class FakeEngine implements WirelessEngine {
  readonly sysNames = new Set<string>();

  async planWireless(_session: SnmpSession, system: SystemInfo): Promise<WirelessPlan | null> {
    return CANNED[system.sysObjectID]?.plan ?? null;
  }

  async pollWireless(session: SnmpSession, plan: WirelessPlan): Promise<WirelessReport> {
    const [vb] = await session.get([SYS_NAME]);
    if (vb !== undefined) this.sysNames.add(String(vb.value));
    const canned = Object.values(CANNED).find((c) => c.plan === plan);
    if (canned === undefined) throw new Error('plan not from this engine');
    return canned.report;
  }
}

describe('wireless around the engine seam (fake engine, snmpsimd, real server, influxd)', () => {
  const DB = 'linkscope_wireless_fake';
  const engine = new FakeEngine();
  let h: Awaited<ReturnType<typeof startAll>> | undefined;

  beforeAll(async () => {
    h = await startAll(DB, engine);
  }, 120_000);
  afterAll(async () => {
    await stopAll(h);
  });

  it('serves each device its wireless report, and the plan role on the device', async () => {
    const api = h!.api;
    const wlc = await wirelessOf(api, 'wl-controller');
    expect(wlc).toEqual({ role: 'wireless-controller', ...JSON.parse(JSON.stringify(CANNED['1.3.6.1.4.1.9.1.2170']!.report)) });
    expect((await wirelessOf(api, 'wl-ap')).role).toBe('wireless-ap');
    expect((await wirelessOf(api, 'wl-ptp')).sensors.map((s) => s.class)).toEqual(['rssi', 'distance']);
    const devices = (await api.call('/api/v1/devices')).json<{ name: string; role: string | null }[]>();
    expect(Object.fromEntries(devices.map((d) => [d.name, d.role]))).toEqual({ 'wl-controller': 'wireless-controller', 'wl-ap': 'wireless-ap', 'wl-ptp': 'wireless-bridge' });
    // The engine was handed a working session to each device.
    expect([...engine.sysNames].sort()).toEqual([...DEVICES].sort());
  });

  it('writes wireless rows per AP, radio and SSID, and wireless_sensor rows, read back with InfluxQL', async () => {
    const influxd = h!.influxd;
    const series = await eventually(
      'wireless series of wl-controller',
      async () => {
        const res = await influxd.query(`SELECT last("clients") FROM "wireless" WHERE "device" = 'wl-controller' GROUP BY "ap", "radio", "ssid"`, DB);
        const s = res.results?.[0]?.series ?? [];
        return s.length === 6 ? s : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const rows = series.map((s) => `${s.tags?.['ap']}|${s.tags?.['radio']}|${s.tags?.['ssid']}=${String(s.values[0]?.[1])}`).sort();
    expect(rows).toEqual(['ap-lobby||=12', 'ap-lobby|0|=5', 'ap-lobby|1|=7', 'ap-lobby||corp=9', 'ap-lobby||guest=3', 'ap-store||=0'].sort());
    const radio = await influxd.query(`SELECT last("channel") AS channel, last("noise_floor") AS noise, last("utilization") AS util FROM "wireless" WHERE "device" = 'wl-controller' AND "ap" = 'ap-lobby' AND "radio" = '0'`, DB);
    expect(radio.results?.[0]?.series?.[0]?.values[0]?.slice(1)).toEqual([1, -93, 31]);
    const ptp = await eventually(
      'wireless_sensor rows of wl-ptp',
      async () => {
        const res = await influxd.query(`SELECT last("value") AS value, last("descr") AS descr FROM "wireless_sensor" WHERE "device" = 'wl-ptp' GROUP BY "class", "index"`, DB);
        const s = res.results?.[0]?.series ?? [];
        return s.length === 2 ? s : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(ptp.map((s) => [s.tags?.['class'], s.tags?.['index'], s.values[0]?.[1], s.values[0]?.[2]]).sort()).toEqual([
      ['distance', '1', 2.35, 'Link distance'],
      ['rssi', '0', -47, 'Chain 0'],
    ]);
    const freq = await influxd.query(`SELECT last("frequency") FROM "wireless" WHERE "device" = 'wl-ptp' AND "radio" = '1'`, DB);
    expect(freq.results?.[0]?.series?.[0]?.values[0]?.[1]).toBe(24100);
  });
});

// ---------------------------------------------------------------------------------------------
// The real engine against the recordings. Needs the wireless profiles (AIRESPACE-WIRELESS-MIB,
// UBNT-UniFi-MIB, UBNT-AirFIBER-MIB) of branch w8-profiles.
// The figures below are the generated recordings'.

describe('wireless with the real engine and profiles', () => {
  const DB = 'linkscope_wireless_real';
  let h: Awaited<ReturnType<typeof startAll>> | undefined;

  beforeAll(async () => {
    h = await startAll(DB);
  }, 120_000);
  afterAll(async () => {
    await stopAll(h);
  });

  it('reads the controller: four APs by name, two radios per associated AP with their channels', async () => {
    const w = await wirelessOf(h!.api, 'wl-controller');
    expect(w.role).toBe('wireless-controller');
    expect(w.aps.map((a) => a.name).sort()).toEqual(['ap-floor1', 'ap-floor2', 'ap-lobby', 'ap-store']);
    const lobby = w.aps.find((a) => a.name === 'ap-lobby');
    expect(lobby?.radios.map((r) => r.channel).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([1, 36]);
    expect(w.aps.find((a) => a.name === 'ap-store')?.radios).toEqual([]);
    // Each AP's clients are the sum of its radios' bsnApIfNoOfUsers.
    for (const ap of w.aps) expect(ap.clients).toBe(ap.radios.reduce((n, r) => n + (r.clients ?? 0), 0));
  });

  it('reads the lone UniFi AP as itself, with its radios and SSIDs', async () => {
    const w = await wirelessOf(h!.api, 'wl-ap');
    expect(w.role).toBe('wireless-ap');
    expect(w.aps).toHaveLength(1);
    // UBNT-UniFi-MIB keeps the channel per SSID (unifiVapTable), not per radio: radios carry band and channel use.
    expect(w.aps[0]?.radios.map((r) => r.band).sort()).toEqual(['2.4GHz', '5GHz']);
    expect(w.aps[0]?.ssids.map((s) => s.ssid).sort()).toEqual(['office', 'visitors']);
  });

  it('reads the airFiber link as a wireless-bridge with frequency, rx power and distance', async () => {
    const w = await wirelessOf(h!.api, 'wl-ptp');
    expect(w.role).toBe('wireless-bridge');
    expect(w.aps).toHaveLength(1);
    const values = (c: string) => w.sensors.filter((s) => s.class === c).map((s) => s.value);
    // txFrequency 24100000 kHz; rxFrequency (24200 MHz) may be a second frequency sensor.
    expect(values('frequency')).toContain(24_100);
    // rxPower0/rxPower1; remoteRXPower0/1 (-48, -50) may be listed too.
    expect(values('rssi')).toEqual(expect.arrayContaining([-47, -49]));
    expect(values('distance')[0]).toBeCloseTo(2.35, 2);
    const devices = (await h!.api.call('/api/v1/devices')).json<{ name: string; role: string | null }[]>();
    expect(devices.find((d) => d.name === 'wl-ptp')?.role).toBe('wireless-bridge');
  });

  it('writes the real points to InfluxDB', async () => {
    const s = await eventually(
      'wireless series of wl-controller',
      async () => {
        const res = await h!.influxd.query(`SELECT last("clients") FROM "wireless" WHERE "device" = 'wl-controller' GROUP BY "ap"`, DB);
        const series = res.results?.[0]?.series ?? [];
        return series.length === 4 ? series : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(s.map((x) => x.tags?.['ap']).sort()).toEqual(['ap-floor1', 'ap-floor2', 'ap-lobby', 'ap-store']);
  });
});
