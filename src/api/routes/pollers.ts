/** /api/v1/pollers: the fleet (scale-out on PostgreSQL); registered only when this process is one of a fleet. */
import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../deps.js';
import { errorResponses, noQuerySchema } from '../schemas/common.js';
import { POLLERS_SCHEMA_ID } from '../schemas/pollers.js';

export async function pollersRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const { cluster } = deps;
  if (cluster === undefined) return;
  app.get(
    '/pollers',
    {
      schema: {
        tags: ['pollers'],
        summary: 'Every poller of the fleet: its slots, devices, lease renewals and handovers (only with LINKSCOPE_DATABASE_URL)',
        querystring: noQuerySchema,
        response: { 200: { $ref: `${POLLERS_SCHEMA_ID}#` }, ...errorResponses(503) },
      },
    },
    async () => ({ self: cluster.pollerId, slotCount: cluster.slotCount, pollers: await cluster.pollers() }),
  );
}
