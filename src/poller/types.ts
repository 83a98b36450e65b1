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

/** One scheduling lane right now: its slots, how many are held, how many polls wait for one. */
export interface LaneFigures {
  readonly slots: number;
  readonly busy: number;
  readonly waiting: number;
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
  /**
   * The two lanes: `healthy` for devices whose agent answered their last poll, `probe` for the
   * others (never answered yet, unreachable, auth failing). Absent in fakes that predate them.
   */
  readonly lanes?: { readonly healthy: LaneFigures; readonly probe: LaneFigures };
}

export interface PollerControl {
  /** (Re)start polling a device now: discovery runs at once; used after add and after PATCH. */
  schedule(deviceId: number): void;
  /** Stop polling a device (after DELETE); its history stays in InfluxDB. */
  unschedule(deviceId: number): void;
  metrics(): PollerMetrics;
}
