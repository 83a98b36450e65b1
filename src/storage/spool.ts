/** On-disk FIFO of line-protocol batches waiting for InfluxDB: one checksummed file per batch, bounded in bytes. */
import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { LinkscopeError } from '../model/errors.js';

/*
 * Why one file per batch: crash safety stays trivial. A batch is written to `<seq>.tmp`, fsync'd and
 * renamed to `<seq>-<points>.lp`, so a crash mid-write leaves only a `.tmp` file, which start-up
 * deletes. Each file still carries a header with length and CRC-32 of the payload, because after a
 * power loss a renamed file can hold zeros or a short payload (rename is ordered before data only on
 * some filesystems); such a file is detected when read and discarded, never replayed corrupted.
 * Ack = unlink; dropping the oldest = unlink; restart = readdir (+ stat), no index file to keep right.
 * Batches are ~5000 points (≈1 MB), so even 1 GiB is about a thousand files.
 */

const MAGIC = 'LSPOOL1';
const SUFFIX = '.lp';
const TMP_SUFFIX = '.tmp';
const SEQ_DIGITS = 16;
const NAME_RE = /^(\d{16})-(\d+)\.lp$/;
/** Suffix a batch that cannot be read is renamed to: kept for the operator, never replayed. */
export const UNREADABLE_SUFFIX = '.unreadable';

export const DEFAULT_SPOOL_MAX_BYTES = 1_073_741_824;

export interface SpoolOptions {
  readonly dir: string;
  /** Upper bound of all batch files together; the oldest batches are dropped beyond it. */
  readonly maxBytes?: number;
}

/** A spooled batch as handed back for replay. */
export interface SpooledBatch {
  readonly seq: number;
  readonly text: string;
  readonly points: number;
}

/** A batch that could not be read (EISDIR, EACCES, EIO, ...) and was moved out of the queue. */
export interface SetAsideBatch {
  readonly seq: number;
  readonly points: number;
  /** Where it is now (`<batch>.unreadable`), or the original path when even the rename failed. */
  readonly path: string;
  readonly error: LinkscopeError;
}

export interface AppendResult {
  /** Points dropped to stay within maxBytes (oldest batches first, or this batch if it alone is too big). */
  readonly droppedPoints: number;
  readonly droppedBatches: number;
}

interface Entry {
  readonly seq: number;
  readonly points: number;
  readonly bytes: number;
}

function fileName(e: { seq: number; points: number }): string {
  return `${String(e.seq).padStart(SEQ_DIGITS, '0')}-${e.points}${SUFFIX}`;
}

function spoolError(action: string, path: string, cause: unknown): LinkscopeError {
  return new LinkscopeError('LS_SPOOL_IO', `Write spool: cannot ${action} ${path}; check disk space and permissions`, {
    cause,
  });
}

export class Spool {
  readonly dir: string;
  readonly maxBytes: number;
  readonly #entries: Entry[];
  #head = 0;
  #bytes: number;
  #nextSeq: number;
  #discardedCorrupt = 0;
  #setAside: SetAsideBatch[] = [];
  #setAsideBatches = 0;
  #setAsidePoints = 0;
  /** False when the directory could not be created at open (openLenient); appends retry it. */
  #dirReady = true;
  // Operations run one at a time, in call order: append/ack/peek race on the same files otherwise.
  #chain: Promise<unknown> = Promise.resolve();

