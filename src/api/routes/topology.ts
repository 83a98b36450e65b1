/** /api/v1/topology: inventory devices and external neighbours as nodes, links as edges with live status. */
import type { FastifyInstance } from 'fastify';
import type { TopologyEdge, TopologyView } from '../../state/topology-state.js';
import type { ApiDeps } from '../deps.js';
import { JsonListCache, sendJson } from '../json-cache.js';
import { errorResponses, noQuerySchema } from '../schemas/common.js';
import { topologySchema } from '../schemas/topology.js';

export async function topologyRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const { topology } = deps;
  if (topology === undefined) return;
  const cache = new JsonListCache<TopologyEdge>(1);
  // TopologyState hands out the same view while nothing changed: keep its body.
  let last: { readonly view: TopologyView; readonly body: Buffer } | undefined;
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
    async (request, reply) => {
      const view = topology.topology(Date.now());
      if (last?.view !== view) {
        // Nodes are few (one per device); edges can be 10,000s and are cached per object.
        const prefix = `{"nodes":${JSON.stringify(view.nodes)},"edges":`;
        last = { view, body: cache.body(prefix, view.edges, prefix, '}') };
      }
      return sendJson(request, reply, last.body);
    },
  );
}
