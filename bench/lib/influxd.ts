/** A throwaway influxd 1.x on 127.0.0.1 (free ports, temp dir), after test/helpers/with-influxd.ts. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnTracked } from './procs.js';

export interface Influxd {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** Runs one InfluxQL statement; returns the raw JSON text. */
  query(q: string, db?: string): Promise<string>;
  /** Stops influxd and deletes its temp dir. Safe to call twice. */
  dispose(): Promise<void>;
}

function configToml(dir: string, httpPort: number, rpcPort: number): string {
  // Every listener on 127.0.0.1, no reporting, no _internal monitor writes, quiet logs.
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

async function ping(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.status === 204;
  } catch {
    return false;
  }
}

/** Starts influxd and waits for /ping (bounded: 20 s). */
export async function startInfluxd(): Promise<Influxd> {
  const dir = await mkdtemp(join(tmpdir(), 'linkscope-bench-influxd-'));
  const port = await freePort();
  const rpcPort = await freePort();
  const configPath = join(dir, 'influxdb.conf');
  await writeFile(configPath, configToml(dir, port, rpcPort));
  const url = `http://127.0.0.1:${port}`;
  const t = spawnTracked('influxd', ['run', '-config', configPath], { cwd: dir, env: { ...process.env, INFLUXDB_REPORTING_DISABLED: 'true' } });
  let disposed: Promise<void> | null = null;
  const dispose = (): Promise<void> => {
    disposed ??= (async () => {
      await t.stop(15_000);
      await rm(dir, { recursive: true, force: true });
    })();
    return disposed;
  };
  const deadline = performance.now() + 20_000;
  for (;;) {
    if (t.child.exitCode !== null || t.child.signalCode !== null) {
      await dispose();
      throw new Error(`influxd exited during start-up: ${t.tail()}`);
    }
    if (await ping(url)) break;
    if (performance.now() > deadline) {
      await dispose();
      throw new Error(`influxd did not answer /ping within 20 s: ${t.tail()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const query = async (q: string, db?: string): Promise<string> => {
    const params = new URLSearchParams({ q });
    if (db !== undefined) params.set('db', db);
    const res = await fetch(`${url}/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: params.toString(),
      signal: AbortSignal.timeout(10_000),
    });
    return res.text();
  };
  return { url, query, dispose };
}
