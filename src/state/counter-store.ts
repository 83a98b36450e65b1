/** Last counter readings per device, persisted in <dataDir>/state so rates survive a linkscope restart. */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClockReading, CounterName, CounterReading, InterfaceCounters } from '../poller/counters.js';
import { COUNTER_NAMES, packReadings, readingOf } from '../poller/counters.js';

export interface StoredBaseline {
  readonly clock: ClockReading;
  readonly interfaces: ReadonlyMap<number, InterfaceCounters>;
}

interface FileFormat {
  v: 1;
  /** host:port the readings came from; a device moved to another agent starts afresh. */
  agent: string;
  clock: ClockReading;
  /** [ifIndex, identity, discontinuityTime, {counter: [decimal value, bits]}] */
  interfaces: [number, string, number | null, Record<string, [string, 32 | 64]>][];
}

export class CounterStore {
  readonly #dir: string;
  #ready: Promise<void> | null = null;

  constructor(dataDir: string) {
    this.#dir = join(dataDir, 'state');
  }

  #file(deviceId: number): string {
    return join(this.#dir, `device-${deviceId}.json`);
  }

  /** The saved baseline, or null when none, when it belongs to another agent, or when unreadable. */
  async load(deviceId: number, agent: string): Promise<StoredBaseline | null> {
    let text: string;
    try {
      text = await readFile(this.#file(deviceId), 'utf8');
    } catch {
      return null;
    }
    try {
      const data = JSON.parse(text) as FileFormat;
      if (data.v !== 1 || data.agent !== agent) return null;
      const interfaces = new Map<number, InterfaceCounters>();
      for (const [ifIndex, identity, discontinuityTime, counters] of data.interfaces) {
        const readings: Partial<Record<CounterName, CounterReading>> = {};
        for (const name of COUNTER_NAMES) {
          const c = counters[name];
          if (c !== undefined) readings[name] = { value: BigInt(c[0]), bits: c[1] };
        }
        interfaces.set(ifIndex, { identity, discontinuityTime, counters: packReadings(readings) });
      }
      return { clock: data.clock, interfaces };
    } catch {
      // A torn or hand-edited file costs one interval of rates, never a wrong rate.
      return null;
    }
  }

  async save(deviceId: number, agent: string, baseline: StoredBaseline): Promise<void> {
    this.#ready ??= mkdir(this.#dir, { recursive: true }).then(() => undefined);
    await this.#ready;
    const data: FileFormat = { v: 1, agent, clock: baseline.clock, interfaces: [] };
    for (const [ifIndex, itf] of baseline.interfaces) {
      const counters: Record<string, [string, 32 | 64]> = {};
      for (const name of COUNTER_NAMES) {
        const c = readingOf(itf.counters, name);
        if (c !== undefined) counters[name] = [c.value.toString(), c.bits];
      }
      data.interfaces.push([ifIndex, itf.identity, itf.discontinuityTime, counters]);
    }
    const file = this.#file(deviceId);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(data));
    await rename(tmp, file);
  }

  async remove(deviceId: number): Promise<void> {
    await rm(this.#file(deviceId), { force: true });
  }
}
