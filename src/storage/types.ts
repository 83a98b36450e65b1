/** The sample sink seam: the poller hands points over and never waits on InfluxDB. */

/** number → float field, bigint → integer field (clamped to int64, see line-protocol.ts), string, boolean. */
export type FieldValue = number | bigint | string | boolean;

export interface Point {
  readonly measurement: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** Unix time in whole seconds (the schema's precision). */
  readonly time: number;
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
