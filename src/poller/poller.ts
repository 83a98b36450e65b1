/**
 * The poller: schedules every device on its own interval, bounds concurrency, backs off dead devices.
 * Two lanes keep dead devices from starving live ones: a device whose agent answered its last poll
 * polls in the healthy lane (maxConcurrentRequests slots); any other device (never answered yet,
 * unreachable, auth failing) first sends one GET of sysUpTime in the probe lane (maxConcurrentProbes
 * slots) and joins the healthy lane only once that probe is answered. A dead device therefore only
 * ever holds a probe slot while its requests time out.
 */
import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { Inventory } from '../inventory/types.js';
import { describeError, isLinkscopeError, LinkscopeError, type ErrorCode } from '../model/errors.js';
import type { Secret } from '../model/secret.js';
import type { Device, DeviceState, DeviceStatus, InterfaceState, SnmpTarget, SystemInfo } from '../model/types.js';
import type { Logger } from '../observability/logger.js';
import { DEFAULT_MAX_VARBINDS_PER_POLL, DEFAULT_MAX_VARBINDS_PER_REQUEST, GetbulkBudget, WalkBudget, type SessionStats, type SnmpClient, type SnmpSession } from '../snmp/types.js';
import type { CounterStore } from '../state/counter-store.js';
import type { LiveState } from '../state/live-state.js';
import { pendingState } from '../state/live-state.js';
import type { SampleSink } from '../storage/types.js';
import type { DeviceDiscovery } from '../discovery/discover.js';
import { discoverNeighbors } from '../discovery/neighbors.js';
import type { HealthReport } from '../model/health.js';
import type { WirelessReport } from '../model/wireless.js';
import { planWireless, pollWireless, type WirelessOptions, type WirelessPlan } from '../wireless/engine.js';
import { downPoint, pollDevice, pollTimeLimitMs, upState, type CounterBaseline, type PollResult } from './poll-device.js';
import type { CustomMetricsStep } from './custom-metrics.js';
import { Semaphore } from './semaphore.js';
import type { DeviceOwnership, DevicePollFigures, HealthEngine, HealthRecorder, LaneFigures, PollerControl, PollerMetrics, TopologyRecorder, WirelessEngine, WirelessRecorder } from './types.js';
import { wirelessPoints } from './wireless-points.js';
import { healthPoints } from './health-points.js';
import { planHealth, pollHealth, type HealthOptions, type HealthPlan } from '../health/engine.js';

/** The real engine (src/wireless/engine.ts), used unless PollerDeps.wireless.engine replaces it. */
export const DEFAULT_WIRELESS_ENGINE: WirelessEngine = { planWireless, pollWireless };
/** The real engine (src/health/engine.ts), used unless PollerDeps.health.engine replaces it. */
export const DEFAULT_HEALTH_ENGINE: HealthEngine = { planHealth, pollHealth };

export interface PollerSettings {
  readonly pollIntervalMs: number;
  readonly snmp: {
    readonly timeoutMs: number;
    readonly retries: number;
    readonly maxRepetitions: number;
    /** Where each device's self-tuning GETBULK size starts; default DEFAULT_MAX_VARBINDS_PER_REQUEST (64). */
    readonly maxVarbindsPerRequest?: number;
    /** How far it may grow; default: no growth (the start). */
    readonly maxVarbindsCeiling?: number;
  };
  readonly maxConcurrentRequests: number;
  /**
   * Polls of devices not known to answer (never answered yet, unreachable, auth failing) in flight
   * at once, on top of maxConcurrentRequests; default 32. Their probes wait in their own FIFO and
   * never take a healthy device's slot.
   */
  readonly maxConcurrentProbes?: number;
  /** Spread of the first poll of each device, as a fraction of its interval (0.1 = first 10 %). */
  readonly jitterRatio: number;
  readonly rediscoverIntervalMs: number;
  readonly backoffMaxMs: number;
  /** How long stop() lets polls in flight finish before aborting them; default 15 s. */
  readonly stopGraceMs?: number;
}

const DEFAULT_STOP_GRACE_MS = 15_000;
const DEFAULT_MAX_CONCURRENT_PROBES = 32;
/** SNMPv2-MIB::sysUpTime.0: the probe a device not known to answer must answer before it may take a healthy slot. */
const PROBE_OID = '1.3.6.1.2.1.1.3.0';
/**
 * A device whose counter state was saved (after a successful poll) this recently starts a restarted
 * poller in the healthy lane: it answered before the restart, so it must not queue behind every dead
 * device's probe (with 2,000 dead devices that wait was measured at up to ~250 s). A guess that is
 * wrong costs one timeout in the healthy lane, after which the device moves to the probe lane.
 */
const WARM_START_MS = 60 * 60_000;

export interface PollerDeps {
  readonly inventory: Inventory;
  readonly snmp: SnmpClient;
  readonly sink: SampleSink;
  readonly state: LiveState;
  /** close() (when present) runs in stop(), after the polls in flight: a write-behind store writes what it holds. */
  readonly counters: Pick<CounterStore, 'load' | 'save' | 'remove'> & Partial<Pick<CounterStore, 'savedAtMs' | 'close' | 'flush'>>;
  readonly logger: Logger;
  readonly settings: PollerSettings;
  /** Neighbour discovery and `link` points; absent = no topology (unit tests, tools). */
  readonly topology?: TopologyRecorder;
  /** Wireless planning, polling and `wireless`/`wireless_sensor` points; absent = no wireless (unit tests, tools). */
  readonly wireless?: { readonly state: WirelessRecorder; readonly engine?: WirelessEngine };
  /**
   * Health planning, polling and `device_health`/`sensor` points; absent = no health (unit tests,
   * tools). `intervalMs`: how often (0 or unset = every poll).
   */
  readonly health?: { readonly state: HealthRecorder; readonly engine?: HealthEngine; readonly intervalMs?: number; readonly replanMs?: number };
  /** User-configured custom metrics (./custom-metrics.ts); absent when none are configured, so the poll path is unchanged. */
  readonly customMetrics?: CustomMetricsStep;
  /**
   * Scale-out: only devices whose slot this poller leases are scheduled, and every request and
   * sample write is fenced by the lease (./types.ts DeviceOwnership). Absent = one process, every device.
   */
  readonly ownership?: DeviceOwnership;
  readonly nowMs?: () => number;
  readonly random?: () => number;
}

