/** The root pino logger: structured, levelled, with secrets redacted as a second fence behind Secret. */
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths pino blanks out whatever the caller logs. Secret already prints `***`; this catches a
 * raw string that slipped through (a request body, an error's details).
 */
export const REDACT_PATHS = [
  'community',
  'authKey',
  'privKey',
  'password',
  'token',
  'apiToken',
  'authorization',
  '*.community',
  '*.authKey',
  '*.privKey',
  '*.password',
  '*.token',
  '*.apiToken',
  '*.authorization',
  'snmp.community',
  'snmp.authKey',
  'snmp.privKey',
  'req.headers.authorization',
  'body.snmp.community',
  'body.snmp.authKey',
  'body.snmp.privKey',
];

export interface LoggerOptions {
  readonly level: string;
  /** Where lines go; default stdout. Tests pass a stream to capture lines. */
  readonly destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { app: 'linkscope' },
      redact: { paths: REDACT_PATHS, censor: '***' },
      serializers: { err: pino.stdSerializers.err },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

const LEVEL_LABELS: Readonly<Record<number, string>> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
/** Keys a pretty line shows in its head (or not at all); every other key follows as key=value. */
const HEAD_KEYS: ReadonlySet<string> = new Set(['level', 'time', 'msg', 'app', 'pid', 'hostname', 'module', 'device', 'v']);

function showValue(v: unknown): string {
  if (typeof v === 'string') return /[\s"=]/.test(v) || v === '' ? JSON.stringify(v) : v;
  if (v !== null && typeof v === 'object' && typeof (v as { message?: unknown }).message === 'string') return JSON.stringify((v as { message: string }).message);
  return JSON.stringify(v) ?? String(v);
}

/**
 * One pino JSON line as a line for people: `12:01:02 WARN  influx-sink: InfluxDB … spoolDir=/data/spool`.
 * Redaction already happened in pino, so nothing secret reaches here. A line that is not JSON passes unchanged.
 */
export function formatLogLine(line: string): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof o['time'] === 'number' ? new Date(o['time']).toTimeString().slice(0, 8) : '--:--:--';
  const level = (LEVEL_LABELS[Number(o['level'])] ?? String(o['level'])).padEnd(5);
  const where = [o['module'], o['device']].filter((x) => typeof x === 'string' && x !== '').join(' ');
  const rest = Object.entries(o)
    .filter(([k]) => !HEAD_KEYS.has(k))
    .map(([k, v]) => `${k}=${showValue(v)}`);
  return `${time} ${level} ${where === '' ? '' : `${where}: `}${String(o['msg'] ?? '')}${rest.length === 0 ? '' : `  ${rest.join(' ')}`}\n`;
}

/**
 * Where log lines go, as JSON or as readable text (`formatLogLine`). Synchronous by default, so
 * no line is lost on exit; serve passes `sync: false` and flushes on stop.
 */
export function logDestination(format: 'pretty' | 'json', fd: 1 | 2, sync = true): DestinationStream {
  const raw = pino.destination({ dest: fd, sync });
  if (format === 'json') return raw;
  // flush: pino's logger.flush() looks for it on the destination, so an async serve loses no line on stop.
  return { write: (line: string) => void raw.write(formatLogLine(line)), flush: (cb?: (err?: Error) => void) => raw.flush(cb) } as DestinationStream;
}

/** `auto` → pretty on a terminal, JSON otherwise (a pipe, a file, a container log collector). */
export function resolveLogFormat(format: 'auto' | 'pretty' | 'json', isTTY: boolean | undefined): 'pretty' | 'json' {
  return format === 'auto' ? (isTTY === true ? 'pretty' : 'json') : format;
}

/** A logger that drops everything: for unit tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
