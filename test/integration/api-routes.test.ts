/** Every REST route through fastify inject: happy paths and each error code, over a real inventory and live state. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/observability/logger.js';
import { InfluxHistory } from '../../src/storage/influx-history.js';
import { InfluxSink } from '../../src/storage/influx-sink.js';
import type { Point } from '../../src/storage/types.js';
import { startInfluxd, type InfluxdHandle } from '../helpers/with-influxd.js';
import { AUTH, errorOf, makeDeviceState, makeInterface, startApi, type Harness } from './api-harness.js';

const V2C = { host: '10.0.0.1', snmp: { version: '2c', community: 'public' } } as const;

let h: Harness;
beforeEach(async () => {
  h = await startApi();
});
afterEach(async () => {
  await h.close();
});

async function post(payload: unknown): Promise<{ status: number; body: string }> {
  const r = await h.app.inject({ method: 'POST', url: '/api/v1/devices', headers: AUTH, payload: payload as object });
  return { status: r.statusCode, body: r.body };
}

async function get(url: string): Promise<{ status: number; body: string; json: () => unknown }> {
  const r = await h.app.inject({ url });
  return { status: r.statusCode, body: r.body, json: () => r.json() };
}

describe('POST /api/v1/devices', () => {
  it('adds a v2c device, answers 201 with the community masked and schedules it', async () => {
    const r = await post({ ...V2C, name: 'core-sw1', port: 1161, interval: '30s' });
    expect(r.status).toBe(201);
    const d = JSON.parse(r.body) as Record<string, unknown>;
    expect(d).toMatchObject({
      name: 'core-sw1',
      host: '10.0.0.1',
      port: 1161,
      interval: '30s',
      intervalMs: 30_000,
      snmp: { version: '2c', community: '***' },
      status: 'pending',
      lastError: null,
    });
    expect(h.poller.calls).toEqual([['schedule', d['id']]]);
  });

  it('adds a v3 device with both keys shown as ***', async () => {
    const r = await post({
      host: 'edge-r1.example.net',
      snmp: { version: '3', user: 'monitor', level: 'authPriv', authProtocol: 'sha256', authKey: 'auth-pass-1', privProtocol: 'aes', privKey: 'priv-pass-1' },
    });
    expect(r.status).toBe(201);
    expect(JSON.parse(r.body).snmp).toEqual({
      version: '3', user: 'monitor', level: 'authPriv', authProtocol: 'sha256', authKey: '***', privProtocol: 'aes', privKey: '***',
    });
  });

  it('uses the default interval when none is given', async () => {
    const d = JSON.parse((await post(V2C)).body);
    expect(d).toMatchObject({ interval: '1m', intervalMs: 60_000, intervalIsDefault: true, discoveredBy: null });
  });

  it('answers 400 naming a field of the wrong type', async () => {
    const r = await post({ host: '10.0.0.1', snmp: { version: '2c', community: 5 } });
    expect(r.status).toBe(400);
    expect(errorOf(r.body)).toEqual({ code: 'LS_VALIDATION', message: 'body.snmp.community: must be string' });
  });

  it('answers 400 naming an unknown field and listing the allowed ones', async () => {
    const r = await post({ ...V2C, colour: 'red' });
    expect(errorOf(r.body).message).toBe('body.colour: unknown field; allowed: host, port, name, interval, snmp, metrics, site');
  });

  it('answers 400 for a missing required field', async () => {
    expect(errorOf((await post({ snmp: V2C.snmp })).body).message).toBe('body.host: is required');
  });

  it('answers 400 naming a bad enum value and the allowed values', async () => {
    const r = await post({ host: '10.0.0.1', snmp: { version: '5', community: 'x' } });
    expect(errorOf(r.body).message).toBe('body.snmp.version: must be one of "1", "2c", "3"');
  });

  it('answers 400 from the shared validation for a v3 level without its key', async () => {
    const r = await post({ host: '10.0.0.1', snmp: { version: '3', user: 'u', level: 'authPriv', authProtocol: 'sha', authKey: 'abcdefgh', privProtocol: 'aes' } });
    expect(r.status).toBe(400);
    const e = errorOf(r.body);
    expect(e.code).toBe('LS_DEVICE_INVALID');
    expect(e.message).toContain('snmp.privKey');
  });

  it('answers 400 for a host with a scheme and for an interval out of range', async () => {
    expect(errorOf((await post({ ...V2C, host: 'udp://10.0.0.1' })).body).message).toContain('host');
    const r = await post({ ...V2C, interval: '500ms' });
    expect(r.status).toBe(400);
    expect(errorOf(r.body).message).toContain('interval');
  });

  it('answers 409 for the same host, port and community, and accepts another community on that address', async () => {
    expect((await post({ ...V2C, name: 'a' })).status).toBe(201);
    const dup = await post({ ...V2C, name: 'b' });
    expect(dup.status).toBe(409);
    expect(errorOf(dup.body).code).toBe('LS_DEVICE_EXISTS');
    expect((await post({ host: '10.0.0.1', name: 'c', snmp: { version: '2c', community: 'other' } })).status).toBe(201);
  });

  it('answers 400 for malformed JSON, an empty JSON body and a non-JSON content type', async () => {
    const bad = await h.app.inject({ method: 'POST', url: '/api/v1/devices', headers: { ...AUTH, 'content-type': 'application/json' }, payload: '{"host":' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad.body).code).toBe('LS_VALIDATION');
    const empty = await h.app.inject({ method: 'POST', url: '/api/v1/devices', headers: { ...AUTH, 'content-type': 'application/json' }, payload: '' });
    expect(empty.statusCode).toBe(400);
    const text = await h.app.inject({ method: 'POST', url: '/api/v1/devices', headers: { ...AUTH, 'content-type': 'text/plain' }, payload: 'host=1' });
    expect(text.statusCode).toBe(400);
    expect(errorOf(text.body).message).toBe('headers.content-type: must be application/json');
  });

  it('answers 400 for __proto__ and constructor keys', async () => {
    for (const payload of ['{"__proto__":{"admin":true},"host":"10.0.0.9","snmp":{"community":"x"}}', '{"constructor":{"prototype":{"x":1}}}']) {
      const r = await h.app.inject({ method: 'POST', url: '/api/v1/devices', headers: { ...AUTH, 'content-type': 'application/json' }, payload });
      expect(r.statusCode).toBe(400);
      expect(errorOf(r.body).code).toBe('LS_VALIDATION');
    }
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });

  it('answers 413 for a body over the limit', async () => {
    const r = await post({ ...V2C, name: 'x'.repeat(70 * 1024) });
    expect(r.status).toBe(413);
    expect(errorOf(r.body).code).toBe('LS_BODY_TOO_LARGE');
  });
});

describe('GET /api/v1/devices[/:id]', () => {
  it('lists devices merged with live state', async () => {
    const id = JSON.parse((await post({ ...V2C, name: 'core-sw1' })).body).id as number;
    await post({ host: '10.0.0.2', name: 'edge', snmp: { version: '2c', community: 'public' } });
    h.state.set(makeDeviceState(id, { interfaces: [makeInterface(1), makeInterface(2)] }));
    const list = (await get('/api/v1/devices')).json() as Array<Record<string, unknown>>;
    expect(list).toHaveLength(2);
    expect(list.find((d) => d['id'] === id)).toMatchObject({
      status: 'up', sysName: `sw${id}`, role: 'switch', vendor: 'cisco', sysObjectID: '1.3.6.1.4.1.9.1.1208', interfaceCount: 2, pollMs: 42,
    });
    expect(list.find((d) => d['name'] === 'edge')).toMatchObject({ status: 'pending', sysName: null });
    const up = (await get('/api/v1/devices?status=up')).json() as unknown[];
    expect(up).toHaveLength(1);
  });

  it('finds a device by id and by name, and says 404 LS_DEVICE_NOT_FOUND otherwise', async () => {
    const id = JSON.parse((await post({ ...V2C, name: 'core-sw1' })).body).id as number;
    expect((await get(`/api/v1/devices/${id}`)).json()).toMatchObject({ name: 'core-sw1' });
    expect((await get('/api/v1/devices/core-sw1')).json()).toMatchObject({ id });
    for (const ref of ['nope', '999']) {
      const r = await get(`/api/v1/devices/${ref}`);
      expect(r.status).toBe(404);
      expect(errorOf(r.body).code).toBe('LS_DEVICE_NOT_FOUND');
    }
  });

  it('shows the last error of a failing device', async () => {
    const id = JSON.parse((await post(V2C)).body).id as number;
    const lastError = { code: 'LS_SNMP_TIMEOUT', message: 'SNMP get to 10.0.0.1:161 timed out after 2000ms', at: '2024-05-01T12:00:00.000Z' };
    h.state.set(makeDeviceState(id, { status: 'unreachable', lastError }));
    expect((await get(`/api/v1/devices/${id}`)).json()).toMatchObject({ status: 'unreachable', lastError });
  });

  it('rejects an unknown query parameter', async () => {
    const r = await get('/api/v1/devices?limit=5');
    expect(r.status).toBe(400);
    expect(errorOf(r.body).message).toBe('query.limit: unknown field; allowed: status');
  });
});

describe('PATCH and DELETE /api/v1/devices/:id', () => {
  it('changes the interval, re-schedules, and returns to the default with null', async () => {
    const id = JSON.parse((await post({ ...V2C, name: 'sw' })).body).id as number;
    h.poller.calls.length = 0;
    const r = await h.app.inject({ method: 'PATCH', url: '/api/v1/devices/sw', headers: AUTH, payload: { interval: '5m' } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id, interval: '5m', intervalMs: 300_000, intervalIsDefault: false });
    expect(h.poller.calls).toEqual([['schedule', id]]);
    const back = await h.app.inject({ method: 'PATCH', url: `/api/v1/devices/${id}`, headers: AUTH, payload: { interval: null } });
    expect(back.json()).toMatchObject({ intervalMs: 60_000, intervalIsDefault: true });
  });

  it('changes credentials and host, keeping secrets masked', async () => {
    const id = JSON.parse((await post(V2C)).body).id as number;
    const r = await h.app.inject({
      method: 'PATCH', url: `/api/v1/devices/${id}`, headers: AUTH,
      payload: { host: '10.0.0.5', snmp: { version: '3', user: 'u', level: 'authNoPriv', authProtocol: 'sha', authKey: 'new-auth-key' } },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ host: '10.0.0.5', snmp: { version: '3', user: 'u', level: 'authNoPriv', authKey: '***' } });
    expect(h.poller.calls.at(-1)).toEqual(['schedule', id]);
  });

  it('answers 400 for an empty patch, 404 for an unknown device and 409 for a taken name', async () => {
    const id = JSON.parse((await post({ ...V2C, name: 'a' })).body).id as number;
    await post({ host: '10.0.0.2', name: 'b', snmp: { version: '2c', community: 'public' } });
    const empty = await h.app.inject({ method: 'PATCH', url: `/api/v1/devices/${id}`, headers: AUTH, payload: {} });
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty.body).message).toMatch(/^body: must have at least 1 field/);
    const missing = await h.app.inject({ method: 'PATCH', url: '/api/v1/devices/zzz', headers: AUTH, payload: { port: 162 } });
    expect(missing.statusCode).toBe(404);
    const taken = await h.app.inject({ method: 'PATCH', url: `/api/v1/devices/${id}`, headers: AUTH, payload: { name: 'b' } });
    expect(taken.statusCode).toBe(409);
    expect(errorOf(taken.body).code).toBe('LS_DEVICE_EXISTS');
  });

  it('removes a device, unschedules it, and then says 404', async () => {
    const id = JSON.parse((await post(V2C)).body).id as number;
    const r = await h.app.inject({ method: 'DELETE', url: `/api/v1/devices/${id}`, headers: AUTH });
    expect(r.statusCode).toBe(204);
    expect(r.body).toBe('');
    expect(h.poller.calls.at(-1)).toEqual(['unschedule', id]);
    expect((await get(`/api/v1/devices/${id}`)).status).toBe(404);
    const again = await h.app.inject({ method: 'DELETE', url: `/api/v1/devices/${id}`, headers: AUTH });
    expect(again.statusCode).toBe(404);
  });
});

describe('GET /api/v1/devices/:id/interfaces', () => {
  let id: number;
  beforeEach(async () => {
    id = JSON.parse((await post({ ...V2C, name: 'sw' })).body).id as number;
    h.state.set(
      makeDeviceState(id, {
        interfaces: [
          makeInterface(1, { ifAlias: 'Uplink to CORE', inUtilization: 85, outUtilization: 10 }),
          makeInterface(2, { operStatus: 'down', inBps: null, outBps: null, inUtilization: null, outUtilization: null }),
          makeInterface(3, { ifName: 'Te1/1/1', outUtilization: 95.5, counterBits: 32 }),
        ],
      }),
    );
  });

  it('lists every interface with the contract fields', async () => {
    const list = (await get(`/api/v1/devices/${id}/interfaces`)).json() as Array<Record<string, unknown>>;
    expect(list).toHaveLength(3);
    expect(Object.keys(list[0] ?? {}).sort()).toEqual(
      [
        'ifIndex', 'ifName', 'ifDescr', 'ifAlias', 'ifType', 'speedBps', 'adminStatus', 'operStatus', 'lastChange', 'lastChangeAt', 'lastChangeSecondsAgo', 'inBps', 'outBps',
        'inUtilization', 'outUtilization', 'inErrorsPerSec', 'outErrorsPerSec', 'inDiscardsPerSec', 'outDiscardsPerSec', 'inPps', 'outPps',
        'counterBits', 'sampledAt',
      ].sort(),
    );
    expect(list[1]).toMatchObject({ operStatus: 'down', inBps: null, inUtilization: null });
  });

  it('filters by status, minUtilization and q', async () => {
    const names = async (query: string): Promise<unknown[]> =>
      ((await get(`/api/v1/devices/sw/interfaces?${query}`)).json() as Array<{ ifName: string }>).map((i) => i.ifName);
    expect(await names('status=down')).toEqual(['Gi1/0/2']);
    expect(await names('minUtilization=80')).toEqual(['Gi1/0/1', 'Te1/1/1']);
    expect(await names('minUtilization=90.5')).toEqual(['Te1/1/1']);
    expect(await names('q=uplink')).toEqual(['Gi1/0/1']);
    expect(await names('q=te1%2F1')).toEqual(['Te1/1/1']);
    expect(await names('status=up&minUtilization=80&q=core')).toEqual(['Gi1/0/1']);
  });

  it('answers [] for a device not polled yet, 404 for an unknown device', async () => {
    const other = JSON.parse((await post({ host: '10.0.0.3', snmp: { version: '2c', community: 'public' } })).body).id as number;
    expect((await get(`/api/v1/devices/${other}/interfaces`)).json()).toEqual([]);
    expect((await get('/api/v1/devices/nope/interfaces')).status).toBe(404);
  });

  it('rejects bad filters naming the parameter', async () => {
    for (const [query, message] of [
      ['status=sideways', 'query.status: must be one of'],
      ['minUtilization=high', 'query.minUtilization: has an invalid form'],
      ['minUtilization=-1', 'query.minUtilization: has an invalid form'],
      ['sort=name', 'query.sort: unknown field'],
      ['status=up&status=down', 'query.status: must be string'],
    ] as const) {
      const r = await get(`/api/v1/devices/sw/interfaces?${query}`);
      expect(r.status, query).toBe(400);
      expect(errorOf(r.body).message.startsWith(message), `${query}: ${r.body}`).toBe(true);
    }
  });
});

describe('GET /api/v1/devices/:id/wireless', () => {
  it('answers 404 for an unknown device, and the role with empty lists for a device without wireless', async () => {
    const missing = await get('/api/v1/devices/no-such/wireless');
    expect(missing.status).toBe(404);
    expect(errorOf(missing.body).code).toBe('LS_DEVICE_NOT_FOUND');
    const id = JSON.parse((await post({ ...V2C, name: 'sw' })).body).id as number;
    expect((await get('/api/v1/devices/sw/wireless')).json()).toEqual({ role: null, aps: [], sensors: [] });
    h.state.set(makeDeviceState(id));
    expect((await get(`/api/v1/devices/${id}/wireless`)).json()).toEqual({ role: 'switch', aps: [], sensors: [] });
  });

  it('serves the last wireless report of a bridge, with its role on the device too', async () => {
    const id = JSON.parse((await post({ ...V2C, name: 'ptp-1' })).body).id as number;
    h.state.set(makeDeviceState(id, { role: 'wireless-bridge' }));
    const report = { aps: [{ name: 'ptp-1', clients: 1, radios: [{ index: '1', frequencyMHz: 24100 }], ssids: [] }], sensors: [{ class: 'rssi' as const, index: '0', descr: 'Chain 0', value: -47, unit: 'dBm' }] };
    h.wireless.set(id, { role: 'wireless-bridge', profiles: ['airfiber'], report, sampledAt: '2024-05-01T12:00:00.000Z' });
    expect((await get('/api/v1/devices/ptp-1/wireless')).json()).toEqual({ role: 'wireless-bridge', ...report });
    expect((await get('/api/v1/devices/ptp-1')).json()).toMatchObject({ role: 'wireless-bridge' });
  });
});

describe('GET /api/v1/devices/:id/interfaces/:ifName/utilization', () => {
  let id: number;
  beforeEach(async () => {
    id = JSON.parse((await post({ ...V2C, name: 'sw' })).body).id as number;
  });

  it('passes the decoded ifName, device name and range to the history reader', async () => {
    const series = [{ time: '2024-05-01T12:00:00.000Z', inBps: 1, outBps: 2, inUtilization: 0.1, outUtilization: 0.2 }];
    h.history.answer = async () => series;
    const r = await get(`/api/v1/devices/${id}/interfaces/Gi1%2F0%2F1/utilization?from=2024-05-01T11:00:00Z&to=2024-05-01T12:00:00Z&step=5m`);
    expect(r.status).toBe(200);
    expect(r.json()).toEqual(series);
    expect(h.history.queries).toEqual([
      { device: 'sw', ifName: 'Gi1/0/1', from: new Date('2024-05-01T11:00:00Z'), to: new Date('2024-05-01T12:00:00Z'), stepMs: 300_000 },
    ]);
  });

  it('accepts quotes, backslashes, regex characters and unicode in interface names unchanged', async () => {
    const names = [`it's "odd"`, 'back\\slash', 'a.*b|c(d)[e]{f}^$', 'Ünïcödé ☃', `x' OR 1=1 --`, 'x" ; DROP MEASUREMENT interface'];
    for (const name of names) {
      const r = await get(`/api/v1/devices/sw/interfaces/${encodeURIComponent(name)}/utilization`);
      expect(r.status, name).toBe(200);
    }
    expect(h.history.queries.map((q) => q.ifName)).toEqual(names);
  });

  it('defaults to the last hour in 60s steps', async () => {
    await get('/api/v1/devices/sw/interfaces/eth0/utilization');
    const q = h.history.queries[0];
    expect(q?.stepMs).toBe(60_000);
    expect((q?.to.getTime() ?? 0) - (q?.from.getTime() ?? 0)).toBe(3_600_000);
  });

  it('rejects bad ranges naming the parameter', async () => {
    for (const [query, field] of [
      ['from=yesterday', 'query.from'],
      ['from=-1x', 'query.from'],
      ['to=2024-13-45T99:00:00Z', 'query.to'],
      ['from=2024-05-02T00:00:00Z&to=2024-05-01T00:00:00Z', 'query.from'],
      ['step=500ms', 'query.step'],
      ['step=0s', 'query.step'],
      ['from=-30d&step=1s', 'query.step'],
      ['window=1h', 'query.window'],
    ] as const) {
      const r = await get(`/api/v1/devices/sw/interfaces/eth0/utilization?${query}`);
      expect(r.status, query).toBe(400);
      expect(errorOf(r.body).message.startsWith(field), `${query}: ${r.body}`).toBe(true);
    }
    expect(h.history.queries).toEqual([]);
  });

  it('answers 500 LS_INTERNAL with a generic message for an unexpected error, details only in the log', async () => {
    h.history.answer = async () => {
      throw new TypeError('cannot read properties of undefined (reading "series") at /srv/linkscope/x.js:12');
    };
    const r = await get('/api/v1/devices/sw/interfaces/eth0/utilization');
    expect(r.status).toBe(500);
    expect(errorOf(r.body)).toEqual({ code: 'LS_INTERNAL', message: 'An unexpected internal error; see the server log.' });
    expect(r.body).not.toContain('x.js');
    expect(h.logLines.some((l) => l.includes('reading \\"series\\"') && l.includes('"level":50'))).toBe(true);
  });

  it('answers 404 for an unknown device', async () => {
    expect((await get('/api/v1/devices/nope/interfaces/eth0/utilization')).status).toBe(404);
  });
});

/**
 * The error statuses each route can really answer, every one of which its OpenAPI operation must
 * document: 400/401/429/500 everywhere; 404 where a device is named; 409 where a name or address
 * can clash; 413 where a body is read; 503 where InfluxDB is queried.
 */
