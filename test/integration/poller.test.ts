/** The poller end to end on real peers: snmpsimd replaying generated recordings, influxd storing the points (read back with InfluxQL). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryInventory } from '../../src/inventory/memory-inventory.js';
import { Secret } from '../../src/model/secret.js';
import { silentLogger } from '../../src/observability/logger.js';
import { Poller, type PollerSettings } from '../../src/poller/poller.js';
import { NetSnmpClient } from '../../src/snmp/net-snmp-client.js';
import { parseSnmprec } from '../../src/snmp/snmprec.js';
import { CounterStore } from '../../src/state/counter-store.js';
import { LiveState } from '../../src/state/live-state.js';
import { InfluxSink } from '../../src/storage/influx-sink.js';
import type { Point, SampleSink, SinkStatus } from '../../src/storage/types.js';
import { freePort } from '../helpers/free-port.js';
import { startInfluxd, type InfluxdHandle } from '../helpers/with-influxd.js';
import { withSnmpsim, type SnmpsimHandle } from '../helpers/with-snmpsim.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'snmprec');

const SETTINGS: PollerSettings = {
  pollIntervalMs: 60_000,
  snmp: { timeoutMs: 1500, retries: 1, maxRepetitions: 25 },
  maxConcurrentRequests: 8,
  jitterRatio: 0,
  rediscoverIntervalMs: 6 * 3600_000,
  backoffMaxMs: 15 * 60_000,
};

/** The simulated clock of pollPair: the first poll at T0, the second one minute later. */
const T0_MS = 1_800_000_000_000;

/** The value of one OID in a fixture file, for expectations computed from the recording itself. */
function fixtureValue(file: string, oid: string): bigint | number | undefined {
  const { varbinds } = parseSnmprec(readFileSync(join(FIXTURES, `${file}.snmprec`), 'utf8'));
  const v = varbinds.find((vb) => vb.oid === oid)?.value;
  return typeof v === 'bigint' || typeof v === 'number' ? v : undefined;
}

/** A fixture counter as a bigint, failing loudly when the recording lacks it. */
function counter(file: string, oid: string): bigint {
  const v = fixtureValue(file, oid);
  if (v === undefined) throw new Error(`${file}.snmprec has no ${oid}`);
  return BigInt(v);
}

/** One row as InfluxDB returns it: column → value; integers beyond 2^53 kept exact as bigint. */
type Row = Readonly<Record<string, string | number | bigint | boolean | null>>;

/**
 * Runs one InfluxQL SELECT and returns its rows. Long integer literals are quoted before
 * JSON.parse so raw Counter64 values survive unrounded, then turned into bigint.
 */
async function select(influxd: InfluxdHandle, db: string, q: string): Promise<Row[]> {
  const text = await influxd.queryText(q, db);
  const parsed = JSON.parse(text.replace(/([[,])(-?\d{16,})(?=[,\]])/g, '$1"#$2"')) as {
    error?: string;
    results?: { error?: string; series?: { columns: string[]; values: unknown[][] }[] }[];
  };
  const err = parsed.error ?? parsed.results?.[0]?.error;
  if (err !== undefined) throw new Error(`InfluxQL ${q}: ${err}`);
  const rows: Row[] = [];
  for (const s of parsed.results?.[0]?.series ?? []) {
    for (const values of s.values) {
      const row: Record<string, Row[string]> = {};
      s.columns.forEach((c, i) => {
        const v = values[i];
        row[c] = typeof v === 'string' && v.startsWith('#') ? BigInt(v.slice(1)) : (v as Row[string]);
      });
      rows.push(row);
    }
  }
  return rows;
}

/** The `interface` rows of one device at one poll time (ms), by ifName. */
async function interfaceRows(influxd: InfluxdHandle, db: string, device: string, timeMs: number): Promise<Map<string, Row>> {
  const rows = await select(influxd, db, `SELECT * FROM "interface" WHERE "device" = '${device}' AND time = ${timeMs}ms`);
  return new Map(rows.map((r) => [String(r['ifName']), r]));
}

/** An integer field as bigint (InfluxDB answers small ones as JSON numbers). */
function int(row: Row | undefined, field: string): bigint {
  const v = row?.[field];
  if (typeof v !== 'bigint' && typeof v !== 'number') throw new Error(`field ${field} is ${String(v)}, not an integer`);
  return BigInt(v);
}

