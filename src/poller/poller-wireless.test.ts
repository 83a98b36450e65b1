/** Unit tests of the poller's wireless step with an injected engine: planning, polling, role, points, isolation. */
import { MemoryCounters } from '../state/memory-counters.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryInventory } from '../inventory/memory-inventory.js';
import { LinkscopeError } from '../model/errors.js';
import { Secret } from '../model/secret.js';
import type { WirelessReport } from '../model/wireless.js';
import { createLogger } from '../observability/logger.js';
import { FakeSnmpClient, oneInterfaceAgent } from '../snmp/fake-client.js';
import { WalkBudget } from '../snmp/types.js';
import { LiveState } from '../state/live-state.js';
import { WirelessState } from '../state/wireless-state.js';
import { MemorySink } from '../storage/memory-sink.js';
import type { WirelessOptions, WirelessPlan } from '../wireless/engine.js';
import { Poller } from './poller.js';
import type { WirelessEngine } from './types.js';
import { TEST_POLLER_SETTINGS } from './testing.js';


const agent = oneInterfaceAgent;

const SETTINGS = TEST_POLLER_SETTINGS;

const PLAN: WirelessPlan = { role: 'wireless-controller', profiles: ['cisco-wlc'] };

function report(apNames: readonly string[], clients = 7): WirelessReport {
  return {
    aps: apNames.map((name) => ({
      name,
      status: 'up',
      clients,
      radios: [{ index: '0', band: '2.4GHz', frequencyMHz: 2437, channel: 6, clients: 3, txPowerDbm: 17, noiseFloorDbm: -96, utilization: 21 }],
      ssids: [{ ssid: 'corp', clients }],
    })),
    sensors: [{ class: 'ap-count', index: 'total', descr: 'APs joined', value: apNames.length, unit: '' }],
  };
}

/** A scripted engine: records calls and the options they got. */
class FakeEngine implements WirelessEngine {
  plans = 0;
  polls = 0;
  plan: WirelessPlan | null = PLAN;
  reports: WirelessReport[] = [report(['ap-1', 'ap-2'])];
  pollError: unknown = null;
  planError: unknown = null;
  readonly options: WirelessOptions[] = [];

  async planWireless(_s: unknown, _sys: unknown, options: WirelessOptions = {}): Promise<WirelessPlan | null> {
    this.plans += 1;
    this.options.push(options);
    if (this.planError !== null) throw this.planError;
    return this.plan;
  }

  async pollWireless(_s: unknown, _p: WirelessPlan, options: WirelessOptions = {}): Promise<WirelessReport> {
    this.polls += 1;
    this.options.push(options);
    if (this.pollError !== null) throw this.pollError;
    const r = this.reports[Math.min(this.polls - 1, this.reports.length - 1)];
    if (r === undefined) throw new Error('no report scripted');
    return r;
  }
}

