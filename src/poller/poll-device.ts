/** One poll of one device: (re)discovery when needed, the counter walk, counter maths, points and live state. */
import { performance } from 'node:perf_hooks';
import { IF, SYSTEM, type IfColumn } from '../discovery/oids.js';
import { chooseSpeedBps, discoverDevice, type DeviceDiscovery, type DiscoveredInterface } from '../discovery/discover.js';
import { MapRows, PackedRows, type PolledValues } from './polled-rows.js';
import { asDisplayName, asNumber, valueHash } from '../snmp/values.js';
import type { Device, DeviceState, GetbulkMemo, InterfaceState } from '../model/types.js';
import { ifAdminStatusName, ifStatusName } from '../model/types.js';
import { DEFAULT_MAX_VARBINDS_PER_POLL, rowsPerColumn, WalkBudget, walkColumnsPacked, type SnmpSession, type VarBind } from '../snmp/types.js';
import { DEVICE_FIELD, MEASUREMENT, TAG } from '../storage/schema.js';
import { InterfacePoint, type Point } from '../storage/types.js';
import {
  assessElapsed,
  COUNTER_NAMES,
  computeInterfaceRates,
  type ClockReading,
  type CounterName,
  type CounterReadings,
  type ElapsedAssessment,
  type InterfaceCounters,
  type InterfaceRates,
  type RateOutcome,
} from './counters.js';

/** Counter readings of the last successful poll: the baseline for the next rates. Persisted in the data dir. */
export interface CounterBaseline {
  readonly clock: ClockReading;
  readonly interfaces: ReadonlyMap<number, InterfaceCounters>;
  /** The device's learnt GETBULK size, saved beside its counters (the poller adds it, pollDevice does not). */
  readonly getbulk?: GetbulkMemo;
}

export interface PollContext {
  readonly device: Device;
  readonly session: SnmpSession;
  readonly discovery: DeviceDiscovery | null;
  /** Wall-clock ms when `discovery` was made. */
  readonly discoveredAtMs: number;
  readonly baseline: CounterBaseline | null;
  readonly rediscoverIntervalMs: number;
  /** The device's poll interval: longer gaps make 32-bit wraps ambiguous (counters.ts). */
  readonly intervalMs?: number;
  readonly nowMs: () => number;
  readonly signal?: AbortSignal;
  /** What this poll's walks may read; default DEFAULT_MAX_VARBINDS_PER_POLL varbinds within pollTimeLimitMs(intervalMs). */
  readonly budget?: WalkBudget;
}

/** Interval assumed for a time limit when the poll has none (`poll --once`). */
const UNSCHEDULED_INTERVAL_MS = 60_000;
/** Never less time than this: a big honest device behind a slow link needs minutes, not seconds. */
const MIN_POLL_TIME_LIMIT_MS = 60_000;

/**
 * How long one poll's walks may run: twice the interval, at least a minute. A device polled one
 * poll at a time already skips an overrun poll; this stops an agent that trickles an endless
 * table from holding a concurrency slot for ever.
 */
export function pollTimeLimitMs(intervalMs: number | undefined): number {
  return Math.max(MIN_POLL_TIME_LIMIT_MS, 2 * (intervalMs ?? UNSCHEDULED_INTERVAL_MS));
}

export interface PollResult {
  readonly discovery: DeviceDiscovery;
  readonly discoveredAtMs: number;
  readonly rediscovered: boolean;
  readonly baseline: CounterBaseline;
  readonly points: Point[];
  readonly interfaces: InterfaceState[];
  readonly pollMs: number;
  readonly discontinuities: number;
  readonly wraps: number;
  readonly sysUpTimeTicks: number;
  /** Interfaces whose rates were withheld, with the reason, for a debug log. */
  readonly withheld: readonly { ifIndex: number; reason: string }[];
}

const POLL_SCALARS = [SYSTEM.sysUpTime.oid, SYSTEM.ifNumber.oid, SYSTEM.ifTableLastChange.oid];

