#!/usr/bin/env node
/** The `linkscope` command: dispatches to one file per command. */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT_OK, reportError, usageError, write, type Command, type CommandContext } from './common.js';
import { demoCommand } from './demo.js';
import { deviceCommand } from './device.js';
import { tuneHeap } from './heap-tuning.js';
import { pollCommand } from './poll.js';
import { serveCommand } from './serve.js';
import { translateCommand } from './translate.js';
import { walkCommand } from './walk.js';

export const HELP = `linkscope — SNMP interface poller: counters to InfluxDB, inventory, REST API

Usage: linkscope <command> [options]

Commands:
  serve                      poller + REST API until SIGINT/SIGTERM
  demo                       serve against a built-in simulated network (no setup needed)
  device add HOST[:PORT] ... add a device (checks that it answers); device list; device remove ID|NAME
  poll --once [--device ID]  discover + poll every (or one) device once, write, print a summary
  walk HOST[:PORT] OID|NAME  walk a subtree, like snmpbulkwalk, printed as snmpwalk does
  translate NAME|OID ...     MIB name <-> numeric OID, like snmptranslate

Every command takes --help and --config FILE (YAML or JSON). Environment: LINKSCOPE_DATA_DIR,
LINKSCOPE_INFLUX_URL, LINKSCOPE_INFLUX_DB, LINKSCOPE_LISTEN, LINKSCOPE_API_TOKEN,
LINKSCOPE_POLL_INTERVAL, LINKSCOPE_LOG_LEVEL, LINKSCOPE_LOG_FORMAT, LINKSCOPE_MIB_DIRS
(docs/configuration.md).`;

const COMMANDS: Readonly<Record<string, Command>> = {
  serve: serveCommand,
  demo: demoCommand,
  device: deviceCommand,
  devices: deviceCommand,
  poll: pollCommand,
  walk: walkCommand,
  translate: translateCommand,
};

/** The package version, from the nearest package.json above this file (src/ or dist/src/). */
function version(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5 && !existsSync(join(dir, 'package.json')); i += 1) dir = dirname(dir);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: readonly string[], ctx: Omit<CommandContext, 'argv'>): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      write(ctx.stdout, HELP);
      return EXIT_OK;
    }
    if (name === '--version' || name === '-V') {
      write(ctx.stdout, version());
      return EXIT_OK;
    }
    const command = COMMANDS[name];
    if (command === undefined) throw usageError(`unknown command "${name}"; run linkscope --help`);
    return await command({ ...ctx, argv: rest });
  } catch (err) {
    return reportError(err, ctx.stderr);
  }
}

/** Run only as the program (node dist/src/cli/main.js, or the npm bin symlink), not when imported by tests. */
function isEntryPoint(): boolean {
  const arg = process.argv[1];
  if (arg === undefined) return false;
  try {
    return realpathSync(arg) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  // `linkscope device list | head -1` closes the pipe early: that is the reader's choice, not a crash.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  // serve/demo: a fixed heap growing factor (see heap-tuning.ts); only as the program, never in a test's process.
  tuneHeap(process.argv[2]);
  const code = await main(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr });
  process.exitCode = code;
}
