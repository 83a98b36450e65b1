/** What a person sees from the built CLI: poll --once prints its table without log lines above it; logs are pretty or JSON on demand. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';

const BIN = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');

function run(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...argv], { env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => resolve({ code, out, err }));
  });
}

describe('human output of the built CLI', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'linkscope-cli-output-'));
    // Nothing answers on either port: the device times out and InfluxDB is down.
    env = {
      LINKSCOPE_DATA_DIR: join(dir, 'data'),
      LINKSCOPE_SECRET_KEY_FILE: join(dir, 'secret.key'),
      LINKSCOPE_INFLUX_URL: `http://127.0.0.1:${await freePort()}`,
      LINKSCOPE_INFLUX_TIMEOUT: '500ms',
      LINKSCOPE_SNMP_TIMEOUT: '100ms',
      LINKSCOPE_SNMP_RETRIES: '0',
    };
    const added = await run(env, 'device', 'add', `127.0.0.1:${await freePort()}`, '--community', 'x', '--name', 'ghost', '--no-check');
    expect(added).toMatchObject({ code: 0, err: '' });
  });

  afterAll(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('poll --once prints its table and summary with nothing on stderr, the InfluxDB outage said once', async () => {
    const r = await run(env, 'poll', '--once');
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^DEVICE\s+STATUS/);
    expect(r.out).toMatch(/ghost\s+unreachable/);
    expect(r.out.match(/unreachable; /g) ?? []).toHaveLength(1);
  });

  it('logs readable lines when asked, JSON lines otherwise', async () => {
    const pretty = await run({ ...env, LINKSCOPE_LOG_LEVEL: 'warn', LINKSCOPE_LOG_FORMAT: 'pretty' }, 'poll', '--once');
    expect(pretty.err).toMatch(/^\d\d:\d\d:\d\d WARN  /m);
    expect(pretty.err).not.toMatch(/^\{/m);
    const json = await run({ ...env, LINKSCOPE_LOG_LEVEL: 'warn' }, 'poll', '--once'); // stderr is a pipe: auto = JSON
    expect(json.err.trim().split('\n').every((l) => (JSON.parse(l) as { level: number }).level >= 40)).toBe(true);
  });

  it('warns about an unknown LINKSCOPE_* variable and carries on', async () => {
    const r = await run({ ...env, LINKSCOPE_SERVICE_HOST: '10.0.0.7' }, 'device', 'list');
    expect(r.code).toBe(0);
    expect(r.err).toBe('linkscope: warning: LINKSCOPE_SERVICE_HOST: unknown environment variable, ignored\n');
    expect(r.out).toContain('ghost');
  });
});
