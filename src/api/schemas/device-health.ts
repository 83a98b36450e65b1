/** JSON schema of GET /devices/:id/health (CONTRACT.md): processors, memory pools and sensors with CONTRACT units. */
import { HEALTH_SENSOR_CLASSES } from '../../model/health.js';

export const DEVICE_HEALTH_SCHEMA_ID = 'DeviceHealth';

export const deviceHealthSchema = {
  $id: DEVICE_HEALTH_SCHEMA_ID,
  type: 'object',
  description: 'The last health poll of a device; a device without health data has empty lists',
  required: ['processors', 'memory', 'sensors'],
  properties: {
    processors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['index', 'descr', 'usage'],
        properties: { index: { type: 'string' }, descr: { type: 'string' }, usage: { type: 'number', description: 'CPU load, percent' } },
      },
    },
    memory: {
      type: 'array',
      items: {
        type: 'object',
        required: ['index', 'descr', 'usedBytes', 'totalBytes', 'usedPercent'],
        properties: {
          index: { type: 'string' },
          descr: { type: 'string' },
          usedBytes: { type: ['integer', 'null'], description: 'null when the device reports only a percentage' },
          totalBytes: { type: ['integer', 'null'] },
          usedPercent: { type: 'number' },
        },
      },
    },
    sensors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['class', 'index', 'descr', 'value', 'unit'],
        properties: {
          class: { type: 'string', enum: [...HEALTH_SENSOR_CLASSES] },
          index: { type: 'string' },
          descr: { type: 'string' },
          value: { type: 'number' },
          unit: { type: 'string', description: 'Fixed per class: °C, rpm, V, A, W, dBm, % or empty' },
          status: { type: 'string', description: '`state` sensors (and others where the vendor reports one): the state as text' },
        },
      },
    },
  },
} as const;
