/** `linkscope walk` against a real snmpd: line for line as Debian's snmpwalk, SNMPv3 (SHA-512/AES-256), user MIB folders, IPv6 addresses. */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { defaultMibDir } from '../../src/mib/mib-store.js';
import { freePort } from '../helpers/free-port.js';
import { BROKEN_MIB, VENDOR_MIB, VENDOR_SNMPD_CONFIG } from '../helpers/vendor-mib.js';
import { SNMPD_USERS, withSnmpd, type SnmpdHandle } from '../helpers/with-snmpd.js';

const exec = promisify(execFile);

/**
 * The shipped modules snmpwalk is given: all but the SMIv1 ones (RFC1155-SMI … RFC1271-MIB) and
 * the modules that import them. With those present, net-snmp names MIB-II objects after
 * RFC1158-MIB (RFC1158-MIB::sysDescr.0); linkscope always prefers the SMIv2 module
 * (SNMPv2-MIB::sysDescr.0): the one intended difference in names (mibs/README.md).
 */
function smiV2MibDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'linkscope-snmpwalk-mibs-'));
  const files = readdirSync(defaultMibDir()).filter((n) => n.endsWith('.mib'));
  const imports = new Map(
    files.map((f) => {
      const text = readFileSync(join(defaultMibDir(), f), 'utf8').replace(/--[^\n]*/g, ' ');
      const block = /\bIMPORTS\b([\s\S]*?);/.exec(text)?.[1] ?? '';
      return [f.replace(/\.mib$/, ''), [...block.matchAll(/\bFROM\s+([A-Za-z][\w-]*)/g)].map((m) => m[1] as string)];
    }),
  );
  const excluded = new Set(['RFC1155-SMI', 'RFC-1212', 'RFC1158-MIB', 'RFC1213-MIB', 'RFC1271-MIB']);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [m, deps] of imports) {
      if (!excluded.has(m) && deps.some((d) => excluded.has(d))) {
        excluded.add(m);
        changed = true;
      }
    }
  }
  for (const m of imports.keys()) if (!excluded.has(m)) copyFileSync(join(defaultMibDir(), `${m}.mib`), join(dir, `${m}.mib`));
  return dir;
}

