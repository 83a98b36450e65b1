/** Builds the REST API (fastify): shared schemas, auth, rate limit, one error handler, /api/v1 routes, /docs, and the web page at /. */
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { LinkscopeError } from '../model/errors.js';
import { makeAuthHook } from './auth.js';
import type { ApiDeps, RouteModule } from './deps.js';
import { handleFrameworkError, registerErrorHandling } from './errors.js';
import { makeHostGuard } from './host-guard.js';
import { loggableUrl } from './request-log.js';
import { PROMETHEUS_CONTENT_TYPE } from './prometheus.js';
import { devicesRoutes } from './routes/devices.js';
import { health, healthRoutes } from './routes/health.js';
import { interfacesRoutes } from './routes/interfaces.js';
import { linksRoutes } from './routes/links.js';
import { metricsRoutes, metricsText } from './routes/metrics.js';
import { neighborsRoutes } from './routes/neighbors.js';
import { topologyRoutes } from './routes/topology.js';
import { wirelessRoutes } from './routes/wireless.js';
import { defaultWebRoot, loadWebBundle, registerWebRoutes } from './web.js';
import { deviceHealthRoutes } from './routes/device-health.js';
import { errorResponseSchema } from './schemas/common.js';
import { deviceSchema } from './schemas/device.js';
import { interfaceSchema } from './schemas/interface.js';
import { linkSchema, neighborSchema } from './schemas/topology.js';
import { wirelessSchema } from './schemas/wireless.js';
import { deviceHealthSchema } from './schemas/device-health.js';
import { pollersSchema } from './schemas/pollers.js';
import { pollersRoutes } from './routes/pollers.js';

export type { ApiDeps, RateLimitOptions, RouteModule } from './deps.js';
export { assertListenAllowed, isLoopbackHost } from './auth.js';

export const API_PREFIX = '/api/v1';
export const DOCS_PREFIX = '/docs';
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;
export const DEFAULT_RATE_LIMIT = { max: 1200, timeWindowMs: 60_000 } as const;

/**
 * One file per resource, registered under /api/v1 in this order. The topology routes register only
 * when ApiDeps.topology is given, the wireless route only when ApiDeps.wireless is, the device health
 * route only when ApiDeps.health is.
 */
export const ROUTE_MODULES: readonly RouteModule[] = [devicesRoutes, interfacesRoutes, neighborsRoutes, wirelessRoutes, deviceHealthRoutes, linksRoutes, topologyRoutes, healthRoutes, metricsRoutes, pollersRoutes];

export async function buildApi(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger.child({ module: 'api' }),
    // Requests are logged once at debug level in onResponse, without headers or bodies.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: 1024, ignoreTrailingSlash: true },
    frameworkErrors: handleFrameworkError,
    ajv: {
      customOptions: {
        // Reject rather than repair: no type coercion (a number is not a community), no silent
        // stripping of unknown fields (they are errors), one error at a time (allErrors is a DoS risk).
        coerceTypes: false,
        removeAdditional: false,
        useDefaults: false,
        allErrors: false,
      },
    },
  }) as unknown as FastifyInstance; // Fastify's type carries pino's Logger generic; callers want the plain instance.

  // Only JSON bodies: text/plain would reach validation as a string and give a confusing message.
  app.removeContentTypeParser('text/plain');

  registerErrorHandling(app);
  app.addSchema(errorResponseSchema);
  app.addSchema(deviceSchema);
  app.addSchema(interfaceSchema);
  app.addSchema(neighborSchema);
  app.addSchema(linkSchema);
  app.addSchema(wirelessSchema);
  app.addSchema(deviceHealthSchema);
  app.addSchema(pollersSchema);

  const limits = deps.rateLimit === undefined ? DEFAULT_RATE_LIMIT : deps.rateLimit;
  if (limits !== false) {
    await app.register(rateLimit, {
      max: limits.max,
      timeWindow: limits.timeWindowMs,
      errorResponseBuilder: (_request, context) =>
        new LinkscopeError('LS_RATE_LIMITED', `too many requests from this address; retry in ${context.after}`),
    });
  }

  // Before the token check: a rebinding page gets 421, not a hint that a token would help.
  app.addHook('onRequest', makeHostGuard({ ...(deps.listenHost === undefined ? {} : { listenHost: deps.listenHost }), ...(deps.allowedHosts === undefined ? {} : { allowedHosts: deps.allowedHosts }) }));
  app.addHook(
    'onRequest',
    makeAuthHook({
      apiToken: deps.apiToken,
      requireAuthForReads: deps.requireAuthForReads ?? false,
      publicPrefixes: [DOCS_PREFIX],
    }),
  );
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.debug(
      { method: request.method, url: loggableUrl(request.url), statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 },
      'request',
    );
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'linkscope API',
        description:
          'Devices, interface status, rates and utilisation history, LLDP/CDP neighbours and links, wireless APs and sensors. Errors are `{"error": {"code", "message"}}`; codes in docs/errors.md.',
        // The version of the /api/v1 contract, not of the package.
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'LINKSCOPE_API_TOKEN' },
        },
      },
      tags: [
        { name: 'devices', description: 'Inventory and live status' },
        { name: 'interfaces', description: 'Live interface state and history' },
        { name: 'topology', description: 'LLDP/CDP neighbours, merged links and the network graph' },
        { name: 'wireless', description: 'Access points, radios, SSIDs and wireless sensors of a device' },
        { name: 'health', description: 'CPU, memory and sensors (temperatures, fans, PSUs, optics) of a device' },
        { name: 'service', description: 'Health and metrics' },
        { name: 'pollers', description: 'The fleet of pollers sharing one PostgreSQL (scale-out)' },
      ],
    },
    refResolver: {
      // Shared schemas appear under their $id (Device, Interface, ErrorResponse) in components.
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json['$id'] === 'string' ? json['$id'] : `def-${i}`),
    },
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX });

  await app.register(
    async (api) => {
      for (const routes of ROUTE_MODULES) await routes(api, deps);
    },
    { prefix: API_PREFIX },
  );

  // The unprefixed paths load balancers and Prometheus expect; documented under /api/v1.
  app.get('/health', { config: { auth: 'none', rateLimit: false }, schema: { hide: true } }, async () => health(deps));
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.type(PROMETHEUS_CONTENT_TYPE).send(metricsText(deps)),
  );

  // The web page (web/, built into dist/web): a client of the routes above, nothing more.
  if (deps.webRoot !== null) registerWebRoutes(app, loadWebBundle(deps.webRoot ?? defaultWebRoot()), deps.logger.child({ module: 'web' }));

  await app.ready();
  return app;
}
