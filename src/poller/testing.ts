/** What the poller's unit tests share (as api/testing.ts for the API's): settings that make timing easy to follow. */
import type { PollerSettings } from './poller.js';

/** A minute's interval, no jitter, one attempt of 1 s, 4 requests at once, back-off up to 8 minutes. */
export const TEST_POLLER_SETTINGS: PollerSettings = {
  pollIntervalMs: 60_000,
  snmp: { timeoutMs: 1000, retries: 0, maxRepetitions: 10 },
  maxConcurrentRequests: 4,
  jitterRatio: 0,
  rediscoverIntervalMs: 6 * 3600_000,
  backoffMaxMs: 8 * 60_000,
};
