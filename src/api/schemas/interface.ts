/** JSON schemas of interfaces: live view, its filters, and the utilisation history query and series. */
import { PERCENT_PATTERN } from './common.js';

export const IF_STATUS_WORDS = ['up', 'down', 'testing', 'unknown', 'dormant', 'notPresent', 'lowerLayerDown'] as const;

const nullableNumber = { type: ['number', 'null'] } as const;

export const interfaceSchema = {
  $id: 'Interface',
  type: 'object',
  properties: {
    ifIndex: { type: 'integer' },
    ifName: { type: 'string' },
    ifDescr: { type: 'string' },
    ifAlias: { type: 'string' },
    ifType: { type: 'string' },
    speedBps: nullableNumber,
    adminStatus: { type: 'string', enum: [...IF_STATUS_WORDS] },
    operStatus: { type: 'string', enum: [...IF_STATUS_WORDS] },
    lastChange: { type: ['integer', 'null'], description: 'ifLastChange in TimeTicks (1/100 s since the agent started)' },
    lastChangeAt: {
      type: ['string', 'null'],
      description: 'When the interface last changed state (ISO 8601), from ifLastChange and sysUpTime; null when unknown (0 = before the agent started)',
    },
    lastChangeSecondsAgo: { type: ['integer', 'null'], description: 'Seconds from lastChangeAt to this reply' },
    inBps: nullableNumber,
    outBps: nullableNumber,
    inUtilization: { type: ['number', 'null'], description: 'percent' },
    outUtilization: { type: ['number', 'null'], description: 'percent' },
    inErrorsPerSec: nullableNumber,
    outErrorsPerSec: nullableNumber,
    inDiscardsPerSec: nullableNumber,
    outDiscardsPerSec: nullableNumber,
    inPps: nullableNumber,
    outPps: nullableNumber,
    counterBits: { type: 'integer', enum: [64, 32] },
    sampledAt: { type: ['string', 'null'] },
  },
} as const;

export const interfaceListSchema = { type: 'array', items: { $ref: 'Interface#' } } as const;


export const interfaceQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: [...IF_STATUS_WORDS], description: 'Only interfaces with this operStatus' },
    adminStatus: { type: 'string', enum: [...IF_STATUS_WORDS], description: 'Only interfaces with this adminStatus' },
    problem: {
      type: 'string',
      enum: ['down'],
      description: '"down": only links that should be up but are not (adminStatus up, operStatus anything but up); admin-down ports are left out',
    },
    minUtilization: {
      type: 'string',
      pattern: PERCENT_PATTERN,
      description: 'Only interfaces whose larger of in/out utilisation (percent) is at least this',
    },
    q: {
      type: 'string',
      maxLength: 256,
      description: 'Case-insensitive substring of ifName, ifDescr or ifAlias',
    },
  },
} as const;

export const utilizationParamsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'ifName'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 255, description: 'Device id (digits) or name' },
    ifName: {
      type: 'string',
      minLength: 1,
      maxLength: 512,
      description: 'Interface name, URL-encoded (Gi1%2F0%2F1); any characters are legal',
    },
  },
} as const;

// "-1h", "-15m", "-1h30m", ISO 8601 or "now"; parsed and bounded in time-range.ts.
const TIME_DESCRIPTION = 'ISO 8601 time, "now", or a duration before now such as "-15m", "-1h", "-7d"';

export const utilizationQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', maxLength: 40, description: `${TIME_DESCRIPTION} (default -1h)` },
    to: { type: 'string', maxLength: 40, description: `${TIME_DESCRIPTION} (default now)` },
    step: {
      type: 'string',
      maxLength: 32,
      description: 'Bucket width, at least 1s, e.g. "60s", "5m" (default 60s); at most 10000 buckets',
    },
  },
} as const;

export const utilizationSeriesSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      time: { type: 'string' },
      inBps: nullableNumber,
      outBps: nullableNumber,
      inUtilization: nullableNumber,
      outUtilization: nullableNumber,
    },
  },
} as const;
