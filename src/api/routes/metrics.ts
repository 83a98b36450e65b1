/** /api/v1/metrics (also /metrics): Prometheus text of the poller's and sink's own figures. */
import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../deps.js';
import { PROMETHEUS_CONTENT_TYPE, renderMetrics } from '../prometheus.js';
import { errorResponses } from '../schemas/common.js';

export function metricsText(deps: Pick<ApiDeps, 'poller' | 'sinkStatus' | 'inventory' | 'state' | 'cluster'>): string {
  const deviceNames = new Map(deps.inventory.list().map((d) => [d.id, d.name] as const));
  const summary = deps.state.summary();
  return renderMetrics({
    poller: deps.poller.metrics(),
    sink: deps.sinkStatus(),
    deviceNames,
    // The words of /devices, so an alert on status="unreachable" means what the API means.
    devicesByStatus: { up: summary.up, unreachable: summary.unreachable, 'auth-failed': summary['auth-failed'], pending: summary.pending },
    ...(deps.cluster === undefined ? {} : { cluster: { pollerId: deps.cluster.pollerId, figures: deps.cluster.local() } }),
  });
}

export async function metricsRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['service'],
        summary: 'Prometheus text exposition: polls, failures, timeouts, varbinds, spool, per-device last success',
        produces: ['text/plain'],
        response: {
          200: { type: 'string', description: 'Prometheus text format 0.0.4' },
          ...errorResponses(),
        },
      },
    },
    async (_request, reply) => reply.type(PROMETHEUS_CONTENT_TYPE).send(metricsText(deps)),
  );
}
