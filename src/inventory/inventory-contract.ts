/**
 * The behaviour every Inventory implementation owes its callers, as a reusable vitest suite: CRUD,
 * duplicates, all-or-nothing imports, change tokens, neighbours, secrets, sites, persistence.
 * Implementation-independent on purpose: it imports no storage module, so an implementation on
 * another database runs it from its own test (describeInventoryContract('postgres', …)).
 * Not a test file itself (no `.test.` in the name): each implementation's test calls it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LinkscopeError } from '../model/errors.js';
import { Secret } from '../model/secret.js';
import type { Neighbor, NeighborDiscovery } from '../model/topology.js';
import { DEFAULT_SITE, type Device, type NewDevice } from '../model/types.js';
import type { Inventory } from './types.js';

export interface InventoryContractSubject {
  /** A fresh, empty inventory. */
  readonly inventory: Inventory;
  /**
   * Another instance on the same storage, as a restarted process would open it. The suite closes
   * `inventory` before calling it. Without it, the persistence tests are skipped.
   */
  readonly reopen?: () => Promise<Inventory>;
  /** Closes whatever open() and reopen() returned (`inventory` may already be closed) and removes the storage. */
  readonly cleanup: () => Promise<void>;
}

const HOUR_MS = 3_600_000;
const T0 = '2025-01-01T00:00:00.000Z';
const T1 = '2025-01-01T00:05:00.000Z';
const T2 = '2025-01-01T00:50:00.000Z';
const T3 = '2025-01-01T01:06:00.000Z';

export function v2(host: string, community: string, extra: Partial<NewDevice> = {}): NewDevice {
  return { host, snmp: { version: '2c', community: new Secret(community) }, ...extra };
}

export function v3(host: string, user: string, context?: string): NewDevice {
  return {
    host,
    snmp: {
      version: '3',
      user,
      level: 'authPriv',
      authProtocol: 'sha256',
      authKey: new Secret('auth-key-secret-1'),
      privProtocol: 'aes',
      privKey: new Secret('priv-key-secret-1'),
      ...(context === undefined ? {} : { context }),
    },
  };
}

function neighbor(localIfIndex: number, remoteChassisId: string, remotePort: string, extra: Partial<Neighbor> = {}): Neighbor {
  return {
    protocol: 'lldp',
    localIfIndex,
    localIfName: `Gi1/0/${localIfIndex}`,
    mappedBy: 'ifIndex',
    remoteName: 'sw2.example.net',
    remoteChassisId,
    remotePort,
    remotePortDescr: null,
    remotePlatform: 'Cisco IOS',
    remoteCapabilities: ['bridge'],
    remoteAddress: '10.0.0.2',
    ...extra,
  };
}

function discovery(neighbors: Neighbor[], localChassisId: string | null = '00:00:00:00:00:01'): NeighborDiscovery {
  return { localChassisId, neighbors, unmapped: neighbors.filter((n) => n.localIfIndex === null).length };
}

