/** /api/v1/links: every physical link once, both ends' views merged, with live status and utilisation. */
import type { FastifyInstance } from 'fastify';
import { LinkscopeError } from '../../model/errors.js';
import type { Link, LinkStatus } from '../../model/topology.js';
import type { ApiDeps } from '../deps.js';
import { JsonListCache, sendJson } from '../json-cache.js';
import { errorResponses, noQuerySchema } from '../schemas/common.js';
import { LINK_SCHEMA_ID, linkIdParamSchema, linkListSchema, linkQuerySchema } from '../schemas/topology.js';

interface LinkQuery {
  readonly status?: LinkStatus;
  readonly minUtilization?: string;
  readonly device?: string;
}

export async function linksRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const { inventory, topology } = deps;
  if (topology === undefined) return;
  const cache = new JsonListCache<Link>();

  app.get<{ Querystring: LinkQuery }>(
    '/links',
    {
      schema: {
        tags: ['topology'],
        summary: 'Every physical link once (both ends merged), with live status, speed, rates and utilisation',
        querystring: linkQuerySchema,
        response: { 200: linkListSchema, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { status, minUtilization, device } = request.query;
      // An unknown device is a 404 naming it, as on /devices/:id, not an empty list.
      const deviceId = device === undefined ? undefined : inventory.get(device).id;
      const links = topology.links(Date.now(), {
        status,
        minUtilization: minUtilization === undefined ? undefined : Number(minUtilization),
        deviceId,
      });
      // Links hold exactly the documented fields, so their JSON is what the response schema would give.
      return sendJson(request, reply, cache.body(`${status ?? ''}|${minUtilization ?? ''}|${deviceId ?? ''}`, links));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/links/:id',
    {
      schema: {
        tags: ['topology'],
        summary: 'One link by id',
        params: linkIdParamSchema,
        querystring: noQuerySchema,
        response: { 200: { $ref: `${LINK_SCHEMA_ID}#` }, ...errorResponses(404) },
      },
    },
    async (request) => {
      const link = topology.link(request.params.id, Date.now());
      if (link === undefined) {
        throw new LinkscopeError('LS_NOT_FOUND', `No link with id "${request.params.id}"; ids change only when a link's end ports do. See GET /api/v1/links`);
      }
      return link;
    },
  );
}
