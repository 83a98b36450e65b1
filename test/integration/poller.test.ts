/** The poller end to end on real peers: snmpsimd replaying generated recordings, influxd storing the points. */
import { MemorySink as CollectingSink } from '../../src/storage/memory-sink.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../src/model/secret.js';
import { silentLogger } from '../../src/observability/logger.js';
import { Poller, type PollerSettings } from '../../src/poller/poller.js';
import { NetSnmpClient } from '../../src/snmp/net-snmp-client.js';
import { CounterStore } from '../../src/state/counter-store.js';
import { LiveState } from '../../src/state/live-state.js';
import { InfluxSink } from '../../src/storage/influx-sink.js';
import { parseSnmprec } from '../../src/snmp/snmprec.js';
import { readFileSync } from 'node:fs';
import type { Point, SampleSink } from '../../src/storage/types.js';
import { freePort } from '../helpers/free-port.js';
import { MemoryInventory } from '../../src/inventory/memory-inventory.js';
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

/** The value of one OID in a fixture file, for expectations computed from the recording itself. */
function fixtureValue(file: string, oid: string): bigint | number | undefined {
  const { varbinds } = parseSnmprec(readFileSync(join(FIXTURES, `${file}.snmprec`), 'utf8'));
  const v = varbinds.find((vb) => vb.oid === oid)?.value;
  return typeof v === 'bigint' || typeof v === 'number' ? v : undefined;
}

function ifPoints(points: readonly Point[], device: string): Map<string, Point> {
  const out = new Map<string, Point>();
  for (const p of points) if (p.measurement === 'interface' && p.tags.device === device) out.set(p.tags.ifName ?? '', p);
  return out;
}

