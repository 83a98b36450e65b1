/** JSON schema of GET /devices/:id/wireless (CONTRACT.md): role, access points with radios and SSIDs, flat sensors. */
import { WIRELESS_SENSOR_CLASSES } from '../../model/wireless.js';
import { DEVICE_ROLES } from '../../model/types.js';

export const WIRELESS_SCHEMA_ID = 'Wireless';

const radioSchema = {
  type: 'object',
  required: ['index'],
  properties: {
    index: { type: 'string', description: 'The radio within its AP (slot, interface index, …)' },
    band: { type: 'string', examples: ['2.4GHz', '5GHz', '6GHz', '60GHz'] },
    frequencyMHz: { type: 'number' },
    channel: { type: 'integer' },
    clients: { type: 'integer' },
    txPowerDbm: { type: 'number' },
    noiseFloorDbm: { type: 'number' },
    utilization: { type: 'number', description: 'Channel utilisation, percent' },
  },
} as const;

const apSchema = {
  type: 'object',
  required: ['name', 'clients', 'radios', 'ssids'],
  properties: {
    name: { type: 'string', description: 'AP name; a lone AP or a point-to-point radio reports itself' },
    mac: { type: 'string' },
    status: { type: 'string', description: '`up`/`down` or the vendor\'s word for it' },
    clients: { type: 'integer' },
    radios: { type: 'array', items: radioSchema },
    ssids: {
      type: 'array',
      items: { type: 'object', required: ['ssid', 'clients'], properties: { ssid: { type: 'string' }, clients: { type: 'integer' } } },
    },
  },
} as const;

const sensorSchema = {
  type: 'object',
  required: ['class', 'index', 'descr', 'value', 'unit'],
  properties: {
    class: { type: 'string', enum: [...WIRELESS_SENSOR_CLASSES] },
    index: { type: 'string' },
    descr: { type: 'string' },
    value: { type: 'number' },
    unit: { type: 'string', description: 'Fixed per class: MHz, dBm, dB, %, bit/s, km or empty' },
  },
} as const;

export const wirelessSchema = {
  $id: WIRELESS_SCHEMA_ID,
  type: 'object',
  description: 'The last wireless poll of a device; a device without wireless has no APs and no sensors',
  required: ['role', 'aps', 'sensors'],
  properties: {
    role: { type: ['string', 'null'], enum: [...DEVICE_ROLES, null], description: 'The device role (the wireless profiles decide it when one fits); null before the first poll' },
    aps: { type: 'array', items: apSchema },
    sensors: { type: 'array', items: sensorSchema },
  },
} as const;
