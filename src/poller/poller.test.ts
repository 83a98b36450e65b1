/** Unit tests of the scheduler: intervals, back-off, recovery, inventory changes, per-device isolation. */
import { MemoryCounters } from '../state/memory-counters.js';
import { MemorySink as CollectingSink } from '../storage/memory-sink.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryInventory } from '../inventory/memory-inventory.js';
import { Secret } from '../model/secret.js';
import { silentLogger } from '../observability/logger.js';
import { FakeAgent, FakeSnmpClient, oneInterfaceAgent } from '../snmp/fake-client.js';
import type { SnmpTarget } from '../model/types.js';
import type { NeighborDiscovery } from '../model/topology.js';
import type { Point } from '../storage/types.js';
import { SnmpType, type SnmpClient } from '../snmp/types.js';
import { LiveState } from '../state/live-state.js';

import { Poller, type PollerSettings } from './poller.js';
import { TEST_POLLER_SETTINGS } from './testing.js';



const smallAgent = oneInterfaceAgent;

const SETTINGS = TEST_POLLER_SETTINGS;

describe('Poller', () => {
  let inventory: MemoryInventory;
  let snmp: FakeSnmpClient;
  let sink: CollectingSink;
  let state: LiveState;
  let poller: Poller;

  beforeEach(async () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    inventory = new MemoryInventory();
    snmp = new FakeSnmpClient();
    sink = new CollectingSink();
    state = new LiveState();
    poller = new Poller({ inventory, snmp, sink, state, counters: new MemoryCounters(), logger: silentLogger(), settings: SETTINGS, random: () => 0 });
  });

  afterEach(async () => {
    await poller.stop();
    vi.useRealTimers();
  });

  const add = (host: string) => inventory.add({ host, name: host.replace(/\./g, '-'), snmp: { version: '2c', community: new Secret('c') } });

  it('polls each device on its interval and keeps a dead device from stopping a live one', async () => {
    const live = await add('10.0.0.1');
    const dead = await add('10.0.0.2');
    snmp.addAgent('10.0.0.1', smallAgent());
    poller.start();
    await vi.advanceTimersByTimeAsync(1);
    expect(state.get(live.id)?.status).toBe('up');
    expect(state.get(dead.id)?.status).toBe('unreachable');
    expect(state.get(dead.id)?.lastError?.code).toBe('LS_SNMP_TIMEOUT');
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    const m = poller.metrics();
    expect(m.devices.find((d) => d.deviceId === live.id)?.polls).toBe(4);
    // A down device writes up=0 so dashboards show the outage.
    expect(sink.points.some((p) => p.measurement === 'device' && p.tags.device === dead.name && p.fields.up === 0n)).toBe(true);
  });

  it('backs off an unreachable device exponentially and recovers on its own', async () => {
    const d = await add('10.0.0.3');
    poller.start();
    // Failures at t=0, then after 1, 2, 4 intervals (t = 1, 3, 7 minutes), then capped at 8 minutes.
    await vi.advanceTimersByTimeAsync(7 * 60_000 + 1);
    expect(poller.metrics().devices[0]?.polls).toBe(4);
    await vi.advanceTimersByTimeAsync(8 * 60_000);
    expect(poller.metrics().devices[0]?.polls).toBe(5);
    snmp.addAgent('10.0.0.3', smallAgent());
    await vi.advanceTimersByTimeAsync(8 * 60_000);
    expect(state.get(d.id)?.status).toBe('up');
    const pollsAtRecovery = poller.metrics().devices[0]?.polls ?? 0;
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(poller.metrics().devices[0]?.polls).toBe(pollsAtRecovery + 2);
  });

  it('starts polling devices added to the inventory while running and stops for removed ones', async () => {
    poller.start();
    const d = await add('10.0.0.4');
    snmp.addAgent('10.0.0.4', smallAgent());
    await vi.advanceTimersByTimeAsync(5_001);
    expect(state.get(d.id)?.status).toBe('up');
    await inventory.remove(d.id);
    await vi.advanceTimersByTimeAsync(5_001);
    expect(state.get(d.id)).toBeUndefined();
    const requests = snmp.requests;
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(snmp.requests).toBe(requests);
  });

  it('polls a device added while running at once, then moves it to a random phase within the jitter', async () => {
    const spread = new Poller({ inventory, snmp, sink, state, counters: new MemoryCounters(), logger: silentLogger(), settings: { ...SETTINGS, jitterRatio: 0.5 }, random: () => 0.5 });
    spread.start();
    try {
      const d = await add('10.0.0.6');
      snmp.addAgent('10.0.0.6', smallAgent());
      spread.schedule(d.id);
      const polls = (): number => spread.metrics().devices.find((x) => x.deviceId === d.id)?.polls ?? 0;
      // First poll 0.5 x 1 s after the add; the next one interval + 0.5 x 0.5 x interval later (15 s), then every interval.
      await vi.advanceTimersByTimeAsync(501);
      expect(polls()).toBe(1);
      await vi.advanceTimersByTimeAsync(60_000 + 14_998);
      expect(polls()).toBe(1);
      await vi.advanceTimersByTimeAsync(2);
      expect(polls()).toBe(2);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(polls()).toBe(3);
    } finally {
      await spread.stop();
    }
  });

  it('closes the counter store when it stops, after the polls in flight, so a write-behind store writes what it holds', async () => {
    const counters = new MemoryCounters();
    const events: string[] = [];
    const store = {
      load: counters.load.bind(counters),
      save: async (...args: Parameters<MemoryCounters['save']>) => {
        events.push('save');
        await counters.save(...args);
      },
      remove: counters.remove.bind(counters),
      close: async () => void events.push('close'),
    };
    const p = new Poller({ inventory, snmp, sink, state, counters: store, logger: silentLogger(), settings: SETTINGS, random: () => 0 });
    const d = await add('10.0.0.8');
    snmp.addAgent('10.0.0.8', smallAgent());
    await p.pollNow(d.id);
    await p.stop();
    expect(events).toEqual(['save', 'close']);
  });

  it('restores the GETBULK size a device learnt before a restart, shows it, and saves it with the counters', async () => {
    const counters = new MemoryCounters();
    const d = await add('10.0.0.9');
    const fresh = await add('10.0.0.10');
    snmp.addAgent('10.0.0.9', smallAgent());
    snmp.addAgent('10.0.0.10', smallAgent());
    counters.saved.set(d.id, { clock: { uptimeTicks: 1, wallMs: 1 }, interfaces: new Map(), getbulk: { varbinds: 100, good: 100, cap: 100 } });
    const settings = { ...SETTINGS, snmp: { ...SETTINGS.snmp, maxVarbindsPerRequest: 64, maxVarbindsCeiling: 128 } };
    const p = new Poller({ inventory, snmp, sink, state, counters, logger: silentLogger(), settings, random: () => 0 });
    try {
      await p.pollNow(d.id);
      await p.pollNow(fresh.id);
      const budget = (id: number) => p.metrics().devices.find((x) => x.deviceId === id)?.getbulkBudget;
      expect(budget(d.id)).toBe(100);
      expect(state.get(d.id)?.getbulkBudget).toBe(100);
      expect(counters.saved.get(d.id)?.getbulk).toEqual({ varbinds: 100, good: 100, cap: 100 });
      // A fresh device starts at 64 and may already have grown during its discovery walks.
      expect(budget(fresh.id)).toBeGreaterThanOrEqual(64);
      expect(budget(fresh.id)).toBeLessThanOrEqual(128);
      expect(counters.saved.get(fresh.id)?.getbulk?.varbinds).toBe(budget(fresh.id));
    } finally {
      await p.stop();
    }
  });

  it('reports auth failures as auth-failed', async () => {
    const d = await add('10.0.0.5');
    const { LinkscopeError } = await import('../model/errors.js');
    snmp.addAgent('10.0.0.5', smallAgent().fail(new LinkscopeError('LS_SNMP_AUTH', 'wrong digest')));
    const outcome = await poller.pollNow(d.id);
    expect(outcome).toMatchObject({ ok: false, status: 'auth-failed', error: { code: 'LS_SNMP_AUTH' } });
    expect(state.get(d.id)?.status).toBe('auth-failed');
  });

  it('withholds a 32-bit rate after a back-off gap, then writes rates again', async () => {
    const d = await add('10.0.0.7');
    const agent = snmp.addAgent('10.0.0.7', smallAgent());
    poller.start();
    await vi.advanceTimersByTimeAsync(1); // t=0: baseline
    agent.timeout(); // silent from now: the polls at 60 s and 120 s fail; back-off puts the next one at 240 s
    await vi.advanceTimersByTimeAsync(180_000);
    expect(state.get(d.id)?.status).toBe('unreachable');
    agent.recover();
    agent.set('1.3.6.1.2.1.1.3.0', SnmpType.TimeTicks, 100_000 + 24_000);
    agent.bump('1.3.6.1.2.1.2.2.1.10.1', 1_000);
    await vi.advanceTimersByTimeAsync(60_000); // t=240 s: answers again after a 240 s gap
    expect(state.get(d.id)?.status).toBe('up');
    // A 32-bit counter of unknown speed could have wrapped several times in 240 s: no rate.
    expect(state.get(d.id)?.interfaces[0]?.inBps).toBeNull();
    agent.set('1.3.6.1.2.1.1.3.0', SnmpType.TimeTicks, 100_000 + 30_000);
    agent.bump('1.3.6.1.2.1.2.2.1.10.1', 6_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(state.get(d.id)?.interfaces[0]?.inBps).toBe(800);
  });

  it('pollNow (poll --once from cron) trusts one wrap whatever the gap', async () => {
    const d = await add('10.0.0.8');
    const agent = snmp.addAgent('10.0.0.8', smallAgent());
    await poller.pollNow(d.id);
    vi.setSystemTime(Date.now() + 300_000);
    agent.set('1.3.6.1.2.1.1.3.0', SnmpType.TimeTicks, 100_000 + 30_000);
    agent.bump('1.3.6.1.2.1.2.2.1.10.1', 30_000);
    expect(await poller.pollNow(d.id)).toMatchObject({ ok: true, ratesWritten: 1 });
    expect(state.get(d.id)?.interfaces[0]?.inBps).toBe(800);
  });

  it('pollNow writes rates on the second call from the saved baseline', async () => {
    const d = await add('10.0.0.6');
    const agent = snmp.addAgent('10.0.0.6', smallAgent());
    const first = await poller.pollNow(d.id);
    expect(first).toMatchObject({ ok: true, interfaces: 1, ratesWritten: 0 });
    vi.setSystemTime(Date.now() + 60_000);
    agent.set('1.3.6.1.2.1.1.3.0', SnmpType.TimeTicks, 106_000);
    agent.bump('1.3.6.1.2.1.2.2.1.10.1', 7_500);
    const second = await poller.pollNow(d.id);
    expect(second).toMatchObject({ ok: true, ratesWritten: 1 });
    expect(state.get(d.id)?.interfaces[0]?.inBps).toBe(1000);
  });
});

