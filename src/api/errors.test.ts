/** Unit tests for the error mapping: codes to statuses, validation messages that name the field, no leaks. */
import { describe, expect, it } from 'vitest';
import { LinkscopeError } from '../model/errors.js';
import { formatValidationError, mapError } from './errors.js';
import { createDeviceBodySchema } from './schemas/device.js';

describe('mapError', () => {
  it('keeps a 4xx LinkscopeError code and message', () => {
    expect(mapError(new LinkscopeError('LS_DEVICE_NOT_FOUND', 'no device "x"'))).toEqual({
      status: 404, body: { error: { code: 'LS_DEVICE_NOT_FOUND', message: 'no device "x"' } }, internal: false,
    });
  });

  it('replaces a 5xx message by the registry summary', () => {
    const m = mapError(new LinkscopeError('LS_INVENTORY_DB', 'database /var/lib/linkscope/inventory.db is locked'));
    expect(m.status).toBe(500);
    expect(m.body.error.code).toBe('LS_INVENTORY_DB');
    expect(m.body.error.message).not.toContain('/var/lib');
    expect(m.internal).toBe(true);
  });

  it('turns anything unknown into LS_INTERNAL with a generic message', () => {
    const m = mapError(new Error('secret detail at /src/x.ts:1'));
    expect(m).toEqual({ status: 500, body: { error: { code: 'LS_INTERNAL', message: 'An unexpected internal error; see the server log.' } }, internal: true });
  });

  it('maps fastify errors by code and by status', () => {
    const fe = (code: string, statusCode: number): Error => Object.assign(new Error('x'), { code, statusCode });
    expect(mapError(fe('FST_ERR_CTP_BODY_TOO_LARGE', 413)).body.error.code).toBe('LS_BODY_TOO_LARGE');
    expect(mapError(fe('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415))).toMatchObject({ status: 400, body: { error: { code: 'LS_VALIDATION' } } });
    expect(mapError(fe('FST_ERR_SOMETHING_NEW', 405))).toMatchObject({ status: 400, body: { error: { code: 'LS_VALIDATION' } } });
    expect(mapError(fe('X', 429)).status).toBe(429);
  });
});

describe('formatValidationError', () => {
  const err = (instancePath: string, schemaPath: string, keyword: string, params: Record<string, unknown>) => ({ instancePath, schemaPath, keyword, params });

  it('names the field path and the allowed keys or values', () => {
    expect(formatValidationError('body', err('/snmp/community', '#/properties/snmp/properties/community/type', 'type', { type: 'string' }), createDeviceBodySchema)).toBe('body.snmp.community: must be string');
    expect(formatValidationError('body', err('', '#/additionalProperties', 'additionalProperties', { additionalProperty: 'zz' }), createDeviceBodySchema)).toBe('body.zz: unknown field; allowed: host, port, name, interval, snmp, metrics, site');
    expect(formatValidationError('body', err('/snmp', '#/properties/snmp/additionalProperties', 'additionalProperties', { additionalProperty: 'a b"c' }), createDeviceBodySchema)).toBe(
      'body.snmp: unknown field "a b\\"c"; allowed: version, community, user, level, authProtocol, authKey, privProtocol, privKey, context',
    );
    expect(formatValidationError('querystring', err('/status', '#/properties/status/enum', 'enum', { allowedValues: ['up', 'down'] }), undefined)).toBe('query.status: must be one of "up", "down"');
    expect(formatValidationError('body', err('/port', '#/properties/port/maximum', 'maximum', { comparison: '<=', limit: 65535 }), createDeviceBodySchema)).toBe('body.port: must be <= 65535');
    expect(formatValidationError('body', err('', '#/required', 'required', { missingProperty: 'host' }), createDeviceBodySchema)).toBe('body.host: is required');
  });

  it('truncates a huge unknown key instead of echoing it whole', () => {
    const message = formatValidationError('body', err('', '#/additionalProperties', 'additionalProperties', { additionalProperty: 'k'.repeat(10_000) }), createDeviceBodySchema);
    expect(message.length).toBeLessThan(200);
  });
});
