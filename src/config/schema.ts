/** The one configuration schema: every key, its env var, what it accepts and how it is parsed. Pure. */
import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { parseCidr } from '../model/cidr.js';
import { Secret } from '../model/secret.js';
import { DEFAULTS, defaultSecretKeyFile } from './defaults.js';
import { LOG_FORMATS, LOG_LEVELS } from './types.js';
import { DURATION_HINT, SIZE_HINT, formatDuration, formatSize, tryParseDuration, tryParseSize } from './units.js';

export type FieldKind =
  | { readonly type: 'duration'; readonly minMs: number; readonly maxMs: number; readonly zeroMeans?: string }
  | { readonly type: 'size'; readonly min: number; readonly max: number }
  | { readonly type: 'integer'; readonly min: number; readonly max: number }
  | { readonly type: 'ratio'; readonly min: number; readonly max: number }
  | { readonly type: 'string'; readonly maxLength: number; readonly nullable: boolean }
  | { readonly type: 'secret' }
  | { readonly type: 'url' }
  | { readonly type: 'listen' }
  | { readonly type: 'hostList' }
  | { readonly type: 'cidrList' }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'boolean' }
  | { readonly type: 'path' }
  | { readonly type: 'pathList' }
  | { readonly type: 'databaseUrl' }
  | { readonly type: 'siteList' };

export interface FieldSpec {
  /** Dotted file key, as users write it: `snmp.timeout`. */
  readonly key: string;
  /** Environment variable that sets it. */
  readonly env: string;
  readonly kind: FieldKind;
  /** One line for docs/configuration.md and the example file. */
  readonly summary: string;
}

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const D = 24 * H;
const W = 7 * D;

