/** Builds the `influx` package's client from linkscope's connection settings, and names its failures. */
import { InfluxDB, ResultError } from 'influx';
// The pool's error classes are not re-exported by the package's index; the path is its own file.
import { RequestError, ServiceNotAvailableError } from 'influx/lib/src/pool.js';
import { describeError } from '../model/errors.js';
import type { InfluxConnection } from './influx-sink.js';

/*
 * One host, no retries and no host back-off: the package would otherwise retry a failed request
 * twice and then refuse every request for up to 10 s ("No host available"). The sink has its own
 * outage handling (spool, /ping probes with back-off) and the history route answers 503 at once.
 */

/** Never disables the host: a zero delay makes the pool skip its back-off (pool.js _disableHost). */
interface Backoff {
  getDelay(): number;
  next(): Backoff;
  reset(): Backoff;
}
const NO_BACKOFF: Backoff = {
  getDelay: () => 0,
  next: () => NO_BACKOFF,
  reset: () => NO_BACKOFF,
};

/** Base URL without credentials or trailing slash, for requests and, above all, for logs. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/+$/, '');
  } catch {
    return '(invalid URL)';
  }
}

export function createInfluxClient(conn: InfluxConnection, timeoutMs: number): InfluxDB {
  const u = new URL(conn.url);
  const protocol = u.protocol === 'https:' ? 'https' : 'http';
  return new InfluxDB({
    host: u.hostname,
    port: u.port === '' ? (protocol === 'https' ? 443 : 80) : Number(u.port),
    protocol,
    // A path prefix (InfluxDB behind a reverse proxy) is kept, as the sink keeps it.
    path: u.pathname.replace(/\/+$/, ''),
    database: conn.db,
    ...(conn.user === undefined || conn.user === '' ? {} : { username: conn.user, password: conn.password?.reveal() ?? '' }),
    pool: { maxRetries: 0, requestTimeout: timeoutMs, backoff: NO_BACKOFF },
  });
}

/**
 * The package rejects with ServiceNotAvailableError (5xx, timeout, "No host available"), a
 * RequestError (other non-2xx, message "A 401 Unauthorized error occurred: {body}"), a
 * ResultError (a statement error inside a 200) or a plain network error (ECONNREFUSED).
 */
export type InfluxFailure =
  /** InfluxDB is down or too slow: try again later. */
  | { readonly kind: 'unavailable'; readonly message: string }
  /** InfluxDB answered and said no (permissions, unsupported statement): trying again will not help. */
  | { readonly kind: 'refused'; readonly status: number | null; readonly message: string };

export function classifyInfluxError(err: unknown): InfluxFailure {
  const message = describeError(err).replace(/\s+/g, ' ').slice(0, 500);
  if (err instanceof ServiceNotAvailableError) return { kind: 'unavailable', message: message || 'service not available' };
  if (err instanceof RequestError) {
    const status = err.res.statusCode ?? null;
    if (status !== null && status >= 500) return { kind: 'unavailable', message };
    return { kind: 'refused', status, message: bodyError(message) };
  }
  if (err instanceof ResultError) return { kind: 'refused', status: 200, message: message.replace(/^Error from InfluxDB: /, '') };
  // Socket errors (ECONNREFUSED, ECONNRESET, …) and aborts carry a code: InfluxDB did not answer.
  const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
  if (typeof code === 'string' || (err instanceof Error && err.name === 'AbortError')) return { kind: 'unavailable', message };
  return { kind: 'refused', status: null, message };
}

/** "A 403 Forbidden error occurred: {"error":"…"}" → the `error` text when there is one. */
function bodyError(message: string): string {
  const at = message.indexOf('{');
  if (at < 0) return message;
  try {
    const parsed: unknown = JSON.parse(message.slice(at));
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed && typeof parsed.error === 'string') return parsed.error;
  } catch {
    // not JSON: keep the whole message
  }
  return message;
}
