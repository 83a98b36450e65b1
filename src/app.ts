/** Composition root: the only file that builds concrete classes and wires modules together. */
import { formatAgent } from './model/address.js';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { assertListenAllowed, buildApi } from './api/server.js';
import { effectiveAfterReload, planReload, type Config, type ReloadPlan } from './config/index.js';
import { NeighborCrawler, type CrawlNeighbor } from './discovery/crawl.js';
import { lockDataDir, type DataDirLock } from './inventory/data-dir-lock.js';
import { loadOrCreateSecretKey } from './inventory/secret-box.js';
import { openInventory } from './inventory/sqlite-inventory.js';
import { openPgInventory, openPgPool, type PgInventory } from './inventory/pg-inventory.js';
import { LeaseManager } from './cluster/lease-manager.js';
import { LeaseOwnership } from './cluster/ownership.js';
import { DEFAULT_SLOT_COUNT, slotOf } from './cluster/slots.js';
import { ClusterView } from './cluster/view.js';
import { PgCounterStore } from './state/pg-counter-store.js';
import { MemoryCounters } from './state/memory-counters.js';
import type { Inventory } from './inventory/types.js';
import { describeError, LinkscopeError } from './model/errors.js';
import type { NeighborDiscovery } from './model/topology.js';
import type { Logger } from './observability/logger.js';
import { compileCustomMetrics, needsMibs, type CustomMetric, type MibResolver } from './metrics/custom.js';
import { loadMibStore, MibStore } from './mib/mib-store.js';
import { CustomMetricsStep } from './poller/custom-metrics.js';
import { Poller, type PollerDeps } from './poller/poller.js';
import type { WirelessEngine } from './poller/types.js';
import { NetSnmpClient } from './snmp/net-snmp-client.js';
import type { SnmpClient } from './snmp/types.js';
import { CounterStore } from './state/counter-store.js';
import { LiveState } from './state/live-state.js';
import { TopologyState } from './state/topology-state.js';
import { HealthState } from './state/health-state.js';
import { WirelessState } from './state/wireless-state.js';
import { InfluxAdmin } from './storage/influx-admin.js';
import { InfluxHistory } from './storage/influx-history.js';
import { InfluxSink } from './storage/influx-sink.js';

export interface Runtime {
  readonly config: Config;
  readonly logger: Logger;
  readonly inventory: Inventory;
  readonly state: LiveState;
  readonly sink: InfluxSink;
  readonly snmp: SnmpClient;
  readonly poller: Poller;
  readonly history: InfluxHistory;
  /** Neighbours → links. The poller hands discoveries over with topology.record(deviceId, discovery, nowMs). */
  readonly topology: TopologyState;
  /** The last wireless poll of each device (the poller plans and polls, the API reads). */
  readonly wireless: WirelessState;
  /** The last health poll of each device (the poller plans and polls, the API reads). */
  readonly health: HealthState;
  /** The neighbour crawl (topology.discover), in serve only and only when ranges are configured. */
  readonly crawler: NeighborCrawler | undefined;
  /** Scale-out (database.url, serve): this poller's leases and the fleet view; undefined in one process. */
  readonly cluster: ClusterRuntime | undefined;
}

export interface ClusterRuntime {
  readonly pollerId: string;
  readonly leases: LeaseManager;
  readonly view: ClusterView;
  readonly counters: PgCounterStore;
  /** Starts renewing and claiming; serve calls it before the poller starts. */
  start(): Promise<void>;
  /** Drains and releases every slot (planned stop), stops following the sites, closes the lease pool. */
  stop(): Promise<void>;
}

export function ensureDataDir(config: Config): void {
  try {
    // Owner only: it holds the inventory (with encrypted credentials), counter state and the spool.
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new LinkscopeError('LS_CONFIG_INVALID', `dataDir ${config.dataDir} cannot be created: ${describeError(err)}; set LINKSCOPE_DATA_DIR to a writable folder`, { cause: err });
  }
}

/**
 * The inventory alone (device add/list/remove need nothing else): PostgreSQL when database.url is
 * set (shared by a fleet of pollers), else SQLite in dataDir.
 */
