/** Unit tests for the Prometheus text renderer. */
import { describe, expect, it } from 'vitest';
import { escapeLabelValue, renderMetrics } from './prometheus.js';
import { EMPTY_POLLER_METRICS, okSink } from './testing.js';

describe('renderMetrics', () => {
  it('escapes backslash, double quote and newline in label values', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });

  it('writes HELP and TYPE for every family and per-device samples with escaped labels', () => {
    const text = renderMetrics({
      poller: {
        ...EMPTY_POLLER_METRICS,
        polls: 5,
        devices: [
          { deviceId: 1, polls: 5, failures: 0, timeouts: 0, varbinds: 10, skippedOverruns: 0, discontinuities: 0, lastSuccessMs: 1500 },
          { deviceId: 2, polls: 1, failures: 1, timeouts: 1, varbinds: 0, skippedOverruns: 0, discontinuities: 0, lastSuccessMs: null },
          { deviceId: 3, polls: 1, failures: 0, timeouts: 0, varbinds: 0, skippedOverruns: 0, discontinuities: 0, lastSuccessMs: 1 },
        ],
      },
      sink: okSink({ influx: 'down', spoolBytes: 77 }),
      deviceNames: new Map([
        [1, 'we"ird\\name'],
        [2, 'two'],
      ]),
      devicesByStatus: { up: 1, down: 1, pending: 0 },
    });
    const lines = text.trimEnd().split('\n');
    const families = lines.filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]);
    for (const name of families) expect(lines).toContain(lines.find((l) => l.startsWith(`# HELP ${name} `)));
    expect(families).toEqual(expect.arrayContaining(['linkscope_polls_total', 'linkscope_poll_failures_total', 'linkscope_snmp_timeouts_total', 'linkscope_varbinds_total', 'linkscope_spool_bytes', 'linkscope_device_last_success_timestamp_seconds']));
    expect(text).toContain('linkscope_polls_total 5\n');
    expect(text).toContain('linkscope_influx_up 0\n');
    expect(text).toContain('linkscope_spool_bytes 77\n');
    expect(text).toContain('linkscope_devices{status="up"} 1\n');
    expect(text).toContain('linkscope_device_last_success_timestamp_seconds{device="we\\"ird\\\\name",device_id="1"} 1.5\n');
    // Never polled successfully: no last-success sample; unknown to the inventory (deleted): no samples at all.
    expect(text).not.toContain('last_success_timestamp_seconds{device="two"');
    expect(text).not.toContain('device_id="3"');
    expect(text).toContain('linkscope_device_poll_failures_total{device="two",device_id="2"} 1\n');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('writes the poller lanes when the poller reports them', () => {
    const lane = { slots: 32, busy: 32, waiting: 1968 };
    const text = renderMetrics({
      poller: { ...EMPTY_POLLER_METRICS, lanes: { healthy: { slots: 64, busy: 1, waiting: 0 }, probe: lane } },
      sink: okSink(),
      deviceNames: new Map(),
      devicesByStatus: {},
    });
    expect(text).toContain('linkscope_poller_lane_slots{lane="healthy"} 64\n');
    expect(text).toContain('linkscope_poller_lane_busy{lane="probe"} 32\n');
    expect(text).toContain('linkscope_poller_lane_waiting{lane="probe"} 1968\n');
  });

  it('adds the fleet figures of a poller in a fleet, and nothing of them in one process', () => {
    const base = { poller: EMPTY_POLLER_METRICS, sink: okSink(), deviceNames: new Map<number, string>(), devicesByStatus: {} };
    expect(renderMetrics(base)).not.toContain('linkscope_cluster_');
    const text = renderMetrics({
      ...base,
      cluster: { pollerId: 'edge-"1"', figures: { slots: 341, renewals: 12, renewFailures: 2, claims: 400, handoversIn: 59, handoversOut: 3, lastRenewAgeMs: 2500 } },
    });
    expect(text).toContain('linkscope_cluster_slots{poller="edge-\\"1\\""} 341\n');
    expect(text).toContain('linkscope_cluster_lease_renewals_total{poller="edge-\\"1\\"",result="failed"} 2\n');
    expect(text).toContain('linkscope_cluster_handovers_total{poller="edge-\\"1\\"",direction="in"} 59\n');
    expect(text).toContain('linkscope_cluster_lease_age_seconds{poller="edge-\\"1\\""} 2.5\n');
    expect(text).toContain('# TYPE linkscope_cluster_claims_total counter\n');
  });
});
