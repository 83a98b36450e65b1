/** Renders the poller's and sink's own figures as Prometheus text exposition (format 0.0.4). Pure. */
import type { LocalLeaseFigures } from '../model/cluster.js';
import type { PollerMetrics } from '../poller/types.js';
import type { SinkStatus } from '../storage/types.js';

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export interface MetricsInput {
  readonly poller: PollerMetrics;
  readonly sink: SinkStatus;
  /** Inventory names by device id, for the `device` label; devices absent here are skipped. */
  readonly deviceNames: ReadonlyMap<number, string>;
  readonly devicesByStatus: Readonly<Record<string, number>>;
  /** Scale-out: this poller's id and lease figures; absent in one process. */
  readonly cluster?: { readonly pollerId: string; readonly figures: LocalLeaseFigures };
}

/** Label value escaping per the exposition format: backslash, double quote and line feed. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text escaping: backslash and line feed. */
function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

type Labels = Readonly<Record<string, string>>;

class Exposition {
  readonly #lines: string[] = [];

  family(name: string, type: 'counter' | 'gauge', help: string, samples: ReadonlyArray<readonly [Labels, number]>): void {
    this.#lines.push(`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of samples) {
      const keys = Object.keys(labels);
      const labelText =
        keys.length === 0 ? '' : `{${keys.map((k) => `${k}="${escapeLabelValue(labels[k] ?? '')}"`).join(',')}}`;
      this.#lines.push(`${name}${labelText} ${formatValue(value)}`);
    }
  }

  text(): string {
    return `${this.#lines.join('\n')}\n`;
  }
}

