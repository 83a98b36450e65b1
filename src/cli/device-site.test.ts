/** `linkscope device add --site`, `device list` showing sites, and the site column of `device import`. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../../test/helpers/run-cli.js';

describe('linkscope device sites', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'linkscope-site-'));
    env = { LINKSCOPE_DATA_DIR: join(dir, 'data'), LINKSCOPE_SECRET_KEY_FILE: join(dir, 'secret.key') };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...argv: string[]): Promise<CliRun> => runCli(env, argv);
  const sites = async (): Promise<Array<[string, string]>> =>
    (JSON.parse((await run('device', 'list', '--json')).out) as Array<{ name: string; site: string }>).map((d) => [d.name, d.site]);

  it('adds a device in the site --site names, "default" without it, and lists the sites', async () => {
    expect(await run('device', 'add', '10.0.0.1', '--community', 'x', '--name', 'core', '--site', 'dc-1', '--no-check')).toMatchObject({ code: 0, err: '' });
    expect((await run('device', 'add', '10.0.0.2', '--community', 'x', '--name', 'edge', '--no-check')).code).toBe(0);
    expect(await sites()).toEqual([['core', 'dc-1'], ['edge', 'default']]);
    const table = (await run('device', 'list')).out.split('\n');
    expect(table[0]).toMatch(/^ID\s+NAME\s+SITE\s+AGENT\s+SNMP/);
    expect(table[1]).toMatch(/^1\s+core\s+dc-1\s+10\.0\.0\.1:161\s/);
    expect(table[2]).toMatch(/^2\s+edge\s+default\s+10\.0\.0\.2:161\s/);
  });

  it('refuses a malformed --site naming the flag, adding nothing', async () => {
    const r = await run('device', 'add', '10.0.0.1', '--community', 'x', '--site', 'dc 1', '--no-check');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('--site: "dc 1" is not a site name');
    expect(r.err).toContain('LS_DEVICE_INVALID');
    expect(await sites()).toEqual([]);
  });

  it('imports the site column of a CSV file', async () => {
    const path = join(dir, 'sites.csv');
    writeFileSync(path, 'host,name,community,site\n10.0.0.1,a,x,lab\n10.0.0.2,b,x,\n');
    expect((await run('device', 'import', path)).code).toBe(0);
    expect(await sites()).toEqual([['a', 'lab'], ['b', 'default']]);
  });

  it('mentions --site in the help', async () => {
    expect((await run('device', '--help')).out).toContain('--site SITE');
  });
});
