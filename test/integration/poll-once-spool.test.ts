/** `poll --once` from cron with InfluxDB down, then up: the backlog is replayed and the counts told apart. */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInfluxd, type InfluxdHandle } from '../helpers/with-influxd.js';
import { withSnmpsim, type SnmpsimHandle } from '../helpers/with-snmpsim.js';
import { runCli, tempDataDir } from '../helpers/run-cli.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'snmprec');

interface Report {
  influx: 'ok' | 'down';
  writtenPoints: number;
  samplesWritten: number;
  samplesSpooled: number;
  backlogReplayedPoints: number;
  backlogPendingPoints: number;
  droppedPoints: number;
  devices: { device: string; ok: boolean; points: number }[];
}

describe('poll --once with a spool backlog', () => {
  let sim: SnmpsimHandle;
  let influxd: InfluxdHandle;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    return runCli(env, argv);
  }

  /** Points carry whole seconds: start each run in a new second so no run overwrites another's points. */
  async function nextSecond(): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 200 && Math.floor(Date.now() / 1000) === now; i += 1) await new Promise((r) => setTimeout(r, 10));
  }

  function spooledFiles(): string[] {
    return readdirSync(join(dir, 'data', 'spool')).filter((n) => n.endsWith('.lp'));
  }

  beforeAll(async () => {
    sim = await withSnmpsim({ files: [join(FIXTURES, 'switch-hc.snmprec')] });
    influxd = await startInfluxd();
    const temp = tempDataDir('linkscope-pollspool-');
    dir = temp.dir;
    env = {
      ...temp.env,
      LINKSCOPE_INFLUX_URL: influxd.url,
      LINKSCOPE_INFLUX_DB: 'pollspool',
      // Many small batches: a backlog that takes many requests to replay, as after a long outage.
      LINKSCOPE_INFLUX_BATCH_SIZE: '2',
      LINKSCOPE_INFLUX_TIMEOUT: '2s',
    };
  });

  afterAll(async () => {
    await sim?.stop();
    await influxd?.dispose();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('spools while influxd is down, then drains the backlog and reports both counts truthfully', async () => {
    expect((await run('device', 'add', `${sim.host}:${sim.port}`, '--community', 'switch-hc', '--name', 'sw1')).code).toBe(0);
    await influxd.stop();

    const spooled: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      await nextSecond();
      const down = await run('poll', '--once', '--json');
      expect(down.code).toBe(0);
      const r = JSON.parse(down.out) as Report;
      expect(r).toMatchObject({ influx: 'down', writtenPoints: 0, samplesWritten: 0, droppedPoints: 0 });
      expect(r.samplesSpooled).toBe(r.devices[0]?.points);
      spooled.push(r.samplesSpooled);
    }
    const backlog = spooled.reduce((a, b) => a + b, 0);
    expect(spooledFiles().length).toBeGreaterThan(0);

    await influxd.start();
    await nextSecond();
    const up = await run('poll', '--once', '--json');
    expect(up.code).toBe(0);
    const r = JSON.parse(up.out) as Report;
    const own = r.devices[0]?.points ?? -1;
    expect(r).toMatchObject({
      influx: 'ok',
      backlogReplayedPoints: backlog,
      backlogPendingPoints: 0,
      samplesWritten: own,
      samplesSpooled: 0,
      writtenPoints: backlog + own,
      droppedPoints: 0,
    });
    expect(spooledFiles()).toEqual([]);

    // InfluxDB holds all four runs: one `device` point per run, each in its own second.
    const res = await influxd.query('SELECT count("up") FROM "device" WHERE "device" = \'sw1\'', 'pollspool');
    expect(res.results?.[0]?.series?.[0]?.values[0]?.[1]).toBe(4);
  }, 60_000);

  it('says in words what it replayed and what it wrote', async () => {
    await influxd.stop();
    await nextSecond();
    const down = await run('poll', '--once');
    expect(down.out).toMatch(/^wrote 0 points to InfluxDB/m);
    expect(down.out).toMatch(/^kept \d+ points in the spool \(InfluxDB .* is unreachable;/m);
    await influxd.start();
    await nextSecond();
    const up = await run('poll', '--once');
    expect(up.out).toMatch(/^replayed \d+ spooled points from earlier runs$/m);
    expect(up.out).toMatch(/^wrote [1-9]\d* points to InfluxDB/m);
    expect(up.out).not.toMatch(/kept \d+ points/);
  }, 60_000);
});
