/** Bearer-token rules: writes need the token, reads too beyond loopback; non-loopback listen without a token refuses. */
import { afterEach, describe, expect, it } from 'vitest';
import { assertListenAllowed } from '../../src/api/server.js';
import { isLinkscopeError } from '../../src/model/errors.js';
import { Secret } from '../../src/model/secret.js';
import { createLogger } from '../../src/observability/logger.js';
import { AUTH, errorOf, startApi, TOKEN, type Harness } from './api-harness.js';

const BODY = { host: '10.0.0.1', name: 'sw', snmp: { version: '2c', community: 'public' } };
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('with a token configured', () => {
  it('refuses writes without a token or with a wrong one (401), accepts the right one', async () => {
    h = await startApi();
    const wrong = [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: `Bearer ${TOKEN.slice(0, -1)}` },
      { authorization: `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}` },
      { authorization: TOKEN },
      { authorization: 'Bearer' },
    ];
    for (const headers of wrong) {
      for (const [method, url] of [['POST', '/api/v1/devices'], ['PATCH', '/api/v1/devices/sw'], ['DELETE', '/api/v1/devices/sw']] as const) {
        const r = await h.app.inject({ method, url, headers, payload: method === 'DELETE' ? undefined : BODY });
        expect(r.statusCode, `${method} ${JSON.stringify(headers)}`).toBe(401);
        expect(errorOf(r.body).code).toBe('LS_UNAUTHORIZED');
      }
    }
    expect(h.inventory.list()).toEqual([]);
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/devices', headers: AUTH, payload: BODY })).statusCode).toBe(201);
    const lower = await h.app.inject({ method: 'DELETE', url: '/api/v1/devices/sw', headers: { authorization: `bearer ${TOKEN}` } });
    expect(lower.statusCode).toBe(204);
  });

  it('lets reads through without a token on loopback', async () => {
    h = await startApi();
    expect((await h.app.inject({ url: '/api/v1/devices' })).statusCode).toBe(200);
  });

  it('requires the token for reads when asked to, but not for /health and /docs', async () => {
    h = await startApi({ requireAuthForReads: true });
    for (const url of ['/api/v1/devices', '/api/v1/devices/1/interfaces', '/metrics', '/api/v1/metrics', '/api/v1/nothing-here']) {
      const r = await h.app.inject({ url });
      expect(r.statusCode, url).toBe(401);
      expect(errorOf(r.body).code).toBe('LS_UNAUTHORIZED');
    }
    expect((await h.app.inject({ url: '/api/v1/devices', headers: AUTH })).statusCode).toBe(200);
    for (const url of ['/health', '/api/v1/health', '/docs', '/docs/json']) {
      expect((await h.app.inject({ url })).statusCode, url).toBe(200);
    }
  });

  it('never logs the token', async () => {
    h = await startApi();
    await h.app.inject({ method: 'POST', url: '/api/v1/devices', headers: AUTH, payload: BODY });
    await h.app.inject({ method: 'POST', url: '/api/v1/devices', headers: { authorization: 'Bearer guessed-token-123' }, payload: BODY });
    const log = h.logLines.join('');
    expect(log).not.toContain(TOKEN);
    expect(log).not.toContain('guessed-token-123');
  });
});

describe('without a token (loopback only)', () => {
  it('accepts writes', async () => {
    h = await startApi({ apiToken: null });
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/devices', payload: BODY })).statusCode).toBe(201);
  });
});

describe('assertListenAllowed', () => {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (l: string) => void lines.push(l) } });

  it('refuses to listen beyond loopback without a token', () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.10', 'example.net', '[::]']) {
      let caught: unknown;
      try {
        assertListenAllowed({ host, apiToken: null, insecure: false, logger });
      } catch (err) {
        caught = err;
      }
      expect(isLinkscopeError(caught, 'LS_CONFIG_INVALID'), host).toBe(true);
      expect((caught as Error).message).toContain('LINKSCOPE_API_TOKEN');
      expect((caught as Error).message).toContain('--insecure');
    }
  });

  it('allows loopback without a token and keeps reads open', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) {
      expect(assertListenAllowed({ host, apiToken: null, insecure: false, logger }), host).toEqual({ requireAuthForReads: false });
    }
  });

  it('allows any address with a token and then requires it for reads', () => {
    expect(assertListenAllowed({ host: '0.0.0.0', apiToken: new Secret('t'), insecure: false, logger })).toEqual({ requireAuthForReads: true });
  });

  it('with --insecure only warns', () => {
    lines.length = 0;
    expect(assertListenAllowed({ host: '0.0.0.0', apiToken: null, insecure: true, logger })).toEqual({ requireAuthForReads: false });
    expect(lines.some((l) => l.includes('"level":40') && l.includes('insecure'))).toBe(true);
  });
});
