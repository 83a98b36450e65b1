/** JSON schema of /health. */

export const healthSchema = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded'], description: 'degraded when InfluxDB is down (samples spool) or the spool cannot be read or written' },
    influx: { type: 'string', enum: ['ok', 'down'] },
    spoolBytes: { type: 'integer' },
    devices: {
      type: 'object',
      description: 'devices per status, in the words of /devices; down = unreachable + auth-failed',
      properties: {
        up: { type: 'integer' },
        down: { type: 'integer' },
        unreachable: { type: 'integer' },
        'auth-failed': { type: 'integer' },
        pending: { type: 'integer' },
      },
    },
    problems: { type: 'array', items: { type: 'string' }, description: 'why the status is degraded; absent when ok' },
  },
} as const;
