/** Device validation shared by the inventory, the CLI and the API: pure, every problem named by its API-body path. */
import { isIP } from 'node:net';
import { formatDuration, tryParseDuration } from '../config/units.js';
import { LinkscopeError } from '../model/errors.js';
import { Secret } from '../model/secret.js';
import {
  AUTH_PROTOCOLS,
  DEFAULT_SITE,
  PRIV_PROTOCOLS,
  SECURITY_LEVELS,
  SITE_PATTERN,
  type AuthProtocol,
  type Device,
  type DevicePatch,
  type NewDevice,
  type PrivProtocol,
  type SecurityLevel,
  type SnmpCredentials,
  type SnmpVersion,
} from '../model/types.js';

export const DEFAULT_SNMP_PORT = 161;
export const MIN_INTERVAL_MS = 1000;
export const MAX_INTERVAL_MS = 24 * 3_600_000;
export const NAME_MAX_LENGTH = 64;
/**
 * Names as real devices carry them in sysName: `swos_css326-24g-2s+`, spaces, any script. Refused:
 * control characters (they corrupt terminals and logs), `/` (it splits routes and file names) and
 * leading/trailing spaces (invisible in every listing). Keep in step with api/schemas DEVICE_NAME_PATTERN.
 */
const NAME_BAD_CHAR_RE = /[\u0000-\u001f\u007f-\u009f/]/u;
const COMMUNITY_MAX_LENGTH = 255;
// RFC 3414 §11.2: passwords shorter than 8 characters must be refused (they make weak localized keys).
const V3_KEY_MIN_LENGTH = 8;
const V3_KEY_MAX_LENGTH = 255;
// RFC 3411 SnmpAdminString (SIZE(1..32)) for usmUserName; contextName is SIZE(0..32).
const V3_USER_MAX_LENGTH = 32;
const V3_CONTEXT_MAX_LENGTH = 32;
const HOSTNAME_LABEL_RE = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Problems collected while checking one input; each is `path: what is wrong`. */
export type Problems = string[];

/** A device definition after validation: every field present and normalized. */
export interface ValidNewDevice {
  readonly host: string;
  readonly port: number;
  /** undefined = the inventory picks a default name from host and port. */
  readonly name: string | undefined;
  readonly snmp: SnmpCredentials;
  readonly intervalMs: number | null;
  readonly discoveredBy: number | null;
  /** Custom metric names the device asks for (their existence is checked where the config is known: API, CLI). */
  readonly metrics: readonly string[];
  /** DEFAULT_SITE when the input has none. */
  readonly site: string;
}

export function deviceInvalid(problems: readonly string[]): LinkscopeError {
  const message = problems.length === 1 ? `Invalid device: ${problems[0]}` : `Invalid device, ${problems.length} problems: ${problems.join('; ')}`;
  return new LinkscopeError('LS_DEVICE_INVALID', message, { details: { problems } });
}

