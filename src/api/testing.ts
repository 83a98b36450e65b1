/**
 * In-memory stand-ins for the API's dependencies: unit tests and the benchmark use them. The
 * integration API harness uses the poller, history and sink stand-ins only where a test is not
 * about them; an InfluxDB outage is always a real influxd stopped, never `FakeHistory.up = false`
 * or a hand-set sink status. The inventory is never stood in for outside unit tests.
 */
export { MemoryInventory } from '../inventory/memory-inventory.js';
import { MemoryInventory } from '../inventory/memory-inventory.js';
import { silentLogger } from '../observability/logger.js';
import { LiveState } from '../state/live-state.js';
import type { ApiDeps } from './deps.js';
import type { PollerControl, PollerMetrics } from '../poller/types.js';
import type { HistoryReader, SinkStatus, UtilizationPoint, UtilizationQuery } from '../storage/types.js';

export const EMPTY_POLLER_METRICS: PollerMetrics = {
  polls: 0,
  failures: 0,
  timeouts: 0,
  varbinds: 0,
  requests: 0,
  skippedOverruns: 0,
  discontinuities: 0,
  devices: [],
};

/** Records schedule/unschedule calls; metrics are whatever the test sets. */
export class RecordingPoller implements PollerControl {
  readonly calls: Array<['schedule' | 'unschedule', number]> = [];
  figures: PollerMetrics = EMPTY_POLLER_METRICS;

  schedule(deviceId: number): void {
    this.calls.push(['schedule', deviceId]);
  }

  unschedule(deviceId: number): void {
    this.calls.push(['unschedule', deviceId]);
  }

  metrics(): PollerMetrics {
    return this.figures;
  }
}

/** Answers utilisation queries from a function; records each query. */
export class FakeHistory implements HistoryReader {
  readonly queries: UtilizationQuery[] = [];
  answer: (query: UtilizationQuery) => Promise<UtilizationPoint[]> = async () => [];
  up = true;

  async utilization(query: UtilizationQuery): Promise<UtilizationPoint[]> {
    this.queries.push(query);
    return this.answer(query);
  }

  async ping(): Promise<boolean> {
    return this.up;
  }
}

export function okSink(overrides: Partial<SinkStatus> = {}): SinkStatus {
  return { influx: 'ok', spoolBytes: 0, pendingPoints: 0, writtenPoints: 0, droppedPoints: 0, ...overrides };
}

/**
 * The API's dependencies for a unit test: an empty in-memory inventory and live state, the poller,
 * history and sink stand-ins, no token, a silent logger, no rate limit; `overrides` replace any of them.
 */
export function testApiDeps(overrides: Partial<ApiDeps> = {}): ApiDeps {
  return {
    inventory: new MemoryInventory(),
    state: new LiveState(),
    poller: new RecordingPoller(),
    history: new FakeHistory(),
    sinkStatus: () => okSink(),
    apiToken: null,
    logger: silentLogger(),
    defaultPollIntervalMs: 60_000,
    rateLimit: false,
    ...overrides,
  };
}
