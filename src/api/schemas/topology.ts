/** JSON schemas of neighbours, links and the topology graph (CONTRACT.md), and the /links filters. */
import { MAPPED_BY, NEIGHBOR_PROTOCOLS } from '../../model/topology.js';
import { DEVICE_ROLES, DEVICE_STATUSES } from '../../model/types.js';
import { PERCENT_PATTERN } from './common.js';

const nullableString = { type: ['string', 'null'] } as const;
const nullableNumber = { type: ['number', 'null'] } as const;

export const NEIGHBOR_SCHEMA_ID = 'Neighbor';
export const LINK_SCHEMA_ID = 'Link';

export const neighborSchema = {
  $id: NEIGHBOR_SCHEMA_ID,
  type: 'object',
  description: 'One LLDP or CDP neighbour row of a device, with when it was first and last reported',
  properties: {
    localIfName: { ...nullableString, description: 'ifName of the local port; what the agent said when it could not be mapped' },
    localIfIndex: { type: ['integer', 'null'] },
    mappedBy: { type: ['string', 'null'], enum: [...MAPPED_BY, null], description: 'How the local port was found; null when it could not be' },
    protocol: { type: 'string', enum: [...NEIGHBOR_PROTOCOLS] },
    remoteName: { ...nullableString, description: 'lldpRemSysName, or the CDP device ID' },
    remoteChassisId: nullableString,
    remotePort: nullableString,
    remotePortDescr: nullableString,
    remotePlatform: { ...nullableString, description: 'lldpRemSysDesc or cdpCachePlatform' },
    remoteCapabilities: { type: 'array', items: { type: 'string' } },
    remoteAddress: { ...nullableString, description: 'Management address' },
    remoteDeviceId: { type: ['integer', 'null'], description: 'The inventory device this neighbour is, when it could be matched' },
    firstSeen: { type: 'string' },
    lastSeen: { type: 'string', description: 'Older than the device\'s latest discovery when the neighbour is gone; dropped after topology.staleAfter' },
  },
} as const;

export const neighborListSchema = { type: 'array', items: { $ref: `${NEIGHBOR_SCHEMA_ID}#` } } as const;

const linkEnd = (nullableId: boolean) =>
  ({
    type: 'object',
    properties: {
      deviceId: { type: nullableId ? ['integer', 'null'] : 'integer', ...(nullableId ? { description: 'null for a neighbour outside the inventory' } : {}) },
      device: { type: 'string', description: 'Inventory name, or the name the neighbour announces' },
      ifName: nullableString,
    },
  }) as const;

const linkProperties = {
  id: { type: 'string', description: 'Stable id, hashed from both ends' },
  a: linkEnd(false),
  b: linkEnd(true),
  protocols: { type: 'array', items: { type: 'string', enum: [...NEIGHBOR_PROTOCOLS] } },
  status: { type: 'string', enum: ['up', 'down'], description: 'up when still reported and every known end (device and interface) is up' },
  speedBps: { ...nullableNumber, description: 'The lower of both ends' },
  utilization: { ...nullableNumber, description: 'Percent, the busier direction' },
  inBps: { ...nullableNumber, description: 'Seen from side a' },
  outBps: { ...nullableNumber, description: 'Seen from side a' },
  firstSeen: { type: 'string' },
  lastSeen: { type: 'string' },
} as const;

export const linkSchema = {
  $id: LINK_SCHEMA_ID,
  type: 'object',
  description: 'One physical link, both ends\' views merged; side a is the lower device id (the inventory side when b is external)',
  properties: linkProperties,
} as const;

export const linkListSchema = { type: 'array', items: { $ref: `${LINK_SCHEMA_ID}#` } } as const;

const nodeId = { type: ['integer', 'string'], description: 'Device id, or "ext:<chassis ID, name or address>" for a neighbour outside the inventory' } as const;

export const topologySchema = {
  type: 'object',
  properties: {
    nodes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: nodeId,
          name: { type: 'string' },
          role: { type: ['string', 'null'], enum: [...DEVICE_ROLES, null] },
          status: { type: 'string', enum: [...DEVICE_STATUSES, 'unknown'], description: 'unknown for an external node (it is not polled)' },
          external: { type: 'boolean' },
        },
      },
    },
    edges: {
      type: 'array',
      items: {
        type: 'object',
        properties: { ...linkProperties, source: { ...nodeId, description: 'Node id of side a' }, target: { ...nodeId, description: 'Node id of side b' } },
      },
    },
  },
} as const;


export const linkQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: ['up', 'down'], description: 'Only links with this status' },
    minUtilization: { type: 'string', pattern: PERCENT_PATTERN, description: 'Only links whose utilisation (percent, busier direction) is at least this' },
    device: { type: 'string', minLength: 1, maxLength: 255, description: 'Only links with this device (id or name) at either end' },
  },
} as const;

export const linkIdParamSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64, description: 'Link id from GET /links' } },
} as const;
