/** `linkscope device import`: all rows or none, with a per-row report. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../../test/helpers/run-cli.js';

describe('linkscope device import', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'linkscope-import-'));
    env = { LINKSCOPE_DATA_DIR: join(dir, 'data'), LINKSCOPE_SECRET_KEY_FILE: join(dir, 'secret.key') };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...argv: string[]): Promise<CliRun> => runCli(env, argv);

  function file(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  const names = async (): Promise<string[]> => (JSON.parse((await run('device', 'list', '--json')).out) as Array<{ name: string }>).map((d) => d.name);

  it('imports every row of a valid CSV file', async () => {
    const r = await run('device', 'import', file('ok.csv', 'host,name,community\n10.0.0.1,core sw1,s3cret\n10.0.0.2,access-sw1,s3cret\n'));
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('row 2: added device 2 (access-sw1)');
    expect(await names()).toEqual(['core sw1', 'access-sw1']);
  });

  it('imports nothing when one row is bad, and names it', async () => {
    const r = await run('device', 'import', file('bad.csv', 'host,name,community\n10.0.0.1,a,s3cret\n10.0.0.2,b,\n'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('row 2: ');
    expect(r.err).toContain('1 of 2 rows of');
    expect(r.err).not.toContain('s3cret');
    expect(await names()).toEqual([]);
  });

  it('imports nothing when a row duplicates a device already in the inventory', async () => {
    expect((await run('device', 'add', '10.0.0.9', '--community', 'x', '--name', 'taken', '--no-check')).code).toBe(0);
    const r = await run('device', 'import', file('dup.yaml', '- {host: 10.0.0.1, name: fresh, community: s3cret}\n- {host: 10.0.0.2, name: taken, community: s3cret}\n'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/row 2 of .*dup\.yaml: .*taken.*; nothing was imported \[LS_DEVICE_EXISTS\]/);
    expect(await names()).toEqual(['taken']);
  });

  it('checks only, with --dry-run', async () => {
    const r = await run('device', 'import', file('ok.csv', 'host,community\n10.0.0.1,s3cret\n'), '--dry-run');
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 rows of');
    expect(await names()).toEqual([]);
  });
});
