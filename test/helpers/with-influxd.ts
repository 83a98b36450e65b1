/** Test helper: a throwaway influxd 1.x on 127.0.0.1 (free ports, temp dir), stoppable and restartable in place. */
import { DaemonProcess } from './daemon-process.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeLoopbackPort, influxdConfig } from '../../src/demo/private-influxd.js';

export interface InfluxdHandle {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** Runs one InfluxQL statement (POST /query, epoch=ms) and returns the parsed JSON. */
  query(q: string, db?: string): Promise<InfluxQueryResult>;
  /** The same, as raw JSON text: integers beyond 2^53 survive only there. */
  queryText(q: string, db?: string): Promise<string>;
  /** SIGTERM and wait for exit; data stays in `dir`. */
  stop(): Promise<void>;
  /** Starts again on the same port and data dir and waits for /ping. */
  start(): Promise<void>;
  restart(): Promise<void>;
  /** stop() and delete the temp dir. */
  dispose(): Promise<void>;
}

export interface InfluxQueryResult {
  readonly error?: string;
  readonly results?: readonly {
    readonly error?: string;
    readonly series?: readonly {
      readonly name?: string;
      readonly tags?: Readonly<Record<string, string>>;
      readonly columns: readonly string[];
      readonly values: readonly (readonly unknown[])[];
    }[];
  }[];
}

const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 15_000;

/** A free 127.0.0.1 port, as the demo's private influxd finds one. */
export const freePort = freeLoopbackPort;


export async function startInfluxd(): Promise<InfluxdHandle> {
  const dir = await mkdtemp(join(tmpdir(), 'linkscope-influxd-'));
  const port = await freePort();
  const rpcPort = await freePort();
  const configPath = join(dir, 'influxdb.conf');
  await writeFile(configPath, influxdConfig(dir, port, rpcPort));
  const url = `http://127.0.0.1:${port}`;
  const daemon = new DaemonProcess('influxd');

  async function ping(): Promise<boolean> {
    try {
      const res = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      return res.status === 204;
    } catch {
      return false;
    }
  }

  async function start(): Promise<void> {
    const env = { ...process.env, INFLUXDB_REPORTING_DISABLED: 'true' };
    await daemon.start('influxd', ['run', '-config', configPath], { cwd: dir, env }, ping, 'did not answer /ping', READY_TIMEOUT_MS);
  }

  async function stop(): Promise<void> {
    await daemon.stop((proc) => proc.kill('SIGTERM'), STOP_TIMEOUT_MS);
  }

  async function queryText(q: string, db?: string): Promise<string> {
    const params = new URLSearchParams({ q, epoch: 'ms' });
    if (db !== undefined) params.set('db', db);
    const res = await fetch(`${url}/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: params.toString(),
      signal: AbortSignal.timeout(10_000),
    });
    return res.text();
  }

  async function query(q: string, db?: string): Promise<InfluxQueryResult> {
    return JSON.parse(await queryText(q, db)) as InfluxQueryResult;
  }

  const handle: InfluxdHandle = {
    url,
    port,
    dir,
    query,
    queryText,
    stop,
    start,
    restart: async () => {
      await stop();
      await start();
    },
    dispose: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    await start();
  } catch (err) {
    await handle.dispose();
    throw err;
  }
  return handle;
}

/** Runs `fn` with a fresh influxd and always tears it down (got's withServer pattern). */
export async function withInfluxd<T>(fn: (influxd: InfluxdHandle) => Promise<T>): Promise<T> {
  const influxd = await startInfluxd();
  try {
    return await fn(influxd);
  } finally {
    await influxd.dispose();
  }
}
