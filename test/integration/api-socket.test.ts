/** The API over a real TCP socket on 127.0.0.1 (fetch), not fastify inject. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, makeDeviceState, makeInterface, startApi, type Harness } from './api-harness.js';

describe('over a socket', () => {
  let h: Harness;
  let base: string;

  beforeAll(async () => {
    h = await startApi();
    base = await h.app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await h.close();
  });

  it('adds, reads, filters and removes a device', async () => {
    const created = await fetch(`${base}/api/v1/devices`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ host: '127.0.0.1', port: 1161, name: 'sim1', snmp: { version: '2c', community: 'public' } }),
    });
    expect(created.status).toBe(201);
    const device = (await created.json()) as { id: number; status: string; snmp: unknown };
    expect(device.status).toBe('pending');
    expect(device.snmp).toEqual({ version: '2c', community: '***' });

    h.state.set(makeDeviceState(device.id, { interfaces: [makeInterface(1), makeInterface(2, { operStatus: 'down' })] }));
    const down = await fetch(`${base}/api/v1/devices/sim1/interfaces?status=down`);
    expect(down.status).toBe(200);
    expect(down.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await down.json()) as Array<{ ifName: string }>).map((i) => i.ifName)).toEqual(['Gi1/0/2']);

    const unauthorized = await fetch(`${base}/api/v1/devices/sim1`, { method: 'DELETE' });
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toMatchObject({ error: { code: 'LS_UNAUTHORIZED' } });

    const removed = await fetch(`${base}/api/v1/devices/sim1`, { method: 'DELETE', headers: AUTH });
    expect(removed.status).toBe(204);
    expect((await fetch(`${base}/api/v1/devices/sim1`)).status).toBe(404);
  });

  it('serves health, metrics and the OpenAPI document', async () => {
    expect(await (await fetch(`${base}/health`)).json()).toMatchObject({ status: 'ok', influx: 'ok' });
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('# TYPE linkscope_polls_total counter');
    expect(((await (await fetch(`${base}/docs/json`)).json()) as { openapi: string }).openapi).toMatch(/^3\./);
  });

  it('answers a body over the limit with 413 and the error format', async () => {
    const r = await fetch(`${base}/api/v1/devices`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ host: '10.0.0.1', name: 'n'.repeat(100_000), snmp: { version: '2c', community: 'c' } }),
    });
    expect(r.status).toBe(413);
    expect(await r.json()).toMatchObject({ error: { code: 'LS_BODY_TOO_LARGE' } });
  });
});
