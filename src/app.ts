/** Composition root: the only file that builds concrete classes and wires modules together. */
import { formatAgent } from './model/address.js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { assertListenAllowed, buildApi } from './api/server.js';
import { effectiveAfterReload, planReload, type Config, type ReloadPlan } from './config/index.js';
import { lockDataDir, type DataDirLock } from './inventory/data-dir-lock.js';
import { loadOrCreateSecretKey } from './inventory/secret-box.js';
import { openInventory } from './inventory/sqlite-inventory.js';
import type { Inventory } from './inventory/types.js';
import { describeError, LinkscopeError } from './model/errors.js';
import type { Logger } from './observability/logger.js';
import { Poller } from './poller/poller.js';
import { NetSnmpClient } from './snmp/net-snmp-client.js';
import type { SnmpClient } from './snmp/types.js';
import { CounterStore } from './state/counter-store.js';
import { LiveState } from './state/live-state.js';
import { TopologyState } from './state/topology-state.js';
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
}

export function ensureDataDir(config: Config): void {
  try {
    // Owner only: it holds the inventory (with encrypted credentials), counter state and the spool.
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new LinkscopeError('LS_CONFIG_INVALID', `dataDir ${config.dataDir} cannot be created: ${describeError(err)}; set LINKSCOPE_DATA_DIR to a writable folder`, { cause: err });
  }
}

/** The inventory alone (device add/list/remove need nothing else). */
export function openInventoryFor(config: Config, logger: Logger): Inventory {
  ensureDataDir(config);
  const secretKey = loadOrCreateSecretKey(config.secretKeyFile);
  return openInventory({ path: join(config.dataDir, 'inventory.db'), secretKey, secretKeyFile: config.secretKeyFile, logger: logger.child({ module: 'inventory' }) });
}

/** Deletes a removed device's counter state (`device remove` without a running serve). */
export async function forgetDeviceState(config: Config, deviceId: number): Promise<void> {
  await new CounterStore(config.dataDir).remove(deviceId);
}

export function createSnmpClient(logger: Logger, maxVarbindsPerRequest?: number): SnmpClient {
  return new NetSnmpClient({ logger: logger.child({ module: 'snmp' }), ...(maxVarbindsPerRequest === undefined ? {} : { maxVarbindsPerRequest }) });
}

/** Everything a poll needs: inventory, SNMP, sink (with spool), live state, counter store, poller. */
export function createRuntime(config: Config, logger: Logger): Runtime {
  const inventory = openInventoryFor(config, logger);
  const influx = {
    url: config.influx.url,
    db: config.influx.db,
    ...(config.influx.user === null ? {} : { user: config.influx.user }),
    ...(config.influx.password === null ? {} : { password: config.influx.password }),
    timeoutMs: config.influx.timeoutMs,
  };
  const sink = new InfluxSink({
    ...influx,
    batchSize: config.influx.batchSize,
    flushIntervalMs: config.influx.flushIntervalMs,
    spoolDir: join(config.dataDir, 'spool'),
    spoolMaxBytes: config.spool.maxBytes,
    logger,
  });
  const state = new LiveState();
  const counters = new CounterStore(config.dataDir, { logger });
  // Devices removed while linkscope was not running (or by an older version) leave state files behind.
  counters.prune(inventory.list().map((d) => d.id));
  const snmp = createSnmpClient(logger, config.snmp.maxVarbindsPerRequest);
  const topology = new TopologyState({ inventory, state, staleAfterMs: config.topology.staleAfterMs });
  const poller = new Poller({
    inventory,
    snmp,
    sink,
    state,
    counters,
    logger,
    topology: {
      intervalMs: config.topology.intervalMs,
      record: (deviceId, discovery, nowMs) => topology.record(deviceId, discovery, nowMs),
      linkPoints: (deviceId, nowMs) => topology.linkPoints(nowMs, deviceId),
    },
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
  const history = new InfluxHistory(influx);
  return { config, logger, inventory, state, sink, snmp, poller, history, topology };
}

/** Stop polling (finishing in-flight polls), flush or spool every pending sample, close the inventory. */
export async function closeRuntime(rt: Runtime): Promise<void> {
  await rt.poller.stop();
  await rt.sink.close();
  rt.inventory.close();
}

export interface Server {
  readonly runtime: Runtime;
  readonly api: FastifyInstance;
  /** `http://host:port` the API listens on. */
  readonly url: string;
  close(): Promise<void>;
}

/** `linkscope serve`: poller + API in one process. */
export async function startServer(config: Config, logger: Logger, options: { insecure?: boolean } = {}): Promise<Server> {
  const { requireAuthForReads } = assertListenAllowed({ host: config.listen.host, apiToken: config.apiToken, insecure: options.insecure ?? false, logger });
  const runtime = createRuntime(config, logger);
  const api = await buildApi({
    inventory: runtime.inventory,
    state: runtime.state,
    poller: runtime.poller,
    history: runtime.history,
    topology: runtime.topology,
    sinkStatus: () => runtime.sink.status(),
    apiToken: config.apiToken,
    logger,
    defaultPollIntervalMs: config.pollIntervalMs,
    requireAuthForReads,
    listenHost: config.listen.host,
    allowedHosts: config.allowedHosts,
  });
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
