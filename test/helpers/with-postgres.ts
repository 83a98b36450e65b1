/**
 * Test helper: a throwaway PostgreSQL (Debian's `postgresql` package) on 127.0.0.1 — a free port,
 * a temp data dir, trust authentication for user `linkscope`, a unix socket in the temp dir (not
 * /var/run). As root it runs as the `postgres` user, which owns the data dir (initdb refuses root).
 * Stoppable, restartable in place, pausable (SIGSTOP/SIGCONT) for partition tests.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DaemonProcess } from './daemon-process.js';
import { freePort } from './free-port.js';

const run = promisify(execFile);

export interface PostgresHandle {
  /** postgres://linkscope@127.0.0.1:<port>/linkscope */
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** A new empty database on this server; its URL. */
  createDatabase(name: string): Promise<string>;
  /** Runs SQL through psql on the linkscope database and returns its unaligned output. */
  psql(sql: string, database?: string): Promise<string>;
  /** Fast shutdown and wait for exit; data stays in `dir`. */
  stop(): Promise<void>;
  /** Starts again on the same port and data dir and waits until it accepts connections. */
  start(): Promise<void>;
  /** stop() and delete the temp dir. */
  dispose(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

/** /usr/lib/postgresql/<newest>/bin, or undefined when Debian's postgresql is not installed. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length === 0 ? undefined : join(root, versions[0] as string, 'bin');
}

const isRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as the postgres user when we are root. */
function asOwner(bin: string, args: readonly string[]): [string, string[]] {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, [...args]];
}


export async function startPostgres(): Promise<PostgresHandle> {
  const bin = postgresBinDir();
  if (bin === undefined) throw new Error('PostgreSQL is not installed (apt install postgresql): /usr/lib/postgresql/<version>/bin/postgres is missing');
  const dir = await mkdtemp(join(tmpdir(), 'linkscope-pg-'));
  await chmod(dir, 0o755);
  const data = join(dir, 'data');
  const sockets = join(dir, 'sock');
  await mkdir(sockets);
  if (isRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
    await chown(sockets, Number(stdout.trim()), Number(gid.trim()));
  }
  const [initCmd, initArgs] = asOwner(join(bin, 'initdb'), ['-D', data, '-U', 'linkscope', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  await run(initCmd, initArgs);
  const port = await freePort();
  const url = `postgres://linkscope@127.0.0.1:${port}/linkscope`;
  const daemon = new DaemonProcess('postgres');

  /** The postmaster's pid (first line of postmaster.pid), undefined when not running. */
  function postmasterPid(): number | undefined {
    try {
      const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  async function psql(sql: string, database = 'linkscope'): Promise<string> {
    const [cmd, args] = asOwner(join(bin as string, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'linkscope', '-d', database, '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql]);
    const { stdout } = await run(cmd, args);
    return stdout;
  }

  async function ready(): Promise<boolean> {
    try {
      await psql('SELECT 1', 'postgres');
      return true;
    } catch {
      return false;
    }
  }

  async function start(): Promise<void> {
    const [cmd, args] = asOwner(join(bin as string, 'postgres'), [
      '-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${sockets}`,
      '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200',
    ]);
    await daemon.start(cmd, args, { cwd: dir }, ready, 'did not accept connections', READY_TIMEOUT_MS);
  }

  async function stop(): Promise<void> {
    await daemon.stop((proc) => {
      // SIGINT to the postmaster itself (runuser would not forward it): fast shutdown.
      const pid = postmasterPid();
      if (pid === undefined) proc.kill('SIGTERM');
      else process.kill(pid, 'SIGINT');
    }, STOP_TIMEOUT_MS);
  }

  await start();
  await psql('CREATE DATABASE linkscope', 'postgres');

  return {
    url,
    port,
    dir,
    async createDatabase(name: string): Promise<string> {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`postgres: bad database name ${name}`);
      await psql(`CREATE DATABASE ${name}`, 'postgres');
      return `postgres://linkscope@127.0.0.1:${port}/${name}`;
    },
    psql,
    stop,
    start,
    async dispose(): Promise<void> {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