/** What one poll of one device produced, for `poll --once` and tests. */
export interface PollOutcome {
  readonly deviceId: number;
  readonly device: string;
  readonly ok: boolean;
  readonly status: DeviceStatus;
  readonly error: { code: string; message: string } | null;
  readonly interfaces: number;
  readonly ratesWritten: number;
  readonly points: number;
  readonly discontinuities: number;
  readonly pollMs: number;
}

interface Figures {
  polls: number;
  failures: number;
  timeouts: number;
  varbinds: number;
  requests: number;
  skippedOverruns: number;
  discontinuities: number;
  lastSuccessMs: number | null;
}

interface Runtime {
  device: Device;
  session: SnmpSession | null;
  discovery: DeviceDiscovery | null;
  discoveredAtMs: number;
  baseline: CounterBaseline | null;
  baselineLoaded: boolean;
  /** The device's self-tuning GETBULK size, shared by its sessions; restored with the baseline. Null until the first poll. */
  getbulk: GetbulkBudget | null;
  timer: NodeJS.Timeout | null;
  inFlight: Promise<PollOutcome> | null;
  nextDueMs: number;
  failures: number;
  /** The agent answered the last poll (possibly with an error the poll could not get past). */
  answered: boolean;
  /**
   * Scheduled (added, edited) with its first poll at once: the next slot takes the random phase
   * within jitterRatio of the interval that a device started with the poller gets at its first poll.
   */
  spreadNext: boolean;
  /** Wall-clock ms of the last neighbour discovery; null = none yet in this process. */
  neighborsAtMs: number | null;
  /** operSignature() of the interfaces at the last poll: a change re-runs neighbour discovery. */
  operSignature: number;
  /** The wireless plan of the last planning; null = no wireless profile fits (or none planned yet). */
  wirelessPlan: WirelessPlan | null;
  /** Planned since the last interface discovery in this process; false = plan on the next poll. */
  wirelessPlanned: boolean;
  /** apSignature() of the last wireless report: a change re-plans. null = no report since planning. */
  apSignature: string | null;
  /** Code of the last wireless failure, so it is logged once on change. */
  wirelessProblem: string | null;
  /** The health plan of the last planning; null = no health profile fits (or none planned yet). */
  healthPlan: HealthPlan | null;
  /** Planned since the last interface discovery in this process; false = plan on the next poll. */
  healthPlanned: boolean;
  /** Wall-clock ms of the last health planning. */
  healthPlannedAtMs: number;
  /** Wall-clock ms of the last health poll; null = none yet (health.interval counts from it). */
  healthAtMs: number | null;
  /** Code of the last health failure, so it is logged once on change. */
  healthProblem: string | null;
  /** Rows per health table at the last poll (MetricOptions.rowHints): short tables are asked for no more. */
  healthRowHints: Map<string, number>;
  lastProblem: string | null;
  figures: Figures;
  log: Logger;
  removed: boolean;
}

const RECONCILE_MS = 5_000;

/**
 * Health is planned again this often besides at rediscovery: some tables appear only a while after
 * an agent starts (net-snmp answers hrProcessorLoad after its first minute of samples), and
 * planning is one probe round.
 */
const HEALTH_REPLAN_MS = 10 * 60_000;

/** Agent silent or speaking nonsense: unreachable. Other failures (a walk the agent broke) keep `up` with lastError. */
// LS_SNMP_NO_DATA: an agent that answers with nothing of mib-2 is not `up` (there is nothing it is up for).
const UNREACHABLE_CODES: ReadonlySet<ErrorCode> = new Set(['LS_SNMP_TIMEOUT', 'LS_SNMP_SOCKET', 'LS_SNMP_BAD_RESPONSE', 'LS_SNMP_NO_DATA']);
const AUTH_CODES: ReadonlySet<ErrorCode> = new Set(['LS_SNMP_AUTH', 'LS_SNMP_UNKNOWN_USER', 'LS_SNMP_NOT_IN_TIME_WINDOW']);

/**
 * Whether two inventory records poll the same way. Compared field by field rather than by
 * updatedAt, whose millisecond resolution can hide two edits made within one millisecond.
 */
export function sameDefinition(a: Device, b: Device): boolean {
  if (a.name !== b.name || a.host !== b.host || a.port !== b.port || a.intervalMs !== b.intervalMs) return false;
  const x = a.snmp;
  const y = b.snmp;
  if (x.version !== y.version) return false;
  if (x.version !== '3' || y.version !== '3') return x.version !== '3' && y.version !== '3' && x.community.equals(y.community);
  const same = (p: Secret | undefined, q: Secret | undefined): boolean => (p === undefined ? q === undefined : p.equals(q));
  return (
    x.user === y.user &&
    x.level === y.level &&
    x.authProtocol === y.authProtocol &&
    x.privProtocol === y.privProtocol &&
    (x.context ?? '') === (y.context ?? '') &&
    same(x.authKey, y.authKey) &&
    same(x.privKey, y.privKey)
  );
}

export class Poller implements PollerControl {
  #deps: PollerDeps;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #lanes: { readonly healthy: Semaphore; readonly probe: Semaphore };
  readonly #runtimes = new Map<number, Runtime>();
  readonly #abort = new AbortController();
  readonly #log: Logger;
  #reconcileTimer: NodeJS.Timeout | null = null;
  #changeToken = -1;
  #ownershipVersion = -1;
  /** The first reconcile spreads first polls over jitterRatio of the interval; devices gained later (a handover) over a tenth. */
  #reconciled = false;
  #running = false;
  #stopped = false;
  #totals = { polls: 0, failures: 0, timeouts: 0, varbinds: 0, requests: 0, skippedOverruns: 0, discontinuities: 0 };

