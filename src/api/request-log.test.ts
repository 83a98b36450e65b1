/** Unit tests for the request log line: no token from a query string reaches the log. */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../observability/logger.js';
import { buildApi } from './server.js';
import { testApiDeps } from './testing.js';
import { loggableUrl } from './request-log.js';

describe('loggableUrl', () => {
  it('masks secret-looking query values and keeps the rest', () => {
    expect(loggableUrl('/api/v1/devices?token=s3cret')).toBe('/api/v1/devices?token=***');
    expect(loggableUrl('/x?from=-1h&access_token=a&Api%4Bey=b&step=60s')).toBe('/x?from=-1h&access_token=***&Api%4Bey=***&step=60s');
    expect(loggableUrl('/x?community=public&flag')).toBe('/x?community=***&flag');
    expect(loggableUrl('/api/v1/devices')).toBe('/api/v1/devices');
  });
});

describe('the request log', () => {
  it('never writes a token given in the query string, even at debug level', async () => {
    const lines: string[] = [];
    const app = await buildApi(testApiDeps({ logger: createLogger({ level: 'debug', destination: { write: (l: string) => void lines.push(l) } }) }));
    try {
      await app.inject({ url: '/api/v1/devices?token=s3cret-in-query' });
      await app.inject({ url: '/api/v1/devices?access_token=s3cret-in-query' });
    } finally {
      await app.close();
    }
    expect(lines.some((l) => l.includes('/api/v1/devices'))).toBe(true);
    expect(lines.join('')).not.toContain('s3cret-in-query');
  });
});
