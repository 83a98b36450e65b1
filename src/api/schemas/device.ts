/** JSON schemas of devices: POST/PATCH bodies (unknown fields rejected) and the device as returned (secrets as ***). */
import { DEVICE_NAME_PATTERN, DURATION_PATTERN } from './common.js';
import { AUTH_PROTOCOLS, DEFAULT_SITE, DEVICE_ROLES, DEVICE_STATUSES, PRIV_PROTOCOLS, SECURITY_LEVELS, SITE_PATTERN } from '../../model/types.js';

export const DEVICE_SCHEMA_ID = 'Device';


const hostSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 255,
  description: 'Agent address: IPv4, IPv6 or DNS name, without port (use "port")',
  examples: ['10.0.0.1'],
} as const;

const portSchema = { type: 'integer', minimum: 1, maximum: 65535, description: 'UDP port (default 161)' } as const;

const nameSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  pattern: DEVICE_NAME_PATTERN,
  description: 'Unique device name as the device calls itself (any script, spaces, + . _ : -), without "/" or control characters, never all digits (default: the host); URL-encode it in routes',
  examples: ['core-sw1', 'swos_css326-24g-2s+'],
} as const;

const siteSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 63,
  pattern: SITE_PATTERN,
  description: `Where the device is (a campus, a data centre, a customer): 1-63 ASCII letters, digits, ".", "_", "-", starting with a letter or digit (default "${DEFAULT_SITE}")`,
  examples: ['dc-1'],
} as const;

const intervalSchema = {
  type: 'string',
  maxLength: 32,
  pattern: DURATION_PATTERN,
  description: 'Poll interval from 1s to 1d, e.g. "30s", "5m" (default LINKSCOPE_POLL_INTERVAL)',
} as const;

const secretSchema = (what: string) =>
  ({ type: 'string', minLength: 1, maxLength: 255, description: `${what}; never returned (shown as "***")` }) as const;

/**
 * SNMP credentials, one flat object: which fields a version allows (community for 1/2c; user,
 * level, keys for 3) and what each level needs is checked by inventory/validate.ts, which the
 * CLI shares, so both name the same field with the same words.
 */
export const snmpCredentialsSchema = {
  type: 'object',
  additionalProperties: false,
  description:
    'v1/v2c: {"version": "2c", "community"}; v3: {"version": "3", "user", "level", "authProtocol", "authKey", "privProtocol", "privKey", "context"} (auth* for authNoPriv/authPriv, priv* for authPriv)',
  properties: {
    version: { type: 'string', enum: ['1', '2c', '3'], description: 'default "2c"' },
    community: secretSchema('Community string (v1/v2c)'),
    user: { type: 'string', minLength: 1, maxLength: 32 },
    level: { type: 'string', enum: [...SECURITY_LEVELS] },
    authProtocol: { type: 'string', enum: [...AUTH_PROTOCOLS] },
    authKey: secretSchema('Authentication passphrase, at least 8 characters'),
    privProtocol: { type: 'string', enum: [...PRIV_PROTOCOLS] },
    privKey: secretSchema('Privacy passphrase, at least 8 characters'),
    context: { type: 'string', maxLength: 32 },
  },
} as const;

const nullable = <T extends { type: string }>(schema: T) => ({ ...schema, type: [schema.type, 'null'] }) as const;

/** PATCH credentials: with the same version, fields merge over the stored ones (null removes one). */
const snmpPatchSchema = {
  ...snmpCredentialsSchema,
  description:
    'Same version: the given fields replace the stored ones (e.g. {"privKey": "..."} rotates one key; null removes a field). Another version: the credentials are replaced whole.',
  properties: {
    ...snmpCredentialsSchema.properties,
    authProtocol: nullable(snmpCredentialsSchema.properties.authProtocol),
    authKey: nullable(snmpCredentialsSchema.properties.authKey),
    privProtocol: nullable(snmpCredentialsSchema.properties.privProtocol),
    privKey: nullable(snmpCredentialsSchema.properties.privKey),
    context: nullable(snmpCredentialsSchema.properties.context),
  },
} as const;

