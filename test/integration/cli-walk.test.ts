/** `linkscope walk` against a real snmpd: SNMPv3 (SHA-512/AES-256), enumerations by name, IPv6 addresses. */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { SNMPD_USERS, withSnmpd, type SnmpdHandle } from '../helpers/with-snmpd.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(...argv: string[]): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await main(argv, { env: {}, stdout, stderr });
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
});
