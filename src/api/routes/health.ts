/** /api/v1/health (also /health): liveness for load balancers and checks; never needs the token. */
import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../deps.js';
import { errorResponses } from '../schemas/common.js';
import { healthSchema } from '../schemas/health.js';

export interface Health {
  readonly status: 'ok' | 'degraded';
  readonly influx: 'ok' | 'down';
  readonly spoolBytes: number;
  readonly devices: { readonly up: number; readonly down: number; readonly pending: number };
}

export function health(deps: Pick<ApiDeps, 'sinkStatus' | 'state'>): Health {
  const sink = deps.sinkStatus();
  return {
    status: sink.influx === 'ok' ? 'ok' : 'degraded',
    influx: sink.influx,
    spoolBytes: sink.spoolBytes,
    devices: deps.state.summary(),
  };
}

export async function healthRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  app.get(
    '/health',
    {
      config: { auth: 'none', rateLimit: false },
      schema: {
        tags: ['service'],
        summary: 'Service health: "degraded" while InfluxDB is down (samples are spooled on disk)',
        response: { 200: healthSchema, ...errorResponses() },
      },
    },
    async () => health(deps),
  );
}
