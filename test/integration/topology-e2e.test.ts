/**
 * Topology end to end: the real server (startServer) polls the project's generated network of four
 * snmpsimd recordings wired by LLDP and CDP (test/fixtures/snmprec/README.md: nbr-*), discovers their
 * neighbours from the poll path, serves /neighbors, /links and /topology, and writes `link` points
 * to a real influxd, read back with InfluxQL.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import { startInfluxd, type InfluxdHandle } from '../helpers/with-influxd.js';
import { eventually, startTestServer, type TestServer } from '../helpers/with-server.js';
import { withSnmpsim, type SnmpsimHandle } from '../helpers/with-snmpsim.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'snmprec');
const TOKEN = 'topo-T0ken-7c1d9e';
const INFLUX_DB = 'linkscope_topology';
const DEVICES = ['nbr-core', 'nbr-access', 'nbr-dist', 'nbr-edge'] as const;

interface LinkJson {
  id: string;
  a: { deviceId: number; device: string; ifName: string | null };
  b: { deviceId: number | null; device: string; ifName: string | null };
  protocols: string[];
  status: string;
  speedBps: number | null;
  firstSeen: string;
  lastSeen: string;
}

interface NeighborJson {
  localIfName: string | null;
  localIfIndex: number | null;
  mappedBy: string | null;
  protocol: string;
  remoteName: string | null;
  remotePort: string | null;
  remoteAddress: string | null;
  remoteDeviceId: number | null;
}

/** A link as "device port" pairs in a fixed order, so each physical link has one spelling. */
function ends(l: LinkJson): string {
  return [`${l.a.device} ${l.a.ifName}`, `${l.b.device} ${l.b.ifName}`].sort().join(' <-> ');
}