const COMMON = ['400', '401', '429', '500'];
const ERROR_CODES: Readonly<Record<string, readonly string[]>> = {
  'GET /api/v1/devices': COMMON,
  'POST /api/v1/devices': [...COMMON, '409', '413'],
  'POST /api/v1/devices:batch': [...COMMON, '409', '413'],
  'GET /api/v1/devices/{id}': [...COMMON, '404'],
  'PATCH /api/v1/devices/{id}': [...COMMON, '404', '409', '413'],
  'DELETE /api/v1/devices/{id}': [...COMMON, '404'],
  'GET /api/v1/devices/{id}/interfaces': [...COMMON, '404'],
  'GET /api/v1/devices/{id}/interfaces/{ifName}/utilization': [...COMMON, '404', '503'],
  'GET /api/v1/devices/{id}/neighbors': [...COMMON, '404'],
  'GET /api/v1/devices/{id}/wireless': [...COMMON, '404'],
  'GET /api/v1/devices/{id}/health': [...COMMON, '404'],
  'GET /api/v1/links': [...COMMON, '404'],
  'GET /api/v1/links/{id}': [...COMMON, '404'],
  'GET /api/v1/topology': COMMON,
  'GET /api/v1/health': COMMON,
  'GET /api/v1/metrics': COMMON,
};

