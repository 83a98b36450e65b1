/** /api/v1/devices/:id/neighbors: a device's LLDP/CDP neighbours as stored by neighbour discovery. */
import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../deps.js';
import { deviceIdParamSchema, errorResponses, noQuerySchema } from '../schemas/common.js';
import { neighborListSchema } from '../schemas/topology.js';

export async function neighborsRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const { inventory, topology } = deps;
  if (topology === undefined) return;
  app.get<{ Params: { id: string } }>(
    '/devices/:id/neighbors',
    {
      schema: {
        tags: ['topology'],
        summary: "A device's LLDP/CDP neighbours, each with the inventory device it is and when it was first and last seen",
        params: deviceIdParamSchema,
        querystring: noQuerySchema,
        response: { 200: neighborListSchema, ...errorResponses(404) },
      },
    },
    async (request) => {
      const device = inventory.get(request.params.id);
      return topology.neighbors(device.id, Date.now());
    },
  );
}
