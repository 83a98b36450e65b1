/** Last counter readings per device, persisted in <dataDir>/state so rates survive a linkscope restart. */
import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GetbulkMemo } from '../model/types.js';
import type { Logger } from '../observability/logger.js';
import { COUNTER_NAMES, packReadings, readingOf, type ClockReading, type CounterName, type CounterReading, type InterfaceCounters } from '../model/counters.js';

export interface StoredBaseline {
  readonly clock: ClockReading;
  readonly interfaces: ReadonlyMap<number, InterfaceCounters>;
  /** The device's learnt GETBULK size (optional in the file: older files and tools have none). */
  readonly getbulk?: GetbulkMemo;
}

export interface FileFormat {
  v: 1;
  /** host:port the readings came from; a device moved to another agent starts afresh. */
  agent: string;
  clock: ClockReading;
  /** [ifIndex, identity, discontinuityTime, {counter: [decimal value, bits]}] */
  interfaces: [number, string, number | null, Record<string, [string, 32 | 64]>][];
  /** Added later and optional: a file without it (or with a bad one) restores no GETBULK size, and loses no baseline. */
  getbulk?: GetbulkMemo;
}

const FILE_RE = /^device-(\d+)\.json$/;
const DECIMAL_RE = /^\d{1,20}$/;
const MAX_U64 = (1n << 64n) - 1n;

export interface CounterStoreOptions {
  /** Warns (once per device and process) about a damaged state file. */
  readonly logger?: Logger;
  /**
   * 0 (default): save() writes the file before it resolves. Above 0: save() keeps the baseline in
   * memory and a timer writes the devices saved since the last write every this many ms; flush()
   * (the poller calls it when it stops) writes the rest. What a crash costs: the baseline is up to
   * this much older, so the first rates after the restart average over a longer gap.
   */
  readonly writeBehindMs?: number;
}

interface Unwritten {
  readonly agent: string;
  readonly baseline: StoredBaseline;
  readonly atMs: number;
}

export class CounterStore {
  readonly #dir: string;
  readonly #log: Logger | undefined;
  /** Devices whose damaged file was already logged: once is enough until it is rewritten. */
  readonly #damagedLogged = new Set<number>();
  #ready: Promise<void> | null = null;
  readonly #writeBehindMs: number;
  /** Saved but not yet written (write-behind mode), by device id. */
  readonly #unwritten = new Map<number, Unwritten>();
  #timer: NodeJS.Timeout | null = null;
  /** The write pass running now; remove() and flush() wait for it so a file is never written after its delete. */
  #writing: Promise<void> = Promise.resolve();
  #writeFailureLogged = false;

  constructor(dataDir: string, options: CounterStoreOptions = {}) {
    this.#dir = join(dataDir, 'state');
    this.#log = options.logger?.child({ module: 'counter-store' });
    this.#writeBehindMs = Math.max(0, options.writeBehindMs ?? 0);
  }

  #file(deviceId: number): string {
    return join(this.#dir, `device-${deviceId}.json`);
  }

