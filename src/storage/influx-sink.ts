/** SampleSink that batches points as line protocol, POSTs them to InfluxDB 1.x /write and spools them on disk while it is down. */
import type { Logger } from '../observability/logger.js';
import { describeError } from '../model/errors.js';
import type { Secret } from '../model/secret.js';
import { InfluxAdmin, type DatabasePreparer } from './influx-admin.js';
import { displayUrl } from './influx-client.js';
import { interfaceLineBytes, writeInterfaceLine } from './interface-line.js';
import { formatPoint } from './line-protocol.js';
import { Spool, UNREADABLE_SUFFIX } from './spool.js';
import { InterfacePoint, type Point, type SampleSink, type SinkStatus } from './types.js';

/*
 * Writes use Node's fetch, not the `influx` package: we send our own byte-exact line protocol
 * (bigint integers, int64 clamping) and the spool replays those very bytes.
 *
 * Ordering and exactly-once: a batch leaves memory either to InfluxDB (acked by 204) or to the spool,
 * and while the spool holds anything every new batch goes behind it, so nothing overtakes older data.
 * A spooled batch is removed only after a 204. If a write timed out after InfluxDB stored it, the
 * replay re-sends identical lines (same measurement, tag set and timestamp), which InfluxDB
 * overwrites in place: at-least-once delivery with idempotent writes, i.e. each point once.
 */

export { displayUrl };

export const DEFAULT_BATCH_SIZE = 5000;
export const DEFAULT_FLUSH_INTERVAL_MS = 1000;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_PROBE_INTERVAL_MS = 2000;
export const DEFAULT_PROBE_MAX_INTERVAL_MS = 30_000;

export interface InfluxConnection {
  /** InfluxDB v1 HTTP API base URL, e.g. http://127.0.0.1:8086 (a path prefix is kept). */
  readonly url: string;
  readonly db: string;
  readonly user?: string;
  readonly password?: Secret;
  readonly timeoutMs?: number;
}

export interface InfluxSinkOptions extends InfluxConnection {
  /** Points per /write request; reaching it also triggers a flush. */
  readonly batchSize?: number;
  readonly flushIntervalMs?: number;
  /** `<dataDir>/spool`. */
  readonly spoolDir: string;
  readonly spoolMaxBytes?: number;
  /** First /ping probe delay once InfluxDB is down; doubles per failed probe up to probeMaxIntervalMs. */
  readonly probeIntervalMs?: number;
  readonly probeMaxIntervalMs?: number;
  readonly logger: Logger;
  /** Runs before the first write and after a write found the database gone; default: CREATE DATABASE only. */
  readonly admin?: DatabasePreparer;
}

