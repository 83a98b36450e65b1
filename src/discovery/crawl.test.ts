/** NeighborCrawler: which neighbours it probes, what it adds, what it remembers. Fake SNMP, memory inventory. */
import { describe, expect, it } from 'vitest';
import { MemoryInventory } from '../inventory/memory-inventory.js';
import { Secret } from '../model/secret.js';
import { createLogger } from '../observability/logger.js';
import { FakeAgent, FakeSnmpClient } from '../snmp/fake-client.js';
import { SnmpType } from '../snmp/types.js';
import { NeighborCrawler, type CrawlNeighbor } from './crawl.js';

const SETTINGS = { timeoutMs: 50, retries: 0, maxRepetitions: 10 };

async function setup(options: { ranges?: string[]; now?: () => number; maxConcurrent?: number } = {}) {
  const inventory = new MemoryInventory();
  const seer = await inventory.add({ host: '10.0.0.1', name: 'core', snmp: { version: '2c', community: new Secret('s3cret-comm') } });
  const snmp = new FakeSnmpClient();
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
  const added: number[] = [];
  const crawler = new NeighborCrawler({
    inventory, snmp, ranges: options.ranges ?? ['10.0.0.0/8', '2001:db8::/32'], port: 16161, snmpSettings: SETTINGS, logger,
    onAdded: (d) => added.push(d.id), ...(options.now === undefined ? {} : { nowMs: options.now }), ...(options.maxConcurrent === undefined ? {} : { maxConcurrent: options.maxConcurrent }),
  });
  return { inventory, seer, snmp, crawler, lines, added };
}

const answering = (community = 's3cret-comm'): FakeAgent => new FakeAgent([], { community }).set('1.3.6.1.2.1.1.2.0', SnmpType.ObjectIdentifier, '1.3.6.1.4.1.9.1.1208');
const row = (remoteAddress: string | null, remoteName: string | null = 'sw2.example.net', extra: Partial<CrawlNeighbor> = {}): CrawlNeighbor => ({ remoteAddress, remoteName, remoteChassisId: null, ...extra });

describe('NeighborCrawler.candidates', () => {
  it('picks neighbours with an address in an allowed range that are not in the inventory yet', async () => {
    const { crawler, seer, inventory } = await setup();
    await inventory.add({ host: '10.0.0.9', snmp: { version: '2c', community: new Secret('x') } });
    expect(
      crawler.candidates(seer, [
        row('10.0.0.2'),
        row('10.0.0.2', 'same one through another port'),
        row('192.168.1.1'), // outside every range
        row(null), // no management address
        row('not-an-address'),
        row('10.0.0.1'), // the seer itself
        row('10.0.0.9'), // already in the inventory
        row('10.0.0.3', 'x', { remoteDeviceId: 7 }), // the merge matched it to a device
        row('2001:DB8:0::5'),
      ]),
    ).toEqual(['10.0.0.2', '2001:db8::5']);
  });

  it('probes nothing when no range is configured', async () => {
    const { crawler, seer } = await setup({ ranges: [] });
    expect(crawler.candidates(seer, [row('10.0.0.2')])).toEqual([]);
  });
});

describe('NeighborCrawler.consider', () => {
  it('adds a neighbour that answers the seer\'s credentials, named after its system name, with discoveredBy', async () => {
    const { crawler, seer, snmp, inventory, lines, added } = await setup();
    snmp.addAgent('10.0.0.2:16161', answering());
    const [device] = await crawler.consider(seer, [row('10.0.0.2', 'sw2.example.net (lab)')]);
    expect(device).toMatchObject({ host: '10.0.0.2', port: 16161, name: 'sw2.example.net-lab', discoveredBy: seer.id });
    expect(inventory.get('sw2.example.net-lab').snmp).toEqual(seer.snmp);
    expect(added).toEqual([device?.id]);
    const info = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l['msg'] === 'neighbour crawl added a device');
    expect(info).toMatchObject({ level: 30, deviceId: seer.id, host: '10.0.0.2', discoveredBy: seer.id });
    expect(lines.join('\n')).not.toContain('s3cret-comm');
    // Found once, never probed again: it is in the inventory now.
    expect(crawler.candidates(seer, [row('10.0.0.2')])).toEqual([]);
  });

  it('makes the name unique, and falls back to the address when the system name is unusable', async () => {
    const { crawler, seer, snmp, inventory } = await setup();
    await inventory.add({ host: '10.9.9.9', name: 'sw2', snmp: { version: '2c', community: new Secret('x') } });
    snmp.addAgent('10.0.0.2:16161', answering());
    snmp.addAgent('10.0.0.3:16161', answering());
    const devices = await crawler.consider(seer, [row('10.0.0.2', 'sw2'), row('10.0.0.3', '4711')]);
    expect(devices.map((d) => d.name).sort()).toEqual(['10.0.0.3:16161', 'sw2-2']);
  });

  it('does not add a neighbour that does not answer, and does not ask it again within the retry window', async () => {
    let now = 1_000_000;
    const { crawler, seer, snmp, inventory } = await setup({ now: () => now });
    snmp.addAgent('10.0.0.2:16161', answering('another-community'));
    expect(await crawler.consider(seer, [row('10.0.0.2')])).toEqual([]);
    expect(inventory.list()).toHaveLength(1);
    const requests = snmp.requests;
    expect(await crawler.consider(seer, [row('10.0.0.2')])).toEqual([]);
    expect(snmp.requests).toBe(requests);
    snmp.addAgent('10.0.0.2:16161', answering());
    now += 30 * 60_000;
    expect((await crawler.consider(seer, [row('10.0.0.2')])).map((d) => d.host)).toEqual(['10.0.0.2']);
  });

  it('keeps at most maxConcurrent probes in flight', async () => {
    const { crawler, seer, snmp } = await setup({ maxConcurrent: 2 });
    let inFlight = 0;
    let peak = 0;
    const rows: CrawlNeighbor[] = [];
    for (let i = 2; i < 12; i += 1) {
      snmp.addAgent(`10.0.0.${i}:16161`, answering().fail(() => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        return undefined;
      }));
      rows.push(row(`10.0.0.${i}`, `sw${i}`));
    }
    const open = snmp.open.bind(snmp);
    snmp.open = (target) => {
      const session = open(target);
      const get = session.get.bind(session);
      session.get = async (oids, options) => {
        try {
          await Promise.resolve();
          return await get(oids, options);
        } finally {
          inFlight -= 1;
        }
      };
      return session;
    };
    expect(await crawler.consider(seer, rows)).toHaveLength(10);
    expect(peak).toBeLessThanOrEqual(2);
    expect(peak).toBeGreaterThan(0);
  });
});
