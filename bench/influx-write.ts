/** Section 4: InfluxSink (format + batch + POST) against raw fetch POSTs of pre-formatted line protocol and the influx package's writePoints, same points, same influxd. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAgent } from '../src/demo/agent/snmp-agent.js';
import { syntheticDevice } from '../src/demo/agent/synthetic.js';
import type { Device } from '../src/model/types.js';
import { Secret } from '../src/model/secret.js';
import { silentLogger } from '../src/observability/logger.js';
import { pollDevice } from '../src/poller/poll-device.js';
import { NetSnmpClient } from '../src/snmp/net-snmp-client.js';
import { FieldType, InfluxDB, type IPoint } from 'influx';
import { InfluxSink } from '../src/storage/influx-sink.js';
import { formatPoint } from '../src/storage/line-protocol.js';
import { INTERFACE_FIELD_KIND, MEASUREMENT, TAG } from '../src/storage/schema.js';
import type { Point } from '../src/storage/types.js';
import { startInfluxd, type InfluxdHandle as Influxd } from '../test/helpers/with-influxd.js';
import { cpuSecondsSince, median, num, printTable } from './lib/table.js';

const BATCH_SIZE = 5000;

interface WriteFigures {
  readonly seconds: number;
  readonly cpuSeconds: number;
}

/**
 * `polls` polls' worth of `interface` points: one real poll with rates of a synthetic
 * `interfaces`-port device (agent in process: its CPU is not measured here), re-stamped one
 * second apart so every point is a new one for InfluxDB.
 */
async function makePolls(interfaces: number, polls: number): Promise<Point[][]> {
  const agent = await startAgent({ view: syntheticDevice({ interfaces, hc: true }), community: 'public', maxMessageSize: 65000 });
  const now = new Date().toISOString();
  const device: Device = { id: 1, name: 'bench-sw', host: agent.host, port: agent.port, snmp: { version: '2c', community: new Secret('public') }, intervalMs: null, discoveredBy: null, site: 'default', createdAt: now, updatedAt: now };
  const session = new NetSnmpClient().open({ host: agent.host, port: agent.port, credentials: device.snmp, timeoutMs: 2000, retries: 1, maxRepetitions: 25 });
  try {
    const first = await pollDevice({ device, session, discovery: null, discoveredAtMs: 0, baseline: null, rediscoverIntervalMs: Number.POSITIVE_INFINITY, nowMs: Date.now });
    await new Promise((resolve) => setTimeout(resolve, 600));
    const second = await pollDevice({ device, session, discovery: first.discovery, discoveredAtMs: 0, baseline: first.baseline, rediscoverIntervalMs: Number.POSITIVE_INFINITY, nowMs: Date.now });
    const template = second.points.filter((p) => p.measurement === MEASUREMENT.interface);
    const start = Math.floor(Date.now() / 1000) - polls;
    return Array.from({ length: polls }, (_, k) => template.map((p) => ({ ...p, time: start + k })));
  } finally {
    session.close();
    await agent.close();
  }
}

async function createDb(influxd: Influxd, db: string): Promise<void> {
  const text = await influxd.queryText(`CREATE DATABASE "${db}"`);
  if (text.includes('"error"')) throw new Error(`cannot create database ${db}: ${text}`);
}

/** The linkscope path: points handed over poll by poll (as the poller does), then flush(). */
async function throughSink(influxd: Influxd, db: string, polls: readonly Point[][], spoolDir: string): Promise<WriteFigures> {
  const sink = new InfluxSink({ url: influxd.url, db, batchSize: BATCH_SIZE, spoolDir, logger: silentLogger(), flushIntervalMs: 60_000 });
  try {
    await sink.flush(); // database creation and the first connection: not part of the write path
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const points of polls) sink.write(points);
    await sink.flush();
    const figures = { seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSecondsSince(cpu0) };
    const status = sink.status();
    if (status.influx !== 'ok' || status.pendingPoints !== 0) throw new Error(`InfluxSink did not write everything: ${JSON.stringify(status)}`);
    return figures;
  } finally {
    await sink.close();
  }
}

/** The reference: the same points pre-formatted (not timed) and POSTed in the same batch sizes, one at a time. */
async function rawPosts(influxd: Influxd, db: string, polls: readonly Point[][]): Promise<WriteFigures> {
  const lines = polls.flat().map(formatPoint);
  const bodies: string[] = [];
  for (let i = 0; i < lines.length; i += BATCH_SIZE) bodies.push(lines.slice(i, i + BATCH_SIZE).join('\n'));
  const url = `${influxd.url}/write?db=${encodeURIComponent(db)}&precision=s`;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const body of bodies) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' }, body, signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    if (res.status !== 204) throw new Error(`raw POST to influxd answered ${res.status}: ${text.slice(0, 300)}`);
  }
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSecondsSince(cpu0) };
}

