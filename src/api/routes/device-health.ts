/** /api/v1/devices/:id/health: the device's processors, memory pools and sensors from its last health poll. */
import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../deps.js';
import { deviceIdParamSchema, errorResponses, noQuerySchema } from '../schemas/common.js';
import { DEVICE_HEALTH_SCHEMA_ID } from '../schemas/device-health.js';

export async function deviceHealthRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const { inventory, health } = deps;
  if (health === undefined) return;
  app.get<{ Params: { id: string } }>(
    '/devices/:id/health',
    {
      schema: {
        tags: ['health'],
        summary: "A device's CPU load, memory pools and sensors (temperatures, fans, PSUs, optics); empty lists when it has no health data",
        params: deviceIdParamSchema,
        querystring: noQuerySchema,
        response: { 200: { $ref: `${DEVICE_HEALTH_SCHEMA_ID}#` }, ...errorResponses(404) },
      },
    },
    async (request) => {
      const device = inventory.get(request.params.id);
      const found = health.get(device.id)?.report;
      return { processors: found?.processors ?? [], memory: found?.memory ?? [], sensors: found?.sensors ?? [] };
    },
  );
}
