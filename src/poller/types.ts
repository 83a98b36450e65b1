/** What the API and CLI may ask of a running poller. */

export interface DevicePollFigures {
  readonly deviceId: number;
  readonly polls: number;
  readonly failures: number;
  readonly timeouts: number;
  readonly varbinds: number;
  readonly skippedOverruns: number;
  readonly discontinuities: number;
  /** Unix ms of the last successful poll, null when none yet. */
  readonly lastSuccessMs: number | null;
}

export interface PollerMetrics {
  readonly polls: number;
  readonly failures: number;
  readonly timeouts: number;
  readonly varbinds: number;
  readonly requests: number;
  readonly skippedOverruns: number;
  readonly discontinuities: number;
  readonly devices: readonly DevicePollFigures[];
}

export interface PollerControl {
  /** (Re)start polling a device now: discovery runs at once; used after add and after PATCH. */
  schedule(deviceId: number): void;
  /** Stop polling a device (after DELETE); its history stays in InfluxDB. */
  unschedule(deviceId: number): void;
  metrics(): PollerMetrics;
}
