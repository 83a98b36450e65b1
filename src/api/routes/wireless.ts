/** /api/v1/devices/:id/wireless: the device's access points, radios, SSIDs and wireless sensors from its last wireless poll. */
import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../deps.js';
import { deviceIdParamSchema, errorResponses, noQuerySchema } from '../schemas/common.js';
import { WIRELESS_SCHEMA_ID } from '../schemas/wireless.js';

export async function wirelessRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const { inventory, state, wireless } = deps;
  if (wireless === undefined) return;
  app.get<{ Params: { id: string } }>(
    '/devices/:id/wireless',
    {
      schema: {
        tags: ['wireless'],
        summary: "A device's access points (with radios and SSIDs) and wireless sensors; empty lists when it has no wireless",
        params: deviceIdParamSchema,
        querystring: noQuerySchema,
        response: { 200: { $ref: `${WIRELESS_SCHEMA_ID}#` }, ...errorResponses(404) },
      },
    },
    async (request) => {
      const device = inventory.get(request.params.id);
      const role = state.get(device.id)?.role ?? null;
      const found = wireless.get(device.id);
      return { role: found?.role ?? role, aps: found?.report.aps ?? [], sensors: found?.report.sensors ?? [] };
    },
  );
}