/** `${base}/${path}?params` keeping any path prefix of the base (InfluxDB behind a reverse proxy). */
export function influxEndpoint(base: string, path: string, params: Record<string, string>): string {
  const u = new URL(base);
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/${path}`;
  u.username = '';
  u.password = '';
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

/** HTTP Basic credentials (InfluxDB 1.x accepts them like u/p); empty when no user is configured. */
export function authHeaders(conn: Pick<InfluxConnection, 'user' | 'password'>): Record<string, string> {
  if (conn.user === undefined || conn.user === '') return {};
  const token = Buffer.from(`${conn.user}:${conn.password?.reveal() ?? ''}`, 'utf8').toString('base64');
  return { authorization: `Basic ${token}` };
}

/** InfluxDB's `{"error": "..."}` message from a response body, else the body itself, shortened. */
export function influxErrorMessage(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed && typeof parsed.error === 'string') {
      return parsed.error;
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  const text = body.trim();
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

type SendResult =
  | { readonly kind: 'ok' }
  /** InfluxDB refused the data itself (400 parse error, field type conflict, ...): retrying cannot help. */
  | { readonly kind: 'rejected'; readonly status: number; readonly message: string }
  /** InfluxDB answers but will not take writes until an operator acts (401/403, missing database). */
  | { readonly kind: 'refused'; readonly status: number; readonly message: string }
  /** Network error, timeout or 5xx: InfluxDB is down. */
  | { readonly kind: 'unavailable'; readonly message: string };

type DownReason = 'unreachable' | 'refused';

export class InfluxSink implements SampleSink {
  readonly #opts: InfluxSinkOptions;
  readonly #log: Logger;
  readonly #spool: Spool;
  readonly #batchSize: number;
  readonly #timeoutMs: number;
  readonly #url: string;
  readonly #admin: DatabasePreparer;

  readonly #pending = new PendingLines();
  #inflightPoints = 0;
  #written = 0;
  #dropped = 0;
  #down: DownReason | null = null;
  #trial = false;
  #dbReady = false;
  #probeDelayMs: number;
  #probeTimer: NodeJS.Timeout | null = null;
  #probing = false;
  #flushTimer: NodeJS.Timeout | null;
  #closing = false;
  #closed = false;
  #spoolDropLogged = false;
  #writeAfterCloseLogged = false;
  #replayErrorLogged = false;
  /** Points written from the spool, and how many of them were the backlog found at open. */
  #replayed = 0;
  #backlogLeft = 0;
  #backlogReplayed = 0;
  /** Why the spool cannot take batches now (directory unusable, last append failed), else null. */
  #spoolProblem: string | null = null;
  #spoolWriteFailures = 0;
  #spoolDirMissing = false;
  /** performance.now() after which a drain() stops replaying; null = no bound (serve). */
  #replayUntil: number | null = null;
  readonly #closeAbort = new AbortController();

  // One pump pass at a time; a flush requested during a pass queues (at most) one more pass.
  #current: Promise<void> = Promise.resolve();
  #queued: Promise<void> | null = null;

  /**
   * Opens the spool (recovering what a previous run left) and starts the flush timer. Creating the
   * database and replaying a spooled backlog start at once in the background: InfluxDB being down
   * at start-up is not an error. A spool directory that cannot be created does not stop it either:
   * it is logged as an error, /health turns degraded, and every pass tries to create it again.
   */
  constructor(opts: InfluxSinkOptions) {
    this.#opts = opts;
    this.#log = opts.logger.child({ module: 'influx-sink' });
    const opened = Spool.openLenient({ dir: opts.spoolDir, maxBytes: opts.spoolMaxBytes });
    this.#spool = opened.spool;
    if (opened.error !== null) {
      this.#spoolDirMissing = true;
      this.#spoolFailed(opened.error, 0);
    }
    this.#backlogLeft = this.#spool.points();
    this.#batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
    this.#timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#probeDelayMs = opts.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
    this.#url = displayUrl(opts.url);
    this.#admin = opts.admin ?? new InfluxAdmin({ conn: opts, timeoutMs: this.#timeoutMs, logger: opts.logger });
    this.#flushTimer = setInterval(() => {
      if (this.#pending.count > 0 || (this.#down === null && this.#spool.batches() > 0)) this.#kick();
    }, opts.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS);
    this.#flushTimer.unref();
    if (this.#spool.batches() > 0) {
      this.#log.info(
        { spoolBytes: this.#spool.sizeBytes(), batches: this.#spool.batches() },
        'Found spooled samples from a previous run; replaying them once InfluxDB accepts writes',
      );
    }
    this.#kick();
  }

  write(points: readonly Point[]): void {
    if (this.#closed) {
      this.#dropped += points.length;
      if (!this.#writeAfterCloseLogged) {
        this.#writeAfterCloseLogged = true;
        this.#log.error({ points: points.length }, 'Points written after the InfluxDB sink was closed were dropped');
      }
      return;
    }
    for (const p of points) {
      // `interface` points write their line straight into the pending buffer (same bytes, no line string).
      if (p instanceof InterfacePoint) {
        this.#pending.pushInterface(p);
        continue;
      }
      const line = formatPoint(p);
      // A point with nothing writable (only NaN rates on a first sample) is not data loss.
      if (line !== '') this.#pending.push(line);
    }
    if (this.#pending.count >= this.#batchSize) this.#kick();
  }

  flush(): Promise<void> {
    return this.#run();
  }

  /**
   * For one-shot runs (`poll --once`): replay the spooled backlog for at most `budgetMs`, oldest
   * first, then send (or spool behind what is left) the points in memory. InfluxDB marked down by
   * an earlier attempt is pinged first rather than waiting for the probe timer.
   */
  async drain(budgetMs: number): Promise<void> {
    this.#replayUntil = performance.now() + budgetMs;
    try {
      if (this.#down !== null && !this.#closing && (await this.#ping())) this.#trial = true;
      await this.#run();
    } finally {
      this.#replayUntil = null;
    }
  }

  status(): SinkStatus {
    return {
      influx: this.#down === null ? 'ok' : 'down',
      spoolBytes: this.#spool.sizeBytes(),
      // Accepted but not yet acknowledged by InfluxDB: in memory, in flight, or spooled.
      pendingPoints: this.#pending.count + this.#inflightPoints + this.#spool.points(),
      writtenPoints: this.#written,
      droppedPoints: this.#dropped + this.#spool.discardedCorrupt(),
      replayedPoints: this.#replayed,
      backlogReplayedPoints: this.#backlogReplayed,
      backlogPendingPoints: this.#backlogLeft,
      spoolSetAsideBatches: this.#spool.setAside().batches,
      spoolWriteFailures: this.#spoolWriteFailures,
      problems: this.#problems(),
    };
  }

  #problems(): string[] {
    const out: string[] = [];
    if (this.#spoolProblem !== null) out.push(this.#spoolProblem);
    const aside = this.#spool.setAside();
    if (aside.batches > 0) {
      out.push(
        `${aside.batches} unreadable spool batch(es) with ${aside.points} points were set aside as *${UNREADABLE_SUFFIX} in ${this.#spool.dir}; ` +
          'check the disk, then delete them (or fix and rename them back to replay)',
      );
    }
    return out;
  }

  /** The spool could not take a batch: count it, say so loudly once per episode, keep /health degraded. */
  #spoolFailed(err: unknown, points: number): void {
    if (points > 0) this.#spoolWriteFailures += 1;
    const reason = describeError(err);
    const first = this.#spoolProblem === null;
    this.#spoolProblem = `spool directory ${this.#spool.dir} cannot be written (${reason}); samples are lost while InfluxDB is down`;
    if (first) {
      this.#log.error(
        { err, points, spoolDir: this.#spool.dir },
        `Write spool ${this.#spool.dir} cannot be written; samples are lost while InfluxDB is down. Check that it is a writable directory with free space`,
      );
    }
  }

  #spoolHealed(): void {
    if (this.#spoolProblem === null) return;
    this.#spoolProblem = null;
    this.#log.info({ spoolDir: this.#spool.dir }, 'Write spool is writable again');
  }


  async close(): Promise<void> {
    if (this.#closing) return this.#current;
    this.#closing = true;
    if (this.#flushTimer !== null) clearInterval(this.#flushTimer);
    this.#flushTimer = null;
    this.#clearProbe();
    // Past the deadline every in-flight request is aborted and what is left goes to the spool.
    const deadline = setTimeout(() => this.#closeAbort.abort(), this.#timeoutMs);
    deadline.unref();
    try {
      // Points written by polls finishing meanwhile: past the deadline they go straight to the spool.
      do await this.#run();
      while (this.#pending.count > 0);
    } finally {
      clearTimeout(deadline);
      this.#closed = true;
    }
  }

  #kick(): void {
    void this.#run().catch((err: unknown) => this.#log.error({ err }, 'InfluxDB sink flush failed'));
  }

  #run(): Promise<void> {
    if (this.#queued !== null) return this.#queued;
    const pass = this.#current.then(async () => {
      this.#queued = null;
      await this.#pump();
    });
    this.#queued = pass;
    this.#current = pass.catch(() => undefined);
    return pass;
  }

  #canSend(): boolean {
    return !this.#closeAbort.signal.aborted && (this.#down === null || this.#trial);
  }

  /** One pass: replay the spool (oldest first) when InfluxDB is up, then send or spool what is in memory. */
  async #pump(): Promise<void> {
    // A spool that could not be created at open: try again, so fixing the disk heals /health.
    if (this.#spoolDirMissing && this.#spool.ensureDir()) {
      this.#spoolDirMissing = false;
      this.#spoolHealed();
    }
    if (!this.#dbReady && !this.#closing && this.#canSend()) {
      const created = await this.#ensureDatabase();
      if (created.kind !== 'ok') this.#markDown(created);
    }
    if (!this.#closing) {
      try {
        await this.#replay();
        this.#replayErrorLogged = false;
      } catch (err) {
        // An unreadable spool must not also block fresh samples; they are spooled or sent below.
        if (!this.#replayErrorLogged) this.#log.error({ err, spoolDir: this.#spool.dir }, 'Cannot replay the write spool; check the disk');
        this.#replayErrorLogged = true;
      }
    }
    while (this.#pending.count > 0) {
      const points = Math.min(this.#batchSize, this.#pending.count);
      const body = this.#pending.take(points);
      this.#inflightPoints = points;
      try {
        if (!this.#canSend() || this.#spool.batches() > 0) {
          await this.#toSpool(body, points);
          continue;
        }
        const result = await this.#send(body);
        if (result.kind === 'ok') {
          this.#written += points;
          this.#markUp();
        } else if (result.kind === 'rejected') {
          this.#reject(result, points);
        } else {
          this.#markDown(result);
          await this.#toSpool(body, points);
        }
      } finally {
        this.#inflightPoints = 0;
      }
    }
    if (this.#down === null && this.#spool.batches() === 0) this.#spoolDropLogged = false;
  }

  async #replay(): Promise<void> {
    while (this.#canSend() && !this.#closing && (this.#replayUntil === null || performance.now() < this.#replayUntil)) {
      const corruptBefore = this.#spool.discardedCorrupt();
      const batch = await this.#spool.peek();
      const corrupt = this.#spool.discardedCorrupt() - corruptBefore;
      if (corrupt > 0) {
        this.#backlogLeft = Math.max(0, this.#backlogLeft - corrupt);
        this.#log.warn({ points: corrupt, spoolDir: this.#spool.dir }, `Discarded ${corrupt} spooled points whose file was damaged (crash or disk error)`);
      }
      for (const aside of this.#spool.takeSetAside()) {
        this.#backlogLeft = Math.max(0, this.#backlogLeft - aside.points);
        this.#log.error(
          { err: aside.error, points: aside.points, path: aside.path, spoolDir: this.#spool.dir },
          `Spooled batch ${aside.seq} (${aside.points} points) cannot be read; set it aside as ${aside.path} and went on with the next one. Check the disk`,
        );
      }
      if (batch === null) return;
      const result = await this.#send(batch.text);
      if (result.kind === 'ok') {
        this.#written += batch.points;
        this.#replayed += batch.points;
        const fromBacklog = Math.min(batch.points, this.#backlogLeft);
        this.#backlogLeft -= fromBacklog;
        this.#backlogReplayed += fromBacklog;
        await this.#spool.ack();
        this.#markUp();
      } else if (result.kind === 'rejected') {
        this.#reject(result, batch.points);
        this.#backlogLeft = Math.max(0, this.#backlogLeft - batch.points);
        await this.#spool.ack();
      } else {
        this.#markDown(result);
        return;
      }
    }
  }

  async #toSpool(text: string | Buffer, points: number): Promise<void> {
    try {
      const { droppedPoints } = await this.#spool.append(text, points);
      this.#spoolHealed();
      if (droppedPoints > 0) {
        this.#dropped += droppedPoints;
        if (!this.#spoolDropLogged) {
          this.#spoolDropLogged = true;
          this.#log.warn(
            { droppedPoints, spoolDir: this.#spool.dir, spoolMaxBytes: this.#spool.maxBytes },
            `Write spool is full (${this.#spool.maxBytes} bytes); dropping the oldest spooled samples until InfluxDB is back`,
          );
        }
      }
    } catch (err) {
      this.#dropped += points;
      this.#spoolFailed(err, points);
    }
    if (this.#down !== null) this.#scheduleProbe();
  }

  #reject(result: Extract<SendResult, { kind: 'rejected' }>, points: number): void {
    this.#dropped += points;
    this.#log.error(
      { status: result.status, points, influxError: result.message },
      `InfluxDB at ${this.#url} rejected a batch of ${points} points (HTTP ${result.status}: ${result.message}); ` +
        'dropped it, since re-sending cannot succeed. Check field types against docs/influxdb.md',
    );
  }

  #markUp(): void {
    this.#trial = false;
    this.#probeDelayMs = this.#opts.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
    if (this.#down === null) return;
    this.#down = null;
    this.#clearProbe();
    this.#log.info(
      { spoolBytes: this.#spool.sizeBytes(), droppedPoints: this.#dropped },
      `InfluxDB at ${this.#url} accepts writes again` +
        (this.#spool.batches() > 0 ? `; replaying ${this.#spool.sizeBytes()} bytes of spooled samples` : ''),
    );
  }

  #markDown(result: Extract<SendResult, { kind: 'refused' | 'unavailable' }>): void {
    this.#trial = false;
    if (this.#closeAbort.signal.aborted) return; // our own shutdown deadline, not an outage
    const reason: DownReason = result.kind === 'refused' ? 'refused' : 'unreachable';
    if (this.#down !== reason) {
      if (reason === 'refused') {
        this.#log.error(
          { status: result.kind === 'refused' ? result.status : undefined, influxError: result.message, spoolDir: this.#spool.dir },
          `InfluxDB at ${this.#url} refuses writes to database "${this.#opts.db}" (${result.message}); ` +
            'samples are spooled on disk. Check LINKSCOPE_INFLUX_USER/PASSWORD and that the database exists',
        );
      } else {
        this.#log.warn(
          { influxError: result.message, spoolDir: this.#spool.dir },
          `InfluxDB at ${this.#url} is unavailable (${result.message}); spooling samples on disk and probing /ping`,
        );
      }
      this.#down = reason;
    }
    this.#scheduleProbe();
  }

  #clearProbe(): void {
    if (this.#probeTimer !== null) clearTimeout(this.#probeTimer);
    this.#probeTimer = null;
  }

  #scheduleProbe(): void {
    if (this.#probeTimer !== null || this.#probing || this.#closing) return;
    const delay = this.#probeDelayMs;
    this.#probeDelayMs = Math.min(delay * 2, this.#opts.probeMaxIntervalMs ?? DEFAULT_PROBE_MAX_INTERVAL_MS);
    this.#probeTimer = setTimeout(() => {
      this.#probeTimer = null;
      void this.#probe().catch((err: unknown) => this.#log.error({ err }, 'InfluxDB probe failed'));
    }, delay);
    this.#probeTimer.unref();
  }

  /** While down: /ping; when it answers, let the next pass try one real write (the proof of "up"). */
  async #probe(): Promise<void> {
    if (this.#closing || this.#down === null) return;
    this.#probing = true;
    try {
      if (!(await this.#ping()) || this.#closing) return;
      // A pass with one real write is the proof of "up"; passes run in order, so this one also
      // sees a batch that an earlier pass was still spooling when the ping went out.
      this.#trial = true;
      await this.#run();
      if (this.#down !== null && this.#spool.batches() === 0 && this.#pending.count === 0) this.#markUp();
    } finally {
      this.#probing = false;
      // Still down (ping failed, or the trial write failed): probe again, later each time.
      if (this.#down !== null) this.#scheduleProbe();
    }
  }

  async #ping(): Promise<boolean> {
    try {
      const res = await fetch(influxEndpoint(this.#opts.url, 'ping', {}), {
        headers: authHeaders(this.#opts),
        signal: this.#signal(),
      });
      await res.arrayBuffer();
      return res.status === 204 || res.status === 200;
    } catch {
      return false;
    }
  }

  #signal(): AbortSignal {
    return AbortSignal.any([AbortSignal.timeout(this.#timeoutMs), this.#closeAbort.signal]);
  }

  async #post(path: string, params: Record<string, string>, body: string | Buffer, contentType: string): Promise<{ status: number; body: string }> {
    const res = await fetch(influxEndpoint(this.#opts.url, path, params), {
      method: 'POST',
      headers: { 'content-type': contentType, ...authHeaders(this.#opts) },
      body,
      signal: this.#signal(),
    });
    return { status: res.status, body: await res.text() };
  }

  /** The database (and, with an InfluxAdmin given retention settings, its policies and rollups) before writing. */
  async #ensureDatabase(): Promise<Extract<SendResult, { kind: 'ok' | 'unavailable' }>> {
    const outcome = await this.#admin.prepare();
    if (outcome.kind === 'unavailable') return outcome;
    this.#dbReady = true;
    return { kind: 'ok' };
  }

  async #send(text: string | Buffer): Promise<SendResult> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      if (!this.#dbReady) {
        const created = await this.#ensureDatabase();
        if (created.kind !== 'ok') return created;
      }
      let res: { status: number; body: string };
      try {
        res = await this.#post('write', { db: this.#opts.db, precision: 's' }, text, 'text/plain; charset=utf-8');
      } catch (err) {
        return { kind: 'unavailable', message: networkMessage(err, this.#timeoutMs) };
      }
      if (res.status === 204 || res.status === 200) return { kind: 'ok' };
      const message = influxErrorMessage(res.body) || `HTTP ${res.status}`;
      if (res.status === 404 && attempt === 0) {
        // "database not found": someone dropped it, or it never existed; create it and retry once.
        this.#dbReady = false;
        continue;
      }
      if (res.status >= 500 || res.status === 408 || res.status === 429) return { kind: 'unavailable', message: `HTTP ${res.status}: ${message}` };
      // Credentials or a missing database: data is fine, keep it until an operator fixes InfluxDB.
      if (res.status === 401 || res.status === 403 || res.status === 404) return { kind: 'refused', status: res.status, message };
      return { kind: 'rejected', status: res.status, message };
    }
    return { kind: 'refused', status: 404, message: 'database not found' };
  }
}

/** "connect ECONNREFUSED 127.0.0.1:8086" or "timed out after 10000ms", from fetch's nested causes. */
export function networkMessage(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return err.name === 'TimeoutError' ? `timed out after ${timeoutMs}ms` : 'aborted';
  }
  const cause = err instanceof Error ? err.cause : undefined;
  if (cause instanceof Error) return cause.message;
  return describeError(err);
}

/** Bytes a pending buffer keeps between bursts; one grown past this (a long batch) is let go once empty. */
const PENDING_KEEP_BYTES = 1 << 20;

/**
 * Formatted lines waiting for the next /write, as UTF-8 in one reused buffer, with each line's end.
 * Why not an array of strings: a line built by concatenation is a rope of dozens of small heap
 * objects; ~1,000 of them per poll burst waited for the 1 s flush, survived two scavenges, were
 * promoted and forced a major GC every cycle (measured: GC was 46 % of serve's CPU). Bytes in a
 * Buffer live outside the JS heap and cost the collector nothing.
 */
export class PendingLines {
  #buf = Buffer.allocUnsafe(64 * 1024);
  #bytes = 0;
  /** Byte offset just past each line's newline. */
  #ends: number[] = [];

  get count(): number {
    return this.#ends.length;
  }

  push(line: string): void {
    // A UTF-16 code unit takes at most 3 UTF-8 bytes; +1 for the newline.
    this.#reserve(line.length * 3 + 1);
    this.#bytes += this.#buf.write(line, this.#bytes, 'utf8');
    this.#buf[this.#bytes++] = 10;
    this.#ends.push(this.#bytes);
  }

  /** An `interface` point's line, written in place: the bytes push(formatPoint(p)) would add. */
  pushInterface(p: InterfacePoint): void {
    this.#reserve(interfaceLineBytes(p) + 1);
    const end = writeInterfaceLine(p, this.#buf, this.#bytes);
    if (end === this.#bytes) return; // nothing writable, as formatPoint's ''
    this.#bytes = end;
    this.#buf[this.#bytes++] = 10;
    this.#ends.push(this.#bytes);
  }

  #reserve(bytes: number): void {
    const worst = this.#bytes + bytes;
    if (worst > this.#buf.length) {
      const next = Buffer.allocUnsafe(Math.max(worst, this.#buf.length * 2));
      this.#buf.copy(next, 0, 0, this.#bytes);
      this.#buf = next;
    }
  }

  /** The first `n` lines (at most all) as one body: newline-separated, no newline at the end, a copy. */
  take(n: number): Buffer {
    const k = Math.min(n, this.#ends.length);
    if (k === 0) return Buffer.alloc(0);
    const end = this.#ends[k - 1] as number;
    const body = Buffer.from(this.#buf.subarray(0, end - 1));
    if (k === this.#ends.length) {
      this.#bytes = 0;
      this.#ends = [];
      if (this.#buf.length > PENDING_KEEP_BYTES) this.#buf = Buffer.allocUnsafe(64 * 1024);
    } else {
      this.#buf.copy(this.#buf, 0, end, this.#bytes);
      this.#bytes -= end;
      this.#ends = this.#ends.slice(k).map((e) => e - end);
    }
    return body;
  }
}
