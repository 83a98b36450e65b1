/** JSON schema of GET /pollers (scale-out): the fleet as the database sees it. */
export const POLLERS_SCHEMA_ID = 'Pollers';

const count = (description: string) => ({ type: ['integer', 'null'], description });

export const pollersSchema = {
  $id: POLLERS_SCHEMA_ID,
  type: 'object',
  description: 'Every poller of the fleet the database knows (live, or expired within the last hour)',
  required: ['self', 'slotCount', 'pollers'],
  properties: {
    self: { type: 'string', description: 'Id of the poller that answered' },
    slotCount: { type: 'integer', description: 'Slots per site that devices hash into' },
    pollers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'sites', 'live', 'slots', 'devices', 'startedAt', 'expiresAt', 'renewals', 'renewFailures', 'handoversIn', 'handoversOut'],
        properties: {
          id: { type: 'string' },
          sites: { type: ['array', 'null'], items: { type: 'string' }, description: 'Sites it serves; null = every site' },
          live: { type: 'boolean', description: 'Its registration is unexpired (database clock)' },
          slots: { type: 'integer', description: 'Unexpired slot leases it holds' },
          devices: { type: 'integer', description: 'Inventory devices in those slots' },
          startedAt: { type: 'string', format: 'date-time' },
          expiresAt: { type: 'string', format: 'date-time' },
          renewals: count('Lease renewals since it started (as of its last renewal)'),
          renewFailures: count('Renewals that failed (database unreachable or slow)'),
          handoversIn: count('Slots it took over from another poller (or an earlier life of itself)'),
          handoversOut: count('Slots it gave up: released, lost at renewal or fenced off'),
        },
      },
    },
  },
} as const;