describe('sameDefinition', () => {
  it('sees a changed community or v3 key even when updatedAt did not change', async () => {
    const { sameDefinition } = await import('./poller.js');
    const base = { id: 1, name: 'a', host: 'h', port: 161, intervalMs: null, discoveredBy: null, site: 'default', createdAt: 't', updatedAt: 't' } as const;
    const v2 = (c: string) => ({ ...base, snmp: { version: '2c' as const, community: new Secret(c) } });
    expect(sameDefinition(v2('x'), v2('x'))).toBe(true);
    expect(sameDefinition(v2('x'), v2('y'))).toBe(false);
    const v3 = (k: string) => ({ ...base, snmp: { version: '3' as const, user: 'u', level: 'authNoPriv' as const, authProtocol: 'sha256' as const, authKey: new Secret(k) } });
    expect(sameDefinition(v3('12345678'), v3('12345678'))).toBe(true);
    expect(sameDefinition(v3('12345678'), v3('87654321'))).toBe(false);
    expect(sameDefinition(v2('x'), { ...v2('x'), intervalMs: 5000 })).toBe(false);
  });
});

describe('Poller.stop', () => {
  it('lets a poll in flight finish and hand its samples to the sink, then refuses new polls', async () => {
    const inventory = new MemoryInventory();
    const fake = new FakeSnmpClient();
    fake.addAgent('10.0.0.9', smallAgent());
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // A client whose first GET waits for the gate: the poll is "in flight" until we open it.
    const gated = {
      open: (target: Parameters<FakeSnmpClient['open']>[0]) => {
        const session = fake.open(target);
        const get = session.get.bind(session);
        session.get = async (oids, options) => {
          await gate;
          return get(oids, options);
        };
        return session;
      },
    };
    const sink = new CollectingSink();
    const poller = new Poller({ inventory, snmp: gated, sink, state: new LiveState(), counters: new MemoryCounters(), logger: silentLogger(), settings: SETTINGS });
    const d = await inventory.add({ host: '10.0.0.9', name: 'slow', snmp: { version: '2c', community: new Secret('c') } });
    const polling = poller.pollNow(d.id);
    const stopping = poller.stop(5_000);
    release();
    await stopping;
    expect(await polling).toMatchObject({ ok: true, interfaces: 1 });
    expect(sink.points.some((p) => p.measurement === 'interface')).toBe(true);
    await expect(poller.pollNow(d.id)).rejects.toMatchObject({ code: 'LS_SNMP_ABORTED' });
  });
});