// Order = order in docs/configuration.md and linkscope.example.yaml.
export const FIELDS: readonly FieldSpec[] = [
  { key: 'dataDir', env: 'LINKSCOPE_DATA_DIR', kind: { type: 'path' }, summary: 'inventory database (SQLite), counter state and the write spool' },
  { key: 'pollInterval', env: 'LINKSCOPE_POLL_INTERVAL', kind: { type: 'duration', minMs: 1 * S, maxMs: 24 * H }, summary: 'default interface poll interval (a device may override it)' },
  { key: 'logLevel', env: 'LINKSCOPE_LOG_LEVEL', kind: { type: 'enum', values: LOG_LEVELS }, summary: 'pino log level' },
  { key: 'logFormat', env: 'LINKSCOPE_LOG_FORMAT', kind: { type: 'enum', values: LOG_FORMATS }, summary: 'log lines: "pretty" (readable), "json" (one object a line, for collectors), "auto" = pretty on a terminal, json otherwise' },
  { key: 'listen', env: 'LINKSCOPE_LISTEN', kind: { type: 'listen' }, summary: 'API address, HOST:PORT ("[::1]:8080"; ":8080" = all IPv4 interfaces)' },
  { key: 'apiToken', env: 'LINKSCOPE_API_TOKEN', kind: { type: 'secret' }, summary: 'bearer token; required for writes, and for everything when listening beyond loopback' },
  { key: 'allowedHosts', env: 'LINKSCOPE_ALLOWED_HOSTS', kind: { type: 'hostList' }, summary: 'extra host names the API answers to (Host header), e.g. "linkscope.lan"; the listen address and, on loopback, localhost are always allowed' },
  { key: 'secretKeyFile', env: 'LINKSCOPE_SECRET_KEY_FILE', kind: { type: 'path' }, summary: 'key that encrypts communities and v3 keys in the inventory; created (mode 0600) when missing. Keep it outside dataDir' },
  { key: 'influx.url', env: 'LINKSCOPE_INFLUX_URL', kind: { type: 'url' }, summary: 'InfluxDB v1 HTTP API (also InfluxDB 2/3 v1-compat, VictoriaMetrics)' },
  { key: 'influx.db', env: 'LINKSCOPE_INFLUX_DB', kind: { type: 'string', maxLength: 255, nullable: false }, summary: 'database; created when missing' },
  { key: 'influx.user', env: 'LINKSCOPE_INFLUX_USER', kind: { type: 'string', maxLength: 255, nullable: true }, summary: 'InfluxDB user; null = no authentication' },
  { key: 'influx.password', env: 'LINKSCOPE_INFLUX_PASSWORD', kind: { type: 'secret' }, summary: 'InfluxDB password' },
  { key: 'influx.batchSize', env: 'LINKSCOPE_INFLUX_BATCH_SIZE', kind: { type: 'integer', min: 1, max: 1_000_000 }, summary: 'points per write request' },
  { key: 'influx.flushInterval', env: 'LINKSCOPE_INFLUX_FLUSH_INTERVAL', kind: { type: 'duration', minMs: 10, maxMs: 10 * MIN }, summary: 'longest time a point waits before it is sent' },
  { key: 'influx.timeout', env: 'LINKSCOPE_INFLUX_TIMEOUT', kind: { type: 'duration', minMs: 100, maxMs: 10 * MIN }, summary: 'per-request timeout; on expiry points go to the spool' },
  { key: 'influx.retention.raw', env: 'LINKSCOPE_INFLUX_RETENTION_RAW', kind: { type: 'duration', minMs: 1 * H, maxMs: 520 * W, zeroMeans: 'keep forever' }, summary: 'how long raw points are kept: retention policy "raw", made the database\'s default; 0 = forever' },
  { key: 'influx.rollup.enabled', env: 'LINKSCOPE_INFLUX_ROLLUP_ENABLED', kind: { type: 'boolean' }, summary: 'roll interface rates up (mean, max, 95th percentile per interval) with a continuous query into their own retention policy' },
  { key: 'influx.rollup.interval', env: 'LINKSCOPE_INFLUX_ROLLUP_INTERVAL', kind: { type: 'duration', minMs: 1 * MIN, maxMs: 1 * D }, summary: 'rollup bucket width, whole seconds; names the policy ("rollup_5m")' },
  { key: 'influx.rollup.retention', env: 'LINKSCOPE_INFLUX_ROLLUP_RETENTION', kind: { type: 'duration', minMs: 1 * H, maxMs: 520 * W, zeroMeans: 'keep forever' }, summary: 'how long rollups are kept; 0 = forever' },
  { key: 'influx.rollup.readAbove', env: 'LINKSCOPE_INFLUX_ROLLUP_READ_ABOVE', kind: { type: 'duration', minMs: 1 * MIN, maxMs: 520 * W }, summary: 'the history API reads the rollup for ranges longer than this (and for ranges reaching back past the raw retention)' },
  { key: 'snmp.timeout', env: 'LINKSCOPE_SNMP_TIMEOUT', kind: { type: 'duration', minMs: 10, maxMs: 60 * S }, summary: 'per-request timeout (net-snmp -t)' },
  { key: 'snmp.retries', env: 'LINKSCOPE_SNMP_RETRIES', kind: { type: 'integer', min: 0, max: 10 }, summary: 'extra attempts after the first (net-snmp -r)' },
  { key: 'snmp.maxRepetitions', env: 'LINKSCOPE_SNMP_MAX_REPETITIONS', kind: { type: 'integer', min: 1, max: 1000 }, summary: 'rows per GETBULK (net-snmp -Cr); lower it for agents that drop large replies' },
  { key: 'snmp.maxVarbindsPerRequest', env: 'LINKSCOPE_SNMP_MAX_VARBINDS_PER_REQUEST', kind: { type: 'integer', min: 1, max: 10_000 }, summary: 'varbinds one GETBULK may ask for (columns x repetitions); raise it (e.g. 256) for agents that answer large requests, for less CPU per varbind' },
  { key: 'snmp.maxVarbindsCeiling', env: 'LINKSCOPE_SNMP_MAX_VARBINDS_CEILING', kind: { type: 'integer', min: 1, max: 10_000 }, summary: 'largest GETBULK (varbinds) a device is tuned up to from maxVarbindsPerRequest while its agent answers completely and quickly; at or below maxVarbindsPerRequest nothing grows' },
  { key: 'poller.maxConcurrentRequests', env: 'LINKSCOPE_POLLER_MAX_CONCURRENT_REQUESTS', kind: { type: 'integer', min: 1, max: 100_000 }, summary: 'polls in flight of devices that answered their last poll, all together' },
  { key: 'poller.maxConcurrentProbes', env: 'LINKSCOPE_POLLER_MAX_CONCURRENT_PROBES', kind: { type: 'integer', min: 1, max: 100_000 }, summary: 'polls in flight of devices not known to answer (never answered yet, unreachable, auth failing), on top of maxConcurrentRequests' },
  { key: 'poller.jitter', env: 'LINKSCOPE_POLLER_JITTER', kind: { type: 'ratio', min: 0, max: 0.5 }, summary: 'fraction of the interval over which device poll phases are spread (0 to 0.5)' },
  { key: 'poller.rediscoverInterval', env: 'LINKSCOPE_POLLER_REDISCOVER_INTERVAL', kind: { type: 'duration', minMs: 1 * MIN, maxMs: 30 * D, zeroMeans: 'only at start and after a device restart' }, summary: 'how often interfaces are re-discovered; 0 = only at start and after a device restart' },
  { key: 'poller.backoffMax', env: 'LINKSCOPE_POLLER_BACKOFF_MAX', kind: { type: 'duration', minMs: 1 * S, maxMs: 24 * H }, summary: 'longest wait between polls of an unreachable device' },
  { key: 'health.interval', env: 'LINKSCOPE_HEALTH_INTERVAL', kind: { type: 'duration', minMs: 1 * S, maxMs: 24 * H, zeroMeans: 'with every poll of the device' }, summary: "how often each device's health (CPU, memory, sensors) is polled; 0 = with every poll of the device" },
  { key: 'topology.interval', env: 'LINKSCOPE_TOPOLOGY_INTERVAL', kind: { type: 'duration', minMs: 1 * MIN, maxMs: 7 * D }, summary: 'how often each device\'s LLDP/CDP neighbours are discovered again' },
  { key: 'topology.staleAfter', env: 'LINKSCOPE_TOPOLOGY_STALE_AFTER', kind: { type: 'duration', minMs: 1 * MIN, maxMs: 30 * D }, summary: 'how long a link no device reports any more stays listed (as down) before it is dropped' },
  { key: 'topology.discover', env: 'LINKSCOPE_TOPOLOGY_DISCOVER', kind: { type: 'cidrList' }, summary: 'address ranges (CIDR) the neighbour crawl may add devices from; a neighbour whose management address lies in one and answers the credentials of the device that saw it is added. null = no crawl (serve --discover sets it too)' },
  { key: 'topology.discoverPort', env: 'LINKSCOPE_TOPOLOGY_DISCOVER_PORT', kind: { type: 'integer', min: 1, max: 65535 }, summary: 'SNMP port the neighbour crawl tries new devices on' },
  { key: 'spool.maxSize', env: 'LINKSCOPE_SPOOL_MAX_SIZE', kind: { type: 'size', min: 1024 ** 2, max: 1024 ** 5 }, summary: 'disk space for samples kept while InfluxDB is down; oldest dropped beyond it' },
  { key: 'database.url', env: 'LINKSCOPE_DATABASE_URL', kind: { type: 'databaseUrl' }, summary: 'PostgreSQL shared by a fleet of pollers, postgres://user:password@host:port/database: the inventory, counter state and slot leases live there and each device is polled by exactly one poller (docs/scale-out.md). null = embedded SQLite in dataDir, one process' },
  { key: 'cluster.pollerId', env: 'LINKSCOPE_POLLER_ID', kind: { type: 'string', maxLength: 128, nullable: true }, summary: "this poller's name in the fleet (logs, /api/v1/pollers); null = hostname-pid" },
  { key: 'cluster.sites', env: 'LINKSCOPE_POLLER_SITES', kind: { type: 'siteList' }, summary: 'sites (device `site`) this poller polls, e.g. "paris,lyon"; null = every site' },
  { key: 'cluster.leaseTtl', env: 'LINKSCOPE_CLUSTER_LEASE_TTL', kind: { type: 'duration', minMs: 2 * S, maxMs: 10 * MIN }, summary: "how long a poller's slot leases last without renewal (renewed every third of it): a dead poller's devices are polled again after about this; must exceed twice snmp.timeout x (retries + 1) + 1s" },
  { key: 'mibs.dirs', env: 'LINKSCOPE_MIB_DIRS', kind: { type: 'pathList' }, summary: 'folders of your own MIB modules (vendor MIBs), loaded after the shipped mibs/; a YAML list, or "dir1:dir2" like net-snmp\'s MIBDIRS. null = none' },
];