/** Forwards to a real sink and tells a listener about every batch the poller writes. */
class ObservedSink implements SampleSink {
  constructor(
    private readonly inner: SampleSink,
    private readonly onWrite: (points: readonly Point[]) => void,
  ) {}
  write(points: readonly Point[]): void {
    this.inner.write(points);
    this.onWrite(points);
  }
  flush(): Promise<void> {
    return this.inner.flush();
  }
  status(): SinkStatus {
    return this.inner.status();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

describe('poller against snmpsimd recordings, storing in influxd', () => {
  let sim: SnmpsimHandle;
  let influxd: InfluxdHandle;
  let dataDir: string;
  beforeAll(async () => {
    sim = await withSnmpsim({ dir: FIXTURES });
    influxd = await startInfluxd();
    dataDir = mkdtempSync(join(tmpdir(), 'linkscope-poller-'));
  });
  afterAll(async () => {
    await sim?.stop();
    await influxd?.dispose();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  /**
   * Polls community `before`, then — one simulated minute later — `after` on the same device
   * (same id, same baseline), as if the agent had moved on between two polls. Every point goes
   * through an InfluxSink into its own database of the real influxd; the pair returns once the
   * sink has written them all (none spooled, none dropped).
   */
  async function pollPair(before: string, after: string) {
    const db = `poll_${before.replace(/\W/g, '_')}`;
    const sink = new InfluxSink({ url: influxd.url, db, spoolDir: join(dataDir, before, 'spool'), logger: silentLogger(), flushIntervalMs: 50 });
    const inventory = new MemoryInventory();
    let now = T0_MS;
    const state = new LiveState();
    const poller = new Poller({
      inventory,
      snmp: new NetSnmpClient(),
      sink,
      state,
      counters: new CounterStore(join(dataDir, before)),
      logger: silentLogger(),
      settings: SETTINGS,
      nowMs: () => now,
    });
    const d = await inventory.add({ host: sim.host, port: sim.port, name: before, snmp: { version: '2c', community: new Secret(before) } });
    const first = await poller.pollNow(d.id);
    now += 60_000;
    await inventory.update(d.id, { snmp: { version: '2c', community: new Secret(after) } });
    const second = await poller.pollNow(d.id);
    await poller.stop();
    await sink.close();
    expect(sink.status()).toMatchObject({ influx: 'ok', spoolBytes: 0, pendingPoints: 0, droppedPoints: 0, writtenPoints: first.points + second.points });
    return {
      first,
      second,
      state: state.get(d.id),
      device: d,
      /** The interface rows InfluxDB holds for the first and the second poll. */
      earlier: () => interfaceRows(influxd, db, before, T0_MS),
      later: () => interfaceRows(influxd, db, before, T0_MS + 60_000),
      select: (q: string) => select(influxd, db, q),
    };
  }

  it('discovers a switch and writes 64-bit rates that match the recording, across a 2^64 wrap', async () => {
    const { first, second, state, earlier, later } = await pollPair('switch-hc', 'switch-hc-later');
    expect(first.error).toBeNull();
    expect(first).toMatchObject({ ok: true, status: 'up', interfaces: 29, ratesWritten: 0 });
    expect(second).toMatchObject({ ok: true, discontinuities: 0 });
    expect(state?.role).toBe('switch');
    expect(state?.vendor).toBe('Cisco');
    expect((await earlier()).size).toBe(29);
    // Te1/0/2's ifHCOutOctets wraps past 2^64-1: the rate is the wrapped delta over the 60 s of sysUpTime.
    const te2 = (await later()).get('Te1/0/2');
    const idx = Number(te2?.['ifIndex']);
    const b = counter('switch-hc', `1.3.6.1.2.1.31.1.1.1.10.${idx}`);
    const a = counter('switch-hc-later', `1.3.6.1.2.1.31.1.1.1.10.${idx}`);
    expect(a < b).toBe(true);
    const expected = (Number((1n << 64n) - b + a) * 8) / 60;
    expect(te2?.['out_bps']).toBeCloseTo(expected, 3);
    // Raw counters are stored as IF-MIB names, 64-bit where present, exact.
    expect(int(te2, 'ifHCOutOctets')).toBe(a);
    expect(state?.interfaces.find((i) => i.ifName === 'Te1/0/2')?.counterBits).toBe(64);
  });

  it('writes 32-bit rates across a wrap on a router without ifXTable', async () => {
    const { second, state, later } = await pollPair('router-32', 'router-32-later');
    expect(second).toMatchObject({ ok: true, discontinuities: 0 });
    expect(state?.role).toBe('router');
    const fa = (await later()).get('FastEthernet0/0');
    const idx = Number(fa?.['ifIndex']);
    const b = counter('router-32', `1.3.6.1.2.1.2.2.1.10.${idx}`);
    const a = counter('router-32-later', `1.3.6.1.2.1.2.2.1.10.${idx}`);
    expect(a < b).toBe(true);
    expect(fa?.['in_bps']).toBeCloseTo((Number((1n << 32n) - b + a) * 8) / 60, 3);
    expect(int(fa, 'ifInOctets')).toBe(a);
    expect(state?.interfaces.every((i) => i.counterBits === 32)).toBe(true);
  });

  it('writes no spike after a reboot replay: no rates, discontinuities counted, baseline re-seeded', async () => {
    const { second, later, select: q } = await pollPair('reboot-before', 'reboot-after');
    expect(second.ok).toBe(true);
    expect(second.ratesWritten).toBe(0);
    expect(second.discontinuities).toBe(second.interfaces);
    const rows = await later();
    expect(rows.size).toBe(second.interfaces);
    // No rate field in any row (InfluxDB leaves a column out entirely when no point carries it).
    for (const [ifName, row] of rows) {
      expect(row['in_bps'] ?? null, ifName).toBeNull();
      expect(row['out_bps'] ?? null, ifName).toBeNull();
    }
    const dev = await q(`SELECT "discontinuities" FROM "device" WHERE "device" = 'reboot-before' ORDER BY time DESC LIMIT 1`);
    expect(int(dev[0], 'discontinuities')).toBe(BigInt(second.interfaces));
  });

  it('writes the 32-bit octet rate of the recording where the HC columns are stuck at zero', async () => {
    const { second, state, later } = await pollPair('hc-partial', 'hc-partial-later');
    expect(second).toMatchObject({ ok: true, discontinuities: 0 });
    // ifIndex 3: ifHCInOctets is 0 in both recordings; ifInOctets wraps past 2^32-1 in the 60 s.
    expect(counter('hc-partial', '1.3.6.1.2.1.31.1.1.1.6.3')).toBe(0n);
    expect(counter('hc-partial-later', '1.3.6.1.2.1.31.1.1.1.6.3')).toBe(0n);
    const b = counter('hc-partial', '1.3.6.1.2.1.2.2.1.10.3');
    const a = counter('hc-partial-later', '1.3.6.1.2.1.2.2.1.10.3');
    const expected = (Number((1n << 32n) - b + a) * 8) / 60;
    const stuck = state?.interfaces.find((i) => i.ifIndex === 3);
    expect(stuck?.counterBits).toBe(32);
    expect(stuck?.inBps).toBeCloseTo(expected, 3);
    const row = [...(await later()).values()].find((r) => Number(r['ifIndex']) === 3);
    expect(row?.['in_bps']).toBeCloseTo(expected, 3);
  });

  it('writes no rate for an ifIndex that now names another port', async () => {
    const { second, state, later } = await pollPair('ifindex-swap', 'ifindex-swap-later');
    expect(second.ok).toBe(true);
    expect(second.discontinuities).toBe(1);
    expect(state?.interfaces.find((i) => i.ifIndex === 3)?.ifName).toBe('eth7');
    const rows = [...(await later()).values()];
    expect(rows).toHaveLength(second.interfaces);
    const swapped = rows.find((r) => Number(r['ifIndex']) === 3);
    expect(swapped?.['ifName']).toBe('eth7');
    expect(swapped?.['in_bps']).toBeNull();
    expect(rows.filter((r) => typeof r['in_bps'] === 'number')).toHaveLength(rows.length - 1);
  });

  it('writes no rate when ifCounterDiscontinuityTime changed', async () => {
    const { second, later } = await pollPair('discontinuity', 'discontinuity-later');
    expect(second.discontinuities).toBe(1);
    const rows = [...(await later()).values()];
    expect(rows.find((r) => Number(r['ifIndex']) === 2)?.['in_bps']).toBeNull();
    expect(rows.filter((r) => typeof r['in_bps'] === 'number')).toHaveLength(rows.length - 1);
  });

  it('keeps polling a live device while a dead one times out', async () => {
    const inventory = new MemoryInventory();
    const state = new LiveState();
    const deadPort = await freePort();
    const sink = new InfluxSink({ url: influxd.url, db: 'live_dead', spoolDir: join(dataDir, 'live-dead', 'spool'), logger: silentLogger(), flushIntervalMs: 50 });
    // Resolved by the live device's third `device` point: an event, not a wall-clock wait.
    let liveName = '';
    let livePoints = 0;
    let thirdLivePoll!: () => void;
    const threeLivePolls = new Promise<void>((resolve) => (thirdLivePoll = resolve));
    const observed = new ObservedSink(sink, (points) => {
      for (const p of points) if (p.measurement === 'device' && p.tags['device'] === liveName && (livePoints += 1) === 3) thirdLivePoll();
    });
    const poller = new Poller({
      inventory,
      snmp: new NetSnmpClient(),
      sink: observed,
      state,
      counters: new CounterStore(join(dataDir, 'live-dead')),
      logger: silentLogger(),
      // Dead: a 10-minute timeout, so its first poll cannot finish within the test however slow
      // the machine is. Live: every second, sharing the cap of 2 requests with the dead one.
      settings: { ...SETTINGS, pollIntervalMs: 1000, snmp: { timeoutMs: 600_000, retries: 0, maxRepetitions: 25 }, maxConcurrentRequests: 2 },
    });
    const dead = await inventory.add({ host: '127.0.0.1', port: deadPort, name: 'dead', snmp: { version: '2c', community: new Secret('x') } });
    const live = await inventory.add({ host: sim.host, port: sim.port, name: 'live', snmp: { version: '2c', community: new Secret('router-32') } });
    liveName = live.name;
    poller.start();
    try {
      await threeLivePolls;
      const m = poller.metrics();
      expect(m.devices.find((d) => d.deviceId === live.id)?.polls).toBeGreaterThanOrEqual(3);
      // The dead device's first poll is still waiting for its answer.
      expect(m.devices.find((d) => d.deviceId === dead.id)?.polls).toBe(0);
      expect(state.get(live.id)?.status).toBe('up');
    } finally {
      await poller.stop(0); // abort the dead device's pending request rather than wait for it
      await sink.close();
    }
    const stored = await select(influxd, 'live_dead', `SELECT count("up") FROM "device" WHERE "device" = 'live'`);
    expect(Number(stored[0]?.['count'])).toBeGreaterThanOrEqual(3);
  });
});

describe('poller to a real influxd', () => {
  let sim: SnmpsimHandle;
  let influxd: InfluxdHandle;
  let dataDir: string;
  beforeAll(async () => {
    sim = await withSnmpsim({ files: [join(FIXTURES, 'switch-hc.snmprec'), join(FIXTURES, 'switch-hc-later.snmprec')] });
    influxd = await startInfluxd();
    dataDir = mkdtempSync(join(tmpdir(), 'linkscope-e2e-'));
  });
  afterAll(async () => {
    await sim?.stop();
    await influxd?.dispose();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores raw counters and rates that InfluxQL reads back as polled', async () => {
    const inventory = new MemoryInventory();
    const sink = new InfluxSink({ url: influxd.url, db: 'e2e', spoolDir: join(dataDir, 'spool'), logger: silentLogger(), flushIntervalMs: 50 });
    let now = 1_800_000_000_000;
    const state = new LiveState();
    const poller = new Poller({ inventory, snmp: new NetSnmpClient(), sink, state, counters: new CounterStore(dataDir), logger: silentLogger(), settings: SETTINGS, nowMs: () => now });
    const d = await inventory.add({ host: sim.host, port: sim.port, name: 'core-sw.1', snmp: { version: '2c', community: new Secret('switch-hc') } });
    await poller.pollNow(d.id);
    now += 60_000;
    await inventory.update(d.id, { snmp: { version: '2c', community: new Secret('switch-hc-later') } });
    await poller.pollNow(d.id);
    await poller.stop();
    await sink.close();
    expect(sink.status()).toMatchObject({ influx: 'ok', spoolBytes: 0 });

    const live = state.get(d.id);
    const gi1 = live?.interfaces.find((i) => i.ifName === 'Gi1/0/1');
    expect(gi1?.inBps).not.toBeNull();
    const text = await influxd.queryText(`SELECT "ifHCInOctets", "in_bps", "ifOperStatus" FROM "interface" WHERE "device" = 'core-sw.1' AND "ifName" = 'Gi1/0/1' ORDER BY time`, 'e2e');
    const result = JSON.parse(text) as { results: { series: { values: [number, number, number | null, number][] }[] }[] };
    const values = result.results[0]?.series[0]?.values ?? [];
    expect(values).toHaveLength(2);
    const later = fixtureValue('switch-hc-later', `1.3.6.1.2.1.31.1.1.1.6.${gi1?.ifIndex}`);
    expect(BigInt(values[1]?.[1] ?? -1)).toBe(later);
    expect(values[0]?.[2]).toBeNull();
    expect(values[1]?.[2]).toBeCloseTo(gi1?.inBps ?? -1, 6);
    const dev = await influxd.query(`SELECT count("up") FROM "device" WHERE "device" = 'core-sw.1'`, 'e2e');
    expect(dev.results?.[0]?.series?.[0]?.values[0]?.[1]).toBe(2);
  });
});
