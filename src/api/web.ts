/** Serves the built web page (dist/web, from `npm run build`) at `/`: files read into memory at start-up, gzip once, ETag, cache headers. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LinkscopeError } from '../model/errors.js';
import type { Logger } from '../observability/logger.js';
import type { AuthKind } from './auth.js';
import { acceptsGzip } from './json-cache.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

/*
 * The page is data-free (it reads the API like any client), so it needs no token; the Host guard
 * still applies to it as to every route. The policy keeps it to its own origin: scripts and
 * requests from 'self' only, no framing. Inline styles are allowed because the graph and chart
 * libraries position their elements with style attributes.
 */
const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/** Vite names assets by content hash: a changed file has a new name, so browsers may keep them for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The HTML names the current assets: revalidate every time (a 304 when unchanged). */
const REVALIDATE = 'no-cache';
const GZIP_MIN_BYTES = 1024;

interface WebFile {
  readonly body: Buffer;
  readonly gzipped: Buffer | null;
  readonly type: string;
  readonly etag: string;
}

export interface WebBundle {
  readonly dir: string;
  /** URL path (`/index.html`, `/assets/index-abc.js`) → file. Empty when the page is not built. */
  readonly files: ReadonlyMap<string, WebFile>;
}

/** dist/web of the installed package, found from this file in src/api (tests) or dist/src/api (built). */
export function defaultWebRoot(): string {
  let dir = import.meta.dirname;
  for (let i = 0; i < 6; i += 1) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'web');
    dir = dirname(dir);
  }
  return join(import.meta.dirname, '..', '..', 'web');
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Reads every file of a built page; a missing or unreadable folder gives an empty bundle (the page answers 503, the API works). */
export function loadWebBundle(dir: string): WebBundle {
  const files = new Map<string, WebFile>();
  if (!existsSync(join(dir, 'index.html')) || !statSync(dir).isDirectory()) return { dir, files };
  for (const path of listFiles(dir)) {
    const type = CONTENT_TYPES[extname(path).toLowerCase()];
    if (type === undefined) continue; // only what the page is made of; never a stray file
    const body = readFileSync(path);
    const compressible = type.startsWith('text/') || type.startsWith('image/svg') || type.startsWith('application/json');
    files.set(`/${relative(dir, path).split(sep).join('/')}`, {
      body,
      gzipped: compressible && body.length >= GZIP_MIN_BYTES ? gzipSync(body, { level: 9 }) : null,
      type,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    });
  }
  return { dir, files };
}

function send(request: FastifyRequest, reply: FastifyReply, file: WebFile, cacheControl: string): FastifyReply {
  reply.header('cache-control', cacheControl).header('etag', file.etag).header('vary', 'accept-encoding').type(file.type);
  if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
  if (file.gzipped !== null && acceptsGzip(request.headers['accept-encoding'])) return reply.header('content-encoding', 'gzip').send(file.gzipped);
  return reply.send(file.body);
}

/** Route config read by auth.ts; fastify's config type knows only the keys plugins declare. */
const NO_TOKEN = { auth: 'none' satisfies AuthKind } as FastifyContextConfig;

/** GET / (the page) and GET /assets/<file>; no token needed (see above), hidden from the OpenAPI document. */
export function registerWebRoutes(app: FastifyInstance, bundle: WebBundle, logger: Logger): void {
  const index = bundle.files.get('/index.html');
  if (index === undefined) {
    logger.info({ dir: bundle.dir }, 'web page not built: / explains how to build it; the API is unaffected');
  }
  app.get('/', { config: NO_TOKEN, schema: { hide: true } }, async (request, reply) => {
    if (index === undefined) {
      return reply
        .code(503)
        .header('cache-control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send(`linkscope's web page is not built (no ${join(bundle.dir, 'index.html')}).\nRun "npm run build" in the linkscope folder and restart. The REST API works meanwhile: /api/v1/topology, /docs.\n`);
    }
    reply.headers(PAGE_SECURITY_HEADERS);
    return send(request, reply, index, REVALIDATE);
  });
  app.get<{ Params: { file: string } }>('/assets/:file', { config: NO_TOKEN, schema: { hide: true } }, async (request, reply) => {
    const file = bundle.files.get(`/assets/${request.params.file}`);
    if (file === undefined) {
      // The usual error body: an old page asking for an asset of a previous build gets told why.
      throw new LinkscopeError('LS_NOT_FOUND', `no file ${request.params.file} in the web page (it may be from an older build); reload /`);
    }
    return send(request, reply, file, IMMUTABLE);
  });
}