export async function openInventoryFor(config: Config, logger: Logger): Promise<Inventory> {
  const secretKey = loadOrCreateSecretKey(config.secretKeyFile);
  const child = logger.child({ module: 'inventory' });
  if (config.database.url !== null) return openPgInventory({ url: config.database.url.reveal(), secretKey, secretKeyFile: config.secretKeyFile, logger: child });
  ensureDataDir(config);
  return openInventory({ path: join(config.dataDir, 'inventory.db'), secretKey, secretKeyFile: config.secretKeyFile, logger: child });
}

/** This poller's id in a fleet: cluster.pollerId, else `<hostname>-<pid>`. */
export function pollerIdFor(config: Config): string {
  return config.cluster.pollerId ?? `${hostname()}-${process.pid}`;
}

/**
 * The fencing margin: a request checked just before the lease's local deadline must be answered or
 * given up (timeout x attempts) before the lease can expire by the database's clock, plus a second
 * for the scheduling of the check itself. LS_CONFIG_INVALID when the TTL leaves no room for it.
 */
export function fencingMarginMs(config: Config): number {
  const margin = config.snmp.timeoutMs * (config.snmp.retries + 1) + 1000;
  if (margin * 2 >= config.cluster.leaseTtlMs) {
    throw new LinkscopeError(
      'LS_CONFIG_INVALID',
      `cluster.leaseTtl (${config.cluster.leaseTtlMs} ms) must exceed twice the fencing margin snmp.timeout x (snmp.retries + 1) + 1s = ${margin} ms; raise LINKSCOPE_CLUSTER_LEASE_TTL to at least ${2 * margin + 1000} ms or lower the SNMP timeout/retries`,
      { details: { leaseTtlMs: config.cluster.leaseTtlMs, marginMs: margin } },
    );
  }
  return margin;
}

/**
 * How often serve writes the counter baselines of the devices polled since the last write (and at
 * stop). Writing after every poll was ~8 % of serve's CPU at a 5 s interval; a crash now costs at
 * most a minute-older baseline, i.e. the first rates after the restart average over a longer gap.
 */
const COUNTER_WRITE_BEHIND_MS = 60_000;

/** Deletes a removed device's counter state (`device remove` without a running serve); in PostgreSQL the row went with the device. */
export async function forgetDeviceState(config: Config, deviceId: number): Promise<void> {
  if (config.database.url !== null) return;
  await new CounterStore(config.dataDir).remove(deviceId);
}

export function createSnmpClient(logger: Logger, maxVarbindsPerRequest?: number): SnmpClient {
  return new NetSnmpClient({ logger: logger.child({ module: 'snmp' }), ...(maxVarbindsPerRequest === undefined ? {} : { maxVarbindsPerRequest }) });
}

export interface RuntimeOptions {
  /** The MIB modules when the caller has already loaded them (serve): custom metrics resolve names there instead of loading them again. */
  readonly mibs?: MibStore;
  /** Run the neighbour crawl when topology.discover has ranges (serve); one-shot commands never add devices. */
  readonly crawl?: boolean;
  /** Replaces the wireless engine (src/wireless/engine.ts): tests of the layers around it. */
  readonly wirelessEngine?: WirelessEngine;
  /**
   * Join the fleet when database.url is set (serve): poll only the devices of the slots this poller
   * leases. Without it (poll --once) a PostgreSQL inventory is polled as asked, with no counter
   * state (no rates): a one-off poll never writes another poller's state.
   */
  readonly cluster?: boolean;
}

/** The MIB modules as custom metrics see them. */
export function mibResolver(store: MibStore): MibResolver {
  return { oidForName: (n) => store.oidForName(n), nameForOid: (o) => store.nameForOid(o), enumerationFor: (o) => store.enumeration(o), names: () => store.names() };
}

/**
 * The `metrics` section compiled against the MIB modules (loaded only when a name needs them);
 * LS_CONFIG_INVALID naming the metric and key when one is wrong. Run before anything else starts.
 */
