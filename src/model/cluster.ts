/** The fleet as the API shows it (scale-out on PostgreSQL): src/cluster/view.ts builds it. */
export interface PollerView {
  readonly id: string;
  /** null = every site. */
  readonly sites: readonly string[] | null;
  /** Its row is unexpired by the database clock. */
  readonly live: boolean;
  /** Unexpired slot leases it holds. */
  readonly slots: number;
  /** Inventory devices in those slots. */
  readonly devices: number;
  readonly startedAt: string;
  readonly expiresAt: string;
  /** Its own counters, as of its last renewal. */
  readonly renewals: number | null;
  readonly renewFailures: number | null;
  readonly handoversIn: number | null;
  readonly handoversOut: number | null;
}

/** This poller's own lease figures (local, no database round trip). */
export interface LocalLeaseFigures {
  readonly slots: number;
  readonly renewals: number;
  readonly renewFailures: number;
  readonly claims: number;
  readonly handoversIn: number;
  readonly handoversOut: number;
  /** ms since the start of the last successful renewal; null before the first. */
  readonly lastRenewAgeMs: number | null;
}

export interface ClusterReader {
  /** This poller's figures, for /metrics. */
  local(): LocalLeaseFigures;
  /** This process's poller id. */
  readonly pollerId: string;
  readonly slotCount: number;
  pollers(): Promise<PollerView[]>;
}