describe('poller against snmpsimd recordings', () => {
  let sim: SnmpsimHandle;
  let dataDir: string;
  beforeAll(async () => {
    sim = await withSnmpsim({ dir: FIXTURES });
    dataDir = mkdtempSync(join(tmpdir(), 'linkscope-poller-'));
  });
  afterAll(async () => {
    await sim?.stop();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  /**
   * Polls community `before`, then — one simulated minute later — `after` on the same device
   * (same id, same baseline), as if the agent had moved on between two polls.
   */
  async function pollPair(before: string, after: string, sink: SampleSink = new CollectingSink()) {
    const inventory = new MemoryInventory();
    let now = 1_800_000_000_000;
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
    const d = inventory.add({ host: sim.host, port: sim.port, name: before, snmp: { version: '2c', community: new Secret(before) } });
    const first = await poller.pollNow(d.id);
    now += 60_000;
    inventory.update(d.id, { snmp: { version: '2c', community: new Secret(after) } });
    const second = await poller.pollNow(d.id);
    await poller.stop();
    return { first, second, state: state.get(d.id), device: d };
  }

  it('discovers a switch and writes 64-bit rates that match the recording, across a 2^64 wrap', async () => {
    const sink = new CollectingSink();
    const { first, second, state } = await pollPair('switch-hc', 'switch-hc-later', sink);
    expect(first.error).toBeNull();
    expect(first).toMatchObject({ ok: true, status: 'up', interfaces: 29, ratesWritten: 0 });
    expect(second).toMatchObject({ ok: true, discontinuities: 0 });
    expect(state?.role).toBe('switch');
    expect(state?.vendor).toBe('Cisco');
    const [, later] = [ifPoints(sink.points.slice(0, first.points), 'switch-hc'), ifPoints(sink.points.slice(first.points), 'switch-hc')];
    // Te1/0/2's ifHCOutOctets wraps past 2^64-1: the rate is the wrapped delta over the 60 s of sysUpTime.
    const te2 = later.get('Te1/0/2');
    const idx = Number(te2?.fields.ifIndex);
    const b = fixtureValue('switch-hc', `1.3.6.1.2.1.31.1.1.1.10.${idx}`) as bigint;
    const a = fixtureValue('switch-hc-later', `1.3.6.1.2.1.31.1.1.1.10.${idx}`) as bigint;
    expect(a < b).toBe(true);
    const expected = Number((1n << 64n) - b + a) * 8 / 60;
    expect(te2?.fields.out_bps).toBeCloseTo(expected, 3);
    // Raw counters are written as IF-MIB names, 64-bit where present.
    expect(te2?.fields.ifHCOutOctets).toBe(a);
    expect(state?.interfaces.find((i) => i.ifName === 'Te1/0/2')?.counterBits).toBe(64);
  });

  it('handles a 32-bit wrap on a router without ifXTable', async () => {
    const sink = new CollectingSink();
    const { second, state } = await pollPair('router-32', 'router-32-later', sink);
    expect(second).toMatchObject({ ok: true, discontinuities: 0 });
    expect(state?.role).toBe('router');
    const fa = ifPoints(sink.points, 'router-32').get('FastEthernet0/0');
    const idx = Number(fa?.fields.ifIndex);
    const b = fixtureValue('router-32', `1.3.6.1.2.1.2.2.1.10.${idx}`) as bigint;
    const a = fixtureValue('router-32-later', `1.3.6.1.2.1.2.2.1.10.${idx}`) as bigint;
    expect(a < b).toBe(true);
    expect(fa?.fields.in_bps).toBeCloseTo((Number((1n << 32n) - b + a) * 8) / 60, 3);
    expect(fa?.fields.ifInOctets).toBe(a);
    expect(state?.interfaces.every((i) => i.counterBits === 32)).toBe(true);
  });

  it('writes no spike after a reboot replay: no rates, discontinuities counted, baseline re-seeded', async () => {
    const sink = new CollectingSink();
    const { first, second } = await pollPair('reboot-before', 'reboot-after', sink);
    expect(second.ok).toBe(true);
    expect(second.ratesWritten).toBe(0);
    expect(second.discontinuities).toBe(second.interfaces);
    for (const p of sink.points.slice(first.points)) {
      expect(p.fields.in_bps).toBeUndefined();
      expect(p.fields.out_bps).toBeUndefined();
    }
    const dev = sink.points.filter((p) => p.measurement === 'device').at(-1);
    expect(dev?.fields.discontinuities).toBe(BigInt(second.interfaces));
  });

  it('uses 32-bit octets where the HC columns are stuck at zero', async () => {
    const { second, state } = await pollPair('hc-partial', 'hc-partial-later');
    expect(second).toMatchObject({ ok: true, discontinuities: 0 });
    const stuck = state?.interfaces.find((i) => i.ifIndex === 3);
    expect(stuck?.counterBits).toBe(32);
    expect(stuck?.inBps).toBeGreaterThan(0);
  });

  it('writes no rate for an ifIndex that now names another port', async () => {
    const { second, state } = await pollPair('ifindex-swap', 'ifindex-swap-later');
    expect(second.ok).toBe(true);
    expect(second.discontinuities).toBe(1);
    const swapped = state?.interfaces.find((i) => i.ifIndex === 3);
    expect(swapped?.ifName).toBe('eth7');
    expect(swapped?.inBps).toBeNull();
    expect(state?.interfaces.filter((i) => i.inBps !== null)).toHaveLength((state?.interfaces.length ?? 0) - 1);
  });

  it('writes no rate when ifCounterDiscontinuityTime changed', async () => {
    const { second, state } = await pollPair('discontinuity', 'discontinuity-later');
    expect(second.discontinuities).toBe(1);
    expect(state?.interfaces.find((i) => i.ifIndex === 2)?.inBps).toBeNull();
  });

  it('keeps polling a live device while a dead one times out', async () => {
    const inventory = new MemoryInventory();
    const state = new LiveState();
    const deadPort = await freePort();
    const poller = new Poller({
      inventory,
      snmp: new NetSnmpClient(),
      sink: new CollectingSink(),
      state,
      counters: new CounterStore(join(dataDir, 'live-dead')),
      logger: silentLogger(),
      // Dead: 3 s timeout x 2 attempts = 6 s per poll. Live: every second.
      settings: { ...SETTINGS, pollIntervalMs: 1000, snmp: { timeoutMs: 3000, retries: 1, maxRepetitions: 25 }, maxConcurrentRequests: 2 },
    });
    const dead = inventory.add({ host: '127.0.0.1', port: deadPort, name: 'dead', snmp: { version: '2c', community: new Secret('x') } });
    const live = inventory.add({ host: sim.host, port: sim.port, name: 'live', snmp: { version: '2c', community: new Secret('router-32') } });
    poller.start();
    try {
      // Bounded wait: at most 100 x 50 ms for three live polls.
      for (let i = 0; i < 100 && (poller.metrics().devices.find((d) => d.deviceId === live.id)?.polls ?? 0) < 3; i += 1) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const m = poller.metrics();
      expect(m.devices.find((d) => d.deviceId === live.id)?.polls).toBeGreaterThanOrEqual(3);
      // The dead device's first poll (6 s of timeouts) has not even finished.
      expect(m.devices.find((d) => d.deviceId === dead.id)?.polls).toBe(0);
      expect(state.get(live.id)?.status).toBe('up');
    } finally {
      await poller.stop(0); // abort the dead device's 6 s of timeouts rather than wait for them
    }
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
    const d = inventory.add({ host: sim.host, port: sim.port, name: 'core-sw.1', snmp: { version: '2c', community: new Secret('switch-hc') } });
    await poller.pollNow(d.id);
    now += 60_000;
    inventory.update(d.id, { snmp: { version: '2c', community: new Secret('switch-hc-later') } });
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
