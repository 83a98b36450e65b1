/**
 * The command line end to end: device add/list/remove, poll --once twice, walk — against snmpsimd
 * and influxd. The inventory is SQLite in the data dir, or with LINKSCOPE_TEST_INVENTORY=postgres
 * (vitest project `postgres`) a fleet's: LINKSCOPE_DATABASE_URL to a throwaway PostgreSQL.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { startInfluxd, type InfluxdHandle } from '../helpers/with-influxd.js';
import { withSnmpsim, type SnmpsimHandle } from '../helpers/with-snmpsim.js';
import { runCli, tempDataDir } from '../helpers/run-cli.js';
import { freshTestDatabase, testInventoryKind } from '../helpers/test-inventory.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'snmprec');

interface Run {
  code: number;
  out: string;
  err: string;
}

describe('linkscope CLI', () => {
  let sim: SnmpsimHandle;
  let influxd: InfluxdHandle;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  async function run(...argv: string[]): Promise<Run> {
    return runCli(env, argv);
  }

  beforeAll(async () => {
    sim = await withSnmpsim({ files: [join(FIXTURES, 'switch-hc.snmprec'), join(FIXTURES, 'router-32.snmprec')] });
    influxd = await startInfluxd();
    const temp = tempDataDir('linkscope-cli-');
    dir = temp.dir;
    env = {
      ...temp.env,
      LINKSCOPE_INFLUX_URL: influxd.url,
      LINKSCOPE_INFLUX_DB: 'clitest',
      // LINKSCOPE_TEST_INVENTORY=postgres: the same commands on a fleet's shared inventory.
      ...(testInventoryKind() === 'postgres' ? { LINKSCOPE_DATABASE_URL: await freshTestDatabase('cli') } : {}),
    };
  });

  afterAll(async () => {
    await sim?.stop();
    await influxd?.dispose();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('adds a device that answers, then two poll --once runs write counters and then rates', async () => {
    const added = await run('device', 'add', `${sim.host}:${sim.port}`, '--community', 'switch-hc', '--name', 'sw1');
    expect(added).toMatchObject({ code: 0, err: '' });
    expect(added.out).toMatch(/^added device 1 \(sw1, 127\.0\.0\.1:\d+, sysObjectID 1\.3\.6\.1\.4\.1\.9\.1\.1208\)/);
    // The device went to the store this pass is about: SQLite in the data dir, or PostgreSQL only.
    expect(existsSync(join(dir, 'data', 'inventory.db'))).toBe(testInventoryKind() === 'sqlite');

    const first = await run('poll', '--once');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/sw1\s+up\s+29\s+0\s+30/);
    // Two runs in one process are milliseconds apart. Let a second pass, as between two commands
    // typed by a user: the schema's precision is seconds, so two polls in the same second write
    // one point per series (the second overwrites the first), and this test counts both.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await run('poll', '--once', '--device', 'sw1');
    expect(second.code).toBe(0);
    // On a fleet's PostgreSQL inventory poll --once keeps no counter state (createRuntime in
    // src/app.ts: the pollers' lease-fenced counter state is not the CLI's to read or write), so
    // its second run has no baseline and writes counters without rates (no in_bps at all: count null).
    const fleet = testInventoryKind() === 'postgres';
    expect(second.out).toMatch(fleet ? /sw1\s+up\s+29\s+0\s+30/ : /sw1\s+up\s+29\s+29\s+30/);

    const counts = await influxd.query('SELECT count("ifHCInOctets"), count("in_bps") FROM "interface" WHERE "device" = \'sw1\'', 'clitest');
    expect(counts.results?.[0]?.series?.[0]?.values[0]?.slice(1)).toEqual(fleet ? [58, null] : [58, 29]);
  });

  it('lists devices without revealing the community', async () => {
    const list = await run('device', 'list', '--json');
    expect(list.code).toBe(0);
    expect(list.out).not.toContain('switch-hc');
    expect(JSON.parse(list.out)).toMatchObject([{ id: 1, name: 'sw1', snmp: { version: '2c', community: '***' } }]);
  });

  it('shows in device list which device the neighbour crawl found a device through (none for one added by hand)', async () => {
    expect(JSON.parse((await run('device', 'list', '--json')).out)).toMatchObject([{ id: 1, discoveredBy: null }]);
    const table = (await run('device', 'list')).out.split('\n');
    expect(table[0]).toMatch(/INTERVAL\s+DISCOVERED BY$/);
    expect(table[1]).toMatch(/^1\s.*\s-$/);
  });

  it('refuses serve --discover with a bad range, naming it, before starting anything', async () => {
    const r = await run('serve', '--discover', '10.0.0.0/8,10.0.0.0/33');
    expect(r.code).toBe(1);
    expect(r.err).toContain('topology.discover: "10.0.0.0/33" is not an address range');
  });

  it('refuses a device that does not answer, with one clear line', async () => {
    const port = await freePort();
    const r = await run('device', 'add', `127.0.0.1:${port}`, '--community', 'nope');
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/timed out after \d+ms .*device not added; --no-check adds it anyway\) \[LS_SNMP_TIMEOUT\]/);
  });

  it('exits 1 from poll --once when a device does not answer, and names it', async () => {
    const port = await freePort();
    expect((await run('device', 'add', `127.0.0.1:${port}`, '--community', 'x', '--name', 'ghost', '--no-check')).code).toBe(0);
    const r = await run('poll', '--once');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/ghost\s+unreachable/);
    expect(r.out).toMatch(/sw1\s+up/);
    expect((await run('device', 'remove', 'ghost')).out).toMatch(/removed device \d+ \(ghost\)/);
  }, 30_000);

  it('walks a subtree with MIB names', async () => {
    const r = await run('walk', `${sim.host}:${sim.port}`, 'IF-MIB::ifDescr', '--community', 'router-32');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^IF-MIB::ifDescr\.1 = STRING: FastEthernet0\/0$/m);
  });

  it('exits quietly when its reader closes the pipe early (| head)', async () => {
    const { spawn } = await import('node:child_process');
    const bin = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');
    const child = spawn(process.execPath, [bin, 'device', 'list'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before linkscope writes a byte
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(err).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  });

  it('rejects bad arguments with a usage error naming the flag', async () => {
    const r = await run('device', 'add', '127.0.0.1', '--version', '3', '--user', 'u', '--level', 'authPriv', '--auth-protocol', 'sha256', '--auth-key', 'short');
    expect(r.code).toBe(1);
    expect(r.err).toContain('--auth-key: must be 8 to 255 characters long');
    expect((await run('poll')).code).toBe(2);
    expect((await run('device', 'add', '10.0.0.1:99999', '--community', 'x')).err).toContain('port must be 1-65535');
  });
});
