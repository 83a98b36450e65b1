/** Unit tests for the web page routes: content types, cache headers, gzip, ETag, token and Host rules, and a clear 503 when the page is not built. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../model/secret.js';
import { buildApi, type ApiDeps } from './server.js';
import { testApiDeps } from './testing.js';
import { defaultWebRoot, loadWebBundle } from './web.js';

const dir = mkdtempSync(join(tmpdir(), 'linkscope-web-'));
const JS = `console.log(${JSON.stringify('x'.repeat(4000))});\n`;
mkdirSync(join(dir, 'assets'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>linkscope</title><script type="module" src="./assets/index-abc123.js"></script>');
writeFileSync(join(dir, 'assets', 'index-abc123.js'), JS);
writeFileSync(join(dir, 'assets', 'index-abc123.css'), 'body{margin:0}');
writeFileSync(join(dir, 'assets', 'notes.txt'), 'not part of the page');

function api(extra: Partial<ApiDeps>): Promise<FastifyInstance> {
  return buildApi(testApiDeps({ webRoot: dir, ...extra }));
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the web page routes', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await api({ apiToken: new Secret('t0ken'), requireAuthForReads: true, listenHost: '127.0.0.1' });
  });
  afterAll(async () => app.close());

  it('serves the page at / as HTML, revalidated every time, with a same-origin policy and no token', async () => {
    const r = await app.inject({ url: '/' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.body).toContain('<title>linkscope</title>');
  });

  it('serves hashed assets with their type, cached for good, gzipped when accepted', async () => {
    const plain = await app.inject({ url: '/assets/index-abc123.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(JS);
    const gz = await app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.rawPayload.length).toBeLessThan(JS.length / 4);
    expect(gunzipSync(gz.rawPayload).toString()).toBe(JS);
    expect((await app.inject({ url: '/assets/index-abc123.css' })).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await app.inject({ url: '/' });
    const etag = String(first.headers['etag']);
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await app.inject({ url: '/', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers 404 for files that are not part of the page, never reading the disk by request path', async () => {
    for (const url of ['/assets/notes.txt', '/assets/nope.js', '/assets/..%2Findex.html', '/assets/..%2F..%2Fpackage.json']) {
      const r = await app.inject({ url });
      expect(r.statusCode, url).toBe(404);
      expect(r.json<{ error: { code: string } }>().error.code).toBe('LS_NOT_FOUND');
    }
  });

  it('still guards the Host header on the page', async () => {
    const r = await app.inject({ url: '/', headers: { host: 'evil.example:8080' } });
    expect(r.statusCode).toBe(421);
  });

  it('keeps the API behind the token while the page is open', async () => {
    expect((await app.inject({ url: '/api/v1/topology' })).statusCode).toBe(401);
  });

  it('leaves the page out of the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/docs/json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).not.toContain('/');
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/assets'))).toBe(false);
  });
});

describe('without a built page', () => {
  it('answers / with 503 and how to build it, and the API still works', async () => {
    const app = await api({ webRoot: join(dir, 'missing') });
    try {
      const r = await app.inject({ url: '/' });
      expect(r.statusCode).toBe(503);
      expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(r.body).toContain('npm run build');
      expect((await app.inject({ url: '/assets/index-abc123.js' })).statusCode).toBe(404);
      expect((await app.inject({ url: '/api/v1/devices' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('registers no page at all with webRoot null', async () => {
    const app = await api({ webRoot: null });
    try {
      expect((await app.inject({ url: '/' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});

describe('loadWebBundle', () => {
  it('finds dist/web of this package by default', () => {
    expect(defaultWebRoot()).toBe(join(import.meta.dirname, '..', '..', 'dist', 'web'));
  });

  it('reads only the page\'s file types, keyed by URL path', () => {
    expect([...loadWebBundle(dir).files.keys()].sort()).toEqual(['/assets/index-abc123.css', '/assets/index-abc123.js', '/index.html']);
    expect(loadWebBundle(join(dir, 'missing')).files.size).toBe(0);
  });
});