/** pathList values are kept joined by this (a path holds no newline: control characters are refused). */
export const PATH_LIST_SEPARATOR = '\n';

/** Env vars that select the file rather than set a key. */
export const FILE_ENV = 'LINKSCOPE_CONFIG';

/** Internal values per file key (ms, bytes, Secret, absolute paths...). */
export type Value = string | number | Secret | null | { readonly host: string; readonly port: number };

export interface ParseContext {
  readonly cwd: string;
  readonly home: string;
  /** Where the value came from: messages name the env var or the overrides accordingly. */
  readonly source: 'file' | 'env' | 'override';
}

export type ParseResult = { readonly ok: true; readonly value: Value } | { readonly ok: false; readonly problem: string };

const ok = (value: Value): ParseResult => ({ ok: true, value });
const bad = (problem: string): ParseResult => ({ ok: false, problem });

/** Quote a value for a message; never used for secrets. */
function show(raw: unknown): string {
  const text = JSON.stringify(raw) ?? String(raw);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function parseField(spec: FieldSpec, raw: unknown, ctx: ParseContext): ParseResult {
  const kind = spec.kind;
  switch (kind.type) {
    case 'duration':
      return parseDurationField(kind, raw);
    case 'size': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return bad(`${show(raw)} is not a size; ${SIZE_HINT}`);
      const bytes = tryParseSize(raw);
      if (bytes === undefined) return bad(`${show(raw)} is not a size; ${SIZE_HINT}`);
      if (bytes < kind.min || bytes > kind.max) {
        return bad(`${show(raw)} is out of range; allowed ${formatSize(kind.min)} to ${formatSize(kind.max)}`);
      }
      return ok(bytes);
    }
    case 'integer': {
      const n = typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : raw;
      if (typeof n !== 'number' || !Number.isInteger(n)) return bad(`${show(raw)} is not a whole number; allowed ${kind.min} to ${kind.max}`);
      if (n < kind.min || n > kind.max) return bad(`${show(raw)} is out of range; allowed ${kind.min} to ${kind.max}`);
      return ok(n);
    }
    case 'ratio': {
      const n = typeof raw === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : raw;
      if (typeof n !== 'number' || !Number.isFinite(n) || n < kind.min || n > kind.max) {
        return bad(`${show(raw)} is not a fraction from ${kind.min} to ${kind.max} (e.g. 0.1 for ±10%)`);
      }
      return ok(n);
    }
    case 'string': {
      if (raw === null && kind.nullable) return ok(null);
      if (typeof raw !== 'string' || raw.length === 0) return bad(`${show(raw)} is not a non-empty string${kind.nullable ? ' (or null for none)' : ''}`);
      if (raw.length > kind.maxLength) return bad(`is longer than ${kind.maxLength} characters`);
      if (/[\u0000-\u001f\u007f]/.test(raw)) return bad(`${show(raw)} contains control characters`);
      return ok(raw);
    }
    case 'secret': {
      // Never echo the value: it is a secret even when it is malformed.
      if (raw === null) return ok(null);
      if (typeof raw !== 'string' || raw.length === 0) return bad('must be a non-empty string (or null for none); value not shown');
      if (/[\s\u0000-\u001f\u007f]/.test(raw)) return bad('must not contain spaces or control characters; value not shown');
      return ok(new Secret(raw));
    }
    case 'url':
      return parseUrlField(raw);
    case 'listen':
      return parseListen(raw);
    case 'hostList':
      return parseHostList(raw);
    case 'cidrList':
      return parseCidrList(raw);
    case 'boolean':
      if (raw === true || raw === 'true') return ok('true');
      if (raw === false || raw === 'false') return ok('false');
      return bad(`${show(raw)} is not true or false`);
    case 'enum':
      if (typeof raw !== 'string' || !kind.values.includes(raw)) return bad(`${show(raw)} is not one of ${kind.values.join(', ')}`);
      return ok(raw);
    case 'path': {
      if (typeof raw !== 'string' || raw.trim() === '') return bad(`${show(raw)} is not a path`);
      return ok(resolvePath(raw, ctx));
    }
    case 'pathList':
      return parsePathList(raw, ctx);
    case 'databaseUrl':
      return parseDatabaseUrl(raw);
    case 'siteList':
      return parseList(raw, 'site name', (item) => {
        const site = item.trim();
        return SITE_RE.test(site) ? { value: site } : { problem: `${show(site)} is not a site name (letters, digits, ".", "_", "-"; at most 63)` };
      });
  }
}