function throwIfAny(problems: Problems): void {
  if (problems.length > 0) throw deviceInvalid(problems);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

// ---------------------------------------------------------------------------------------------
// Single fields: `checkX(value, path, problems)` returns the normalized value, or undefined after
// recording a problem, so that one call can report every bad field at once.

/** IPv4, IPv6 (brackets optional) or a DNS name; lower-cased, IPv6 compressed. */
export function checkHost(value: unknown, path: string, problems: Problems): string | undefined {
  const hint = 'an IPv4 or IPv6 address or a DNS name, e.g. "10.0.0.1", "2001:db8::1", "core-sw1.example.net"';
  if (typeof value !== 'string' || value === '') {
    problems.push(`${path}: required; ${hint}`);
    return undefined;
  }
  if (/\s/.test(value)) return void problems.push(`${path}: ${show(value)} contains spaces; use ${hint}`);
  if (value.includes('://') || /^(udp|tcp|udp6|tcp6):/i.test(value)) {
    return void problems.push(`${path}: ${show(value)} has a scheme; give the bare address, e.g. "10.0.0.1"`);
  }
  const unbracketed = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  if (unbracketed.includes('%')) return void problems.push(`${path}: ${show(value)} has an IPv6 zone id, which is not supported; use a global address`);
  const family = isIP(unbracketed);
  if (family === 6) {
    const lower = unbracketed.toLowerCase();
    // Compress ("0:0::1" → "::1") so one agent has one spelling; keep IPv4-mapped forms as written.
    return lower.includes('.') ? lower : new URL(`http://[${lower}]`).hostname.slice(1, -1);
  }
  if (family === 4) return unbracketed;
  if (/^[^:]+:\d+$/.test(value) || /^\[.*\]:\d+$/.test(value)) {
    return void problems.push(`${path}: ${show(value)} includes a port; put the port in "port"`);
  }
  if (/^[\d.]+$/.test(value)) return void problems.push(`${path}: ${show(value)} is not a valid IPv4 address`);
  const name = value.toLowerCase().replace(/\.$/, '');
  const labels = name.split('.');
  const lastLabel = labels[labels.length - 1] ?? '';
  if (name.length > 253 || !labels.every((l) => HOSTNAME_LABEL_RE.test(l)) || /^\d+$/.test(lastLabel)) {
    return void problems.push(`${path}: ${show(value)} is not a valid host; use ${hint}`);
  }
  return name;
}

export function checkPort(value: unknown, path: string, problems: Problems): number | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    return void problems.push(`${path}: ${show(value)} is not a UDP port; use a whole number from 1 to 65535 (SNMP agents listen on 161)`);
  }
  return value;
}

/** 1–64 printable characters, no `/`, not all digits (so `:id` in the API is an id or a name, never both). */
export function checkName(value: unknown, path: string, problems: Problems): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return void problems.push(`${path}: must be a non-empty string`);
  if (value.length > NAME_MAX_LENGTH) return void problems.push(`${path}: is longer than ${NAME_MAX_LENGTH} characters`);
  if (NAME_BAD_CHAR_RE.test(value)) {
    return void problems.push(`${path}: ${show(value)} may only contain printable characters other than "/" (letters of any script, digits, spaces, + . _ : - and the like)`);
  }
  if (value.trim() !== value) return void problems.push(`${path}: ${show(value)} starts or ends with a space; remove it`);
  if (/^\d+$/.test(value)) return void problems.push(`${path}: ${show(value)} is all digits, which would read as a device id; add a letter`);
  return value;
}

export function checkIntervalMs(value: unknown, path: string, problems: Problems): number | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_INTERVAL_MS || value > MAX_INTERVAL_MS) {
    const shown = typeof value === 'number' && Number.isFinite(value) ? formatDuration(value) : show(value);
    return void problems.push(`${path}: ${shown} is out of range; allowed ${formatDuration(MIN_INTERVAL_MS)} to ${formatDuration(MAX_INTERVAL_MS)}, or null for the default`);
  }
  return value;
}

/** `"30s"` (API body, CLI flag) → ms; null = the configured default. */
export function checkIntervalText(value: unknown, path: string, problems: Problems): number | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'string') return void problems.push(`${path}: ${show(value)} is not a duration; use e.g. "30s", "5m" (or null for the default)`);
  const ms = tryParseDuration(value);
  if (ms === undefined) return void problems.push(`${path}: ${show(value)} is not a duration; use e.g. "30s", "5m"`);
  return checkIntervalMs(ms, path, problems);
}

const V1_KEYS = new Set(['version', 'community']);
const V3_KEYS = new Set(['version', 'user', 'level', 'authProtocol', 'authKey', 'privProtocol', 'privKey', 'context']);

function checkSecret(value: unknown, path: string, min: number, max: number, what: string, problems: Problems): Secret | undefined {
  // Messages never include the value: it is a credential even when malformed.
  if (!(value instanceof Secret)) return void problems.push(`${path}: must be a string`);
  const text = value.reveal();
  if (text.length < min || text.length > max) {
    return void problems.push(`${path}: must be ${min === max ? min : `${min} to ${max}`} characters long${min > 1 ? ` (${what})` : ''}`);
  }
  if (!/^[\x20-\x7e]+$/.test(text)) return void problems.push(`${path}: must be printable ASCII characters`);
  return value;
}