interface Failure {
  readonly code: string;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** A write's failure: it must come as a rejected promise (never a synchronous throw) carrying a LinkscopeError. */
async function rejection(write: () => Promise<unknown>): Promise<Failure> {
  let pending: Promise<unknown>;
  try {
    pending = write();
  } catch (err) {
    throw new Error(`expected a rejected promise, the write threw synchronously: ${String(err)}`);
  }
  expect(pending).toBeInstanceOf(Promise);
  try {
    await pending;
  } catch (err) {
    if (err instanceof LinkscopeError) return { code: err.code, message: err.message, details: err.details ?? {} };
    throw err;
  }
  throw new Error('expected the write to reject with a LinkscopeError');
}

/** A read's failure: reads are synchronous and throw. */
function thrown(read: () => unknown): Failure {
  try {
    read();
  } catch (err) {
    if (err instanceof LinkscopeError) return { code: err.code, message: err.message, details: err.details ?? {} };
    throw err;
  }
  throw new Error('expected a LinkscopeError');
}

const community = (d: Device): string | undefined => (d.snmp.version === '3' ? undefined : d.snmp.community.reveal());

/**
 * Registers the contract's describe/it blocks. `open` is called before every test and must give
 * a fresh, empty inventory; `cleanup` runs after it.
 */
export function describeInventoryContract(label: string, open: () => Promise<InventoryContractSubject>): void {
  describe(`Inventory contract: ${label}`, () => {
    let subject: InventoryContractSubject;
    let inv: Inventory;
    beforeEach(async () => {
      subject = await open();
      inv = subject.inventory;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    /** The subject's reopen, after closing the first instance; undefined when the implementation has none. */
    async function reopened(): Promise<Inventory | undefined> {
      if (subject.reopen === undefined) return undefined;
      await inv.close();
      return subject.reopen();
    }

    describe('devices', () => {
      it('adds, lists, finds, updates and removes devices', async () => {
        const a = await inv.add(v2('10.0.0.1', 'public', { name: 'core-sw1', intervalMs: 30_000 }));
        expect(a).toMatchObject({ name: 'core-sw1', host: '10.0.0.1', port: 161, intervalMs: 30_000, discoveredBy: null, site: DEFAULT_SITE });
        expect(Number.isSafeInteger(a.id) && a.id > 0).toBe(true);
        expect(new Date(a.createdAt).toISOString()).toBe(a.createdAt);
        expect(a.updatedAt).toBe(a.createdAt);
        expect(a).not.toHaveProperty('metrics');
        const b = await inv.add(v3('10.0.0.2', 'monitor', 'vlan-10'));
        expect(b.id).toBeGreaterThan(a.id);
        expect(b.snmp).toMatchObject({ version: '3', user: 'monitor', level: 'authPriv', authProtocol: 'sha256', privProtocol: 'aes', context: 'vlan-10' });

        expect(inv.list().map((d) => d.name)).toEqual(['core-sw1', '10.0.0.2']);
        expect(inv.find(a.id)?.name).toBe('core-sw1');
        expect(inv.find(String(a.id))?.name).toBe('core-sw1');
        expect(inv.find('CORE-SW1')?.id).toBe(a.id);
        expect(inv.find('nope')).toBeUndefined();
        expect(inv.find(b.id + 1000)).toBeUndefined();
        expect(inv.get('core-sw1').id).toBe(a.id);

        const updated = await inv.update('core-sw1', { port: 1161, intervalMs: null, snmp: { version: '1', community: new Secret('private') } });
        expect(updated).toMatchObject({ id: a.id, name: 'core-sw1', port: 1161, intervalMs: null, snmp: { version: '1' }, createdAt: a.createdAt });
        expect(community(updated)).toBe('private');
        expect(inv.get(a.id)).toMatchObject({ port: 1161, intervalMs: null });

        expect(await inv.remove('10.0.0.2')).toMatchObject({ id: b.id, name: '10.0.0.2' });
        expect(inv.list().map((d) => d.id)).toEqual([a.id]);
        expect(thrown(() => inv.get(b.id))).toMatchObject({ code: 'LS_DEVICE_NOT_FOUND', message: expect.stringContaining(String(b.id)) });
        expect(await rejection(() => inv.remove('ghost'))).toMatchObject({ code: 'LS_DEVICE_NOT_FOUND', message: expect.stringContaining('ghost') });
        expect(await rejection(() => inv.update('ghost', { port: 162 }))).toMatchObject({ code: 'LS_DEVICE_NOT_FOUND' });
      });

      it('never reuses the id of a removed device', async () => {
        const first = await inv.add(v2('10.0.0.1', 'a'));
        await inv.remove(first.id);
        expect((await inv.add(v2('10.0.0.1', 'a'))).id).toBeGreaterThan(first.id);
      });

      it('stores which device the neighbour crawl found a device through, null for one added by hand', async () => {
        const seer = await inv.add(v2('10.0.0.1', 'a'));
        expect(seer.discoveredBy).toBeNull();
        const found = await inv.add({ ...v2('10.0.0.2', 'a'), discoveredBy: seer.id });
        expect(found.discoveredBy).toBe(seer.id);
        expect(inv.get(found.id).discoveredBy).toBe(seer.id);
      });

      it("stores a device's custom metric names, replaces them by update and clears them with []", async () => {
        const d = await inv.add(v2('10.0.0.1', 'a', { metrics: ['ip-stats', 'temps'] }));
        expect(d.metrics).toEqual(['ip-stats', 'temps']);
        expect((await inv.add(v2('10.0.0.2', 'a'))).metrics).toBeUndefined();
        expect(inv.get(d.id).metrics).toEqual(['ip-stats', 'temps']);
        expect((await inv.update(d.id, { metrics: ['temps'] })).metrics).toEqual(['temps']);
        expect((await inv.update(d.id, { intervalMs: 5000 })).metrics).toEqual(['temps']);
        expect((await inv.update(d.id, { metrics: [] })).metrics).toBeUndefined();
        expect(await rejection(() => inv.update(d.id, { metrics: ['a', 'a'] }))).toMatchObject({ code: 'LS_DEVICE_INVALID', message: expect.stringContaining('metrics[1]: "a" is listed twice') });
      });

      it('validates adds and updates, naming the field, as rejections that store nothing', async () => {
        expect(await rejection(() => inv.add(v2('10.0.0.1:161', 'x')))).toMatchObject({ code: 'LS_DEVICE_INVALID', message: expect.stringContaining('host:') });
        expect(inv.list()).toEqual([]);
        const d = await inv.add(v2('10.0.0.1', 'x'));
        expect(await rejection(() => inv.update(d.id, { name: '42' }))).toMatchObject({ code: 'LS_DEVICE_INVALID', message: expect.stringContaining('name: "42" is all digits') });
        expect(await rejection(() => inv.update(d.id, { port: 0 }))).toMatchObject({ code: 'LS_DEVICE_INVALID', message: expect.stringContaining('port:') });
        expect(inv.get(d.id)).toMatchObject({ name: '10.0.0.1', port: 161 });
      });

      it('names a device after its host, adding :port off 161 and -2, -3 when taken', async () => {
        expect((await inv.add(v2('10.0.0.1', 'a'))).name).toBe('10.0.0.1');
        expect((await inv.add(v2('10.0.0.1', 'b'))).name).toBe('10.0.0.1-2');
        expect((await inv.add(v2('10.0.0.1', 'c'))).name).toBe('10.0.0.1-3');
        expect((await inv.add(v2('10.0.0.1', 'a', { port: 1161 }))).name).toBe('10.0.0.1:1161');
      });

      it('resolves sync() and leaves reads as they were', async () => {
        await inv.add(v2('10.0.0.1', 'a', { name: 'one' }));
        const token = inv.changeToken();
        await inv.sync();
        expect(inv.list().map((d) => d.name)).toEqual(['one']);
        expect(inv.changeToken()).toBe(token);
      });
    });

    describe('duplicates', () => {
      it('refuses the same host, port and community (v1 and v2c alike) without showing the community', async () => {
        await inv.add(v2('10.0.0.1', 'public', { name: 'first' }));
        const err = await rejection(() => inv.add(v2('10.0.0.1', 'public')));
        expect(err.code).toBe('LS_DEVICE_EXISTS');
        expect(err.message).toContain('first');
        expect(err.message).not.toContain('public');
        expect((await rejection(() => inv.add({ host: '10.0.0.1', snmp: { version: '1', community: new Secret('public') } }))).code).toBe('LS_DEVICE_EXISTS');
        expect(inv.list()).toHaveLength(1);
      });

      it('allows one address to front several devices with different communities or ports', async () => {
        await inv.add(v2('127.0.0.1', 'sim-switch'));
        await inv.add(v2('127.0.0.1', 'sim-router'));
        await inv.add(v2('127.0.0.1', 'sim-switch', { port: 1161 }));
        expect(inv.list()).toHaveLength(3);
      });

      it('refuses the same v3 user and context, allows another context', async () => {
        await inv.add(v3('10.0.0.5', 'monitor'));
        expect((await rejection(() => inv.add(v3('10.0.0.5', 'monitor')))).code).toBe('LS_DEVICE_EXISTS');
        await inv.add(v3('10.0.0.5', 'monitor', 'vlan-20'));
        expect((await rejection(() => inv.add(v3('10.0.0.5', 'monitor', 'vlan-20')))).code).toBe('LS_DEVICE_EXISTS');
      });

      it('treats host spelling variants as one agent', async () => {
        await inv.add(v2('2001:db8::1', 'c'));
        expect((await rejection(() => inv.add(v2('2001:DB8:0::1', 'c')))).code).toBe('LS_DEVICE_EXISTS');
      });

      it('keeps names unique regardless of case', async () => {
        await inv.add(v2('10.0.0.1', 'a', { name: 'Core' }));
        expect((await rejection(() => inv.add(v2('10.0.0.2', 'a', { name: 'core' })))).code).toBe('LS_DEVICE_EXISTS');
      });

      it('refuses an update that collides with another device, allows one onto itself', async () => {
        const one = await inv.add(v2('10.0.0.1', 'a', { name: 'one' }));
        await inv.add(v2('10.0.0.1', 'b', { name: 'two' }));
        expect((await rejection(() => inv.update('two', { snmp: { version: '2c', community: new Secret('a') } }))).code).toBe('LS_DEVICE_EXISTS');
        expect(await rejection(() => inv.update('two', { name: 'ONE' }))).toMatchObject({ code: 'LS_DEVICE_EXISTS', message: expect.stringContaining('one') });
        expect(await inv.update('one', { name: 'One', snmp: { version: '2c', community: new Secret('a') } })).toMatchObject({ id: one.id, name: 'One' });
        expect(inv.get('two').snmp).toMatchObject({ version: '2c' });
        expect(community(inv.get('two'))).toBe('b');
      });
    });

    describe('addMany', () => {
      it('adds every device in order and moves the change token', async () => {
        const before = inv.changeToken();
        const added = await inv.addMany([v2('10.0.0.1', 'a', { name: 'a1' }), v3('10.0.0.2', 'monitor'), v2('10.0.0.3', 'c', { site: 'dc-2' })]);
        expect(added.map((d) => d.name)).toEqual(['a1', '10.0.0.2', '10.0.0.3']);
        expect(added.map((d) => d.site)).toEqual([DEFAULT_SITE, DEFAULT_SITE, 'dc-2']);
        expect(inv.list().map((d) => d.id)).toEqual(added.map((d) => d.id));
        expect(inv.changeToken()).not.toBe(before);
        expect(await inv.addMany([])).toEqual([]);
      });

      it.each([
        ['a duplicate earlier in the list', [v2('10.0.0.1', 'a', { name: 'x1' }), v2('10.0.0.2', 'b'), v2('10.0.0.9', 'z', { name: 'X1' })], 2, 'LS_DEVICE_EXISTS'],
        ['a duplicate of a stored device', [v2('10.0.0.1', 'a', { name: 'x1' }), v2('10.0.0.5', 'stored')], 1, 'LS_DEVICE_EXISTS'],
        ['an invalid row', [v2('10.0.0.1', 'a', { name: 'x1' }), v2('10.0.0.2', 'b', { site: 'no site' })], 1, 'LS_DEVICE_INVALID'],
      ] as const)('stores nothing of the list when it holds %s, naming the row', async (_what, inputs, row, code) => {
        const stored = await inv.add(v2('10.0.0.5', 'stored', { name: 'stored' }));
        const token = inv.changeToken();
        const err = await rejection(() => inv.addMany(inputs));
        expect(err).toMatchObject({ code, details: expect.objectContaining({ row }) });
        expect(inv.list().map((d) => d.id)).toEqual([stored.id]);
        expect(inv.find('x1')).toBeUndefined();
        expect(inv.changeToken()).toBe(token);
        // The names the failed list would have taken are still free.
        expect((await inv.add(v2('10.0.0.1', 'a', { name: 'x1' }))).name).toBe('x1');
      });
    });

    describe('change token', () => {
      it('moves on every write and not on reads', async () => {
        const t0 = inv.changeToken();
        expect(inv.changeToken()).toBe(t0);
        const d = await inv.add(v2('10.0.0.1', 'a'));
        const t1 = inv.changeToken();
        expect(t1).not.toBe(t0);
        inv.list();
        inv.find(d.id);
        inv.listNeighbors();
        expect(inv.changeToken()).toBe(t1);
        await inv.update(d.id, { intervalMs: 5000 });
        const t2 = inv.changeToken();
        expect(t2).not.toBe(t1);
        await inv.update(d.id, { site: 'dc-1' });
        const t3 = inv.changeToken();
        expect(t3).not.toBe(t2);
        await inv.update(d.id, { metrics: ['temps'] });
        const t4 = inv.changeToken();
        expect(t4).not.toBe(t3);
        await inv.addMany([v2('10.0.0.2', 'b')]);
        const t5 = inv.changeToken();
        expect(t5).not.toBe(t4);
        await inv.remove(d.id);
        expect(inv.changeToken()).not.toBe(t5);
      });
    });

    describe('secrets', () => {
      it('gives back communities and v3 keys as Secrets that reveal what was stored, and print as ***', async () => {
        const a = await inv.add(v2('10.0.0.1', 'community-1'));
        const b = await inv.add(v3('10.0.0.2', 'monitor'));
        for (const d of [a, inv.get(a.id), inv.list()[0]]) {
          expect(d?.snmp.version === '2c' && d.snmp.community).toBeInstanceOf(Secret);
          expect(d !== undefined && community(d)).toBe('community-1');
          expect(JSON.stringify(d)).not.toContain('community-1');
        }
        for (const d of [b, inv.get(b.id)]) {
          expect(d.snmp.version === '3' && d.snmp.authKey?.reveal()).toBe('auth-key-secret-1');
          expect(d.snmp.version === '3' && d.snmp.privKey?.reveal()).toBe('priv-key-secret-1');
          expect(JSON.stringify(d)).not.toMatch(/key-secret-1/);
        }
        const rotated = await inv.update(b.id, { snmp: { ...(b.snmp as Extract<Device['snmp'], { version: '3' }>), privKey: new Secret('priv-key-secret-2') } });
        expect(rotated.snmp.version === '3' && rotated.snmp.privKey?.reveal()).toBe('priv-key-secret-2');
        expect(inv.get(b.id).snmp.version === '3' && (inv.get(b.id).snmp as { privKey?: Secret }).privKey?.reveal()).toBe('priv-key-secret-2');
      });
    });

    describe('sites', () => {
      it(`puts a device without a site in "${DEFAULT_SITE}", keeps a given one and moves it by update`, async () => {
        const plain = await inv.add(v2('10.0.0.1', 'a'));
        expect(plain.site).toBe(DEFAULT_SITE);
        const placed = await inv.add(v2('10.0.0.2', 'a', { site: 'Paris.dc-1', metrics: ['temps'] }));
        expect(placed.site).toBe('Paris.dc-1');
        expect(inv.get(placed.id).site).toBe('Paris.dc-1');
        const moved = await inv.update(placed.id, { site: 'lyon_2' });
        expect(moved).toMatchObject({ site: 'lyon_2', metrics: ['temps'], host: '10.0.0.2' });
        expect(community(moved)).toBe('a');
        expect((await inv.update(placed.id, { port: 1161 })).site).toBe('lyon_2');
        expect(inv.list().map((d) => d.site)).toEqual([DEFAULT_SITE, 'lyon_2']);
      });

      it('refuses a bad site with LS_DEVICE_INVALID naming the field, storing nothing', async () => {
        for (const site of ['', 'two words', '-lead', 'a/b', 'x'.repeat(64)]) {
          expect(await rejection(() => inv.add(v2('10.0.0.1', 'a', { site })))).toMatchObject({ code: 'LS_DEVICE_INVALID', message: expect.stringContaining('site: ') });
        }
        expect(inv.list()).toEqual([]);
        const d = await inv.add(v2('10.0.0.1', 'a', { site: 'dc-1' }));
        expect(await rejection(() => inv.update(d.id, { site: 'dc 2' }))).toMatchObject({ code: 'LS_DEVICE_INVALID', message: expect.stringContaining('site: "dc 2"') });
        expect(inv.get(d.id).site).toBe('dc-1');
      });
    });

    describe('neighbours', () => {
      async function withDevice(): Promise<number> {
        return (await inv.add({ host: '10.0.0.1', name: 'sw1', snmp: { version: '2c', community: new Secret('public') } })).id;
      }
      const rowsOf = (id: number) => inv.listNeighbors().find((d) => d.deviceId === id)?.neighbors ?? [];

      it('gives new rows firstSeen = lastSeen = now and keeps the local chassis ID', async () => {
        const id = await withDevice();
        await inv.recordNeighbors(id, discovery([neighbor(2, 'aa:bb:cc:00:00:02', 'Gi0/1')]), T0, HOUR_MS);
        const [only] = inv.listNeighbors();
        expect(only).toMatchObject({ deviceId: id, localChassisId: '00:00:00:00:00:01', discoveredAt: T0 });
        expect(only?.neighbors).toEqual([{ ...neighbor(2, 'aa:bb:cc:00:00:02', 'Gi0/1'), firstSeen: T0, lastSeen: T0 }]);
      });

      it('keeps firstSeen of a row seen again, even when its name, platform or MAC case changed', async () => {
        const id = await withDevice();
        await inv.recordNeighbors(id, discovery([neighbor(2, 'aa:bb:cc:00:00:02', 'Gi0/1')]), T0, HOUR_MS);
        await inv.recordNeighbors(id, discovery([neighbor(2, 'AA:BB:CC:00:00:02', 'Gi0/1', { remoteName: 'sw2', remotePlatform: 'IOS 15' })]), T1, HOUR_MS);
        expect(rowsOf(id)).toEqual([{ ...neighbor(2, 'AA:BB:CC:00:00:02', 'Gi0/1', { remoteName: 'sw2', remotePlatform: 'IOS 15' }), firstSeen: T0, lastSeen: T1 }]);
      });

      it('treats another remote port or local port as another row', async () => {
        const id = await withDevice();
        await inv.recordNeighbors(id, discovery([neighbor(2, 'aa:bb:cc:00:00:02', 'Gi0/1')]), T0, HOUR_MS);
        await inv.recordNeighbors(id, discovery([neighbor(2, 'aa:bb:cc:00:00:02', 'Gi0/2'), neighbor(3, 'aa:bb:cc:00:00:02', 'Gi0/1')]), T1, HOUR_MS);
        expect(rowsOf(id).map((r) => [r.localIfIndex, r.remotePort, r.firstSeen, r.lastSeen])).toEqual([
          [2, 'Gi0/1', T0, T0],
          [2, 'Gi0/2', T1, T1],
          [3, 'Gi0/1', T1, T1],
        ]);
      });

      it('keeps a row that disappeared with its old lastSeen until staleAfter, then drops it', async () => {
        const id = await withDevice();
        await inv.recordNeighbors(id, discovery([neighbor(2, 'aa:bb:cc:00:00:02', 'Gi0/1'), neighbor(3, 'aa:bb:cc:00:00:03', 'Gi0/1')]), T0, HOUR_MS);
        await inv.recordNeighbors(id, discovery([neighbor(3, 'aa:bb:cc:00:00:03', 'Gi0/1')]), T2, HOUR_MS);
        expect(rowsOf(id).map((r) => [r.localIfIndex, r.lastSeen])).toEqual([[2, T0], [3, T2]]);
        await inv.recordNeighbors(id, discovery([neighbor(3, 'aa:bb:cc:00:00:03', 'Gi0/1')]), T3, HOUR_MS);
        expect(rowsOf(id).map((r) => [r.localIfIndex, r.lastSeen])).toEqual([[3, T3]]);
      });

      it('changes neighborsToken on each discovery and on device removal, and deletes the device rows', async () => {
        const id = await withDevice();
        const t0 = inv.neighborsToken();
        await inv.recordNeighbors(id, discovery([neighbor(2, 'aa:bb:cc:00:00:02', 'Gi0/1')]), T0, HOUR_MS);
        const t1 = inv.neighborsToken();
        expect(t1).not.toBe(t0);
        await inv.remove(id);
        expect(inv.neighborsToken()).not.toBe(t1);
        expect(inv.listNeighbors()).toEqual([]);
      });

      it('lists only the devices recorded after a token when asked for changes', async () => {
        const id = await withDevice();
        const other = (await inv.add({ host: '10.0.0.2', name: 'sw2', snmp: { version: '2c', community: new Secret('public') } })).id;
        await inv.recordNeighbors(id, discovery([neighbor(2, 'aa:bb:cc:00:00:02', 'Gi0/1')]), T0, HOUR_MS);
        await inv.recordNeighbors(other, discovery([neighbor(1, 'aa:bb:cc:00:00:01', 'Gi0/2')]), T0, HOUR_MS);
        const token = inv.neighborsToken();
        expect(inv.listNeighbors(token)).toEqual([]);
        await inv.recordNeighbors(id, discovery([]), T1, HOUR_MS);
        expect(inv.listNeighbors(token).map((d) => d.deviceId)).toEqual([id]);
        expect(inv.listNeighbors().map((d) => d.deviceId)).toEqual([id, other]);
      });

      it('refuses neighbours of an unknown device with LS_DEVICE_NOT_FOUND, as a rejection', async () => {
        expect((await rejection(() => inv.recordNeighbors(42, discovery([]), T0, HOUR_MS))).code).toBe('LS_DEVICE_NOT_FOUND');
      });
    });

    describe('persistence', () => {
      it('keeps devices, secrets, sites and neighbours for the next instance', async (ctx) => {
        if (subject.reopen === undefined) return ctx.skip();
        const a = await inv.add(v2('10.0.0.1', 'public', { name: 'core-sw1', intervalMs: 30_000, metrics: ['temps'], site: 'dc-1' }));
        const b = await inv.add({ ...v3('10.0.0.2', 'monitor'), discoveredBy: a.id });
        await inv.recordNeighbors(a.id, discovery([neighbor(2, 'aa:bb:cc:00:00:02', 'Gi0/1')]), T0, HOUR_MS);
        const again = await reopened();
        if (again === undefined) throw new Error('unreachable');
        expect(again.list()).toEqual([a, b]);
        expect(again.get('core-sw1').snmp.version === '2c' && community(again.get('core-sw1'))).toBe('public');
        expect(again.get(b.id).snmp.version === '3' && (again.get(b.id).snmp as { privKey?: Secret }).privKey?.reveal()).toBe('priv-key-secret-1');
        expect(again.listNeighbors().map((d) => [d.deviceId, d.neighbors.length])).toEqual([[a.id, 1]]);
        // Ids keep counting up and duplicates are still refused after the restart.
        expect((await again.add(v2('10.0.0.3', 'c'))).id).toBeGreaterThan(b.id);
        expect((await rejection(() => again.add(v2('10.0.0.1', 'public')))).code).toBe('LS_DEVICE_EXISTS');
      });
    });
  });
}
