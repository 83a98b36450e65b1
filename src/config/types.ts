/** The validated, frozen configuration every module receives a slice of, and the file shape users write. */
import type { Secret } from '../model/secret.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** `auto`: readable lines on a terminal, JSON (one object a line) otherwise. */
export const LOG_FORMATS = ['auto', 'pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface InfluxConfig {
  readonly url: string;
  readonly db: string;
  readonly user: string | null;
  readonly password: Secret | null;
  /** Points per HTTP write. */
  readonly batchSize: number;
  readonly flushIntervalMs: number;
  readonly timeoutMs: number;
  readonly retention: {
    /** Raw points' retention policy duration; 0 = forever. */
    readonly rawMs: number;
  };
  readonly rollup: {
    readonly enabled: boolean;
    /** Bucket width of the rollup continuous query (whole seconds). */
    readonly intervalMs: number;
    /** Rollup retention policy duration; 0 = forever. */
    readonly retentionMs: number;
    /** History ranges longer than this read the rollup. */
    readonly readAboveMs: number;
  };
}

export interface ListenConfig {
  readonly host: string;
  readonly port: number;
}

export interface SnmpConfig {
  readonly timeoutMs: number;
  /** Extra attempts after the first. */
  readonly retries: number;
  readonly maxRepetitions: number;
  /** Ceiling on columns x repetitions in one GETBULK (agents cap their replies). */
  readonly maxVarbindsPerRequest: number;
  /** Largest GETBULK a device's self-tuning size may grow to. */
  readonly maxVarbindsCeiling: number;
}

export interface PollerConfig {
  /** Global cap on SNMP requests in flight, all devices together. */
  readonly maxConcurrentRequests: number;
  /** Cap on polls in flight of devices not known to answer (never answered, unreachable, auth failing), on top of maxConcurrentRequests. */
  readonly maxConcurrentProbes: number;
  /** Each device's fixed poll phase is drawn at random within this fraction of its interval. */
  readonly jitterRatio: number;
  /** How often interfaces are re-discovered; 0 = only at start and after a sysUpTime reset. */
  readonly rediscoverIntervalMs: number;
  /** Ceiling of the back-off between polls of an unreachable device. */
  readonly backoffMaxMs: number;
}

export interface TopologyConfig {
  /** How often each device's LLDP/CDP neighbours are discovered again. */
  readonly intervalMs: number;
  /** How long a link no device reports any more stays listed (as down) before it is dropped. */
  readonly staleAfterMs: number;
  /** Ranges (canonical CIDR text) the neighbour crawl may add devices from; empty = no crawl. */
  readonly discover: readonly string[];
  /** SNMP port the crawl tries new devices on. */
  readonly discoverPort: number;
}

export interface SpoolConfig {
  readonly maxBytes: number;
}

export interface MibsConfig {
  /** Absolute paths of user MIB folders, loaded after the shipped mibs/ (each exists: checked at load). */
  readonly dirs: readonly string[];
}

export interface DatabaseConfig {
  /** PostgreSQL URL (may carry a password: a Secret); null = embedded SQLite in dataDir. */
  readonly url: Secret | null;
}

/** Scale-out (docs/scale-out.md): only used with database.url. */
export interface ClusterConfig {
  /** null = `<hostname>-<pid>`. */
  readonly pollerId: string | null;
  /** Device sites this poller polls; null = every site. */
  readonly sites: readonly string[] | null;
  readonly leaseTtlMs: number;
}

export interface HealthConfig {
  /** How often each device's health profiles are polled; 0 = with every poll of the device. */
  readonly intervalMs: number;
}

export interface Config {
  /** Absolute path. */
  readonly dataDir: string;
  readonly influx: InfluxConfig;
  readonly listen: ListenConfig;
  readonly apiToken: Secret | null;
  /** Extra names the API accepts in the Host header (lower case, no port), besides the listen address. */
  readonly allowedHosts: readonly string[];
  readonly pollIntervalMs: number;
  readonly logLevel: LogLevel;
  readonly logFormat: LogFormat;
  readonly snmp: SnmpConfig;
  readonly poller: PollerConfig;
  readonly health: HealthConfig;
  readonly topology: TopologyConfig;
  readonly spool: SpoolConfig;
  /** Absolute path of the key that encrypts communities and v3 keys in the inventory. */
  readonly secretKeyFile: string;
  readonly mibs: MibsConfig;
  readonly database: DatabaseConfig;
  readonly cluster: ClusterConfig;
  /**
   * User-configured custom metrics (section `metrics`), as written: a list of mappings, compiled and
   * checked at start-up by src/metrics/custom.ts (MIB names need the MIB modules, which config/ does not load).
   */
  readonly metrics: readonly Readonly<Record<string, unknown>>[];
}

/**
 * The file (and `overrides`) shape: camelCase mirrors of Config with durations and sizes as text
 * ("60s", "1GiB"). Values are `unknown` at this edge because they come from YAML/JSON and are
 * checked by the schema, not by the type system.
 */
export interface ConfigFile {
  readonly dataDir?: unknown;
  readonly influx?: {
    readonly url?: unknown;
    readonly db?: unknown;
    readonly user?: unknown;
    readonly password?: unknown;
    readonly batchSize?: unknown;
    readonly flushInterval?: unknown;
    readonly timeout?: unknown;
    readonly retention?: { readonly raw?: unknown };
    readonly rollup?: { readonly enabled?: unknown; readonly interval?: unknown; readonly retention?: unknown; readonly readAbove?: unknown };
  };
  readonly listen?: unknown;
  readonly apiToken?: unknown;
  readonly pollInterval?: unknown;
  readonly logLevel?: unknown;
  readonly logFormat?: unknown;
  readonly snmp?: { readonly timeout?: unknown; readonly retries?: unknown; readonly maxRepetitions?: unknown; readonly maxVarbindsPerRequest?: unknown; readonly maxVarbindsCeiling?: unknown };
  readonly poller?: {
    readonly maxConcurrentRequests?: unknown;
    readonly maxConcurrentProbes?: unknown;
    readonly jitter?: unknown;
    readonly rediscoverInterval?: unknown;
    readonly backoffMax?: unknown;
  };
  readonly health?: { readonly interval?: unknown };
  readonly topology?: { readonly interval?: unknown; readonly staleAfter?: unknown; readonly discover?: unknown; readonly discoverPort?: unknown };
  readonly spool?: { readonly maxSize?: unknown };
  readonly secretKeyFile?: unknown;
  readonly mibs?: { readonly dirs?: unknown };
  readonly database?: { readonly url?: unknown };
  readonly cluster?: { readonly pollerId?: unknown; readonly sites?: unknown; readonly leaseTtl?: unknown };
  readonly metrics?: unknown;
}
