/** What a new user hit in the first hour, at the API: names real devices carry, 400s that say what is expected. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUTH, errorOf, makeDeviceState, makeInterface, startApi, type Harness } from './api-harness.js';
import { DEVICE_STATUSES } from '../../src/model/types.js';
import { silentLogger } from '../../src/observability/logger.js';
import { Poller } from '../../src/poller/poller.js';
import { FakeAgent, FakeSnmpClient } from '../../src/snmp/fake-client.js';
import { SnmpType } from '../../src/snmp/types.js';
import { MemorySink } from '../../src/storage/memory-sink.js';

let h: Harness;
beforeEach(async () => {
  h = await startApi();
});
afterEach(async () => {
  await h.close();
});

async function post(payload: unknown): Promise<{ status: number; body: string }> {
  const r = await h.app.inject({ method: 'POST', url: '/api/v1/devices', headers: AUTH, payload: payload as object });
  return { status: r.statusCode, body: r.body };
}

async function get(url: string): Promise<{ status: number; body: string }> {
  const r = await h.app.inject({ url });
  return { status: r.statusCode, body: r.body };
}

describe('device names real devices carry', () => {
  it.each(['swos_css326-24g-2s+', 'core sw1', 'Zürich Kern 1', 'スイッチ-3'])('accepts %j and finds it URL-encoded', async (name) => {
    const created = await post({ host: '10.0.0.1', name, snmp: { version: '2c', community: 'public' } });
    expect(created.status, created.body).toBe(201);
    const id = (JSON.parse(created.body) as { id: number }).id;
    h.state.set(makeDeviceState(id, { interfaces: [makeInterface(1)] }));
    const byName = await get(`/api/v1/devices/${encodeURIComponent(name)}`);
    expect(byName.status, byName.body).toBe(200);
    expect(JSON.parse(byName.body)).toMatchObject({ id, name });
    expect((await get(`/api/v1/devices/${encodeURIComponent(name)}/interfaces`)).status).toBe(200);
  });

  it('refuses a name with a control character or a slash, saying what is expected', async () => {
    for (const name of ['sw\u0001', 'sw/1', ' sw1']) {
      const r = await post({ host: '10.0.0.1', name, snmp: { version: '2c', community: 'public' } });
      expect(r.status, name).toBe(400);
      expect(errorOf(r.body).message).toMatch(/^body\.name: has an invalid form; expected a name of printable characters without "\/"/);
    }
  });
});

describe('400 replies name the field and what it expects', () => {
  beforeEach(async () => {
    await post({ host: '10.0.0.1', name: 'sw', snmp: { version: '2c', community: 'public' } });
  });

  it.each([
    ['/api/v1/devices/sw/interfaces?minUtilization=abc', 'query.minUtilization: has an invalid form; expected a number of percent such as 80'],
    ['/api/v1/links?minUtilization=abc', 'query.minUtilization: has an invalid form; expected a number of percent such as 80'],
    ['/api/v1/devices/sw/interfaces?status=sideways', 'query.status: must be one of'],
  ])('%s', async (url, message) => {
    const r = await get(url);
    expect(r.status).toBe(400);
    expect(errorOf(r.body).message.startsWith(message), r.body).toBe(true);
    expect(errorOf(r.body).message).not.toContain('Only ');
  });

  it('says what an interval must look like', async () => {
    const r = await post({ host: '10.0.0.2', interval: 'often', snmp: { version: '2c', community: 'public' } });
    expect(r.status).toBe(400);
    expect(errorOf(r.body).message).toContain('body.interval: has an invalid form; expected a duration with a unit such as "30s"');
  });
});

describe('which links are down', () => {
  beforeEach(async () => {
    const id = (JSON.parse((await post({ host: '10.0.0.1', name: 'sw', snmp: { version: '2c', community: 'public' } })).body) as { id: number }).id;
    h.state.set(
      makeDeviceState(id, {
        interfaces: [
          makeInterface(1, { ifName: 'uplink', adminStatus: 'up', operStatus: 'down', lastChangeAt: new Date(Date.now() - 90_000).toISOString() }),
          makeInterface(2, { ifName: 'unused', adminStatus: 'down', operStatus: 'down' }),
          makeInterface(3, { ifName: 'server', adminStatus: 'up', operStatus: 'lowerLayerDown' }),
          makeInterface(4, { ifName: 'ok', adminStatus: 'up', operStatus: 'up', lastChangeAt: null }),
        ],
      }),
    );
  });

  const names = async (query: string): Promise<string[]> => (JSON.parse((await get(`/api/v1/devices/sw/interfaces?${query}`)).body) as Array<{ ifName: string }>).map((i) => i.ifName);

  it('problem=down lists admin-up ports that are not up, leaving admin-down ones out', async () => {
    expect(await names('problem=down')).toEqual(['uplink', 'server']);
    expect(await names('status=down')).toEqual(['uplink', 'unused']);
  });

  it('filters by adminStatus', async () => {
    expect(await names('adminStatus=down')).toEqual(['unused']);
    expect(await names('adminStatus=up&status=up')).toEqual(['ok']);
    const r = await get('/api/v1/devices/sw/interfaces?problem=up');
    expect(r.status).toBe(400);
    expect(errorOf(r.body).message).toBe('query.problem: must be one of "down"');
  });

  it('gives lastChange as an ISO time and seconds since, keeping the raw ticks', async () => {
    const list = JSON.parse((await get('/api/v1/devices/sw/interfaces')).body) as Array<Record<string, unknown>>;
    const uplink = list.find((i) => i['ifName'] === 'uplink');
    expect(uplink).toMatchObject({ lastChange: 1234, lastChangeAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(uplink?.['lastChangeSecondsAgo']).toBeGreaterThanOrEqual(90);
    expect(uplink?.['lastChangeSecondsAgo']).toBeLessThan(90 + 600); // bounded, not timed: the reply came within 10 minutes
    expect(list.find((i) => i['ifName'] === 'ok')).toMatchObject({ lastChangeAt: null, lastChangeSecondsAgo: null });
  });
});

describe('one device-status vocabulary', () => {
  it('counts devices by the words of /devices on /health and /metrics', async () => {
    const statuses = ['up', 'unreachable', 'auth-failed', 'unreachable'] as const;
    for (const [i, status] of statuses.entries()) {
      const id = (JSON.parse((await post({ host: `10.0.1.${i + 1}`, snmp: { version: '2c', community: 'public' } })).body) as { id: number }).id;
      h.state.set(makeDeviceState(id, { status }));
    }
    const devices = JSON.parse((await get('/api/v1/devices')).body) as Array<{ status: string }>;
    expect(devices.map((d) => d.status).sort()).toEqual(['auth-failed', 'unreachable', 'unreachable', 'up']);
    expect(JSON.parse((await get('/health')).body)).toMatchObject({ devices: { up: 1, unreachable: 2, 'auth-failed': 1, pending: 0, down: 3 } });
    const metrics = (await get('/metrics')).body;
    const words = [...metrics.matchAll(/^linkscope_devices\{status="([^"]+)"\} (\d+)$/gm)].map((m) => [m[1], Number(m[2])]);
    expect(Object.fromEntries(words)).toEqual({ up: 1, unreachable: 2, 'auth-failed': 1, pending: 0 });
    // Every word /metrics and /health use is a word of /devices.
    for (const [w] of words) expect(DEVICE_STATUSES).toContain(w);
  });
});

describe('POST /api/v1/devices:batch', () => {
  const batch = async (devices: unknown[]): Promise<{ status: number; body: string }> => {
    const r = await h.app.inject({ method: 'POST', url: '/api/v1/devices:batch', headers: AUTH, payload: { devices } });
    return { status: r.statusCode, body: r.body };
  };
  const names = async (): Promise<string[]> => (JSON.parse((await get('/api/v1/devices')).body) as Array<{ name: string }>).map((d) => d.name);

  it('adds every device and schedules each', async () => {
    const r = await batch([
      { host: '10.0.0.1', name: 'a', snmp: { version: '2c', community: 'B4tch-s3cret' } },
      { host: '10.0.0.2', name: 'b', version: '2c', community: 'B4tch-s3cret' },
    ]);
    expect(r.status, r.body).toBe(201);
    expect(JSON.parse(r.body)).toMatchObject({ imported: 2, devices: [{ name: 'a', snmp: { community: '***' } }, { name: 'b' }] });
    expect(r.body).not.toContain('B4tch-s3cret');
    expect(h.poller.calls.filter(([what]) => what === 'schedule')).toHaveLength(2);
    expect(await names()).toEqual(['a', 'b']);
  });

  it('adds nothing when a row is invalid, naming each bad row', async () => {
    const r = await batch([{ host: '10.0.0.1', community: 'x' }, { host: '10.0.0.2', port: 0, community: 'x' }, { host: '' }]);
    expect(r.status).toBe(400);
    expect(errorOf(r.body).message).toMatch(/^2 of 3 devices are invalid; nothing was added: devices\[1\]: .*port.* \| devices\[2\]: /);
    expect(await names()).toEqual([]);
  });

  it('adds nothing when a row duplicates a device in the inventory', async () => {
    await post({ host: '10.0.0.9', name: 'taken', snmp: { version: '2c', community: 'x' } });
    const r = await batch([{ host: '10.0.0.1', name: 'fresh', community: 'x' }, { host: '10.0.0.2', name: 'taken', community: 'x' }]);
    expect(r.status).toBe(409);
    expect(errorOf(r.body).message).toMatch(/^devices\[1\]: .*taken.*; nothing was added$/);
    expect(await names()).toEqual(['taken']);
  });
});

describe('data truth, from a real poll to the API', () => {
  /** A real Poller over the harness's inventory and live state, SNMP from a map-backed fake agent. */
  async function pollThrough(agent: FakeAgent, name: string): Promise<number> {
    const id = (JSON.parse((await post({ host: '10.0.9.1', name, snmp: { version: '2c', community: 'c' } })).body) as { id: number }).id;
    const snmp = new FakeSnmpClient();
    snmp.addAgent('10.0.9.1', agent);
    const poller = new Poller({
      inventory: h.inventory,
      snmp,
      sink: new MemorySink(),
      state: h.state,
      counters: { load: async () => null, save: async () => undefined, remove: async () => undefined },
      logger: silentLogger(),
      settings: { pollIntervalMs: 60_000, snmp: { timeoutMs: 200, retries: 0, maxRepetitions: 10 }, maxConcurrentRequests: 2, jitterRatio: 0, rediscoverIntervalMs: 3_600_000, backoffMaxMs: 60_000 },
    });
    try {
      await poller.pollNow(id);
    } finally {
      await poller.stop();
    }
    return id;
  }

  it('serves interface and system names without the control characters the agent sent', async () => {
    const agent = new FakeAgent()
      .set('1.3.6.1.2.1.1.2.0', SnmpType.ObjectIdentifier, '1.3.6.1.4.1.8072.3.2.10') // SNMPv2-MIB::sysObjectID.0
      .set('1.3.6.1.2.1.1.3.0', SnmpType.TimeTicks, 100_000) // SNMPv2-MIB::sysUpTime.0
      .set('1.3.6.1.2.1.1.5.0', SnmpType.OctetString, 'sw\u0007-bell') // SNMPv2-MIB::sysName.0
      .set('1.3.6.1.2.1.2.2.1.2.1', SnmpType.OctetString, 'eth\u00010') // IF-MIB::ifDescr.1
      .set('1.3.6.1.2.1.2.2.1.7.1', SnmpType.Integer, 7) // IF-MIB::ifAdminStatus.1, outside its enumeration
      .set('1.3.6.1.2.1.2.2.1.8.1', SnmpType.Integer, 1); // IF-MIB::ifOperStatus.1
    await pollThrough(agent, 'ctl');
    const device = JSON.parse((await get('/api/v1/devices/ctl')).body) as { status: string; sysName: string };
    expect(device).toMatchObject({ status: 'up', sysName: 'sw-bell' });
    const [itf] = JSON.parse((await get('/api/v1/devices/ctl/interfaces')).body) as Array<{ ifName: string; ifDescr: string; adminStatus: string }>;
    expect(itf).toMatchObject({ ifName: 'eth0', ifDescr: 'eth0', adminStatus: 'unknown' });
  });

  it('does not call an agent up that gives neither the system group nor ifTable', async () => {
    await pollThrough(new FakeAgent().set('1.3.6.1.4.1.8072.1.1.0', SnmpType.Integer, 1), 'empty'); // under NET-SNMP-MIB::netSnmpObjects: nothing of mib-2
    const device = JSON.parse((await get('/api/v1/devices/empty')).body) as { status: string; lastError: { code: string } | null };
    expect(device.status).toBe('unreachable');
    expect(device.lastError?.code).toBe('LS_SNMP_NO_DATA');
  });
});