function checkChoice<T extends string>(value: unknown, choices: readonly T[], path: string, problems: Problems): T | undefined {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    return void problems.push(`${path}: ${value === undefined ? 'required' : `${show(value)} is not allowed`}; one of ${choices.join(', ')}`);
  }
  return value as T;
}

/** SNMP credentials with Secret-typed secrets (as NewDevice carries them). */
export function checkCredentials(value: unknown, path: string, problems: Problems): SnmpCredentials | undefined {
  if (typeof value !== 'object' || value === null) return void problems.push(`${path}: required; e.g. {"version": "2c", "community": "..."}`);
  const input = value as Record<string, unknown>;
  const version = input['version'];
  if (version !== '1' && version !== '2c' && version !== '3') {
    return void problems.push(`${path}.version: ${version === undefined ? 'required' : `${show(version)} is not allowed`}; one of "1", "2c", "3"`);
  }
  const allowed = version === '3' ? V3_KEYS : V1_KEYS;
  const before = problems.length;
  for (const [key, v] of Object.entries(input)) {
    if (v !== undefined && !allowed.has(key)) {
      const known = V1_KEYS.has(key) || V3_KEYS.has(key);
      problems.push(`${path}.${key}: ${known ? `not allowed for version ${version}` : `unknown field (allowed: ${[...allowed].join(', ')})`}`);
    }
  }
  if (version !== '3') {
    const community = checkSecret(input['community'], `${path}.community`, 1, COMMUNITY_MAX_LENGTH, 'community', problems);
    if (community === undefined || problems.length > before) return undefined;
    return { version, community };
  }
  return checkV3(input, path, problems, before);
}

function checkV3(input: Record<string, unknown>, path: string, problems: Problems, before: number): SnmpCredentials | undefined {
  const userValue = input['user'];
  let user: string | undefined;
  if (typeof userValue !== 'string' || userValue.length < 1 || userValue.length > V3_USER_MAX_LENGTH || !/^[\x20-\x7e]+$/.test(userValue)) {
    problems.push(`${path}.user: ${userValue === undefined ? 'required' : 'must be'} 1 to ${V3_USER_MAX_LENGTH} printable characters`);
  } else {
    user = userValue;
  }
  const level = checkChoice<SecurityLevel>(input['level'], SECURITY_LEVELS, `${path}.level`, problems);
  let context: string | undefined;
  const contextValue = input['context'];
  if (contextValue !== undefined && contextValue !== null) {
    if (typeof contextValue !== 'string' || contextValue.length > V3_CONTEXT_MAX_LENGTH || !/^[\x20-\x7e]*$/.test(contextValue)) {
      problems.push(`${path}.context: must be 0 to ${V3_CONTEXT_MAX_LENGTH} printable characters`);
    } else if (contextValue !== '') {
      // '' is the default context: stored as absent so "" and no context are one identity.
      context = contextValue;
    }
  }
  let authProtocol: AuthProtocol | undefined;
  let authKey: Secret | undefined;
  let privProtocol: PrivProtocol | undefined;
  let privKey: Secret | undefined;
  if (level !== undefined) {
    const wantAuth = level !== 'noAuthNoPriv';
    const wantPriv = level === 'authPriv';
    const field = (name: string, wanted: boolean): boolean => {
      const present = input[name] !== undefined && input[name] !== null;
      if (wanted && !present) problems.push(`${path}.${name}: required when level is ${level}`);
      if (!wanted && present) problems.push(`${path}.${name}: not allowed when level is ${level}`);
      return wanted && present;
    };
    if (field('authProtocol', wantAuth)) authProtocol = checkChoice(input['authProtocol'], AUTH_PROTOCOLS, `${path}.authProtocol`, problems);
    if (field('authKey', wantAuth)) authKey = checkSecret(input['authKey'], `${path}.authKey`, V3_KEY_MIN_LENGTH, V3_KEY_MAX_LENGTH, 'RFC 3414 minimum', problems);
    if (field('privProtocol', wantPriv)) privProtocol = checkChoice(input['privProtocol'], PRIV_PROTOCOLS, `${path}.privProtocol`, problems);
    if (field('privKey', wantPriv)) privKey = checkSecret(input['privKey'], `${path}.privKey`, V3_KEY_MIN_LENGTH, V3_KEY_MAX_LENGTH, 'RFC 3414 minimum', problems);
  }
  if (problems.length > before || user === undefined || level === undefined) return undefined;
  return {
    version: '3',
    user,
    level,
    ...(authProtocol === undefined ? {} : { authProtocol }),
    ...(authKey === undefined ? {} : { authKey }),
    ...(privProtocol === undefined ? {} : { privProtocol }),
    ...(privKey === undefined ? {} : { privKey }),
    ...(context === undefined ? {} : { context }),
  };
}

