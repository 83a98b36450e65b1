/** The CLI keeps the data dir private and tidy: modes, state files of removed devices. */
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { runCli, tempDataDir } from '../helpers/run-cli.js';

describe('linkscope data dir', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    return runCli(env, argv);
  }

  const stateFile = (id: number): string => join(dir, 'data', 'state', `device-${id}.json`);

  beforeEach(async () => {
    const temp = tempDataDir('linkscope-datadir-');
    dir = temp.dir;
    env = {
      ...temp.env,
      // Nothing listens there: samples go to the spool; the test is about files, not InfluxDB.
      LINKSCOPE_INFLUX_URL: `http://127.0.0.1:${await freePort()}`,
      LINKSCOPE_INFLUX_TIMEOUT: '500ms',
      LINKSCOPE_SNMP_TIMEOUT: '50ms',
      LINKSCOPE_SNMP_RETRIES: '0',
    };
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the data dir 0700 and the inventory 0600', async () => {
    expect((await run('device', 'add', '127.0.0.1:1161', '--community', 'c', '--no-check')).code).toBe(0);
    expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'data', 'inventory.db')).mode & 0o777).toBe(0o600);
  });

  it('deletes the counter state of a device removed with `device remove`', async () => {
    expect((await run('device', 'add', '127.0.0.1:1161', '--community', 'c', '--name', 'gone', '--no-check')).code).toBe(0);
    mkdirSync(join(dir, 'data', 'state'), { recursive: true });
    writeFileSync(stateFile(1), '{}');
    expect((await run('device', 'remove', 'gone')).code).toBe(0);
    expect(existsSync(stateFile(1))).toBe(false);
  });

  it('deletes, at start-up, the counter state of ids no longer in the inventory', async () => {
    expect((await run('device', 'add', '127.0.0.1:1161', '--community', 'c', '--name', 'kept', '--no-check')).code).toBe(0);
    mkdirSync(join(dir, 'data', 'state'), { recursive: true });
    writeFileSync(stateFile(1), '{}');
    writeFileSync(stateFile(42), '{}');
    const r = await run('poll', '--once');
    expect(r.code).toBe(1); // nothing answers on 127.0.0.1:1161
    expect(existsSync(stateFile(42))).toBe(false);
    expect(existsSync(stateFile(1))).toBe(true);
  }, 30_000);
});
