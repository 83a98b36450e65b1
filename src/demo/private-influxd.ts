/** The demo's own InfluxDB: a private influxd under the demo's data dir when none answers, so history works out of the box. */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { describeError, LinkscopeError } from '../model/errors.js';

export interface PrivateInfluxd {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly dir: string;
  readonly pid: number;
  /** SIGTERM, then SIGKILL after 10 s; resolves when it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

/** True when something answers InfluxDB's /ping (204) at `url` within `timeoutMs`. */
export async function influxAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  try {
    const res = await fetch(new URL('/ping', url), { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.status === 204;
  } catch {
    return false;
  }
}

/** The `influxd` binary on `PATH` (as the caller's environment has it), or null. */
export function findInfluxd(path: string | undefined): string | null {
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'influxd');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** A port free on 127.0.0.1 right now (the daemon binds it a moment later). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A lean influxd 1.x configuration: every listener on 127.0.0.1 (the RPC service would take :8088),
 * no reporting home, no _internal monitor database, no retention, shard pre-creation, subscriber or
 * continuous-query services, error-level logs. Used by the demo and by the tests' throwaway daemons.
 */
export function influxdConfig(dir: string, httpPort: number, rpcPort: number): string {
  return `reporting-disabled = true
bind-address = "127.0.0.1:${rpcPort}"

[meta]
  dir = "${join(dir, 'meta')}"
  logging-enabled = false

[data]
  dir = "${join(dir, 'data')}"
  wal-dir = "${join(dir, 'wal')}"
  index-version = "inmem"
  query-log-enabled = false
  trace-logging-enabled = false

[retention]
  enabled = false

[shard-precreation]
  enabled = false

[monitor]
  store-enabled = false

[subscriber]
  enabled = false

[continuous_queries]
  enabled = false
  log-enabled = false

[http]
  enabled = true
  bind-address = "127.0.0.1:${httpPort}"
  auth-enabled = false
  log-enabled = false
  suppress-write-log = true
  pprof-enabled = false

[logging]
  level = "error"
  suppress-logo = true
`;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 10_000;

/**
 * Starts `influxd run` with its data under `dir` (kept between demo runs, so history survives a
 * restart), on a free loopback port, and waits until it answers /ping (at most 30 s).
 */
export async function startPrivateInfluxd(binary: string, dir: string): Promise<PrivateInfluxd> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const port = await freeLoopbackPort();
  const rpcPort = await freeLoopbackPort();
  const configPath = join(dir, 'influxdb.conf');
  writeFileSync(configPath, influxdConfig(dir, port, rpcPort));
  const url = `http://127.0.0.1:${port}`;
  let tail = '';
  const child: ChildProcess = spawn(binary, ['run', '-config', configPath], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { INFLUXDB_REPORTING_DISABLED: 'true' } });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (tail = (tail + chunk).slice(-2000)));
  // A spawn failure (ENOENT, EACCES) arrives as 'error' and an exit: keep its words for the message.
  child.on('error', (err) => (tail += describeError(err)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    if (stopping !== null) return stopping;
    if (child.exitCode !== null || child.signalCode !== null) return (stopping = Promise.resolve());
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    force.unref();
    stopping = exited.then(() => clearTimeout(force));
    return stopping;
  };
  const failed = (why: string, cause?: unknown): LinkscopeError =>
    new LinkscopeError('LS_INFLUX_UNAVAILABLE', `the demo's private influxd (${binary}, data in ${dir}) ${why}${tail === '' ? '' : `: ${tail.trim().split('\n').pop() ?? ''}`}; start an InfluxDB yourself and set LINKSCOPE_INFLUX_URL`, { cause });
  const started = performance.now();
  // Bounded: each /ping waits up to 1 s; an early exit ends the wait at once.
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw failed(`exited during start-up (${child.exitCode ?? child.signalCode})`);
    if (await influxAnswers(url, 1000)) break;
    if (performance.now() - started > READY_TIMEOUT_MS) {
      await stop();
      throw failed(`did not answer ${url}/ping within ${READY_TIMEOUT_MS / 1000}s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, dir, pid: child.pid ?? -1, stop };
}
