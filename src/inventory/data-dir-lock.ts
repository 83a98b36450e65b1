/** One polling process per data dir: a lock file holding the owner's pid, taken over when that pid is gone. */
import { closeSync, openSync, readFileSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describeError, LinkscopeError } from '../model/errors.js';

export const LOCK_FILE_NAME = 'linkscope.lock';

/** What the lock file holds; written once by the owner. */
export interface LockHolder {
  readonly pid: number;
  readonly command: string;
  readonly host: string;
  readonly since: string;
}

export interface DataDirLock {
  readonly path: string;
  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): void;
}

export interface LockOptions {
  /** What the holder runs, as the user would recognise it (`linkscope serve`). */
  readonly command: string;
  /** Default process.pid; tests pass others. */
  readonly pid?: number;
  /** Default: signal 0 to the pid (ESRCH = gone). */
  readonly isAlive?: (pid: number) => boolean;
  /** How often the holder touches the lock file; default 10 s. */
  readonly heartbeatMs?: number;
  /** A lock file untouched this long is stale whoever holds it; default 60 s. */
  readonly staleAfterMs?: number;
}

const HEARTBEAT_MS = 10_000;
const STALE_AFTER_MS = 60_000;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the pid exists but belongs to another user; it is alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (typeof data.pid !== 'number' || !Number.isInteger(data.pid) || data.pid <= 0) return null;
    return { pid: data.pid, command: String(data.command ?? '?'), host: String(data.host ?? ''), since: String(data.since ?? '?') };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw err;
    return null; // half-written or foreign: treat as stale
  }
}

/**
 * Takes `<dir>/linkscope.lock` (O_EXCL create, so two starters cannot both win) for a process that
 * polls from `dir` (serve, demo). The SQLite inventory is shared safely with short-lived CLI edits;
 * what must not be shared is the poller's counter state, spool and (for the demo) the inventory it
 * rewrites, so only pollers lock. The holder touches the file every 10 s. A lock is taken over when
 * its pid is gone on this host, or when nobody touched it for 60 s: a container recreated after a
 * crash has a new hostname, and the old container's pid means nothing to it.
 */
export function lockDataDir(dir: string, options: LockOptions): DataDirLock {
  const path = join(dir, LOCK_FILE_NAME);
  const pid = options.pid ?? process.pid;
  const isAlive = options.isAlive ?? pidAlive;
  const me: LockHolder = { pid, command: options.command, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new LinkscopeError('LS_DATA_DIR_LOCKED', `cannot create the lock file ${path}: ${describeError(err)}; check that the data dir is writable`, { cause: err });
      }
      let holder: LockHolder | null;
      try {
        holder = readHolder(path);
      } catch {
        continue; // removed between our open and read: try again
      }
      const otherHost = holder !== null && holder.host !== '' && holder.host !== me.host;
      const fresh = holder !== null && heartbeatAgeMs(path) < (options.staleAfterMs ?? STALE_AFTER_MS);
      if (holder !== null && fresh && (otherHost || (holder.pid !== pid && isAlive(holder.pid)))) {
        throw new LinkscopeError(
          'LS_DATA_DIR_LOCKED',
          `data dir ${dir} is in use by "${holder.command}" (pid ${holder.pid}${otherHost ? ` on ${holder.host}` : ''}, since ${holder.since}); ` +
            `only one serve or demo may poll from it. Stop that process, or set LINKSCOPE_DATA_DIR to another folder (lock file ${path})`,
          { details: { dir, holder } },
        );
      }
      try {
        unlinkSync(path); // stale: its process is gone
      } catch {
        // another starter removed it first; the next attempt decides
      }
      continue;
    }
    try {
      writeSync(fd, `${JSON.stringify(me)}\n`);
    } finally {
      closeSync(fd);
    }
    let released = false;
    const heartbeat = setInterval(() => {
      try {
        const now = new Date();
        utimesSync(path, now, now);
      } catch {
        // removed under us (an operator, a takeover): the next start decides
      }
    }, options.heartbeatMs ?? HEARTBEAT_MS);
    heartbeat.unref();
    const release = (): void => {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      process.removeListener('exit', release);
      try {
        if (readHolder(path)?.pid === pid) unlinkSync(path);
      } catch {
        // already gone
      }
    };
    // A crash or process.exit still leaves no lock behind (and a kill -9 leaves a stale one, taken over).
    process.once('exit', release);
    return { path, release };
  }
  throw new LinkscopeError('LS_DATA_DIR_LOCKED', `cannot take the lock file ${path}: other processes keep replacing it; check what else runs on ${dir}`);
}

/** Milliseconds since the lock file was last touched (Infinity when it cannot be read). */
function heartbeatAgeMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