/**
 * A fake client whose dead hosts (no agent) take their whole timeout of fake time, as a real one
 * does: timeoutMs × (retries + 1) before LS_SNMP_TIMEOUT. An abort (stop) ends the wait at once.
 */
function slowDeadClient(fake: FakeSnmpClient): SnmpClient & { readonly opened: SnmpTarget[] } {
  const opened: SnmpTarget[] = [];
  return {
    opened,
    open: (target) => {
      opened.push(target);
      const session = fake.open(target);
      if (fake.agentFor(target) !== undefined) return session;
      const wait = async (signal: AbortSignal | undefined): Promise<void> => {
        if (signal?.aborted === true) return;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, target.timeoutMs * (target.retries + 1));
          signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      };
      const get = session.get.bind(session);
      session.get = async (oids, options) => {
        await wait(options?.signal);
        return get(oids, options);
      };
      return session;
    },
  };
}

describe('Poller topology step', () => {
  const LLDP_REM = '1.0.8802.1.1.2.1.4.1.1'; // LLDP-MIB::lldpRemEntry
  let inventory: MemoryInventory;
  let snmp: FakeSnmpClient;
  let sink: CollectingSink;
  let poller: Poller;
  let recorded: { deviceId: number; names: (string | null)[]; atMs: number }[];
  let agent: FakeAgent;

  /** An agent whose eth0 (ifIndex 1) sees core1 over LLDP (lldpRemLocalPortNum = ifIndex). */
  const lldpAgent = (): FakeAgent =>
    smallAgent()
      .set('1.3.6.1.2.1.31.1.1.1.1.1', SnmpType.OctetString, 'eth0')
      .set(`${LLDP_REM}.4.0.1.1`, SnmpType.Integer, 7)
      .set(`${LLDP_REM}.5.0.1.1`, SnmpType.OctetString, 'core1')
      .set(`${LLDP_REM}.6.0.1.1`, SnmpType.Integer, 5)
      .set(`${LLDP_REM}.7.0.1.1`, SnmpType.OctetString, 'xe-0/0/1')
      .set(`${LLDP_REM}.9.0.1.1`, SnmpType.OctetString, 'core1');

  beforeEach(async () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    inventory = new MemoryInventory();
    snmp = new FakeSnmpClient();
    sink = new CollectingSink();
    recorded = [];
    agent = lldpAgent();
    snmp.addAgent('10.0.0.1', agent);
    const topology = {
      intervalMs: 5 * 60_000,
      record: async (deviceId: number, d: NeighborDiscovery, atMs: number) => {
        recorded.push({ deviceId, names: d.neighbors.map((n) => n.remoteName), atMs });
      },
      linkPoints: (deviceId: number, atMs: number): Point[] => [{ measurement: 'link', tags: { a_device: String(deviceId) }, fields: { status: 1n }, time: Math.floor(atMs / 1000) }],
    };
    poller = new Poller({ inventory, snmp, sink, state: new LiveState(), counters: new MemoryCounters(), logger: silentLogger(), settings: SETTINGS, topology, random: () => 0 });
    await inventory.add({ host: '10.0.0.1', name: 'sw1', snmp: { version: '2c', community: new Secret('c') } });
  });

  afterEach(async () => {
    await poller.stop();
    vi.useRealTimers();
  });

  it('discovers neighbours right after interface discovery and writes link points after every poll', async () => {
    poller.start();
    await vi.advanceTimersByTimeAsync(1);
    expect(recorded).toEqual([{ deviceId: 1, names: ['core1'], atMs: 1_700_000_000_000 }]);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    // Three polls, one neighbour discovery: it is not repeated on every poll.
    expect(recorded).toHaveLength(1);
    expect(sink.points.filter((p) => p.measurement === 'link')).toHaveLength(3);
  });

  it('rediscovers neighbours every topology.interval and when a port changes oper status', async () => {
    poller.start();
    await vi.advanceTimersByTimeAsync(1);
    agent.set('1.3.6.1.2.1.2.2.1.8.1', SnmpType.Integer, 2); // eth0 goes down
    await vi.advanceTimersByTimeAsync(60_000);
    expect(recorded.map((r) => r.atMs)).toEqual([1_700_000_000_000, 1_700_000_060_000]);
    await vi.advanceTimersByTimeAsync(4 * 60_000); // no change: not again before 5 min since the last
    expect(recorded).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(recorded.map((r) => r.atMs)).toEqual([1_700_000_000_000, 1_700_000_060_000, 1_700_000_360_000]);
  });
});

