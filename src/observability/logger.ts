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

/** A logger that drops everything: for unit tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
