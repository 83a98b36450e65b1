/**
 * The self-tuning GETBULK size against real agents: Debian snmpd (answers up to 100 varbinds, so a
 * device grows above the default 64 and holds at what snmpd gives) and snmpsimd (truncates a
 * one-column GETBULK at 64 varbinds and hangs on a larger multi-column one: the one-column probe
 * learns its 64 without a timeout).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryInventory } from '../../src/inventory/memory-inventory.js';
import { Secret } from '../../src/model/secret.js';
import { silentLogger } from '../../src/observability/logger.js';
import { Poller, type PollerSettings } from '../../src/poller/poller.js';
import { NetSnmpClient } from '../../src/snmp/net-snmp-client.js';
import { LiveState } from '../../src/state/live-state.js';
import { MemoryCounters } from '../../src/state/memory-counters.js';
import { MemorySink } from '../../src/storage/memory-sink.js';
import { withSnmpd, type SnmpdHandle } from '../helpers/with-snmpd.js';
import { withSnmpsim, type SnmpsimHandle } from '../helpers/with-snmpsim.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'snmprec');

const SETTINGS: PollerSettings = {
  pollIntervalMs: 60_000,
  snmp: { timeoutMs: 1000, retries: 1, maxRepetitions: 25, maxVarbindsPerRequest: 64, maxVarbindsCeiling: 256 },
  maxConcurrentRequests: 4,
  jitterRatio: 0,
  rediscoverIntervalMs: 6 * 3_600_000,
  backoffMaxMs: 60_000,
};

/** Polls one device `polls` times; returns the poller's figures for it and what the counter store saved. */
async function pollRepeatedly(host: string, port: number, community: string, polls: number) {
  const inventory = new MemoryInventory();
  const counters = new MemoryCounters();
  const poller = new Poller({ inventory, snmp: new NetSnmpClient(), sink: new MemorySink(), state: new LiveState(), counters, logger: silentLogger(), settings: SETTINGS });
  const d = await inventory.add({ host, port, name: 'tuned', snmp: { version: '2c', community: new Secret(community) } });
  const outcomes = [];
  const budgets: (number | null | undefined)[] = [];
  try {
    for (let i = 0; i < polls; i++) {
      outcomes.push(await poller.pollNow(d.id));
      budgets.push(poller.metrics().devices[0]?.getbulkBudget);
    }
    return { outcomes, budgets, figures: poller.metrics().devices[0], saved: counters.saved.get(d.id)?.getbulk };
  } finally {
    await poller.stop();
  }
}

describe('self-tuning GETBULK size', () => {
  let snmpd: SnmpdHandle;
  let sim: SnmpsimHandle;

  beforeAll(async () => {
    [snmpd, sim] = await Promise.all([withSnmpd(), withSnmpsim({ files: [join(FIXTURES, 'switch-hc.snmprec')] })]);
  });

  afterAll(async () => {
    await Promise.all([snmpd?.stop(), sim?.stop()]);
  });

  it('grows above the default 64 against snmpd and holds at what snmpd answers, without a timeout', async () => {
    const { outcomes, budgets, figures, saved } = await pollRepeatedly(snmpd.host, snmpd.port, snmpd.community, 12);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(figures?.timeouts).toBe(0);
    const last = budgets[budgets.length - 1] as number;
    expect(last).toBeGreaterThan(64);
    // snmpd truncates large GETBULK replies (maxGetbulkResponses, 100 in Debian's build): learnt as the cap.
    expect(saved?.cap).not.toBeNull();
    expect(last).toBeLessThanOrEqual(saved?.cap as number);
    expect(saved?.varbinds).toBe(last);
  });

  it('learns snmpsimd\'s 64 from a one-column probe it truncates, never hanging it, losing no poll', async () => {
    const { outcomes, budgets, figures, saved } = await pollRepeatedly(sim.host, sim.port, 'switch-hc', 8);
    expect(outcomes.map((o) => o.error?.code ?? 'ok')).toEqual(Array(8).fill('ok'));
    expect(outcomes.every((o) => o.interfaces === 29)).toBe(true);
    // snmpsim 0.4 spins for ever on a multi-column GETBULK above 64: the probe goes on one column, which it truncates.
    expect(figures?.timeouts).toBe(0);
    expect(budgets[budgets.length - 1]).toBe(64);
    expect(saved).toEqual({ varbinds: 64, good: 64, cap: 64 });
  });
});
