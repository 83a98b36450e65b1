/** /api/v1/devices: add, list, show, change and remove devices; changes (re)schedule polling. */
import type { FastifyInstance } from 'fastify';
import { planImport } from '../../inventory/import-rows.js';
import { checkMetricsConfigured, parseDevicePatchBody, parseNewDeviceBody } from '../../inventory/validate.js';
import { isLinkscopeError, LinkscopeError } from '../../model/errors.js';
import type { Device, DeviceState, DeviceStatus } from '../../model/types.js';
import type { ApiDeps } from '../deps.js';
import { deviceIdParamSchema, errorResponses, noQuerySchema } from '../schemas/common.js';
import {
  createDeviceBodySchema,
  DEVICE_SCHEMA_ID,
  deviceListQuerySchema,
  patchDeviceBodySchema,
  batchDeviceBodySchema,
} from '../schemas/device.js';
import { deviceView } from '../views.js';

const deviceRef = { $ref: `${DEVICE_SCHEMA_ID}#` } as const;
const writeSecurity = [{ bearerAuth: [] }];

const JSON_TYPE = 'application/json; charset=utf-8';

function sameStates(a: ReadonlyArray<DeviceState | undefined>, b: ReadonlyArray<DeviceState | undefined>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

interface IdParams {
  readonly id: string;
}

export async function devicesRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const { inventory, state, poller, defaultPollIntervalMs } = deps;
  const customMetricNames = deps.customMetricNames ?? [];
  // inventory.list() decrypts every credential (≈20 ms for 1,000 devices, measured by bench/api-bench.ts)
  // though the list view shows none of them: keep the last list until changeToken() says the
  // devices changed (in this process or a CLI next to it). Read the token first: a change racing
  // the read leaves a newer list under an older token, which the next request replaces.
  let cached: { readonly token: number; readonly devices: readonly Device[] } | undefined;
  const listDevices = (): readonly Device[] => {
    const token = inventory.changeToken();
    if (cached?.token !== token) cached = { token, devices: inventory.list() };
    return cached.devices;
  };
  // One device's JSON, kept while neither its inventory record nor its live state object changed
  // (both are immutable; the poller replaces state with LiveState.set). Serialising 1,000 devices
  // per request cost ≈4 ms and most of the p99 in the benchmark; joining cached fragments costs
  // well under 1 ms. The view holds only the documented fields, secrets already "***".
  const fragments = new WeakMap<Device, { readonly state: DeviceState | undefined; readonly json: string }>();
  let lastBody:
    | { readonly devices: readonly Device[]; readonly wanted: string | undefined; readonly states: ReadonlyArray<DeviceState | undefined>; readonly body: Buffer }
    | undefined;
  const deviceJson = (device: Device, live: DeviceState | undefined): string => {
    const hit = fragments.get(device);
    if (hit !== undefined && hit.state === live) return hit.json;
    const json = JSON.stringify(deviceView(device, live, defaultPollIntervalMs));
    fragments.set(device, { state: live, json });
    return json;
  };
  const view = (id: number): ReturnType<typeof deviceView> => {
    const device = inventory.get(id);
    return deviceView(device, state.get(device.id), defaultPollIntervalMs);
  };

  app.post<{ Body: unknown }>(
    '/devices',
    {
      schema: {
        tags: ['devices'],
        summary: 'Add a device; polling starts at once (status "pending" until the first poll)',
        security: writeSecurity,
        querystring: noQuerySchema,
        body: createDeviceBodySchema,
        response: { 201: deviceRef, ...errorResponses(409, 413) },
      },
    },
    async (request, reply) => {
      // The schema has checked the shape; validate.ts (shared with the CLI) checks the meaning.
      const input = parseNewDeviceBody(request.body);
      checkMetricsConfigured(input.metrics, customMetricNames);
      const device = await inventory.add(input);
      poller.schedule(device.id);
      request.log.info({ deviceId: device.id, device: device.name, host: device.host }, 'device added');
      return reply.code(201).send(deviceView(device, state.get(device.id), defaultPollIntervalMs));
    },
  );

  // `::` is find-my-way's escape for a literal colon: the route is POST /devices:batch (Google AIP-136 style).
  app.post<{ Body: { devices: unknown[] } }>(
    '/devices::batch',
    {
      schema: {
        tags: ['devices'],
        summary: 'Add many devices at once, all or none: every row is validated before any is stored; a 400 or 409 names the rows',
        security: writeSecurity,
        querystring: noQuerySchema,
        body: batchDeviceBodySchema,
        response: { 201: { type: 'object', properties: { imported: { type: 'integer' }, devices: { type: 'array', items: deviceRef } } }, ...errorResponses(409, 413) },
      },
    },
    async (request, reply) => {
      const plan = planImport(request.body.devices);
      const bad = plan.rows.filter((r) => !r.ok);
      if (bad.length > 0) {
        const shown = bad.slice(0, 20).map((r) => `devices[${r.row - 1}]: ${r.problems.join('; ')}`);
        throw new LinkscopeError(
          'LS_DEVICE_INVALID',
          `${bad.length} of ${plan.rows.length} devices are invalid; nothing was added: ${shown.join(' | ')}${bad.length > shown.length ? ` | … ${bad.length - shown.length} more` : ''}`,
          { details: { rows: bad } },
        );
      }
      plan.devices.forEach((d, i) => {
        try {
          checkMetricsConfigured(d.metrics, customMetricNames);
        } catch (err) {
          if (isLinkscopeError(err)) throw new LinkscopeError(err.code, `devices[${i}]: ${err.message}; nothing was added`, { cause: err, details: { row: i } });
          throw err;
        }
      });
      let added;
      try {
        added = await inventory.addMany(plan.devices);
      } catch (err) {
        const row = isLinkscopeError(err) ? err.details?.['row'] : undefined;
        if (isLinkscopeError(err) && typeof row === 'number') {
          throw new LinkscopeError(err.code, `devices[${row}]: ${err.message}; nothing was added`, { cause: err, details: { row } });
        }
        throw err;
      }
      for (const device of added) poller.schedule(device.id);
      request.log.info({ devices: added.length }, 'devices added in a batch');
      return reply.code(201).send({ imported: added.length, devices: added.map((d) => deviceView(d, state.get(d.id), defaultPollIntervalMs)) });
    },
  );

  app.get<{ Querystring: { status?: DeviceStatus } }>(
    '/devices',
    {
      schema: {
        tags: ['devices'],
        summary: 'List devices with their live status',
        querystring: deviceListQuerySchema,
        response: { 200: { type: 'array', items: deviceRef }, ...errorResponses() },
      },
    },
    async (request, reply) => {
      const wanted = request.query.status;
      const devices = listDevices();
      const states = devices.map((d) => state.get(d.id));
      // The whole answer as bytes, reused while no device and no state object changed: a poller
      // at 1,000 devices/min changes ~17 states a second, so most requests still hit.
      const last = lastBody;
      if (last !== undefined && last.devices === devices && last.wanted === wanted && sameStates(last.states, states)) {
        return reply.type(JSON_TYPE).send(last.body);
      }
      const parts: string[] = [];
      devices.forEach((device, i) => {
        const live = states[i];
        if (wanted === undefined || (live?.status ?? 'pending') === wanted) parts.push(deviceJson(device, live));
      });
      const body = Buffer.from(`[${parts.join(',')}]`, 'utf8');
      lastBody = { devices, wanted, states, body };
      return reply.type(JSON_TYPE).send(body);
    },
  );

  app.get<{ Params: IdParams }>(
    '/devices/:id',
    {
      schema: {
        tags: ['devices'],
        summary: 'One device by id or name',
        params: deviceIdParamSchema,
        querystring: noQuerySchema,
        response: { 200: deviceRef, ...errorResponses(404) },
      },
    },
    async (request) => {
      const device = inventory.get(request.params.id);
      return deviceView(device, state.get(device.id), defaultPollIntervalMs);
    },
  );

  app.patch<{ Params: IdParams; Body: Record<string, unknown> }>(
    '/devices/:id',
    {
      schema: {
        tags: ['devices'],
        summary: 'Change a device; `interval: null` returns to the default, `snmp` fields merge over the stored ones',
        security: writeSecurity,
        params: deviceIdParamSchema,
        querystring: noQuerySchema,
        body: patchDeviceBodySchema,
        response: { 200: deviceRef, ...errorResponses(404, 409, 413) },
      },
    },
    async (request) => {
      const current = inventory.get(request.params.id);
      const patch = parseDevicePatchBody(request.body, current);
      checkMetricsConfigured(patch.metrics, customMetricNames);
      const device = await inventory.update(current.id, patch);
      // Any change can alter what the poller does (address, credentials, interval, the name tag in
      // InfluxDB): re-schedule so it takes effect on the next poll rather than after a restart.
      poller.schedule(device.id);
      request.log.info({ deviceId: device.id, device: device.name, fields: Object.keys(request.body) }, 'device changed');
      return view(device.id);
    },
  );

  app.delete<{ Params: IdParams }>(
    '/devices/:id',
    {
      schema: {
        tags: ['devices'],
        summary: 'Remove a device and stop polling it; its history stays in InfluxDB',
        security: writeSecurity,
        params: deviceIdParamSchema,
        querystring: noQuerySchema,
        response: { 204: { type: 'null', description: 'Removed' }, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const device = await inventory.remove(request.params.id);
      poller.unschedule(device.id);
      request.log.info({ deviceId: device.id, device: device.name }, 'device removed');
      return reply.code(204).send();
    },
  );
}