/** A device's own custom metrics: names from config `metrics`, polled whatever their selectors. */
const metricsSchema = {
  type: 'array',
  maxItems: 64,
  items: { type: 'string', minLength: 1, maxLength: 64 },
  description: 'Custom metrics (names from config `metrics`) polled on this device whatever their selectors; [] = the selectors decide',
} as const;

export const createDeviceBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['host', 'snmp'],
  properties: {
    host: hostSchema,
    port: portSchema,
    name: nameSchema,
    interval: intervalSchema,
    snmp: snmpCredentialsSchema,
    metrics: metricsSchema,
    site: siteSchema,
  },
} as const;

/** PATCH: any non-empty subset; `interval: null` returns to the default. */
export const patchDeviceBodySchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    host: hostSchema,
    port: portSchema,
    name: nameSchema,
    interval: nullable(intervalSchema),
    snmp: snmpPatchSchema,
    metrics: nullable(metricsSchema),
    site: siteSchema,
  },
} as const;

const nullableString = { type: ['string', 'null'] } as const;

/** The device as every route returns it: inventory fields + live state. Secrets are the constant "***". */
export const deviceSchema = {
  $id: DEVICE_SCHEMA_ID,
  type: 'object',
  required: ['id', 'name', 'host', 'port', 'interval', 'intervalMs', 'snmp', 'site', 'status'],
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'integer' },
    interval: { type: 'string', description: 'Effective poll interval ("1m")' },
    intervalMs: { type: 'integer' },
    intervalIsDefault: { type: 'boolean', description: 'true when the device follows LINKSCOPE_POLL_INTERVAL' },
    discoveredBy: { type: ['integer', 'null'], description: 'Id of the device whose LLDP/CDP neighbour row led the crawl (topology.discover) to add this one; null when added by hand' },
    metrics: { type: 'array', items: { type: 'string' }, description: 'Custom metrics the device names itself (absent when none); the selectors of config `metrics` may add others' },
    site: { type: 'string', description: `Where the device is; "${DEFAULT_SITE}" unless set` },
    snmp: {
      type: 'object',
      required: ['version'],
      properties: {
        version: { type: 'string', enum: ['1', '2c', '3'] },
        community: { type: 'string', enum: ['***'] },
        user: { type: 'string' },
        level: { type: 'string', enum: [...SECURITY_LEVELS] },
        authProtocol: { type: 'string' },
        authKey: { type: 'string', enum: ['***'] },
        privProtocol: { type: 'string' },
        privKey: { type: 'string', enum: ['***'] },
        context: { type: 'string' },
      },
    },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    status: { type: 'string', enum: [...DEVICE_STATUSES] },
    sysName: nullableString,
    sysDescr: nullableString,
    sysObjectID: nullableString,
    role: { type: ['string', 'null'], enum: [...DEVICE_ROLES, null] },
    vendor: nullableString,
    lastPollAt: nullableString,
    lastSuccessAt: nullableString,
    pollMs: { type: ['number', 'null'] },
    getbulkBudget: { type: ['integer', 'null'], description: 'Varbinds per GETBULK request the poller asks this device for now: starts at snmp.maxVarbindsPerRequest, self-tuned up to snmp.maxVarbindsCeiling; null before the first successful poll' },
    interfaceCount: { type: 'integer' },
    lastError: {
      type: ['object', 'null'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, at: { type: 'string' } },
    },
  },
} as const;

export const deviceListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: [...DEVICE_STATUSES], description: 'Only devices with this status' },
  },
} as const;

/** Most rows one `POST /devices:batch` takes; bigger files go in several requests (or `linkscope device import`). */
export const BATCH_MAX_DEVICES = 5000;

export const batchDeviceBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['devices'],
  description: 'Devices to add, all or none: every row is validated first; the reply names each bad row',
  properties: {
    devices: {
      type: 'array',
      minItems: 1,
      maxItems: BATCH_MAX_DEVICES,
      items: { type: 'object', description: 'As the POST /devices body; the snmp fields may also sit beside host (version, community, user, …)' },
    },
  },
} as const;
