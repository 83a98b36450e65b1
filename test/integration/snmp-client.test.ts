/**
 * NetSnmpClient against real agents: Debian snmpd (v1/v2c/v3), snmpsimd (generated fixtures) and a
 * misbehaving agent. The v1/v2c cases run once per wire implementation (CommunityTransport and
 * net-snmp); SNMPv3 always goes through net-snmp, so its cases run once.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkscopeError } from '../../src/model/errors.js';
import { Secret } from '../../src/model/secret.js';
import type { AuthProtocol, PrivProtocol, SnmpCredentials, SnmpTarget } from '../../src/model/types.js';
import { NetSnmpClient } from '../../src/snmp/net-snmp-client.js';
import { isUnder } from '../../src/snmp/oid.js';
import { parseSnmprec } from '../../src/snmp/snmprec.js';
import { SnmpType, type SnmpSession, type VarBind } from '../../src/snmp/types.js';
import { startBadAgent } from '../helpers/bad-agent.js';
import { SNMPD_USERS, withSnmpd, type SnmpdHandle } from '../helpers/with-snmpd.js';
import { withSnmpsim, type SnmpsimHandle } from '../helpers/with-snmpsim.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/snmprec');

const SYSTEM = '1.3.6.1.2.1.1'; // SNMPv2-MIB::system
const SYS_DESCR = '1.3.6.1.2.1.1.1.0'; // SNMPv2-MIB::sysDescr.0
const SYS_UPTIME = '1.3.6.1.2.1.1.3.0'; // SNMPv2-MIB::sysUpTime.0
const SYS_NAME = '1.3.6.1.2.1.1.5.0'; // SNMPv2-MIB::sysName.0
const IF_INDEX = '1.3.6.1.2.1.2.2.1.1'; // IF-MIB::ifIndex
const IF_DESCR = '1.3.6.1.2.1.2.2.1.2'; // IF-MIB::ifDescr
const IF_TYPE = '1.3.6.1.2.1.2.2.1.3'; // IF-MIB::ifType
const IF_IN_OCTETS = '1.3.6.1.2.1.2.2.1.10'; // IF-MIB::ifInOctets
const IF_OUT_OCTETS = '1.3.6.1.2.1.2.2.1.16'; // IF-MIB::ifOutOctets
const IF_NAME = '1.3.6.1.2.1.31.1.1.1.1'; // IF-MIB::ifName
const IF_HC_IN_OCTETS = '1.3.6.1.2.1.31.1.1.1.6'; // IF-MIB::ifHCInOctets
const IF_HC_OUT_OCTETS = '1.3.6.1.2.1.31.1.1.1.10'; // IF-MIB::ifHCOutOctets
const IF_HC_IN_UCAST = '1.3.6.1.2.1.31.1.1.1.7'; // IF-MIB::ifHCInUcastPkts
const IF_HIGH_SPEED = '1.3.6.1.2.1.31.1.1.1.15'; // IF-MIB::ifHighSpeed
const IF_ALIAS = '1.3.6.1.2.1.31.1.1.1.18'; // IF-MIB::ifAlias

const TRANSPORTS = ['native', 'net-snmp'] as const;
type Transport = (typeof TRANSPORTS)[number];
const clients: Record<Transport, NetSnmpClient> = {
  native: new NetSnmpClient({ transport: 'native' }),
  'net-snmp': new NetSnmpClient({ transport: 'net-snmp' }),
};
const opened: SnmpSession[] = [];

function openWith(transport: Transport, host: string, port: number, credentials: SnmpCredentials, over: Partial<SnmpTarget> = {}): SnmpSession {
  const s = clients[transport].open({ host, port, credentials, timeoutMs: 2000, retries: 1, maxRepetitions: 10, ...over });
  opened.push(s);
  return s;
}

/** SNMPv3 sessions: net-snmp whatever the option says. */
const open = (host: string, port: number, credentials: SnmpCredentials, over: Partial<SnmpTarget> = {}): SnmpSession => openWith('native', host, port, credentials, over);

async function caught(p: Promise<unknown>): Promise<LinkscopeError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof LinkscopeError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

const text = (vb: VarBind | undefined): string => (vb?.value as Buffer).toString('utf8');

afterAll(() => {
  for (const s of opened) s.close();
});