describe('while a real InfluxDB goes down', () => {
  let influxd: InfluxdHandle;
  let dataDir: string;
  beforeAll(async () => {
    influxd = await startInfluxd();
    dataDir = mkdtempSync(join(tmpdir(), 'linkscope-api-influx-'));
  });
  afterAll(async () => {
    await influxd?.dispose();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await influxd.start(); // no-op when it is running; brings it back for the next test
  });

  it('answers 503 LS_INFLUX_UNAVAILABLE for utilisation once influxd is stopped', async () => {
    const real = await startApi({ history: new InfluxHistory({ url: influxd.url, db: 'api_history', timeoutMs: 5000 }) });
    try {
      const id = JSON.parse((await real.app.inject({ method: 'POST', url: '/api/v1/devices', headers: AUTH, payload: { ...V2C, name: 'sw' } })).body).id as number;
      // Up: a real (empty) series, so the 503 below is the outage and not a broken query.
      await influxd.query('CREATE DATABASE "api_history"');
      const up = await real.app.inject({ url: `/api/v1/devices/${id}/interfaces/eth0/utilization` });
      expect(up.statusCode, up.body).toBe(200);
      expect(up.json()).toEqual([]);
      await influxd.stop();
      const down = await real.app.inject({ url: `/api/v1/devices/${id}/interfaces/eth0/utilization` });
      expect(down.statusCode, down.body).toBe(503);
      expect(errorOf(down.body).code).toBe('LS_INFLUX_UNAVAILABLE');
    } finally {
      await real.close();
    }
  });

  it('reports ok, then degraded with the spool size once influxd is stopped', async () => {
    const sink = new InfluxSink({ url: influxd.url, db: 'api_health', spoolDir: join(dataDir, 'spool'), logger: silentLogger(), flushIntervalMs: 3_600_000 });
    const real = await startApi({ sinkStatus: () => sink.status() });
    const point = (time: number): Point => ({ measurement: 'device', tags: { device: 'sw1' }, fields: { up: true }, time });
    try {
      real.state.set(makeDeviceState(1));
      real.state.set(makeDeviceState(2, { status: 'unreachable' }));
      sink.write([point(1_800_000_000)]);
      await sink.flush();
      expect(sink.status()).toMatchObject({ influx: 'ok', writtenPoints: 1 });
      expect((await real.app.inject({ url: '/health' })).json()).toEqual({ status: 'ok', influx: 'ok', spoolBytes: 0, devices: { up: 1, down: 1, unreachable: 1, 'auth-failed': 0, pending: 0 } });
      await influxd.stop();
      sink.write([point(1_800_000_060)]);
      await sink.flush();
      const spoolBytes = sink.status().spoolBytes;
      expect(spoolBytes).toBeGreaterThan(0);
      expect((await real.app.inject({ url: '/api/v1/health' })).json()).toMatchObject({ status: 'degraded', influx: 'down', spoolBytes });
    } finally {
      await real.close();
      await sink.close();
    }
  });
});