  constructor(deps: PollerDeps) {
    this.#deps = deps;
    this.#now = deps.nowMs ?? Date.now;
    this.#random = deps.random ?? Math.random;
    this.#lanes = {
      healthy: new Semaphore(deps.settings.maxConcurrentRequests),
      probe: new Semaphore(deps.settings.maxConcurrentProbes ?? DEFAULT_MAX_CONCURRENT_PROBES),
    };
    // Every request in flight listens on this one signal: up to maxConcurrentRequests +
    // maxConcurrentProbes listeners is expected, not a leak (Node warns past 10 by default).
    setMaxListeners(0, this.#abort.signal);
    this.#log = deps.logger.child({ module: 'poller' });
  }

  /**
   * New defaults for the polls scheduled from now on (SIGHUP): interval, SNMP timeout/retries/
   * repetitions, jitter, rediscovery and backoff. Polls in flight and timers already armed keep theirs.
   */
  reconfigure(settings: Partial<Pick<PollerSettings, 'pollIntervalMs' | 'snmp' | 'jitterRatio' | 'rediscoverIntervalMs' | 'backoffMaxMs'>>): void {
    this.#deps = { ...this.#deps, settings: { ...this.#deps.settings, ...settings } };
  }

  /** Schedule every device of the inventory and follow its changes (CLI or API edits). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#reconcile();
    this.#reconcileTimer = setInterval(() => this.#reconcile(), RECONCILE_MS);
    this.#reconcileTimer.unref();
    this.#log.info({ devices: this.#runtimes.size }, 'poller started');
  }

  /** Stop scheduling, abort in-flight requests, wait for running polls to finish, close sessions. */
  /**
   * Stop scheduling and let the polls in flight finish (their samples reach the sink), for at most
   * `graceMs`; polls still running then are aborted. Sessions are closed last.
   */
  async stop(graceMs = this.#deps.settings.stopGraceMs ?? DEFAULT_STOP_GRACE_MS): Promise<void> {
    this.#running = false;
    this.#stopped = true;
    if (this.#reconcileTimer !== null) clearInterval(this.#reconcileTimer);
    const inFlight: Promise<unknown>[] = [];
    for (const rt of this.#runtimes.values()) {
      if (rt.timer !== null) clearTimeout(rt.timer);
      rt.timer = null;
      if (rt.inFlight !== null) inFlight.push(rt.inFlight.catch(() => undefined));
    }
    if (inFlight.length > 0) {
      this.#log.info({ polls: inFlight.length, graceMs }, 'waiting for polls in flight');
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), graceMs);
        timer.unref();
      });
      const done = await Promise.race([Promise.all(inFlight).then(() => 'done' as const), grace]);
      clearTimeout(timer);
      if (done === 'timeout') {
        this.#log.warn({ graceMs }, 'polls still running after the grace period; aborting them');
        this.#abort.abort();
        await Promise.all(inFlight);
      }
    }
    this.#abort.abort();
    for (const rt of this.#runtimes.values()) rt.session?.close();
    await this.#deps.counters.close?.();
    this.#log.info('poller stopped');
  }

  schedule(deviceId: number): void {
    const device = this.#deps.inventory.find(deviceId);
    if (device === undefined) {
      this.unschedule(deviceId);
      return;
    }
    // Scale-out: another poller's device (added or edited through this one's API) is its owner's to poll.
    if (this.#deps.ownership !== undefined && !this.#deps.ownership.owns(device)) {
      if (this.#runtimes.has(deviceId)) void this.releaseDevices([deviceId]).catch((err: unknown) => this.#log.warn({ err, deviceId }, `cannot release a device: ${describeError(err)}`));
      return;
    }
    const rt = this.#runtime(device);
    if (!this.#running) return;
    if (rt.timer !== null) clearTimeout(rt.timer);
    // Discovery at once, spread a little so a burst of adds does not arrive at the agents together.
    const delay = Math.floor(this.#random() * 1000);
    rt.nextDueMs = this.#now() + delay;
    // Devices added together (an import, a script) would otherwise poll in lock-step for ever: a
    // burst per interval holds more objects alive at once (measured with 20 devices added in a row,
    // 5 s interval: spreading phases over half the interval cut serve's CPU per varbind by ~15 %).
    rt.spreadNext = true;
    this.#arm(rt, delay);
  }

  unschedule(deviceId: number): void {
    const rt = this.#runtimes.get(deviceId);
    if (rt === undefined) return;
    rt.removed = true;
    if (rt.timer !== null) clearTimeout(rt.timer);
    rt.timer = null;
    rt.session?.close();
    rt.session = null;
    this.#runtimes.delete(deviceId);
    this.#deps.state.remove(deviceId);
    this.#deps.wireless?.state.remove(deviceId);
    this.#deps.health?.state.remove(deviceId);
    this.#deps.customMetrics?.forget(deviceId);
    void this.#deps.counters.remove(deviceId).catch((err: unknown) => this.#log.warn({ err, deviceId }, 'cannot delete the counter state of a removed device'));
  }

  /** Poll one device now (discovery included when needed) and wait for the outcome. */
  async pollNow(deviceId: number): Promise<PollOutcome> {
    if (this.#stopped) throw new LinkscopeError('LS_SNMP_ABORTED', `poll of device ${deviceId} refused: the poller is stopping`);
    const device = this.#deps.inventory.get(deviceId);
    const rt = this.#runtime(device);
    if (rt.inFlight !== null) await rt.inFlight.catch(() => undefined);
    // Not on a schedule (poll --once from cron, a test): no interval to judge a gap against.
    rt.inFlight = this.#runPoll(rt, false);
    try {
      return await rt.inFlight;
    } finally {
      rt.inFlight = null;
    }
  }

  metrics(): PollerMetrics {
    const devices: DevicePollFigures[] = [];
    for (const rt of this.#runtimes.values()) devices.push({ deviceId: rt.device.id, ...rt.figures, getbulkBudget: rt.getbulk?.varbinds ?? null });
    const lane = (sem: Semaphore): LaneFigures => ({ slots: sem.slots, busy: sem.busy, waiting: sem.waiting });
    return { ...this.#totals, devices, lanes: { healthy: lane(this.#lanes.healthy), probe: lane(this.#lanes.probe) } };
  }

  /** Reconciles at once (the lease manager calls it when this poller's slots changed). */
  reconcileNow(): void {
    if (this.#running) this.#reconcile();
  }

  #reconcile(): void {
    let token: number;
    try {
      token = this.#deps.inventory.changeToken();
      const ownership = this.#deps.ownership;
      const ownershipVersion = ownership?.version() ?? 0;
      if (token === this.#changeToken && ownershipVersion === this.#ownershipVersion) return;
      const devices = this.#deps.inventory.list();
      this.#changeToken = token;
      this.#ownershipVersion = ownershipVersion;
      const seen = new Set<number>();
      const released: number[] = [];
      for (const d of devices) {
        seen.add(d.id);
        const rt = this.#runtimes.get(d.id);
        if (ownership !== undefined && !ownership.owns(d)) {
          // Another poller's now: stop here, keep its counter state (the new owner continues from it).
          if (rt !== undefined) released.push(d.id);
          continue;
        }
        if (rt === undefined) this.#startDevice(d);
        else if (!sameDefinition(rt.device, d)) this.schedule(d.id);
        // Same agent and credentials: the next poll takes the rest (its custom metrics list) as is.
        else rt.device = d;
      }
      for (const id of [...this.#runtimes.keys()]) if (!seen.has(id)) this.unschedule(id);
      if (released.length > 0) void this.releaseDevices(released).catch((err: unknown) => this.#log.warn({ err }, `cannot release devices: ${describeError(err)}`));
      this.#reconciled = true;
    } catch (err) {
      this.#log.error({ err }, `cannot read the inventory: ${describeError(err)}`);
    }
  }

  /**
   * Stops polling these devices without forgetting them anywhere else (scale-out: their slot moves
   * to another poller): no new poll starts, polls in flight finish (their requests stay fenced),
   * sessions close, and their counter state is written so the next owner continues the rates.
   */
  async releaseDevices(ids: readonly number[]): Promise<void> {
    const waits: Promise<unknown>[] = [];
    const gone = new Set<number>();
    for (const id of ids) {
      const rt = this.#runtimes.get(id);
      if (rt === undefined) continue;
      gone.add(id);
      rt.removed = true;
      if (rt.timer !== null) clearTimeout(rt.timer);
      rt.timer = null;
      this.#runtimes.delete(id);
      if (rt.inFlight !== null) waits.push(rt.inFlight.catch(() => undefined));
      const close = (): void => {
        rt.session?.close();
        rt.session = null;
      };
      if (rt.inFlight === null) close();
      else waits.push(rt.inFlight.then(close, close));
      this.#deps.state.remove(id);
      this.#deps.wireless?.state.remove(id);
      this.#deps.health?.state.remove(id);
    }
    await Promise.all(waits);
    if (gone.size > 0) {
      await this.#deps.counters.flush?.(gone);
      this.#log.info({ devices: gone.size }, 'released devices to another poller');
    }
  }

  #startDevice(device: Device): void {
    const rt = this.#runtime(device);
    if (this.#deps.state.get(device.id) === undefined) this.#deps.state.set(pendingState(device.id));
    const savedAtMs = this.#deps.counters.savedAtMs?.(device.id) ?? null;
    if (savedAtMs !== null && this.#now() - savedAtMs <= WARM_START_MS) rt.answered = true;
    // Spread the first polls over the first part of the interval so a restart does not burst; a
    // device taken over from another poller polls soon (within a tenth), keeping its rates continuous.
    const spread = this.#reconciled && this.#deps.ownership !== undefined ? Math.min(0.1, this.#deps.settings.jitterRatio) : this.#deps.settings.jitterRatio;
    const delay = Math.floor(this.#random() * this.#intervalMs(device) * spread);
    rt.nextDueMs = this.#now() + delay;
    this.#arm(rt, delay);
  }

  /** The runtime of a device, created or refreshed with the inventory's current definition. */
  #runtime(device: Device): Runtime {
    let rt = this.#runtimes.get(device.id);
    if (rt === undefined) {
      rt = {
        device,
        session: null,
        discovery: null,
        discoveredAtMs: 0,
        baseline: null,
        baselineLoaded: false,
        getbulk: null,
        timer: null,
        inFlight: null,
        nextDueMs: 0,
        failures: 0,
        answered: false,
        spreadNext: false,
        neighborsAtMs: null,
        operSignature: 0,
        wirelessPlan: null,
        wirelessPlanned: false,
        apSignature: null,
        wirelessProblem: null,
        healthPlan: null,
        healthPlanned: false,
        healthPlannedAtMs: 0,
        healthAtMs: null,
        healthProblem: null,
        healthRowHints: new Map(),
        lastProblem: null,
        figures: { polls: 0, failures: 0, timeouts: 0, varbinds: 0, requests: 0, skippedOverruns: 0, discontinuities: 0, lastSuccessMs: null },
        log: this.#deps.logger.child({ module: 'poller', deviceId: device.id, device: device.name, host: device.host }),
        removed: false,
      };
      this.#runtimes.set(device.id, rt);
      if (this.#deps.state.get(device.id) === undefined) this.#deps.state.set(pendingState(device.id));
    } else if (!sameDefinition(rt.device, device)) {
      // Credentials, address or interval changed: new session, fresh discovery on the next poll.
      rt.session?.close();
      rt.session = null;
      if (rt.device.host !== device.host || rt.device.port !== device.port) {
        rt.discovery = null;
        rt.baseline = null;
        rt.baselineLoaded = false;
        // Another agent: learn its GETBULK size afresh (the load of a baseline for the new address finds none).
        rt.getbulk = null;
        rt.wirelessPlanned = false;
        rt.healthPlanned = false;
      }
      rt.device = device;
      rt.failures = 0;
      // Perhaps another address or credentials: unknown until it answers, so back to the probe lane.
      rt.answered = false;
      rt.log = this.#deps.logger.child({ module: 'poller', deviceId: device.id, device: device.name, host: device.host });
    } else {
      // Same agent and credentials; keep what else changed (its custom metrics list) for the next poll.
      rt.device = device;
    }
    return rt;
  }

  /** SessionOptions.fence for a device's sessions (scale-out); {} in one process. */
  #fenceOptions(rt: Runtime): { fence?: () => boolean } {
    const ownership = this.#deps.ownership;
    if (ownership === undefined) return {};
    return {
      fence: () => {
        const epoch = ownership.mayAct(rt.device);
        if (epoch === undefined) return false;
        // The request log of the scale-out tests (LINKSCOPE_LOG_LEVEL=trace): device, poller (root binding), epoch, time.
        rt.log.trace({ epoch }, 'snmp request');
        return true;
      },
    };
  }

  /** Samples and state may be written for this device now (always in one process; under a live lease in scale-out). */
  #mayWrite(rt: Runtime): boolean {
    return this.#deps.ownership === undefined || this.#deps.ownership.mayAct(rt.device) !== undefined;
  }

  #intervalMs(device: Device): number {
    return device.intervalMs ?? this.#deps.settings.pollIntervalMs;
  }

  #arm(rt: Runtime, delayMs: number): void {
    if (!this.#running || rt.removed) return;
    rt.timer = setTimeout(() => {
      rt.timer = null;
      if (rt.inFlight !== null) {
        // Still polling from the last slot: skip this one rather than queue polls behind each other.
        rt.figures.skippedOverruns += 1;
        this.#totals.skippedOverruns += 1;
        this.#armNext(rt);
        return;
      }
      rt.inFlight = this.#runPoll(rt, true);
      void rt.inFlight
        .catch((err: unknown) => {
          rt.log.error({ err }, `poll crashed: ${describeError(err)}`);
        })
        .finally(() => {
          rt.inFlight = null;
          this.#armNext(rt);
        });
    }, Math.max(0, delayMs));
    rt.timer.unref();
  }

  /** Next slot: fixed rate on the device's phase; unreachable devices back off exponentially. */
  #armNext(rt: Runtime): void {
    if (!this.#running || rt.removed || rt.timer !== null) return;
    const interval = this.#intervalMs(rt.device);
    const now = this.#now();
    const spread = rt.spreadNext;
    rt.spreadNext = false;
    if (rt.failures > 0) {
      const backoff = Math.min(interval * 2 ** Math.min(rt.failures - 1, 16), Math.max(interval, this.#deps.settings.backoffMaxMs));
      rt.nextDueMs = now + backoff;
    } else {
      rt.nextDueMs += interval;
      if (spread) rt.nextDueMs += Math.floor(this.#random() * interval * this.#deps.settings.jitterRatio);
      if (rt.nextDueMs <= now) {
        const missed = Math.floor((now - rt.nextDueMs) / interval) + 1;
        rt.figures.skippedOverruns += missed;
        this.#totals.skippedOverruns += missed;
        rt.nextDueMs += missed * interval;
      }
    }
    this.#arm(rt, rt.nextDueMs - now);
  }

  /** A device's GETBULK tuner: what its saved state learnt, else the configured start; a reply slower than a quarter of the timeout is slow. */
  #getbulkBudget(baseline: CounterBaseline | null): GetbulkBudget {
    const s = this.#deps.settings.snmp;
    const start = s.maxVarbindsPerRequest ?? DEFAULT_MAX_VARBINDS_PER_REQUEST;
    return new GetbulkBudget({ start, ceiling: s.maxVarbindsCeiling ?? start, slowMs: s.timeoutMs / 4, memo: baseline?.getbulk ?? null });
  }

  #target(device: Device): SnmpTarget {
    const s = this.#deps.settings.snmp;
    return { host: device.host, port: device.port, credentials: device.snmp, timeoutMs: s.timeoutMs, retries: s.retries, maxRepetitions: s.maxRepetitions };
  }

  async #runPoll(rt: Runtime, scheduled: boolean): Promise<PollOutcome> {
    const device = rt.device;
    const onProbation = !rt.answered || rt.failures > 0;
    let release = await (onProbation ? this.#lanes.probe : this.#lanes.healthy).acquire();
    const t0 = performance.now();
    // Traffic of every session this poll used, counted from where each stood when first used.
    const used = new Map<SnmpSession, SessionStats>();
    const track = (s: SnmpSession): SnmpSession => {
      if (!used.has(s)) used.set(s, { ...s.stats });
      return s;
    };
    const traffic = (): SessionStats => {
      const t = { requests: 0, timeouts: 0, varbinds: 0, badValues: 0 };
      for (const [s, b] of used) {
        t.requests += s.stats.requests - b.requests;
        t.timeouts += s.stats.timeouts - b.timeouts;
        t.varbinds += s.stats.varbinds - b.varbinds;
        t.badValues += s.stats.badValues - b.badValues;
      }
      return t;
    };
    const opts = { signal: this.#abort.signal };
    const agent = `${device.host}:${device.port}`;
    try {
      if (!rt.baselineLoaded) {
        rt.baseline = await this.#deps.counters.load(device.id, agent);
        rt.baselineLoaded = true;
      }
      const getbulk = (rt.getbulk ??= this.#getbulkBudget(rt.baseline));
      if (onProbation) {
        if (rt.failures > 0) {
          // In back-off it already failed a whole poll with retries: one attempt per probe is enough,
          // and halves the time a dead device holds a probe slot at the default retries (1).
          const probe = track(this.#deps.snmp.open({ ...this.#target(device), retries: 0 }, this.#fenceOptions(rt)));
          try {
            await probe.get([PROBE_OID], opts);
          } finally {
            probe.close();
          }
        } else {
          rt.session ??= this.#deps.snmp.open(this.#target(device), { getbulk, ...this.#fenceOptions(rt) });
          await track(rt.session).get([PROBE_OID], opts);
        }
        // It answers: poll it in the healthy lane like any live device.
        release();
        release = await this.#lanes.healthy.acquire();
      }
      rt.session ??= this.#deps.snmp.open(this.#target(device), { getbulk, ...this.#fenceOptions(rt) });
      const session = track(rt.session);
      const result: PollResult = await pollDevice({
        device,
        session,
        discovery: rt.discovery,
        discoveredAtMs: rt.discoveredAtMs,
        baseline: rt.baseline,
        rediscoverIntervalMs: this.#deps.settings.rediscoverIntervalMs,
        ...(scheduled ? { intervalMs: this.#intervalMs(device) } : {}),
        nowMs: this.#now,
        signal: this.#abort.signal,
      });
      if (rt.removed || !this.#mayWrite(rt)) return this.#outcome(rt, 'up', null, result.pollMs);
      rt.discovery = result.discovery;
      rt.discoveredAtMs = result.discoveredAtMs;
      rt.baseline = result.baseline;
      this.#deps.sink.write(result.points);
      const wallMs = this.#now();
      this.#deps.state.set(withWirelessRole(upState(device, result, wallMs, getbulk.varbinds), rt.wirelessPlan));
      this.#count(rt, traffic(), false);
      rt.figures.discontinuities += result.discontinuities;
      this.#totals.discontinuities += result.discontinuities;
      rt.figures.lastSuccessMs = wallMs;
      if (rt.failures > 0 || rt.lastProblem !== null) rt.log.info({ after: rt.failures }, 'device answers again');
      rt.failures = 0;
      rt.answered = true;
      rt.lastProblem = null;
      if (result.rediscovered) {
        rt.log.info(
          { interfaces: result.discovery.interfaces.length, role: result.discovery.role, vendor: result.discovery.vendor, sysName: result.discovery.system.sysName },
          'discovered',
        );
      }
      if (result.withheld.length > 0) rt.log.debug({ withheld: result.withheld }, 'rates withheld after a counter discontinuity');
      rt.log.debug({ pollMs: result.pollMs, points: result.points.length }, 'polled');
      if (this.#deps.topology !== undefined) await this.#topologyStep(rt, this.#deps.topology, session, result, opts.signal);
      if (this.#deps.wireless !== undefined) await this.#wirelessStep(rt, this.#deps.wireless, session, result, opts.signal);
      if (this.#deps.health !== undefined) await this.#healthStep(rt, this.#deps.health, session, result, opts.signal);
      const custom = this.#deps.customMetrics;
      if (custom !== undefined && !custom.idle(rt.device, result.discovery.system.sysObjectID, result.rediscovered)) await this.#customMetricsStep(rt, custom, session, result, opts.signal);
      await this.#deps.counters.save(device.id, agent, { ...result.baseline, getbulk: getbulk.memo() }).catch((err: unknown) => {
        rt.log.warn({ err }, `cannot save counter state: ${describeError(err)}`);
      });
      const ratesWritten = result.interfaces.filter((i) => i.inBps !== null || i.outBps !== null).length;
      return {
        ...this.#outcome(rt, 'up', null, result.pollMs),
        interfaces: result.interfaces.length,
        ratesWritten,
        points: result.points.length,
        discontinuities: result.discontinuities,
      };
    } catch (err) {
      const pollMs = performance.now() - t0;
      const error = isLinkscopeError(err) ? err : new LinkscopeError('LS_INTERNAL', `poll of ${device.name} failed unexpectedly: ${describeError(err)}`, { cause: err });
      const status: DeviceStatus = AUTH_CODES.has(error.code) ? 'auth-failed' : UNREACHABLE_CODES.has(error.code) ? 'unreachable' : 'up';
      const t = traffic();
      this.#count(rt, t, true);
      rt.failures += status === 'up' ? 0 : 1;
      // An abort (stop) says nothing about the agent.
      if (error.code !== 'LS_SNMP_ABORTED') rt.answered = status === 'up';
      // A fresh session next time: the socket may be the problem, and v3 engine data may be stale.
      rt.session?.close();
      rt.session = null;
      if (error.code === 'LS_SNMP_ABORTED' || rt.removed || !this.#mayWrite(rt)) return this.#outcome(rt, status, error, pollMs);
      const wallMs = this.#now();
      if (status !== 'up') this.#deps.sink.write([downPoint(device, wallMs, pollMs, { requests: t.requests, timeouts: t.timeouts })]);
      const prev = this.#deps.state.get(device.id);
      const next: DeviceState = {
        ...(prev ?? pendingState(device.id)),
        status,
        lastPollAt: new Date(wallMs).toISOString(),
        lastError: { code: error.code, message: error.message, at: new Date(wallMs).toISOString() },
        pollMs,
      };
      this.#deps.state.set(next);
      // warn on a change of state only; the same failure again is debug.
      const problem = `${next.status}:${error.code}`;
      if (problem !== rt.lastProblem) {
        rt.log.warn({ code: error.code, status: next.status }, error.message);
        rt.lastProblem = problem;
      } else {
        rt.log.debug({ code: error.code, failures: rt.failures }, error.message);
      }
      return this.#outcome(rt, next.status, error, pollMs);
    } finally {
      release();
    }
  }

  /**
   * Neighbour discovery when due (after interface discovery, every topology.interval, after an oper
   * status change), then the `link` points of the links this device is side a of. Never fails the
   * poll: discoverNeighbors loses only the tables an agent breaks, and throws only on abort.
   */
  async #topologyStep(rt: Runtime, topology: TopologyRecorder, session: SnmpSession, result: PollResult, signal: AbortSignal): Promise<void> {
    const nowMs = this.#now();
    const signature = operSignature(result.interfaces);
    const due =
      result.rediscovered || rt.neighborsAtMs === null || nowMs - rt.neighborsAtMs >= topology.intervalMs || signature !== rt.operSignature;
    rt.operSignature = signature;
    if (due) {
      const found = await discoverNeighbors(session, result.discovery, { signal });
      rt.neighborsAtMs = nowMs;
      if (rt.removed) return;
      try {
        await topology.record(rt.device.id, found, nowMs);
      } catch (err) {
        // Removed by another process between the poll and now: nothing to record.
        if (!isLinkscopeError(err, 'LS_DEVICE_NOT_FOUND')) throw err;
        return;
      }
      const problems = found.diagnostics?.tableErrors ?? [];
      rt.log.debug({ neighbors: found.neighbors.length, unmapped: found.unmapped, tableErrors: problems.length }, 'neighbours discovered');
    }
    const points = topology.linkPoints(rt.device.id, nowMs);
    if (points.length > 0 && this.#mayWrite(rt)) this.#deps.sink.write(points);
  }

  /**
   * Wireless after a successful interface poll: plan after interface discovery (in this process, at
   * every rediscovery, and when the set of AP names changed), then poll the plan with its own walk
   * budget (as an interface poll has: same varbind cap and time limit) and hand the report to live
   * state and the sink. Never fails the poll: a failure is logged once on change and leaves the
   * last report in place; only an abort (stop) propagates.
   */
  async #wirelessStep(rt: Runtime, wireless: NonNullable<PollerDeps['wireless']>, session: SnmpSession, result: PollResult, signal: AbortSignal): Promise<void> {
    const engine = wireless.engine ?? DEFAULT_WIRELESS_ENGINE;
    const options = (): WirelessOptions => ({ signal, budget: new WalkBudget(DEFAULT_MAX_VARBINDS_PER_POLL, pollTimeLimitMs(this.#intervalMs(rt.device))) });
    if (result.rediscovered || !rt.wirelessPlanned) await this.#planWireless(rt, wireless, engine, session, result.discovery.system, options());
    const plan = rt.wirelessPlan;
    if (plan === null || rt.removed) return;
    let report: WirelessReport;
    try {
      report = await engine.pollWireless(session, plan, options());
    } catch (err) {
      this.#wirelessFailed(rt, 'poll', err);
      return;
    }
    if (rt.removed) return;
    if (rt.wirelessProblem !== null) rt.log.info({ profiles: plan.profiles }, 'wireless answers again');
    rt.wirelessProblem = null;
    const nowMs = this.#now();
    wireless.state.set(rt.device.id, { role: plan.role, profiles: plan.profiles, report, sampledAt: new Date(nowMs).toISOString() });
    const points = wirelessPoints(rt.device.name, report, Math.floor(nowMs / 1000));
    if (points.length > 0 && this.#mayWrite(rt)) this.#deps.sink.write(points);
    rt.log.debug({ aps: report.aps.length, sensors: report.sensors.length, points: points.length }, 'wireless polled');
    const signature = apSignature(report);
    const changed = rt.apSignature !== null && signature !== rt.apSignature;
    rt.apSignature = signature;
    if (changed) {
      rt.log.info({ aps: report.aps.length }, 'the set of access points changed; planning wireless again');
      await this.#planWireless(rt, wireless, engine, session, result.discovery.system, options());
    }
  }

  /** Custom metrics after the interface poll, with their own walk budget as wireless has; never fails the poll (only an abort propagates). */
  async #customMetricsStep(rt: Runtime, step: CustomMetricsStep, session: SnmpSession, result: PollResult, signal: AbortSignal): Promise<void> {
    if (rt.removed) return;
    const system = result.discovery.system;
    await step.afterPoll({
      device: rt.device,
      session,
      sysObjectID: system.sysObjectID,
      vendor: result.discovery.vendor,
      role: rt.wirelessPlan?.role ?? result.discovery.role,
      rediscovered: result.rediscovered,
      options: () => ({ signal, budget: new WalkBudget(DEFAULT_MAX_VARBINDS_PER_POLL, pollTimeLimitMs(this.#intervalMs(rt.device))) }),
      nowMs: this.#now(),
      log: rt.log,
    });
  }

  async #planWireless(rt: Runtime, wireless: NonNullable<PollerDeps['wireless']>, engine: WirelessEngine, session: SnmpSession, system: SystemInfo, options: WirelessOptions): Promise<void> {
    let plan: WirelessPlan | null;
    try {
      plan = await engine.planWireless(session, system, options);
    } catch (err) {
      // Planned anyway: a broken plan is tried again at the next rediscovery, not on every poll.
      rt.wirelessPlanned = true;
      this.#wirelessFailed(rt, 'plan', err);
      return;
    }
    if (rt.removed) return;
    const before = rt.wirelessPlan;
    rt.wirelessPlan = plan;
    rt.wirelessPlanned = true;
    rt.apSignature = null;
    if (plan === null) wireless.state.remove(rt.device.id);
    if (before?.role !== plan?.role || before?.profiles.join() !== plan?.profiles.join()) {
      if (plan !== null) rt.log.info({ role: plan.role, profiles: plan.profiles }, 'wireless planned');
      else if (before !== null) rt.log.info('no wireless profile answers any more');
      const current = this.#deps.state.get(rt.device.id);
      // The wireless role overrides the IF-MIB classification; without a plan the latter is back.
      if (current !== undefined && current.status === 'up') {
        this.#deps.state.set(withWirelessRole({ ...current, role: rt.discovery?.role ?? current.role }, plan));
      }
    }
  }

  /**
   * Health after a successful interface poll (and after wireless): plan after interface discovery
   * (in this process and at every rediscovery), then, when health.interval has passed (every poll
   * by default), poll the plan with its own walk budget and hand the report to live state and the
   * sink. A device no health profile fits costs one probe round per discovery and nothing per poll.
   * Never fails the poll: a failure is logged once on change and leaves the last report in place;
   * only an abort (stop) propagates.
   */
  async #healthStep(rt: Runtime, health: NonNullable<PollerDeps['health']>, session: SnmpSession, result: PollResult, signal: AbortSignal): Promise<void> {
    const engine = health.engine ?? DEFAULT_HEALTH_ENGINE;
    const options = (): HealthOptions => ({ signal, budget: new WalkBudget(DEFAULT_MAX_VARBINDS_PER_POLL, pollTimeLimitMs(this.#intervalMs(rt.device))) });
    const replanMs = health.replanMs ?? HEALTH_REPLAN_MS;
    if (result.rediscovered || !rt.healthPlanned || this.#now() - rt.healthPlannedAtMs >= replanMs) {
      const d = result.discovery;
      rt.healthPlannedAtMs = this.#now();
      let plan: HealthPlan | null;
      try {
        plan = await engine.planHealth(session, { sysObjectID: d.system.sysObjectID, vendor: d.vendor, role: d.role }, options());
      } catch (err) {
        // Planned anyway: a broken plan is tried again at the next rediscovery, not on every poll.
        rt.healthPlanned = true;
        this.#healthFailed(rt, 'plan', err);
        return;
      }
      if (rt.removed) return;
      const before = rt.healthPlan;
      rt.healthPlan = plan;
      rt.healthPlanned = true;
      rt.healthAtMs = null;
      rt.healthRowHints.clear();
      if (plan === null) health.state.remove(rt.device.id);
      if (before?.profiles.join() !== plan?.profiles.join()) {
        if (plan !== null) rt.log.info({ profiles: plan.profiles }, 'health planned');
        else if (before !== null) rt.log.info('no health profile answers any more');
      }
    }
    const plan = rt.healthPlan;
    if (plan === null || rt.removed) return;
    const intervalMs = health.intervalMs ?? 0;
    const startMs = this.#now();
    if (intervalMs > 0 && rt.healthAtMs !== null && startMs - rt.healthAtMs < intervalMs) return;
    let report: HealthReport;
    try {
      report = await engine.pollHealth(session, plan, { ...options(), rowHints: rt.healthRowHints });
    } catch (err) {
      this.#healthFailed(rt, 'poll', err);
      return;
    }
    if (rt.removed) return;
    if (rt.healthProblem !== null) rt.log.info({ profiles: plan.profiles }, 'health answers again');
    rt.healthProblem = null;
    const nowMs = this.#now();
    rt.healthAtMs = startMs;
    health.state.set(rt.device.id, { profiles: plan.profiles, report, sampledAt: new Date(nowMs).toISOString() });
    const points = healthPoints(rt.device.name, report, Math.floor(nowMs / 1000));
    if (points.length > 0 && this.#mayWrite(rt)) this.#deps.sink.write(points);
    rt.log.debug({ processors: report.processors.length, memory: report.memory.length, sensors: report.sensors.length, points: points.length }, 'health polled');
  }

  #healthFailed(rt: Runtime, phase: 'plan' | 'poll', err: unknown): void {
    if (isLinkscopeError(err, 'LS_SNMP_ABORTED')) throw err;
    const code = isLinkscopeError(err) ? err.code : 'LS_INTERNAL';
    const problem = `${phase}:${code}`;
    const message = `health ${phase} of ${rt.device.name} failed; interfaces are still polled: ${describeError(err)}`;
    if (problem !== rt.healthProblem) rt.log.warn({ code, phase }, message);
    else rt.log.debug({ code, phase }, message);
    rt.healthProblem = problem;
  }

  /** Abort propagates (stop); anything else is logged once per change of problem and dropped. */
  #wirelessFailed(rt: Runtime, phase: 'plan' | 'poll', err: unknown): void {
    if (isLinkscopeError(err, 'LS_SNMP_ABORTED')) throw err;
    const code = isLinkscopeError(err) ? err.code : 'LS_INTERNAL';
    const problem = `${phase}:${code}`;
    const message = `wireless ${phase} of ${rt.device.name} failed; interfaces are still polled: ${describeError(err)}`;
    if (problem !== rt.wirelessProblem) rt.log.warn({ code, phase }, message);
    else rt.log.debug({ code, phase }, message);
    rt.wirelessProblem = problem;
  }

  #count(rt: Runtime, d: SessionStats, failed: boolean): void {
    for (const f of [rt.figures, this.#totals]) {
      f.polls += 1;
      if (failed) f.failures += 1;
      f.requests += d.requests;
      f.timeouts += d.timeouts;
      f.varbinds += d.varbinds;
    }
  }

  #outcome(rt: Runtime, status: DeviceStatus, error: LinkscopeError | null, pollMs: number): PollOutcome {
    return {
      deviceId: rt.device.id,
      device: rt.device.name,
      ok: error === null,
      status,
      error: error === null ? null : { code: error.code, message: error.message },
      interfaces: 0,
      ratesWritten: 0,
      points: 0,
      discontinuities: 0,
      pollMs,
    };
  }
}

/** The device's live state with the wireless plan's role, when there is a plan. */
function withWirelessRole(state: DeviceState, plan: WirelessPlan | null): DeviceState {
  return plan === null || state.role === plan.role ? state : { ...state, role: plan.role };
}

/** The set of AP names of a report (order-insensitive): a change means APs joined or left. */
export function apSignature(report: WirelessReport): string {
  return report.aps
    .map((ap) => `${ap.name}\u0000${ap.mac ?? ''}`)
    .sort()
    .join('\u0001');
}

/** A cheap hash of every interface's oper status: equal while no port went up or down. */
function operSignature(interfaces: readonly InterfaceState[]): number {
  let h = 0x811c9dc5;
  for (const itf of interfaces) {
    h = Math.imul(h ^ itf.ifIndex, 0x01000193);
    h = Math.imul(h ^ itf.operStatus.length ^ (itf.operStatus.charCodeAt(0) << 8), 0x01000193);
  }
  return h >>> 0;
}
