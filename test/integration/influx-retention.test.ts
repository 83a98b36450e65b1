/** Retention policies, the rollup continuous query and rollup reads against a real influxd 1.x. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRuntime, createRuntime } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import type { ConfigFile } from '../../src/config/types.js';
import { createLogger, type Logger } from '../../src/observability/logger.js';
import { InfluxAdmin } from '../../src/storage/influx-admin.js';
import { InfluxHistory } from '../../src/storage/influx-history.js';
import { InfluxSink } from '../../src/storage/influx-sink.js';
import { buildRollupSelect } from '../../src/storage/influxql.js';
import { INTERFACE_FIELD, MEASUREMENT, TAG } from '../../src/storage/schema.js';
import type { RetentionSettings } from '../../src/storage/retention.js';
import type { Point } from '../../src/storage/types.js';
import { AUTH, startApi } from './api-harness.js';
import { freePort, startInfluxd, type InfluxdHandle, type InfluxQueryResult } from '../helpers/with-influxd.js';

const H = 3_600_000;
const D = 24 * H;
const DEFAULTS: RetentionSettings = {
  rawMs: 30 * D,
  rollup: { enabled: true, intervalMs: 300_000, retentionMs: 104 * 7 * D, readAboveMs: 24 * H },
};

let influxd: InfluxdHandle;
let dir: string;

beforeAll(async () => {
  influxd = await startInfluxd();
  dir = await mkdtemp(join(tmpdir(), 'linkscope-retention-it-'));
});

afterAll(async () => {
  await influxd?.dispose();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

interface LogLine {
  readonly level: number;
  readonly msg: string;
}

function capture(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (l: string) => void lines.push(JSON.parse(l) as LogLine) } });
  return { logger, lines };
}

function rows(r: InfluxQueryResult): Record<string, unknown>[] {
  const s = r.results?.[0]?.series?.[0];
  if (s === undefined) return [];
  return s.values.map((v) => Object.fromEntries(s.columns.map((c, i) => [c, v[i]])));
}

async function policies(db: string): Promise<Record<string, unknown>[]> {
  return rows(await influxd.query(`SHOW RETENTION POLICIES ON "${db}"`));
}

async function continuousQueries(db: string): Promise<Record<string, unknown>[]> {
  const r = await influxd.query('SHOW CONTINUOUS QUERIES');
  const series = r.results?.[0]?.series?.find((s) => s.name === db);
  return (series?.values ?? []).map((v) => ({ name: v[0], query: v[1] }));
}

let runs = 0;
/** What `poll --once` / `serve` build, against the test's influxd, flushed once. */
async function startUp(db: string, influx: NonNullable<ConfigFile['influx']>, logger: Logger): Promise<void> {
  runs += 1;
  const dataDir = join(dir, `run-${runs}`);
  const config = loadConfig({
    env: { HOME: dir },
    overrides: { dataDir, secretKeyFile: join(dir, 'secret.key'), influx: { url: influxd.url, db, ...influx } },
  });
  const rt = await createRuntime(config, logger);
  try {
    await rt.sink.flush();
    expect(rt.sink.status().influx).toBe('ok');
  } finally {
    await closeRuntime(rt);
  }
}

function ifPoint(device: string, ifName: string, time: number, inBps: number): Point {
  return {
    measurement: MEASUREMENT.interface,
    tags: { [TAG.device]: device, [TAG.agentHost]: '127.0.0.1', [TAG.ifName]: ifName },
    fields: {
      [INTERFACE_FIELD.inBps]: inBps,
      [INTERFACE_FIELD.outBps]: inBps / 10,
      [INTERFACE_FIELD.inUtilization]: inBps / 1e6,
      [INTERFACE_FIELD.outUtilization]: inBps / 1e7,
      [INTERFACE_FIELD.inErrorsPerSec]: 0,
      [INTERFACE_FIELD.inPktsPerSec]: inBps / 8000,
    },
    time,
  };
}

