/**
 * Device health end to end: the real server (startTestServer) polls a real snmpd (HOST-RESOURCES-MIB
 * and UCD-SNMP-MIB of this machine: real CPU load and memory) and the generated recordings in
 * snmpsimd (test/fixtures/snmprec/README.md: health-ent with ENTITY-SENSOR-MIB, health-cisco with
 * Cisco MIBs), writes `device_health` / `sensor` points to a real influxd (read back with InfluxQL)
 * and serves /devices/:id/health.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnmpClient } from '../../src/app.js';
import { DEFAULTS } from '../../src/config/defaults.js';
import { planHealth } from '../../src/health/engine.js';
import { pollMetrics } from '../../src/metrics/engine.js';
import { Secret } from '../../src/model/secret.js';
import { createLogger, silentLogger } from '../../src/observability/logger.js';
import { UCD_MEMORY } from '../../src/profiles/health/standard.js';
import { startInfluxd, type InfluxdHandle } from '../helpers/with-influxd.js';
import { eventually, startTestServer, type TestServer } from '../helpers/with-server.js';
import { withSnmpd, type SnmpdHandle } from '../helpers/with-snmpd.js';
import { withSnmpsim, type SnmpsimHandle } from '../helpers/with-snmpsim.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'snmprec');
const TOKEN = 'health-T0ken-77c1';
const RECORDINGS = ['health-ent', 'health-cisco'] as const;
const DB = 'linkscope_health';
const HR_PROCESSOR_LOAD = '1.3.6.1.2.1.25.3.3.1.2'; // HOST-RESOURCES-MIB::hrProcessorLoad

interface HealthJson {
  processors: { index: string; descr: string; usage: number }[];
  memory: { index: string; descr: string; usedBytes: number | null; totalBytes: number | null; usedPercent: number }[];
  sensors: { class: string; index: string; descr: string; value: number; unit: string; status?: string }[];
}

describe('device health (snmpd, snmpsimd, real server, influxd)', () => {
  let root: string;
  let sim: SnmpsimHandle;
  let snmpd: SnmpdHandle;
  let influxd: InfluxdHandle;
  let api: TestServer;
  /** snmpd's own hrProcessorLoad values, read before the device is added. */
  let cpuLoads: number[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'linkscope-health-'));
    const recording = (name: string) => readFileSync(join(FIXTURES, `${name}.snmprec`), 'utf8');
    [sim, snmpd, influxd] = await Promise.all([withSnmpsim({ records: Object.fromEntries(RECORDINGS.map((d) => [d, recording(d)])) }), withSnmpd(), startInfluxd()]);
    api = await startTestServer({
      env: {
        LINKSCOPE_DATA_DIR: join(root, 'data'),
        LINKSCOPE_SECRET_KEY_FILE: join(root, 'secret.key'),
        LINKSCOPE_INFLUX_URL: influxd.url,
        LINKSCOPE_INFLUX_DB: DB,
        LINKSCOPE_INFLUX_FLUSH_INTERVAL: '1s',
        LINKSCOPE_API_TOKEN: TOKEN,
        LINKSCOPE_POLL_INTERVAL: '2s',
        LINKSCOPE_SNMP_TIMEOUT: '3s',
        LINKSCOPE_SNMP_RETRIES: '1',
      },
      logger: createLogger({ level: 'warn', destination: { write: () => undefined } }),
      token: TOKEN,
    });
    for (const name of RECORDINGS) {
      const r = await api.call('/api/v1/devices', { method: 'POST', auth: true, body: { host: sim.host, port: sim.port, name, snmp: { version: '2c', community: name } } });
      expect(r.status, r.text).toBe(201);
    }
    // net-snmp answers hrProcessorLoad only after its first minute of CPU samples: wait for it, so
    // the device is planned with its processors (the poller would find them at its next planning).
    const client = createSnmpClient(silentLogger(), DEFAULTS.snmp.maxVarbindsPerRequest);
    const session = client.open({ host: snmpd.host, port: snmpd.port, credentials: { version: '2c', community: new Secret(snmpd.community) }, timeoutMs: 3000, retries: 1, maxRepetitions: 25 });
    try {
      cpuLoads = await eventually(
        'hrProcessorLoad from snmpd',
        async () => {
          const vbs = await session.walk(HR_PROCESSOR_LOAD);
          return vbs.length > 0 ? vbs.map((vb) => Number(vb.value)) : undefined;
        },
        { timeoutMs: 150_000, intervalMs: 2_000 },
      );
    } finally {
      session.close();
    }
    const r = await api.call('/api/v1/devices', { method: 'POST', auth: true, body: { host: snmpd.host, port: snmpd.port, name: 'linux-snmpd', snmp: { version: '2c', community: snmpd.community } } });
    expect(r.status, r.text).toBe(201);
  }, 240_000);

  afterAll(async () => {
    await api?.close();
    await Promise.all([sim?.stop(), snmpd?.stop(), influxd?.dispose()]);
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
  });

  const healthOf = (name: string, ready: (h: HealthJson) => boolean) =>
    eventually(
      `health of ${name}`,
      async () => {
        const r = await api.call(`/api/v1/devices/${name}/health`);
        if (r.status !== 200) return undefined;
        const h = r.json<HealthJson>();
        return ready(h) ? h : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 300 },
    );

  it('reads ENTITY-SENSOR-MIB and HOST-RESOURCES-MIB from the Arista recording', async () => {
    const h = await healthOf('health-ent', (x) => x.sensors.length > 0);
    expect(h.processors).toEqual([
      { index: '196608', descr: 'AMD GX-424CC SOC', usage: 17 },
      { index: '196609', descr: 'AMD GX-424CC SOC', usage: 4 },
    ]);
    expect(h.memory).toEqual([{ index: '1', descr: 'RAM', usedBytes: 3_072_000_000, totalBytes: 8_192_000_000, usedPercent: 37.5 }]);
    // The unavailable PSU 2 voltage and the truth value are left out.
    expect(h.sensors).toEqual([
      { class: 'temperature', index: '100006001', descr: 'Cpu temp sensor', value: 41.5, unit: '°C' },
      { class: 'fanspeed', index: '100601111', descr: 'Fan Tray 1 Fan 1 Sensor 1', value: 5312, unit: 'rpm' },
      { class: 'voltage', index: '100701151', descr: 'Power supply 1 output voltage', value: 11.96, unit: 'V' },
    ]);
  });

  it('reads the Cisco MIBs: CPU, 64-bit memory pools, ENVMON states and optics in dBm', async () => {
    const h = await healthOf('health-cisco', (x) => x.sensors.length > 0);
    expect(h.processors).toEqual([{ index: '7', descr: 'Switch 1', usage: 8 }]);
    expect(h.memory).toEqual([
      { index: '1000.1', descr: 'Switch 1 - Processor', usedBytes: 5_368_709_120, totalBytes: 8_589_934_592, usedPercent: 62.5 },
      { index: '1000.2', descr: 'Switch 1 - reserve Processor', usedBytes: 88, totalBytes: 102_400, usedPercent: 0.09 },
    ]);
    expect(h.sensors).toEqual([
      { class: 'dbm', index: '1041', descr: 'Te1/1/1 Receive Power Sensor', value: -23.01, unit: 'dBm' },
      { class: 'dbm', index: '1042', descr: 'Te1/1/1 Transmit Power Sensor', value: -1.52, unit: 'dBm' },
      { class: 'temperature', index: 'envmon.1010', descr: 'Switch 1 - Inlet Temp Sensor', value: 29, unit: '°C', status: 'normal' },
      { class: 'state', index: 'fan.1020', descr: 'Switch 1 - FAN 1', value: 1, unit: '', status: 'normal' },
      { class: 'state', index: 'fan.1021', descr: 'Switch 1 - FAN 2', value: 3, unit: '', status: 'critical' },
      { class: 'state', index: 'psu.1030', descr: 'Switch 1 - Power Supply A', value: 1, unit: '', status: 'normal' },
    ]);
  });

  it("reads this machine's CPU and memory from snmpd's HOST-RESOURCES-MIB", async () => {
    const h = await healthOf('linux-snmpd', (x) => x.processors.length > 0 && x.memory.length > 0);
    // One processor per hrProcessorTable row of the agent.
    expect(h.processors).toHaveLength(cpuLoads.length);
    for (const p of h.processors) {
      expect(p.usage).toBeGreaterThanOrEqual(0);
      expect(p.usage).toBeLessThanOrEqual(100);
    }
    const ram = h.memory.find((m) => m.descr === 'Physical memory');
    expect(ram?.totalBytes).toBeGreaterThan(64 * 1024 * 1024);
    expect(ram?.usedBytes).toBeGreaterThan(0);
    expect(ram?.usedBytes).toBeLessThanOrEqual(ram?.totalBytes ?? 0);
    // No disks among the memory pools, nor net-snmp 5.9's always-empty "Available memory" row.
    expect(h.memory.every((m) => !m.descr.startsWith('/') && m.descr !== 'Available memory')).toBe(true);
  });

  it("reads UCD-SNMP-MIB memory from snmpd in line with its HOST-RESOURCES-MIB RAM", async () => {
    const client = createSnmpClient(silentLogger(), DEFAULTS.snmp.maxVarbindsPerRequest);
    const session = client.open({ host: snmpd.host, port: snmpd.port, credentials: { version: '2c', community: new Secret(snmpd.community) }, timeoutMs: 3000, retries: 1, maxRepetitions: 25 });
    try {
      // The plan for a net-snmp box: HOST-RESOURCES-MIB supersedes the UCD memory figures.
      const plan = await planHealth(session, { sysObjectID: '1.3.6.1.4.1.8072.3.2.10' });
      expect(plan?.profiles).toEqual(expect.arrayContaining(['hr-processor', 'hr-memory']));
      expect(plan?.profiles).not.toContain('ucd-memory');
      const { records, errors } = await pollMetrics(session, [UCD_MEMORY]);
      expect(errors).toEqual([]);
      const physical = records.find((r) => r.tags['index'] === '1');
      const total = physical?.fields['total'];
      expect(typeof total).toBe('number');
      expect(total as number).toBeGreaterThan(64 * 1024 * 1024);
      expect(physical?.fields['free'] as number).toBeLessThanOrEqual(total as number);
    } finally {
      session.close();
    }
  });

  it('writes device_health and sensor points with the CONTRACT tags, read back with InfluxQL', async () => {
    const series = await eventually(
      'device_health series of health-cisco',
      async () => {
        const res = await influxd.query(`SELECT last("usage") AS usage, last("used_percent") AS pct, last("used_bytes") AS used, last("descr") AS descr FROM "device_health" WHERE "device" = 'health-cisco' GROUP BY "kind", "index"`, DB);
        const s = res.results?.[0]?.series ?? [];
        return s.length === 3 ? s : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(series.map((s) => [s.tags?.['kind'], s.tags?.['index'], ...(s.values[0]?.slice(1) ?? [])]).sort()).toEqual(
      [
        ['memory', '1000.1', null, 62.5, 5_368_709_120, 'Switch 1 - Processor'],
        ['memory', '1000.2', null, 0.09, 88, 'Switch 1 - reserve Processor'],
        ['processor', '7', 8, null, null, 'Switch 1'],
      ].sort(),
    );
    const sensors = await eventually(
      'sensor series of health-cisco',
      async () => {
        const res = await influxd.query(`SELECT last("value") AS value, last("status") AS status FROM "sensor" WHERE "device" = 'health-cisco' AND "class" = 'state' GROUP BY "index"`, DB);
        const s = res.results?.[0]?.series ?? [];
        return s.length === 3 ? s : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(sensors.map((s) => [s.tags?.['index'], ...(s.values[0]?.slice(1) ?? [])]).sort()).toEqual([
      ['fan.1020', 1, 'normal'],
      ['fan.1021', 3, 'critical'],
      ['psu.1030', 1, 'normal'],
    ]);
    const temps = await influxd.query(`SELECT last("value") FROM "sensor" WHERE "device" = 'health-ent' AND "class" = 'temperature' GROUP BY "index"`, DB);
    expect(temps.results?.[0]?.series?.map((s) => [s.tags?.['index'], s.values[0]?.[1]])).toEqual([['100006001', 41.5]]);
  });
});
