/**
 * `linkscope serve` end to end: the real server (startServer with a real config) polling snmpsimd
 * recordings and an snmpd (SNMPv3), writing to a real influxd, driven over a real socket with fetch.
 * The tests run in order and share one story: add devices, read them, change and remove them,
 * stop with a poll in flight, spool while InfluxDB is down, restart on the same data dir.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asNumber, asText } from '../../src/snmp/values.js';
import { createLogger, type Logger } from '../../src/observability/logger.js';
import type { InfluxSink } from '../../src/storage/influx-sink.js';
import { formatPoint } from '../../src/storage/line-protocol.js';
import { parseSnmprec } from '../../src/snmp/snmprec.js';
import type { Point } from '../../src/storage/types.js';
import { startInfluxd, type InfluxdHandle } from '../helpers/with-influxd.js';
import { eventually, startTestServer, type TestServer } from '../helpers/with-server.js';
import { SNMPD_USERS, withSnmpd, type SnmpdHandle } from '../helpers/with-snmpd.js';
import { withSnmpsim, type SnmpsimHandle } from '../helpers/with-snmpsim.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'snmprec');
const TOKEN = 'e2e-T0ken-4f9c2b7d1e6a';
const INFLUX_DB = 'linkscope_e2e';

// Communities are secrets: distinctive strings that can only show up in a reply or a log by leaking.
const SW_COMMUNITY = 'sw-C0mmunity-8d1f';
const RT_COMMUNITY = 'rt-C0mmunity-2b7e';
const FIX_COMMUNITY = 'fix-C0mmunity-5a3c';
const WRONG_COMMUNITY = 'wrong-C0mmunity-91b2';
const WRONG_AUTH_KEY = 'wr0ng-AuthKey-55e1';
const V3 = SNMPD_USERS.u256;
const V3_BAD = SNMPD_USERS.u512;
const SECRETS = [SW_COMMUNITY, RT_COMMUNITY, FIX_COMMUNITY, WRONG_COMMUNITY, WRONG_AUTH_KEY, V3.authKey, V3.privKey, V3_BAD.privKey, TOKEN];

const IF_STATUS: Readonly<Record<number, string>> = { 1: 'up', 2: 'down', 3: 'testing', 4: 'unknown', 5: 'dormant', 6: 'notPresent', 7: 'lowerLayerDown' };

interface RecordedInterface {
  readonly ifIndex: number;
  readonly ifName: string;
  readonly ifDescr: string;
  readonly ifAlias: string;
  readonly adminStatus: string;
  readonly operStatus: string;
}

/** The interfaces of a recording, read from the .snmprec itself (IF-MIB ifTable + ifXTable). */
function recordedInterfaces(file: string): RecordedInterface[] {
  const { varbinds } = parseSnmprec(readFileSync(join(FIXTURES, file), 'utf8'));
  const value = (oid: string) => varbinds.find((vb) => vb.oid === oid)?.value;
  const indexes = varbinds.filter((vb) => vb.oid.startsWith('1.3.6.1.2.1.2.2.1.1.')).map((vb) => Number(vb.oid.split('.').pop()));
  return indexes.map((i) => ({
    ifIndex: i,
    ifName: asText(value(`1.3.6.1.2.1.31.1.1.1.1.${i}`)), // IF-MIB::ifName
    ifDescr: asText(value(`1.3.6.1.2.1.2.2.1.2.${i}`)), // IF-MIB::ifDescr
    ifAlias: asText(value(`1.3.6.1.2.1.31.1.1.1.18.${i}`)), // IF-MIB::ifAlias
    adminStatus: IF_STATUS[asNumber(value(`1.3.6.1.2.1.2.2.1.7.${i}`)) ?? 4] ?? 'unknown', // IF-MIB::ifAdminStatus
    operStatus: IF_STATUS[asNumber(value(`1.3.6.1.2.1.2.2.1.8.${i}`)) ?? 4] ?? 'unknown', // IF-MIB::ifOperStatus
  }));
}