/** Values that move between two walks (counters, clocks) become N; names, types, enums and strings stay exact. */
function stable(lines: string): string[] {
  return lines
    .trimEnd()
    .split('\n')
    .map((l) => l.replace(/= (Counter32|Counter64): \d+/, '= $1: N').replace(/= Timeticks: \(\d+\) .*/, '= Timeticks: N').replace(/(snmpEngineTime\.0 = INTEGER:) \d+/, '$1 N'));
}

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
    snmpd = await withSnmpd({ extraConfig: VENDOR_SNMPD_CONFIG });
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
    expect(r.out).toMatch(/^SNMPv2-MIB::sysName\.0 = STRING: linkscope-snmpd$/m);
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

  describe('prints what Debian\'s snmpwalk prints for the same agent and modules', () => {
    let mibDir: string;
    beforeAll(() => {
      mibDir = smiV2MibDir();
    });
    afterAll(() => {
      rmSync(mibDir, { recursive: true, force: true });
    });

    it.each([
      ['system', []],
      ['ifTable', []],
      ['ifXTable', []],
      ['snmpEngine', []], // INTEGER with UNITS ("seconds"), Hex-STRING engine id
      ['SNMPv2-MIB::snmpEnableAuthenTraps', []], // an enum column: enabled(1) / disabled(2)
      ['system', ['-On']], // --numeric: numeric OIDs, also as OID values
      ['SNMP-VIEW-BASED-ACM-MIB::vacmSecurityToGroupTable', []], // string indexes: vacmGroupName.1."comm1"
      ['SNMP-VIEW-BASED-ACM-MIB::vacmAccessTable', []], // string, empty-string, enum indexes
      ['IP-MIB::ipAddressIfIndex', []], // InetAddressType + InetAddress indexes: ipv4."127.0.0.1"
      ['TCP-MIB::tcpListenerProcess', []], // InetAddress + InetPortNumber (a TC net-snmp's parser leaves without SYNTAX)
    ] as const)('%s %j', async (subtree, flags) => {
      const agent = `${snmpd.host}:${snmpd.port}`;
      const ours = await run('walk', agent, subtree, '--community', snmpd.community, ...(flags.length > 0 ? ['--numeric'] : []));
      expect(ours.code, ours.err).toBe(0);
      const theirs = await exec('snmpwalk', ['-v2c', '-c', snmpd.community, '-M', mibDir, '-m', 'ALL', ...flags, agent, subtree], { env: { ...process.env, MIBS: '', MIBDIRS: mibDir } });
      const expected = stable(theirs.stdout);
      expect(expected.length).toBeGreaterThan(0);
      expect(stable(ours.out)).toEqual(expected);
    });

    it('matches the enumerations, DISPLAY-HINTs and names snmpwalk shows in ifTable', async () => {
      const r = await run('walk', `${snmpd.host}:${snmpd.port}`, 'ifTable', '--community', snmpd.community);
      expect(r.out).toMatch(/^IF-MIB::ifDescr\.1 = STRING: lo$/m);
      expect(r.out).toMatch(/^IF-MIB::ifType\.1 = INTEGER: softwareLoopback\(24\)$/m);
      expect(r.out).toMatch(/^IF-MIB::ifOperStatus\.1 = INTEGER: up\(1\)$/m);
      expect(r.out).toMatch(/^IF-MIB::ifPhysAddress\.1 = STRING: $/m);
      expect(r.out).toMatch(/^IF-MIB::ifSpecific\.1 = OID: SNMPv2-SMI::zeroDotZero$/m);
    });
  });

  it('names a vendor module\'s objects from a LINKSCOPE_MIB_DIRS folder, and reports a broken module there once with file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkscope-user-mibs-'));
    try {
      writeFileSync(join(dir, 'EXAMPLE-VENDOR-MIB.mib'), VENDOR_MIB);
      writeFileSync(join(dir, 'BROKEN-LINE-MIB.my'), BROKEN_MIB);
      const r = await runWith({ LINKSCOPE_MIB_DIRS: dir }, 'walk', `${snmpd.host}:${snmpd.port}`, 'EXAMPLE-VENDOR-MIB::exampleObjects', '--community', snmpd.community);
      expect(r.code).toBe(0);
      expect(r.out.trimEnd().split('\n')).toEqual(['EXAMPLE-VENDOR-MIB::exampleTemperature.0 = INTEGER: 42 degrees Celsius', 'EXAMPLE-VENDOR-MIB::exampleFanState.0 = INTEGER: failed(2)']);
      expect(r.err).toBe(`linkscope: ${join(dir, 'BROKEN-LINE-MIB.my')}:4: MIB module BROKEN-LINE-MIB not loaded: OID value "{" opened on line 4 is not closed (found "OBJECT" on line 5 before any "}")\n`);
      // Without the folder, the same agent's values have no names.
      const bare = await run('walk', `${snmpd.host}:${snmpd.port}`, '1.3.6.1.4.1.99999', '--community', snmpd.community);
      expect(bare.out).toContain('SNMPv2-SMI::enterprises.99999.1.1.0 = INTEGER: 42');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a LINKSCOPE_MIB_DIRS folder that does not exist, naming mibs.dirs', async () => {
    const r = await runWith({ LINKSCOPE_MIB_DIRS: '/nonexistent/linkscope-mibs' }, 'walk', `${snmpd.host}:${snmpd.port}`, 'sysName', '--community', snmpd.community);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/mibs\.dirs: "\/nonexistent\/linkscope-mibs" is not an existing folder.*\[LS_CONFIG_INVALID\]/);
  });

  it('writes an IPv6 agent as [::1]:port in its messages', async () => {
    const port = await freePort(); // nothing listens there: the walk times out
    const r = await runWith({ LINKSCOPE_SNMP_TIMEOUT: '100ms', LINKSCOPE_SNMP_RETRIES: '0' }, 'walk', `[::1]:${port}`, 'sysName', '--community', 'x');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`[::1]:${port}`);
    expect(r.err).not.toContain(` ::1:${port}`);
  });
});