describe('against snmpd', () => {
  let agent: SnmpdHandle;
  beforeAll(async () => {
    agent = await withSnmpd();
  });
  afterAll(async () => {
    await agent?.stop();
  });

  const v2c = (): SnmpCredentials => ({ version: '2c', community: new Secret(agent.community) });
  const v3 = (u: { user: string; authProtocol: AuthProtocol; authKey: string; privProtocol: PrivProtocol | undefined; privKey: string | undefined }, over: { authKey?: string; privKey?: string; privProtocol?: PrivProtocol } = {}): SnmpCredentials => ({
    version: '3',
    user: u.user,
    level: u.privProtocol === undefined ? 'authNoPriv' : 'authPriv',
    authProtocol: u.authProtocol,
    authKey: new Secret(over.authKey ?? u.authKey),
    ...(u.privProtocol === undefined ? {} : { privProtocol: over.privProtocol ?? u.privProtocol, privKey: new Secret(over.privKey ?? u.privKey ?? '') }),
  });

  describe.each(TRANSPORTS)('over %s', (transport) => {
    const open = (host: string, port: number, credentials: SnmpCredentials, over: Partial<SnmpTarget> = {}): SnmpSession => openWith(transport, host, port, credentials, over);

    it('gets scalars and walks system and ifTable over v2c', async () => {
      const s = open(agent.host, agent.port, v2c());
      const [descr, up, name] = await s.get([SYS_DESCR, SYS_UPTIME, SYS_NAME]);
      expect(descr?.type).toBe(SnmpType.OctetString);
      expect(typeof up?.value).toBe('number');
      expect(text(name)).toBe('linkscope-snmpd');
      const system = await s.walk(SYSTEM);
      expect(system.length).toBeGreaterThanOrEqual(7);
      expect(system.every((vb) => isUnder(vb.oid, SYSTEM))).toBe(true);
      const cols = await s.walkColumns([IF_INDEX, IF_DESCR, IF_TYPE, IF_IN_OCTETS, IF_OUT_OCTETS]);
      const rows = cols.get(IF_INDEX) ?? [];
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(cols.get(IF_DESCR)?.map(text)).toContain('lo');
      expect(cols.get(IF_IN_OCTETS)?.length).toBe(rows.length);
      expect(typeof cols.get(IF_IN_OCTETS)?.[0]?.value).toBe('bigint');
      expect(s.stats.requests).toBeGreaterThanOrEqual(3);
      expect(s.stats.varbinds).toBeGreaterThan(rows.length * 5);
    });

    it('gets and walks over v1 (GETNEXT), mapping a missing instance to null', async () => {
      const s = open(agent.host, agent.port, { version: '1', community: new Secret(agent.community) });
      const [name, missing, up] = await s.get([SYS_NAME, '1.3.6.1.2.1.1.99.0', SYS_UPTIME]);
      expect(text(name)).toBe('linkscope-snmpd');
      expect(missing?.value).toBeNull();
      expect(typeof up?.value).toBe('number');
      expect((await s.walk(SYSTEM)).length).toBeGreaterThanOrEqual(7);
      const cols = await s.walkColumns([IF_DESCR, IF_IN_OCTETS]);
      expect(cols.get(IF_DESCR)?.map(text)).toContain('lo');
      expect(cols.get(IF_IN_OCTETS)?.length).toBe(cols.get(IF_DESCR)?.length);
    });

    it('times out quickly on a wrong community, naming host:port, ms and attempts', async () => {
      const s = open(agent.host, agent.port, { version: '2c', community: new Secret('not-the-community') }, { timeoutMs: 300, retries: 0 });
      const err = await caught(s.get([SYS_NAME]));
      expect(err.code).toBe('LS_SNMP_TIMEOUT');
      expect(err.message).toBe(`SNMP get to ${agent.host}:${agent.port} timed out after 300ms (1 attempt); check address, port, community/credentials and the agent's ACL`);
      expect(err.message).not.toContain('not-the-community');
      expect(s.stats).toMatchObject({ requests: 1, timeouts: 1 });
    });

    it('aborts an in-flight request and a closed session cancels the rest', async () => {
      const s = open(agent.host, agent.port, { version: '2c', community: new Secret('not-the-community') }, { timeoutMs: 30_000, retries: 0 });
      const ac = new AbortController();
      const pending = caught(s.walk(IF_DESCR, { signal: ac.signal }));
      ac.abort();
      expect((await pending).code).toBe('LS_SNMP_ABORTED');
      const inFlight = caught(s.get([SYS_NAME]));
      s.close();
      const err = await inFlight;
      expect(err.code).toBe('LS_SNMP_ABORTED');
      expect((await caught(s.get([SYS_NAME]))).message).toMatch(/session is closed/);
    });

    it('maps a socket error to LS_SNMP_SOCKET', async () => {
      const s = open('127.0.0.1', 70_000, v2c());
      expect((await caught(s.get([SYS_NAME]))).code).toBe('LS_SNMP_SOCKET');
    });
  });

  it('talks SNMPv3 authPriv with SHA-256/AES', async () => {
    const s = open(agent.host, agent.port, v3(SNMPD_USERS.u256));
    expect(text((await s.get([SYS_NAME]))[0])).toBe('linkscope-snmpd');
    expect((await s.walk(SYSTEM)).length).toBeGreaterThanOrEqual(7);
  });

  it('talks SNMPv3 authPriv with SHA-512/AES-256, aes256b and aes256r alike (a 64-byte key needs no extension)', async () => {
    for (const privProtocol of ['aes256b', 'aes256r'] as const) {
      const s = open(agent.host, agent.port, v3(SNMPD_USERS.u512, { privProtocol }));
      expect(text((await s.get([SYS_NAME]))[0])).toBe('linkscope-snmpd');
    }
  });

  it("matches snmpd's AES-256 with aes256b (Blumenthal) and AES-256-C with aes256r (Reeder)", async () => {
    const blumenthal = open(agent.host, agent.port, v3(SNMPD_USERS.usha1aes256));
    expect(text((await blumenthal.get([SYS_NAME]))[0])).toBe('linkscope-snmpd');
    const reeder = open(agent.host, agent.port, v3(SNMPD_USERS.usha1aes256c));
    expect(text((await reeder.get([SYS_NAME]))[0])).toBe('linkscope-snmpd');
    // The wrong variant derives another key: snmpd cannot parse the PDU and drops it.
    const crossed = open(agent.host, agent.port, v3(SNMPD_USERS.usha1aes256, { privProtocol: 'aes256r' }), { timeoutMs: 300, retries: 0 });
    expect((await caught(crossed.get([SYS_NAME]))).code).toBe('LS_SNMP_TIMEOUT');
  });

  it('talks SNMPv3 authNoPriv with MD5', async () => {
    const s = open(agent.host, agent.port, v3(SNMPD_USERS.umd5));
    expect(text((await s.get([SYS_NAME]))[0])).toBe('linkscope-snmpd');
  });

  it('reports a wrong v3 auth key as LS_SNMP_AUTH without the key', async () => {
    const s = open(agent.host, agent.port, v3(SNMPD_USERS.u256, { authKey: 'wrong-auth-key-1' }));
    const err = await caught(s.get([SYS_NAME]));
    expect(err.code).toBe('LS_SNMP_AUTH');
    expect(err.message).toContain(`${agent.host}:${agent.port}`);
    expect(err.message).toMatch(/auth protocol and auth key/);
    const everything = JSON.stringify({ message: err.message, details: err.details, cause: err.cause, causeInfo: (err.cause as { info?: unknown }).info });
    expect(everything).not.toContain('wrong-auth-key-1');
    expect(everything).not.toContain(SNMPD_USERS.u256.privKey);
  });

  it('reports a wrong v3 privacy key as a timeout (snmpd drops what it cannot decrypt), hinting at the key', async () => {
    const s = open(agent.host, agent.port, v3(SNMPD_USERS.u256, { privKey: 'wrong-priv-key-1' }), { timeoutMs: 300, retries: 0 });
    const err = await caught(s.get([SYS_NAME]));
    expect(err.code).toBe('LS_SNMP_TIMEOUT');
    expect(err.message).toMatch(/privacy key/);
    expect(err.message).not.toContain('wrong-priv-key-1');
  });

  it('reports an unknown v3 user as LS_SNMP_UNKNOWN_USER', async () => {
    const s = open(agent.host, agent.port, { version: '3', user: 'nosuchuser', level: 'authNoPriv', authProtocol: 'sha', authKey: new Secret('whatever1') });
    const err = await caught(s.get([SYS_NAME]));
    expect(err.code).toBe('LS_SNMP_UNKNOWN_USER');
    expect(err.message).toContain('"nosuchuser"');
  });
});

