/** `linkscope translate`: names ↔ numeric OIDs like snmptranslate, --json, unknown names, user MIB folders. No daemon needed. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../../test/helpers/run-cli.js';

const run = (env: NodeJS.ProcessEnv, ...argv: string[]): Promise<CliRun> => runCli(env, argv);

const VENDOR = `EXAMPLE-TRANSLATE-MIB DEFINITIONS ::= BEGIN
IMPORTS OBJECT-TYPE, Integer32, enterprises FROM SNMPv2-SMI;
exampleTranslate OBJECT IDENTIFIER ::= { enterprises 99997 }
exampleCount OBJECT-TYPE
    SYNTAX Integer32
    MAX-ACCESS read-only
    STATUS current
    DESCRIPTION "A count."
    ::= { exampleTranslate 1 }
END
`;

describe('linkscope translate', () => {
  it('turns names into numeric OIDs and numeric OIDs into names, as snmptranslate does', async () => {
    const r = await run({}, 'translate', 'IF-MIB::ifDescr', 'ifHCInOctets.5', '1.3.6.1.2.1.2.2.1.2.5', '.1.3.6.1.2.1.1.3.0', 'SNMPv2-MIB::sysUpTime.0');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out.trimEnd().split('\n')).toEqual(['.1.3.6.1.2.1.2.2.1.2', '.1.3.6.1.2.1.31.1.1.1.6.5', 'IF-MIB::ifDescr.5', 'SNMPv2-MIB::sysUpTime.0', '.1.3.6.1.2.1.1.3.0']);
  });

  it('fails on an unknown name with LS_MIB_UNKNOWN_NAME and the nearest known name', async () => {
    const r = await run({}, 'translate', 'IF-MIB::ifDesc');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/"IF-MIB::ifDesc" is not defined by the loaded MIB modules \(did you mean IF-MIB::ifDescr\?\).*\[LS_MIB_UNKNOWN_NAME\]/);
    const far = await run({}, 'translate', 'NO-SUCH-MIB::zzzzzzzz');
    expect(far.err).toContain('[LS_MIB_UNKNOWN_NAME]');
    expect(far.err).not.toContain('did you mean');
  });

  it('prints the object and its syntax with --json', async () => {
    const r = await run({}, 'translate', '--json', 'IF-MIB::ifOperStatus.3', '1.3.6.1.2.1.31.1.1.1.6');
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.out) as unknown[];
    expect(parsed).toEqual([
      {
        input: 'IF-MIB::ifOperStatus.3',
        oid: '.1.3.6.1.2.1.2.2.1.8.3',
        name: 'IF-MIB::ifOperStatus.3',
        object: expect.objectContaining({ name: 'IF-MIB::ifOperStatus', module: 'IF-MIB', baseType: 'INTEGER', enumeration: expect.objectContaining({ 1: 'up', 2: 'down' }) as unknown }) as unknown,
      },
      { input: '1.3.6.1.2.1.31.1.1.1.6', oid: '.1.3.6.1.2.1.31.1.1.1.6', name: 'IF-MIB::ifHCInOctets', object: expect.objectContaining({ baseType: 'Counter64', access: 'read-only' }) as unknown },
    ]);
  });

  it('needs at least one argument', async () => {
    const r = await run({}, 'translate');
    expect(r.code).toBe(2);
    expect(r.err).toContain('[LS_CLI_USAGE]');
  });

  it('knows the modules of a LINKSCOPE_MIB_DIRS folder, and says once which module there did not load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkscope-translate-mibs-'));
    try {
      writeFileSync(join(dir, 'EXAMPLE-TRANSLATE-MIB.txt'), VENDOR);
      writeFileSync(join(dir, 'NEEDS-MISSING-MIB.mib'), 'NEEDS-MISSING-MIB DEFINITIONS ::= BEGIN\nIMPORTS\n  fooTC FROM NO-SUCH-MIB;\nEND\n');
      const before = await run({}, 'translate', 'EXAMPLE-TRANSLATE-MIB::exampleCount');
      expect(before.code).toBe(1);
      const r = await run({ LINKSCOPE_MIB_DIRS: dir }, 'translate', 'EXAMPLE-TRANSLATE-MIB::exampleCount.0', '1.3.6.1.4.1.99997.1.0', 'exampleCount');
      expect(r.code).toBe(0);
      expect(r.out.trimEnd().split('\n')).toEqual(['.1.3.6.1.4.1.99997.1.0', 'EXAMPLE-TRANSLATE-MIB::exampleCount.0', '.1.3.6.1.4.1.99997.1']);
      expect(r.err).toBe(`linkscope: ${join(dir, 'NEEDS-MISSING-MIB.mib')}:3: MIB module NEEDS-MISSING-MIB not loaded: imports from NO-SUCH-MIB, which no MIB folder has (shipped mibs/, mibs.dirs, LINKSCOPE_MIB_DIRS)\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