describe('start-up on a real influxd', () => {
  it('creates the database, the default raw policy, the rollup policy and the continuous query', async () => {
    const { logger, lines } = capture();
    await startUp('ret_fresh', {}, logger);
    expect(await policies('ret_fresh')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'raw', duration: '720h0m0s', default: true }),
        expect.objectContaining({ name: 'rollup_5m', duration: '17472h0m0s', default: false }),
      ]),
    );
    const cqs = await continuousQueries('ret_fresh');
    expect(cqs).toHaveLength(1);
    expect(cqs[0]?.name).toBe('linkscope_interface_5m');
    expect(cqs[0]?.query).toContain('percentile(in_bps, 95) AS in_bps_p95');
    expect(cqs[0]?.query).toContain('INTO ret_fresh.rollup_5m.interface FROM ret_fresh.raw.interface GROUP BY time(5m), *');
    // A brand-new database's empty autogen policy is not worth a warning.
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);

    // Unchanged configuration: nothing is created or altered again.
    const again = capture();
    await startUp('ret_fresh', {}, again.logger);
    expect(again.lines.filter((l) => /^(Created|Altered|Dropped)/.test(l.msg))).toEqual([]);
    expect(again.lines.filter((l) => l.level >= 40)).toEqual([]);
  });

  it('alters the policies and replaces the continuous query when the configuration changes', async () => {
    // Another database's linkscope query (ret_fresh's) is none of this database's business.
    const first = capture();
    await startUp('ret_change', {}, first.logger);
    expect(first.lines.filter((l) => /^Dropped/.test(l.msg))).toEqual([]);
    expect((await continuousQueries('ret_fresh')).map((c) => c.name)).toEqual(['linkscope_interface_5m']);
    const { logger, lines } = capture();
    await startUp('ret_change', { retention: { raw: '7d' }, rollup: { interval: '10m', retention: '52w' } }, logger);
    const rps = await policies('ret_change');
    expect(rps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'raw', duration: '168h0m0s', default: true }),
        // The old interval's policy keeps its data; the new one is made beside it.
        expect.objectContaining({ name: 'rollup_5m', duration: '17472h0m0s' }),
        expect.objectContaining({ name: 'rollup_10m', duration: '8736h0m0s', default: false }),
      ]),
    );
    expect((await continuousQueries('ret_change')).map((c) => c.name)).toEqual(['linkscope_interface_10m']);
    const said = lines.filter((l) => l.level >= 30).map((l) => `${l.level} ${l.msg}`);
    expect(said).toEqual(
      expect.arrayContaining([
        // Shortening deletes old points: a warning that says so.
        '40 Altered retention policy "raw": duration 720h0m0s → 1w; InfluxDB deletes points older than 1w at its next retention check',
        '30 Created retention policy "rollup_10m" (52w)',
        '30 Dropped continuous query "linkscope_interface_5m", whose definition differs from the configured rollup; the data it wrote is kept',
      ]),
    );

    // Rollups off: linkscope's query goes, the policies and their data stay.
    await startUp('ret_change', { retention: { raw: '7d' }, rollup: { enabled: false } }, capture().logger);
    expect(await continuousQueries('ret_change')).toEqual([]);
    expect((await policies('ret_change')).map((r) => r['name'])).toEqual(expect.arrayContaining(['raw', 'rollup_5m', 'rollup_10m']));
  });

  it('leaves the data of an older default policy in place and says so', async () => {
    await influxd.query('CREATE DATABASE "ret_old"');
    const sink = new InfluxSink({ url: influxd.url, db: 'ret_old', spoolDir: join(dir, 'old-spool'), logger: capture().logger });
    sink.write([ifPoint('sw1', 'eth0', 1_700_000_000, 1000)]);
    await sink.close();
    const { logger, lines } = capture();
    await startUp('ret_old', {}, logger);
    const warning = lines.find((l) => l.level === 40 && l.msg.includes('had default retention policy "autogen"'));
    expect(warning?.msg).toContain('Nothing is deleted: the older points stay in "autogen"');
    expect(await policies('ret_old')).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'autogen', duration: '0s', default: false }), expect.objectContaining({ name: 'raw', default: true })]),
    );
    expect(rows(await influxd.query('SELECT count("in_bps") FROM "autogen"."interface"', 'ret_old'))[0]?.['count']).toBe(1);
  });

  it('keeps writing when InfluxDB refuses an admin statement, with one warning', async () => {
    const { logger, lines } = capture();
    // influxd refuses a policy shorter than 1h: a real refusal, as a user without admin rights gets.
    const admin = new InfluxAdmin({ conn: { url: influxd.url, db: 'ret_refused' }, timeoutMs: 5000, retention: { ...DEFAULTS, rawMs: 30 * 60_000 }, logger });
    const sink = new InfluxSink({ url: influxd.url, db: 'ret_refused', spoolDir: join(dir, 'refused-spool'), logger, admin });
    const now = Math.floor(Date.now() / 1000);
    sink.write([ifPoint('sw1', 'eth0', now, 1000)]);
    await sink.flush();
    sink.write([ifPoint('sw1', 'eth0', now + 1, 2000)]);
    await sink.close();
    expect(sink.status()).toMatchObject({ influx: 'ok', writtenPoints: 2, droppedPoints: 0, pendingPoints: 0 });
    const warnings = lines.filter((l) => l.level === 40).map((l) => l.msg);
    expect(warnings.some((m) => m.startsWith(`Cannot create retention policy "raw" on database "ret_refused" at ${influxd.url} (`))).toBe(true);
    expect(warnings.some((m) => m.startsWith('Retention and rollups of database "ret_refused" are not set up'))).toBe(true);
    expect(admin.rollupReady()).toBe(false);
    // The points are in the default policy InfluxDB had.
    expect(rows(await influxd.query('SELECT count("in_bps") FROM "interface"', 'ret_refused'))[0]?.['count']).toBe(2);
  });

  it('spools while InfluxDB is not there, then sets up retention and replays into the raw policy', async () => {
    const { logger } = capture();
    const port = await freePort();
    const admin = new InfluxAdmin({ conn: { url: `http://127.0.0.1:${port}`, db: 'ret_down' }, timeoutMs: 2000, retention: DEFAULTS, logger });
    const sink = new InfluxSink({ url: `http://127.0.0.1:${port}`, db: 'ret_down', spoolDir: join(dir, 'down-spool'), logger, admin, timeoutMs: 2000 });
    sink.write([ifPoint('sw1', 'eth0', Math.floor(Date.now() / 1000), 1000)]);
    await sink.flush();
    expect(sink.status()).toMatchObject({ influx: 'down', droppedPoints: 0, pendingPoints: 1 });
    expect(sink.status().spoolBytes).toBeGreaterThan(0);
    await sink.close();
    // The next run, with InfluxDB there, prepares the database first and replays the spool into "raw".
    const admin2 = new InfluxAdmin({ conn: { url: influxd.url, db: 'ret_down' }, timeoutMs: 5000, retention: DEFAULTS, logger });
    const sink2 = new InfluxSink({ url: influxd.url, db: 'ret_down', spoolDir: join(dir, 'down-spool'), logger, admin: admin2 });
    await sink2.flush();
    await sink2.close();
    expect(sink2.status()).toMatchObject({ influx: 'ok', replayedPoints: 1, pendingPoints: 0 });
    expect(admin2.rollupReady()).toBe(true);
    expect(rows(await influxd.query('SELECT count("in_bps") FROM "raw"."interface"', 'ret_down'))[0]?.['count']).toBe(1);
  });
});

