/** Unit tests for how the influx package's failures are told apart: InfluxDB not answering vs. answering no. */
import type { ClientRequest, IncomingMessage } from 'node:http';
import { ResultError } from 'influx';
import { RequestError, ServiceNotAvailableError } from 'influx/lib/src/pool.js';
import { describe, expect, it } from 'vitest';
import { classifyInfluxError } from './influx-client.js';

function requestError(statusCode: number, body: string): RequestError {
  // Only statusCode and statusMessage of the response are read by the package and by us.
  return new RequestError({} as ClientRequest, { statusCode, statusMessage: 'X' } as IncomingMessage, body);
}

describe('classifyInfluxError', () => {
  it('calls a 5xx, a timeout or no host "unavailable": try again later', () => {
    expect(classifyInfluxError(new ServiceNotAvailableError('Request timed out'))).toEqual({ kind: 'unavailable', message: 'Request timed out' });
    expect(classifyInfluxError(requestError(503, 'busy'))).toMatchObject({ kind: 'unavailable' });
  });

  it('calls a socket error "unavailable"', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    expect(classifyInfluxError(err)).toEqual({ kind: 'unavailable', message: 'connect ECONNREFUSED 127.0.0.1:9' });
  });

  it('calls a 4xx "refused" with InfluxDB\'s own error text', () => {
    expect(classifyInfluxError(requestError(403, '{"error":"error authorizing query: writer not authorized to execute statement"}'))).toEqual({
      kind: 'refused',
      status: 403,
      message: 'error authorizing query: writer not authorized to execute statement',
    });
  });

  it('calls a statement error inside a 200 "refused"', () => {
    expect(classifyInfluxError(new ResultError('retention policy duration must be at least 1h0m0s'))).toEqual({
      kind: 'refused',
      status: 200,
      message: 'retention policy duration must be at least 1h0m0s',
    });
  });
});
