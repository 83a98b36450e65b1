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