describe('the rollup continuous query on influxd 1.6', () => {
  it('is a valid statement that rolls raw points up to mean, max and 95th percentile per interface', async () => {
    const db = 'ret_cq';
    const { logger } = capture();
    const admin = new InfluxAdmin({ conn: { url: influxd.url, db }, timeoutMs: 5000, retention: DEFAULTS, logger });
    const sink = new InfluxSink({ url: influxd.url, db, spoolDir: join(dir, 'cq-spool'), logger, admin });
    // Bucket [t0, t0+5m): 20 samples 100..2000 on eth0, and one on eth1; one sample in the next bucket.
    const t0 = Math.floor(Date.now() / 1000 / 300) * 300 - 3600;
    const points: Point[] = [];
    for (let i = 1; i <= 20; i += 1) points.push(ifPoint('sw1', 'eth0', t0 + i * 10, i * 100));
    points.push(ifPoint('sw1', 'eth1', t0 + 5, 7));
    points.push(ifPoint('sw1', 'eth0', t0 + 300, 5));
    sink.write(points);
    await sink.close();
    expect(sink.status()).toMatchObject({ writtenPoints: points.length, droppedPoints: 0 });
    expect(admin.rollupReady()).toBe(true);

    // What the continuous query runs at the end of each bucket, run by hand over the two buckets.
    const select = buildRollupSelect(db, 'raw', 'rollup_5m', 300_000, `time >= ${t0}s AND time < ${t0 + 600}s`);
    const written = await influxd.query(select, db);
    expect(written.results?.[0]?.error).toBeUndefined();

    const r = await influxd.query(`SELECT * FROM "rollup_5m"."interface" WHERE "ifName" = 'eth0' ORDER BY time`, db);
    const [first, second] = rows(r);
    expect(first).toMatchObject({ time: t0 * 1000, device: 'sw1', ifName: 'eth0', agent_host: '127.0.0.1', in_bps_mean: 1050, in_bps_max: 2000, in_bps_p95: 1900, out_bps_max: 200 });
    expect(first?.['in_pps_p95']).toBeCloseTo(1900 / 8000, 9);
    expect(second).toMatchObject({ time: (t0 + 300) * 1000, in_bps_mean: 5, in_bps_max: 5, in_bps_p95: 5 });
    const eth1 = rows(await influxd.query(`SELECT "in_bps_mean" FROM "rollup_5m"."interface" WHERE "ifName" = 'eth1'`, db));
    expect(eth1).toEqual([{ time: t0 * 1000, in_bps_mean: 7 }]);
  });
});