export function renderMetrics(input: MetricsInput): string {
  const { poller, sink } = input;
  const out = new Exposition();
  const one = (value: number): ReadonlyArray<readonly [Labels, number]> => [[{}, value]];

  out.family('linkscope_polls_total', 'counter', 'Device polls started.', one(poller.polls));
  out.family('linkscope_poll_failures_total', 'counter', 'Device polls that failed.', one(poller.failures));
  out.family('linkscope_snmp_timeouts_total', 'counter', 'SNMP requests that timed out.', one(poller.timeouts));
  out.family('linkscope_snmp_requests_total', 'counter', 'SNMP requests sent.', one(poller.requests));
  out.family('linkscope_varbinds_total', 'counter', 'Varbinds received.', one(poller.varbinds));
  out.family('linkscope_poll_overruns_skipped_total', 'counter', 'Polls skipped because the previous poll of the device was still running.', one(poller.skippedOverruns));
  out.family('linkscope_counter_discontinuities_total', 'counter', 'Counter discontinuities (wraps, resets) for which no rate was written.', one(poller.discontinuities));

  out.family('linkscope_influx_up', 'gauge', '1 when InfluxDB accepts writes, 0 when samples are spooled.', one(sink.influx === 'ok' ? 1 : 0));
  out.family('linkscope_spool_bytes', 'gauge', 'Bytes of samples waiting in the on-disk spool.', one(sink.spoolBytes));
  out.family('linkscope_points_pending', 'gauge', 'Points queued in memory for InfluxDB.', one(sink.pendingPoints));
  out.family('linkscope_points_written_total', 'counter', 'Points written to InfluxDB.', one(sink.writtenPoints));
  out.family('linkscope_points_dropped_total', 'counter', 'Points dropped (spool full or rejected).', one(sink.droppedPoints));
  out.family('linkscope_points_replayed_total', 'counter', 'Points written to InfluxDB from the on-disk spool.', one(sink.replayedPoints ?? 0));
  out.family('linkscope_spool_batches_set_aside_total', 'counter', 'Spooled batches that could not be read and were set aside as *.unreadable.', one(sink.spoolSetAsideBatches ?? 0));
  out.family('linkscope_spool_write_failures_total', 'counter', 'Batches that could not be written to the spool (lost, as InfluxDB was down too).', one(sink.spoolWriteFailures ?? 0));
  out.family('linkscope_sink_problems', 'gauge', 'Problems that make /health degraded besides InfluxDB being down (spool unwritable, batches set aside).', one(sink.problems?.length ?? 0));

  out.family(
    'linkscope_devices',
    'gauge',
    'Devices by live status.',
    Object.entries(input.devicesByStatus).map(([status, n]) => [{ status }, n] as const),
  );

  if (poller.lanes !== undefined) {
    const lanes = Object.entries(poller.lanes);
    out.family('linkscope_poller_lane_slots', 'gauge', 'Polls a scheduling lane may run at once (healthy: devices that answered their last poll; probe: the others).', lanes.map(([lane, f]) => [{ lane }, f.slots] as const));
    out.family('linkscope_poller_lane_busy', 'gauge', 'Polls running in a scheduling lane.', lanes.map(([lane, f]) => [{ lane }, f.busy] as const));
    out.family('linkscope_poller_lane_waiting', 'gauge', 'Polls due and waiting for a slot of a scheduling lane.', lanes.map(([lane, f]) => [{ lane }, f.waiting] as const));
  }

  if (input.cluster !== undefined) {
    const f = input.cluster.figures;
    const poller1 = { poller: input.cluster.pollerId };
    out.family('linkscope_cluster_slots', 'gauge', 'Slot leases this poller holds (its devices are those hashing into them).', [[poller1, f.slots]]);
    out.family('linkscope_cluster_devices', 'gauge', 'Devices this poller polls (in the slots it leases).', [[poller1, poller.devices.length]]);
    out.family('linkscope_cluster_lease_renewals_total', 'counter', 'Lease renewal statements, by result (failed: database unreachable or slower than a third of the TTL).', [
      [{ ...poller1, result: 'ok' }, f.renewals],
      [{ ...poller1, result: 'failed' }, f.renewFailures],
    ]);
    out.family('linkscope_cluster_claims_total', 'counter', 'Slots claimed (each claim raises the slot epoch).', [[poller1, f.claims]]);
    out.family('linkscope_cluster_handovers_total', 'counter', 'Slots taken over from another poller (in) and given up (out: released, lost or fenced off).', [
      [{ ...poller1, direction: 'in' }, f.handoversIn],
      [{ ...poller1, direction: 'out' }, f.handoversOut],
    ]);
    if (f.lastRenewAgeMs !== null) out.family('linkscope_cluster_lease_age_seconds', 'gauge', 'Seconds since the start of the last successful lease renewal (polling stops at TTL minus the margin).', [[poller1, f.lastRenewAgeMs / 1000]]);
  }

  const perDevice = poller.devices
    .map((d) => ({ d, name: input.deviceNames.get(d.deviceId) }))
    .filter((x): x is { d: (typeof poller.devices)[number]; name: string } => x.name !== undefined);
  const labels = (x: { d: { deviceId: number }; name: string }): Labels => ({ device: x.name, device_id: String(x.d.deviceId) });

  out.family(
    'linkscope_device_last_success_timestamp_seconds',
    'gauge',
    'Unix time of the last successful poll of a device.',
    perDevice.filter((x) => x.d.lastSuccessMs !== null).map((x) => [labels(x), (x.d.lastSuccessMs ?? 0) / 1000] as const),
  );
  out.family('linkscope_device_polls_total', 'counter', 'Polls of a device.', perDevice.map((x) => [labels(x), x.d.polls] as const));
  out.family('linkscope_device_poll_failures_total', 'counter', 'Failed polls of a device.', perDevice.map((x) => [labels(x), x.d.failures] as const));
  out.family('linkscope_device_snmp_timeouts_total', 'counter', 'SNMP timeouts of a device.', perDevice.map((x) => [labels(x), x.d.timeouts] as const));
  out.family(
    'linkscope_device_getbulk_budget',
    'gauge',
    'Varbinds per GETBULK request the poller asks a device for now (self-tuned up to snmp.maxVarbindsCeiling).',
    perDevice.filter((x) => x.d.getbulkBudget !== undefined && x.d.getbulkBudget !== null).map((x) => [labels(x), x.d.getbulkBudget ?? 0] as const),
  );
  return out.text();
}
