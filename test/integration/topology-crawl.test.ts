/**
 * The neighbour crawl end to end: the real server with topology.discover polls crawl-seed, whose
 * LLDP row advertises crawl-peer's management address; crawl-peer (its own snmpsimd on another
 * loopback address, same port and community) answers the seed's credentials, so it is added with
 * discoveredBy = crawl-seed, and then polled like any device.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import { freePort } from '../helpers/free-port.js';
import { eventually, startTestServer, type TestServer } from '../helpers/with-server.js';
import { withSnmpsim, type SnmpsimHandle } from '../helpers/with-snmpsim.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'snmprec');
const TOKEN = 'crawl-T0ken-4b2e81';
const COMMUNITY = 'crawl-c0mm';

interface DeviceJson {
  id: number;
  name: string;
  host: string;
  port: number;
  status: string;
  discoveredBy: number | null;
}

describe('neighbour crawl (two snmpsimd on 127.0.0.2 and 127.0.0.3, real server)', () => {
  let root: string;
  const sims: SnmpsimHandle[] = [];
  let api: TestServer | undefined;
  let port = 0;
  const logLines: string[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'linkscope-crawl-'));
    const recording = (name: string) => readFileSync(join(FIXTURES, `${name}.snmprec`), 'utf8');
    port = await freePort();
    sims.push(...(await Promise.all([
      withSnmpsim({ host: '127.0.0.2', port, records: { [COMMUNITY]: recording('crawl-seed') } }),
      withSnmpsim({ host: '127.0.0.3', port, records: { [COMMUNITY]: recording('crawl-peer') } }),
    ])));
    api = await startTestServer({
      env: {
        LINKSCOPE_DATA_DIR: join(root, 'data'),
        LINKSCOPE_SECRET_KEY_FILE: join(root, 'secret.key'),
        // No influxd: points go to the spool; this test is about the inventory.
        LINKSCOPE_INFLUX_URL: 'http://127.0.0.1:9',
        LINKSCOPE_API_TOKEN: TOKEN,
        LINKSCOPE_POLL_INTERVAL: '2s',
        LINKSCOPE_SNMP_TIMEOUT: '3s',
        LINKSCOPE_SNMP_RETRIES: '1',
        LINKSCOPE_TOPOLOGY_DISCOVER: '127.0.0.2/31',
        LINKSCOPE_TOPOLOGY_DISCOVER_PORT: String(port),
      },
      logger: createLogger({ level: 'info', destination: { write: (line: string) => void logLines.push(line) } }),
      token: TOKEN,
    });
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await Promise.all(sims.map((s) => s.stop()));
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
  });

  it('adds the neighbour that answers the seed\'s credentials, with discoveredBy, and polls it', async () => {
    const s = api!;
    const added = await s.call('/api/v1/devices', { method: 'POST', auth: true, body: { host: '127.0.0.2', port, name: 'seed', snmp: { version: '2c', community: COMMUNITY } } });
    expect(added.status, added.text).toBe(201);
    const seed = added.json<DeviceJson>();
    expect(seed.discoveredBy).toBeNull();

    const peer = await eventually(
      'crawl-peer in the inventory, polled',
      async () => {
        const list = (await s.call('/api/v1/devices')).json<DeviceJson[]>();
        const found = list.find((d) => d.host === '127.0.0.3');
        return found?.status === 'up' ? found : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(peer).toMatchObject({ name: 'crawl-peer', port, discoveredBy: seed.id });
    // crawl-peer's own LLDP row points back at the seed, which is known: still two devices.
    const all = (await s.call('/api/v1/devices')).json<DeviceJson[]>();
    expect(all.map((d) => d.name).sort()).toEqual(['crawl-peer', 'seed']);

    const info = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l['msg'] === 'neighbour crawl added a device');
    expect(info).toMatchObject({ deviceId: seed.id, host: '127.0.0.3', newDeviceId: peer.id, discoveredBy: seed.id });
    expect(logLines.join('\n')).not.toContain(COMMUNITY);
  }, 90_000);
});
