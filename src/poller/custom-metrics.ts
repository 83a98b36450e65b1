/**
 * The poller's custom-metrics step: which configured metrics fit a device (planned after interface
 * discovery), one engine poll of them after every successful interface poll, and their points.
 * Built only when `metrics` is configured; a failure costs only the custom metrics of that poll.
 */
import { describeError, isLinkscopeError } from '../model/errors.js';
import type { MetricRecord } from '../model/metric-def.js';
import type { Device } from '../model/types.js';
import type { Logger } from '../observability/logger.js';
import { planMetrics, pollMetrics, type MetricOptions } from '../metrics/engine.js';
import { SCALAR_INDEX, type CustomMetric } from '../metrics/custom.js';
import type { SnmpSession } from '../snmp/types.js';
import { TAG } from '../storage/schema.js';
import type { FieldValue, Point, SampleSink } from '../storage/types.js';

/** What the step needs of one successful poll. */
export interface CustomMetricsContext {
  readonly device: Device;
  readonly session: SnmpSession;
  readonly sysObjectID: string;
  readonly vendor: string | null;
  readonly role: string | null;
  /** Interfaces were (re)discovered by this poll: plan again. */
  readonly rediscovered: boolean;
  /** Fresh per call: signal and walk budget (same varbind cap and time limit as the interface poll). */
  readonly options: () => MetricOptions;
  readonly nowMs: number;
  readonly log: Logger;
}

interface DeviceMetrics {
  /** Names of the metrics planned for the device, in configuration order. */
  planned: readonly CustomMetric[];
  /** What the plan was made for: the device's sysObjectID and own list; a change plans again. */
  sysObjectID: string;
  own: readonly string[];
  /** Code of the last failure (or `errors:<tables>`), so it is logged once per change. */
  problem: string | null;
}

/** Custom metric records → points: measurement = record name, tags device/agent_host + the record's, fields as configured. */
export function customMetricPoints(device: Device, records: readonly MetricRecord[], integerFields: ReadonlyMap<string, ReadonlySet<string>>, timeS: number): Point[] {
  const points: Point[] = [];
  for (const r of records) {
    const tags: Record<string, string> = { [TAG.device]: device.name, [TAG.agentHost]: device.host };
    for (const [k, v] of Object.entries(r.tags)) {
      // Scalars carry no index; InfluxDB drops empty tags (and device/agent_host are ours).
      if ((k === 'index' && v === SCALAR_INDEX) || v === '' || k === TAG.device || k === TAG.agentHost) continue;
      tags[k] = v;
    }
    const ints = integerFields.get(r.def);
    const fields: Record<string, FieldValue> = {};
    let n = 0;
    for (const [k, v] of Object.entries(r.fields)) {
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) continue;
        fields[k] = ints?.has(k) === true ? BigInt(Math.trunc(v)) : v;
      } else fields[k] = v;
      n++;
    }
    if (n > 0) points.push({ measurement: r.name, tags, fields, time: timeS });
  }
  return points;
}

export class CustomMetricsStep {
  readonly #metrics: readonly CustomMetric[];
  readonly #byName: ReadonlyMap<string, CustomMetric>;
  readonly #integerFields: ReadonlyMap<string, ReadonlySet<string>>;
  readonly #devices = new Map<number, DeviceMetrics>();

  constructor(
    metrics: readonly CustomMetric[],
    private readonly sink: SampleSink,
  ) {
    this.#metrics = metrics;
    this.#byName = new Map(metrics.map((m) => [m.name, m]));
    this.#integerFields = new Map(metrics.map((m) => [m.name, m.integerFields]));
  }

  /** Names of the configured metrics (the API and CLI check a device's `metrics` against them). */
  names(): string[] {
    return this.#metrics.map((m) => m.name);
  }

  /** Names planned for a device (empty before its first successful poll). */
  planned(deviceId: number): string[] {
    return this.#devices.get(deviceId)?.planned.map((m) => m.name) ?? [];
  }

  forget(deviceId: number): void {
    this.#devices.delete(deviceId);
  }

