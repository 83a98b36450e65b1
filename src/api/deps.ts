/** What the API is built from: every dependency arrives here as an option, never imported as a concrete class. */
import type { Inventory } from '../inventory/types.js';
import type { Secret } from '../model/secret.js';
import type { Logger } from '../observability/logger.js';
import type { PollerControl } from '../poller/types.js';
import type { LiveState } from '../state/live-state.js';
import type { TopologyReader } from '../state/topology-state.js';
import type { HealthReader } from '../state/health-state.js';
import type { WirelessReader } from '../state/wireless-state.js';
import type { HistoryReader, SinkStatus } from '../storage/types.js';
import type { ClusterReader } from '../model/cluster.js';

export interface RateLimitOptions {
  /** Requests allowed per client address within the window. */
  readonly max: number;
  readonly timeWindowMs: number;
}

export interface ApiDeps {
  readonly inventory: Inventory;
  readonly state: LiveState;
  readonly poller: PollerControl;
  readonly history: HistoryReader;
  /** Neighbours, links and the topology graph; without it those routes are not registered. */
  readonly topology?: TopologyReader;
  /** The last wireless poll of each device; without it GET /devices/:id/wireless is not registered. */
  readonly wireless?: WirelessReader;
  /** The last health poll of each device; without it GET /devices/:id/health is not registered. */
  readonly health?: HealthReader;
  /** This process's fleet (scale-out on PostgreSQL); without it GET /pollers is not registered. */
  readonly cluster?: ClusterReader;
  readonly sinkStatus: () => SinkStatus;
  /** LINKSCOPE_API_TOKEN; null = writes need no token (only allowed on loopback, see assertListenAllowed). */
  readonly apiToken: Secret | null;
  readonly logger: Logger;
  /** Names of the configured custom metrics (config `metrics`): a device's `metrics` must name only these. Default none. */
  readonly customMetricNames?: readonly string[];
  /** LINKSCOPE_POLL_INTERVAL in ms, shown for devices without their own interval. */
  readonly defaultPollIntervalMs: number;
  /** Require the token for reads too (listening beyond loopback); default false. /health and /docs stay open. */
  readonly requireAuthForReads?: boolean;
  /** config.listen.host, for the Host check (host-guard.ts); undefined when the API is only inject()ed. */
  readonly listenHost?: string;
  /** config.allowedHosts: extra names accepted in the Host header. */
  readonly allowedHosts?: readonly string[];
  /** Largest accepted request body; default 64 KiB. */
  readonly bodyLimitBytes?: number;
  /** Folder of the built web page served at `/` (default: dist/web of this package); null = no page. */
  readonly webRoot?: string | null;
  /** Per-address rate limit; default 1200 requests a minute; false turns it off (benchmarks). */
  readonly rateLimit?: RateLimitOptions | false;
}

/** A route file: registers its routes on the /api/v1-prefixed instance. */
export type RouteModule = (app: import('fastify').FastifyInstance, deps: ApiDeps) => Promise<void>;
