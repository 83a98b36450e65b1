/** Unit tests for persisted counter baselines: exact bigints, agent checks, damaged files. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../observability/logger.js';
import { packReadings, type InterfaceCounters } from '../model/counters.js';
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

  it('tells when the state of a device was last saved, for the warm start of the poller', async () => {
    const store = new CounterStore(dir);
    expect(store.savedAtMs(7)).toBeNull();
    const before = Date.now();
    await store.save(7, '10.0.0.1:161', { clock: { uptimeTicks: 1, wallMs: 1 }, interfaces: new Map([[1, itf]]) });
    // File systems keep mtimes to the millisecond or coarser: allow the rounding, not a stale time.
    expect(store.savedAtMs(7)).toBeGreaterThanOrEqual(before - 1000);
    expect(store.savedAtMs(7)).toBeLessThanOrEqual(Date.now() + 1000);
    await store.remove(7);
    expect(store.savedAtMs(7)).toBeNull();
  });

  it('keeps the learnt GETBULK size beside the counters, and ignores a bad one without losing the baseline', async () => {
    const store = new CounterStore(dir);
    await store.save(7, 'a:161', { clock: { uptimeTicks: 1, wallMs: 1 }, interfaces: new Map([[1, itf]]), getbulk: { varbinds: 100, good: 96, cap: 100 } });
    expect((await new CounterStore(dir).load(7, 'a:161'))?.getbulk).toEqual({ varbinds: 100, good: 96, cap: 100 });
    writeFileSync(join(dir, 'state', 'device-7.json'), '{"v":1,"agent":"a:161","clock":{"uptimeTicks":1,"wallMs":1},"interfaces":[],"getbulk":{"varbinds":"x"}}');
    const loaded = await new CounterStore(dir).load(7, 'a:161');
    expect(loaded?.clock).toEqual({ uptimeTicks: 1, wallMs: 1 });
    expect(loaded?.getbulk).toBeUndefined();
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

  function recordingStore(): { store: CounterStore; warnings: () => string[] } {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (l: string) => void lines.push(l) } });
    const warnings = (): string[] =>
      lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level === 40).map((l) => l.msg);
    return { store: new CounterStore(dir, { logger }), warnings };
  }

  it.each([
    ['a null clock', '{"v":1,"agent":"a:161","clock":null,"interfaces":[]}'],
    ['a clock of strings', '{"v":1,"agent":"a:161","clock":{"uptimeTicks":"1","wallMs":1},"interfaces":[]}'],
    ['interfaces that are not a list', '{"v":1,"agent":"a:161","clock":{"uptimeTicks":1,"wallMs":1},"interfaces":{}}'],
    ['a row of the wrong shape', '{"v":1,"agent":"a:161","clock":{"uptimeTicks":1,"wallMs":1},"interfaces":[[1,null,0,{}]]}'],
    ['a counter that is not a decimal', '{"v":1,"agent":"a:161","clock":{"uptimeTicks":1,"wallMs":1},"interfaces":[[1,"x",0,{"inOctets":["-5",64]}]]}'],
    ['a 32-bit counter beyond 2^32', '{"v":1,"agent":"a:161","clock":{"uptimeTicks":1,"wallMs":1},"interfaces":[[1,"x",0,{"inOctets":["4294967296",32]}]]}'],
    ['a JSON null', 'null'],
  ])('treats a state file with %s as no baseline, logs it once, and rewrites it on save', async (_what, text) => {
    const { store, warnings } = recordingStore();
    await store.save(7, 'a:161', { clock: { uptimeTicks: 1, wallMs: 1 }, interfaces: new Map() });
    writeFileSync(join(dir, 'state', 'device-7.json'), text);
    expect(await store.load(7, 'a:161')).toBeNull();
    expect(await store.load(7, 'a:161')).toBeNull();
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain('device-7.json');

    await store.save(7, 'a:161', { clock: { uptimeTicks: 5, wallMs: 6 }, interfaces: new Map([[1, itf]]) });
    expect((await store.load(7, 'a:161'))?.clock).toEqual({ uptimeTicks: 5, wallMs: 6 });
  });

  it('logs a torn file instead of ignoring it silently', async () => {
    const { store, warnings } = recordingStore();
    await store.save(7, 'a:161', { clock: { uptimeTicks: 1, wallMs: 1 }, interfaces: new Map() });
    writeFileSync(join(dir, 'state', 'device-7.json'), '{"v":1,"agent":"a:16');
    expect(await store.load(7, 'a:161')).toBeNull();
    expect(warnings()).toEqual([expect.stringContaining('not valid JSON')]);
  });

  describe('write-behind', () => {
    const baseline = (ticks: number) => ({ clock: { uptimeTicks: ticks, wallMs: ticks }, interfaces: new Map([[1, itf]]) });
    const file = (id: number): string => join(dir, 'state', `device-${id}.json`);

    it('keeps saves in memory, answers load and savedAtMs from them, and writes them on flush', async () => {
      const store = new CounterStore(dir, { writeBehindMs: 3_600_000 });
      const before = Date.now();
      await store.save(7, 'a:161', baseline(1));
      await store.save(7, 'a:161', baseline(2));
      expect(existsSync(file(7))).toBe(false);
      expect((await store.load(7, 'a:161'))?.clock.uptimeTicks).toBe(2);
      expect(await store.load(7, 'b:161')).toBeNull();
      expect(store.savedAtMs(7)).toBeGreaterThanOrEqual(before);
      await store.close();
      const reread = await new CounterStore(dir).load(7, 'a:161');
      expect(reread?.clock.uptimeTicks).toBe(2);
      expect(reread?.interfaces.get(1)).toEqual(itf);
    });

    it('writes on its own timer', async () => {
      const store = new CounterStore(dir, { writeBehindMs: 10 });
      try {
        await store.save(8, 'a:161', baseline(3));
        for (let i = 0; i < 500 && !existsSync(file(8)); i += 1) await new Promise((r) => setTimeout(r, 10));
        expect((await new CounterStore(dir).load(8, 'a:161'))?.clock.uptimeTicks).toBe(3);
      } finally {
        await store.close();
      }
    });

    it('never writes the state of a device removed before the write', async () => {
      const store = new CounterStore(dir, { writeBehindMs: 3_600_000 });
      await store.save(9, 'a:161', baseline(4));
      await store.remove(9);
      await store.close();
      expect(existsSync(file(9))).toBe(false);
      expect(store.savedAtMs(9)).toBeNull();
    });
  });

  it('prunes the state of devices no longer in the inventory, keeping the others', async () => {
    const store = new CounterStore(dir);
    for (const id of [1, 2, 3]) await store.save(id, 'a:161', { clock: { uptimeTicks: 1, wallMs: 1 }, interfaces: new Map() });
    writeFileSync(join(dir, 'state', 'notes.txt'), 'kept');
    expect(store.prune([2])).toEqual(expect.arrayContaining([1, 3]));
    expect(existsSync(join(dir, 'state', 'device-2.json'))).toBe(true);
    expect(existsSync(join(dir, 'state', 'device-1.json'))).toBe(false);
    expect(readFileSync(join(dir, 'state', 'notes.txt'), 'utf8')).toBe('kept');
    expect(new CounterStore(join(dir, 'none')).prune([])).toEqual([]);
  });
});
