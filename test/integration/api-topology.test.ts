/** /devices/:id/neighbors, /links, /links/:id and /topology over the real SQLite inventory, with hand-made neighbour discoveries. */
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Secret } from '../../src/model/secret.js';
import type { Link, Neighbor, NeighborDiscovery } from '../../src/model/topology.js';
import { AUTH, errorOf, makeDeviceState, makeInterface, startApi, type Harness } from './api-harness.js';

/*
 * core (Gi1/0/1) ── LLDP both ways ── (Gi1/0/24) access1      up
 * core (Gi1/0/2) ── LLDP / CDP ────── (Gi1/0/24) access2      down: access2's port is oper down
 * core (Gi1/0/3) ── LLDP, gone ────── (Gi1/0/23) access2      down: missing from core's latest discovery
 * access1 (Gi1/0/5) ── LLDP ── phone-7 (outside the inventory) up
 */

const MIN_MS = 60_000;
let h: Harness;
let now: number;
let ids: { core: number; access1: number; access2: number };

function nbr(localIfIndex: number, over: Partial<Neighbor>): Neighbor {
  return {
    protocol: 'lldp',
    localIfIndex,
    localIfName: `Gi1/0/${localIfIndex}`,
    mappedBy: 'ifIndex',
    remoteName: null,
    remoteChassisId: null,
    remotePort: null,
    remotePortDescr: null,
    remotePlatform: null,
    remoteCapabilities: ['bridge'],
    remoteAddress: null,
    ...over,
  };
}

const disc = (localChassisId: string | null, neighbors: Neighbor[]): NeighborDiscovery => ({ localChassisId, neighbors, unmapped: 0 });

const CORE_MAC = '00:1a:2b:00:00:01';
const ACCESS1_MAC = '00:1a:2b:00:00:02';

beforeEach(async () => {
  h = await startApi();
  const add = async (name: string, host: string): Promise<number> => (await h.inventory.add({ host, name, snmp: { version: '2c', community: new Secret('public') } })).id;
  ids = { core: await add('core', '10.0.0.1'), access1: await add('access1', '10.0.0.2'), access2: await add('access2', '10.0.0.3') };
  const ports = (...n: number[]) => n.map((i) => makeInterface(i, { inUtilization: 10 * i, outUtilization: 5 * i, inBps: 1e6 * i, outBps: 2e6 * i }));
  h.state.set(makeDeviceState(ids.core, { sysName: 'core.corp.example', role: 'router', interfaces: ports(1, 2, 3) }));
  h.state.set(makeDeviceState(ids.access1, { sysName: 'access1.corp.example', interfaces: ports(5, 24) }));
  h.state.set(makeDeviceState(ids.access2, { sysName: 'access2', interfaces: [...ports(23), makeInterface(24, { operStatus: 'down', inBps: 0, outBps: 0, inUtilization: 0, outUtilization: 0 })] }));
  now = Date.now();
  const earlier = now - 10 * MIN_MS;
  const toAccess1 = nbr(1, { remoteChassisId: ACCESS1_MAC, remoteName: 'access1.corp.example', remotePort: 'Gi1/0/24' });
  const toAccess2 = nbr(2, { remoteChassisId: '00:1a:2b:00:00:03', remoteName: 'access2.corp.example', remotePort: 'Gi1/0/24' });
  const goneToAccess2 = nbr(3, { remoteChassisId: '00:1a:2b:00:00:03', remoteName: 'access2.corp.example', remotePort: 'Gi1/0/23' });
  await h.topology.record(ids.core, disc(CORE_MAC, [toAccess1, toAccess2, goneToAccess2]), earlier);
  await h.topology.record(ids.core, disc(CORE_MAC, [toAccess1, toAccess2]), now - MIN_MS);
  await h.topology.record(ids.access1, disc(ACCESS1_MAC, [
    nbr(24, { remoteChassisId: CORE_MAC, remoteName: 'core.corp.example', remotePort: 'Gi1/0/1', remoteCapabilities: ['bridge', 'router'] }),
    nbr(5, { remoteChassisId: 'aa:bb:cc:dd:ee:07', remoteName: 'phone-7', remotePort: 'port 1', remoteCapabilities: ['telephone'], remoteAddress: '10.9.9.7' }),
  ]), now - MIN_MS);
  // access2 speaks CDP only: the device ID is core's sysName without domain, the port its ifDescr.
  await h.topology.record(ids.access2, disc(null, [
    nbr(24, { protocol: 'cdp', remoteChassisId: 'core', remoteName: 'core', remotePort: 'GigabitEthernet1/0/2', remotePlatform: 'cisco WS-C3850' }),
  ]), now - MIN_MS);
});
afterEach(async () => {
  await h.close();
});

async function get(url: string): Promise<{ status: number; body: string; json: <T>() => T }> {
  const r = await h.app.inject({ url });
  return { status: r.statusCode, body: r.body, json: <T>() => r.json<T>() };
}