interface DeviceJson {
  id: number;
  name: string;
  status: string;
  interval: string;
  intervalMs: number;
  sysName: string | null;
  sysObjectID: string | null;
  role: string | null;
  vendor: string | null;
  lastPollAt: string | null;
  lastError: { code: string; message: string } | null;
  snmp: Record<string, string>;
}

interface InterfaceJson {
  ifIndex: number;
  ifName: string;
  adminStatus: string;
  operStatus: string;
  inBps: number | null;
  outBps: number | null;
  counterBits: number;
}

interface UtilizationRow {
  time: string;
  inBps: number | null;
  outBps: number | null;
  inUtilization: number | null;
  outUtilization: number | null;
}

/** Identity of a point in InfluxDB: a second point with the same key overwrites the first. */
function pointKey(measurement: string, tags: Readonly<Record<string, string | undefined>>, timeSec: number): string {
  return `${measurement}|${tags['device'] ?? ''}|${tags['ifName'] ?? ''}|${timeSec}`;
}

/** Every point the sink accepts, recorded before it is batched (the sink still does all the work). */
function recordSinkWrites(sink: InfluxSink): Point[] {
  const seen: Point[] = [];
  const write = sink.write.bind(sink);
  sink.write = (points: readonly Point[]): void => {
    for (const p of points) if (formatPoint(p) !== '') seen.push(p);
    write(points);
  };
  return seen;
}

/** Keys of every `interface` and `device` point stored in InfluxDB (optionally within [fromSec, toSec]). */
async function storedKeys(influxd: InfluxdHandle, range?: { fromSec: number; toSec: number }): Promise<Set<string>> {
  const where = range === undefined ? '' : ` WHERE time >= ${range.fromSec}s AND time <= ${range.toSec}s`;
  const keys = new Set<string>();
  // ifIndex is on every interface point, `up` on every device point, `descr` on every device_health
  // and sensor point (snmpd's memory pools): one row per stored point.
  for (const [measurement, field] of [
    ['interface', 'ifIndex'],
    ['device', 'up'],
    ['device_health', 'descr'],
    ['sensor', 'descr'],
  ] as const) {
    const res = await influxd.query(`SELECT "${field}" FROM "${measurement}"${where} GROUP BY *`, INFLUX_DB);
    const result = res.results?.[0];
    if (res.error !== undefined || result?.error !== undefined) throw new Error(`influx query failed: ${res.error ?? result?.error}`);
    for (const series of result?.series ?? []) {
      for (const row of series.values) keys.add(pointKey(measurement, series.tags ?? {}, Math.floor(Number(row[0]) / 1000)));
    }
  }
  return keys;
}

/** Keys of the points waiting in the spool files of a data dir (header line, then line protocol). */
function spooledKeys(dataDir: string): Set<string> {
  const dir = join(dataDir, 'spool');
  const keys = new Set<string>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.lp'))) {
    const text = readFileSync(join(dir, name), 'utf8');
    for (const line of text.slice(text.indexOf('\n') + 1).split('\n')) {
      if (line === '') continue;
      // Our tag values hold no escaped spaces or commas: "measurement,k=v,... fields time".
      const series = line.slice(0, line.indexOf(' '));
      const [measurement = '', ...pairs] = series.split(',');
      const tags = Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
      keys.add(pointKey(measurement, tags, Number(line.slice(line.lastIndexOf(' ') + 1))));
    }
  }
  return keys;
}

