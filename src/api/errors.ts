/** The API's one error handler: every failure becomes {"error": {"code", "message"}} with the registry's status. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, LinkscopeError, type ErrorCode } from '../model/errors.js';
import { PATTERN_EXPECTATIONS } from './schemas/common.js';

export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string };
}

export interface MappedError {
  readonly status: number;
  readonly body: ErrorBody;
  /** Whether the operator must look at the log (5xx): the full error is logged there, never sent. */
  readonly internal: boolean;
}

interface AjvError {
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

// Fastify names the part "querystring"; people write "query".
const CONTEXT_NAMES: Readonly<Record<string, string>> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

const MAX_ECHO = 64;

function mapped(code: ErrorCode, message: string): MappedError {
  const status = ERROR_CODES[code].status;
  return { status, body: { error: { code, message } }, internal: status >= 500 };
}

/** A user-supplied key, safe to echo: truncated and quoted. */
function echoKey(key: string): string {
  const short = key.length > MAX_ECHO ? `${key.slice(0, MAX_ECHO)}…` : key;
  return JSON.stringify(short);
}

function isPlainKey(key: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(key);
}

/** `body` + `/snmp/community` → `body.snmp.community` (JSON pointer unescaped, odd keys quoted). */
function fieldPath(context: string, instancePath: string): string {
  let path = CONTEXT_NAMES[context] ?? context;
  if (instancePath === '') return path;
  for (const raw of instancePath.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^[0-9]+$/.test(key) ? `[${key}]` : isPlainKey(key) ? `.${key}` : `[${echoKey(key)}]`;
  }
  return path;
}

/** The schema node an ajv schemaPath points at (`#/properties/snmp/oneOf/0/required` → parent of `required`). */
function schemaAt(root: unknown, schemaPath: string, dropLast: number): Record<string, unknown> | undefined {
  const parts = schemaPath.replace(/^#\/?/, '').split('/').filter((p) => p !== '');
  let node: unknown = root;
  for (const part of parts.slice(0, Math.max(0, parts.length - dropLast))) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node !== null && typeof node === 'object' ? (node as Record<string, unknown>) : undefined;
}

function allowedKeys(schema: Record<string, unknown> | undefined): string {
  const props = schema?.['properties'];
  if (props === null || typeof props !== 'object') return 'none';
  const keys = Object.keys(props);
  return keys.length === 0 ? 'none' : keys.join(', ');
}

function listValues(values: unknown): string {
  return Array.isArray(values) ? values.map((v) => JSON.stringify(v)).join(', ') : JSON.stringify(values);
}

/** One line naming the field and what is allowed, e.g. `body.snmp.community: must be string`. Never echoes a value. */
export function formatValidationError(context: string, error: AjvError, routeSchema: unknown): string {
  const path = fieldPath(context, error.instancePath);
  const parent = schemaAt(routeSchema, error.schemaPath, 1);
  const p = error.params;
  switch (error.keyword) {
    case 'type': {
      const types = String(p['type']).split(',');
      return `${path}: must be ${types.join(' or ')}`;
    }
    case 'required':
      return `${path}.${String(p['missingProperty'])}: is required`;
    case 'additionalProperties': {
      const key = String(p['additionalProperty']);
      const where = isPlainKey(key) ? `${path}.${key}: unknown field` : `${path}: unknown field ${echoKey(key)}`;
      return `${where}; allowed: ${allowedKeys(parent)}`;
    }
    case 'enum':
      return `${path}: must be one of ${listValues(p['allowedValues'])}`;
    case 'const':
      return `${path}: must be ${JSON.stringify(p['allowedValue'])}`;
    case 'minLength':
      return `${path}: must be at least ${String(p['limit'])} characters`;
    case 'maxLength':
      return `${path}: must be at most ${String(p['limit'])} characters`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${path}: must be ${String(p['comparison'])} ${String(p['limit'])}`;
    case 'minProperties':
      return `${path}: must have at least ${String(p['limit'])} field(s); allowed: ${allowedKeys(parent)}`;
    case 'pattern': {
      const expected = PATTERN_EXPECTATIONS[String(p['pattern'])];
      return `${path}: has an invalid form${expected === undefined ? '' : `; expected ${expected}`}`;
    }
    default:
      return `${path}: ${error.message ?? 'is invalid'}`;
  }
}

// Fastify's own errors, by code: what the client did and what to do instead.
const FRAMEWORK_ERRORS: Readonly<Record<string, readonly [ErrorCode, string]>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ['LS_BODY_TOO_LARGE', 'request body is larger than allowed'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['LS_VALIDATION', 'headers.content-type: must be application/json'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['LS_VALIDATION', 'body: is not valid JSON, or holds a "__proto__" or "constructor" key'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['LS_VALIDATION', 'body: is empty but content-type is application/json; send a JSON object or drop the header'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['LS_VALIDATION', 'headers.content-length: does not match the body'],
  FST_ERR_CTP_INVALID_TYPE: ['LS_VALIDATION', 'headers.content-type: must be a string'],
  FST_ERR_CTP_EMPTY_TYPE: ['LS_VALIDATION', 'headers.content-type: must not be empty'],
  FST_ERR_BAD_URL: ['LS_VALIDATION', 'url: is not validly percent-encoded'],
  FST_ERR_ASYNC_CONSTRAINT: ['LS_VALIDATION', 'request: cannot be routed'],
};

function byStatus(status: number): ErrorCode {
  if (status === 401) return 'LS_UNAUTHORIZED';
  if (status === 403) return 'LS_FORBIDDEN';
  if (status === 404) return 'LS_NOT_FOUND';
  if (status === 413) return 'LS_BODY_TOO_LARGE';
  if (status === 429) return 'LS_RATE_LIMITED';
  return 'LS_VALIDATION';
}

/** Maps anything thrown in a request to the reply; unknown errors become LS_INTERNAL with a generic message. */
export function mapError(err: unknown, routeSchema?: Readonly<Record<string, unknown>>): MappedError {
  if (err instanceof LinkscopeError) {
    // 5xx messages may name files or URLs; clients get the registry's summary, the log gets the rest.
    const message = err.status >= 500 ? ERROR_CODES[err.code].summary : err.message;
    return { status: err.status, body: { error: { code: err.code, message } }, internal: err.status >= 500 };
  }
  const fe = err as Partial<FastifyError> & { validation?: AjvError[]; validationContext?: string };
  if (Array.isArray(fe.validation) && fe.validation.length > 0 && fe.validation[0] !== undefined) {
    const context = fe.validationContext ?? 'body';
    return mapped('LS_VALIDATION', formatValidationError(context, fe.validation[0], routeSchema?.[context]));
  }
  if (typeof fe.code === 'string') {
    const known = FRAMEWORK_ERRORS[fe.code];
    if (known !== undefined) return mapped(known[0], known[1]);
  }
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = byStatus(status);
    return mapped(code, ERROR_CODES[code].summary);
  }
  return mapped('LS_INTERNAL', ERROR_CODES.LS_INTERNAL.summary);
}

function handle(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const routeSchema = request.routeOptions?.schema as Readonly<Record<string, unknown>> | undefined;
  const result = mapError(err, routeSchema);
  if (result.internal) {
    request.log.error({ err, code: result.body.error.code, method: request.method, url: request.url }, 'request failed');
  } else {
    request.log.debug({ code: result.body.error.code, status: result.status }, 'request rejected');
  }
  void reply.code(result.status).type('application/json; charset=utf-8').send(result.body);
}

/** Installs the error and not-found handlers. `frameworkErrors` (bad URL) must go to fastify's constructor: use `handleFrameworkError`. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => handle(err, request, reply));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path;
    handle(
      new LinkscopeError('LS_NOT_FOUND', `no route ${request.method} ${shown}; the API is under /api/v1, see /docs`),
      request,
      reply,
    );
  });
}

/** For fastify's `frameworkErrors` option: errors raised before routing (bad percent-encoding). */
export function handleFrameworkError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  handle(err, request, reply);
}
