import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isLinkscopeError } from '../model/errors.js';
import { LOCK_FILE_NAME, lockDataDir } from './data-dir-lock.js';

describe('lockDataDir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'linkscope-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second holder, naming the first one by pid and command', () => {
    const first = lockDataDir(dir, { command: 'linkscope serve' });
    let caught: unknown;
    try {
      lockDataDir(dir, { command: 'linkscope demo', pid: 4242, isAlive: () => true });
    } catch (err) {
      caught = err;
    }
    expect(isLinkscopeError(caught, 'LS_DATA_DIR_LOCKED')).toBe(true);
    expect((caught as Error).message).toContain(`in use by "linkscope serve" (pid ${process.pid}`);
    expect((caught as Error).message).toContain(join(dir, LOCK_FILE_NAME));
    first.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it('takes over a lock whose process is gone', () => {
    writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: 99_999_999, command: 'linkscope serve', host: hostname(), since: '2026-01-01T00:00:00Z' }));
    const lock = lockDataDir(dir, { command: 'linkscope demo' });
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid, command: 'linkscope demo' });
    lock.release();
  });

  it('takes over a lock file that is empty or garbage', () => {
    writeFileSync(join(dir, LOCK_FILE_NAME), '');
    lockDataDir(dir, { command: 'linkscope serve' }).release();
  });

  it('refuses a lock from another host while its holder keeps touching it', () => {
    writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: 99_999_999, command: 'linkscope serve', host: 'other-host.invalid', since: 'x' }));
    expect(() => lockDataDir(dir, { command: 'linkscope serve' })).toThrow(/pid 99999999 on other-host\.invalid/);
  });

  it('takes over a lock nobody touched for longer than staleAfterMs (a crashed container, a reused pid)', () => {
    const path = join(dir, LOCK_FILE_NAME);
    writeFileSync(path, JSON.stringify({ pid: 1, command: 'linkscope serve', host: 'old-container', since: 'x' }));
    const old = new Date(Date.now() - 120_000);
    utimesSync(path, old, old);
    lockDataDir(dir, { command: 'linkscope serve', staleAfterMs: 60_000 }).release();
  });

  it('keeps its own lock fresh while it holds it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const lock = lockDataDir(dir, { command: 'linkscope serve', heartbeatMs: 1000 });
      const old = new Date(Date.now() - 120_000);
      utimesSync(lock.path, old, old);
      vi.advanceTimersByTime(1000);
      expect(Date.now() - statSync(lock.path).mtimeMs).toBeLessThan(60_000);
      lock.release();
    } finally {
      vi.useRealTimers();
    }
  });

  it('leaves a lock that is no longer its own when released', () => {
    const lock = lockDataDir(dir, { command: 'linkscope serve' });
    writeFileSync(lock.path, JSON.stringify({ pid: 1, command: 'someone else', host: hostname(), since: 'x' }));
    lock.release();
    expect(existsSync(lock.path)).toBe(true);
  });
});