const SITE_RE = new RegExp(SITE_PATTERN);

/** A site name (SITE_PATTERN): returned as given (sites are compared as written). */
export function checkSite(value: unknown, path: string, problems: Problems): string | undefined {
  if (typeof value !== 'string' || !SITE_RE.test(value)) {
    return void problems.push(
      `${path}: ${show(value)} is not a site name; use 1 to 63 ASCII letters, digits, ".", "_" or "-", starting with a letter or digit, e.g. "default", "dc-1", "paris.campus"`,
    );
  }
  return value;
}

/** Custom metric names (config `metrics`) as a device lists them: at most this many. */
export const MAX_DEVICE_METRICS = 64;
const METRIC_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** A list of custom metric names: each a metric name, none twice; returned as given. */
export function checkMetricNames(value: unknown, path: string, problems: Problems): string[] | undefined {
  if (!Array.isArray(value)) return void problems.push(`${path}: must be a list of custom metric names (config metrics), e.g. ["ip-stats"]`);
  if (value.length > MAX_DEVICE_METRICS) return void problems.push(`${path}: lists ${value.length} metrics; at most ${MAX_DEVICE_METRICS}`);
  const out: string[] = [];
  for (const [i, v] of value.entries()) {
    if (typeof v !== 'string' || !METRIC_NAME_RE.test(v)) return void problems.push(`${path}[${i}]: ${show(v)} is not a custom metric name`);
    if (out.includes(v)) return void problems.push(`${path}[${i}]: ${show(v)} is listed twice`);
    out.push(v);
  }
  return out;
}

/**
 * Names in a device's `metrics` that the configuration does not define: LS_DEVICE_INVALID naming
 * the field and what is configured. Called by the API and the CLI, which know the configuration.
 */
export function checkMetricsConfigured(metrics: readonly string[] | undefined, configured: readonly string[], path = 'metrics'): void {
  if (metrics === undefined) return;
  const problems: Problems = [];
  metrics.forEach((m, i) => {
    if (!configured.includes(m)) problems.push(`${path}[${i}]: ${show(m)} is not a configured custom metric (${configured.length === 0 ? 'none are configured; see docs/custom-metrics.md' : `configured: ${configured.join(', ')}`})`);
  });
  throwIfAny(problems);
}

// ---------------------------------------------------------------------------------------------
// Whole inputs (typed callers: CLI, inventory). Throw LS_DEVICE_INVALID listing every problem.

export function validateNewDevice(input: NewDevice): ValidNewDevice {
  const problems: Problems = [];
  const host = checkHost(input.host, 'host', problems);
  const port = input.port === undefined ? DEFAULT_SNMP_PORT : checkPort(input.port, 'port', problems);
  const name = input.name === undefined ? undefined : checkName(input.name, 'name', problems);
  const snmp = checkCredentials(input.snmp, 'snmp', problems);
  const intervalMs = input.intervalMs === undefined ? null : checkIntervalMs(input.intervalMs, 'interval', problems);
  const discoveredBy = input.discoveredBy ?? null;
  if (discoveredBy !== null && !(Number.isSafeInteger(discoveredBy) && discoveredBy > 0)) problems.push(`discoveredBy: ${show(discoveredBy)} is not a device id`);
  const metrics = input.metrics === undefined ? [] : checkMetricNames(input.metrics, 'metrics', problems);
  const site = input.site === undefined ? DEFAULT_SITE : checkSite(input.site, 'site', problems);
  throwIfAny(problems);
  // After throwIfAny every checked value is defined; the guards only convince the compiler.
  if (host === undefined || port === undefined || snmp === undefined || intervalMs === undefined || site === undefined) throw deviceInvalid(['device: incomplete']);
  return { host, port, name, snmp, intervalMs, discoveredBy, metrics: metrics ?? [], site };
}

