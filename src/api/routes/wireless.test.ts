/** GET /api/v1/devices/:id/wireless via inject(): 404, a device without wireless, a controller's APs and sensors, OpenAPI. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Secret } from '../../model/secret.js';
import { LiveState, pendingState } from '../../state/live-state.js';
import { WirelessState } from '../../state/wireless-state.js';
import { buildApi } from '../server.js';
import { MemoryInventory, testApiDeps } from '../testing.js';

describe('GET /devices/:id/wireless', () => {
  let inventory: MemoryInventory;
  let state: LiveState;
  let wireless: WirelessState;
  let app: FastifyInstance;

  beforeEach(async () => {
    inventory = new MemoryInventory();
    state = new LiveState();
    wireless = new WirelessState();
    app = await buildApi(testApiDeps({ inventory, state, wireless }));
  });
  afterEach(async () => {
    await app.close();
  });

  const add = (name: string) => inventory.add({ host: '10.0.0.1', name, snmp: { version: '2c', community: new Secret(name) } });

  it('answers 404 with LS_DEVICE_NOT_FOUND for an unknown device', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/devices/nope/wireless' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'LS_DEVICE_NOT_FOUND' } });
  });

  it('gives the device role and empty lists for a device without wireless', async () => {
    const d = await add('core-sw1');
    state.set({ ...pendingState(d.id), status: 'up', role: 'switch' });
    const res = await app.inject({ method: 'GET', url: `/api/v1/devices/${d.id}/wireless` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ role: 'switch', aps: [], sensors: [] });
  });

  it("serves a controller's APs, radios, SSIDs and sensors, by name, leaving absent figures out", async () => {
    const d = await add('wlc-1');
    state.set({ ...pendingState(d.id), status: 'up', role: 'wireless-controller' });
    wireless.set(d.id, {
      role: 'wireless-controller',
      profiles: ['cisco-wlc'],
      sampledAt: '2026-01-01T00:00:00.000Z',
      report: {
        aps: [
          { name: 'ap-a', mac: '00:11:22:33:44:55', status: 'up', clients: 4, radios: [{ index: '0', band: '2.4GHz', channel: 6, clients: 4 }], ssids: [{ ssid: 'corp', clients: 4 }] },
          { name: 'ap-b', clients: 0, radios: [], ssids: [] },
        ],
        sensors: [{ class: 'ap-count', index: 'total', descr: 'APs joined', value: 2, unit: '' }],
      },
    });
    const res = await app.inject({ method: 'GET', url: '/api/v1/devices/wlc-1/wireless' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      role: 'wireless-controller',
      aps: [
        { name: 'ap-a', mac: '00:11:22:33:44:55', status: 'up', clients: 4, radios: [{ index: '0', band: '2.4GHz', channel: 6, clients: 4 }], ssids: [{ ssid: 'corp', clients: 4 }] },
        { name: 'ap-b', clients: 0, radios: [], ssids: [] },
      ],
      sensors: [{ class: 'ap-count', index: 'total', descr: 'APs joined', value: 2, unit: '' }],
    });
  });

  it('is in the OpenAPI document with the Wireless schema', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    const doc = res.json() as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(doc.paths).toHaveProperty(['/api/v1/devices/{id}/wireless']);
    expect(doc.components.schemas).toHaveProperty('Wireless');
  });
});
