/** Communities, v3 keys and the API token never appear in any response or log line, even around errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkscopeError } from '../../src/model/errors.js';
import { AUTH, makeDeviceState, makeInterface, startApi, TOKEN, type Harness } from './api-harness.js';

const SECRETS = {
  community: 'c0mmunity-s3cret-2c',
  community2: 'an0ther-c0mmunity',
  authKey: 'auth-k3y-s3cret',
  privKey: 'priv-k3y-s3cret',
  rotated: 'r0tated-priv-k3y',
};

describe('secrets', () => {
  let h: Harness;
  const bodies: string[] = [];

  beforeAll(async () => {
    h = await startApi();
    const send = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = AUTH): Promise<void> => {
      const r = await h.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
      bodies.push(`${r.statusCode} ${JSON.stringify(r.headers)} ${r.body}`);
    };
    const v2c = { host: '10.0.0.1', name: 'v2c', snmp: { version: '2c', community: SECRETS.community } };
    const v3 = {
      host: '10.0.0.2', name: 'v3',
      snmp: { version: '3', user: 'mon', level: 'authPriv', authProtocol: 'sha', authKey: SECRETS.authKey, privProtocol: 'aes', privKey: SECRETS.privKey },
    };
    await send('POST', '/api/v1/devices', v2c);
    await send('POST', '/api/v1/devices', v3);
    // Errors carrying secrets in the request: duplicate, unknown field, wrong type, bad level, no token.
    await send('POST', '/api/v1/devices', v2c);
    await send('POST', '/api/v1/devices', { ...v2c, extra: SECRETS.community });
    await send('POST', '/api/v1/devices', { host: '10.0.0.3', snmp: { version: '2c', community: SECRETS.community2, authKey: SECRETS.authKey } });
    await send('POST', '/api/v1/devices', { host: '10.0.0.3', snmp: { version: '3', user: 'u', level: 'noAuthNoPriv', privKey: SECRETS.privKey } });
    await send('POST', '/api/v1/devices', { host: '10.0.0.3', snmp: { version: '2c', community: `${SECRETS.community2}\u0001` } });
    await send('POST', '/api/v1/devices', v2c, {});
    await send('POST', '/api/v1/devices', v2c, { authorization: `Bearer ${SECRETS.authKey}` });
    await send('PATCH', '/api/v1/devices/v3', { snmp: { privKey: SECRETS.rotated } });
    await send('PATCH', '/api/v1/devices/v3', { snmp: { privKey: 'short' } });
    await send('PATCH', '/api/v1/devices/v2c', { snmp: { version: '2c', community: 7 } });
    await send('PATCH', '/api/v1/devices/nope', { snmp: { version: '2c', community: SECRETS.community } });
    // Poll errors and history failures.
    h.state.set(makeDeviceState(1, { status: 'auth-failed', lastError: { code: 'LS_SNMP_AUTH', message: 'SNMPv3 authentication failed for user mon at 10.0.0.2:161', at: '2024-05-01T00:00:00Z' }, interfaces: [makeInterface(1)] }));
    h.history.answer = async () => {
      throw new LinkscopeError('LS_INFLUX_UNAVAILABLE', 'InfluxDB unreachable');
    };
    await send('GET', '/api/v1/devices/v3/interfaces/Gi1%2F0%2F1/utilization');
    h.history.answer = async () => {
      throw new Error('boom');
    };
    await send('GET', '/api/v1/devices/v3/interfaces/Gi1%2F0%2F1/utilization');
    for (const url of ['/api/v1/devices', '/api/v1/devices/v2c', '/api/v1/devices/v3', '/api/v1/devices/1/interfaces', '/health', '/metrics', '/docs/json']) {
      await send('GET', url);
    }
  });

  afterAll(async () => {
    await h.close();
  });

  it('returns secrets only as ***', () => {
    const all = bodies.join('\n');
    expect(all).toContain('"community":"***"');
    expect(all).toContain('"authKey":"***"');
    expect(all).toContain('"privKey":"***"');
  });

  it('puts no community, key or token into any response', () => {
    for (const secret of [...Object.values(SECRETS), TOKEN]) {
      for (const body of bodies) expect(body.includes(secret), `${secret} in ${body.slice(0, 300)}`).toBe(false);
    }
  });

  it('puts no community, key or token into any log line (debug level included)', () => {
    expect(h.logLines.length).toBeGreaterThan(20);
    for (const secret of [...Object.values(SECRETS), TOKEN]) {
      for (const line of h.logLines) expect(line.includes(secret), `${secret} in ${line.slice(0, 300)}`).toBe(false);
    }
  });

  it('really stored the rotated key (the PATCH went through)', () => {
    const device = h.inventory.get('v3');
    expect(device.snmp.version === '3' && device.snmp.privKey?.reveal()).toBe(SECRETS.rotated);
  });
});