const describeLink = (l: Link): string => `${l.a.device}:${l.a.ifName ?? '?'} ~ ${l.b.device}:${l.b.ifName ?? '?'} ${l.protocols.join('+')} ${l.status}`;

describe('GET /api/v1/devices/:id/neighbors', () => {
  it("lists a device's rows by id or name with the inventory device each one is and when it was seen", async () => {
    const r = await get('/api/v1/devices/access1/neighbors');
    expect(r.status).toBe(200);
    const rows = r.json<Array<Record<string, unknown>>>();
    expect(rows.map((n) => [n['localIfName'], n['remoteName'], n['remoteDeviceId']])).toEqual([
      ['Gi1/0/5', 'phone-7', null],
      ['Gi1/0/24', 'core.corp.example', ids.core],
    ]);
    expect(Object.keys(rows[1] ?? {}).sort()).toEqual(
      ['localIfName', 'localIfIndex', 'mappedBy', 'protocol', 'remoteName', 'remoteChassisId', 'remotePort', 'remotePortDescr', 'remotePlatform',
        'remoteCapabilities', 'remoteAddress', 'remoteDeviceId', 'firstSeen', 'lastSeen'].sort(),
    );
    const seen = new Date(now - MIN_MS).toISOString();
    expect(rows[1]).toMatchObject({ mappedBy: 'ifIndex', protocol: 'lldp', remoteCapabilities: ['bridge', 'router'], firstSeen: seen, lastSeen: seen });
    expect((await get(`/api/v1/devices/${ids.access1}/neighbors`)).json()).toEqual(rows);
  });

  it('keeps a neighbour missing from the latest discovery with its old lastSeen', async () => {
    const rows = (await get('/api/v1/devices/core/neighbors')).json<Array<{ localIfIndex: number; lastSeen: string }>>();
    expect(rows.map((n) => [n.localIfIndex, n.lastSeen])).toEqual([
      [1, new Date(now - MIN_MS).toISOString()],
      [2, new Date(now - MIN_MS).toISOString()],
      [3, new Date(now - 10 * MIN_MS).toISOString()],
    ]);
  });

  it('answers [] for a device never discovered and 404 for an unknown one', async () => {
    const other = await h.inventory.add({ host: '10.0.0.9', name: 'lonely', snmp: { version: '2c', community: new Secret('public') } });
    expect((await get(`/api/v1/devices/${other.id}/neighbors`)).json()).toEqual([]);
    const r = await get('/api/v1/devices/nope/neighbors');
    expect(r.status).toBe(404);
    expect(errorOf(r.body).code).toBe('LS_DEVICE_NOT_FOUND');
  });
});