describe('health, metrics, docs and unknown routes', () => {
  it('serves Prometheus text with HELP and TYPE lines and per-device last success', async () => {
    const id = JSON.parse((await post({ ...V2C, name: 'core-sw1' })).body).id as number;
    h.poller.figures = {
      polls: 10, failures: 1, timeouts: 2, varbinds: 300, requests: 12, skippedOverruns: 0, discontinuities: 0,
      devices: [{ deviceId: id, polls: 10, failures: 1, timeouts: 2, varbinds: 300, skippedOverruns: 0, discontinuities: 0, lastSuccessMs: 1_714_564_800_000 }],
    };
    h.sink = { ...h.sink, spoolBytes: 123 };
    for (const url of ['/metrics', '/api/v1/metrics']) {
      const r = await h.app.inject({ url });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(r.body).toContain('# TYPE linkscope_polls_total counter\nlinkscope_polls_total 10\n');
      expect(r.body).toContain('linkscope_poll_failures_total 1\n');
      expect(r.body).toContain('linkscope_snmp_timeouts_total 2\n');
      expect(r.body).toContain('linkscope_varbinds_total 300\n');
      expect(r.body).toContain('# TYPE linkscope_spool_bytes gauge\nlinkscope_spool_bytes 123\n');
      expect(r.body).toContain(`linkscope_device_last_success_timestamp_seconds{device="core-sw1",device_id="${id}"} 1714564800\n`);
    }
  });

  it('documents every route and every error response in OpenAPI 3', async () => {
    const spec = (await get('/docs/json')).json() as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths).sort()).toEqual(
      [
        '/api/v1/devices', '/api/v1/devices/{id}', '/api/v1/devices/{id}/interfaces', '/api/v1/devices/{id}/interfaces/{ifName}/utilization',
        '/api/v1/devices/{id}/neighbors', '/api/v1/devices/{id}/wireless', '/api/v1/devices/{id}/health', '/api/v1/links', '/api/v1/links/{id}', '/api/v1/topology',
        '/api/v1/health', '/api/v1/metrics', '/api/v1/devices:batch',
      ].sort(),
    );
    expect(spec.components.schemas).toHaveProperty('ErrorResponse');
    let errorResponses = 0;
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const key = `${method.toUpperCase()} ${path}`;
        const codes = ERROR_CODES[key];
        expect(codes, `${key} is a route this test knows`).toBeDefined();
        for (const status of codes ?? []) expect(op.responses, `${key} ${status}`).toHaveProperty(status);
        for (const [status, response] of Object.entries(op.responses)) {
          if (Number(status) < 400) continue;
          errorResponses += 1;
          expect(JSON.stringify(response.content), `${method} ${path} ${status}`).toContain('ErrorResponse');
        }
      }
    }
    expect(errorResponses).toBeGreaterThan(30);
    const page = await h.app.inject({ url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('swagger');
    // The UI's assets ship inside the package: no internet needed to read the docs.
    const css = await h.app.inject({ url: '/docs/static/swagger-ui.css' });
    expect(css.statusCode).toBe(200);
  });

  it('answers 404 LS_NOT_FOUND for unknown routes and methods, 400 for bad percent-encoding', async () => {
    // GET / is the web page (src/api/web.ts); other methods there and other root paths are unknown.
    for (const [method, url] of [['GET', '/api/v2/devices'], ['PUT', '/api/v1/devices/1'], ['POST', '/'], ['GET', '/index.php'], ['GET', '/assets/x.js']] as const) {
      const r = await h.app.inject({ method, url, headers: AUTH });
      expect(r.statusCode, url).toBe(404);
      expect(errorOf(r.body).code).toBe('LS_NOT_FOUND');
    }
    const bad = await get('/api/v1/devices/%E0%A4%A');
    expect(bad.status).toBe(400);
    expect(errorOf(bad.body).code).toBe('LS_VALIDATION');
  });
});

describe('rate limiting', () => {
  it('answers 429 LS_RATE_LIMITED past the limit, but never for /health', async () => {
    const limited = await startApi({ rateLimit: { max: 3, timeWindowMs: 60_000 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i += 1) codes.push((await limited.app.inject({ url: '/api/v1/devices' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      const r = await limited.app.inject({ url: '/api/v1/devices' });
      expect(errorOf(r.body).code).toBe('LS_RATE_LIMITED');
      expect(r.headers['retry-after']).toBeDefined();
      expect((await limited.app.inject({ url: '/health' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