describe('history reads the rollup for long ranges', () => {
  const db = 'ret_read';
  let reader: InfluxHistory;
  const nowS = Math.floor(Date.now() / 1000);
  const bucket = Math.floor(nowS / 300) * 300;

  beforeAll(async () => {
    const { logger } = capture();
    const admin = new InfluxAdmin({ conn: { url: influxd.url, db }, timeoutMs: 5000, retention: DEFAULTS, logger });
    const sink = new InfluxSink({ url: influxd.url, db, spoolDir: join(dir, 'read-spool'), logger, admin });
    // Raw: 1000 bps over the last 20 minutes. Rollup: 777 (mean) in buckets of the last 3 days.
    sink.write(Array.from({ length: 20 }, (_, i) => ifPoint('sw', 'eth0', nowS - 60 * (i + 1), 1000)));
    await sink.close();
    const lines: string[] = [];
    for (let k = 1; k <= 3 * 24 * 12; k += 1) {
      lines.push(`interface,agent_host=127.0.0.1,device=sw,ifName=eth0 in_bps_mean=777,out_bps_mean=77,in_utilization_mean=7,out_utilization_mean=0.5,in_bps_max=999 ${bucket - 300 * k}`);
    }
    const res = await fetch(`${influxd.url}/write?db=${db}&rp=rollup_5m&precision=s`, { method: 'POST', body: lines.join('\n') });
    expect(res.status).toBe(204);
    reader = new InfluxHistory({ url: influxd.url, db, retention: DEFAULTS, rollupReady: () => admin.rollupReady() });
  });

  it('answers a 7-day range from the rollup and a 1-hour range from raw points (reader)', async () => {
    const now = Date.now();
    const week = await reader.utilizationWithSource({ device: 'sw', ifName: 'eth0', from: new Date(now - 7 * D), to: new Date(now), stepMs: 3_600_000 }, undefined, now);
    expect(week.source).toBe('rollup_5m');
    expect(week.points.length).toBeGreaterThanOrEqual(70);
    expect(new Set(week.points.map((p) => p.inBps))).toEqual(new Set([777]));
    expect(week.points[0]).toMatchObject({ outBps: 77, inUtilization: 7, outUtilization: 0.5 });

    const hour = await reader.utilizationWithSource({ device: 'sw', ifName: 'eth0', from: new Date(now - H), to: new Date(now), stepMs: 60_000 }, undefined, now);
    expect(hour.source).toBe('raw');
    expect(hour.points).toHaveLength(20);
    expect(new Set(hour.points.map((p) => p.inBps))).toEqual(new Set([1000]));
  });

  it('falls back to raw points when the rollup is not set up or empty for the range', async () => {
    const now = Date.now();
    const notReady = new InfluxHistory({ url: influxd.url, db, retention: DEFAULTS, rollupReady: () => false });
    const r = await notReady.utilizationWithSource({ device: 'sw', ifName: 'eth0', from: new Date(now - 7 * D), to: new Date(now), stepMs: 3_600_000 }, undefined, now);
    expect(r.source).toBe('raw');
    expect(new Set(r.points.map((p) => p.inBps))).toEqual(new Set([1000]));
    const other = await reader.utilizationWithSource({ device: 'sw', ifName: 'eth9', from: new Date(now - 7 * D), to: new Date(now), stepMs: 3_600_000 }, undefined, now);
    expect(other).toEqual({ points: [], source: 'raw' });
  });

  it('says which data answered in x-linkscope-source (API)', async () => {
    const api = await startApi({ history: reader });
    try {
      const created = await api.app.inject({ method: 'POST', url: '/api/v1/devices', headers: AUTH, payload: { name: 'sw', host: '127.0.0.1', snmp: { version: '2c', community: 'public' } } });
      const id = (created.json() as { id: number }).id;
      const week = await api.app.inject({ url: `/api/v1/devices/${id}/interfaces/eth0/utilization?from=-7d&step=1h` });
      expect(week.statusCode, week.body).toBe(200);
      expect(week.headers['x-linkscope-source']).toBe('rollup_5m');
      expect(new Set((week.json() as { inBps: number }[]).map((p) => p.inBps))).toEqual(new Set([777]));
      const hour = await api.app.inject({ url: `/api/v1/devices/${id}/interfaces/eth0/utilization?from=-1h&step=60s` });
      expect(hour.headers['x-linkscope-source']).toBe('raw');
      expect(hour.json()).toHaveLength(20);
      expect(Object.keys((hour.json() as object[])[0] ?? {}).sort()).toEqual(['inBps', 'inUtilization', 'outBps', 'outUtilization', 'time']);
    } finally {
      await api.close();
    }
  });
});