describe('topology end to end (snmpsimd network, real server, influxd)', () => {
  let root: string;
  let sim: SnmpsimHandle | undefined;
  let influxd: InfluxdHandle | undefined;
  let api: TestServer | undefined;
  const ids = new Map<string, number>();

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'linkscope-topology-'));
    const recording = (name: string) => readFileSync(join(FIXTURES, `${name}.snmprec`), 'utf8');
    [sim, influxd] = await Promise.all([withSnmpsim({ records: Object.fromEntries(DEVICES.map((d) => [d, recording(d)])) }), startInfluxd()]);
    api = await startTestServer({
      env: {
        LINKSCOPE_DATA_DIR: join(root, 'data'),
        LINKSCOPE_SECRET_KEY_FILE: join(root, 'secret.key'),
        LINKSCOPE_INFLUX_URL: influxd.url,
        LINKSCOPE_INFLUX_DB: INFLUX_DB,
        LINKSCOPE_INFLUX_FLUSH_INTERVAL: '1s',
        LINKSCOPE_API_TOKEN: TOKEN,
        LINKSCOPE_POLL_INTERVAL: '2s',
        // Generous: no claim here is about SNMP timing.
        LINKSCOPE_SNMP_TIMEOUT: '3s',
        LINKSCOPE_SNMP_RETRIES: '1',
      },
      logger: createLogger({ level: 'warn', destination: { write: () => undefined } }),
      token: TOKEN,
    });
    for (const name of DEVICES) {
      const r = await api.call('/api/v1/devices', { method: 'POST', auth: true, body: { host: sim.host, port: sim.port, name, snmp: { version: '2c', community: name } } });
      expect(r.status, r.text).toBe(201);
      ids.set(name, r.json<{ id: number }>().id);
    }
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await Promise.all([sim?.stop(), influxd?.dispose()]);
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
  });

  it('lists each cable once, both ends resolved to inventory devices and ports', async () => {
    const s = api!;
    const expected = ['nbr-access Gi1/0/25 <-> nbr-core Te1/1/1', 'nbr-core Te1/1/2 <-> nbr-edge Gi0/0/1', 'nbr-core Te1/1/3 <-> nbr-dist Gi0/26'];
    // Devices are discovered one after another and the graph is rebuilt at most every 10 s: wait
    // until the whole network is in (bounded), then check it; the last answer is in the error.
    let last: string[] = [];
    const links = await eventually(
      `the three links (last answer: ${JSON.stringify(last)})`,
      async () => {
        const list = (await s.call('/api/v1/links')).json<LinkJson[]>();
        last = list.map(ends).sort();
        return JSON.stringify(last) === JSON.stringify(expected) ? list : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}; last /links: ${JSON.stringify(last)}`);
    });
    const byEnds = new Map(links.map((l) => [ends(l), l]));
    // Seen from both ends by LLDP, or by CDP from nbr-core only (nbr-edge speaks CDP; LLDP on neither end).
    expect(byEnds.get('nbr-access Gi1/0/25 <-> nbr-core Te1/1/1')?.protocols).toEqual(['lldp']);
    expect(byEnds.get('nbr-core Te1/1/2 <-> nbr-edge Gi0/0/1')?.protocols).toEqual(['cdp']);
    for (const l of links) {
      expect([l.a.deviceId, l.b.deviceId].sort()).toEqual([ids.get(l.a.device), ids.get(l.b.device)].sort());
      expect(Date.parse(l.lastSeen)).toBeGreaterThanOrEqual(Date.parse(l.firstSeen));
      const one = await s.call(`/api/v1/links/${l.id}`);
      expect(one.status).toBe(200);
      expect(one.json<LinkJson>().id).toBe(l.id);
    }
    const topo = (await s.call('/api/v1/topology')).json<{ nodes: { name: string; external: boolean }[]; edges: LinkJson[] }>();
    expect(topo.edges).toHaveLength(3);
    expect(topo.nodes.filter((n) => !n.external).map((n) => n.name).sort()).toEqual([...DEVICES].sort());
  });

  it('says how each local port was found: ifIndex, bridge port, port description', async () => {
    const s = api!;
    // Each device's rows appear once its own discovery is in the graph (rebuilt at most every 10 s).
    const neighbors = (name: string) =>
      eventually(
        `neighbours of ${name}`,
        async () => {
          const rows = (await s.call(`/api/v1/devices/${name}/neighbors`)).json<NeighborJson[]>();
          return rows.length > 0 && rows.every((n) => n.remoteDeviceId !== null) ? rows : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 500 },
      );
    const access = (await neighbors('nbr-access')).find((n) => n.remoteName === 'nbr-core');
    // Bridge port 25 is ifIndex 10125 (Gi1/0/25); ifIndex 25 is Po25, the classic wrong answer.
    expect(access).toMatchObject({ localIfIndex: 10125, localIfName: 'Gi1/0/25', mappedBy: 'basePort', protocol: 'lldp', remoteDeviceId: ids.get('nbr-core') });
    const dist = (await neighbors('nbr-dist')).find((n) => n.remoteName === 'nbr-core');
    expect(dist).toMatchObject({ localIfIndex: 1026, localIfName: 'Gi0/26', mappedBy: 'portDesc', remoteDeviceId: ids.get('nbr-core') });
    const core = await neighbors('nbr-core');
    expect(core.find((n) => n.protocol === 'lldp' && n.remoteName === 'nbr-access')).toMatchObject({ localIfIndex: 1, mappedBy: 'ifIndex', remoteDeviceId: ids.get('nbr-access') });
    expect(core.find((n) => n.protocol === 'cdp')).toMatchObject({ localIfIndex: 2, mappedBy: 'ifIndex', remoteDeviceId: ids.get('nbr-edge') });
  });

  it('writes one link point per link to InfluxDB, tagged with both ends', async () => {
    const rows = await eventually(
      'link series in InfluxDB',
      async () => {
        const res = await influxd!.query('SELECT last("status") FROM "link" GROUP BY *', INFLUX_DB);
        const series = res.results?.[0]?.series ?? [];
        return series.length === 3 ? series : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const tagged = rows.map((r) => [`${r.tags?.['a_device']} ${r.tags?.['a_ifName']}`, `${r.tags?.['b_device']} ${r.tags?.['b_ifName']}`].sort().join(' <-> ')).sort();
    expect(tagged).toEqual(['nbr-access Gi1/0/25 <-> nbr-core Te1/1/1', 'nbr-core Te1/1/2 <-> nbr-edge Gi0/0/1', 'nbr-core Te1/1/3 <-> nbr-dist Gi0/26']);
    // Every interface of these cables is oper up in the recordings: status 1.
    for (const r of rows) expect(r.values[0]?.[1]).toBe(1);
  });
});