export function compileConfiguredMetrics(config: Config, mibs?: MibStore): CustomMetric[] {
  if (config.metrics.length === 0) return [];
  const noMibs: MibResolver = { oidForName: (n) => n };
  return compileCustomMetrics(config.metrics, needsMibs(config.metrics) ? mibResolver(mibs ?? MibStore.load({ dirs: config.mibs.dirs })) : noMibs);
}

/** Names of the configured custom metrics, for checking a device's `metrics` list (no MIB loading). */
export function configuredMetricNames(config: Config): string[] {
  return config.metrics.map((m) => m['name']).filter((n): n is string => typeof n === 'string');
}

/** Everything a poll needs: inventory, SNMP, sink (with spool), live state, counter store, poller. */
export async function createRuntime(config: Config, baseLogger: Logger, options: RuntimeOptions = {}): Promise<Runtime> {
  const customMetrics = compileConfiguredMetrics(config, options.mibs);
  const clustered = options.cluster === true && config.database.url !== null;
  const pollerId = clustered ? pollerIdFor(config) : undefined;
  // In a fleet every line names the poller.
  const logger = pollerId === undefined ? baseLogger : baseLogger.child({ poller: pollerId });
  const marginMs = clustered ? fencingMarginMs(config) : 0;
  const inventory = await openInventoryFor(config, logger);
  if (customMetrics.length > 0) logger.info({ metrics: customMetrics.map((m) => m.name) }, 'custom metrics configured');
  const influx = {
    url: config.influx.url,
    db: config.influx.db,
    ...(config.influx.user === null ? {} : { user: config.influx.user }),
    ...(config.influx.password === null ? {} : { password: config.influx.password }),
    timeoutMs: config.influx.timeoutMs,
  };
  const retention = {
    rawMs: config.influx.retention.rawMs,
    rollup: { ...config.influx.rollup },
  };
  // Database, retention policies and the rollup query, before the first write (and again when a
  // write finds the database gone); a refusal (no admin rights, InfluxDB 2/3, VictoriaMetrics) is a
  // warning, never a stop.
  const admin = new InfluxAdmin({ conn: influx, timeoutMs: config.influx.timeoutMs, retention, logger });
  const sink = new InfluxSink({
    ...influx,
    admin,
    batchSize: config.influx.batchSize,
    flushIntervalMs: config.influx.flushIntervalMs,
    spoolDir: join(config.dataDir, 'spool'),
    spoolMaxBytes: config.spool.maxBytes,
    logger,
  });
  const state = new LiveState();
  let counters: PollerDeps['counters'];
  let cluster: ClusterRuntime | undefined;
  let ownership: LeaseOwnership | undefined;
  let poller: Poller | undefined;
  if (clustered && pollerId !== undefined) {
    cluster = createCluster(config, logger, inventory as PgInventory, pollerId, marginMs, () => poller);
    counters = cluster.counters;
    ownership = new LeaseOwnership(cluster.leases, DEFAULT_SLOT_COUNT);
    // After the ownership's own listener (registered in its constructor), so the poller sees the new version.
    cluster.leases.onChange(() => poller?.reconcileNow());
  } else if (config.database.url !== null) {
    // poll --once on a fleet's inventory: no counter state of the pollers is read or written.
    counters = new MemoryCounters();
  } else {
    // Counter baselines are written once a minute and when the poller stops, not after every poll.
    const files = new CounterStore(config.dataDir, { logger, writeBehindMs: COUNTER_WRITE_BEHIND_MS });
    // Devices removed while linkscope was not running (or by an older version) leave state files behind.
    files.prune(inventory.list().map((d) => d.id));
    counters = files;
  }
  const snmp = createSnmpClient(logger, config.snmp.maxVarbindsPerRequest);
  const topology = new TopologyState({ inventory, state, staleAfterMs: config.topology.staleAfterMs });
  const wireless = new WirelessState();
  const health = new HealthState();
  const crawler =
    options.crawl === true && config.topology.discover.length > 0
      ? new NeighborCrawler({
          inventory,
          snmp,
          ranges: config.topology.discover,
          port: config.topology.discoverPort,
          snmpSettings: { timeoutMs: config.snmp.timeoutMs, retries: config.snmp.retries, maxRepetitions: config.snmp.maxRepetitions },
          logger,
          onAdded: (device) => poller?.schedule(device.id),
        })
      : undefined;
  poller = new Poller({
    inventory,
    snmp,
    sink,
    state,
    counters,
    logger,
    topology: {
      intervalMs: config.topology.intervalMs,
      record: async (deviceId, discovery, nowMs) => {
        await topology.record(deviceId, discovery, nowMs);
        if (crawler !== undefined) crawlAfterRecord(crawler, inventory, topology, deviceId, discovery, nowMs, logger);
      },
      linkPoints: (deviceId, nowMs) => topology.linkPoints(nowMs, deviceId),
    },
    wireless: { state: wireless, ...(options.wirelessEngine === undefined ? {} : { engine: options.wirelessEngine }) },
    ...(customMetrics.length === 0 ? {} : { customMetrics: new CustomMetricsStep(customMetrics, sink) }),
    health: { state: health, intervalMs: config.health.intervalMs },
    ...(ownership === undefined ? {} : { ownership }),
    settings: {
      pollIntervalMs: config.pollIntervalMs,
      snmp: config.snmp,
      maxConcurrentRequests: config.poller.maxConcurrentRequests,
      maxConcurrentProbes: config.poller.maxConcurrentProbes,
      jitterRatio: config.poller.jitterRatio,
      rediscoverIntervalMs: config.poller.rediscoverIntervalMs > 0 ? config.poller.rediscoverIntervalMs : Number.POSITIVE_INFINITY,
      backoffMaxMs: config.poller.backoffMaxMs,
    },
  });
  const history = new InfluxHistory({ ...influx, retention, rollupReady: () => admin.rollupReady() });
  return { config, logger, inventory, state, sink, snmp, poller, history, topology, wireless, health, crawler, cluster };
}