export function validateDevicePatch(patch: DevicePatch): DevicePatch {
  const problems: Problems = [];
  const out: { host?: string; port?: number; name?: string; snmp?: SnmpCredentials; intervalMs?: number | null; metrics?: readonly string[]; site?: string } = {};
  if (patch.host !== undefined) out.host = checkHost(patch.host, 'host', problems);
  if (patch.port !== undefined) out.port = checkPort(patch.port, 'port', problems);
  if (patch.name !== undefined) out.name = checkName(patch.name, 'name', problems);
  if (patch.snmp !== undefined) out.snmp = checkCredentials(patch.snmp, 'snmp', problems);
  if (patch.intervalMs !== undefined) out.intervalMs = checkIntervalMs(patch.intervalMs, 'interval', problems);
  if (patch.metrics !== undefined) out.metrics = checkMetricNames(patch.metrics, 'metrics', problems);
  if (patch.site !== undefined) out.site = checkSite(patch.site, 'site', problems);
  throwIfAny(problems);
  return out;
}

export function validateDeviceName(name: string): string {
  const problems: Problems = [];
  const valid = checkName(name, 'name', problems);
  throwIfAny(problems);
  return valid ?? name;
}

export function validateHost(host: string): string {
  const problems: Problems = [];
  const valid = checkHost(host, 'host', problems);
  throwIfAny(problems);
  return valid ?? host;
}

/** How `:id` / `ID|NAME` is read: digits are an id (names are never all digits), anything else a name. */
export function parseDeviceRef(ref: string | number): { readonly id: number } | { readonly name: string } {
  if (typeof ref === 'number') return { id: ref };
  return /^\d+$/.test(ref) ? { id: Number(ref) } : { name: ref };
}

/** `host`, or `host:port` off port 161; the inventory adds `-2`, `-3`… when taken. */
export function defaultDeviceName(host: string, port: number, suffix = 1): string {
  const base = port === DEFAULT_SNMP_PORT ? host : `${host}:${port}`;
  const tail = suffix > 1 ? `-${suffix}` : '';
  return `${base.slice(0, NAME_MAX_LENGTH - tail.length)}${tail}`;
}

// ---------------------------------------------------------------------------------------------
// API-style JSON bodies (`POST /devices`, `PATCH /devices/:id`, also usable by the CLI's --json).

const BODY_KEYS = ['host', 'port', 'name', 'interval', 'snmp', 'metrics', 'site'] as const;
const BODY_SECRET_KEYS = new Set(['community', 'authKey', 'privKey']);

function checkBodyKeys(body: Record<string, unknown>, allowed: readonly string[], prefix: string, problems: Problems): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) problems.push(`${prefix}${key}: unknown field (allowed: ${allowed.join(', ')})`);
  }
}

/** JSON snmp object → credentials: strings for secrets become Secret, version may be a number 1 or 3. */
function bodyCredentials(value: unknown, problems: Problems): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return void problems.push('snmp: must be an object, e.g. {"version": "2c", "community": "..."}');
  }
  const raw = value as Record<string, unknown>;
  checkBodyKeys(raw, [...V3_KEYS, 'community'], 'snmp.', problems);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(raw)) {
    if (BODY_SECRET_KEYS.has(key)) {
      if (v === null) out[key] = null;
      else if (typeof v === 'string') out[key] = new Secret(v);
      else problems.push(`snmp.${key}: must be a string`);
    } else if (key === 'version' && (v === 1 || v === 3)) {
      out[key] = String(v);
    } else {
      out[key] = v;
    }
  }
  return out;
}