describe('Poller lanes', () => {
  const DEAD = 2000;
  const INTERVAL_MS = 10_000;
  const settings: PollerSettings = { ...SETTINGS, pollIntervalMs: INTERVAL_MS, snmp: { timeoutMs: 2000, retries: 1, maxRepetitions: 10 }, maxConcurrentRequests: 64, maxConcurrentProbes: 32 };
  let inventory: MemoryInventory;
  let fake: FakeSnmpClient;
  let client: ReturnType<typeof slowDeadClient>;
  let state: LiveState;
  let poller: Poller;
  /** Fake-clock times of the healthy device's successful polls. */
  let livePolls: number[];
  let liveId: number;

  beforeEach(async () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    inventory = new MemoryInventory();
    fake = new FakeSnmpClient();
    fake.addAgent('10.1.0.1', smallAgent());
    client = slowDeadClient(fake);
    livePolls = [];
    state = new LiveState();
    const set = state.set.bind(state);
    state.set = (s) => {
      if (s.deviceId === liveId && s.status === 'up' && s.lastError === null) livePolls.push(Date.now());
      set(s);
    };
    poller = new Poller({ inventory, snmp: client, sink: new CollectingSink(), state, counters: new MemoryCounters(), logger: silentLogger(), settings, random: () => 0 });
    liveId = (await inventory.add({ host: '10.1.0.1', name: 'live', snmp: { version: '2c', community: new Secret('c') } })).id;
  });

  afterEach(async () => {
    const stopping = poller.stop(0);
    await vi.advanceTimersByTimeAsync(1);
    await stopping;
    vi.useRealTimers();
  });

  const addDead = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i += 1) await inventory.add({ host: `10.2.${Math.floor(i / 250)}.${i % 250}`, name: `dead-${i}`, snmp: { version: '2c', community: new Secret('c') } });
  };

  const gaps = (times: readonly number[]): number[] => times.slice(1).map((t, i) => t - (times[i] as number));

  it('keeps a healthy device on its 10 s schedule while 2,000 never-seen dead devices time out', async () => {
    poller.start();
    await vi.advanceTimersByTimeAsync(1);
    expect(livePolls).toHaveLength(1);
    await addDead(DEAD); // all at once, picked up by the next reconcile (5 s)
    await vi.advanceTimersByTimeAsync(300_000);
    // Before the lanes: one FIFO of 64 slots, each dead poll holding one for 4 s: 9 polls in 300 s.
    expect(livePolls.length).toBeGreaterThanOrEqual(30);
    expect(Math.max(...gaps(livePolls))).toBe(INTERVAL_MS);
    const m = poller.metrics();
    // The dead devices were probed meanwhile, 32 at a time, never in the healthy lane.
    expect(m.failures).toBeGreaterThanOrEqual(DEAD);
    expect(m.lanes?.probe).toMatchObject({ slots: 32, busy: 32 });
    expect(m.lanes?.healthy).toMatchObject({ slots: 64, busy: 0, waiting: 0 });
  });

  it('polls a device that stops answering in the probe lane, once per back-off step, and brings it back to the healthy lane', async () => {
    const agent = fake.agent('10.1.0.1');
    poller.start();
    await vi.advanceTimersByTimeAsync(1);
    agent.timeout(); // every request from now on
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    // The first failure came from a healthy-lane poll with the configured retries.
    expect(state.get(liveId)?.status).toBe('unreachable');
    const opensBefore = client.opened.length;
    await vi.advanceTimersByTimeAsync(INTERVAL_MS); // back-off step 1: a probe, one attempt
    expect(client.opened.slice(opensBefore).map((t) => t.retries)).toEqual([0]);
    expect(poller.metrics().lanes?.healthy.busy).toBe(0);
    agent.recover();
    await vi.advanceTimersByTimeAsync(2 * INTERVAL_MS); // back-off step 2: the probe answers, the poll runs
    expect(state.get(liveId)?.status).toBe('up');
    const upAt = livePolls.length;
    await vi.advanceTimersByTimeAsync(3 * INTERVAL_MS);
    expect(livePolls.length).toBe(upAt + 3);
  });

  it('starts a device that answered within the hour before a restart in the healthy lane, not behind dead probes', async () => {
    const counters = new MemoryCounters();
    poller = new Poller({ inventory, snmp: client, sink: new CollectingSink(), state, counters, logger: silentLogger(), settings, random: () => 0 });
    await inventory.remove(liveId);
    await addDead(100);
    liveId = (await inventory.add({ host: '10.1.0.1', name: 'live', snmp: { version: '2c', community: new Secret('c') } })).id;
    fake.addAgent('10.1.0.2', smallAgent());
    const stale = (await inventory.add({ host: '10.1.0.2', name: 'stale', snmp: { version: '2c', community: new Secret('c') } })).id;
    counters.savedAt.set(liveId, Date.now() - 10 * 60_000);
    counters.savedAt.set(stale, Date.now() - 2 * 60 * 60_000);
    poller.start();
    await vi.advanceTimersByTimeAsync(1);
    // Without the warm start it waited for the 4th round of probes (12 s), as the test below shows.
    expect(livePolls).toEqual([1_700_000_000_000]);
    // A state file two hours old proves nothing: that device queues in the probe lane with the dead.
    expect(state.get(stale)?.status).toBe('pending');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(state.get(stale)?.status).toBe('up');
    expect(gaps(livePolls)).toEqual([INTERVAL_MS, INTERVAL_MS]);
  });

  it('lets a never-seen healthy device through the probe lane while dead ones hold part of it', async () => {
    // The healthy device queues behind 100 never-seen dead ones: 32 probe slots, 4 s per dead probe.
    await inventory.remove(liveId);
    await addDead(100);
    liveId = (await inventory.add({ host: '10.1.0.1', name: 'live', snmp: { version: '2c', community: new Secret('c') } })).id;
    poller.start();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(livePolls).toHaveLength(2); // the first in the 4th round of probes (12 s), then at 20 s on its phase
    expect(livePolls[0]).toBe(1_700_000_012_000);
    await vi.advanceTimersByTimeAsync(100_000);
    expect(livePolls).toHaveLength(12);
    expect(Math.max(...gaps(livePolls.slice(1)))).toBe(INTERVAL_MS);
    expect(poller.metrics().lanes?.healthy.busy).toBe(0);
  });
});
