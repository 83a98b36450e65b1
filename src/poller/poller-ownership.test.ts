/** Unit tests of the poller in a fleet: it polls only owned devices, fences every request and write, and hands devices over without forgetting their counter state. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryInventory } from '../inventory/memory-inventory.js';
import { Secret } from '../model/secret.js';
import type { Device } from '../model/types.js';
import { silentLogger } from '../observability/logger.js';
import { FakeSnmpClient, oneInterfaceAgent } from '../snmp/fake-client.js';
import { SnmpType } from '../snmp/types.js';
import { LiveState } from '../state/live-state.js';
import { MemoryCounters } from '../state/memory-counters.js';
import { MemorySink } from '../storage/memory-sink.js';
import { Poller } from './poller.js';
import type { DeviceOwnership } from './types.js';
import { TEST_POLLER_SETTINGS } from './testing.js';

const SETTINGS = TEST_POLLER_SETTINGS;

/** Ownership by device id, with an epoch and a fence the test flips. */
class TestOwnership implements DeviceOwnership {
  readonly owned = new Set<number>();
  fenced = false;
  #version = 0;
  owns(d: Device): boolean {
    return this.owned.has(d.id);
  }
  mayAct(d: Device): number | undefined {
    return this.owned.has(d.id) && !this.fenced ? 7 : undefined;
  }
  version(): number {
    return this.#version;
  }
  change(ids: readonly number[]): void {
    this.owned.clear();
    for (const id of ids) this.owned.add(id);
    this.#version += 1;
  }
}

describe('Poller with ownership (scale-out)', () => {
  let inventory: MemoryInventory;
  let snmp: FakeSnmpClient;
  let sink: MemorySink;
  let state: LiveState;
  let counters: MemoryCounters;
  let ownership: TestOwnership;
  let poller: Poller;

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    inventory = new MemoryInventory();
    snmp = new FakeSnmpClient();
    sink = new MemorySink();
    state = new LiveState();
    counters = new MemoryCounters();
    ownership = new TestOwnership();
    poller = new Poller({ inventory, snmp, sink, state, counters, ownership, logger: silentLogger(), settings: SETTINGS, random: () => 0 });
  });

  afterEach(async () => {
    await poller.stop();
    vi.useRealTimers();
  });

  const add = async (host: string): Promise<Device> => {
    snmp.addAgent(host, oneInterfaceAgent());
    return inventory.add({ host, name: host.replace(/\./g, '-'), snmp: { version: '2c', community: new Secret('c') } });
  };
  const requestsTo = (host: string): number => snmp.agent(host).requests;

  it('polls only the devices whose slot it owns, and takes a device over when its slot moves here', async () => {
    const mine = await add('10.0.0.1');
    const theirs = await add('10.0.0.2');
    ownership.change([mine.id]);
    poller.start();
    await vi.advanceTimersByTimeAsync(2 * 60_000 + 1);
    expect(requestsTo('10.0.0.1')).toBeGreaterThan(0);
    expect(requestsTo('10.0.0.2')).toBe(0);
    // schedule() after an API add of another poller's device changes nothing.
    poller.schedule(theirs.id);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requestsTo('10.0.0.2')).toBe(0);
    ownership.change([mine.id, theirs.id]);
    poller.reconcileNow();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(state.get(theirs.id)?.status).toBe('up');
  });

  it('sends nothing and writes nothing while its lease is fenced off, and leaves the device state alone', async () => {
    const d = await add('10.0.0.3');
    ownership.change([d.id]);
    poller.start();
    await vi.advanceTimersByTimeAsync(1);
    expect(state.get(d.id)?.status).toBe('up');
    const before = { requests: requestsTo('10.0.0.3'), points: sink.points.length, state: state.get(d.id) };
    ownership.fenced = true;
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(requestsTo('10.0.0.3')).toBe(before.requests);
    expect(sink.points.length).toBe(before.points);
    // Not "unreachable": a fenced poll says nothing about the agent.
    expect(state.get(d.id)).toBe(before.state);
    ownership.fenced = false;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requestsTo('10.0.0.3')).toBeGreaterThan(before.requests);
  });

  it('hands a device over without deleting its counter state, which a new owner loads', async () => {
    const d = await add('10.0.0.4');
    // A 10 Mbit/s port: a 32-bit counter over a minute cannot have wrapped unseen, so the rate is unambiguous.
    snmp.agent('10.0.0.4').set('1.3.6.1.2.1.2.2.1.5.1', SnmpType.Gauge32, 10_000_000); // IF-MIB::ifSpeed.1
    ownership.change([d.id]);
    poller.start();
    await vi.advanceTimersByTimeAsync(60_000 + 1);
    expect(counters.saved.has(d.id)).toBe(true);
    ownership.change([]);
    poller.reconcileNow();
    await vi.advanceTimersByTimeAsync(1);
    expect(counters.saved.has(d.id)).toBe(true);
    expect(state.get(d.id)).toBeUndefined();
    const requests = requestsTo('10.0.0.4');
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(requestsTo('10.0.0.4')).toBe(requests);
    // The next owner (another Poller on the same counter store) continues the rates at its first poll.
    const next = new Poller({ inventory, snmp, sink, state, counters, logger: silentLogger(), settings: SETTINGS, random: () => 0 });
    const agent = snmp.agent('10.0.0.4');
    // The baseline is the old owner's poll at t = 60 s; the new owner polls at t = 420 s.
    agent.bump('1.3.6.1.2.1.2.2.1.10.1', 45_000_000); // IF-MIB::ifInOctets.1: 1 Mbit/s for 360 s
    const up = agent.value('1.3.6.1.2.1.1.3.0');
    agent.set('1.3.6.1.2.1.1.3.0', SnmpType.TimeTicks, (typeof up === 'number' ? up : 0) + 36_000);
    const seen = sink.points.length;
    vi.setSystemTime(Date.now() + 60_000);
    next.start();
    await vi.advanceTimersByTimeAsync(1);
    await next.stop();
    const rated = sink.points.slice(seen).filter((p) => p.measurement === 'interface' && p.fields['in_bps'] !== undefined);
    expect(rated.map((p) => p.fields['in_bps'])).toEqual([1e6]);
  });
});
