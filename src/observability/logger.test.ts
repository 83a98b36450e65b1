import { describe, expect, it } from 'vitest';
import { createLogger, formatLogLine, resolveLogFormat } from './logger.js';

describe('log format', () => {
  it('is pretty on a terminal and JSON otherwise, unless chosen', () => {
    expect(resolveLogFormat('auto', true)).toBe('pretty');
    expect(resolveLogFormat('auto', false)).toBe('json');
    expect(resolveLogFormat('auto', undefined)).toBe('json');
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('pretty', false)).toBe('pretty');
  });

  it('writes a pino line as time, level, module and device, message, then the other keys', () => {
    const time = new Date(2026, 4, 1, 12, 1, 2).getTime();
    const line = JSON.stringify({ level: 40, time, app: 'linkscope', module: 'poller', device: 'core-sw1', deviceId: 3, msg: 'SNMP get timed out', code: 'LS_SNMP_TIMEOUT', err: { message: 'boom' } });
    expect(formatLogLine(line)).toBe('12:01:02 WARN  poller core-sw1: SNMP get timed out  deviceId=3 code=LS_SNMP_TIMEOUT err="boom"\n');
  });

  it('keeps redaction: a community logged by mistake is *** in the pretty line too', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (l: string) => void lines.push(formatLogLine(l)) } });
    logger.info({ community: 'hunter2-C0mm' }, 'added');
    expect(lines.join('')).toContain('community=***');
    expect(lines.join('')).not.toContain('hunter2');
  });

  it('passes a line that is not JSON through unchanged', () => {
    expect(formatLogLine('plain text\n')).toBe('plain text\n');
  });
});
