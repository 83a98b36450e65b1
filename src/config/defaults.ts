/** Built-in defaults: the lowest layer of configuration (CONTRACT.md), in internal units (ms, bytes). */
import type { LogFormat, LogLevel } from './types.js';

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const DEFAULTS = {
  /** Relative to the working directory; loadConfig makes it absolute. */
  dataDir: './data',
  influx: {
    url: 'http://127.0.0.1:8086',
    db: 'linkscope',
    user: null,
    password: null,
    // 5000 points is InfluxDB's own recommended batch size for the v1 write API.
    batchSize: 5000,
    flushIntervalMs: 1 * SECOND_MS,
    timeoutMs: 10 * SECOND_MS,
    // Raw points for a month (a full billing cycle at poll resolution), 5-minute rollups for two
    // years (104 weeks): about 1/5 of the raw size per month at a 60 s poll, kept 24 times longer.
    retention: { rawMs: 30 * DAY_MS },
    rollup: { enabled: true, intervalMs: 5 * MINUTE_MS, retentionMs: 104 * 7 * DAY_MS, readAboveMs: 24 * HOUR_MS },
  },
  listen: { host: '127.0.0.1', port: 8080 },
  apiToken: null,
  allowedHosts: [] as readonly string[],
  pollIntervalMs: 60 * SECOND_MS,
  logLevel: 'info' as LogLevel,
  logFormat: 'auto' as LogFormat,
  snmp: {
    timeoutMs: 2 * SECOND_MS,
    retries: 1,
    // 25 rows of ifXTable fit in one 1500-byte-MTU UDP reply on most agents; larger values fragment.
    maxRepetitions: 25,
    // snmpsim 0.4 never answers a GETBULK asking for more than 64 varbinds; snmpd caps at 100.
    maxVarbindsPerRequest: 64,
    // Each device's GETBULK size grows from maxVarbindsPerRequest toward this while its agent answers
    // completely and quickly (snmpd truncates at 100 and is held there; snmpsim stays at 64).
    maxVarbindsCeiling: 128,
  },
  poller: {
    maxConcurrentRequests: 64,
    // A dead probe holds its slot for snmp.timeout x (retries + 1) (4 s at the defaults), one attempt
    // in back-off: 32 slots probe about 8-16 dead devices a second, never taking a healthy slot.
    maxConcurrentProbes: 32,
    jitterRatio: 0.5,
    rediscoverIntervalMs: 6 * HOUR_MS,
    backoffMaxMs: 15 * MINUTE_MS,
  },
  // 0: health is read with every poll of the device, on the device's interval.
  health: { intervalMs: 0 },
  topology: {
    intervalMs: 5 * MINUTE_MS,
    staleAfterMs: 1 * HOUR_MS,
    discover: [] as readonly string[],
    discoverPort: 161,
  },
  spool: { maxBytes: 1024 ** 3 },
  /** One process on embedded SQLite unless database.url names a PostgreSQL. */
  database: { url: null },
  // 30 s: a dead poller's devices are polled again within about half a minute (plus one interval),
  // while a PostgreSQL hiccup shorter than 30 s - margin costs nothing.
  cluster: { pollerId: null, sites: null, leaseTtlMs: 30 * SECOND_MS },
  /** No user MIB folders: only the shipped mibs/. */
  mibs: { dirs: [] as readonly string[] },
  /** Custom metrics (docs/custom-metrics.md): none unless configured. */
  metrics: [] as readonly Readonly<Record<string, unknown>>[],
} as const;

/**
 * Where the inventory's secret key lives unless configured: under the user's config directory,
 * deliberately outside the data dir so that a copy of the data dir does not carry its own key.
 * Returned in file form (may start with `~/`); loadConfig expands and resolves it.
 */
export function defaultSecretKeyFile(env: Readonly<Record<string, string | undefined>>): string {
  const xdg = env['XDG_CONFIG_HOME'];
  // The XDG base-directory spec says relative values are invalid and must be ignored.
  if (xdg !== undefined && xdg.startsWith('/')) return `${xdg.replace(/\/+$/, '')}/linkscope/secret.key`;
  return '~/.config/linkscope/secret.key';
}