/** How often a poller looks for new device sites (slots of a site are leased once it has a device). */
const SITE_SCAN_MS = 1000;
/** Counter state of a fleet is written in batches every 5 s (fenced by the lease epoch)… */
const FLEET_COUNTER_WRITE_MS = 5000;
/**
 * …each device at most every 5 minutes, and at once when its slot is released (planned handover,
 * stop). A poller that dies hands over baselines up to 5 min old: the first rate after the takeover
 * averages over that span. Writing every poll was most of PostgreSQL's CPU in the fleet bench.
 */
const FLEET_COUNTER_REWRITE_MS = 5 * 60_000;

/**
 * One poller of a fleet: slot leases on their own small pool (statements time out at a third of the
 * TTL, so a partitioned database never stalls the renewal loop), counter state fenced by the lease
 * epoch, and a planned stop that drains and releases every slot.
 */
function createCluster(config: Config, logger: Logger, inventory: PgInventory, pollerId: string, marginMs: number, poller: () => Poller | undefined): ClusterRuntime {
  const url = config.database.url?.reveal() ?? '';
  const ttlMs = config.cluster.leaseTtlMs;
  const leasePool = openPgPool(url, { statementTimeoutMs: Math.max(1, Math.floor(ttlMs / 3)), max: 2, logger, applicationName: `linkscope-leases-${pollerId}` });
  const devicesIn = (slots: readonly { site: string; slot: number }[]): number[] => {
    const wanted = new Set(slots.map((s) => `${s.site}\u0000${s.slot}`));
    return inventory.list().filter((d) => wanted.has(`${d.site}\u0000${slotOf(d.id, DEFAULT_SLOT_COUNT)}`)).map((d) => d.id);
  };
  const leases = new LeaseManager({
    pool: leasePool,
    pollerId,
    ...(config.cluster.sites === null ? {} : { sites: config.cluster.sites }),
    slotCount: DEFAULT_SLOT_COUNT,
    ttlMs,
    marginMs,
    logger,
    // Before a slot moves on: finish its polls, write its counter state (the next owner continues from it).
    drain: async (slots) => {
      await poller()?.releaseDevices(devicesIn(slots));
    },
  });
  const leaseOf = (deviceId: number): { site: string; slot: number } | undefined => {
    const d = inventory.find(deviceId);
    return d === undefined ? undefined : { site: d.site, slot: slotOf(d.id, DEFAULT_SLOT_COUNT) };
  };
  const counters = new PgCounterStore(inventory.pool, {
    pollerId,
    fence: (deviceId) => {
      const at = leaseOf(deviceId);
      const epoch = at === undefined ? undefined : leases.mayAct(at.site, at.slot);
      return at === undefined || epoch === undefined ? undefined : { ...at, epoch };
    },
    // Someone else holds the slot now: stop acting on it at once.
    onStale: (deviceId) => {
      const at = leaseOf(deviceId);
      if (at !== undefined) leases.dropSlot(at.site, at.slot);
    },
    writeBehindMs: FLEET_COUNTER_WRITE_MS,
    minRewriteMs: FLEET_COUNTER_REWRITE_MS,
    logger,
  });
  let siteToken = -1;
  const scanSites = (): void => {
    const token = inventory.changeToken();
    if (token === siteToken) return;
    siteToken = token;
    try {
      leases.setSites([...new Set(inventory.list().map((d) => d.site))]);
    } catch (err) {
      logger.warn({ err: describeError(err) }, 'cannot read the device sites');
    }
  };
  let siteTimer: NodeJS.Timeout | null = null;
  const view = new ClusterView(pollerId, DEFAULT_SLOT_COUNT, leases, inventory);
  return {
    pollerId,
    leases,
    view,
    counters,
    async start(): Promise<void> {
      scanSites();
      await leases.start();
      siteTimer = setInterval(scanSites, SITE_SCAN_MS);
      siteTimer.unref();
    },
    async stop(): Promise<void> {
      if (siteTimer !== null) clearInterval(siteTimer);
      await leases.stop();
      await counters.close();
      await leasePool.end().catch(() => undefined);
    },
  };
}

