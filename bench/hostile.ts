/** Section 6: peak RSS of the built `linkscope serve` polling healthy agents, then the same plus one agent whose tables never end. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/helpers/free-port.js';
import { startHostileAgent, type HostileAgent } from '../test/helpers/hostile-agent.js';
import { AGENT_COMMUNITY, startAgentHost } from './lib/agent-host.js';
import { spawnTracked } from './lib/procs.js';
import { num, printTable, verdict } from './lib/table.js';

/** "Memory bounded": the endless agent may add at most this much to the healthy run's peak RSS. */
export const TARGET_EXTRA_RSS_BYTES = 64 * 1024 ** 2;
const RUN_MS = Number(process.env['BENCH_HOSTILE_SECONDS'] ?? 15) * 1000;
const HEALTHY_DEVICES = 4;
const INTERFACES = 100;
const TOKEN = 'bench-hostile-T0ken';

interface RunResult {
  readonly peakRssBytes: number;
  readonly healthyPolls: number;
  readonly healthyFailures: number;
  readonly hostilePolls: number;
  readonly hostileError: string;
}

function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m === null ? 0 : Number(m[1]) * 1024;
  } catch {
    return 0; // the process has exited
  }
}

/** One serve run of RUN_MS: `healthy` synthetic agents at 1 s, plus the endless agent when given. */
async function runServe(healthyPorts: readonly number[], endless: HostileAgent | null): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'linkscope-bench-hostile-'));
  const port = await freePort();
  const influxPort = await freePort(); // nothing listens: samples are spooled, as when InfluxDB is down
  const bin = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
  const serve = spawnTracked(process.execPath, [bin, 'serve'], {
    env: {
      ...process.env,
      LINKSCOPE_DATA_DIR: join(dir, 'data'),
      LINKSCOPE_SECRET_KEY_FILE: join(dir, 'secret.key'),
      LINKSCOPE_LISTEN: `127.0.0.1:${port}`,
      LINKSCOPE_API_TOKEN: TOKEN,
      LINKSCOPE_INFLUX_URL: `http://127.0.0.1:${influxPort}`,
      LINKSCOPE_POLL_INTERVAL: '1s',
      LINKSCOPE_SNMP_TIMEOUT: '1s',
      LINKSCOPE_LOG_LEVEL: 'error',
    },
  });
  const base = `http://127.0.0.1:${port}/api/v1`;
  const call = async (path: string, init: RequestInit = {}): Promise<string> => {
    const res = await fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } });
    const text = await res.text();
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text}`);
    return text;
  };
  try {
    for (let i = 0; ; i++) {
      if ((await fetch(`${base}/health`).then((r) => r.ok).catch(() => false)) === true) break;
      if (i >= 100) throw new Error(`serve did not answer within 20 s:\n${serve.tail()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const add = (name: string, p: number): Promise<string> =>
      call('/devices', { method: 'POST', body: JSON.stringify({ host: '127.0.0.1', port: p, name, interval: '1s', snmp: { version: '2c', community: AGENT_COMMUNITY } }) });
    for (const [i, p] of healthyPorts.entries()) await add(`healthy-${i}`, p);
    if (endless !== null) await add('endless', endless.port);
    const pid = serve.child.pid ?? -1;
    let peak = 0;
    const until = performance.now() + RUN_MS;
    while (performance.now() < until) {
      peak = Math.max(peak, rssBytes(pid));
      await new Promise((r) => setTimeout(r, 100));
    }
    const metrics = await call('/metrics');
    const sum = (family: string, device: RegExp): number => {
      let total = 0;
      for (const m of metrics.matchAll(new RegExp(`^${family}\\{device="([^"]+)"[^}]*\\} (\\d+)$`, 'gm'))) if (device.test(m[1] as string)) total += Number(m[2]);
      return total;
    };
    const devices = JSON.parse(await call('/devices')) as { name: string; lastError: { code: string } | null }[];
    return {
      peakRssBytes: peak,
      healthyPolls: sum('linkscope_device_polls_total', /^healthy-/),
      healthyFailures: sum('linkscope_device_poll_failures_total', /^healthy-/),
      hostilePolls: sum('linkscope_device_polls_total', /^endless$/),
      hostileError: devices.find((d) => d.name === 'endless')?.lastError?.code ?? '',
    };
  } finally {
    await serve.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runHostile(): Promise<{ extraRssBytes: number; ok: boolean }> {
  process.stdout.write(`\n## 6. Memory with an endless-table agent (bench/hostile.ts), ${RUN_MS / 1000} s per run\n`);
  const host = await startAgentHost({ devices: HEALTHY_DEVICES, interfaces: INTERFACES });
  const endless = await startHostileAgent('endless');
  try {
    const healthy = await runServe(host.ports, null);
    const hostile = await runServe(host.ports, endless);
    const extra = hostile.peakRssBytes - healthy.peakRssBytes;
    const ok = extra <= TARGET_EXTRA_RSS_BYTES && hostile.healthyFailures === 0;
    const mb = (b: number): string => `${num(b / 1024 ** 2, 1)} MB`;
    printTable(
      `serve, ${HEALTHY_DEVICES} healthy devices × ${INTERFACES} interfaces at 1 s`,
      ['run', 'peak RSS', 'healthy polls', 'healthy failures', 'endless polls', 'endless lastError'],
      [
        ['healthy only', mb(healthy.peakRssBytes), num(healthy.healthyPolls), num(healthy.healthyFailures), '', ''],
        ['+ 1 endless-table agent', mb(hostile.peakRssBytes), num(hostile.healthyPolls), num(hostile.healthyFailures), num(hostile.hostilePolls), hostile.hostileError],
      ],
      [
        `extra peak RSS with the endless agent: ${mb(extra)} (target ≤ ${mb(TARGET_EXTRA_RSS_BYTES)}, healthy devices without failures) ${verdict(ok)}`,
        'RSS of the serve child from /proc every 100 ms; the endless agent says ifNumber 2 and never ends ifTable/ifXTable (test/helpers/hostile-agent.ts).',
      ],
    );
    return { extraRssBytes: extra, ok };
  } finally {
    await endless.stop();
    await host.stop();
  }
}
