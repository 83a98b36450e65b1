/** /api/v1/health (also /health): liveness for load balancers and checks; never needs the token. */
import type { FastifyInstance } from 'fastify';
import type { DeviceStatusCounts } from '../../state/live-state.js';
import type { ApiDeps } from '../deps.js';
import { errorResponses } from '../schemas/common.js';
import { healthSchema } from '../schemas/health.js';

export interface Health {
  readonly status: 'ok' | 'degraded';
  readonly influx: 'ok' | 'down';
  readonly spoolBytes: number;
  /** `up`, `unreachable`, `auth-failed`, `pending` as on /devices; `down` = unreachable + auth-failed. */
  readonly devices: DeviceStatusCounts;
  /** Why the status is degraded, in words (InfluxDB down, spool unwritable, batches set aside); absent when ok. */
  readonly problems?: readonly string[];
}

export function health(deps: Pick<ApiDeps, 'sinkStatus' | 'state'>): Health {
  const sink = deps.sinkStatus();
  const problems = [
    ...(sink.influx === 'ok' ? [] : ['InfluxDB does not accept writes; samples are spooled on disk']),
    ...(sink.problems ?? []),
  ];
  return {
    status: problems.length === 0 ? 'ok' : 'degraded',
    influx: sink.influx,
    spoolBytes: sink.spoolBytes,
    devices: deps.state.summary(),
    // Only when degraded: the ok body stays exactly what monitoring scripts already compare against.
    ...(problems.length === 0 ? {} : { problems }),
  };
}

export async function healthRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  app.get(
    '/health',
    {
      config: { auth: 'none', rateLimit: false },
      schema: {
        tags: ['service'],
        summary: 'Service health: "degraded" while InfluxDB is down (samples are spooled on disk) or the spool has trouble; `problems` says why',
        response: { 200: healthSchema, ...errorResponses() },
      },
    },
    async () => health(deps),
  );
}
