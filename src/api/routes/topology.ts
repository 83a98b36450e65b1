/** /api/v1/topology: inventory devices and external neighbours as nodes, links as edges with live status. */
import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../deps.js';
import { errorResponses, noQuerySchema } from '../schemas/common.js';
import { topologySchema } from '../schemas/topology.js';

export async function topologyRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const { topology } = deps;
  if (topology === undefined) return;
  app.get(
    '/topology',
    {
      schema: {
        tags: ['topology'],
        summary: 'The network graph: devices and external neighbours as nodes, links as edges (source = side a, target = side b)',
        querystring: noQuerySchema,
        response: { 200: topologySchema, ...errorResponses() },
      },
    },
    async () => topology.topology(Date.now()),
  );
}