/**
 * The `influx` package's writePoints, with a schema so integer fields get their `i` (without one it
 * writes every number, bigint included, as a float). Its INTEGER coercion is Math.floor(number), so
 * the bigint counters go in as numbers: exact only below 2^53. Conversion to IPoint is not timed.
 */
async function packageWrites(influxd: Influxd, db: string, polls: readonly Point[][]): Promise<WriteFigures> {
  const kinds = { integer: FieldType.INTEGER, float: FieldType.FLOAT, string: FieldType.STRING } as const;
  const fields = Object.fromEntries(Object.entries(INTERFACE_FIELD_KIND).map(([name, kind]) => [name, kinds[kind]]));
  const client = new InfluxDB({
    host: '127.0.0.1',
    port: influxd.port,
    database: db,
    schema: [{ measurement: MEASUREMENT.interface, fields, tags: [TAG.device, TAG.agentHost, TAG.ifName] }],
  });
  await client.createDatabase(db);
  const batches: IPoint[][] = [];
  const all = polls.flat().map((p): IPoint => ({
    measurement: p.measurement,
    tags: { ...p.tags },
    fields: Object.fromEntries(Object.entries(p.fields).filter(([, v]) => typeof v !== 'number' || Number.isFinite(v)).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
    timestamp: p.time,
  }));
  for (let i = 0; i < all.length; i += BATCH_SIZE) batches.push(all.slice(i, i + BATCH_SIZE));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const batch of batches) await client.writePoints(batch, { precision: 's' });
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSecondsSince(cpu0) };
}

/** Prints the section's table; returns the sink/raw throughput ratio (median of the rounds). */
export async function runInfluxWrite(options: { interfaces?: number; polls?: number; rounds?: number } = {}): Promise<{ ratio: number }> {
  const interfaces = options.interfaces ?? 1000;
  const pollCount = options.polls ?? 100;
  const rounds = options.rounds ?? 2;
  const polls = await makePolls(interfaces, pollCount);
  const points = polls.reduce((s, p) => s + p.length, 0);
  const spoolDir = mkdtempSync(join(tmpdir(), 'linkscope-bench-spool-'));
  const influxd = await startInfluxd();
  const sink: WriteFigures[] = [];
  const raw: WriteFigures[] = [];
  const pkg: WriteFigures[] = [];
  try {
    // Fresh databases per round and path, so no run overwrites another's points; raw and sink alternate.
    for (let r = 0; r < rounds; r++) {
      await createDb(influxd, `bench_raw_${r}`);
      raw.push(await rawPosts(influxd, `bench_raw_${r}`, polls));
      sink.push(await throughSink(influxd, `bench_sink_${r}`, polls, join(spoolDir, String(r))));
      pkg.push(await packageWrites(influxd, `bench_pkg_${r}`, polls));
    }
    const pkgCheck = await influxd.queryText(`SELECT count("ifIndex") FROM "interface"`, `bench_pkg_0`);
    if (!pkgCheck.includes(`,${points}]`)) throw new Error(`the influx package's writes hold a different number of points than written (${points}): ${pkgCheck.slice(0, 300)}`);
    const check = await influxd.queryText(`SELECT count("ifIndex") FROM "interface"`, `bench_sink_0`);
    if (!check.includes(`,${points}]`)) throw new Error(`InfluxDB holds a different number of points than written (${points}): ${check.slice(0, 300)}`);
  } finally {
    await influxd.dispose();
    rmSync(spoolDir, { recursive: true, force: true });
  }
  const rate = (f: readonly WriteFigures[]): number => median(f.map((x) => points / x.seconds));
  const cpuPerPoint = (f: readonly WriteFigures[]): number => median(f.map((x) => (x.cpuSeconds * 1e6) / points));
  const ratio = rate(sink) / rate(raw);
  const lineBytes = polls.flat().reduce((s, p) => s + formatPoint(p).length + 1, 0) / points;
  printTable(
    `4. InfluxDB write path: ${num(points)} interface points (${num(lineBytes, 0)} B/line) in batches of ${num(BATCH_SIZE)}, median of ${rounds} rounds`,
    ['path', 'points/s', 'client CPU µs/point', 'vs raw POST'],
    [
      ['raw fetch POST of pre-formatted lines', num(rate(raw)), num(cpuPerPoint(raw), 2), '1.00×'],
      ['InfluxSink (format + batch + POST)', num(rate(sink)), num(cpuPerPoint(sink), 2), `${num(ratio, 2)}×`],
      ["influx package writePoints (schema'd)", num(rate(pkg)), num(cpuPerPoint(pkg), 2), `${num(rate(pkg) / rate(raw), 2)}×`],
    ],
    [
      'Throwaway influxd 1.x on 127.0.0.1 (temp dir); one request in flight on both paths, as InfluxSink sends; points re-stamped 1 s apart.',
      "raw excludes formatting (lines prepared before the clock starts); InfluxSink's figure includes formatPoint per point.",
      'influx package: IPoint objects prepared before the clock (bigint → number: exact below 2^53 only); its figure includes its own formatting.',
    ],
  );
  return { ratio };
}
