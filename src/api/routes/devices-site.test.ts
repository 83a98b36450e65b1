/** A device's site through the API: set by POST, PATCH and the batch, "default" otherwise, validated, shown in the device view. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../server.js';
import { testApiDeps } from '../testing.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildApi(testApiDeps());
});
afterEach(async () => {
  await app.close();
});

const body = (extra: Record<string, unknown> = {}) => ({ host: '10.0.0.1', snmp: { version: '2c', community: 'public' }, ...extra });

describe('device site in the API', () => {
  it('stores the site on POST, shows it on every read, moves it on PATCH, and says "default" when none was given', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/v1/devices', payload: body({ name: 'core', site: 'dc-1' }) });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'core', site: 'dc-1' });
    const plain = await app.inject({ method: 'POST', url: '/api/v1/devices', payload: body({ host: '10.0.0.2', name: 'edge' }) });
    expect(plain.json()).toMatchObject({ site: 'default' });
    expect((await app.inject({ url: '/api/v1/devices/core' })).json()).toMatchObject({ site: 'dc-1' });
    const patched = await app.inject({ method: 'PATCH', url: '/api/v1/devices/core', payload: { site: 'paris.campus_2' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ site: 'paris.campus_2', host: '10.0.0.1' });
    const list = (await app.inject({ url: '/api/v1/devices' })).json() as Array<{ name: string; site: string }>;
    expect(list.map((d) => [d.name, d.site])).toEqual([['core', 'paris.campus_2'], ['edge', 'default']]);
  });

  it('takes sites in a batch, flat CSV-style rows included', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/devices:batch',
      payload: { devices: [body({ name: 'a', site: 'lab' }), { host: '10.0.0.2', name: 'b', community: 'public' }] },
    });
    expect(res.statusCode).toBe(201);
    expect((res.json() as { devices: Array<{ site: string }> }).devices.map((d) => d.site)).toEqual(['lab', 'default']);
  });

  it('refuses a malformed site with 400 naming the field, storing nothing', async () => {
    for (const site of ['two words', '', '-x', 'x'.repeat(64), 7]) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/devices', payload: body({ site }) });
      expect(res.statusCode).toBe(400);
      expect((res.json() as { error: { message: string } }).error.message).toMatch(/site/);
    }
    const batch = await app.inject({ method: 'POST', url: '/api/v1/devices:batch', payload: { devices: [body(), body({ host: '10.0.0.2', site: 'no good' })] } });
    expect(batch.statusCode).toBe(400);
    expect(batch.json()).toMatchObject({ error: { code: 'LS_DEVICE_INVALID', message: expect.stringContaining('devices[1]: site: "no good" is not a site name') } });
    expect((await app.inject({ url: '/api/v1/devices' })).json()).toEqual([]);
    await app.inject({ method: 'POST', url: '/api/v1/devices', payload: body({ name: 'kept', site: 'dc-1' }) });
    const patch = await app.inject({ method: 'PATCH', url: '/api/v1/devices/kept', payload: { site: 'a/b' } });
    expect(patch.statusCode).toBe(400);
    expect(patch.json()).toMatchObject({ error: { message: expect.stringContaining('site') } });
    expect((await app.inject({ url: '/api/v1/devices/kept' })).json()).toMatchObject({ site: 'dc-1' });
  });
});
