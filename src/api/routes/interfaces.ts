/** /api/v1/devices/:id/interfaces: live interface state (no InfluxDB needed) and utilisation history. */
import type { FastifyInstance } from 'fastify';
import type { IfStatus } from '../../model/types.js';
import type { ApiDeps } from '../deps.js';
import { deviceIdParamSchema, errorResponses } from '../schemas/common.js';
import {
  interfaceListSchema,
  interfaceQuerySchema,
  utilizationParamsSchema,
  utilizationQuerySchema,
  utilizationSeriesSchema,
} from '../schemas/interface.js';
import { parseTimeRange, type TimeRangeInput } from '../time-range.js';
import { filterInterfaces, interfaceView } from '../views.js';

interface InterfaceQuery {
  readonly status?: IfStatus;
  readonly adminStatus?: IfStatus;
  readonly problem?: 'down';
  readonly minUtilization?: string;
  readonly q?: string;
}

export async function interfacesRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const { inventory, state, history } = deps;

  app.get<{ Params: { id: string }; Querystring: InterfaceQuery }>(
    '/devices/:id/interfaces',
    {
      schema: {
        tags: ['interfaces'],
        summary: "A device's interfaces from the latest poll: status, rates, utilisation, errors",
        params: deviceIdParamSchema,
        querystring: interfaceQuerySchema,
        response: { 200: interfaceListSchema, ...errorResponses(404) },
      },
    },
    async (request) => {
      const device = inventory.get(request.params.id);
      const interfaces = state.get(device.id)?.interfaces ?? [];
      const { status, adminStatus, problem, minUtilization, q } = request.query;
      const nowMs = Date.now();
      const chosen =
        status === undefined && adminStatus === undefined && problem === undefined && minUtilization === undefined && (q === undefined || q === '')
          ? interfaces
          : filterInterfaces(interfaces, { status, adminStatus, problem, minUtilization: minUtilization === undefined ? undefined : Number(minUtilization), q });
      return chosen.map((i) => interfaceView(i, nowMs));
    },
  );

  app.get<{ Params: { id: string; ifName: string }; Querystring: TimeRangeInput }>(
    '/devices/:id/interfaces/:ifName/utilization',
    {
      schema: {
        tags: ['interfaces'],
        summary: "An interface's rates and utilisation over time, from InfluxDB",
        description:
          'ifName is URL-encoded (Gi1/0/1 → Gi1%2F0%2F1). Names reach InfluxDB as bound parameters, so any interface name is legal. ' +
          'Long ranges read the 5-minute rollup; the x-linkscope-source header says which data answered (raw or rollup_5m).',
        params: utilizationParamsSchema,
        querystring: utilizationQuerySchema,
        response: { 200: utilizationSeriesSchema, ...errorResponses(404, 503) },
      },
    },
    async (request, reply) => {
      const nowMs = Date.now();
      const range = parseTimeRange(request.query, nowMs);
      const device = inventory.get(request.params.id);
      // Stop the InfluxDB query when the client goes away before the answer.
      const abort = new AbortController();
      const onClose = (): void => {
        if (!reply.raw.writableFinished) abort.abort();
      };
      reply.raw.once('close', onClose);
      const query = { device: device.name, ifName: request.params.ifName, from: range.from, to: range.to, stepMs: range.stepMs };
      try {
        if (history.utilizationWithSource === undefined) return await history.utilization(query, abort.signal);
        // Long ranges come from the rollup (docs/influxdb.md); the header says which data answered.
        const { points, source } = await history.utilizationWithSource(query, abort.signal, nowMs);
        reply.header('x-linkscope-source', source);
        return points;
      } finally {
        reply.raw.off('close', onClose);
      }
    },
  );
}