/** One sample of a Prometheus text exposition, or undefined when absent. */
function metric(text: string, name: string, labels: Readonly<Record<string, string>> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (m === null || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('linkscope serve end to end (snmpsimd, snmpd, influxd, real socket)', () => {
  let sim: SnmpsimHandle;
  let snmpd: SnmpdHandle;
  let influxd: InfluxdHandle;
  let root: string;
  let dataDir: string;
  let env: Record<string, string>;
  const logLines: string[] = [];
  let logger: Logger;
  const bodies: string[] = [];
  let api: TestServer | undefined;
  let written: Point[] = [];

  const switchIfs = recordedInterfaces('switch-hc.snmprec');

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'linkscope-e2e-'));
    dataDir = join(root, 'data');
    logger = createLogger({ level: 'debug', destination: { write: (line: string) => void logLines.push(line) } });
    const recording = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');
    [sim, snmpd, influxd] = await Promise.all([
      withSnmpsim({
        records: {
          [SW_COMMUNITY]: recording('switch-hc.snmprec'),
          [RT_COMMUNITY]: recording('router-32.snmprec'),
          [FIX_COMMUNITY]: recording('discontinuity.snmprec'),
        },
      }),
      // A sysDescr naming a router and sysServices without layer 3 (72 = application + end-to-end):
      // only the sysDescr hint makes this agent a router, so the role proves the v3 poll read it.
      withSnmpd({ extraConfig: ['sysDescr linkscope-snmpd: Net-SNMP test router on Linux', 'sysServices 72'] }),
      startInfluxd(),
    ]);
    env = {
      LINKSCOPE_DATA_DIR: dataDir,
      // Outside the data dir, as the docs advise.
      LINKSCOPE_SECRET_KEY_FILE: join(root, 'secret.key'),
      LINKSCOPE_INFLUX_URL: influxd.url,
      LINKSCOPE_INFLUX_DB: INFLUX_DB,
      // Long enough that points are usually waiting in memory when close() comes.
      LINKSCOPE_INFLUX_FLUSH_INTERVAL: '2s',
      LINKSCOPE_INFLUX_TIMEOUT: '2s',
      LINKSCOPE_API_TOKEN: TOKEN,
      LINKSCOPE_POLL_INTERVAL: '1s',
      // Generous, with a retry: no claim here is about SNMP timing, and a busy 2-core machine must
      // not turn a live agent unreachable (health counts devices exactly). 'fixme' (wrong
      // community) still ends unreachable, after 2 x 2 s.
      LINKSCOPE_SNMP_TIMEOUT: '2s',
      LINKSCOPE_SNMP_RETRIES: '1',
      LINKSCOPE_POLLER_BACKOFF_MAX: '1s',
      LINKSCOPE_LOG_LEVEL: 'debug',
    };
  });

  afterAll(async () => {
    await api?.close();
    await Promise.all([sim?.stop(), snmpd?.stop(), influxd?.dispose()]);
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
  });

  const device = async (s: TestServer, id: string | number): Promise<DeviceJson> => {
    const r = await s.call(`/api/v1/devices/${id}`);
    expect(r.status).toBe(200);
    return r.json<DeviceJson>();
  };
  const interfaces = async (s: TestServer, id: string | number, query = ''): Promise<InterfaceJson[]> => {
    const r = await s.call(`/api/v1/devices/${id}/interfaces${query}`);
    expect(r.status).toBe(200);
    return r.json<InterfaceJson[]>();
  };
  const devicePolls = async (s: TestServer, name: string): Promise<number> =>
    metric((await s.call('/metrics')).text, 'linkscope_device_polls_total', { device: name }) ?? 0;
  /** Resolves once `name` has completed `n` more polls than now. */
  const morePolls = async (s: TestServer, name: string, n: number): Promise<void> => {
    const start = await devicePolls(s, name);
    await eventually(`${n} more polls of ${name}`, async () => ((await devicePolls(s, name)) >= start + n ? true : undefined));
  };
  const waitStatus = (s: TestServer, name: string, status: string): Promise<DeviceJson> =>
    eventually(`${name} becomes ${status}`, async () => {
      const d = await device(s, name);
      return d.status === status ? d : undefined;
    });

  it('starts the real server and refuses writes without the right token', async () => {
    api = await startTestServer({ env, logger, token: TOKEN, bodies });
    written = recordSinkWrites(api.server.runtime.sink);
    const body = { host: sim.host, port: sim.port, name: 'nope', snmp: { version: '2c', community: SW_COMMUNITY } };
    const none = await api.call('/api/v1/devices', { method: 'POST', body });
    expect(none.status).toBe(401);
    expect(none.json()).toMatchObject({ error: { code: 'LS_UNAUTHORIZED' } });
    const wrong = await api.call('/api/v1/devices', { method: 'POST', body, auth: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
    expect(wrong.json()).toMatchObject({ error: { code: 'LS_UNAUTHORIZED' } });
    // Reads need no token on loopback, and nothing was added.
    const list = await api.call('/api/v1/devices');
    expect(list.status).toBe(200);
    expect(list.json()).toEqual([]);
  });

  it('adds v2c and v3 devices (201, pending) and polls them to up, unreachable or auth-failed', async () => {
    const s = api!;
    const add = async (body: unknown): Promise<DeviceJson> => {
      const r = await s.call('/api/v1/devices', { method: 'POST', body, auth: true });
      expect(r.status, r.text).toBe(201);
      const d = r.json<DeviceJson>();
      expect(d.status).toBe('pending');
      return d;
    };
    const sw = await add({ host: sim.host, port: sim.port, name: 'sw', snmp: { version: '2c', community: SW_COMMUNITY } });
    expect(sw.snmp).toEqual({ version: '2c', community: '***' });
    await add({ host: sim.host, port: sim.port, name: 'rt', snmp: { version: '2c', community: RT_COMMUNITY } });
    await add({ host: sim.host, port: sim.port, name: 'fixme', snmp: { version: '2c', community: WRONG_COMMUNITY } });
    const v3 = await add({
      host: snmpd.host,
      port: snmpd.port,
      name: 'v3dev',
      snmp: { version: '3', user: V3.user, level: 'authPriv', authProtocol: V3.authProtocol, authKey: V3.authKey, privProtocol: V3.privProtocol, privKey: V3.privKey },
    });
    expect(v3.snmp).toEqual({ version: '3', user: V3.user, level: 'authPriv', authProtocol: 'sha256', authKey: '***', privProtocol: 'aes', privKey: '***' });
    await add({
      host: snmpd.host,
      port: snmpd.port,
      name: 'v3bad',
      snmp: { version: '3', user: V3_BAD.user, level: 'authPriv', authProtocol: V3_BAD.authProtocol, authKey: WRONG_AUTH_KEY, privProtocol: V3_BAD.privProtocol, privKey: V3_BAD.privKey },
    });

    const swUp = await waitStatus(s, 'sw', 'up');
    expect(swUp).toMatchObject({ sysName: 'acc-sw-2f.example.net', sysObjectID: '1.3.6.1.4.1.9.1.1208', role: 'switch', vendor: 'Cisco', lastError: null });
    const rtUp = await waitStatus(s, 'rt', 'up');
    expect(rtUp.role).toBe('router');
    const v3Up = await waitStatus(s, 'v3dev', 'up');
    expect(v3Up.sysName).toBe('linkscope-snmpd');
    expect(v3Up.sysObjectID).toMatch(/^1\.3\.6\.1\.4\.1\.8072\./);
    expect(v3Up.role).toBe('router');
    expect(v3Up.vendor).toBe('Net-SNMP');

    const unreachable = await waitStatus(s, 'fixme', 'unreachable');
    expect(unreachable.lastError?.code).toBe('LS_SNMP_TIMEOUT');
    const authFailed = await waitStatus(s, 'v3bad', 'auth-failed');
    expect(authFailed.lastError?.code).toBe('LS_SNMP_AUTH');
  });

  it("lists the recording's interfaces with statuses as words, then rates after a second poll", async () => {
    const s = api!;
    const first = await interfaces(s, 'sw');
    expect(first.map((i) => [i.ifIndex, i.ifName, i.adminStatus, i.operStatus])).toEqual(
      switchIfs.map((i) => [i.ifIndex, i.ifName, i.adminStatus, i.operStatus]),
    );
    expect(first.some((i) => i.operStatus === 'down')).toBe(true);

    // snmpsim's counters and sysUpTime stand still: the rate is 0 bit/s, but a number, not null.
    const rated = await eventually('rates on every interface of sw', async () => {
      const list = await interfaces(s, 'sw');
      return list.every((i) => typeof i.inBps === 'number' && typeof i.outBps === 'number') ? list : undefined;
    });
    for (const i of rated) expect([i.inBps, i.outBps]).toEqual([0, 0]);

    const down = await interfaces(s, 'sw', '?status=down');
    expect(down.map((i) => i.ifName)).toEqual(switchIfs.filter((i) => i.operStatus === 'down').map((i) => i.ifName));
    const needle = 'te1/0';
    const matching = await interfaces(s, 'sw', `?q=${encodeURIComponent('Te1/0')}`);
    const expected = switchIfs.filter((i) => [i.ifName, i.ifDescr, i.ifAlias].some((t) => t.toLowerCase().includes(needle)));
    expect(expected.length).toBeGreaterThan(0);
    expect(matching.map((i) => i.ifName)).toEqual(expected.map((i) => i.ifName));
    const none = await interfaces(s, 'sw', '?q=no-such-port');
    expect(none).toEqual([]);
  });

  it('reads utilisation history from InfluxDB, for an interface name with slashes too', async () => {
    const s = api!;
    const ifName = 'Gi1/0/1';
    expect(switchIfs.some((i) => i.ifName === ifName)).toBe(true);
    const rows = await eventually(`utilization rows of sw ${ifName}`, async () => {
      const r = await s.call(`/api/v1/devices/sw/interfaces/${encodeURIComponent(ifName)}/utilization?from=-1h&step=10s`);
      expect(r.status, r.text).toBe(200);
      const list = r.json<UtilizationRow[]>();
      // InfluxDB 1.x applies a point field by field (its cache is keyed per field), so a query
      // racing a write may see in_bps before out_bps: wait until one bucket holds all four.
      const whole = (row: UtilizationRow): boolean =>
        [row.inBps, row.outBps, row.inUtilization, row.outUtilization].every((v) => typeof v === 'number');
      return list.some(whole) ? list : undefined;
    });
    for (const row of rows) {
      expect(Number.isNaN(Date.parse(row.time))).toBe(false);
      expect(Object.keys(row).sort()).toEqual(['inBps', 'inUtilization', 'outBps', 'outUtilization', 'time']);
    }
    expect(rows.find((row) => row.inBps !== null)).toMatchObject({ inBps: 0, outBps: 0, inUtilization: 0, outUtilization: 0 });
    // A name that exists nowhere is an empty series, not an error.
    const other = await s.call(`/api/v1/devices/sw/interfaces/${encodeURIComponent('Gi9/9/"9\\')}/utilization?from=-1h&step=10s`);
    expect(other.status).toBe(200);
    expect(other.json()).toEqual([]);
  });

  it('applies PATCHed credentials and interval on the next poll', async () => {
    const s = api!;
    const fixed = await s.call('/api/v1/devices/fixme', { method: 'PATCH', body: { snmp: { community: FIX_COMMUNITY } }, auth: true });
    expect(fixed.status, fixed.text).toBe(200);
    expect(fixed.json<DeviceJson>().snmp).toEqual({ version: '2c', community: '***' });
    const patchedAt = new Date().toISOString();
    const slow = await s.call('/api/v1/devices/v3dev', { method: 'PATCH', body: { interval: '1h' }, auth: true });
    expect(slow.status, slow.text).toBe(200);
    expect(slow.json<DeviceJson>()).toMatchObject({ interval: '1h', intervalMs: 3_600_000 });

    const up = await waitStatus(s, 'fixme', 'up');
    expect(up).toMatchObject({ lastError: null, vendor: 'MikroTik' });
    // The change re-schedules v3dev once at once (a poll in flight may also finish); after that, 1 h.
    await eventually('v3dev polled after the PATCH', async () => {
      const d = await device(s, 'v3dev');
      return d.lastPollAt !== null && d.lastPollAt > patchedAt ? true : undefined;
    });
    await morePolls(s, 'sw', 2);
    const settled = await devicePolls(s, 'v3dev');
    await morePolls(s, 'sw', 2);
    expect(await devicePolls(s, 'v3dev')).toBe(settled);
  });

  it('stops polling a DELETEd device and keeps its history in InfluxDB', async () => {
    const s = api!;
    const rtId = (await device(s, 'rt')).id;
    await eventually('rt points in InfluxDB', async () => ([...(await storedKeys(influxd))].some((k) => k.split('|')[1] === 'rt') ? true : undefined));

    const noToken = await s.call('/api/v1/devices/rt', { method: 'DELETE' });
    expect(noToken.status).toBe(401);
    const removed = await s.call('/api/v1/devices/rt', { method: 'DELETE', auth: true });
    expect(removed.status).toBe(204);
    expect(removed.text).toBe('');
    const gone = await s.call('/api/v1/devices/rt');
    expect(gone.status).toBe(404);
    expect(gone.json()).toMatchObject({ error: { code: 'LS_DEVICE_NOT_FOUND' } });
    expect(s.server.runtime.poller.metrics().devices.map((d) => d.deviceId)).not.toContain(rtId);
    expect((await s.call('/metrics')).text).not.toContain('device="rt"');

    // Every rt point the sink accepted reaches InfluxDB; then two more polls of another device
    // bring no new rt point, and the history stays.
    const rtKeys = (): string[] => [...new Set(written.filter((p) => p.tags['device'] === 'rt').map((p) => pointKey(p.measurement, p.tags, p.time)))].sort();
    const accepted = rtKeys();
    expect(accepted.length).toBeGreaterThan(0);
    const storedRt = async (): Promise<string[]> => [...(await storedKeys(influxd))].filter((k) => k.split('|')[1] === 'rt').sort();
    await eventually('every rt point in InfluxDB', async () => ((await storedRt()).length === accepted.length ? true : undefined));
    expect(await storedRt()).toEqual(accepted);
    await morePolls(s, 'sw', 2);
    expect(rtKeys()).toEqual(accepted);
    expect(await storedRt()).toEqual(accepted);
  });

  it('reports health, Prometheus metrics and an OpenAPI 3 document', async () => {
    const s = api!;
    const health = await s.call('/health');
    expect(health.status).toBe(200);
    // sw, fixme, v3dev up; v3bad auth-failed.
    expect(health.json()).toMatchObject({ status: 'ok', influx: 'ok', spoolBytes: 0, devices: { up: 3, down: 1 } });
    const metrics = await s.call('/metrics');
    expect(metrics.status).toBe(200);
    expect(metric(metrics.text, 'linkscope_polls_total')).toBeGreaterThan(0);
    expect(metric(metrics.text, 'linkscope_points_written_total')).toBeGreaterThan(0);
    expect(metric(metrics.text, 'linkscope_device_polls_total', { device: 'sw' })).toBeGreaterThan(0);
    const docs = await s.call('/docs/json');
    expect(docs.status).toBe(200);
    const doc = docs.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/devices',
        '/api/v1/devices/{id}',
        '/api/v1/devices/{id}/interfaces',
        '/api/v1/devices/{id}/interfaces/{ifName}/utilization',
      ]),
    );
  });

  it('writes every polled point to InfluxDB when closed with a poll in flight', async () => {
    const s = api!;
    const sink = s.server.runtime.sink;
    const swId = (await device(s, 'sw')).id;
    // Close with points waiting for the next flush, and a poll certainly in flight: that poll
    // either finishes and its points are flushed, or is aborted and writes nothing.
    await eventually('points waiting in memory', () => (sink.status().pendingPoints > 0 ? true : undefined), { intervalMs: 20 });
    const inFlight = s.server.runtime.poller.pollNow(swId);
    await s.close();
    api = undefined;
    const outcome = await inFlight;
    // Poller.stop() aborts SNMP requests in flight: the poll ends with LS_SNMP_ABORTED unless it was already done.
    if (!outcome.ok) expect(outcome.error?.code).toBe('LS_SNMP_ABORTED');

    const status = sink.status();
    expect(status).toMatchObject({ influx: 'ok', pendingPoints: 0, spoolBytes: 0, droppedPoints: 0 });
    expect(status.writtenPoints).toBe(written.length);
    // A PATCH re-schedules a poll at once, which may fall in the same second as the one before
    // (InfluxDB keeps one point per series and second): compare sets of keys, not raw counts.
    const expected = new Set(written.map((p) => pointKey(p.measurement, p.tags, p.time)));
    const stored = await storedKeys(influxd);
    expect(stored.size).toBe(expected.size);
    expect([...stored].filter((k) => !expected.has(k))).toEqual([]);
  });

  let spooled = new Set<string>();
  let secondClosedAt = 0;

  it('spools while InfluxDB is down and keeps the spool across a close', async () => {
    const s = await startTestServer({ env, logger, token: TOKEN, bodies });
    api = s;
    const list = (await s.call('/api/v1/devices')).json<DeviceJson[]>();
    expect(list.map((d) => d.name).sort()).toEqual(['fixme', 'sw', 'v3bad', 'v3dev']);
    await influxd.stop();
    const degraded = await eventually('health reports influx down with a spool', async () => {
      const h = (await s.call('/health')).json<{ status: string; influx: string; spoolBytes: number }>();
      return h.influx === 'down' && h.spoolBytes > 0 ? h : undefined;
    });
    expect(degraded.status).toBe('degraded');
    await morePolls(s, 'sw', 1);
    const sink = s.server.runtime.sink;
    await s.close();
    api = undefined;
    secondClosedAt = performance.now();
    const status = sink.status();
    expect(status.influx).toBe('down');
    expect(status.droppedPoints).toBe(0);
    expect(status.pendingPoints).toBeGreaterThan(0);
    spooled = spooledKeys(dataDir);
    expect(spooled.size).toBeGreaterThan(0);
    expect([...spooled].some((k) => k.startsWith('interface|sw|'))).toBe(true);
  });

  it('replays the spool into InfluxDB after a restart and writes rates on the first poll', async () => {
    await influxd.start();
    // Counter maths refuses intervals under 0.5 s; restarting influxd alone takes longer, but make sure.
    const waitMs = 600 - (performance.now() - secondClosedAt);
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    // One poll per device at start (no jitter), the next only after an hour: what the interfaces
    // show below is the first poll of this process, made with the counters the last one saved.
    const s = await startTestServer({ env: { ...env, LINKSCOPE_POLL_INTERVAL: '1h', LINKSCOPE_POLLER_JITTER: '0' }, logger, token: TOKEN, bodies });
    api = s;
    await waitStatus(s, 'sw', 'up');
    const first = await interfaces(s, 'sw');
    expect(await devicePolls(s, 'sw')).toBe(1);
    expect(first.length).toBe(switchIfs.length);
    for (const i of first) expect([i.inBps, i.outBps]).toEqual([0, 0]);

    const times = [...spooled].map((k) => Number(k.split('|')[3]));
    const range = { fromSec: Math.min(...times), toSec: Math.max(...times) };
    await eventually('spooled points in InfluxDB', async () => {
      if (s.server.runtime.sink.status().spoolBytes > 0) return undefined;
      const stored = await storedKeys(influxd, range);
      return [...spooled].every((k) => stored.has(k)) ? true : undefined;
    });
    expect((await s.call('/health')).json()).toMatchObject({ influx: 'ok', spoolBytes: 0 });
    await s.close();
    api = undefined;
  });

  it('never shows a community, a v3 key or the token in any reply or log line', () => {
    expect(bodies.length).toBeGreaterThan(50);
    expect(logLines.length).toBeGreaterThan(50);
    const replies = bodies.join('\n');
    const logs = logLines.join('');
    for (const secret of SECRETS) {
      expect(replies.includes(secret), `reply holds ${secret}`).toBe(false);
      expect(logs.includes(secret), `log holds ${secret}`).toBe(false);
    }
    // The logs did see the devices and the outages, so the check is not vacuous.
    expect(logs).toContain('LS_SNMP_AUTH');
    expect(logs).toContain('device added');
  });
});
