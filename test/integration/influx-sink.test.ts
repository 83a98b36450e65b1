/** InfluxSink against a real influxd 1.x: exact round trips, database creation, outages, spool replay. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Secret } from '../../src/model/secret.js';
import { createLogger, type Logger } from '../../src/observability/logger.js';
import { InfluxSink, type InfluxSinkOptions } from '../../src/storage/influx-sink.js';
import type { Point } from '../../src/storage/types.js';
import { startInfluxd, type InfluxdHandle } from '../helpers/with-influxd.js';

const PASSWORD = 'pa55-do-not-log';
const T0 = 1_700_000_000;

let influxd: InfluxdHandle;
let dir: string;
let logLines: string[];
let logger: Logger;
const sinks: InfluxSink[] = [];

beforeAll(async () => {
  influxd = await startInfluxd();
});

afterAll(async () => {
  await influxd?.dispose();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'linkscope-sink-it-'));
  logLines = [];
  logger = createLogger({ level: 'debug', destination: { write: (line: string) => void logLines.push(line) } });
});

afterEach(async () => {
  // A test that stopped influxd must not leave the next one without it.
  await influxd.start();
  await Promise.all(sinks.splice(0).map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
  expect(logLines.join('')).not.toContain(PASSWORD);
});

async function openSink(db: string, extra: Partial<InfluxSinkOptions> = {}): Promise<InfluxSink> {
  const sink = new InfluxSink({
    url: influxd.url,
    db,
    user: 'linkscope',
    password: new Secret(PASSWORD),
    spoolDir: join(dir, 'spool'),
    logger,
    timeoutMs: 3000,
    probeIntervalMs: 50,
    probeMaxIntervalMs: 200,
    ...extra,
  });
  sinks.push(sink);
  return sink;
}

/** Bounded polling for "eventually" (the sink probes on its own timers): at most 1000 × 20 ms. */
async function eventually(sink: InfluxSink, done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i += 1) {
    if (done()) return;
    await sink.flush();
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`not reached within 1000 polls: ${what}`);
}

function logsAt(level: number): { msg: string }[] {
  return logLines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level === level);
}

function seqPoints(from: number, to: number): Point[] {
  const out: Point[] = [];
  for (let i = from; i < to; i += 1) out.push({ measurement: 'seq', tags: { run: 'a' }, fields: { n: BigInt(i) }, time: T0 + i });
  return out;
}

async function seqValues(db: string): Promise<number[]> {
  const r = await influxd.query('SELECT "n" FROM "seq"', db);
  const values = r.results?.[0]?.series?.[0]?.values ?? [];
  return values.map((row) => row[1] as number);
}

