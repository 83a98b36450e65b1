/** The sample sink seam: the poller hands points over and never waits on InfluxDB. */
import { COUNTER_NAMES, type CounterName } from '../model/counters.js';
import { INTERFACE_FIELD, MEASUREMENT, TAG } from './schema.js';
import type { InterfaceRates } from '../model/counters.js';

/** number → float field, bigint → integer field (clamped to int64, see line-protocol.ts), string, boolean. */
export type FieldValue = number | bigint | string | boolean;

export interface Point {
  readonly measurement: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** Unix time in whole seconds (the schema's precision). */
  readonly time: number;
}

/** Rates of one interface (the poller's InterfaceRates): null where there is none. */
export type InterfaceRateValues = InterfaceRates;

/** Per counter, the IF-MIB column it was read from: its field name. */
export type CounterColumns = Readonly<Partial<Record<CounterName, { readonly column: string }>>>;

/** Rate fields in the order the generic point lists them. */
export const INTERFACE_RATE_FIELDS: readonly (readonly [keyof InterfaceRateValues, string])[] = [
  ['inBps', INTERFACE_FIELD.inBps],
  ['outBps', INTERFACE_FIELD.outBps],
  ['inUtilization', INTERFACE_FIELD.inUtilization],
  ['outUtilization', INTERFACE_FIELD.outUtilization],
  ['inErrorsPerSec', INTERFACE_FIELD.inErrorsPerSec],
  ['outErrorsPerSec', INTERFACE_FIELD.outErrorsPerSec],
  ['inDiscardsPerSec', INTERFACE_FIELD.inDiscardsPerSec],
  ['outDiscardsPerSec', INTERFACE_FIELD.outDiscardsPerSec],
  ['inPps', INTERFACE_FIELD.inPktsPerSec],
  ['outPps', INTERFACE_FIELD.outPktsPerSec],
];

const SMALL_BIGINTS: readonly bigint[] = Array.from({ length: 256 }, (_, i) => BigInt(i));
function bigintOf(n: number): bigint {
  return n >= 0 && n < 256 && Number.isInteger(n) ? (SMALL_BIGINTS[n] as bigint) : BigInt(Math.trunc(n));
}

/**
 * The `interface` point of one polled interface as a fixed-shape object: the sink writes its line
 * straight into its pending buffer (storage/interface-line.ts: no fields record, no line string);
 * `tags` and `fields` give the generic Point view, built on first use, whose formatPoint() line is
 * byte for byte the same.
 */
export class InterfacePoint implements Point {
  readonly measurement = MEASUREMENT.interface;
  #tags: Readonly<Record<string, string>> | null = null;
  #fields: Readonly<Record<string, FieldValue>> | null = null;

  constructor(
    readonly device: string,
    readonly agentHost: string,
    readonly ifName: string,
    /** Unix seconds. */
    readonly time: number,
    readonly ifIndex: number,
    readonly ifDescr: string,
    readonly ifAlias: string,
    readonly ifType: number | null,
    readonly ifHighSpeed: number | null,
    readonly ifOperStatus: number | null,
    readonly ifAdminStatus: number | null,
    /** Where each counter was read from; a counter without a source is not written. */
    readonly sources: CounterColumns,
    /** Slot i holds COUNTER_NAMES[i] (model/counters.ts CounterReadings.values). */
    readonly counters: BigUint64Array,
    /** Bit i: counter i was read. */
    readonly present: number,
    readonly rates: InterfaceRateValues | null,
  ) {}