describe('Poller wireless step', () => {
  let inventory: MemoryInventory;
  let snmp: FakeSnmpClient;
  let sink: MemorySink;
  let state: LiveState;
  let wireless: WirelessState;
  let engine: FakeEngine;
  let poller: Poller;
  let logLines: string[];

  beforeEach(async () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    inventory = new MemoryInventory();
    snmp = new FakeSnmpClient();
    sink = new MemorySink();
    state = new LiveState();
    wireless = new WirelessState();
    engine = new FakeEngine();
    logLines = [];
    const logger = createLogger({ level: 'debug', destination: { write: (l: string) => void logLines.push(l) } });
    poller = new Poller({ inventory, snmp, sink, state, counters: new MemoryCounters(), logger, settings: SETTINGS, wireless: { state: wireless, engine }, random: () => 0 });
  });

  afterEach(async () => {
    await poller.stop();
    vi.useRealTimers();
  });

  const add = async () => {
    const d = await inventory.add({ host: '10.0.0.9', name: 'wlc-1', snmp: { version: '2c', community: new Secret('c') } });
    snmp.addAgent('10.0.0.9', agent());
    return d;
  };
  const warnings = (): string[] =>
    logLines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level === 40).map((l) => l.msg);

  it('plans after interface discovery and shows the plan role on the device', async () => {
    const d = await add();
    poller.start();
    await vi.advanceTimersByTimeAsync(1);
    expect(engine.plans).toBe(1);
    expect(state.get(d.id)?.role).toBe('wireless-controller');
    const w = wireless.get(d.id);
    expect(w?.role).toBe('wireless-controller');
    expect(w?.report.aps.map((a) => a.name)).toEqual(['ap-1', 'ap-2']);
  });

  it('polls the plan on every poll with a walk budget and plans again only at rediscovery', async () => {
    const d = await add();
    poller.start();
    await vi.advanceTimersByTimeAsync(2 * 60_000 + 1);
    expect(engine.polls).toBe(3);
    expect(engine.plans).toBe(1);
    // Every call got the stop signal and its own budget.
    for (const o of engine.options) {
      expect(o.signal).toBeInstanceOf(AbortSignal);
      expect(o.budget).toBeInstanceOf(WalkBudget);
    }
    // The role survives polls that do not rediscover.
    expect(state.get(d.id)?.role).toBe('wireless-controller');
  });

  it('writes wireless points per AP, radio and SSID, and one wireless_sensor point per sensor', async () => {
    await add();
    poller.start();
    await vi.advanceTimersByTimeAsync(1);
    const w = sink.points.filter((p) => p.measurement === 'wireless');
    expect(w.filter((p) => p.tags.radio === undefined && p.tags.ssid === undefined).map((p) => p.tags.ap).sort()).toEqual(['ap-1', 'ap-2']);
    expect(w.find((p) => p.tags.ap === 'ap-1' && p.tags.radio === '0')?.fields).toEqual({
      clients: 3n,
      frequency: 2437,
      channel: 6n,
      noise_floor: -96,
      utilization: 21,
      tx_power: 17,
    });
    expect(w.find((p) => p.tags.ap === 'ap-2' && p.tags.ssid === 'corp')?.fields).toEqual({ clients: 7n });
    const s = sink.points.filter((p) => p.measurement === 'wireless_sensor');
    expect(s).toHaveLength(1);
    expect(s[0]?.tags).toEqual({ device: 'wlc-1', class: 'ap-count', index: 'total' });
    expect(s[0]?.fields).toEqual({ value: 2, descr: 'APs joined' });
  });

  it('plans again when the set of AP names changes', async () => {
    await add();
    engine.reports = [report(['ap-1', 'ap-2']), report(['ap-2', 'ap-1'], 9), report(['ap-1', 'ap-2', 'ap-3'])];
    poller.start();
    await vi.advanceTimersByTimeAsync(60_000 + 1);
    // Same APs in another order and with other counts: no new plan.
    expect(engine.plans).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(engine.plans).toBe(2);
  });

  it('keeps polling interfaces when the wireless poll fails, and warns once per change', async () => {
    const d = await add();
    engine.pollError = new LinkscopeError('LS_SNMP_TIMEOUT', 'wireless walk timed out after 1000ms');
    poller.start();
    await vi.advanceTimersByTimeAsync(2 * 60_000 + 1);
    expect(state.get(d.id)?.status).toBe('up');
    expect(state.get(d.id)?.lastError).toBeNull();
    expect(sink.points.filter((p) => p.measurement === 'interface')).toHaveLength(3);
    expect(sink.points.some((p) => p.measurement === 'wireless')).toBe(false);
    expect(warnings().filter((m) => m.includes('wireless poll of wlc-1 failed'))).toHaveLength(1);
    engine.pollError = null;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(wireless.get(d.id)?.report.aps).toHaveLength(2);
  });

  it('keeps the IF-MIB role and no wireless view when no profile fits or planning fails', async () => {
    const d = await add();
    engine.plan = null;
    poller.start();
    await vi.advanceTimersByTimeAsync(60_000 + 1);
    expect(engine.polls).toBe(0);
    expect(state.get(d.id)?.role).not.toMatch(/^wireless/);
    expect(wireless.get(d.id)).toBeUndefined();
    expect(state.get(d.id)?.status).toBe('up');
  });

  it('survives a planning that throws', async () => {
    const d = await add();
    engine.planError = new Error('profile bug');
    poller.start();
    await vi.advanceTimersByTimeAsync(60_000 + 1);
    expect(state.get(d.id)?.status).toBe('up');
    expect(engine.polls).toBe(0);
    expect(warnings().filter((m) => m.includes('wireless plan of wlc-1 failed'))).toHaveLength(1);
  });

  it('forgets the wireless view of a removed device', async () => {
    const d = await add();
    poller.start();
    await vi.advanceTimersByTimeAsync(1);
    expect(wireless.get(d.id)).toBeDefined();
    await inventory.remove(d.id);
    await vi.advanceTimersByTimeAsync(5_001);
    expect(wireless.get(d.id)).toBeUndefined();
  });
});
