/** Unit tests of the poller's health step with an injected engine: planning, interval, points, isolation, no cost without a plan. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HealthOptions, HealthPlan } from '../health/engine.js';
import { MemoryInventory } from '../inventory/memory-inventory.js';
import { LinkscopeError } from '../model/errors.js';
import type { HealthReport } from '../model/health.js';
import type { MetricTarget } from '../metrics/engine.js';
import { Secret } from '../model/secret.js';
import { createLogger } from '../observability/logger.js';
import { FakeSnmpClient, oneInterfaceAgent } from '../snmp/fake-client.js';
import { WalkBudget } from '../snmp/types.js';
import { HealthState } from '../state/health-state.js';
import { LiveState } from '../state/live-state.js';
import { MemoryCounters } from '../state/memory-counters.js';
import { MemorySink } from '../storage/memory-sink.js';
import { Poller } from './poller.js';
import type { HealthEngine } from './types.js';
import { TEST_POLLER_SETTINGS } from './testing.js';

const SETTINGS = TEST_POLLER_SETTINGS;

const REPORT: HealthReport = {
  processors: [{ index: '1', descr: 'CPU', usage: 12.5 }],
  memory: [
    { index: '1', descr: 'Physical memory', usedBytes: 512, totalBytes: 2048, usedPercent: 25 },
    { index: '2', descr: 'Pool', usedBytes: null, totalBytes: null, usedPercent: 41 },
  ],
  sensors: [
    { class: 'temperature', index: '5', descr: 'Inlet', value: 31.5, unit: '°C' },
    { class: 'state', index: 'psu.1', descr: 'PSU 1', value: 1, unit: '', status: 'normal' },
  ],
};

class FakeEngine implements HealthEngine {
  plans = 0;
  polls = 0;
  plan: HealthPlan | null = { profiles: ['hr-processor', 'entity-sensor'] };
  pollError: unknown = null;
  readonly targets: MetricTarget[] = [];
  readonly options: HealthOptions[] = [];

  async planHealth(_s: unknown, target: MetricTarget, options: HealthOptions = {}): Promise<HealthPlan | null> {
    this.plans += 1;
    this.targets.push(target);
    this.options.push(options);
    return this.plan;
  }

  async pollHealth(_s: unknown, _p: HealthPlan, options: HealthOptions = {}): Promise<HealthReport> {
    this.polls += 1;
    this.options.push(options);
    if (this.pollError !== null) throw this.pollError;
    return REPORT;
  }
}

describe('Poller health step', () => {
  let inventory: MemoryInventory;
  let snmp: FakeSnmpClient;
  let sink: MemorySink;
  let state: LiveState;
  let health: HealthState;
  let engine: FakeEngine;
  let logLines: string[];
  let poller: Poller;

  const start = (intervalMs?: number) => {
    const logger = createLogger({ level: 'debug', destination: { write: (l: string) => void logLines.push(l) } });
    poller = new Poller({
      inventory,
      snmp,
      sink,
      state,
      counters: new MemoryCounters(),
      logger,
      settings: SETTINGS,
      health: { state: health, engine, ...(intervalMs === undefined ? {} : { intervalMs }) },
      random: () => 0,
    });
    poller.start();
  };

  beforeEach(async () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    inventory = new MemoryInventory();
    snmp = new FakeSnmpClient();
    sink = new MemorySink();
    state = new LiveState();
    health = new HealthState();
    engine = new FakeEngine();
    logLines = [];
  });

  afterEach(async () => {
    await poller.stop();
    vi.useRealTimers();
  });

  const add = async () => {
    const d = await inventory.add({ host: '10.0.0.9', name: 'core-1', snmp: { version: '2c', community: new Secret('c') } });
    snmp.addAgent('10.0.0.9', oneInterfaceAgent());
    return d;
  };
  const warnings = (): string[] =>
    logLines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level === 40).map((l) => l.msg);

  it('plans once after discovery with the sysObjectID, vendor and role, and polls on every poll with a budget', async () => {
    const d = await add();
    start();
    await vi.advanceTimersByTimeAsync(2 * 60_000 + 1);
    expect(engine.plans).toBe(1);
    expect(engine.targets[0]).toMatchObject({ sysObjectID: '1.3.6.1.4.1.8072.3.2.10' });
    expect(engine.polls).toBe(3);
    for (const o of engine.options) {
      expect(o.signal).toBeInstanceOf(AbortSignal);
      expect(o.budget).toBeInstanceOf(WalkBudget);
    }
    expect(health.get(d.id)?.report).toEqual(REPORT);
    expect(health.get(d.id)?.profiles).toEqual(['hr-processor', 'entity-sensor']);
  });

  it('polls health only every health.interval when one is set', async () => {
    await add();
    start(5 * 60_000);
    await vi.advanceTimersByTimeAsync(4 * 60_000 + 1);
    expect(engine.polls).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(engine.polls).toBe(2);
  });

  it('writes device_health points per processor and pool and a sensor point per sensor, with the CONTRACT tags', async () => {
    await add();
    start();
    await vi.advanceTimersByTimeAsync(1);
    const dh = sink.points.filter((p) => p.measurement === 'device_health');
    expect(dh.map((p) => p.tags)).toEqual([
      { device: 'core-1', kind: 'processor', index: '1' },
      { device: 'core-1', kind: 'memory', index: '1' },
      { device: 'core-1', kind: 'memory', index: '2' },
    ]);
    expect(dh[0]?.fields).toEqual({ usage: 12.5, descr: 'CPU' });
    expect(dh[1]?.fields).toEqual({ used_bytes: 512n, total_bytes: 2048n, used_percent: 25, descr: 'Physical memory' });
    expect(dh[2]?.fields).toEqual({ used_percent: 41, descr: 'Pool' });
    const s = sink.points.filter((p) => p.measurement === 'sensor');
    expect(s.map((p) => [p.tags, p.fields])).toEqual([
      [{ device: 'core-1', class: 'temperature', index: '5' }, { value: 31.5, descr: 'Inlet' }],
      [{ device: 'core-1', class: 'state', index: 'psu.1' }, { value: 1, descr: 'PSU 1', status: 'normal' }],
    ]);
  });

  it('keeps polling interfaces when the health poll fails, warns once, and keeps the last report', async () => {
    const d = await add();
    start();
    await vi.advanceTimersByTimeAsync(1);
    engine.pollError = new LinkscopeError('LS_SNMP_TIMEOUT', 'health walk timed out after 1000ms');
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(state.get(d.id)?.status).toBe('up');
    expect(state.get(d.id)?.lastError).toBeNull();
    expect(sink.points.filter((p) => p.measurement === 'interface')).toHaveLength(3);
    expect(sink.points.filter((p) => p.measurement === 'device_health')).toHaveLength(3);
    expect(warnings().filter((m) => m.includes('health poll of core-1 failed'))).toHaveLength(1);
    expect(health.get(d.id)?.report).toEqual(REPORT);
  });

  it('asks nothing per poll of a device no health profile fits', async () => {
    const d = await add();
    engine.plan = null;
    start();
    await vi.advanceTimersByTimeAsync(2 * 60_000 + 1);
    expect(engine.plans).toBe(1);
    expect(engine.polls).toBe(0);
    expect(health.get(d.id)).toBeUndefined();
    expect(sink.points.some((p) => p.measurement === 'device_health' || p.measurement === 'sensor')).toBe(false);
  });

  it('plans again every 10 minutes, so tables an agent fills late are found', async () => {
    await add();
    engine.plan = null;
    start();
    await vi.advanceTimersByTimeAsync(9 * 60_000 + 1);
    expect(engine.plans).toBe(1);
    expect(engine.polls).toBe(0);
    engine.plan = { profiles: ['hr-processor'] };
    await vi.advanceTimersByTimeAsync(60_000);
    expect(engine.plans).toBe(2);
    expect(engine.polls).toBe(1);
  });

  it('forgets the health view of a removed device', async () => {
    const d = await add();
    start();
    await vi.advanceTimersByTimeAsync(1);
    expect(health.get(d.id)).toBeDefined();
    await inventory.remove(d.id);
    poller.unschedule(d.id);
    expect(health.get(d.id)).toBeUndefined();
  });
});