/**
 * Hands a fresh discovery to the crawl, in the background. Rows the merge already matched to an
 * inventory device (by chassis ID, name or address, possibly under another management address)
 * carry their remoteDeviceId so they are not probed; the merged view may lag by
 * TopologyState's rebuild interval, which only delays a skip, never an add of a known device
 * (the crawl also skips addresses the inventory has).
 */
function crawlAfterRecord(crawler: NeighborCrawler, inventory: Inventory, topology: TopologyState, deviceId: number, discovery: NeighborDiscovery, nowMs: number, logger: Logger): void {
  const seer = inventory.find(deviceId);
  if (seer === undefined) return;
  const matched = new Map<string, number>();
  const keyOf = (n: { remoteChassisId: string | null; remoteName: string | null; remoteAddress: string | null }): string => `${n.remoteChassisId ?? ''}|${n.remoteName ?? ''}|${n.remoteAddress ?? ''}`;
  for (const r of topology.neighbors(deviceId, nowMs)) if (r.remoteDeviceId !== null) matched.set(keyOf(r), r.remoteDeviceId);
  const rows: CrawlNeighbor[] = discovery.neighbors.map((n) => ({ ...n, remoteDeviceId: matched.get(keyOf(n)) ?? null }));
  void crawler.consider(seer, rows).catch((err: unknown) => logger.warn({ module: 'crawl', deviceId, err: describeError(err) }, 'neighbour crawl failed'));
}

/** Stop polling (finishing in-flight polls), flush or spool every pending sample, close the inventory. */
export async function closeRuntime(rt: Runtime): Promise<void> {
  rt.crawler?.close();
  // A planned stop hands every slot over once its polls finished (drain), before the poller stops.
  await rt.cluster?.stop();
  await rt.poller.stop();
  await rt.sink.close();
  await rt.inventory.close();
}