describe('InfluxSink with influxd', () => {
  it('writes floats, integers, strings and escaped tags that read back exactly', async () => {
    const db = 'exact';
    const sink = await openSink(db);
    const tagValue = 'Gi 0/1,x=y "q" \\b';
    sink.write([
      {
        measurement: 'interface',
        tags: { device: 'core sw,1=a', agent_host: '127.0.0.1', ifName: tagValue },
        fields: {
          f: 0.1,
          g: -123456789.125,
          h: 1e-7,
          big: 2n ** 64n - 1n,
          max: 9223372036854775807n,
          neg: -42n,
          s: 'say "hi" C:\\dir\\ é🚀\nline2',
          nan: Number.NaN,
        },
        time: T0,
      },
    ]);
    await sink.flush();
    expect(sink.status()).toMatchObject({ influx: 'ok', writtenPoints: 1, droppedPoints: 0, pendingPoints: 0 });

    const r = await influxd.query('SELECT * FROM "interface" GROUP BY *', db);
    const series = r.results?.[0]?.series?.[0];
    expect(series?.tags).toEqual({ device: 'core sw,1=a', agent_host: '127.0.0.1', ifName: tagValue });
    const row = Object.fromEntries((series?.columns ?? []).map((c, i) => [c, series?.values[0]?.[i]]));
    expect(row).toMatchObject({ time: T0 * 1000, f: 0.1, g: -123456789.125, h: 1e-7, neg: -42, s: 'say "hi" C:\\dir\\ é🚀\nline2' });
    expect(row).not.toHaveProperty('nan');
    // Beyond 2^53 only the raw JSON text keeps the digits.
    const text = await influxd.queryText('SELECT "big", "max" FROM "interface"', db);
    expect(text).toContain('9223372036854775807,9223372036854775807');
    const types = await influxd.query('SHOW FIELD KEYS FROM "interface"', db);
    expect(Object.fromEntries((types.results?.[0]?.series?.[0]?.values ?? []).map((v) => [v[0], v[1]]))).toMatchObject({
      f: 'float',
      big: 'integer',
      neg: 'integer',
      s: 'string',
    });
  });

  it('creates the database when it is missing, on start and after it was dropped', async () => {
    const db = 'created "on" start';
    const sink = await openSink(db);
    await sink.flush();
    const shown = await influxd.query('SHOW DATABASES');
    expect(shown.results?.[0]?.series?.[0]?.values.map((v) => v[0])).toContain(db);

    await influxd.query(`DROP DATABASE "created \\"on\\" start"`);
    sink.write(seqPoints(0, 3));
    await sink.flush();
    expect(await seqValues(db)).toEqual([0, 1, 2]);
    expect(sink.status().droppedPoints).toBe(0);
  });

  it('drops a batch InfluxDB rejects (field type conflict) and logs InfluxDB\'s reason', async () => {
    const db = 'conflict';
    const sink = await openSink(db);
    sink.write([{ measurement: 'm', tags: {}, fields: { v: 1n }, time: T0 }]);
    await sink.flush();
    sink.write([{ measurement: 'm', tags: {}, fields: { v: 1.5 }, time: T0 + 1 }]);
    await sink.flush();
    expect(sink.status()).toMatchObject({ influx: 'ok', writtenPoints: 1, droppedPoints: 1, spoolBytes: 0 });
    const errors = logsAt(50);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toContain('field type conflict');
  });

  it('delivers every point exactly once across an InfluxDB outage', async () => {
    const db = 'outage';
    const sink = await openSink(db, { batchSize: 25, flushIntervalMs: 50 });
    const total = 600;
    let next = 0;
    const writeChunk = async (): Promise<void> => {
      sink.write(seqPoints(next, next + 50));
      next += 50;
      await sink.flush();
    };

    for (let i = 0; i < 4; i += 1) await writeChunk();
    expect(sink.status()).toMatchObject({ influx: 'ok', writtenPoints: 200, spoolBytes: 0 });

    await influxd.stop();
    for (let i = 0; i < 4; i += 1) await writeChunk();
    expect(sink.status().influx).toBe('down');
    expect(sink.status().spoolBytes).toBeGreaterThan(0);
    expect(sink.status().pendingPoints).toBe(200);

    await influxd.start();
    // Written while the spool replays: must queue behind it, not overtake it.
    for (let i = 0; i < 4; i += 1) await writeChunk();
    expect(next).toBe(total);
    await eventually(sink, () => sink.status().influx === 'ok' && sink.status().pendingPoints === 0, 'spool replayed');

    const values = await seqValues(db);
    expect(values).toHaveLength(total);
    expect(new Set(values).size).toBe(total);
    expect(values).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(sink.status()).toMatchObject({ influx: 'ok', spoolBytes: 0, droppedPoints: 0 });
    expect(await readdir(join(dir, 'spool'))).toEqual([]);
    // One warn when it went down, one info when it came back: state changes only.
    expect(logsAt(40).filter((l) => l.msg.includes('unavailable'))).toHaveLength(1);
    expect(logsAt(30).filter((l) => l.msg.includes('accepts writes again'))).toHaveLength(1);
  });

  it('leaves everything in the spool when closed while InfluxDB is down, and a new sink replays it', async () => {
    const db = 'restart';
    const first = await openSink(db, { batchSize: 40 });
    first.write(seqPoints(0, 40));
    await first.flush();
    await influxd.stop();
    first.write(seqPoints(40, 140));
    await first.close();
    expect(first.status().influx).toBe('down');
    expect(first.status().pendingPoints).toBe(100);
    expect(first.status().spoolBytes).toBeGreaterThan(0);
    expect((await readdir(join(dir, 'spool'))).length).toBeGreaterThan(0);

    await influxd.start();
    const second = await openSink(db);
    expect(second.status().pendingPoints).toBe(100);
    await eventually(second, () => second.status().pendingPoints === 0, 'second sink replayed the spool');
    expect(await seqValues(db)).toEqual(Array.from({ length: 140 }, (_, i) => i));
    expect(second.status()).toMatchObject({ writtenPoints: 100, spoolBytes: 0 });
  });
});
