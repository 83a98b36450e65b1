/** A device's own custom metrics through the API: set by POST, PATCH and the batch, checked against the configured names, shown in the device view. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../server.js';
import { RecordingPoller, testApiDeps } from '../testing.js';

let app: FastifyInstance;
let poller: RecordingPoller;
beforeEach(async () => {
  poller = new RecordingPoller();
  app = await buildApi(testApiDeps({ poller, customMetricNames: ['ip-stats', 'temps'] }));
});
afterEach(async () => {
  await app.close();
});

const body = (extra: Record<string, unknown> = {}) => ({ host: '10.0.0.1', snmp: { version: '2c', community: 'public' }, ...extra });

describe('device metrics in the API', () => {
  it('stores the names on POST, shows them, replaces them on PATCH and clears them with null', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/v1/devices', payload: body({ metrics: ['ip-stats'] }) });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: number }).id;
    expect(created.json()).toMatchObject({ metrics: ['ip-stats'] });
    const patched = await app.inject({ method: 'PATCH', url: `/api/v1/devices/${id}`, payload: { metrics: ['temps', 'ip-stats'] } });
    expect(patched.json()).toMatchObject({ metrics: ['temps', 'ip-stats'] });
    // The poller is told, so the next poll plans again.
    expect(poller.calls.filter(([c]) => c === 'schedule')).toHaveLength(2);
    const cleared = await app.inject({ method: 'PATCH', url: `/api/v1/devices/${id}`, payload: { metrics: null } });
    expect(cleared.json()).not.toHaveProperty('metrics');
  });

  it('refuses a name that is not configured with 400 naming the field and the configured names', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/devices', payload: body({ metrics: ['ip-stats', 'cpu'] }) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'LS_DEVICE_INVALID', message: expect.stringContaining('metrics[1]: "cpu" is not a configured custom metric (configured: ip-stats, temps)') } });
    const list = await app.inject({ url: '/api/v1/devices' });
    expect(list.json()).toEqual([]);
    const created = await app.inject({ method: 'POST', url: '/api/v1/devices', payload: body() });
    const id = (created.json() as { id: number }).id;
    const patch = await app.inject({ method: 'PATCH', url: `/api/v1/devices/${id}`, payload: { metrics: ['nope'] } });
    expect(patch.statusCode).toBe(400);
    expect(patch.json()).toMatchObject({ error: { message: expect.stringContaining('metrics[0]: "nope"') } });
    const batch = await app.inject({ method: 'POST', url: '/api/v1/devices:batch', payload: { devices: [body({ host: '10.0.0.2' }), body({ host: '10.0.0.3', metrics: ['nope'] })] } });
    expect(batch.statusCode).toBe(400);
    expect(batch.json()).toMatchObject({ error: { message: expect.stringContaining('devices[1]: ') } });
    expect((await app.inject({ url: '/api/v1/devices' })).json()).toHaveLength(1);
  });

  it('refuses a malformed list', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/devices', payload: body({ metrics: ['temps', 'temps'] }) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { message: expect.stringContaining('metrics[1]: "temps" is listed twice') } });
  });
});