/** A device site name, as the inventory validates it. */
const SITE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** postgres:// or postgresql:// with a host; kept as a Secret (it may carry a password). Messages never show it. */
function parseDatabaseUrl(raw: unknown): ParseResult {
  if (raw === null) return ok(null);
  if (typeof raw !== 'string') return bad('is not a string (want postgres://user:password@host:port/database)');
  if (raw.trim() === '') return ok(null);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return bad('is not a URL (want postgres://user:password@host:port/database)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') return bad(`has scheme "${url.protocol.replace(/:$/, '')}"; want postgres:// (only PostgreSQL is supported)`);
  if (url.hostname === '') return bad('has no host (want postgres://user:password@host:port/database)');
  return ok(new Secret(raw.trim()));
}

const HOST_NAME_RE = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * A YAML list or a comma-separated string, each entry checked by `each` (its canonical form, or a
 * problem); stored comma-joined, null when empty.
 */
function parseList(raw: unknown, what: string, each: (item: string) => { readonly value: string } | { readonly problem: string } | undefined): ParseResult {
  if (raw === null) return ok(null);
  const items = typeof raw === 'string' ? raw.split(',') : Array.isArray(raw) ? raw : null;
  if (items === null) return bad(`${show(raw)} is not a list of ${what}s (or a comma-separated string, or null)`);
  const values: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') return bad(`${show(item)} is not a ${what}`);
    if (item.trim() === '') continue;
    const checked = each(item);
    if (checked === undefined) continue;
    if ('problem' in checked) return bad(checked.problem);
    values.push(checked.value);
  }
  return ok(values.length === 0 ? null : values.join(','));
}

