/**
 * The built `linkscope serve` (child process) polling hostile agents of our own (a table that never
 * ends, replies far larger than asked, a 9-byte Counter64) beside a healthy snmpd: the healthy
 * device keeps polling, each hostile one is reported with a clear code, and memory stays bounded.
 * Needs `npm run build`.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { startHostileAgent, type HostileAgent } from '../helpers/hostile-agent.js';
import { eventually } from '../helpers/with-server.js';
import { outputTail, spawnDaemon, stopChild, withSnmpd, type SnmpdHandle } from '../helpers/with-snmpd.js';

const BIN = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');
const TOKEN = 'hostile-T0ken-6c1d9e';
/** Peak resident memory allowed to serve; before the walk budgets, the endless table grew it to GBs. */
const MAX_RSS_BYTES = 400 * 1024 ** 2;

interface DeviceJson {
  id: number;
  name: string;
  status: string;
  lastPollAt: string | null;
  lastError: { code: string; message: string } | null;
}

/** Resident set size of a process from /proc (Linux), in bytes. */
function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m === null ? 0 : Number(m[1]) * 1024;
}

describe.skipIf(!existsSync(BIN))('serve beside hostile agents', () => {
  let snmpd: SnmpdHandle;
  const agents: HostileAgent[] = [];
  let child: ChildProcess;
  let dir: string;
  let base: string;
  let peakRss = 0;

  const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } });
    const text = await res.text();
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text}`);
    return (path === '/metrics' ? text : JSON.parse(text)) as T;
  };
  const sampleRss = (): void => {
    if (child.pid !== undefined) peakRss = Math.max(peakRss, rssBytes(child.pid));
  };

  beforeAll(async () => {
    snmpd = await withSnmpd();
    for (const mode of ['endless', 'oversized', 'counter64'] as const) agents.push(await startHostileAgent(mode));
    dir = mkdtempSync(join(tmpdir(), 'linkscope-hostile-'));
    const port = await freePort();
    const influxPort = await freePort(); // nothing listens: samples go to the spool, as when InfluxDB is down
    base = `http://127.0.0.1:${port}/api/v1`;
    child = spawnDaemon(process.execPath, [BIN, 'serve'], {
      LINKSCOPE_DATA_DIR: join(dir, 'data'),
      LINKSCOPE_SECRET_KEY_FILE: join(dir, 'secret.key'),
      LINKSCOPE_LISTEN: `127.0.0.1:${port}`,
      LINKSCOPE_API_TOKEN: TOKEN,
      LINKSCOPE_INFLUX_URL: `http://127.0.0.1:${influxPort}`,
      LINKSCOPE_POLL_INTERVAL: '2s',
      LINKSCOPE_SNMP_TIMEOUT: '500ms',
      LINKSCOPE_SNMP_RETRIES: '0',
      LINKSCOPE_POLLER_JITTER: '0',
      LINKSCOPE_LOG_LEVEL: 'warn',
    });
    await eventually('serve answers /health', async () => ((await fetch(`${base}/health`)).ok ? true : undefined), { timeoutMs: 15_000 });
    const add = (name: string, host: string, p: number, community: string): Promise<DeviceJson> =>
      api<DeviceJson>('/devices', { method: 'POST', body: JSON.stringify({ host, port: p, name, interval: '2s', snmp: { version: '2c', community } }) });
    await add('healthy', snmpd.host, snmpd.port, snmpd.community);
    for (const a of agents) await add(`hostile-${agents.indexOf(a)}`, a.host, a.port, a.community);
  }, 60_000);

  afterAll(async () => {
    if (child !== undefined) await stopChild(child);
    for (const a of agents) await a.stop();
    await snmpd?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps polling the healthy device, reports each hostile one with a code, and stays within its memory bound', async () => {
    const byName = async (): Promise<Map<string, DeviceJson>> => new Map((await api<DeviceJson[]>('/devices')).map((d) => [d.name, d]));
    const healthyPolls = new Set<string>();
    const polls = async (name: string): Promise<number> => {
      const m = new RegExp(`linkscope_device_polls_total\\{device="${name}"[^}]*\\} (\\d+)`).exec(await api<string>('/metrics'));
      return m === null ? 0 : Number(m[1]);
    };
    // Bounded window: until the endless agent has been polled 3 times and every device shows its outcome.
    const seen = await eventually(
      'hostile devices reported and the healthy one polled on',
      async () => {
        sampleRss();
        const d = await byName();
        const healthy = d.get('healthy');
        if (healthy?.lastPollAt != null) healthyPolls.add(healthy.lastPollAt);
        const endlessPolls = await polls('hostile-0');
        const done =
          endlessPolls >= 3 &&
          healthyPolls.size >= 4 &&
          d.get('hostile-0')?.lastError != null &&
          d.get('hostile-1')?.lastError != null &&
          d.get('hostile-2')?.lastPollAt != null;
        return done ? d : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\nserve output:\n${outputTail(child)}`);
    });

    const healthy = seen.get('healthy');
    expect(healthy?.status).toBe('up');
    expect(healthy?.lastError).toBeNull();
    expect(seen.get('hostile-0')?.lastError?.code).toBe('LS_SNMP_WALK_BUDGET');
    expect(seen.get('hostile-0')?.lastError?.message).toMatch(/passed its budget of 1000 rows/);
    expect(seen.get('hostile-1')?.lastError?.code).toBe('LS_SNMP_BAD_RESPONSE');
    expect(seen.get('hostile-1')?.lastError?.message).toMatch(/varbinds for \d+ requested/);

    // The 9-byte Counter64 spoils one varbind: the device is up, the ifXTable kept (ifAlias), and
    // only ifHCInOctets.1 falls back to the 32-bit column; the legal 0x00-led 9 bytes still decode.
    const c64 = seen.get('hostile-2');
    expect(c64?.status).toBe('up');
    expect(c64?.lastError).toBeNull();
    const itfs = await api<{ ifIndex: number; ifAlias: string; counterBits: number }[]>(`/devices/${c64?.id}/interfaces`);
    expect(itfs.map((i) => [i.ifIndex, i.ifAlias, i.counterBits])).toEqual([
      [1, 'link 1', 32],
      [2, 'link 2', 64],
    ]);

    sampleRss();
    expect(peakRss).toBeGreaterThan(0);
    expect(peakRss).toBeLessThan(MAX_RSS_BYTES);
    expect(child.exitCode).toBeNull();
  }, 45_000);
});
