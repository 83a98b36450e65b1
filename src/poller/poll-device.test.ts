/** Unit tests of one device poll against the map-backed fake agent: discovery, rates, discontinuities. */
import { describe, expect, it } from 'vitest';
import { Secret } from '../model/secret.js';
import type { Device } from '../model/types.js';
import { FakeAgent, FakeSnmpClient } from '../snmp/fake-client.js';
import { SnmpType, type SnmpSession } from '../snmp/types.js';
import type { Point } from '../storage/types.js';
import { lastChangeTime, pollDevice, type PollContext, type PollResult } from './poll-device.js';

const device: Device = {
  id: 1,
  name: 'sw1',
  host: '10.0.0.1',
  port: 161,
  snmp: { version: '2c', community: new Secret('public') },
  intervalMs: null, discoveredBy: null, site: 'default',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const SYS_UPTIME = '1.3.6.1.2.1.1.3.0';
const col = (table: 'if' | 'ifx', n: number, ifIndex: number): string =>
  `${table === 'if' ? '1.3.6.1.2.1.2.2.1' : '1.3.6.1.2.1.31.1.1.1'}.${n}.${ifIndex}`;

interface PortSpec {
  ifIndex: number;
  name: string;
  speedMbps: number;
  hc: boolean;
  inOctets?: bigint;
  outOctets?: bigint;
}

function buildAgent(ports: PortSpec[], opts: { uptime?: number; hcStuckOn?: number } = {}): FakeAgent {
  const a = new FakeAgent();
  a.set('1.3.6.1.2.1.1.1.0', SnmpType.OctetString, 'Cisco IOS Software, C2960X Software');
  a.set('1.3.6.1.2.1.1.2.0', SnmpType.ObjectIdentifier, '1.3.6.1.4.1.9.1.1208');
  a.set(SYS_UPTIME, SnmpType.TimeTicks, opts.uptime ?? 1_000_000);
  a.set('1.3.6.1.2.1.1.5.0', SnmpType.OctetString, 'sw1.example.net');
  a.set('1.3.6.1.2.1.1.7.0', SnmpType.Integer, 2);
  a.set('1.3.6.1.2.1.2.1.0', SnmpType.Integer, ports.length);
  for (const p of ports) {
    const i = p.ifIndex;
    a.set(col('if', 1, i), SnmpType.Integer, i);
    a.set(col('if', 2, i), SnmpType.OctetString, p.name);
    a.set(col('if', 3, i), SnmpType.Integer, 6);
    a.set(col('if', 5, i), SnmpType.Gauge32, Math.min(p.speedMbps * 1e6, 4294967295));
    a.set(col('if', 6, i), SnmpType.OctetString, Buffer.from([0, 0x11, 0x22, 0x33, 0x44, i]));
    a.set(col('if', 7, i), SnmpType.Integer, 1);
    a.set(col('if', 8, i), SnmpType.Integer, 1);
    a.set(col('if', 10, i), SnmpType.Counter32, (p.inOctets ?? 1000n) % (1n << 32n));
    a.set(col('if', 16, i), SnmpType.Counter32, (p.outOctets ?? 1000n) % (1n << 32n));
    a.set(col('if', 14, i), SnmpType.Counter32, 0n);
    a.set(col('ifx', 1, i), SnmpType.OctetString, p.name);
    a.set(col('ifx', 15, i), SnmpType.Gauge32, p.speedMbps);
    a.set(col('ifx', 18, i), SnmpType.OctetString, `port ${p.name}`);
    if (p.hc) {
      const stuck = opts.hcStuckOn === i;
      a.set(col('ifx', 6, i), SnmpType.Counter64, stuck ? 0n : (p.inOctets ?? 1000n));
      a.set(col('ifx', 10, i), SnmpType.Counter64, stuck ? 0n : (p.outOctets ?? 1000n));
    }
  }
  return a;
}

function harness(agent: FakeAgent) {
  const snmp = new FakeSnmpClient();
  snmp.addAgent(device.host, agent);
  const session = snmp.open({ host: device.host, port: 161, credentials: device.snmp, timeoutMs: 1000, retries: 0, maxRepetitions: 10 });
  let now = 1_700_000_000_000;
  let last: PollResult | null = null;
  return {
    advance(ms: number): void {
      now += ms;
      const up = agent.value(SYS_UPTIME);
      agent.set(SYS_UPTIME, SnmpType.TimeTicks, (typeof up === "number" ? up : 0) + Math.round(ms / 10));
    },
    async poll(): Promise<PollResult> {
      const ctx: PollContext = {
        device,
        session,
        discovery: last?.discovery ?? null,
        discoveredAtMs: last?.discoveredAtMs ?? 0,
        baseline: last?.baseline ?? null,
        rediscoverIntervalMs: 6 * 3600_000,
        nowMs: () => now,
      };
      last = await pollDevice(ctx);
      return last;
    },
  };
}

function ifPoint(r: PollResult, ifName: string): Point {
  const p = r.points.find((x) => x.measurement === 'interface' && x.tags.ifName === ifName);
  if (p === undefined) throw new Error(`no interface point for ${ifName}`);
  return p;
}

describe('pollDevice', () => {
  it('discovers on the first poll and writes raw counters without rates', async () => {
    const agent = buildAgent([
      { ifIndex: 1, name: 'Gi0/1', speedMbps: 1000, hc: true, inOctets: 5000n },
      { ifIndex: 2, name: 'Gi0/2', speedMbps: 1000, hc: true },
    ]);
    const h = harness(agent);
    const r = await h.poll();
    expect(r.rediscovered).toBe(true);
    expect(r.discovery.role).toBe('switch');
    expect(r.discovery.vendor).toBe('Cisco');
    expect(r.interfaces.map((i) => i.ifName)).toEqual(['Gi0/1', 'Gi0/2']);
    const p = ifPoint(r, 'Gi0/1');
    expect(p.tags).toEqual({ device: 'sw1', agent_host: '10.0.0.1', ifName: 'Gi0/1' });
    expect(p.fields.ifHCInOctets).toBe(5000n);
    expect(p.fields.ifHighSpeed).toBe(1000n);
    expect(p.fields.in_bps).toBeUndefined();
    const dev = r.points.find((x) => x.measurement === 'device');
    expect(dev?.fields.up).toBe(1n);
    expect(dev?.fields.sysUpTime).toBe(10_000n);
  });

  it('shows an ifAdminStatus outside up/down/testing as unknown, and a control character nowhere in the name', async () => {
    const agent = buildAgent([{ ifIndex: 1, name: 'Gi0/1\u0001', speedMbps: 1000, hc: true }]);
    agent.set(col('if', 7, 1), SnmpType.Integer, 7); // not in ifAdminStatus's enumeration; 7 is lowerLayerDown only for ifOperStatus
    const r = await harness(agent).poll();
    expect(r.interfaces[0]).toMatchObject({ ifName: 'Gi0/1', adminStatus: 'unknown', operStatus: 'up' });
    expect(ifPoint(r, 'Gi0/1').fields.ifAdminStatus).toBe(7n); // the raw value stays in InfluxDB, as IF-MIB has it
  });

  it('writes rates on the second poll from 64-bit counters over the agent clock', async () => {
    const agent = buildAgent([{ ifIndex: 1, name: 'Gi0/1', speedMbps: 1000, hc: true, inOctets: 5000n, outOctets: 0n }]);
    const h = harness(agent);
    await h.poll();
    h.advance(60_000);
    agent.bump(col('ifx', 6, 1), 750_000_000); // 100 Mbit/s over 60 s
    agent.bump(col('ifx', 10, 1), 75_000_000);
    const r = await h.poll();
    expect(r.rediscovered).toBe(false);
    const p = ifPoint(r, 'Gi0/1');
    expect(p.fields.in_bps).toBe(100e6);
    expect(p.fields.out_bps).toBe(10e6);
    expect(p.fields.in_utilization).toBeCloseTo(10, 9);
    expect(r.interfaces[0]?.counterBits).toBe(64);
    expect(r.interfaces[0]?.inBps).toBe(100e6);
  });

  it('writes no rate when sysUpTime goes backwards, and counts the discontinuity', async () => {
    const agent = buildAgent([{ ifIndex: 1, name: 'Gi0/1', speedMbps: 1000, hc: true, inOctets: 9_000_000_000n }], { uptime: 50_000_000 });
    const h = harness(agent);
    await h.poll();
    h.advance(60_000);
    agent.set(SYS_UPTIME, SnmpType.TimeTicks, 1_500);
    agent.set(col('ifx', 6, 1), SnmpType.Counter64, 12_345n);
    const r = await h.poll();
    expect(ifPoint(r, 'Gi0/1').fields.in_bps).toBeUndefined();
    expect(r.discontinuities).toBe(1);
    // The baseline was re-seeded: the next interval has rates again.
    h.advance(60_000);
    agent.bump(col('ifx', 6, 1), 7_500_000);
    const r3 = await h.poll();
    expect(ifPoint(r3, 'Gi0/1').fields.in_bps).toBe(1e6);
  });

  it('writes no rate for an ifIndex that now names another port', async () => {
    const agent = buildAgent([
      { ifIndex: 1, name: 'Gi0/1', speedMbps: 1000, hc: true, inOctets: 1000n },
      { ifIndex: 2, name: 'Gi0/2', speedMbps: 1000, hc: true, inOctets: 1000n },
    ]);
    const h = harness(agent);
    await h.poll();
    h.advance(60_000);
    agent.set(col('if', 2, 2), SnmpType.OctetString, 'Gi0/9');
    agent.set(col('ifx', 1, 2), SnmpType.OctetString, 'Gi0/9');
    agent.set(col('ifx', 6, 2), SnmpType.Counter64, 500_000_000_000n);
    agent.bump(col('ifx', 6, 1), 600);
    const r = await h.poll();
    expect(r.rediscovered).toBe(true);
    expect(ifPoint(r, 'Gi0/9').fields.in_bps).toBeUndefined();
    expect(ifPoint(r, 'Gi0/1').fields.in_bps).toBe(80);
    expect(r.withheld).toEqual([{ ifIndex: 2, reason: 'ifindex-reused' }]);
  });

  it('falls back to 32-bit counters when the HC column is stuck at zero, and handles their wrap', async () => {
    const agent = buildAgent([{ ifIndex: 1, name: 'Gi0/1', speedMbps: 100, hc: true, inOctets: 4_294_000_000n }], { hcStuckOn: 1 });
    const h = harness(agent);
    const r1 = await h.poll();
    expect(r1.interfaces[0]?.counterBits).toBe(32);
    expect(ifPoint(r1, 'Gi0/1').fields.ifInOctets).toBe(4_294_000_000n);
    expect(ifPoint(r1, 'Gi0/1').fields.ifHCInOctets).toBeUndefined();
    h.advance(60_000);
    agent.bump(col('if', 10, 1), 75_000_000); // wraps past 2^32
    const r2 = await h.poll();
    expect(ifPoint(r2, 'Gi0/1').fields.in_bps).toBe(10e6);
    expect(r2.wraps).toBe(1);
  });

  it('writes no rate when a delta is more than the port can carry', async () => {
    const agent = buildAgent([{ ifIndex: 1, name: 'Fa0/1', speedMbps: 100, hc: true, inOctets: 0n }]);
    const h = harness(agent);
    await h.poll();
    h.advance(60_000);
    agent.bump(col('ifx', 6, 1), 10_000_000_000); // 1.3 Gbit/s on 100 Mbit/s
    const r = await h.poll();
    expect(ifPoint(r, 'Fa0/1').fields.in_bps).toBeUndefined();
    expect(r.discontinuities).toBe(1);
  });

  it('gives duplicate interface names distinct tags', async () => {
    const agent = buildAgent([
      { ifIndex: 3, name: 'eth0', speedMbps: 1000, hc: true },
      { ifIndex: 7, name: 'eth0', speedMbps: 1000, hc: true },
    ]);
    const r = await harness(agent).poll();
    expect(r.points.filter((p) => p.measurement === 'interface').map((p) => p.tags.ifName)).toEqual(['eth0', 'eth0#7']);
  });
});

describe('lastChangeTime', () => {
  const wall = Date.parse('2026-05-01T12:00:00.000Z');
  it('places ifLastChange on the wall clock from sysUpTime at the sample', () => {
    // Agent up 1000 s, port changed at 400 s: 600 s before the sample.
    expect(lastChangeTime(40_000, 100_000, wall)).toBe('2026-05-01T11:50:00.000Z');
  });

  it('gives null for 0 (before the agent started), a value past sysUpTime (wrap) or no value', () => {
    expect(lastChangeTime(0, 100_000, wall)).toBeNull();
    expect(lastChangeTime(200_000, 100_000, wall)).toBeNull();
    expect(lastChangeTime(null, 100_000, wall)).toBeNull();
  });
});

/** `session` with `beforeCall` run as each request is made and `afterReply` as its reply arrives (an agent clock the test moves). */
function hookedSession(inner: SnmpSession, beforeCall: () => void, afterReply: () => void): SnmpSession {
  const hooked = <T>(call: () => Promise<T>): Promise<T> => {
    beforeCall();
    return call().then((r) => {
      afterReply();
      return r;
    });
  };
  return {
    target: inner.target,
    get stats() {
      return inner.stats;
    },
    get: (oids, o) => hooked(() => inner.get(oids, o)),
    walk: (root, o) => hooked(() => inner.walk(root, o)),
    walkColumns: (cols, o) => hooked(() => inner.walkColumns(cols, o)),
    close: () => inner.close(),
  };
}

describe('pollDevice clock pairing', () => {
  /**
   * An agent whose clock moves 100 ms per request (a slow agent, a busy poller): sysUpTime and a
   * 100 Mbit/s counter are both read from it, so only a sysUpTime read next to the counters gives
   * the true rate. The baseline comes from another process (a handover): the poll rediscovers.
   */
  it('rates a rediscovering poll from a clock read next to its counters, not the one discovery read first', async () => {
    const agent = buildAgent([{ ifIndex: 1, name: 'Gi0/1', speedMbps: 1000, hc: true, inOctets: 0n, outOctets: 0n }]);
    const snmp = new FakeSnmpClient();
    snmp.addAgent(device.host, agent);
    const inner = snmp.open({ host: device.host, port: 161, credentials: device.snmp, timeoutMs: 1000, retries: 0, maxRepetitions: 10 });
    let agentMs = 10_000_000;
    const tick = (): void => {
      agentMs += 100;
      agent.set(SYS_UPTIME, SnmpType.TimeTicks, Math.floor(agentMs / 10));
      agent.set(col('ifx', 6, 1), SnmpType.Counter64, BigInt(agentMs) * 12_500n); // 12,500 B/ms = 100 Mbit/s
    };
    const session = hookedSession(inner, tick, () => undefined);
    let now = 1_700_000_000_000;
    const base: Omit<PollContext, 'discovery' | 'discoveredAtMs' | 'baseline'> = { device, session, rediscoverIntervalMs: 6 * 3600_000, nowMs: () => now };
    const first = await pollDevice({ ...base, discovery: null, discoveredAtMs: 0, baseline: null });
    agentMs += 3000;
    now += 3000;
    // A new owner: no discovery of its own, the previous owner's baseline.
    const second = await pollDevice({ ...base, discovery: null, discoveredAtMs: 0, baseline: first.baseline });
    expect(second.rediscovered).toBe(true);
    expect(ifPoint(second, 'Gi0/1').fields.in_bps).toBe(100e6);
    agentMs += 3000;
    now += 3000;
    const third = await pollDevice({ ...base, discovery: second.discovery, discoveredAtMs: second.discoveredAtMs, baseline: second.baseline });
    expect(ifPoint(third, 'Gi0/1').fields.in_bps).toBe(100e6);
  });
});

describe('pollDevice request timing', () => {
  /**
   * Every reply reaches the poller `lagMs` of agent time later (a busy event loop, GC): whatever it
   * sends next is read by the agent that much later. Only a poll that sends its sysUpTime GET and
   * its counter walk together pairs the clock with the counters whatever the lag.
   */
  it('rates steady polls exactly when the delay between its requests changes from poll to poll', async () => {
    const agent = buildAgent([{ ifIndex: 1, name: 'Gi0/1', speedMbps: 1000, hc: true, inOctets: 0n, outOctets: 0n }]);
    const snmp = new FakeSnmpClient();
    snmp.addAgent(device.host, agent);
    const inner = snmp.open({ host: device.host, port: 161, credentials: device.snmp, timeoutMs: 1000, retries: 0, maxRepetitions: 10 });
    let agentMs = 10_000_000;
    let lagMs = 0;
    const show = (): void => {
      agent.set(SYS_UPTIME, SnmpType.TimeTicks, Math.floor(agentMs / 10));
      agent.set(col('ifx', 6, 1), SnmpType.Counter64, BigInt(agentMs) * 12_500n); // 100 Mbit/s
    };
    const session = hookedSession(inner, show, () => {
      agentMs += lagMs;
    });
    let now = 1_700_000_000_000;
    const base: Omit<PollContext, 'discovery' | 'discoveredAtMs' | 'baseline'> = { device, session, rediscoverIntervalMs: 6 * 3600_000, nowMs: () => now };
    let last = await pollDevice({ ...base, discovery: null, discoveredAtMs: 0, baseline: null });
    const rates: unknown[] = [];
    for (const lag of [50, 900, 10, 400]) {
      lagMs = lag;
      agentMs += 3000;
      now += 3000;
      last = await pollDevice({ ...base, discovery: last.discovery, discoveredAtMs: last.discoveredAtMs, baseline: last.baseline });
      expect(last.rediscovered).toBe(false);
      rates.push(ifPoint(last, 'Gi0/1').fields.in_bps);
    }
    expect(rates).toEqual([100e6, 100e6, 100e6, 100e6]);
  });
});