  /**
   * True when a poll of this device has nothing to do: planned, nothing fits, and neither a
   * rediscovery nor a change of sysObjectID or of its own list asks for a new plan. The poller asks
   * before building anything for afterPoll, so such a device costs no request and no allocation.
   */
  idle(device: Device, sysObjectID: string, rediscovered: boolean): boolean {
    const dm = this.#devices.get(device.id);
    return dm !== undefined && dm.planned.length === 0 && !rediscovered && dm.sysObjectID === sysObjectID && sameList(dm.own, device.metrics ?? []);
  }

  /**
   * After a successful interface poll: plan when due, poll the plan, write its points. Never
   * throws except on abort (LS_SNMP_ABORTED); failures are logged once per change of state.
   */
  async afterPoll(ctx: CustomMetricsContext): Promise<void> {
    const own = ctx.device.metrics ?? [];
    let dm = this.#devices.get(ctx.device.id);
    if (dm === undefined || ctx.rediscovered || dm.sysObjectID !== ctx.sysObjectID || !sameList(dm.own, own)) {
      const planned = await this.#plan(ctx, own);
      if (planned === null) return;
      const before = dm?.planned.map((m) => m.name).join(',');
      dm = { planned, sysObjectID: ctx.sysObjectID, own, problem: dm?.problem ?? null };
      this.#devices.set(ctx.device.id, dm);
      const names = planned.map((m) => m.name);
      if (names.join(',') !== before) ctx.log.info({ metrics: names }, names.length > 0 ? 'custom metrics planned' : 'no custom metric fits');
    }
    if (dm.planned.length === 0) return;
    let records: readonly MetricRecord[];
    let errors: readonly { table: string; code: string; message: string }[];
    try {
      ({ records, errors } = await pollMetrics(
        ctx.session,
        dm.planned.map((m) => m.def),
        ctx.options(),
      ));
    } catch (err) {
      if (isLinkscopeError(err, 'LS_SNMP_ABORTED')) throw err;
      this.#problem(ctx, dm, `failed:${isLinkscopeError(err) ? err.code : 'error'}`, `custom metrics of ${ctx.device.name} failed; interfaces are still polled: ${describeError(err)}`);
      return;
    }
    const problem = errors.length === 0 ? null : `errors:${errors.map((e) => `${e.table}/${e.code}`).join(',')}`;
    if (problem === null) {
      if (dm.problem !== null) ctx.log.info('custom metrics answer again');
      dm.problem = null;
    } else {
      this.#problem(ctx, dm, problem, `custom metrics of ${ctx.device.name}: ${errors.map((e) => `${e.table}: ${e.message}`).join('; ')}`);
    }
    const points = customMetricPoints(ctx.device, records, this.#integerFields, Math.floor(ctx.nowMs / 1000));
    if (points.length > 0) this.sink.write(points);
    ctx.log.debug({ records: records.length, points: points.length }, 'custom metrics polled');
  }

  /** The device's own metrics (always) and the configured ones whose selectors and data fit; null when planning failed. */
  async #plan(ctx: CustomMetricsContext, own: readonly string[]): Promise<CustomMetric[] | null> {
    const forced = new Set(own.filter((n) => this.#byName.has(n)));
    const unknown = own.filter((n) => !this.#byName.has(n));
    // Configured once, removed from the configuration since: the device keeps the name, nothing polls it.
    if (unknown.length > 0) ctx.log.warn({ metrics: unknown }, `${ctx.device.name} names custom metrics that are not configured (${unknown.join(', ')}); they are not polled`);
    const others = this.#metrics.filter((m) => !forced.has(m.name));
    let fitting: string[];
    try {
      fitting = others.length === 0 ? [] : await planMetrics(ctx.session, others.map((m) => m.def), { sysObjectID: ctx.sysObjectID, vendor: ctx.vendor, role: ctx.role }, ctx.options());
    } catch (err) {
      if (isLinkscopeError(err, 'LS_SNMP_ABORTED')) throw err;
      ctx.log.warn({ err: describeError(err) }, `planning custom metrics of ${ctx.device.name} failed; interfaces are still polled`);
      return null;
    }
    const fit = new Set(fitting);
    return this.#metrics.filter((m) => forced.has(m.name) || fit.has(m.name));
  }

  #problem(ctx: CustomMetricsContext, dm: DeviceMetrics, problem: string, message: string): void {
    if (problem !== dm.problem) ctx.log.warn({ problem }, message);
    else ctx.log.debug({ problem }, message);
    dm.problem = problem;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
