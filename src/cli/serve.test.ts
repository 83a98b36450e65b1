/** serve's process plumbing: SIGHUP reloads, the data-dir lock stops a second poller but not CLI edits. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Server } from '../app.js';
import { loadConfig, type Config } from '../config/index.js';
import { lockDataDir } from '../inventory/data-dir-lock.js';
import { LinkscopeError } from '../model/errors.js';
import { runCli, type CliRun } from '../../test/helpers/run-cli.js';
import { reloadOnHangup } from './serve.js';

function capture(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      out.push(chunk.toString());
      cb();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines: () => out.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('serve on SIGHUP', () => {
  const base = loadConfig({ env: { HOME: '/home/test' }, cwd: '/srv' });
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  function fakeServer(): { server: Server; calls: unknown[] } {
    const calls: unknown[] = [];
    // Only the poller is touched by a reload; the rest of Server is not needed here.
    const server = { runtime: { poller: { reconfigure: (s: unknown) => calls.push(s) } } } as unknown as Server;
    return { server, calls };
  }

  it('applies a new poll interval to the poller and names what needs a restart', () => {
    const { server, calls } = fakeServer();
    const { logger, lines } = capture();
    let next: Config = { ...base, pollIntervalMs: 15_000, listen: { host: '127.0.0.1', port: 9999 } };
    stop = reloadOnHangup(server, base, () => next, logger);
    process.emit('SIGHUP', 'SIGHUP');
    expect(calls).toEqual([expect.objectContaining({ pollIntervalMs: 15_000 })]);
    const line = lines().at(-1);
    expect(line).toMatchObject({ applied: ['pollInterval'], needRestart: ['listen.port'] });
    expect(String(line?.['msg'])).toContain('listen.port changed but take effect only after a restart');
    // A second HUP with the same file: nothing new to apply, the restart is still pending.
    next = { ...next };
    process.emit('SIGHUP', 'SIGHUP');
    expect(calls).toHaveLength(1);
    expect(lines().at(-1)).toMatchObject({ applied: [], needRestart: ['listen.port'] });
  });

  it('keeps running with the previous configuration when the new one is invalid', () => {
    const { server, calls } = fakeServer();
    const { logger, lines } = capture();
    stop = reloadOnHangup(server, base, () => {
      throw new LinkscopeError('LS_CONFIG_INVALID', 'Invalid configuration: pollInterval: "abc" is not a duration');
    }, logger);
    process.emit('SIGHUP', 'SIGHUP');
    expect(calls).toEqual([]);
    expect(lines().at(-1)).toMatchObject({ level: 50, msg: expect.stringContaining('still running with the previous one') });
  });

  it('removes its handler when serve stops', () => {
    const before = process.listenerCount('SIGHUP');
    const { server } = fakeServer();
    const remove = reloadOnHangup(server, base, () => base, capture().logger);
    expect(process.listenerCount('SIGHUP')).toBe(before + 1);
    remove();
    expect(process.listenerCount('SIGHUP')).toBe(before);
  });
});

describe('the data-dir lock from the command line', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  // pid 1 (init) is always alive: the lock looks held by another running process.
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'linkscope-serve-lock-'));
    env = { LINKSCOPE_DATA_DIR: join(dir, 'data'), LINKSCOPE_SECRET_KEY_FILE: join(dir, 'secret.key'), LINKSCOPE_LISTEN: '127.0.0.1:1' };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...argv: string[]): Promise<CliRun> => runCli(env, argv);

  it('refuses a second demo on the same data dir, naming the one that runs', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'data', 'demo'), { recursive: true });
    const held = lockDataDir(join(dir, 'data', 'demo'), { command: 'linkscope demo', pid: 1 });
    try {
      const r = await run('demo', '--base-port', '40000');
      expect(r.code).toBe(1);
      expect(r.err).toContain(`is in use by "linkscope demo" (pid 1,`);
      expect(r.err).toContain('[LS_DATA_DIR_LOCKED]');
    } finally {
      held.release();
    }
  });

  it('refuses a second serve, and lets device list and add work beside it', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'data'), { recursive: true });
    const held = lockDataDir(join(dir, 'data'), { command: 'linkscope serve', pid: 1 });
    try {
      const r = await run('serve');
      expect(r.code).toBe(1);
      expect(r.err).toContain(`is in use by "linkscope serve" (pid 1,`);
      expect(await run('device', 'add', '192.0.2.1', '--community', 'x', '--no-check', '--name', 'beside-serve')).toMatchObject({ code: 0 });
      expect((await run('device', 'list')).out).toContain('beside-serve');
    } finally {
      held.release();
    }
  });
});
