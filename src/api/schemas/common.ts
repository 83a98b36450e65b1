/** Shared JSON schemas of the API: the error body, id params, error responses per route. Defined once here. */
import { ERROR_CODES } from '../../model/errors.js';
import { SITE_PATTERN } from '../../model/types.js';

// Numbers arrive as query text (the API validates without type coercion), hence patterns. A 400
// names what a pattern expects from this table, never the field's description (which says what
// the field does, not what it must look like).
/** A percentage as query text: `80`, `12.5`. */
export const PERCENT_PATTERN = '^[0-9]{1,6}(?:\\.[0-9]{1,6})?$';
/** Go-style durations as config/units.ts parses them ("30s", "5m", "1h30m"); bounds are checked after parsing. */
export const DURATION_PATTERN = '^(?:[0-9]{1,9}(?:\\.[0-9]{1,3})?(?:ms|s|m|h|d)){1,5}$';
/**
 * Device names as real devices carry them (sysName with `+`, spaces, any script), as
 * inventory/validate.ts: no control characters, no `/`, no leading or trailing space, never all
 * digits (so `:id` stays unambiguous). Routes take them URL-encoded.
 */
export const DEVICE_NAME_PATTERN = '^(?![0-9]+$)(?!\\s)(?!.*\\s$)[^\\u0000-\\u001f\\u007f-\\u009f/]+$';

export const PATTERN_EXPECTATIONS: Readonly<Record<string, string>> = {
  [PERCENT_PATTERN]: 'a number of percent such as 80 or 12.5 (0 to 999999, no sign, no unit)',
  [DURATION_PATTERN]: 'a duration with a unit such as "30s", "5m" or "1h30m"',
  [DEVICE_NAME_PATTERN]: 'a name of printable characters without "/", not starting or ending with a space, not all digits, e.g. "core-sw1" or "swos_css326-24g-2s+"',
  [SITE_PATTERN]: 'a site name of 1 to 63 ASCII letters, digits, ".", "_" or "-", starting with a letter or digit, e.g. "default" or "dc-1"',
};

/** `$id` of the shared error schema; routes refer to it as `{ $ref: 'ErrorResponse#' }`. */
export const ERROR_SCHEMA_ID = 'ErrorResponse';

export const errorResponseSchema = {
  $id: ERROR_SCHEMA_ID,
  type: 'object',
  description: 'Every error: a stable code (see docs/errors.md) and a message for people.',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      additionalProperties: false,
      properties: {
        code: { type: 'string', enum: Object.keys(ERROR_CODES), examples: ['LS_DEVICE_NOT_FOUND'] },
        message: { type: 'string', examples: ['no device with id or name "core-sw9"'] },
      },
    },
  },
} as const;

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Invalid request: the message names the field and what is allowed (LS_VALIDATION, LS_DEVICE_INVALID).',
  401: 'Bearer token missing or wrong (LS_UNAUTHORIZED).',
  404: 'No such device or route (LS_DEVICE_NOT_FOUND, LS_NOT_FOUND).',
  409: 'A device with the same host, port and SNMP identity exists (LS_DEVICE_EXISTS).',
  413: 'Request body too large (LS_BODY_TOO_LARGE).',
  429: 'Rate limited; retry later (LS_RATE_LIMITED).',
  500: 'Internal error; details only in the server log (LS_INTERNAL, LS_INVENTORY_DB).',
  503: 'InfluxDB unavailable (LS_INFLUX_UNAVAILABLE).',
};

/** Error responses every route can give: validation, auth, rate limit, internal. */
const ALWAYS = [400, 401, 429, 500] as const;

/** The `response` entries for the given extra statuses plus the ones every route can give. */
export function errorResponses(...extra: number[]): Record<string, unknown> {
  const statuses = [...new Set([...ALWAYS, ...extra])].sort((a, b) => a - b);
  const out: Record<string, unknown> = {};
  for (const status of statuses) {
    out[String(status)] = { description: STATUS_TEXT[status] ?? 'Error', $ref: `${ERROR_SCHEMA_ID}#` };
  }
  return out;
}

/** `:id` is a numeric id or a device name (names are never all digits). */
export const deviceIdParamSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 255, description: 'Device id (digits) or name' },
  },
} as const;

/** An empty querystring object: any query parameter is unknown and rejected. */
export const noQuerySchema = { type: 'object', additionalProperties: false, properties: {} } as const;