/** Host names for the API's Host check, lower case. */
function parseHostList(raw: unknown): ParseResult {
  return parseList(raw, 'host name', (item) => {
    const name = item.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
    if (name === '') return undefined;
    if (isIP(name) === 0 && !HOST_NAME_RE.test(name)) return { problem: `${show(item)} is not a host name or IP address (no port, no scheme)` };
    return { value: name };
  });
}

/** Address ranges for the neighbour crawl, canonical ("10.0.0.0/8"). */
function parseCidrList(raw: unknown): ParseResult {
  return parseList(raw, 'address range', (item) => {
    const cidr = parseCidr(item);
    if (cidr === undefined) return { problem: `${show(item)} is not an address range; use CIDR notation, e.g. "10.0.0.0/8", "192.168.1.0/24" or "2001:db8::/32" (prefix up to 32 for IPv4, 128 for IPv6)` };
    return { value: cidr.text };
  });
}

function parseDurationField(kind: Extract<FieldKind, { type: 'duration' }>, raw: unknown): ParseResult {
  const range = `allowed ${formatDuration(kind.minMs)} to ${formatDuration(kind.maxMs)}${kind.zeroMeans === undefined ? '' : `, or 0 (${kind.zeroMeans})`}`;
  if (kind.zeroMeans !== undefined && (raw === 0 || raw === '0')) return ok(0);
  if (typeof raw === 'number' || (typeof raw === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(raw))) {
    // A bare number could be seconds (Telegraf) or milliseconds (Node): refuse to guess.
    return bad(`${show(raw)} has no unit and is ambiguous; ${DURATION_HINT}`);
  }
  if (typeof raw !== 'string') return bad(`${show(raw)} is not a duration; ${DURATION_HINT}`);
  const ms = tryParseDuration(raw);
  if (ms === undefined) return bad(`${show(raw)} is not a duration; ${DURATION_HINT}`);
  if (ms < kind.minMs || ms > kind.maxMs) return bad(`${show(raw)} is out of range; ${range}`);
  return ok(ms);
}