describe('GET /api/v1/links', () => {
  it('lists each physical link once, both directions merged, with live status and side a rates', async () => {
    const links = (await get('/api/v1/links')).json<Link[]>();
    expect(links.map(describeLink)).toEqual([
      'core:Gi1/0/1 ~ access1:Gi1/0/24 lldp up',
      'core:Gi1/0/2 ~ access2:Gi1/0/24 cdp+lldp down',
      'core:Gi1/0/3 ~ access2:Gi1/0/23 lldp down',
      'access1:Gi1/0/5 ~ phone-7:port 1 lldp up',
    ]);
    expect(links[0]).toMatchObject({
      a: { deviceId: ids.core, device: 'core', ifName: 'Gi1/0/1' },
      b: { deviceId: ids.access1, device: 'access1', ifName: 'Gi1/0/24' },
      speedBps: 1e9,
      utilization: 10,
      inBps: 1e6,
      outBps: 2e6,
      firstSeen: new Date(now - 10 * MIN_MS).toISOString(),
      lastSeen: new Date(now - MIN_MS).toISOString(),
    });
    expect(links[2]?.lastSeen).toBe(new Date(now - 10 * MIN_MS).toISOString());
    expect(links[3]?.b).toEqual({ deviceId: null, device: 'phone-7', ifName: 'port 1' });
  });

  it('filters by status, minUtilization and device (id or name)', async () => {
    const ends = async (query: string): Promise<string[]> => (await get(`/api/v1/links?${query}`)).json<Link[]>().map((l) => `${l.a.ifName ?? ''}-${l.b.device}`);
    expect(await ends('status=down')).toEqual(['Gi1/0/2-access2', 'Gi1/0/3-access2']);
    expect(await ends('status=up&minUtilization=20')).toEqual(['Gi1/0/5-phone-7']);
    expect(await ends('minUtilization=25.5')).toEqual(['Gi1/0/3-access2', 'Gi1/0/5-phone-7']);
    expect(await ends('device=access1')).toEqual(['Gi1/0/1-access1', 'Gi1/0/5-phone-7']);
    expect(await ends(`device=${ids.access2}&status=down`)).toEqual(['Gi1/0/2-access2', 'Gi1/0/3-access2']);
  });

  it('rejects bad filters naming the parameter, and an unknown device with 404', async () => {
    for (const [query, message] of [
      ['status=sideways', 'query.status: must be one of'],
      ['minUtilization=lots', 'query.minUtilization: has an invalid form'],
      ['minUtilization=-5', 'query.minUtilization: has an invalid form'],
      ['sort=id', 'query.sort: unknown field'],
      ['device=', 'query.device: must be at least 1 characters'],
    ] as const) {
      const r = await get(`/api/v1/links?${query}`);
      expect(r.status, query).toBe(400);
      expect(errorOf(r.body).message.startsWith(message), `${query}: ${r.body}`).toBe(true);
    }
    const r = await get('/api/v1/links?device=nope');
    expect(r.status).toBe(404);
    expect(errorOf(r.body).code).toBe('LS_DEVICE_NOT_FOUND');
  });

  it('shows a link by id, and 404 LS_NOT_FOUND for an unknown id', async () => {
    const [first] = (await get('/api/v1/links')).json<Link[]>();
    const one = await get(`/api/v1/links/${first?.id ?? ''}`);
    expect(one.status).toBe(200);
    expect(one.json()).toEqual(first);
    const missing = await get('/api/v1/links/0000000000dead');
    expect(missing.status).toBe(404);
    expect(errorOf(missing.body).code).toBe('LS_NOT_FOUND');
  });

  it('follows live interface status without a new discovery', async () => {
    const access2 = h.state.get(ids.access2);
    if (access2 === undefined) throw new Error('no state');
    h.state.set({ ...access2, interfaces: access2.interfaces.map((i) => ({ ...i, operStatus: 'up' as const })) });
    expect((await get('/api/v1/links?status=down')).json<Link[]>().map((l) => l.a.ifName)).toEqual(['Gi1/0/3']);
  });

  it('turns the ends at a removed device into an external neighbour', async () => {
    const del = await h.app.inject({ method: 'DELETE', url: '/api/v1/devices/core', headers: AUTH });
    expect(del.statusCode).toBe(204);
    const links = (await get('/api/v1/links')).json<Link[]>();
    expect(links.map(describeLink)).toEqual([
      'access1:Gi1/0/5 ~ phone-7:port 1 lldp up',
      'access1:Gi1/0/24 ~ core.corp.example:Gi1/0/1 lldp up',
      'access2:Gi1/0/24 ~ core:GigabitEthernet1/0/2 cdp down',
    ]);
  });
});

describe('large answers', () => {
  it('are gzip-compressed for clients that accept it, with the same JSON as without', async () => {
    const phones = Array.from({ length: 400 }, (_, i) =>
      nbr(1000 + i, { remoteChassisId: `aa:bb:cc:dd:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 0xff).toString(16).padStart(2, '0')}`, remoteName: `phone-${i}`, remotePort: 'port 1' }),
    );
    await h.topology.record(ids.core, disc(CORE_MAC, phones), now);
    for (const url of ['/api/v1/links', '/api/v1/topology']) {
      const plain = await h.app.inject({ url });
      const zipped = await h.app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate' } });
      expect(plain.headers['content-encoding'], url).toBeUndefined();
      expect(plain.rawPayload.length, url).toBeGreaterThan(64 * 1024);
      expect(zipped.headers['content-encoding'], url).toBe('gzip');
      expect(zipped.headers['vary'], url).toBe('accept-encoding');
      expect(zipped.rawPayload.length, url).toBeLessThan(plain.rawPayload.length / 5);
      expect(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8')), url).toEqual(plain.json());
    }
    const small = await h.app.inject({ url: '/api/v1/links?device=access1', headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});

describe('GET /api/v1/topology', () => {
  it('gives inventory devices and external neighbours as nodes and the links as edges', async () => {
    const r = await get('/api/v1/topology');
    expect(r.status).toBe(200);
    const view = r.json<{ nodes: Array<Record<string, unknown>>; edges: Array<Link & { source: unknown; target: unknown }> }>();
    expect(view.nodes).toEqual([
      { id: ids.core, name: 'core', role: 'router', status: 'up', external: false },
      { id: ids.access1, name: 'access1', role: 'switch', status: 'up', external: false },
      { id: ids.access2, name: 'access2', role: 'switch', status: 'up', external: false },
      { id: 'ext:aa:bb:cc:dd:ee:07', name: 'phone-7', role: 'other', status: 'unknown', external: true },
    ]);
    expect(view.edges.map((e) => [e.source, e.target, e.status])).toEqual([
      [ids.core, ids.access1, 'up'],
      [ids.core, ids.access2, 'down'],
      [ids.core, ids.access2, 'down'],
      [ids.access1, 'ext:aa:bb:cc:dd:ee:07', 'up'],
    ]);
    const links = (await get('/api/v1/links')).json<Link[]>();
    expect(view.edges.map(({ source: _s, target: _t, ...link }) => link)).toEqual(links);
  });
});