export async function pollDevice(ctx: PollContext): Promise<PollResult> {
  const t0 = performance.now();
  const before = { ...ctx.session.stats };
  const budget = ctx.budget ?? new WalkBudget(DEFAULT_MAX_VARBINDS_PER_POLL, pollTimeLimitMs(ctx.intervalMs));
  const opts = ctx.signal === undefined ? { budget } : { signal: ctx.signal, budget };
  let discovery = ctx.discovery;
  let discoveredAtMs = ctx.discoveredAtMs;
  let rediscovered = false;
  let uptimeTicks: number;
  let rows: PolledValues;

  /**
   * The scalars GET and the counter walk go out together, so the agent reads sysUpTime and the
   * counters within a millisecond of each other whatever delays this process between requests (a
   * busy event loop, GC). Sent one after the other, that delay entered every rate: with the machine
   * busy, 8 % of the fleet test's rates were more than 1 % off.
   */
  const readClockAndCounters = async (disc: DeviceDiscovery, scalarOids: readonly string[]): Promise<{ scalars: ReturnType<typeof byOid>; rows: PackedRows }> => {
    const maxRowsPerColumn = rowsPerColumn(disc.ifNumber, disc.interfaces.length);
    const [scalarBinds, columns] = await Promise.all([
      ctx.session.get(scalarOids, opts),
      // Packed: no VarBind, OID string or bigint per value (snmp/packed.ts); read through PackedRows.
      walkColumnsPacked(ctx.session, disc.pollColumns.map((c) => IF[c].oid), { ...opts, maxRowsPerColumn, expectedRows: disc.interfaces.length }),
    ]);
    return { scalars: byOid(scalarBinds), rows: new PackedRows(disc, columns) };
  };
  // ifDescr is walked on every poll: a new, vanished or renamed ifIndex means the table changed
  // under us (agents without ifTableLastChange).
  const sameTable = (disc: DeviceDiscovery, polled: PackedRows): boolean => !disc.pollColumns.includes('ifDescr') || polled.sameInterfaces(disc, valueHash);

  const rediscover = async (): Promise<void> => {
    const run = await discoverDevice(ctx.session, opts);
    discovery = run.discovery;
    discoveredAtMs = ctx.nowMs();
    rediscovered = true;
    uptimeTicks = run.discovery.system.sysUpTimeTicks;
    rows = new MapRows(run.discovery, run.rows);
    // Discovery reads sysUpTime first and the counters several walks later: right for the table,
    // too far apart for a rate (measured 3-7 % off over a 3 s interval when the baseline came from
    // another process, e.g. a handover or a restart). Read both again as a steady poll does, so
    // this poll's rate and the next one's baseline pair a clock with the counters it timed.
    const fresh = await readClockAndCounters(run.discovery, [SYSTEM.sysUpTime.oid]);
    const freshTicks = asNumber(fresh.scalars.get(SYSTEM.sysUpTime.oid));
    // The table changed again in between: keep what discovery read (one skewed sample, not a wrong table).
    if (freshTicks !== undefined && freshTicks !== null && freshTicks >= uptimeTicks && sameTable(run.discovery, fresh.rows)) {
      uptimeTicks = freshTicks;
      rows = fresh.rows;
    }
  };

  if (discovery === null || ctx.nowMs() - discoveredAtMs >= ctx.rediscoverIntervalMs) {
    await rediscover();
  } else {
    const polled = await readClockAndCounters(discovery, POLL_SCALARS);
    const scalars = polled.scalars;
    uptimeTicks = asNumber(scalars.get(SYSTEM.sysUpTime.oid)) ?? 0;
    const ifNumber = asNumber(scalars.get(SYSTEM.ifNumber.oid));
    const lastChange = asNumber(scalars.get(SYSTEM.ifTableLastChange.oid));
    const tableChanged =
      ifNumber !== discovery.ifNumber ||
      lastChange !== discovery.ifTableLastChange ||
      uptimeTicks < discovery.system.sysUpTimeTicks;
    // A changed table: discover again before trusting any counter (the walk's rows are dropped).
    if (tableChanged || !sameTable(discovery, polled.rows)) await rediscover();
    else rows = polled.rows;
  }
  // Both branches assign these; TypeScript cannot see through the closure.
  const disc = discovery as unknown as DeviceDiscovery;
  const polledRows = rows!;
  const wallMs = ctx.nowMs();
  const clock: ClockReading = { uptimeTicks: uptimeTicks!, wallMs };
  const elapsed: ElapsedAssessment | undefined = ctx.baseline === null ? undefined : assessElapsed(ctx.baseline.clock, clock);

  const time = Math.floor(wallMs / 1000);
  const sampledAt = new Date(wallMs).toISOString();
  const points: Point[] = [];
  const states: InterfaceState[] = [];
  const nextBaseline = new Map<number, InterfaceCounters>();
  const withheld: { ifIndex: number; reason: string }[] = [];
  let discontinuities = 0;
  let wraps = 0;

  for (let pos = 0; pos < disc.interfaces.length; pos += 1) {
    const itf = disc.interfaces[pos] as DiscoveredInterface;
    const counters = readCounters(itf, polledRows, pos);
    const current: InterfaceCounters = {
      identity: itf.identity,
      discontinuityTime: polledRows.number('ifCounterDiscontinuityTime', pos) ?? itf.discontinuityTime,
      counters,
    };
    nextBaseline.set(itf.ifIndex, current);
    const hasSpeed = polledRows.has('ifSpeed', pos);
    const hasHighSpeed = polledRows.has('ifHighSpeed', pos);
    const ifSpeed = hasSpeed ? polledRows.number('ifSpeed', pos) : null;
    const ifHighSpeed = hasHighSpeed ? polledRows.number('ifHighSpeed', pos) : itf.ifHighSpeed;
    const speedBps = !hasSpeed && !hasHighSpeed ? itf.speedBps : chooseSpeedBps(ifSpeed, ifHighSpeed);
    const outcome: RateOutcome = computeInterfaceRates(ctx.baseline?.interfaces.get(itf.ifIndex), current, elapsed, speedBps, ctx.intervalMs === undefined ? undefined : ctx.intervalMs / 1000);
    let rates: InterfaceRates | null = null;
    if (outcome.kind === 'rates') {
      rates = outcome.rates;
      wraps += outcome.wraps;
    } else if (outcome.kind === 'discontinuity') {
      discontinuities += 1;
      withheld.push({ ifIndex: itf.ifIndex, reason: outcome.counter === undefined ? outcome.reason : `${outcome.reason} (${outcome.counter})` });
    }
    const adminStatus = polledRows.number('ifAdminStatus', pos) ?? itf.adminStatus;
    const operStatus = polledRows.number('ifOperStatus', pos) ?? itf.operStatus;
    const lastChange = polledRows.number('ifLastChange', pos) ?? itf.lastChange;
    // Unchanged (the usual case, checked by hash): reuse the discovered text instead of decoding.
    const descr = polledRows.value('ifDescr', pos);
    const ifDescr = descr === undefined || valueHash(descr) === itf.ifDescrHash ? itf.ifDescr : asDisplayName(descr);

    const highSpeed = ifHighSpeed ?? (speedBps === null ? null : Math.round(speedBps / 1e6));
    // The `interface` point as a fixed-shape object: the sink writes its line without a fields record.
    points.push(
      new InterfacePoint(
        ctx.device.name,
        ctx.device.host,
        itf.tagName,
        time,
        itf.ifIndex,
        ifDescr,
        itf.ifAlias,
        itf.ifTypeNumber,
        highSpeed,
        operStatus,
        adminStatus,
        itf.sources,
        counters.values,
        counters.present,
        rates,
      ),
    );
    states.push({
      ifIndex: itf.ifIndex,
      ifName: itf.ifName,
      ifDescr,
      ifAlias: itf.ifAlias,
      ifType: itf.ifType,
      ifTypeNumber: itf.ifTypeNumber,
      ifMtu: itf.ifMtu,
      speedBps,
      ifHighSpeed,
      ifPhysAddress: itf.ifPhysAddress,
      adminStatus: ifAdminStatusName(adminStatus),
      operStatus: ifStatusName(operStatus),
      lastChange,
      lastChangeAt: lastChangeTime(lastChange, uptimeTicks!, wallMs),
      inBps: rates?.inBps ?? null,
      outBps: rates?.outBps ?? null,
      inUtilization: rates?.inUtilization ?? null,
      outUtilization: rates?.outUtilization ?? null,
      inErrorsPerSec: rates?.inErrorsPerSec ?? null,
      outErrorsPerSec: rates?.outErrorsPerSec ?? null,
      inDiscardsPerSec: rates?.inDiscardsPerSec ?? null,
      outDiscardsPerSec: rates?.outDiscardsPerSec ?? null,
      inPps: rates?.inPps ?? null,
      outPps: rates?.outPps ?? null,
      counterBits: itf.counterBits,
      sampledAt,
    });
  }
  const pollMs = performance.now() - t0;
  const s = ctx.session.stats;
  points.push({
    measurement: MEASUREMENT.device,
    tags: { [TAG.device]: ctx.device.name, [TAG.agentHost]: ctx.device.host },
    fields: {
      [DEVICE_FIELD.up]: 1n,
      [DEVICE_FIELD.sysUpTime]: BigInt(Math.floor(uptimeTicks! / 100)),
      [DEVICE_FIELD.pollMs]: pollMs,
      [DEVICE_FIELD.varbinds]: BigInt(s.varbinds - before.varbinds),
      [DEVICE_FIELD.requests]: BigInt(s.requests - before.requests),
      [DEVICE_FIELD.timeouts]: BigInt(s.timeouts - before.timeouts),
      [DEVICE_FIELD.discontinuities]: BigInt(discontinuities),
      [DEVICE_FIELD.badValues]: BigInt(s.badValues - before.badValues),
    },
    time,
  });
  return {
    discovery: disc,
    discoveredAtMs,
    rediscovered,
    baseline: { clock, interfaces: nextBaseline },
    points,
    interfaces: states,
    pollMs,
    discontinuities,
    wraps,
    sysUpTimeTicks: uptimeTicks!,
    withheld,
  };
}