describe('against snmpsim with generated fixtures', () => {
  let sim: SnmpsimHandle;
  beforeAll(async () => {
    sim = await withSnmpsim({ files: ['switch-hc.snmprec', 'router-32.snmprec'].map((f) => join(fixtures, f)) });
  });
  afterAll(async () => {
    await sim?.stop();
  });

  const inFile = (file: string, column: string): VarBind[] => parseSnmprec(readFileSync(join(fixtures, file), 'utf8')).varbinds.filter((vb) => isUnder(vb.oid, column));

  describe.each(TRANSPORTS)('over %s', (transport) => {
    const open = (host: string, port: number, credentials: SnmpCredentials, over: Partial<SnmpTarget> = {}): SnmpSession => openWith(transport, host, port, credentials, over);

    it('walks ifTable and ifXTable columns in lock-step, exactly the rows in the file', async () => {
      const s = open(sim.host, sim.port, { version: '2c', community: new Secret('switch-hc') }, { maxRepetitions: 7 });
      const columns = [IF_DESCR, IF_IN_OCTETS, IF_NAME, IF_HC_IN_OCTETS, IF_HC_OUT_OCTETS, IF_HC_IN_UCAST, IF_HIGH_SPEED, IF_ALIAS];
      const got = await s.walkColumns(columns);
      for (const column of columns) expect(got.get(column), column).toEqual(inFile('switch-hc.snmprec', column));
      const out = got.get(IF_HC_OUT_OCTETS)?.find((vb) => vb.oid === `${IF_HC_OUT_OCTETS}.10202`);
      expect(out?.value).toBe(18446744073709550616n); // 2^64 − 1000, exact
      const big = got.get(IF_HC_IN_OCTETS)?.find((vb) => vb.oid === `${IF_HC_IN_OCTETS}.10201`);
      expect(big?.value as bigint).toBeGreaterThanOrEqual(1n << 63n);
      // 29 rows / 7 per page, 8 columns at most 10 per request: 5 lock-step pages.
      expect(s.stats.requests).toBe(5);
    });

    it('gives empty arrays for a device without ifXTable, over v2c and v1', async () => {
      for (const version of ['2c', '1'] as const) {
        const s = open(sim.host, sim.port, { version, community: new Secret('router-32') });
        const got = await s.walkColumns([IF_DESCR, IF_IN_OCTETS, IF_NAME, IF_HC_IN_OCTETS]);
        expect(got.get(IF_DESCR)).toEqual(inFile('router-32.snmprec', IF_DESCR));
        expect(got.get(IF_IN_OCTETS)).toEqual(inFile('router-32.snmprec', IF_IN_OCTETS));
        expect(got.get(IF_NAME)).toEqual([]);
        expect(got.get(IF_HC_IN_OCTETS)).toEqual([]);
      }
    });
  });
});

