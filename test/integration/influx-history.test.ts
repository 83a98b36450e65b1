/** InfluxHistory against a real influxd 1.x: hostile interface names are matched exactly, never as patterns. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/observability/logger.js';
import { InfluxHistory } from '../../src/storage/influx-history.js';
import { InfluxSink } from '../../src/storage/influx-sink.js';
import { storedTagValue } from '../../src/storage/line-protocol.js';
import { INTERFACE_FIELD, MEASUREMENT, TAG } from '../../src/storage/schema.js';
import type { Point } from '../../src/storage/types.js';
import { freePort, startInfluxd, type InfluxdHandle } from '../helpers/with-influxd.js';

const DB = 'history';
const T0 = 1_700_000_000; // s
const NAMES = [
  'eth0',
  "it's",
  'say "hi"',
  'back\\slash',
  'a\\,b',
  'trailing\\',
  '.*',
  'eth.',
  '^eth0$',
  '+?()[]{}|',
  '/eth0/',
  'Gi 0/1,x=y',
  'café — 🚀',
  'line1\nline2',
  'cr\rlf',
  "x' OR '1'='1",
];

let influxd: InfluxdHandle;
let dir: string;
let history: InfluxHistory;

beforeAll(async () => {
  influxd = await startInfluxd();
  dir = await mkdtemp(join(tmpdir(), 'linkscope-history-it-'));
  const sink = new InfluxSink({ url: influxd.url, db: DB, spoolDir: join(dir, 'spool'), logger: silentLogger() });
  const points: Point[] = [];
  NAMES.forEach((name, i) => {
    // Two samples per name in one 60 s bucket and one in the next: means are checkable per name.
    for (const [dt, k] of [[0, 1], [30, 3], [60, 10]] as const) {
      points.push({
        measurement: MEASUREMENT.interface,
        tags: { [TAG.device]: name, [TAG.agentHost]: '127.0.0.1', [TAG.ifName]: name },
        fields: {
          [INTERFACE_FIELD.inBps]: (i + 1) * 1000 * k,
          [INTERFACE_FIELD.outBps]: (i + 1) * 10 * k,
          [INTERFACE_FIELD.inUtilization]: k,
          [INTERFACE_FIELD.outUtilization]: k / 2,
        },
        time: T0 + dt,
      });
    }
  });
  sink.write(points);
  await sink.close();
  expect(sink.status()).toMatchObject({ writtenPoints: points.length, droppedPoints: 0 });
  history = new InfluxHistory({ url: influxd.url, db: DB });
});

afterAll(async () => {
  await influxd?.dispose();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('InfluxHistory with influxd', () => {
  it('stores one series per name, each distinct', async () => {
    const r = await influxd.query('SHOW TAG VALUES FROM "interface" WITH KEY = "ifName"', DB);
    const stored = (r.results?.[0]?.series?.[0]?.values ?? []).map((v) => v[1]);
    expect(stored).toHaveLength(NAMES.length);
    // What line-protocol.ts predicts InfluxDB stores is what it stores (backslashes, \\n, trailing \\).
    expect(new Set(stored)).toEqual(new Set(NAMES.map(storedTagValue)));
  });

  it.each(NAMES.map((n, i) => [n, i] as const))('reads back exactly the series of %j', async (name, i) => {
    const rows = await history.utilization({
      device: name,
      ifName: name,
      from: new Date((T0 - 60) * 1000),
      to: new Date((T0 + 120) * 1000),
      stepMs: 60_000,
    });
    const base = (i + 1) * 1000;
    // T0 sits 20 s into a minute: buckets start on whole minutes.
    const bucket0 = T0 * 1000 - ((T0 * 1000) % 60_000);
    expect(rows).toEqual([
      { time: new Date(bucket0).toISOString(), inBps: base * 2, outBps: (base / 100) * 2, inUtilization: 2, outUtilization: 1 },
      { time: new Date(bucket0 + 60_000).toISOString(), inBps: base * 10, outBps: (base / 100) * 10, inUtilization: 10, outUtilization: 5 },
    ]);
  });

  it('returns nothing for a name that only a pattern would match', async () => {
    const rows = await history.utilization({ device: 'eth0', ifName: 'eth', from: new Date(0), to: new Date((T0 + 120) * 1000), stepMs: 60_000 });
    expect(rows).toEqual([]);
  });

  it('returns an empty series for a database that does not exist yet', async () => {
    const other = new InfluxHistory({ url: influxd.url, db: 'never-written' });
    expect(await other.utilization({ device: 'x', ifName: 'y', from: new Date(0), to: new Date(), stepMs: 60_000 })).toEqual([]);
  });

  it('answers ping: true when influxd is up, false when nothing listens', async () => {
    expect(await history.ping()).toBe(true);
    const nobody = new InfluxHistory({ url: `http://127.0.0.1:${await freePort()}`, db: DB, timeoutMs: 2000 });
    expect(await nobody.ping()).toBe(false);
    await expect(nobody.utilization({ device: 'x', ifName: 'y', from: new Date(0), to: new Date(), stepMs: 60_000 })).rejects.toMatchObject({
      code: 'LS_INFLUX_UNAVAILABLE',
    });
  });
});
