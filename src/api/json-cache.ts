/** JSON bodies of large lists built from cached per-item fragments: items are immutable and replaced when they change, so identity is the cache key. */
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const gzip = promisify(gzipCallback);

export const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * At 10,000 links, serialising every link per request cost most of the p99 budget
 * (bench/topology-bench.ts); joining cached fragments costs a few ms, and a body whose items are
 * all the same objects as last time for the same query is reused as is.
 */
export class JsonListCache<T extends object> {
  /**
   * Encoded once: joining 10,000 strings and UTF-8-encoding the 3.2 MB result took ~11 ms of the
   * event loop per live change (once a second under poll churn, the /links p99 tail); copying
   * ready bytes into one buffer takes ~1–2 ms (bench/topology-bench.ts, node --cpu-prof).
   */
  readonly #fragments = new WeakMap<T, Buffer>();
  /** Few: an unfiltered body at 10,000 links is 3.2 MB, and any query string is a key. */
  readonly #bodies = new Map<string, { readonly items: readonly T[]; readonly body: Buffer }>();
  readonly #maxBodies: number;

  constructor(maxBodies = 4) {
    this.#maxBodies = maxBodies;
  }

  /** `[item,…]` wrapped in prefix/suffix, for the query `key`. */
  body(key: string, items: readonly T[], prefix = '', suffix = ''): Buffer {
    const last = this.#bodies.get(key);
    if (last !== undefined && (last.items === items || sameItems(last.items, items))) return last.body;
    const parts: Buffer[] = new Array<Buffer>(items.length);
    const head = Buffer.from(`${prefix}[`, 'utf8');
    const tail = Buffer.from(`]${suffix}`, 'utf8');
    let size = head.length + tail.length + Math.max(0, items.length - 1);
    for (let i = 0; i < items.length; i += 1) {
      const item = items[i] as T;
      let json = this.#fragments.get(item);
      if (json === undefined) {
        json = Buffer.from(JSON.stringify(item), 'utf8');
        this.#fragments.set(item, json);
      }
      parts[i] = json;
      size += json.length;
    }
    // allocUnsafe: every byte is written below.
    const body = Buffer.allocUnsafe(size);
    let at = head.copy(body, 0);
    for (let i = 0; i < parts.length; i += 1) {
      if (i > 0) at = body.writeUInt8(0x2c, at); // ','
      at += (parts[i] as Buffer).copy(body, at);
    }
    tail.copy(body, at);
    if (this.#bodies.size >= this.#maxBodies && !this.#bodies.has(key)) this.#bodies.clear();
    this.#bodies.set(key, { items, body });
    return body;
  }
}

/** Bodies smaller than this go out as they are: compressing them saves less than it costs. */
const GZIP_MIN_BYTES = 64 * 1024;
// Level 1: 3.2 MB of link JSON → 205 KB in ~7 ms (level 6: 172 KB in ~13 ms), on the thread pool.
const GZIP_LEVEL = 1;
const gzipped = new WeakMap<Buffer, Promise<Buffer>>();

/** True when the Accept-Encoding header accepts gzip (`gzip` or `*` with a q above 0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  for (const part of text.split(',')) {
    const [name = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    if (name !== 'gzip' && name !== '*' && name !== 'x-gzip') continue;
    const q = params.find((p) => p.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

/**
 * Sends a cached JSON body, gzip-compressed when the client accepts it and the body is large. A
 * body is compressed once (off the event loop), however many requests share it.
 */
export async function sendJson(request: FastifyRequest, reply: FastifyReply, body: Buffer): Promise<FastifyReply> {
  reply.type(JSON_TYPE);
  if (body.length < GZIP_MIN_BYTES) return reply.send(body);
  reply.header('vary', 'accept-encoding');
  if (!acceptsGzip(request.headers['accept-encoding'])) return reply.send(body);
  let compressed = gzipped.get(body);
  if (compressed === undefined) {
    compressed = gzip(body, { level: GZIP_LEVEL });
    gzipped.set(body, compressed);
    // A failure fails this request (the error handler answers 500) and is not remembered.
    void compressed.catch(() => gzipped.delete(body));
  }
  return reply.header('content-encoding', 'gzip').send(await compressed);
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