function parseUrlField(raw: unknown): ParseResult {
  if (typeof raw !== 'string') return bad(`${show(raw)} is not a URL; use e.g. "http://127.0.0.1:8086"`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return bad(`${show(raw)} is not a URL; use e.g. "http://127.0.0.1:8086"`);
  }
  // Credentials in the URL would be printed with it; they belong in influx.user / influx.password.
  if (url.username !== '' || url.password !== '') return bad('must not contain credentials (value not shown); set influx.user and influx.password');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return bad(`${show(raw)} must be an http:// or https:// URL`);
  if (url.search !== '' || url.hash !== '') return bad(`${show(raw)} must not have a query or fragment`);
  // A path prefix is kept (reverse proxies); the trailing slash is dropped so clients can append /write.
  return ok(url.href.replace(/\/+$/, ''));
}

const HOSTNAME_RE = /^(?=.{1,253}$)(?!-)[A-Za-z0-9-]{1,63}(?<!-)(?:\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\.?$/;

/** "127.0.0.1:8080", "[::1]:8080", "localhost:8080", ":8080" (all IPv4 interfaces). Port 0 = any free port. */
export function parseListen(raw: unknown): ParseResult {
  const hint = 'use HOST:PORT, e.g. "127.0.0.1:8080", "[::1]:8080" or ":8080"';
  if (typeof raw !== 'string') return bad(`${show(raw)} is not an address; ${hint}`);
  const match = /^(?:\[([^\]]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(raw.trim());
  if (match === null) return bad(`${show(raw)} is not an address; ${hint}`);
  const bracketed = match[1];
  const plain = match[2];
  const port = Number(match[3]);
  if (port > 65535) return bad(`${show(raw)} has port ${port}; allowed 0 to 65535`);
  if (bracketed !== undefined) {
    if (isIP(bracketed) !== 6) return bad(`${show(raw)}: "${bracketed}" is not an IPv6 address; ${hint}`);
    return ok({ host: bracketed, port });
  }
  const host = plain === undefined || plain === '' ? '0.0.0.0' : plain;
  if (isIP(host) === 0 && !HOSTNAME_RE.test(host)) return bad(`${show(raw)}: "${host}" is not an IP address or host name; ${hint}`);
  return ok({ host, port });
}

/** A YAML list of folders, or one string split at ":" (net-snmp's MIBDIRS); each resolved like a path. Existence is checked by loadConfig. */
function parsePathList(raw: unknown, ctx: ParseContext): ParseResult {
  if (raw === null) return ok(null);
  const items = typeof raw === 'string' ? raw.split(':') : Array.isArray(raw) ? (raw as unknown[]) : null;
  if (items === null) return bad(`${show(raw)} is not a list of folders (or a "dir1:dir2" string, or null)`);
  const paths: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') return bad(`${show(item)} is not a folder path`);
    if (/[\u0000-\u001f\u007f]/.test(item)) return bad(`${show(item)} contains control characters`);
    if (item.trim() === '') continue;
    paths.push(resolvePath(item, ctx));
  }
  return ok(paths.length === 0 ? null : paths.join(PATH_LIST_SEPARATOR));
}

function resolvePath(raw: string, ctx: ParseContext): string {
  const trimmed = raw.trim();
  if (trimmed === '~') return ctx.home;
  if (trimmed.startsWith('~/')) return resolve(ctx.home, trimmed.slice(2));
  return isAbsolute(trimmed) ? resolve(trimmed) : resolve(ctx.cwd, trimmed);
}

/** Default values in file form, parsed like any other layer so paths resolve the same way. */
export function defaultRawValues(env: Readonly<Record<string, string | undefined>>): ReadonlyMap<string, Value> {
  return new Map<string, Value>([
    ['dataDir', DEFAULTS.dataDir],
    ['pollInterval', DEFAULTS.pollIntervalMs],
    ['logLevel', DEFAULTS.logLevel],
    ['logFormat', DEFAULTS.logFormat],
    ['listen', DEFAULTS.listen],
    ['apiToken', DEFAULTS.apiToken],
    ['allowedHosts', null],
    ['secretKeyFile', defaultSecretKeyFile(env)],
    ['influx.url', DEFAULTS.influx.url],
    ['influx.db', DEFAULTS.influx.db],
    ['influx.user', DEFAULTS.influx.user],
    ['influx.password', DEFAULTS.influx.password],
    ['influx.batchSize', DEFAULTS.influx.batchSize],
    ['influx.flushInterval', DEFAULTS.influx.flushIntervalMs],
    ['influx.timeout', DEFAULTS.influx.timeoutMs],
    ['influx.retention.raw', DEFAULTS.influx.retention.rawMs],
    ['influx.rollup.enabled', String(DEFAULTS.influx.rollup.enabled)],
    ['influx.rollup.interval', DEFAULTS.influx.rollup.intervalMs],
    ['influx.rollup.retention', DEFAULTS.influx.rollup.retentionMs],
    ['influx.rollup.readAbove', DEFAULTS.influx.rollup.readAboveMs],
    ['snmp.timeout', DEFAULTS.snmp.timeoutMs],
    ['snmp.retries', DEFAULTS.snmp.retries],
    ['snmp.maxRepetitions', DEFAULTS.snmp.maxRepetitions],
    ['snmp.maxVarbindsPerRequest', DEFAULTS.snmp.maxVarbindsPerRequest],
    ['snmp.maxVarbindsCeiling', DEFAULTS.snmp.maxVarbindsCeiling],
    ['poller.maxConcurrentRequests', DEFAULTS.poller.maxConcurrentRequests],
    ['poller.maxConcurrentProbes', DEFAULTS.poller.maxConcurrentProbes],
    ['poller.jitter', DEFAULTS.poller.jitterRatio],
    ['poller.rediscoverInterval', DEFAULTS.poller.rediscoverIntervalMs],
    ['poller.backoffMax', DEFAULTS.poller.backoffMaxMs],
    ['health.interval', DEFAULTS.health.intervalMs],
    ['topology.interval', DEFAULTS.topology.intervalMs],
    ['topology.staleAfter', DEFAULTS.topology.staleAfterMs],
    ['topology.discover', null],
    ['topology.discoverPort', DEFAULTS.topology.discoverPort],
    ['spool.maxSize', DEFAULTS.spool.maxBytes],
    ['database.url', null],
    ['cluster.pollerId', null],
    ['cluster.sites', null],
    ['cluster.leaseTtl', DEFAULTS.cluster.leaseTtlMs],
    ['mibs.dirs', null],
  ]);
}

/**
 * Rules that tie keys together, checked once every layer is applied: each problem names the key to
 * change. Values are the internal ones (ms).
 */
export function crossFieldProblems(values: ReadonlyMap<string, Value>): { readonly key: string; readonly message: string }[] {
  const out: { key: string; message: string }[] = [];
  const interval = values.get('influx.rollup.interval');
  const raw = values.get('influx.retention.raw');
  if (values.get('influx.rollup.enabled') === 'true' && typeof interval === 'number') {
    if (interval % 1000 !== 0) out.push({ key: 'influx.rollup.interval', message: `${formatDuration(interval)} is not whole seconds (InfluxDB's GROUP BY time() of the rollup)` });
    else if (typeof raw === 'number' && raw > 0 && interval >= raw) {
      out.push({ key: 'influx.rollup.interval', message: `${formatDuration(interval)} must be shorter than influx.retention.raw (${formatDuration(raw)}): raw points must outlive the bucket that rolls them up` });
    }
  }
  return out;
}

/** Path fields hold raw text until resolved against cwd/home. */
export function resolveDefaultPath(raw: string, ctx: Omit<ParseContext, 'source'>): string {
  return resolvePath(raw, { ...ctx, source: 'file' });
}