describe('against a misbehaving agent', () => {
  const v2c: SnmpCredentials = { version: '2c', community: new Secret('public') };

  describe.each(TRANSPORTS)('over %s', (transport) => {
    const open = (host: string, port: number, credentials: SnmpCredentials, over: Partial<SnmpTarget> = {}): SnmpSession => openWith(transport, host, port, credentials, over);

    it.each([
      ['a lower OID', [`${IF_INDEX}.5`, `${IF_INDEX}.3`], `${IF_INDEX}.3 after ${IF_INDEX}.5`],
      ['the same OID again', [`${IF_INDEX}.1`, `${IF_INDEX}.1`], `${IF_INDEX}.1 after ${IF_INDEX}.1`],
    ])('stops a GETBULK walk that gets %s with LS_SNMP_OID_NOT_INCREASING', async (_what, oids, phrase) => {
      const bad = await startBadAgent({ kind: 'fixed', oids });
      try {
        const err = await caught(open(bad.host, bad.port, v2c).walk(IF_INDEX));
        expect(err.code).toBe('LS_SNMP_OID_NOT_INCREASING');
        expect(err.message).toContain(`${bad.host}:${bad.port}`);
        expect(err.message).toContain(phrase);
        expect(bad.requests).toHaveLength(1);
      } finally {
        await bad.stop();
      }
    });

    it('stops when the agent echoes the requested OID, over v2c and v1', async () => {
      const bad = await startBadAgent({ kind: 'echo' });
      try {
        expect((await caught(open(bad.host, bad.port, v2c).walk(IF_INDEX))).code).toBe('LS_SNMP_OID_NOT_INCREASING');
        const fixed = await startBadAgent({ kind: 'fixed', oids: [`${IF_INDEX}.5`, `${IF_INDEX}.3`] });
        try {
          const v1 = open(fixed.host, fixed.port, { version: '1', community: new Secret('public') });
          expect((await caught(v1.walk(IF_INDEX))).code).toBe('LS_SNMP_OID_NOT_INCREASING');
          expect(fixed.requests.map((r) => r.pdu)).toEqual(['getNext', 'getNext']);
        } finally {
          await fixed.stop();
        }
      } finally {
        await bad.stop();
      }
    });

    it('reports garbage replies as LS_SNMP_BAD_RESPONSE, not a hang', async () => {
      const bad = await startBadAgent({ kind: 'garbage' });
      try {
        // Generous, with a retry: every attempt gets garbage, and the claim is how it is classified,
        // so a busy machine must not let the garbage arrive after the timeout (LS_SNMP_TIMEOUT).
        const err = await caught(open(bad.host, bad.port, v2c, { timeoutMs: 1000, retries: 1 }).get([SYS_NAME]));
        expect(err.code).toBe('LS_SNMP_BAD_RESPONSE');
        expect(err.message).toMatch(/malformed replies/);
      } finally {
        await bad.stop();
      }
    });

    it('halves repetitions after tooBig and still reads every row', async () => {
      const bad = await startBadAgent({ kind: 'too-big-once' });
      try {
        const s = open(bad.host, bad.port, v2c, { maxRepetitions: 20 });
        const rows = await s.walk(IF_INDEX);
        expect(rows.map((vb) => vb.value)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(bad.requests.map((r) => r.maxRepetitions)).toEqual([20, 10, 10, 10]);
      } finally {
        await bad.stop();
      }
    });
  });
});
