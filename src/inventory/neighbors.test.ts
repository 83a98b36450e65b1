/** Neighbour rows in both inventories (one suite, two implementations): first/last seen, identity, ageing, device removal. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LinkscopeError } from '../model/errors.js';
import { Secret } from '../model/secret.js';
import type { Neighbor, NeighborDiscovery } from '../model/topology.js';
import { MemoryInventory } from './memory-inventory.js';
import { openInventory } from './sqlite-inventory.js';
import type { Inventory } from './types.js';

const HOUR_MS = 3_600_000;
const T0 = '2025-01-01T00:00:00.000Z';
const T1 = '2025-01-01T00:05:00.000Z';
const T2 = '2025-01-01T00:50:00.000Z';
const T3 = '2025-01-01T01:06:00.000Z';

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

const dirs: string[] = [];
const opened: Inventory[] = [];
afterEach(async () => {
  for (const inv of opened.splice(0)) await inv.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const IMPLEMENTATIONS: ReadonlyArray<[string, () => Inventory]> = [
  ['SQLite', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkscope-nbr-'));
    dirs.push(dir);
    const inv = openInventory({ path: join(dir, 'inventory.db'), secretKey: Buffer.alloc(32, 7) });
    opened.push(inv);
    return inv;
  }],
  ['memory', () => new MemoryInventory()],
];

describe.each(IMPLEMENTATIONS)('%s inventory neighbours', (_name, make) => {
  async function withDevice(): Promise<{ inv: Inventory; id: number }> {
    const inv = make();
    const id = (await inv.add({ host: '10.0.0.1', name: 'sw1', snmp: { version: '2c', community: new Secret('public') } })).id;
    return { inv, id };
  }
  const rowsOf = (inv: Inventory, id: number) => inv.listNeighbors().find((d) => d.deviceId === id)?.neighbors ?? [];

  it('gives new rows firstSeen = lastSeen = now and keeps the local chassis ID', async () => {
    const { inv, id } = await withDevice();
    await inv.recordNeighbors(id, discovery([neighbor(2, 'aa:bb:cc:00:00:02', 'Gi0/1')]), T0, HOUR_MS);
    const [only] = inv.listNeighbors();
    expect(only).toMatchObject({ deviceId: id, localChassisId: '00:00:00:00:00:01', discoveredAt: T0 });
    expect(only?.neighbors).toEqual([{ ...neighbor(2, 'aa:bb:cc:00:00:02', 'Gi0/1'), firstSeen: T0, lastSeen: T0 }]);
  });

  it('keeps firstSeen of a row seen again, even when its name, platform or MAC case changed', async () => {
    const { inv, id } = await withDevice();
    await inv.recordNeighbors(id, discovery([neighbor(2, 'aa:bb:cc:00:00:02', 'Gi0/1')]), T0, HOUR_MS);
    await inv.recordNeighbors(id, discovery([neighbor(2, 'AA:BB:CC:00:00:02', 'Gi0/1', { remoteName: 'sw2', remotePlatform: 'IOS 15' })]), T1, HOUR_MS);
    expect(rowsOf(inv, id)).toEqual([
      { ...neighbor(2, 'AA:BB:CC:00:00:02', 'Gi0/1', { remoteName: 'sw2', remotePlatform: 'IOS 15' }), firstSeen: T0, lastSeen: T1 },
    ]);
  });

  it('treats another remote port or local port as another row', async () => {
    const { inv, id } = await withDevice();
    await inv.recordNeighbors(id, discovery([neighbor(2, 'aa:bb:cc:00:00:02', 'Gi0/1')]), T0, HOUR_MS);
    await inv.recordNeighbors(id, discovery([neighbor(2, 'aa:bb:cc:00:00:02', 'Gi0/2'), neighbor(3, 'aa:bb:cc:00:00:02', 'Gi0/1')]), T1, HOUR_MS);
    const rows = rowsOf(inv, id);
    expect(rows.map((r) => [r.localIfIndex, r.remotePort, r.firstSeen, r.lastSeen])).toEqual([
      [2, 'Gi0/1', T0, T0],
      [2, 'Gi0/2', T1, T1],
      [3, 'Gi0/1', T1, T1],
    ]);
  });

  it('keeps a row that disappeared with its old lastSeen until staleAfter, then drops it', async () => {
    const { inv, id } = await withDevice();
    await inv.recordNeighbors(id, discovery([neighbor(2, 'aa:bb:cc:00:00:02', 'Gi0/1'), neighbor(3, 'aa:bb:cc:00:00:03', 'Gi0/1')]), T0, HOUR_MS);
    await inv.recordNeighbors(id, discovery([neighbor(3, 'aa:bb:cc:00:00:03', 'Gi0/1')]), T2, HOUR_MS);
    expect(rowsOf(inv, id).map((r) => [r.localIfIndex, r.lastSeen])).toEqual([[2, T0], [3, T2]]);
    await inv.recordNeighbors(id, discovery([neighbor(3, 'aa:bb:cc:00:00:03', 'Gi0/1')]), T3, HOUR_MS);
    expect(rowsOf(inv, id).map((r) => [r.localIfIndex, r.lastSeen])).toEqual([[3, T3]]);
  });

  it('changes neighborsToken on each discovery and on device removal, and deletes the device rows', async () => {
    const { inv, id } = await withDevice();
    const t0 = inv.neighborsToken();
    await inv.recordNeighbors(id, discovery([neighbor(2, 'aa:bb:cc:00:00:02', 'Gi0/1')]), T0, HOUR_MS);
    const t1 = inv.neighborsToken();
    expect(t1).not.toBe(t0);
    await inv.remove(id);
    expect(inv.neighborsToken()).not.toBe(t1);
    expect(inv.listNeighbors()).toEqual([]);
  });

  it('lists only the devices recorded after a token when asked for changes', async () => {
    const { inv, id } = await withDevice();
    const other = (await inv.add({ host: '10.0.0.2', name: 'sw2', snmp: { version: '2c', community: new Secret('public') } })).id;
    await inv.recordNeighbors(id, discovery([neighbor(2, 'aa:bb:cc:00:00:02', 'Gi0/1')]), T0, HOUR_MS);
    await inv.recordNeighbors(other, discovery([neighbor(1, 'aa:bb:cc:00:00:01', 'Gi0/2')]), T0, HOUR_MS);
    const token = inv.neighborsToken();
    expect(inv.listNeighbors(token)).toEqual([]);
    await inv.recordNeighbors(id, discovery([]), T1, HOUR_MS);
    expect(inv.listNeighbors(token).map((d) => d.deviceId)).toEqual([id]);
    expect(inv.listNeighbors().map((d) => d.deviceId)).toEqual([id, other]);
  });

  it('refuses neighbours of an unknown device with LS_DEVICE_NOT_FOUND', async () => {
    const inv = make();
    let caught: unknown;
    try {
      await inv.recordNeighbors(42, discovery([]), T0, HOUR_MS);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(LinkscopeError);
    expect((caught as LinkscopeError).code).toBe('LS_DEVICE_NOT_FOUND');
  });
});

describe('SQLite inventory neighbours across processes', () => {
  it('shows neighbours one connection recorded to another, with a changed token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkscope-nbr-'));
    dirs.push(dir);
    const path = join(dir, 'inventory.db');
    const writer = openInventory({ path, secretKey: Buffer.alloc(32, 7) });
    const reader = openInventory({ path, secretKey: Buffer.alloc(32, 7) });
    opened.push(writer, reader);
    const id = (await writer.add({ host: '10.0.0.1', name: 'sw1', snmp: { version: '2c', community: new Secret('public') } })).id;
    const before = reader.neighborsToken();
    await writer.recordNeighbors(id, discovery([neighbor(2, 'aa:bb:cc:00:00:02', 'Gi0/1')]), T0, HOUR_MS);
    expect(reader.neighborsToken()).not.toBe(before);
    expect(reader.listNeighbors()[0]?.neighbors).toHaveLength(1);
  });
});
