/** Error registry: every LS_* code linkscope can raise, its HTTP status and what it means. Imports nothing. */

export interface ErrorSpec {
  /** HTTP status the API answers with when this error reaches a client. */
  readonly status: number;
  /** One line for docs/errors.md and OpenAPI: what happened, in an operator's words. */
  readonly summary: string;
}

/**
 * Codes are stable and never reused. Adding one: add it here and to docs/errors.md (a unit test
 * fails when docs/errors.md misses a code).
 */
export const ERROR_CODES = {
  LS_CONFIG_INVALID: { status: 500, summary: 'A configuration key has a bad value or is unknown.' },
  LS_CONFIG_FILE: { status: 500, summary: 'The configuration file cannot be read or parsed.' },
  LS_CLI_USAGE: { status: 400, summary: 'A command-line argument is missing or invalid.' },

  LS_SNMP_TIMEOUT: { status: 504, summary: 'The SNMP agent did not answer within the timeout (wrong community, ACL, address or port?).' },
  LS_SNMP_AUTH: { status: 502, summary: 'SNMPv3 authentication or decryption failed (wrong auth/priv protocol or key).' },
  LS_SNMP_UNKNOWN_USER: { status: 502, summary: 'The SNMPv3 user is unknown to the agent.' },
  LS_SNMP_NOT_IN_TIME_WINDOW: { status: 502, summary: 'The SNMPv3 agent rejected the request as outside its time window even after re-synchronising.' },
  LS_SNMP_ERROR_STATUS: { status: 502, summary: 'The agent answered with an SNMP error status (noSuchName, genErr, noAccess, ...).' },
  LS_SNMP_OID_NOT_INCREASING: { status: 502, summary: 'The agent returned an OID that does not increase during a walk; the walk was stopped.' },
  LS_SNMP_WALK_BUDGET: { status: 502, summary: 'A walk read more rows, varbinds or time than the poll allows (a table that never ends); the poll was stopped.' },
  LS_SNMP_BAD_RESPONSE: { status: 502, summary: 'The agent sent a malformed or unexpected SNMP reply.' },
  LS_SNMP_SOCKET: { status: 502, summary: 'The SNMP UDP socket failed (address unreachable, port in use, DNS failure).' },
  LS_SNMP_NO_DATA: { status: 502, summary: 'The agent answers but gives neither the MIB-II system group nor ifTable (a restricted view?); the device is not counted as up.' },
  LS_SNMP_ABORTED: { status: 503, summary: 'The SNMP request was aborted (shutdown or cancelled poll).' },

  LS_INFLUX_UNAVAILABLE: { status: 503, summary: 'InfluxDB cannot be reached or did not answer in time; samples are spooled on disk.' },
  LS_INFLUX_REJECTED: { status: 502, summary: 'InfluxDB rejected a write or query (bad request, authentication, missing database).' },
  LS_SPOOL_IO: { status: 500, summary: 'The on-disk write spool cannot be read or written.' },

  LS_DATA_DIR_LOCKED: { status: 409, summary: 'Another linkscope process polls from the same data dir (serve or demo); only one may.' },
  LS_INVENTORY_DB: { status: 500, summary: 'The inventory database cannot be opened, is locked or is corrupt.' },
  LS_DEVICE_NOT_FOUND: { status: 404, summary: 'No device with that id or name exists in the inventory.' },
  LS_DEVICE_EXISTS: { status: 409, summary: 'A device with the same host, port and SNMP identity already exists.' },
  LS_DEVICE_INVALID: { status: 400, summary: 'A device definition has a missing or invalid field.' },

  LS_DATABASE_UNREACHABLE: { status: 503, summary: 'PostgreSQL cannot be reached or failed a statement (address, credentials, schema?).' },
  LS_CLUSTER_CONFIG_INVALID: { status: 500, summary: 'A lease (scale-out) setting is invalid: TTL, renewal period, fencing margin or slot count.' },

  LS_MIB_LOAD: { status: 500, summary: 'A MIB module in mibs/ cannot be loaded.' },
  LS_MIB_UNKNOWN_NAME: { status: 400, summary: 'An OID name is not defined by any loaded MIB module.' },
  LS_PROFILE_INVALID: { status: 500, summary: 'A vendor profile (src/profiles/) is malformed; the message names its file, profile and field.' },

  LS_VALIDATION: { status: 400, summary: 'A request field is missing or invalid.' },
  LS_UNAUTHORIZED: { status: 401, summary: 'A bearer token is required or the one given is wrong.' },
  LS_FORBIDDEN: { status: 403, summary: 'The request is not allowed.' },
  LS_HOST_NOT_ALLOWED: { status: 421, summary: 'The Host header names a host this API does not answer to (DNS rebinding guard).' },
  LS_CROSS_ORIGIN: { status: 403, summary: 'A change was sent by a web page of another origin (Origin header).' },
  LS_NOT_FOUND: { status: 404, summary: 'No such resource or route.' },
  LS_BODY_TOO_LARGE: { status: 413, summary: 'The request body is larger than allowed.' },
  LS_RATE_LIMITED: { status: 429, summary: 'Too many requests; retry later.' },
  LS_INTERNAL: { status: 500, summary: 'An unexpected internal error; see the server log.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface LinkscopeErrorOptions {
  readonly cause?: unknown;
  /** Structured, secret-free context for logs (device, host, oid, ...). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** The only error type linkscope throws. `message` is for operators and never holds a secret. */
export class LinkscopeError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options: LinkscopeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LinkscopeError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.details = options.details;
  }
}

export function isLinkscopeError(err: unknown, code?: ErrorCode): err is LinkscopeError {
  return err instanceof LinkscopeError && (code === undefined || err.code === code);
}

/** A readable one-liner for anything thrown: LinkscopeError message, else Error message, else String(). */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