export interface Server {
  readonly runtime: Runtime;
  readonly api: FastifyInstance;
  /** The shipped MIB modules + mibs.dirs, loaded once at start-up (broken modules logged as warnings). */
  readonly mibs: MibStore;
  /** `http://host:port` the API listens on. */
  readonly url: string;
  close(): Promise<void>;
}

/** `linkscope serve`: poller + API in one process. */
export async function startServer(config: Config, logger: Logger, options: { insecure?: boolean } & RuntimeOptions = {}): Promise<Server> {
  const { requireAuthForReads } = assertListenAllowed({ host: config.listen.host, apiToken: config.apiToken, insecure: options.insecure ?? false, logger });
  const mibs = loadMibStore({ dirs: config.mibs.dirs }, logger.child({ module: 'mib' }));
  const runtime = await createRuntime(config, logger, { crawl: true, cluster: true, mibs, ...(options.wirelessEngine === undefined ? {} : { wirelessEngine: options.wirelessEngine }) });
  if (runtime.crawler !== undefined) logger.info({ ranges: config.topology.discover, port: config.topology.discoverPort }, 'neighbour crawl on');
  const api = await buildApi({
    inventory: runtime.inventory,
    state: runtime.state,
    poller: runtime.poller,
    history: runtime.history,
    topology: runtime.topology,
    wireless: runtime.wireless,
    health: runtime.health,
    ...(runtime.cluster === undefined ? {} : { cluster: runtime.cluster.view }),
    sinkStatus: () => runtime.sink.status(),
    apiToken: config.apiToken,
    logger,
    defaultPollIntervalMs: config.pollIntervalMs,
    customMetricNames: configuredMetricNames(config),
    requireAuthForReads,
    listenHost: config.listen.host,
    allowedHosts: config.allowedHosts,
  });
  if (runtime.cluster !== undefined) {
    try {
      await runtime.cluster.start();
    } catch (err) {
      await closeRuntime(runtime);
      throw err;
    }
    logger.info({ poller: runtime.cluster.pollerId, slots: runtime.cluster.leases.stats().slots }, 'joined the fleet');
  }
  runtime.poller.start();
  let address: string;
  try {
    address = await api.listen({ host: config.listen.host, port: config.listen.port });
  } catch (err) {
    await closeRuntime(runtime);
    throw new LinkscopeError('LS_CONFIG_INVALID', `cannot listen on ${formatAgent(config.listen.host, config.listen.port)} (LINKSCOPE_LISTEN): ${describeError(err)}`, { cause: err });
  }
  logger.info({ url: address }, 'API listening');
  let closed = false;
  return {
    runtime,
    api,
    mibs,
    url: address,
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await api.close();
      await closeRuntime(runtime);
    },
  };
}

/** One polling process per data dir (serve, demo); LS_DATA_DIR_LOCKED names the holder. CLI edits need no lock. */
export function lockDataDirFor(config: Config, command: string): DataDirLock {
  ensureDataDir(config);
  return lockDataDir(config.dataDir, { command });
}

/**
 * Applies what a new configuration may change without a restart (poll interval, SNMP settings,
 * jitter, rediscovery, backoff) to the running poller; the rest is named in the plan, not applied.
 */
export function reloadServer(server: Server, current: Config, next: Config): { plan: ReloadPlan; effective: Config } {
  const plan = planReload(current, next);
  const effective = effectiveAfterReload(current, next);
  if (plan.applied.length > 0) {
    server.runtime.poller.reconfigure({
      pollIntervalMs: next.pollIntervalMs,
      snmp: effective.snmp,
      jitterRatio: next.poller.jitterRatio,
      rediscoverIntervalMs: next.poller.rediscoverIntervalMs > 0 ? next.poller.rediscoverIntervalMs : Number.POSITIVE_INFINITY,
      backoffMaxMs: next.poller.backoffMaxMs,
    });
  }
  return { plan, effective };
}

/** Resolves on the first SIGINT or SIGTERM (a second one exits at once). */
export function waitForStopSignal(logger: Logger): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: string): void => {
      logger.info({ signal }, 'stopping: finishing in-flight polls and flushing samples');
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve(signal);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}
