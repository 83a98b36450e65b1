/** `linkscope demo` with no InfluxDB answering: it starts a private influxd, so history works at once, and stops it on exit. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';

const BIN = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('demo with a private influxd', () => {
  const dir = mkdtempSync(join(tmpdir(), 'linkscope-demo-influxd-'));
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child !== undefined && child.exitCode === null) {
      child.kill('SIGKILL');
      await new Promise((r) => child?.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts one when none answers, serves utilisation history from it, and stops it with the demo', async () => {
    const apiPort = await freePort();
    const env = {
      PATH: process.env['PATH'],
      HOME: dir,
      LINKSCOPE_DATA_DIR: join(dir, 'data'),
      LINKSCOPE_SECRET_KEY_FILE: join(dir, 'secret.key'),
      LINKSCOPE_INFLUX_URL: `http://127.0.0.1:${await freePort()}`, // nothing answers there
      LINKSCOPE_LISTEN: `127.0.0.1:${apiPort}`,
    };
    const proc = spawn(process.execPath, [BIN, 'demo', '--interval', '1s', '--base-port', String(30000 + (apiPort % 20000))], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let out = '';
    proc.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));

    // Bounded polling (at most ~60 s): the private influxd starts, two polls 1 s apart write rates.
    let series: Array<{ inBps: number | null }> = [];
    for (let i = 0; i < 240 && proc.exitCode === null; i += 1) {
      await new Promise((r) => setTimeout(r, 250));
      try {
        const r = await fetch(`http://127.0.0.1:${apiPort}/api/v1/devices/access-sw1/interfaces/Te1%2F0%2F1/utilization?from=-5m&step=1s`);
        if (r.status === 200) series = (await r.json()) as Array<{ inBps: number | null }>;
      } catch {
        // API not up yet
      }
      if (series.some((p) => p.inBps !== null)) break;
    }
    expect(series.some((p) => p.inBps !== null), out).toBe(true);
    const started = /started a private influxd \(([^,]+), pid (\d+)\) on (http:\/\/127\.0\.0\.1:\d+), data in ([^;]+);/.exec(out);
    expect(started, out).not.toBeNull();
    const pid = Number(started?.[2]);
    expect(alive(pid)).toBe(true);
    expect(started?.[4]).toBe(join(dir, 'data', 'demo', 'influxd'));

    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(alive(pid)).toBe(false);
  }, 90_000);
});
