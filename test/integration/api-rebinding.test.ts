/** DNS rebinding and cross-site writes: a web page must not reach a tokenless API on loopback. */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApi, type ApiDeps } from '../../src/api/server.js';
import { FakeHistory, MemoryInventory, okSink, RecordingPoller } from '../../src/api/testing.js';
import { Secret } from '../../src/model/secret.js';
import { createLogger } from '../../src/observability/logger.js';
import { LiveState } from '../../src/state/live-state.js';

const BODY = { host: '10.0.0.1', name: 'sw', snmp: { version: '2c', community: 'public' } };

let app: FastifyInstance | undefined;
let inventory: MemoryInventory;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function api(extra: Partial<ApiDeps> = {}): Promise<FastifyInstance> {
  inventory = new MemoryInventory();
  app = await buildApi({
    inventory,
    state: new LiveState(),
    poller: new RecordingPoller(),
    history: new FakeHistory(),
    sinkStatus: () => okSink(),
    apiToken: null,
    logger: createLogger({ level: 'silent' }),
    defaultPollIntervalMs: 60_000,
    rateLimit: false,
    listenHost: '127.0.0.1',
    ...extra,
  });
  return app;
}

function codeOf(body: string): string {
  return (JSON.parse(body) as { error: { code: string } }).error.code;
}

describe('the Host check on a loopback listener without a token', () => {
  it('refuses another site\'s Host name with 421, before any change', async () => {
    const a = await api();
    for (const host of ['evil.example', 'evil.example:8080', 'rebind.127.0.0.1.nip.io:8080', 'localhost.evil.example']) {
      const post = await a.inject({ method: 'POST', url: '/api/v1/devices', headers: { host }, payload: BODY });
      expect(post.statusCode, host).toBe(421);
      expect(codeOf(post.body)).toBe('LS_HOST_NOT_ALLOWED');
      const get = await a.inject({ url: '/api/v1/devices', headers: { host } });
      expect(get.statusCode, host).toBe(421);
    }
    expect(inventory.list()).toEqual([]);
  });

  it('answers to localhost, 127.0.0.1 and [::1] on any port, and to configured names', async () => {
    const a = await api({ allowedHosts: ['linkscope.lan'] });
    for (const host of ['localhost:8080', '127.0.0.1:8080', '[::1]:8080', 'LOCALHOST', 'localhost.:8080', 'linkscope.lan:8080']) {
      expect((await a.inject({ url: '/api/v1/devices', headers: { host } })).statusCode, host).toBe(200);
    }
    // inject()'s own default Host is localhost:80.
    expect((await a.inject({ url: '/health' })).statusCode).toBe(200);
  });

  it('refuses writes from a page of another origin, and lets scripts without Origin write', async () => {
    const a = await api();
    for (const origin of ['http://evil.example', 'https://evil.example:8080', 'null', 'file://']) {
      for (const [method, url] of [['POST', '/api/v1/devices'], ['PATCH', '/api/v1/devices/sw'], ['DELETE', '/api/v1/devices/sw']] as const) {
        const r = await a.inject({ method, url, headers: { host: 'localhost:8080', origin }, payload: method === 'DELETE' ? undefined : BODY });
        expect(r.statusCode, `${method} from ${origin}`).toBe(403);
        expect(codeOf(r.body)).toBe('LS_CROSS_ORIGIN');
      }
    }
    expect(inventory.list()).toEqual([]);
    const own = await a.inject({ method: 'POST', url: '/api/v1/devices', headers: { host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080' }, payload: BODY });
    expect(own.statusCode).toBe(201);
    const script = await a.inject({ method: 'DELETE', url: '/api/v1/devices/sw', headers: { host: '127.0.0.1:8080' } });
    expect(script.statusCode).toBe(204);
  });

  it('refuses a rebinding Host on a real socket too', async () => {
    const a = await api();
    await a.listen({ host: '127.0.0.1', port: 0 });
    const port = (a.server.address() as AddressInfo).port;
    const send = (host: string): Promise<{ status: number; body: string }> =>
      new Promise((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/devices', headers: { host, 'content-type': 'application/json' } }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end(JSON.stringify(BODY));
      });
    const evil = await send(`evil.example:${port}`);
    expect(evil.status).toBe(421);
    expect(codeOf(evil.body)).toBe('LS_HOST_NOT_ALLOWED');
    expect((await send(`127.0.0.1:${port}`)).status).toBe(201);
  });
});

describe('beyond loopback', () => {
  it('leaves the Host alone: every request needs the token there, which a browser never adds by itself', async () => {
    const a = await api({ listenHost: '0.0.0.0', apiToken: new Secret('t0ken'), requireAuthForReads: true });
    const r = await a.inject({ url: '/api/v1/devices', headers: { host: 'monitor.example.net:8080', authorization: 'Bearer t0ken' } });
    expect(r.statusCode).toBe(200);
  });
});
