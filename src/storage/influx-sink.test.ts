/** Unit tests for InfluxSink's state machine against a scripted fake InfluxDB on 127.0.0.1. */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Secret } from '../model/secret.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { displayUrl, InfluxSink, influxEndpoint, PendingLines, type InfluxSinkOptions } from './influx-sink.js';
import type { Point } from './types.js';

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly params: URLSearchParams;
  readonly body: string;
  readonly authorization: string | undefined;
}
type Reply = { status: number; body?: string } | 'hang';

let server: Server;
let url: string;
let seen: Seen[];
let reply: (req: Seen) => Reply;
let hanging: ServerResponse[];
let dir: string;
let logLines: string[];
let logger: Logger;
let sink: InfluxSink | undefined;

beforeEach(async () => {
  seen = [];
  hanging = [];
  reply = () => ({ status: 204 });
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const params = new URLSearchParams(u.search);
      if (req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
        for (const [k, v] of new URLSearchParams(body)) params.set(k, v);
      }
      const s: Seen = { method: req.method ?? '', path: u.pathname, params, body, authorization: req.headers.authorization };
      seen.push(s);
      const r = s.path === '/query' ? { status: 200, body: '{"results":[{"statement_id":0}]}' } : reply(s);
      if (r === 'hang') {
        hanging.push(res);
        return;
      }
      res.writeHead(r.status, { 'content-type': 'application/json' }).end(r.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'linkscope-sink-'));
  logLines = [];
  logger = createLogger({ level: 'debug', destination: { write: (l: string) => void logLines.push(l) } });
});

afterEach(async () => {
  for (const res of hanging) res.destroy();
  await sink?.close();
  sink = undefined;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
  expect(logLines.join('')).not.toContain('s3cret');
});

async function open(extra: Partial<InfluxSinkOptions> = {}): Promise<InfluxSink> {
  sink = new InfluxSink({
    url,
    db: 'lab',
    user: 'writer',
    password: new Secret('s3cret'),
    spoolDir: join(dir, 'spool'),
    logger,
    timeoutMs: 2000,
    probeIntervalMs: 10,
    probeMaxIntervalMs: 40,
    flushIntervalMs: 60_000,
    ...extra,
  });
  await sink.flush();
  return sink;
}

function pts(from: number, to: number): Point[] {
  const out: Point[] = [];
  for (let i = from; i < to; i += 1) out.push({ measurement: 'm', tags: {}, fields: { n: BigInt(i) }, time: i });
  return out;
}

function writes(): Seen[] {
  return seen.filter((s) => s.path === '/write');
}

/** The `n` values carried by /write bodies, in the order InfluxDB got them. */
function numbers(requests: Seen[]): number[] {
  return requests.flatMap((s) => s.body.split('\n').map((l) => Number(/n=(\d+)i/.exec(l)?.[1])));
}

/** Bounded polling for "eventually" (probes run on the sink's own timers): at most 500 × 10 ms. */
async function eventually(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (done()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`not reached within 500 polls: ${what}`);
}

function levels(level: number): string[] {
  return logLines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level === level).map((l) => l.msg);
}

