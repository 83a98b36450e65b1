/** Shared CLI plumbing: config loading, loggers, one-line errors, exit codes. No domain logic. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closestName, loadConfig, type Config } from '../config/index.js';
import { describeError, isLinkscopeError, LinkscopeError } from '../model/errors.js';
import { createLogger, logDestination, resolveLogFormat, type Logger } from '../observability/logger.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export interface CommandContext {
  /** Arguments after the command name. */
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export type Command = (ctx: CommandContext) => Promise<number>;

export function usageError(message: string): LinkscopeError {
  return new LinkscopeError('LS_CLI_USAGE', message);
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * parseArgs with strict checking; its errors become LS_CLI_USAGE naming the option, with the
 * nearest known flag for a typo (`--comunity` → `--community`) and where to find the rest.
 * `command` is the command as typed (`device add`) for the `--help` hint.
 */
export function parse<T extends Options>(argv: readonly string[], options: T, allowPositionals = true, command = '') {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals, strict: true });
  } catch (err) {
    throw usageError(parseErrorMessage(err, options, command));
  }
}

/** One readable line for a parseArgs error; Node's own text ends in an unbalanced quoted hint. */
export function parseErrorMessage(err: unknown, options: Options, command: string): string {
  const help = `linkscope ${command === '' ? '' : `${command} `}--help`;
  const code = (err as NodeJS.ErrnoException).code;
  const text = describeError(err).replace(/^TypeError \[[A-Z_]+\]: /, '');
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const typed = /^Unknown option '([^']+)'/.exec(text)?.[1] ?? text;
    const flags = Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...(o.short === undefined ? [] : [`-${o.short}`])]);
    const guess = closestName(typed.split('=')[0] ?? typed, flags);
    return `unknown option ${typed}${guess === undefined ? '' : `; did you mean ${guess}?`} (${help} lists the options)`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const arg = /'([^']*)'/.exec(text)?.[1];
    return `unexpected argument ${arg === undefined ? '' : `"${arg}" `}(${help})`;
  }
  // "Option '-c, --community <value>' argument missing": clear as it is; add where help is.
  return `${text.replace(/\. To specify a .*$/s, '')} (${help})`;
}
export const CONFIG_OPTION = { config: { type: 'string' } } as const;

/** The configuration; warnings (unknown LINKSCOPE_* variables) go to `onWarning`, by default one line each on stderr. */
export function configFor(file: string | undefined, env: NodeJS.ProcessEnv, onWarning?: (message: string) => void): Config {
  const warn = onWarning ?? ((m: string) => process.stderr.write(`linkscope: warning: ${m}\n`));
  return loadConfig({ ...(file === undefined ? {} : { file }), env, onWarning: warn });
}

/** Config warnings as `linkscope: warning: …` lines on the command's stderr. */
export function warnTo(stderr: NodeJS.WritableStream): (message: string) => void {
  return (message) => stderr.write(`linkscope: warning: ${message}\n`);
}

/**
 * Commands that print data log to stderr (stdout stays their output), warnings and above unless
 * LINKSCOPE_LOG_LEVEL says otherwise; `quietest` is for commands whose own output already reports
 * what a warning would (poll --once, demo), so the same news is not printed twice.
 */
export function quietLogger(config: Config, env: NodeJS.ProcessEnv, quietest: 'warn' | 'error' = 'warn'): Logger {
  const level = env['LINKSCOPE_LOG_LEVEL'] === undefined ? quietest : config.logLevel;
  return createLogger({ level, destination: logDestination(resolveLogFormat(config.logFormat, process.stderr.isTTY), 2) });
}

/** One clear line on stderr; the exit code for it. */
export function reportError(err: unknown, stderr: NodeJS.WritableStream): number {
  if (isLinkscopeError(err)) {
    stderr.write(`linkscope: ${err.message} [${err.code}]\n`);
    return err.code === 'LS_CLI_USAGE' ? EXIT_USAGE : EXIT_FAILURE;
  }
  stderr.write(`linkscope: unexpected error: ${describeError(err)}\n`);
  return EXIT_FAILURE;
}

export function write(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** A fixed-width text table for human output. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** `HOST`, `HOST:PORT`, `[V6]:PORT` or a bare IPv6 address. */
export function parseHostPort(text: string, defaultPort = 161): { host: string; port: number } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (v6 !== null) return { host: v6[1] ?? '', port: v6[2] === undefined ? defaultPort : portOf(v6[2], text) };
  const colons = text.split(':').length - 1;
  if (colons === 1) {
    const [host, port] = text.split(':') as [string, string];
    return { host, port: portOf(port, text) };
  }
  return { host: text, port: defaultPort };
}

function portOf(text: string, whole: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 65535) throw usageError(`${whole}: port must be 1-65535`);
  return n;
}

/** CLI flag names for the credential fields, so validation messages name what the user typed. */
const FLAG_FOR_FIELD: Readonly<Record<string, string>> = {
  'snmp.version': '--version',
  'snmp.community': '--community',
  'snmp.user': '--user',
  'snmp.level': '--level',
  'snmp.authProtocol': '--auth-protocol',
  'snmp.authKey': '--auth-key',
  'snmp.privProtocol': '--priv-protocol',
  'snmp.privKey': '--priv-key',
  'snmp.context': '--context',
  interval: '--interval',
  name: '--name',
  site: '--site',
};

export function withFlagNames(err: unknown): unknown {
  if (!isLinkscopeError(err, 'LS_DEVICE_INVALID')) return err;
  let message = err.message;
  for (const [field, flag] of Object.entries(FLAG_FOR_FIELD)) message = message.split(`${field}:`).join(`${flag}:`);
  return new LinkscopeError('LS_DEVICE_INVALID', message, { cause: err });
}

export const SNMP_OPTIONS = {
  community: { type: 'string', short: 'c' },
  version: { type: 'string', short: 'v' },
  user: { type: 'string', short: 'u' },
  level: { type: 'string', short: 'l' },
  'auth-protocol': { type: 'string', short: 'a' },
  'auth-key': { type: 'string', short: 'A' },
  'priv-protocol': { type: 'string', short: 'x' },
  'priv-key': { type: 'string', short: 'X' },
  context: { type: 'string', short: 'n' },
} as const;

/** Credential flags → the API's `snmp` object (the same validation then applies to CLI and API). */
export function snmpBodyFrom(values: Record<string, string | boolean | undefined>): Record<string, unknown> {
  const version = typeof values['version'] === 'string' ? values['version'] : '2c';
  const body: Record<string, unknown> = { version };
  const map: [string, string][] = [
    ['community', 'community'],
    ['user', 'user'],
    ['level', 'level'],
    ['auth-protocol', 'authProtocol'],
    ['auth-key', 'authKey'],
    ['priv-protocol', 'privProtocol'],
    ['priv-key', 'privKey'],
    ['context', 'context'],
  ];
  for (const [flag, field] of map) if (typeof values[flag] === 'string') body[field] = values[flag];
  return body;
}
