/** Unit tests for the map-backed fake, which also exercise the shared walk loop (paging, tooBig, OID checks). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LinkscopeError, isLinkscopeError } from '../model/errors.js';
import { Secret } from '../model/secret.js';
import type { SnmpCredentials, SnmpTarget } from '../model/types.js';
import { FakeAgent, FakeSnmpClient } from './fake-client.js';
import { SnmpType } from './types.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/snmprec');
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8');

const IF_DESCR = '1.3.6.1.2.1.2.2.1.2'; // IF-MIB::ifDescr
const IF_HC_IN_OCTETS = '1.3.6.1.2.1.31.1.1.1.6'; // IF-MIB::ifHCInOctets
const IF_HC_OUT_OCTETS = '1.3.6.1.2.1.31.1.1.1.10'; // IF-MIB::ifHCOutOctets
const IF_NAME = '1.3.6.1.2.1.31.1.1.1.1'; // IF-MIB::ifName
const SYS_UPTIME = '1.3.6.1.2.1.1.3.0'; // SNMPv2-MIB::sysUpTime.0
const SYS_NAME = '1.3.6.1.2.1.1.5.0'; // SNMPv2-MIB::sysName.0

const v2c: SnmpCredentials = { version: '2c', community: new Secret('public') };
const target = (over: Partial<SnmpTarget> = {}): SnmpTarget => ({ host: '10.0.0.1', port: 161, credentials: v2c, timeoutMs: 2000, retries: 1, maxRepetitions: 10, ...over });

async function caught(p: Promise<unknown>): Promise<LinkscopeError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof LinkscopeError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('FakeSnmpClient', () => {
  it('gets scalars and answers a missing instance with null', async () => {
    const snmp = new FakeSnmpClient();
    snmp.addSnmprec('10.0.0.1', fixture('switch-hc.snmprec'));
    const s = snmp.open(target());
    const [up, name, missing] = await s.get([SYS_UPTIME, SYS_NAME, '1.3.6.1.2.1.1.99.0']);
    expect(up).toEqual({ oid: SYS_UPTIME, type: SnmpType.TimeTicks, value: 121345678 });
    expect(name?.value).toEqual(Buffer.from('acc-sw-2f.example.net'));
    expect(missing).toMatchObject({ type: SnmpType.NoSuchInstance, value: null });
    expect(s.stats).toEqual({ requests: 1, timeouts: 0, varbinds: 3, badValues: 0 });
  });

  it('walks a column in maxRepetitions-sized pages, counting each page as a request', async () => {
    const snmp = new FakeSnmpClient();
    const agent = snmp.addSnmprec('10.0.0.1', fixture('switch-hc.snmprec'));
    const s = snmp.open(target({ maxRepetitions: 10 }));
    const rows = await s.walk(IF_DESCR);
    expect(rows).toHaveLength(29);
    expect(rows[0]?.value).toEqual(Buffer.from('Vlan1'));
    expect(rows.at(-1)?.value).toEqual(Buffer.from('Loopback0'));
    // 29 rows + the first OID past the column → 3 pages of 10.
    expect(agent.requests).toBe(3);
    expect(snmp.requests).toBe(3);
    expect(agent.log.map((r) => r.maxRepetitions)).toEqual([10, 10, 10]);
  });

  it('walks several columns in lock-step, with exact Counter64 values', async () => {
    const snmp = new FakeSnmpClient();
    const agent = snmp.addSnmprec('10.0.0.1', fixture('switch-hc.snmprec'));
    const s = snmp.open(target({ maxRepetitions: 30 }));
    const cols = await s.walkColumns([IF_NAME, IF_HC_IN_OCTETS, IF_HC_OUT_OCTETS, '1.3.6.1.2.1.99.1.1']);
    expect(cols.get(IF_NAME)).toHaveLength(29);
    expect(cols.get('1.3.6.1.2.1.99.1.1')).toEqual([]);
    const out = cols.get(IF_HC_OUT_OCTETS)?.find((vb) => vb.oid === `${IF_HC_OUT_OCTETS}.10202`);
    expect(out?.value).toBe(18446744073709550616n);
    const inn = cols.get(IF_HC_IN_OCTETS)?.find((vb) => vb.oid === `${IF_HC_IN_OCTETS}.10201`);
    expect(inn?.value as bigint).toBeGreaterThanOrEqual(1n << 63n);
    // 4 columns share the 64-varbind budget (16 rows each); the empty column ends at once, so
    // the second request shares it between 3 (21 rows each): 29 rows take two requests.
    expect(agent.requests).toBe(2);
    expect(agent.log.map((r) => r.maxRepetitions)).toEqual([16, 21]);
  });

  it('never asks one GETBULK for more than 64 varbinds (snmpsim never answers such a request)', async () => {
    const snmp = new FakeSnmpClient();
    const agent = snmp.addSnmprec('10.0.0.1', fixture('switch-hc.snmprec'));
    const s = snmp.open(target({ maxRepetitions: 50 }));
    const columns = Array.from({ length: 12 }, (_, i) => `1.3.6.1.2.1.2.2.1.${i + 2}`);
    await s.walkColumns(columns);
    for (const r of agent.log) expect(r.oids.length * r.maxRepetitions).toBeLessThanOrEqual(64);
  });

  it('halves repetitions on tooBig and still returns every row', async () => {
    const snmp = new FakeSnmpClient();
    const agent = snmp.addAgent('10.0.0.1', FakeAgent.fromSnmprec(fixture('switch-hc.snmprec'), { maxResponseVarbinds: 8 }));
    const s = snmp.open(target({ maxRepetitions: 25 }));
    const rows = await s.walk(IF_DESCR);
    expect(rows).toHaveLength(29);
    expect(agent.log.slice(0, 3).map((r) => r.maxRepetitions)).toEqual([25, 12, 6]);
  });

  it('splits a GET on tooBig', async () => {
    const snmp = new FakeSnmpClient();
    snmp.addAgent('10.0.0.1', FakeAgent.fromSnmprec(fixture('switch-hc.snmprec'), { maxResponseVarbinds: 2 }));
    const s = snmp.open(target());
    const got = await s.get([SYS_UPTIME, SYS_NAME, '1.3.6.1.2.1.1.6.0', '1.3.6.1.2.1.1.7.0']);
    expect(got.map((vb) => vb.oid)).toEqual([SYS_UPTIME, SYS_NAME, '1.3.6.1.2.1.1.6.0', '1.3.6.1.2.1.1.7.0']);
  });

  it('walks with GETNEXT for SNMPv1 and maps a v1 noSuchName GET to null', async () => {
    const snmp = new FakeSnmpClient();
    const agent = snmp.addSnmprec('10.0.0.1', fixture('router-32.snmprec'));
    const s = snmp.open(target({ credentials: { version: '1', community: new Secret('public') } }));
    const cols = await s.walkColumns([IF_DESCR, '1.3.6.1.2.1.2.2.1.10']);
    expect(cols.get(IF_DESCR)).toHaveLength(6);
    expect(agent.log.every((r) => r.pdu === 'getNext')).toBe(true);
    const got = await s.get([SYS_UPTIME, '1.3.6.1.2.1.1.99.0', SYS_NAME]);
    expect(got.map((vb) => vb.value === null)).toEqual([false, true, false]);
    // The walk of the last table runs into the end of the MIB view: noSuchName ends it.
    expect(await s.walk('1.3.6.1.2.1.2.2.1.20')).toHaveLength(6);
  });

  it('walk of an instance OID falls back to GET like snmpwalk', async () => {
    const snmp = new FakeSnmpClient();
    snmp.addSnmprec('10.0.0.1', fixture('switch-hc.snmprec'));
    const rows = await snmp.open(target()).walk(SYS_UPTIME);
    expect(rows.map((vb) => vb.value)).toEqual([121345678]);
  });

  it('lets tests mutate values and bump counters with wrap-around', async () => {
    const snmp = new FakeSnmpClient();
    const agent = snmp.addSnmprec('10.0.0.1', fixture('switch-hc.snmprec'));
    const s = snmp.open(target());
    agent.set(SYS_UPTIME, SnmpType.TimeTicks, 5);
    agent.bump(`${IF_HC_OUT_OCTETS}.10202`, 2000);
    agent.set('1.3.6.1.2.1.31.1.1.1.6.99', SnmpType.Counter64, 7);
    const [up, out, added] = await s.get([SYS_UPTIME, `${IF_HC_OUT_OCTETS}.10202`, '1.3.6.1.2.1.31.1.1.1.6.99']);
    expect(up?.value).toBe(5);
    expect(out?.value).toBe(1000n); // 2^64 − 1000 + 2000 wraps
    expect(added?.value).toBe(7n);
    expect((await s.walk(IF_HC_IN_OCTETS)).at(-1)?.oid).toBe('1.3.6.1.2.1.31.1.1.1.6.14502');
    agent.deleteSubtree('1.3.6.1.2.1.31.1.1');
    expect(await s.walk(IF_HC_IN_OCTETS)).toEqual([]);
  });

  it('times out for an unknown host or a scripted timeout, and counts it', async () => {
    const snmp = new FakeSnmpClient();
    const agent = snmp.addSnmprec('10.0.0.1', fixture('switch-hc.snmprec'));
    const dead = snmp.open(target({ host: '10.9.9.9', timeoutMs: 300, retries: 0 }));
    const err = await caught(dead.get([SYS_UPTIME]));
    expect(err.code).toBe('LS_SNMP_TIMEOUT');
    expect(err.message).toBe("SNMP get to 10.9.9.9:161 timed out after 300ms (1 attempt); check address, port, community/credentials and the agent's ACL");
    expect(dead.stats.timeouts).toBe(1);

    const s = snmp.open(target());
    agent.timeout(1);
    expect((await caught(s.walk(IF_DESCR))).code).toBe('LS_SNMP_TIMEOUT');
    expect(await s.walk(IF_DESCR)).toHaveLength(29);
  });

  it('fails with a given LinkscopeError until recovered', async () => {
    const snmp = new FakeSnmpClient();
    const agent = snmp.addSnmprec('10.0.0.1', fixture('switch-hc.snmprec'));
    const s = snmp.open(target());
    agent.fail(new LinkscopeError('LS_SNMP_AUTH', 'wrong digest'));
    expect((await caught(s.get([SYS_UPTIME]))).code).toBe('LS_SNMP_AUTH');
    expect((await caught(s.get([SYS_UPTIME]))).code).toBe('LS_SNMP_AUTH');
    agent.recover();
    expect(await s.get([SYS_UPTIME])).toHaveLength(1);
    agent.fail((req) => (req.pdu === 'getBulk' ? 'timeout' : undefined));
    expect(await s.get([SYS_UPTIME])).toHaveLength(1);
    expect((await caught(s.walk(IF_DESCR))).code).toBe('LS_SNMP_TIMEOUT');
  });

  it('ignores a wrong community and rejects an unknown v3 user', async () => {
    const snmp = new FakeSnmpClient();
    snmp.addSnmprec('10.0.0.1', fixture('switch-hc.snmprec'), { community: 'switch-hc', users: ['ops'] });
    expect((await caught(snmp.open(target()).get([SYS_UPTIME]))).code).toBe('LS_SNMP_TIMEOUT');
    const ok = snmp.open(target({ credentials: { version: '2c', community: new Secret('switch-hc') } }));
    expect(await ok.get([SYS_UPTIME])).toHaveLength(1);
    const v3 = snmp.open(target({ credentials: { version: '3', user: 'nobody', level: 'noAuthNoPriv' } }));
    expect((await caught(v3.get([SYS_UPTIME]))).code).toBe('LS_SNMP_UNKNOWN_USER');
  });

  it('aborts before sending and refuses requests after close', async () => {
    const snmp = new FakeSnmpClient();
    snmp.addSnmprec('10.0.0.1', fixture('switch-hc.snmprec'));
    const s = snmp.open(target());
    expect(snmp.openSessions).toBe(1);
    const err = await caught(s.walk(IF_DESCR, { signal: AbortSignal.abort() }));
    expect(err.code).toBe('LS_SNMP_ABORTED');
    s.close();
    s.close();
    expect(snmp.openSessions).toBe(0);
    expect(isLinkscopeError(await caught(s.get([SYS_UPTIME])), 'LS_SNMP_ABORTED')).toBe(true);
  });

  it('stops a column at maxVarbinds', async () => {
    const snmp = new FakeSnmpClient();
    snmp.addSnmprec('10.0.0.1', fixture('switch-hc.snmprec'));
    expect(await snmp.open(target()).walk(IF_DESCR, { maxVarbinds: 5 })).toHaveLength(5);
  });
});

describe('GETBULK budget back-off on silence', () => {
  it('asks for less when an agent that answered before ignores a large GETBULK', async () => {
    const snmp = new FakeSnmpClient();
    const agent = snmp.addSnmprec('10.0.0.1', fixture('switch-hc.snmprec'));
    // Like snmpsim: anything asking for more than 32 varbinds gets no reply at all.
    agent.fail((r) => (r.pdu === 'getBulk' && r.oids.length * r.maxRepetitions > 32 ? 'timeout' : undefined));
    const s = snmp.open(target({ maxRepetitions: 25 }));
    await s.get(['1.3.6.1.2.1.1.3.0']);
    const cols = await s.walkColumns(['1.3.6.1.2.1.2.2.1.2', '1.3.6.1.2.1.2.2.1.3']);
    expect(cols.get('1.3.6.1.2.1.2.2.1.2')).toHaveLength(29);
    expect(s.stats.timeouts).toBe(1);
    const sizes = agent.log.filter((r) => r.pdu === 'getBulk').map((r) => r.oids.length * r.maxRepetitions);
    expect(sizes[0]).toBe(50);
    expect(sizes.slice(1).every((n) => n <= 32)).toBe(true);
  });

  it('still reports a dead agent as a timeout instead of shrinking forever', async () => {
    const snmp = new FakeSnmpClient();
    snmp.addSnmprec('10.0.0.1', fixture('switch-hc.snmprec')).timeout();
    const s = snmp.open(target({ maxRepetitions: 25 }));
    await expect(s.walkColumns(['1.3.6.1.2.1.2.2.1.2'])).rejects.toMatchObject({ code: 'LS_SNMP_TIMEOUT' });
    expect(s.stats.requests).toBe(1);
  });
});
