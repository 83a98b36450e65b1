/** `linkscope walk` against a real snmpd: SNMPv3 (SHA-512/AES-256), enumerations by name, IPv6 addresses. */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { freePort } from '../helpers/free-port.js';
import { SNMPD_USERS, withSnmpd, type SnmpdHandle } from '../helpers/with-snmpd.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(...argv: string[]): Promise<Run> {
  return runWith({}, ...argv);
}

async function runWith(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await main(argv, { env, stdout, stderr });
  return { code, out, err };
}

describe('linkscope walk against snmpd', () => {
  let snmpd: SnmpdHandle;

  beforeAll(async () => {
    snmpd = await withSnmpd();
  });

  afterAll(async () => {
    await snmpd?.stop();
  });

  it('walks with SNMPv3 authPriv (SHA-512, AES-256) without asking for a community', async () => {
    const u = SNMPD_USERS.u512;
    const r = await run(
      'walk', `${snmpd.host}:${snmpd.port}`, 'SNMPv2-MIB::sysName',
      '--version', '3', '--user', u.user, '--level', 'authPriv',
      '--auth-protocol', u.authProtocol, '--auth-key', u.authKey,
      '--priv-protocol', u.privProtocol, '--priv-key', u.privKey,
    );
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^SNMPv2-MIB::sysName\.0 = STRING: "linkscope-snmpd"$/m);
  });

  it('still refuses a community given with version 3', async () => {
    const r = await run('walk', `${snmpd.host}:${snmpd.port}`, 'sysName', '--version', '3', '--community', 'public', '--user', 'u', '--level', 'noAuthNoPriv');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('--community');
  });

  it('prints enumerated INTEGERs by name, as snmpwalk does', async () => {
    const r = await run('walk', `${snmpd.host}:${snmpd.port}`, 'IF-MIB::ifAdminStatus', '--community', snmpd.community);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^IF-MIB::ifAdminStatus\.1 = INTEGER: up\(1\)$/m);
  });

  it('writes an IPv6 agent as [::1]:port in its messages', async () => {
    const port = await freePort(); // nothing listens there: the walk times out
    const r = await runWith({ LINKSCOPE_SNMP_TIMEOUT: '100ms', LINKSCOPE_SNMP_RETRIES: '0' }, 'walk', `[::1]:${port}`, 'sysName', '--community', 'x');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`[::1]:${port}`);
    expect(r.err).not.toContain(` ::1:${port}`);
  });
});