/** The `device` point of a poll that got no answer: up=0, so dashboards show the outage. */
export function downPoint(device: Device, wallMs: number, pollMs: number, stats: { requests: number; timeouts: number }): Point {
  return {
    measurement: MEASUREMENT.device,
    tags: { [TAG.device]: device.name, [TAG.agentHost]: device.host },
    fields: {
      [DEVICE_FIELD.up]: 0n,
      [DEVICE_FIELD.pollMs]: pollMs,
      [DEVICE_FIELD.requests]: BigInt(stats.requests),
      [DEVICE_FIELD.timeouts]: BigInt(stats.timeouts),
    },
    time: Math.floor(wallMs / 1000),
  };
}

/** Live device state after a successful poll. */
export function upState(device: Device, result: PollResult, wallMs: number, getbulkBudget?: number): DeviceState {
  const at = new Date(wallMs).toISOString();
  const sys = result.discovery.system;
  return {
    deviceId: device.id,
    status: 'up',
    sysName: sys.sysName,
    sysDescr: sys.sysDescr,
    sysObjectID: sys.sysObjectID,
    role: result.discovery.role,
    vendor: result.discovery.vendor,
    lastPollAt: at,
    lastSuccessAt: at,
    lastError: null,
    pollMs: result.pollMs,
    ...(getbulkBudget === undefined ? {} : { getbulkBudget }),
    interfaces: result.interfaces,
  };
}

