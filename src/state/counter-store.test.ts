/** Unit tests for persisted counter baselines: exact bigints, agent checks, damaged files. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packReadings, type InterfaceCounters } from '../poller/counters.js';
import { CounterStore } from './counter-store.js';

describe('CounterStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'linkscope-counters-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const itf: InterfaceCounters = {
    identity: 'Gi0/1|Gi0/1|6|00:11:22:33:44:55',
    discontinuityTime: 0,
    counters: packReadings({ inOctets: { value: (1n << 64n) - 3n, bits: 64 }, inErrors: { value: 4294967295n, bits: 32 } }),
  };

  it('round-trips counters near 2^64 exactly', async () => {
    const store = new CounterStore(dir);
    await store.save(7, '10.0.0.1:161', { clock: { uptimeTicks: 123, wallMs: 456 }, interfaces: new Map([[1, itf]]) });
    const loaded = await new CounterStore(dir).load(7, '10.0.0.1:161');
    expect(loaded?.clock).toEqual({ uptimeTicks: 123, wallMs: 456 });
    expect(loaded?.interfaces.get(1)).toEqual(itf);
  });

  it('ignores a baseline taken from another agent address', async () => {
    const store = new CounterStore(dir);
    await store.save(7, '10.0.0.1:161', { clock: { uptimeTicks: 1, wallMs: 1 }, interfaces: new Map([[1, itf]]) });
    expect(await store.load(7, '10.0.0.2:161')).toBeNull();
  });

  it('treats a damaged file as no baseline instead of failing', async () => {
    const store = new CounterStore(dir);
    await store.save(7, 'a:161', { clock: { uptimeTicks: 1, wallMs: 1 }, interfaces: new Map() });
    writeFileSync(join(dir, 'state', 'device-7.json'), '{"v":1,"agent":"a:161","clock":');
    expect(await store.load(7, 'a:161')).toBeNull();
    expect(await store.load(8, 'a:161')).toBeNull();
  });
});