  /**
   * The saved baseline, or null when none, when it belongs to another agent, or when the file is
   * damaged (torn, not JSON, or any field of the wrong shape, e.g. `"clock": null`). A damaged file
   * costs one interval of rates, never a wrong rate or a failed poll; it is logged once and the
   * next save replaces it.
   */
  async load(deviceId: number, agent: string): Promise<StoredBaseline | null> {
    const unwritten = this.#unwritten.get(deviceId);
    if (unwritten !== undefined) return unwritten.agent === agent ? unwritten.baseline : null;
    let text: string;
    try {
      text = await readFile(this.#file(deviceId), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.#damaged(deviceId, `cannot be read (${(err as Error).message})`);
      return null;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      this.#damaged(deviceId, text.length === 0 ? 'is empty' : 'is not valid JSON (torn write or hand edit?)');
      return null;
    }
    const parsed = parseFile(data);
    if (typeof parsed === 'string') {
      this.#damaged(deviceId, parsed);
      return null;
    }
    if (parsed.agent !== agent) return null;
    return parsed.baseline;
  }

  #damaged(deviceId: number, problem: string): void {
    if (this.#damagedLogged.has(deviceId)) return;
    this.#damagedLogged.add(deviceId);
    this.#log?.warn(
      { deviceId, file: this.#file(deviceId), problem },
      `Counter state file ${this.#file(deviceId)} ${problem}; ignored it, so this device writes no rates for one interval; it is rewritten at the next save of this device's state`,
    );
  }

  /**
   * Records the baseline of a successful poll: written at once, or, in write-behind mode, kept for
   * the next timed write (measured: JSON + write + rename after every 5 s poll was ~8 % of serve's CPU).
   */
  async save(deviceId: number, agent: string, baseline: StoredBaseline): Promise<void> {
    if (this.#writeBehindMs === 0) return this.#write(deviceId, agent, baseline);
    this.#unwritten.set(deviceId, { agent, baseline, atMs: Date.now() });
    if (this.#timer === null) {
      this.#timer = setInterval(() => void this.flush(), this.#writeBehindMs);
      this.#timer.unref();
    }
  }

  /**
   * Writes every baseline saved since the last write (write-behind mode); a no-op otherwise. A
   * failed write is logged (once until one succeeds) and kept for the next pass. Never rejects.
   * (`_only`: PgCounterStore's per-device flush before a slot moves; files write everything.)
   */
  flush(_only?: ReadonlySet<number>): Promise<void> {
    const pass = this.#writing.then(async () => {
      const batch = [...this.#unwritten];
      this.#unwritten.clear();
      for (const [id, u] of batch) {
        try {
          await this.#write(id, u.agent, u.baseline);
          this.#writeFailureLogged = false;
        } catch (err) {
          // Keep it for the next pass unless a newer poll saved one meanwhile.
          if (!this.#unwritten.has(id)) this.#unwritten.set(id, u);
          if (!this.#writeFailureLogged) this.#log?.warn({ err, deviceId: id, dir: this.#dir }, `cannot save counter state in ${this.#dir}; retrying at the next write`);
          this.#writeFailureLogged = true;
        }
      }
    });
    this.#writing = pass;
    return pass;
  }

  /** Writes what is unwritten and stops the timer; later saves start it again. */
  async close(): Promise<void> {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    await this.flush();
  }

  async #write(deviceId: number, agent: string, baseline: StoredBaseline): Promise<void> {
    this.#ready ??= mkdir(this.#dir, { recursive: true, mode: 0o700 }).then(() => undefined);
    await this.#ready;
    const data = serializeBaseline(agent, baseline);
    const file = this.#file(deviceId);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(data), { mode: 0o600 });
    await rename(tmp, file);
    this.#damagedLogged.delete(deviceId);
  }

  /**
   * When the device's state was last saved (wall-clock ms; a save follows every successful poll),
   * or null without a state file. Synchronous: the poller asks once per device at start-up.
   */
  savedAtMs(deviceId: number): number | null {
    const unwritten = this.#unwritten.get(deviceId);
    if (unwritten !== undefined) return unwritten.atMs;
    try {
      return statSync(this.#file(deviceId)).mtimeMs;
    } catch {
      return null;
    }
  }

  async remove(deviceId: number): Promise<void> {
    this.#unwritten.delete(deviceId);
    await this.#writing;
    await rm(this.#file(deviceId), { force: true });
  }

  /**
   * Deletes the state files of devices not in `keep` (removed while linkscope was not running, or
   * by an older version that kept them). Synchronous: it runs once at start-up. Returns the ids removed.
   */
  prune(keep: Iterable<number>): number[] {
    const ids = new Set(keep);
    let names: string[];
    try {
      names = readdirSync(this.#dir);
    } catch {
      return []; // no state dir yet
    }
    const removed: number[] = [];
    for (const name of names) {
      const m = FILE_RE.exec(name);
      if (m === null || ids.has(Number(m[1]))) continue;
      try {
        unlinkSync(join(this.#dir, name));
        removed.push(Number(m[1]));
      } catch (err) {
        this.#log?.warn({ err, file: join(this.#dir, name) }, `cannot delete the counter state of removed device ${m[1]}`);
      }
    }
    if (removed.length > 0) this.#log?.info({ deviceIds: removed }, `deleted the counter state of ${removed.length} device(s) no longer in the inventory`);
    return removed;
  }
}

/** The stored form of one device's baseline (the state file's JSON; also PostgreSQL's counter_state.state). */
export function serializeBaseline(agent: string, baseline: StoredBaseline): FileFormat {
  const data: FileFormat = { v: 1, agent, clock: baseline.clock, interfaces: [] };
  if (baseline.getbulk !== undefined) data.getbulk = baseline.getbulk;
  for (const [ifIndex, itf] of baseline.interfaces) {
    const counters: Record<string, [string, 32 | 64]> = {};
    for (const name of COUNTER_NAMES) {
      const c = readingOf(itf.counters, name);
      if (c !== undefined) counters[name] = [c.value.toString(), c.bits];
    }
    data.interfaces.push([ifIndex, itf.identity, itf.discontinuityTime, counters]);
  }
  return data;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** The file's agent and baseline, or what is wrong with it (in words for the log). */
export function parseFile(data: unknown): { agent: string; baseline: StoredBaseline } | string {
  if (!isObject(data)) return 'is not a JSON object';
  if (data['v'] !== 1) return `has unknown version ${JSON.stringify(data['v'])}`;
  if (typeof data['agent'] !== 'string') return 'has no "agent" string';
  const clock = data['clock'];
  if (!isObject(clock) || !isTime(clock['uptimeTicks']) || !isTime(clock['wallMs'])) {
    return 'has a bad "clock" (want {"uptimeTicks": n, "wallMs": n}, numbers >= 0)';
  }
  const list = data['interfaces'];
  if (!Array.isArray(list)) return 'has no "interfaces" list';
  const interfaces = new Map<number, InterfaceCounters>();
  for (const [i, row] of list.entries()) {
    if (!Array.isArray(row) || row.length !== 4) return `has a bad interfaces[${i}] (want [ifIndex, identity, discontinuityTime, counters])`;
    const [ifIndex, identity, discontinuityTime, counters] = row as unknown[];
    if (!isCount(ifIndex) || typeof identity !== 'string' || !(discontinuityTime === null || isTime(discontinuityTime)) || !isObject(counters)) {
      return `has a bad interfaces[${i}] (want [ifIndex, identity, discontinuityTime, counters])`;
    }
    const readings: Partial<Record<CounterName, CounterReading>> = {};
    for (const name of COUNTER_NAMES) {
      const c = counters[name];
      if (c === undefined) continue;
      if (!Array.isArray(c) || c.length !== 2 || typeof c[0] !== 'string' || !DECIMAL_RE.test(c[0]) || (c[1] !== 32 && c[1] !== 64)) {
        return `has a bad counter ${name} for ifIndex ${ifIndex} (want ["decimal", 32|64])`;
      }
      const value = BigInt(c[0]);
      if (value > (c[1] === 32 ? 0xffffffffn : MAX_U64)) return `has counter ${name} for ifIndex ${ifIndex} beyond ${c[1]} bits`;
      readings[name] = { value, bits: c[1] };
    }
    interfaces.set(ifIndex, { identity, discontinuityTime, counters: packReadings(readings) });
  }
  const getbulk = parseGetbulk(data['getbulk']);
  const restored = { clock: { uptimeTicks: clock['uptimeTicks'], wallMs: clock['wallMs'] }, interfaces };
  return { agent: data['agent'], baseline: getbulk === null ? restored : { ...restored, getbulk } };
}

/** The saved GETBULK size, or null when absent or not of the expected shape (it is only an optimisation). */
function parseGetbulk(v: unknown): GetbulkMemo | null {
  if (!isObject(v)) return null;
  const { varbinds, good, cap } = v;
  if (!isCount(varbinds) || !isCount(good) || !(cap === null || isCount(cap))) return null;
  return { varbinds, good, cap };
}
