/** Every command and subcommand answers --help; a mistyped flag gets a "did you mean". No I/O happens before either. */
import { describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../../test/helpers/run-cli.js';

// A data dir that cannot be created: a command that got past --help into real work fails loudly.
const run = (...argv: string[]): Promise<CliRun> => runCli({ LINKSCOPE_DATA_DIR: '/proc/linkscope-help-test' }, argv);

/** Every command as typed, with the flag it takes (for the typo test). */
const COMMANDS: readonly (readonly [string[], string])[] = [
  [['serve'], '--insecure'],
  [['demo'], '--interval'],
  [['device', 'add'], '--community'],
  [['device', 'list'], '--json'],
  [['device', 'remove'], '--config'],
  [['device', 'import'], '--dry-run'],
  [['poll'], '--device'],
  [['walk'], '--community'],
  [['translate'], '--json'],
];

describe('linkscope --help', () => {
  it.each([[[]], [['--help']], [['device']], [['device', '--help']]])('prints usage for %j', async (argv) => {
    const r = await run(...argv);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/Usage/);
  });

  it.each(COMMANDS.flatMap(([cmd]) => [[[...cmd, '--help']], [[...cmd, '-h']]]))('answers %j with usage on stdout and exit 0', async (argv) => {
    const r = await run(...argv);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/Usage:/);
    expect(r.out).toContain(`linkscope ${argv[0]}`);
  });

  it.each(COMMANDS.map(([cmd, flag]) => [cmd, flag]))('suggests the near flag for a typo in %j', async (cmd, flag) => {
    const typo = `${String(flag).slice(0, -2)}${String(flag).slice(-1)}`; // drop the second-last letter
    const r = await run(...(cmd as string[]), typo, 'x');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(`linkscope: unknown option ${typo}; did you mean ${String(flag)}? (linkscope ${(cmd as string[]).join(' ')} --help lists the options) [LS_CLI_USAGE]\n`);
  });

  it('suggests --community for --comunity', async () => {
    const r = await run('device', 'add', '10.0.0.1', '--comunity', 'public');
    expect(r.err).toContain('unknown option --comunity; did you mean --community?');
  });

  it('names a flag that lacks its value, without parseArgs quoting artefacts', async () => {
    const r = await run('walk', '10.0.0.1', 'sysName', '--community');
    expect(r.code).toBe(2);
    expect(r.err).toContain("Option '-c, --community <value>' argument missing (linkscope walk --help)");
  });
});