  get tags(): Readonly<Record<string, string>> {
    return (this.#tags ??= { [TAG.device]: this.device, [TAG.agentHost]: this.agentHost, [TAG.ifName]: this.ifName });
  }

  /** The generic field record, in the order (and with the values) the line lists them. */
  get fields(): Readonly<Record<string, FieldValue>> {
    if (this.#fields !== null) return this.#fields;
    const fields: Record<string, FieldValue> = {
      [INTERFACE_FIELD.ifIndex]: bigintOf(this.ifIndex),
      [INTERFACE_FIELD.ifDescr]: this.ifDescr,
      [INTERFACE_FIELD.ifAlias]: this.ifAlias,
    };
    if (this.ifType !== null) fields[INTERFACE_FIELD.ifType] = bigintOf(this.ifType);
    if (this.ifHighSpeed !== null) fields[INTERFACE_FIELD.ifHighSpeed] = bigintOf(this.ifHighSpeed);
    if (this.ifOperStatus !== null) fields[INTERFACE_FIELD.ifOperStatus] = bigintOf(this.ifOperStatus);
    if (this.ifAdminStatus !== null) fields[INTERFACE_FIELD.ifAdminStatus] = bigintOf(this.ifAdminStatus);
    for (let i = 0; i < COUNTER_NAMES.length; i += 1) {
      const src = this.sources[COUNTER_NAMES[i] as CounterName];
      if (src !== undefined && (this.present & (1 << i)) !== 0) fields[src.column] = this.counters[i] as bigint;
    }
    const r = this.rates;
    if (r !== null) {
      for (const [name, key] of INTERFACE_RATE_FIELDS) {
        const v = r[name];
        if (v !== null && Number.isFinite(v)) fields[key] = v;
      }
    }
    this.#fields = fields;
    return fields;
  }
}

export interface SinkStatus {
  readonly influx: 'ok' | 'down';
  readonly spoolBytes: number;
  readonly pendingPoints: number;
  readonly writtenPoints: number;
  readonly droppedPoints: number;
  /** Points written to InfluxDB from the on-disk spool (included in writtenPoints). */
  readonly replayedPoints?: number;
  /** Of replayedPoints, those that were already spooled when the sink opened (an earlier run's backlog). */
  readonly backlogReplayedPoints?: number;
  /** Points of that backlog still waiting in the spool. */
  readonly backlogPendingPoints?: number;
  /** Spooled batches that could not be read and were set aside (`*.unreadable`). */
  readonly spoolSetAsideBatches?: number;
  /** Batches that could not be written to the spool (and were lost as InfluxDB was down too). */
  readonly spoolWriteFailures?: number;
  /** What makes the sink degraded besides InfluxDB being down, in words for /health; empty when none. */
  readonly problems?: readonly string[];
}

export interface SampleSink {
  /** Queue points; never throws for InfluxDB trouble (they are spooled instead). */
  write(points: readonly Point[]): void;
  /** Send everything queued (or spool it when InfluxDB is down). */
  flush(): Promise<void>;
  status(): SinkStatus;
  /** Flush or spool everything pending, stop timers. */
  close(): Promise<void>;
}

/** One bucket of an interface's utilisation history (CONTRACT.md `/utilization`). */
export interface UtilizationPoint {
  readonly time: string;
  readonly inBps: number | null;
  readonly outBps: number | null;
  readonly inUtilization: number | null;
  readonly outUtilization: number | null;
}

export interface UtilizationQuery {
  /** Inventory name (the `device` tag). */
  readonly device: string;
  readonly ifName: string;
  readonly from: Date;
  readonly to: Date;
  readonly stepMs: number;
}

/** Reads history back from InfluxDB; every input is quoted so that no value can change the query. */
export interface HistoryReader {
  utilization(query: UtilizationQuery, signal?: AbortSignal): Promise<UtilizationPoint[]>;
  /**
   * The same, saying which data answered (`raw`, `rollup_5m`); optional, so simple readers need not.
   * `nowMs` is the "now" the range was computed against (raw or rollup depends on it).
   */
  utilizationWithSource?(query: UtilizationQuery, signal?: AbortSignal, nowMs?: number): Promise<{ readonly points: UtilizationPoint[]; readonly source: string }>;
  ping(): Promise<boolean>;
}