function asObject(body: unknown, problems: Problems): Record<string, unknown> | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return void problems.push('body: must be a JSON object, e.g. {"host": "10.0.0.1", "snmp": {"version": "2c", "community": "..."}}');
  }
  return body as Record<string, unknown>;
}

/** `POST /devices` body → NewDevice. Unknown fields are refused; snmp.version defaults to "2c" as on the CLI. */
export function parseNewDeviceBody(body: unknown): NewDevice {
  const problems: Problems = [];
  const obj = asObject(body, problems);
  if (obj === undefined) throw deviceInvalid(problems);
  checkBodyKeys(obj, BODY_KEYS, '', problems);
  const host = checkHost(obj['host'], 'host', problems);
  const port = obj['port'] === undefined ? DEFAULT_SNMP_PORT : checkPort(obj['port'], 'port', problems);
  const name = obj['name'] === undefined ? undefined : checkName(obj['name'], 'name', problems);
  const intervalMs = obj['interval'] === undefined ? null : checkIntervalText(obj['interval'], 'interval', problems);
  const raw = bodyCredentials(obj['snmp'], problems);
  const snmp = raw === undefined ? undefined : checkCredentials({ version: '2c', ...raw }, 'snmp', problems);
  const metrics = obj['metrics'] === undefined ? undefined : checkMetricNames(obj['metrics'], 'metrics', problems);
  const site = obj['site'] === undefined ? undefined : checkSite(obj['site'], 'site', problems);
  throwIfAny(problems);
  if (host === undefined || port === undefined || snmp === undefined || intervalMs === undefined) throw deviceInvalid(['body: incomplete']);
  return {
    host,
    port,
    snmp,
    intervalMs,
    ...(name === undefined ? {} : { name }),
    ...(metrics === undefined || metrics.length === 0 ? {} : { metrics }),
    ...(site === undefined ? {} : { site }),
  };
}

/**
 * `PATCH /devices/:id` body → DevicePatch. `interval: null` restores the default. `snmp` replaces
 * the credentials; given `current` and no version change, it is merged over them instead, so
 * `{"snmp": {"privKey": "..."}}` rotates one key (a field set to null is removed).
 */
export function parseDevicePatchBody(body: unknown, current?: Pick<Device, 'snmp'>): DevicePatch {
  const problems: Problems = [];
  const obj = asObject(body, problems);
  if (obj === undefined) throw deviceInvalid(problems);
  checkBodyKeys(obj, BODY_KEYS, '', problems);
  const patch: { host?: string; port?: number; name?: string; snmp?: SnmpCredentials; intervalMs?: number | null; metrics?: readonly string[]; site?: string } = {};
  if (obj['host'] !== undefined) patch.host = checkHost(obj['host'], 'host', problems);
  if (obj['port'] !== undefined) patch.port = checkPort(obj['port'], 'port', problems);
  if (obj['name'] !== undefined) patch.name = checkName(obj['name'], 'name', problems);
  if (obj['interval'] !== undefined) patch.intervalMs = checkIntervalText(obj['interval'], 'interval', problems);
  if (obj['metrics'] !== undefined) patch.metrics = obj['metrics'] === null ? [] : checkMetricNames(obj['metrics'], 'metrics', problems);
  if (obj['site'] !== undefined) patch.site = checkSite(obj['site'], 'site', problems);
  if (obj['snmp'] !== undefined) {
    const raw = bodyCredentials(obj['snmp'], problems);
    if (raw !== undefined) {
      const version = (raw['version'] as SnmpVersion | undefined) ?? current?.snmp.version ?? '2c';
      const merged: Record<string, unknown> = current !== undefined && version === current.snmp.version ? { ...current.snmp } : {};
      for (const [key, v] of Object.entries(raw)) {
        if (v === null) delete merged[key];
        else merged[key] = v;
      }
      merged['version'] = version;
      patch.snmp = checkCredentials(merged, 'snmp', problems);
    }
  }
  throwIfAny(problems);
  return patch;
}
