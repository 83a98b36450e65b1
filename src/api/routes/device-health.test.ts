/** GET /api/v1/devices/:id/health via inject(): 404, a device without health data, a report served as CONTRACT.md says, OpenAPI. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { HealthReport } from '../../model/health.js';
import { Secret } from '../../model/secret.js';
import { HealthState } from '../../state/health-state.js';
import { buildApi } from '../server.js';
import { MemoryInventory, testApiDeps } from '../testing.js';

const REPORT: HealthReport = {
  processors: [{ index: '768', descr: 'Processor', usage: 23 }],
  memory: [
    { index: '1', descr: 'Physical memory', usedBytes: 170_946_560, totalBytes: 257_056_768, usedPercent: 66.5 },
    { index: 'tp1', descr: 'Memory 1', usedBytes: null, totalBytes: null, usedPercent: 41 },
  ],
  sensors: [
    { class: 'temperature', index: '107001', descr: 'Temp', value: 27.375, unit: '°C', oid: '1.3.6.1.2.1.99.1.1.1.4.107001' },
    { class: 'state', index: 'psu.1', descr: 'PSU 1', value: 1, unit: '', status: 'normal' },
  ],
};

describe('GET /devices/:id/health', () => {
  let inventory: MemoryInventory;
  let health: HealthState;
  let app: FastifyInstance;

  beforeEach(async () => {
    inventory = new MemoryInventory();
    health = new HealthState();
    app = await buildApi(testApiDeps({ inventory, health }));
  });
  afterEach(async () => {
    await app.close();
  });

  const add = (name: string) => inventory.add({ host: '10.0.0.1', name, snmp: { version: '2c', community: new Secret(name) } });

  it('answers 404 with LS_DEVICE_NOT_FOUND for an unknown device', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/devices/nope/health' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('LS_DEVICE_NOT_FOUND');
  });

  it('answers empty lists for a device without health data', async () => {
    await add('sw1');
    const res = await app.inject({ method: 'GET', url: '/api/v1/devices/sw1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ processors: [], memory: [], sensors: [] });
  });

  it('serves the last health report by id or name, without the internal source OID', async () => {
    const d = await add('core1');
    health.set(d.id, { profiles: ['hr-processor'], report: REPORT, sampledAt: '2026-12-04T12:00:00.000Z' });
    for (const key of [String(d.id), 'core1']) {
      const body = (await app.inject({ method: 'GET', url: `/api/v1/devices/${key}/health` })).json();
      expect(body.processors).toEqual(REPORT.processors);
      expect(body.memory).toEqual(REPORT.memory);
      expect(body.sensors).toEqual([
        { class: 'temperature', index: '107001', descr: 'Temp', value: 27.375, unit: '°C' },
        { class: 'state', index: 'psu.1', descr: 'PSU 1', value: 1, unit: '', status: 'normal' },
      ]);
    }
  });

  it('is described in the OpenAPI document', async () => {
    await app.ready();
    const doc = app.swagger() as { paths: Record<string, { get?: { responses?: Record<string, unknown> } }> };
    expect(doc.paths['/api/v1/devices/{id}/health']?.get?.responses).toHaveProperty('200');
    expect(doc.paths['/api/v1/devices/{id}/health']?.get?.responses).toHaveProperty('404');
  });
});
