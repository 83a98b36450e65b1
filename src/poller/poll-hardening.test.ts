/** Unit tests of one device poll against agents that misbehave: bad values, tables longer than ifNumber, control characters. */
import { describe, expect, it } from 'vitest';
import { isLinkscopeError } from '../model/errors.js';
import { Secret } from '../model/secret.js';
import type { Device } from '../model/types.js';
import { FakeAgent, FakeSnmpClient } from '../snmp/fake-client.js';
import { SnmpType, WalkBudget } from '../snmp/types.js';
import { pollDevice, pollTimeLimitMs, type PollResult } from './poll-device.js';

const device: Device = {
  id: 1,
  name: 'sw1',
  host: '10.0.0.9',
  port: 161,
  snmp: { version: '2c', community: new Secret('public') },
  intervalMs: null, discoveredBy: null, site: 'default',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const SYS_UPTIME = '1.3.6.1.2.1.1.3.0'; // SNMPv2-MIB::sysUpTime.0
const IF_NUMBER = '1.3.6.1.2.1.2.1.0'; // IF-MIB::ifNumber.0
const ifCol = (n: number, i: number): string => `1.3.6.1.2.1.2.2.1.${n}.${i}`; // IF-MIB::ifEntry
const ifxCol = (n: number, i: number): string => `1.3.6.1.2.1.31.1.1.1.${n}.${i}`; // IF-MIB::ifXEntry

function agentWith(ports: number, names: (i: number) => string = (i) => `Gi0/${i}`): FakeAgent {
  const a = new FakeAgent();
  a.set('1.3.6.1.2.1.1.1.0', SnmpType.OctetString, 'Test switch'); // sysDescr
  a.set('1.3.6.1.2.1.1.2.0', SnmpType.ObjectIdentifier, '1.3.6.1.4.1.8072.3.2.10'); // sysObjectID
  a.set(SYS_UPTIME, SnmpType.TimeTicks, 1_000_000);
  a.set('1.3.6.1.2.1.1.5.0', SnmpType.OctetString, 'sw1'); // sysName
  a.set(IF_NUMBER, SnmpType.Integer, ports);
  for (let i = 1; i <= ports; i++) {
    a.set(ifCol(1, i), SnmpType.Integer, i); // ifIndex
    a.set(ifCol(2, i), SnmpType.OctetString, names(i)); // ifDescr
    a.set(ifCol(3, i), SnmpType.Integer, 6); // ifType
    a.set(ifCol(7, i), SnmpType.Integer, 1); // ifAdminStatus
    a.set(ifCol(8, i), SnmpType.Integer, 1); // ifOperStatus
    a.set(ifCol(10, i), SnmpType.Counter32, 1000n); // ifInOctets
    a.set(ifCol(16, i), SnmpType.Counter32, 1000n); // ifOutOctets
    a.set(ifxCol(1, i), SnmpType.OctetString, names(i)); // ifName
    a.set(ifxCol(6, i), SnmpType.Counter64, 1000n); // ifHCInOctets
    a.set(ifxCol(10, i), SnmpType.Counter64, 1000n); // ifHCOutOctets
    a.set(ifxCol(15, i), SnmpType.Gauge32, 1000); // ifHighSpeed
    a.set(ifxCol(18, i), SnmpType.OctetString, `alias ${i}`); // ifAlias
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
    session,
    advance(ms: number): void {
      now += ms;
      const up = agent.value(SYS_UPTIME);
      agent.set(SYS_UPTIME, SnmpType.TimeTicks, (typeof up === 'number' ? up : 0) + Math.round(ms / 10));
    },
    async poll(budget?: WalkBudget): Promise<PollResult> {
      last = await pollDevice({
        device,
        session,
        discovery: last?.discovery ?? null,
        discoveredAtMs: last?.discoveredAtMs ?? 0,
        baseline: last?.baseline ?? null,
        rediscoverIntervalMs: 6 * 3600_000,
        nowMs: () => now,
        ...(budget === undefined ? {} : { budget }),
      });
      return last;
    },
  };
}

describe('a bad value is a bad varbind, not a bad device', () => {
  // A Counter64 longer than 8 significant bytes decodes as its type with value null (ber.ts).
  it('keeps the ifXTable at discovery and falls back to the 32-bit column for that interface only', async () => {
    const agent = agentWith(2);
    agent.set(ifxCol(6, 1), SnmpType.Counter64, null);
    const r = await harness(agent).poll();
    const [one, two] = r.discovery.interfaces;
    expect(one?.ifAlias).toBe('alias 1');
    expect(one?.sources.inOctets).toEqual({ column: 'ifInOctets', bits: 32 });
    expect(one?.sources.outOctets).toEqual({ column: 'ifHCOutOctets', bits: 64 });
    expect(two?.sources.inOctets).toEqual({ column: 'ifHCInOctets', bits: 64 });
  });

  it('skips that sample on a later poll, keeps the device up and counts bad_values', async () => {
    const agent = agentWith(2);
    const h = harness(agent);
    await h.poll();
    h.advance(60_000);
    agent.bump(ifxCol(6, 2), 750_000_000);
    agent.set(ifxCol(6, 1), SnmpType.Counter64, null);
    const r = await h.poll();
    expect(r.rediscovered).toBe(false);
    const p1 = r.points.find((p) => p.tags['ifName'] === 'Gi0/1');
    const p2 = r.points.find((p) => p.tags['ifName'] === 'Gi0/2');
    expect(p1?.fields['ifHCInOctets']).toBeUndefined();
    expect(p1?.fields['in_bps']).toBeUndefined();
    expect(p1?.fields['ifHCOutOctets']).toBe(1000n);
    expect(p2?.fields['in_bps']).toBe(100_000_000);
    expect(r.points.find((p) => p.measurement === 'device')?.fields['bad_values']).toBe(1n);
  });
});

describe('poll budgets', () => {
  it('stops discovery of a table far longer than ifNumber with LS_SNMP_WALK_BUDGET', async () => {
    const agent = agentWith(1);
    for (let i = 2; i <= 1_500; i++) agent.set(ifCol(2, i), SnmpType.OctetString, `ghost ${i}`); // ifDescr rows past ifNumber
    const err = await harness(agent).poll().then(
      () => null,
      (e: unknown) => e,
    );
    expect(isLinkscopeError(err, 'LS_SNMP_WALK_BUDGET')).toBe(true);
    expect((err as Error).message).toMatch(/1\.3\.6\.1\.2\.1\.2\.2\.1\.2 passed its budget of 1000 rows/);
  });

  it('charges discovery and the poll walk to one budget per poll', async () => {
    const h = harness(agentWith(3));
    const budget = new WalkBudget();
    await h.poll(budget);
    const afterDiscovery = budget.used;
    expect(afterDiscovery).toBeGreaterThan(0);
    h.advance(60_000);
    const err = await h.poll(new WalkBudget(5)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isLinkscopeError(err, 'LS_SNMP_WALK_BUDGET')).toBe(true);
  });

  it('gives a poll twice its interval, at least a minute', () => {
    expect(pollTimeLimitMs(undefined)).toBe(120_000);
    expect(pollTimeLimitMs(10_000)).toBe(60_000);
    expect(pollTimeLimitMs(300_000)).toBe(600_000);
  });
});

describe('names from DisplayStrings', () => {
  it('drops control characters from ifName, ifDescr, ifAlias and sysName', async () => {
    const agent = agentWith(1, () => 'Gi0/1\u0001\u0000x');
    agent.set(ifxCol(18, 1), SnmpType.OctetString, 'uplink\tto\r\ncore\u001b[31m');
    agent.set('1.3.6.1.2.1.1.5.0', SnmpType.OctetString, 'sw1\u0007\u007f\u0085');
    const r = await harness(agent).poll();
    const itf = r.discovery.interfaces[0];
    expect(itf?.ifName).toBe('Gi0/1x');
    expect(itf?.ifDescr).toBe('Gi0/1x');
    expect(itf?.ifAlias).toBe('uplink to  core[31m');
    expect(r.discovery.system.sysName).toBe('sw1');
    expect(r.points.find((p) => p.measurement === 'interface')?.tags['ifName']).toBe('Gi0/1x');
  });
});