describe('InfluxSink', () => {
  it('creates the database on start with a quoted identifier', async () => {
    await open({ db: 'my "lab"' });
    const q = seen.find((s) => s.path === '/query');
    expect(q?.method).toBe('POST');
    expect(q?.params.get('q')).toBe('create database "my \\"lab\\""');
  });

  it('posts line protocol with db, precision=s and Basic credentials', async () => {
    const s = await open();
    s.write(pts(0, 2));
    await s.flush();
    const w = writes()[0];
    expect(w?.method).toBe('POST');
    expect(w?.params.get('db')).toBe('lab');
    expect(w?.params.get('precision')).toBe('s');
    expect(w?.body).toBe('m n=0i 0\nm n=1i 1');
    expect(w?.authorization).toBe(`Basic ${Buffer.from('writer:s3cret').toString('base64')}`);
    expect(s.status()).toMatchObject({ influx: 'ok', writtenPoints: 2, pendingPoints: 0 });
  });

  it('splits into batches of batchSize and flushes on its own when a batch is full', async () => {
    const s = await open({ batchSize: 3 });
    s.write(pts(0, 7));
    await eventually(() => writes().length === 3, 'three batches sent without flush()');
    expect(writes().map((w) => w.body.split('\n').length)).toEqual([3, 3, 1]);
  });

  it('never throws from write() and spools while InfluxDB answers 5xx, then replays in order', async () => {
    let up = false;
    reply = (r) => (r.path === '/ping' ? { status: up ? 204 : 503 } : up ? { status: 204 } : { status: 503, body: '{"error":"overloaded"}' });
    const s = await open({ batchSize: 2 });
    expect(() => s.write(pts(0, 5))).not.toThrow();
    await s.flush();
    expect(s.status()).toMatchObject({ influx: 'down', pendingPoints: 5 });
    expect(s.status().spoolBytes).toBeGreaterThan(0);
    // Only the first batch was tried; the rest went straight to the spool behind it.
    expect(writes()).toHaveLength(1);

    s.write(pts(5, 8));
    await s.flush();
    up = true;
    await eventually(() => s.status().pendingPoints === 0, 'spool replayed after /ping answered');
    // After the one failed try, every point reaches InfluxDB once, oldest first.
    expect(numbers(writes().slice(1))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(s.status()).toMatchObject({ influx: 'ok', writtenPoints: 8, spoolBytes: 0, droppedPoints: 0 });
    expect(seen.some((r) => r.path === '/ping')).toBe(true);
    expect(levels(40).filter((m) => m.includes('unavailable'))).toHaveLength(1);
    expect(levels(30).filter((m) => m.includes('accepts writes again'))).toHaveLength(1);
  });

  it('treats a timeout as down and keeps the batch', async () => {
    let hang = true;
    reply = (r) => (r.path === '/write' && hang ? 'hang' : { status: 204 });
    const s = await open({ timeoutMs: 150 });
    s.write(pts(0, 3));
    await s.flush();
    expect(s.status()).toMatchObject({ influx: 'down', pendingPoints: 3 });
    expect(logLines.join('')).toContain('timed out after 150ms');
    hang = false;
    await eventually(() => s.status().pendingPoints === 0, 'replayed after the timeout');
    // The replay re-sends the identical line: InfluxDB overwrites it in place if the first try landed.
    expect(writes().map((w) => w.body)).toEqual(['m n=0i 0\nm n=1i 1\nm n=2i 2', 'm n=0i 0\nm n=1i 1\nm n=2i 2']);
  });

  it('drops a batch rejected with 400 and logs InfluxDB\'s message once per batch', async () => {
    reply = (r) =>
      r.body.includes('n=1i') ? { status: 400, body: '{"error":"partial write: field type conflict: input field \\"n\\" is type integer, already exists as type float dropped=1"}' } : { status: 204 };
    const s = await open({ batchSize: 1 });
    s.write(pts(0, 3));
    await s.flush();
    expect(s.status()).toMatchObject({ influx: 'ok', writtenPoints: 2, droppedPoints: 1, spoolBytes: 0 });
    const errors = levels(50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('field type conflict');
  });

  it('creates the database again when a write says it was not found', async () => {
    let dropped = true;
    reply = (r) => {
      if (r.path === '/write' && dropped) {
        dropped = false;
        return { status: 404, body: '{"error":"database not found: \\"lab\\""}' };
      }
      return { status: 204 };
    };
    const s = await open();
    const creates = seen.filter((r) => r.path === '/query').length;
    s.write(pts(0, 1));
    await s.flush();
    expect(seen.filter((r) => r.path === '/query').length).toBe(creates + 1);
    expect(s.status()).toMatchObject({ writtenPoints: 1, droppedPoints: 0 });
  });

  it('keeps data spooled when InfluxDB refuses the credentials, with one error log', async () => {
    let allowed = false;
    reply = (r) => (r.path === '/write' && !allowed ? { status: 401, body: '{"error":"authorization failed"}' } : { status: 204 });
    const s = await open();
    s.write(pts(0, 2));
    await s.flush();
    s.write(pts(2, 4));
    await s.flush();
    expect(s.status()).toMatchObject({ influx: 'down', pendingPoints: 4, droppedPoints: 0 });
    expect(levels(50).filter((m) => m.includes('refuses writes'))).toHaveLength(1);
    allowed = true;
    await eventually(() => s.status().pendingPoints === 0, 'written once credentials work');
    expect(s.status().writtenPoints).toBe(4);
  });

  it('keeps probing /ping while InfluxDB stays down', async () => {
    reply = () => ({ status: 503 });
    const s = await open({ probeIntervalMs: 5, probeMaxIntervalMs: 20 });
    s.write(pts(0, 1));
    await s.flush();
    await eventually(() => seen.filter((r) => r.path === '/ping').length >= 5, 'five probes');
    expect(s.status().influx).toBe('down');
  });

  it('close() spools what it cannot send within timeoutMs, and a new sink replays it', async () => {
    reply = (r) => (r.path === '/write' ? 'hang' : { status: 204 });
    const s = await open({ timeoutMs: 100 });
    s.write(pts(0, 3));
    await s.close();
    expect(s.status()).toMatchObject({ pendingPoints: 3 });
    expect(s.status().spoolBytes).toBeGreaterThan(0);
    s.write(pts(3, 4));
    expect(s.status().droppedPoints).toBe(1);

    for (const res of hanging.splice(0)) res.destroy();
    reply = () => ({ status: 204 });
    const again = await open();
    await eventually(() => again.status().pendingPoints === 0, 'replayed by the next sink');
    expect(writes().at(-1)?.body).toBe('m n=0i 0\nm n=1i 1\nm n=2i 2');
    expect(again.status()).toMatchObject({ writtenPoints: 3, spoolBytes: 0 });
  });
});

describe('InfluxSink with a damaged spool', () => {
  it('sets aside an unreadable spooled batch, writes the rest and reports it', async () => {
    let up = false;
    reply = (r) => (r.path === '/ping' ? { status: up ? 204 : 503 } : up ? { status: 204 } : { status: 503 });
    const s = await open({ batchSize: 2 });
    s.write(pts(0, 6));
    await s.flush();
    expect(s.status().pendingPoints).toBe(6);
    // A directory where the oldest batch file should be: EISDIR on read, even for root.
    const spoolDir = join(dir, 'spool');
    const oldest = (await readdir(spoolDir)).sort()[0] as string;
    await rm(join(spoolDir, oldest));
    await mkdir(join(spoolDir, oldest));

    up = true;
    await eventually(() => s.status().pendingPoints === 0, 'the batches behind the bad one replayed');
    s.write(pts(6, 7));
    await s.flush();
    expect(numbers(writes().slice(1))).toEqual([2, 3, 4, 5, 6]);
    const status = s.status();
    expect(status).toMatchObject({ influx: 'ok', writtenPoints: 5, spoolSetAsideBatches: 1 });
    expect(status.problems).toHaveLength(1);
    expect(status.problems?.[0]).toContain('unreadable');
    expect(await readdir(spoolDir)).toEqual([`${oldest}.unreadable`]);
    expect(levels(50).filter((m) => m.includes('cannot be read'))).toHaveLength(1);
  });

  it('starts with a spool directory that cannot be created, says so loudly and counts the lost batches', async () => {
    const blocker = join(dir, 'not-a-dir');
    await writeFile(blocker, 'x');
    reply = (r) => (r.path === '/ping' ? { status: 503 } : { status: 503 });
    const s = await open({ spoolDir: join(blocker, 'spool') });
    expect(s.status().problems?.[0]).toContain('cannot be written');
    s.write(pts(0, 2));
    await s.flush();
    s.write(pts(2, 3));
    await s.flush();
    expect(s.status()).toMatchObject({ influx: 'down', spoolWriteFailures: 2, droppedPoints: 3 });
    expect(s.status().problems).toHaveLength(1);
    // One error for the episode, not one per batch.
    expect(levels(50).filter((m) => m.includes('cannot be written'))).toHaveLength(1);

    // Fixing the disk heals it: the next pass creates the directory and spools again.
    await rm(blocker);
    s.write(pts(3, 4));
    await s.flush();
    expect(s.status().problems).toEqual([]);
    expect(s.status().pendingPoints).toBe(1);
  });
});

describe('PendingLines', () => {
  it('hands back lines as newline-separated UTF-8 bodies, in order, across growth and partial takes', () => {
    const pending = new PendingLines();
    const lines = Array.from({ length: 3000 }, (_, i) => `m,t=é${i} f="${'x'.repeat(i % 97)}€" ${i}`);
    for (const line of lines) pending.push(line);
    expect(pending.count).toBe(3000);
    const first = pending.take(1000);
    expect(pending.count).toBe(2000);
    pending.push('late 1');
    const rest = pending.take(5000);
    expect(pending.count).toBe(0);
    expect(first.toString('utf8')).toBe(lines.slice(0, 1000).join('\n'));
    expect(rest.toString('utf8')).toBe([...lines.slice(1000), 'late 1'].join('\n'));
    expect(pending.take(10).length).toBe(0);
  });
});

describe('URL helpers', () => {
  it('keeps a path prefix and strips credentials from request URLs and logs', () => {
    expect(influxEndpoint('http://u:p@h:8086/influx/', 'write', { db: 'a b' })).toBe('http://h:8086/influx/write?db=a+b');
    expect(displayUrl('http://u:p@h:8086/')).toBe('http://h:8086');
  });
});