function byOid(vbs: readonly VarBind[]): Map<string, VarBind['value']> {
  const m = new Map<string, VarBind['value']>();
  for (const vb of vbs) m.set(vb.oid, vb.value);
  return m;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** packReadings() of the row's counters, written straight into the packed form: no reading object or bigint per counter per poll. */
function readCounters(itf: DiscoveredInterface, rows: PolledValues, pos: number): CounterReadings {
  const values = new BigUint64Array(COUNTER_NAMES.length);
  const halves = LITTLE_ENDIAN ? new Uint32Array(values.buffer) : new Uint32Array(2);
  let present = 0;
  let wide = 0;
  for (let i = 0; i < COUNTER_NAMES.length; i += 1) {
    const src = itf.sources[COUNTER_NAMES[i] as CounterName];
    if (src === undefined) continue;
    if (LITTLE_ENDIAN) {
      if (!rows.counter(src.column as IfColumn, pos, halves, i)) continue;
    } else {
      if (!rows.counter(src.column as IfColumn, pos, halves, 0)) continue;
      values[i] = (BigInt(halves[1] as number) << 32n) | BigInt(halves[0] as number);
    }
    present |= 1 << i;
    if (src.bits === 64) wide |= 1 << i;
  }
  return { values, present, wide };
}

/** ifLastChange (TimeTicks since agent start) → ISO time, from the agent's sysUpTime at a sample taken at `wallMs`. */
export function lastChangeTime(lastChangeTicks: number | null, sysUpTimeTicks: number, wallMs: number): string | null {
  if (lastChangeTicks === null || lastChangeTicks <= 0 || lastChangeTicks > sysUpTimeTicks) return null;
  return new Date(wallMs - (sysUpTimeTicks - lastChangeTicks) * 10).toISOString();
}