  private constructor(dir: string, maxBytes: number, entries: Entry[]) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.#entries = entries;
    this.#bytes = entries.reduce((sum, e) => sum + e.bytes, 0);
    this.#nextSeq = entries.length === 0 ? 1 : (entries[entries.length - 1] as Entry).seq + 1;
  }

  /**
   * Opens (creating) the spool directory and recovers the batches a previous run left behind.
   * Synchronous on purpose: it runs once at start-up, before any write, like opening the inventory.
   */
  static open(options: SpoolOptions): Spool {
    return Spool.#openDir(options);
  }

  /**
   * Like open(), but a directory that cannot be created or listed does not throw: the spool starts
   * empty, `error` says why, and each append tries to create the directory again (so fixing the
   * disk heals it) and throws LS_SPOOL_IO while it cannot. The sink reports that as degraded.
   */
  static openLenient(options: SpoolOptions): { spool: Spool; error: LinkscopeError | null } {
    try {
      return { spool: Spool.#openDir(options), error: null };
    } catch (err) {
      const spool = new Spool(options.dir, options.maxBytes ?? DEFAULT_SPOOL_MAX_BYTES, []);
      spool.#dirReady = false;
      return { spool, error: err instanceof LinkscopeError ? err : spoolError('open directory', options.dir, err) };
    }
  }

  static #openDir(options: SpoolOptions): Spool {
    const { dir } = options;
    const maxBytes = options.maxBytes ?? DEFAULT_SPOOL_MAX_BYTES;
    let names: string[];
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      names = readdirSync(dir);
    } catch (err) {
      throw spoolError('open directory', dir, err);
    }
    const entries: Entry[] = [];
    for (const name of names) {
      const path = join(dir, name);
      if (name.endsWith(TMP_SUFFIX)) {
        // A write that never reached its rename: that batch was never reported as spooled.
        try {
          unlinkSync(path);
        } catch {
          // already gone, or unremovable: it is ignored either way
        }
        continue;
      }
      const m = NAME_RE.exec(name);
      if (m === null) continue;
      try {
        entries.push({ seq: Number(m[1]), points: Number(m[2]), bytes: statSync(path).size });
      } catch (err) {
        throw spoolError('stat', path, err);
      }
    }
    entries.sort((a, b) => a.seq - b.seq);
    return new Spool(dir, maxBytes, entries);
  }

  /** Total bytes of spooled batch files. */
  sizeBytes(): number {
    return this.#bytes;
  }

  /** Number of batches waiting. */
  batches(): number {
    return this.#entries.length - this.#head;
  }

  /** Points waiting (from the file names, so no file is read). */
  points(): number {
    let n = 0;
    for (let i = this.#head; i < this.#entries.length; i += 1) n += (this.#entries[i] as Entry).points;
    return n;
  }

  /** Batches found corrupt (torn or zeroed) and discarded since open. */
  discardedCorrupt(): number {
    return this.#discardedCorrupt;
  }

  /** Batches moved aside as unreadable since open, and the points they held. */
  setAside(): { readonly batches: number; readonly points: number } {
    return { batches: this.#setAsideBatches, points: this.#setAsidePoints };
  }

  /** The batches set aside since the last call (for logging each once). */
  takeSetAside(): SetAsideBatch[] {
    const out = this.#setAside;
    this.#setAside = [];
    return out;
  }

  /** True when the directory exists (or could be created now); false while it cannot be created. */
  ensureDir(): boolean {
    if (this.#dirReady) return true;
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      readdirSync(this.dir);
      this.#dirReady = true;
    } catch {
      // still unusable; append() reports the reason
    }
    return this.#dirReady;
  }

  /** Appends a batch at the tail; drops the oldest batches first when it would not fit in maxBytes. */
  append(text: string | Buffer, points: number): Promise<AppendResult> {
    return this.#serial(() => this.#append(text, points));
  }

  /** The oldest intact batch, or null when empty. Corrupt files met on the way are deleted. */
  peek(): Promise<SpooledBatch | null> {
    return this.#serial(() => this.#peek());
  }

  /** Removes the oldest batch: call only once InfluxDB has acknowledged it (HTTP 204). */
  ack(): Promise<void> {
    return this.#serial(async () => {
      const e = this.#entries[this.#head];
      if (e !== undefined) await this.#removeHead(e);
    });
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(fn, fn);
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async #append(text: string | Buffer, points: number): Promise<AppendResult> {
    const payload = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    const header = Buffer.from(`${MAGIC} ${payload.length} ${crc32(payload).toString(16)} ${points}\n`, 'latin1');
    const bytes = header.length + payload.length;
    let droppedPoints = 0;
    let droppedBatches = 0;
    if (bytes > this.maxBytes) {
      // Cannot fit even in an empty spool: keeping older data is worth more than emptying it for this.
      return { droppedPoints: points, droppedBatches: 1 };
    }
    while (this.#bytes + bytes > this.maxBytes) {
      const oldest = this.#entries[this.#head];
      if (oldest === undefined) break;
      await this.#removeHead(oldest);
      droppedPoints += oldest.points;
      droppedBatches += 1;
    }
    if (!this.#dirReady) {
      try {
        mkdirSync(this.dir, { recursive: true, mode: 0o700 });
        this.#dirReady = true;
      } catch (err) {
        throw spoolError('create directory', this.dir, err);
      }
    }
    const entry: Entry = { seq: this.#nextSeq, points, bytes };
    this.#nextSeq += 1;
    const tmp = join(this.dir, `${String(entry.seq).padStart(SEQ_DIGITS, '0')}${TMP_SUFFIX}`);
    const final = join(this.dir, fileName(entry));
    try {
      const fh = await open(tmp, 'w');
      try {
        await fh.writev([header, payload]);
        // fsync before rename: the rename must never publish a file whose data is still in cache.
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, final);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw spoolError('write batch', final, err);
    }
    this.#entries.push(entry);
    this.#bytes += bytes;
    return { droppedPoints, droppedBatches };
  }

  async #peek(): Promise<SpooledBatch | null> {
    for (;;) {
      const e = this.#entries[this.#head];
      if (e === undefined) return null;
      const path = join(this.dir, fileName(e));
      let buf: Buffer;
      try {
        buf = await readFile(path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          this.#dropEntry(e);
          continue;
        }
        // A directory in its place, a permission or I/O error: one bad file must not block every
        // batch behind it. Move it out of the queue (renamed so a restart does not pick it up
        // again) and go on with the next one.
        await this.#setAsideHead(e, path, spoolError('read batch', path, err));
        continue;
      }
      const text = decode(buf);
      if (text !== null) return { seq: e.seq, text, points: e.points };
      // Torn or zeroed by a crash: never replay it; count it so the sink can report the loss.
      this.#discardedCorrupt += e.points;
      await this.#removeHead(e);
    }
  }

  async #setAsideHead(e: Entry, path: string, error: LinkscopeError): Promise<void> {
    const aside = `${path}${UNREADABLE_SUFFIX}`;
    let where = aside;
    try {
      await rename(path, aside);
    } catch {
      // Cannot even rename it: skip it for this run; the next start meets it (and sets it aside) again.
      where = path;
    }
    this.#setAsideBatches += 1;
    this.#setAsidePoints += e.points;
    this.#setAside.push({ seq: e.seq, points: e.points, path: where, error });
    this.#dropEntry(e);
  }

  async #removeHead(e: Entry): Promise<void> {
    const path = join(this.dir, fileName(e));
    try {
      await unlink(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw spoolError('delete batch', path, err);
    }
    this.#dropEntry(e);
  }

  #dropEntry(e: Entry): void {
    this.#head += 1;
    this.#bytes -= e.bytes;
    // Compact now and then so a long outage does not keep a growing array of acked entries.
    if (this.#head > 1024 && this.#head * 2 > this.#entries.length) {
      this.#entries.splice(0, this.#head);
      this.#head = 0;
    }
  }
}

/** The payload when the header is intact and length and CRC-32 match, else null. */
function decode(buf: Buffer): string | null {
  const nl = buf.indexOf(10);
  if (nl < 0 || nl > 128) return null;
  const parts = buf.toString('latin1', 0, nl).split(' ');
  if (parts.length !== 4 || parts[0] !== MAGIC) return null;
  const length = Number(parts[1]);
  const payload = buf.subarray(nl + 1);
  if (payload.length !== length) return null;
  if (crc32(payload).toString(16) !== parts[2]) return null;
  return payload.toString('utf8');
}
