/** Device validation: every rule names the field by its API-body path. */
import { describe, expect, it } from 'vitest';
import { LinkscopeError } from '../model/errors.js';
import { Secret } from '../model/secret.js';
import type { NewDevice } from '../model/types.js';
import { defaultDeviceName, parseDeviceRef, parseDevicePatchBody, parseNewDeviceBody, validateDeviceName, validateDevicePatch, validateHost, validateNewDevice } from './validate.js';

function invalid(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(LinkscopeError);
    expect((err as LinkscopeError).code).toBe('LS_DEVICE_INVALID');
    return (err as Error).message;
  }
  throw new Error('expected LS_DEVICE_INVALID');
}

const v2 = { version: '2c', community: new Secret('public') } as const;

describe('hosts', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1'],
    ['2001:DB8:0:0::1', '2001:db8::1'],
    ['[::1]', '::1'],
    ['Core-SW1.Example.NET', 'core-sw1.example.net'],
    ['localhost', 'localhost'],
    ['router.', 'router'],
  ])('accepts %j as %j', (host, normalized) => {
    expect(validateHost(host)).toBe(normalized);
  });

  it.each([
    ['udp:10.0.0.1', 'has a scheme'],
    ['http://10.0.0.1', 'has a scheme'],
    ['10.0.0.1:161', 'includes a port; put the port in "port"'],
    ['core sw1', 'contains spaces'],
    ['10.0.0.256', 'is not a valid IPv4 address'],
    ['010.0.0.1', 'is not a valid IPv4 address'],
    ['-bad-.example', 'is not a valid host'],
    ['fe80::1%eth0', 'zone id'],
    ['', 'host: required'],
  ])('refuses %j (%s)', (host, reason) => {
    expect(invalid(() => validateHost(host))).toContain(reason);
  });
});

describe('names', () => {
  it.each(['core-sw1', 'a', 'ap_3.floor:2', 'x'.repeat(64), '10.0.0.1', '1a', 'swos_css326-24g-2s+', 'core sw1', 'Zürich-Kern', 'スイッチ1', 'ap (floor 2)'])('accepts %j', (name) => {
    expect(validateDeviceName(name)).toBe(name);
  });

  it.each([
    ['', 'must be a non-empty string'],
    ['x'.repeat(65), 'longer than 64'],
    ['sw/1', 'may only contain'],
    ['sw\u0001', 'may only contain'],
    ['sw\t1', 'may only contain'],
    [' sw1', 'starts or ends with a space'],
    ['sw1 ', 'starts or ends with a space'],
    ['12345', 'all digits'],
  ])('refuses %j (%s)', (name, reason) => {
    expect(invalid(() => validateDeviceName(name))).toContain(`name: `);
    expect(invalid(() => validateDeviceName(name))).toContain(reason);
  });

  it('reads digits as an id and anything else as a name', () => {
    expect(parseDeviceRef('42')).toEqual({ id: 42 });
    expect(parseDeviceRef(42)).toEqual({ id: 42 });
    expect(parseDeviceRef('core-sw1')).toEqual({ name: 'core-sw1' });
  });

  it('derives default names from host and port', () => {
    expect(defaultDeviceName('10.0.0.1', 161)).toBe('10.0.0.1');
    expect(defaultDeviceName('10.0.0.1', 1161)).toBe('10.0.0.1:1161');
    expect(defaultDeviceName('10.0.0.1', 161, 3)).toBe('10.0.0.1-3');
    const long = `${'a'.repeat(60)}.example.net`;
    expect(defaultDeviceName(long, 161, 12)).toHaveLength(64);
    expect(defaultDeviceName(long, 161, 12).endsWith('-12')).toBe(true);
  });
});

describe('validateNewDevice', () => {
  it('fills in port 161, a null interval and the default site', () => {
    expect(validateNewDevice({ host: '10.0.0.1', snmp: v2 })).toEqual({ host: '10.0.0.1', port: 161, name: undefined, snmp: v2, intervalMs: null, discoveredBy: null, metrics: [], site: 'default' });
  });

  it.each([
    [{ host: '10.0.0.1', port: 0, snmp: v2 }, 'port: 0 is not a UDP port'],
    [{ host: '10.0.0.1', port: 70000, snmp: v2 }, 'port: 70000 is not a UDP port'],
    [{ host: '10.0.0.1', intervalMs: 500, snmp: v2 }, 'interval: 500ms is out of range; allowed 1s to 1d'],
    [{ host: '10.0.0.1', intervalMs: 2 * 86_400_000, snmp: v2 }, 'interval: 2d is out of range'],
    [{ host: '10.0.0.1', snmp: { version: '2c', community: new Secret('') } }, 'snmp.community: must be 1 to 255 characters long'],
    [{ host: '10.0.0.1', snmp: { version: '2c', community: new Secret('x'.repeat(256)) } }, 'snmp.community: must be 1 to 255'],
    [{ host: '10.0.0.1', snmp: { version: '2c', community: new Secret('tab\there') } }, 'snmp.community: must be printable'],
    [{ host: '10.0.0.1', snmp: { version: '2', community: new Secret('x') } }, 'snmp.version: "2" is not allowed; one of "1", "2c", "3"'],
  ] as [NewDevice, string][])('refuses %o', (input, reason) => {
    expect(invalid(() => validateNewDevice(input))).toContain(reason);
  });

  it('reports every bad field at once', () => {
    const message = invalid(() => validateNewDevice({ host: 'a b', port: -1, name: '123', snmp: v2 }));
    expect(message).toContain('3 problems');
    expect(message).toContain('host:');
    expect(message).toContain('port:');
    expect(message).toContain('name:');
  });

  it('never puts a community in the message', () => {
    const message = invalid(() => validateNewDevice({ host: '10.0.0.1', snmp: { version: '2c', community: new Secret('s3cret\u0001') } }));
    expect(message).not.toContain('s3cret');
  });
});

describe('sites', () => {
  it.each(['default', 'dc-1', 'Paris.Campus_2', '7th-floor', 'a', 'x'.repeat(63)])('accepts %s as written', (site) => {
    expect(validateNewDevice({ host: '10.0.0.1', snmp: v2, site }).site).toBe(site);
    expect(validateDevicePatch({ site }).site).toBe(site);
  });

  it.each(['', ' dc1', 'dc 1', '-dc', '.hidden', 'dc/1', 'dc:1', 'café', 'x'.repeat(64), 42, null])('refuses %j naming the field', (site) => {
    const message = invalid(() => validateNewDevice({ host: '10.0.0.1', snmp: v2, site: site as string }));
    expect(message).toContain('site: ');
    expect(message).toContain('is not a site name; use 1 to 63 ASCII letters, digits');
    expect(invalid(() => validateDevicePatch({ site: site as string }))).toContain('site: ');
  });

  it('takes site from POST and PATCH bodies, absent when not given', () => {
    expect(parseNewDeviceBody({ host: '10.0.0.1', snmp: { community: 'x' }, site: 'dc-1' }).site).toBe('dc-1');
    expect(parseNewDeviceBody({ host: '10.0.0.1', snmp: { community: 'x' } })).not.toHaveProperty('site');
    expect(parseDevicePatchBody({ site: 'dc-2' })).toEqual({ site: 'dc-2' });
    expect(invalid(() => parseNewDeviceBody({ host: '10.0.0.1', snmp: { community: 'x' }, site: 'a b' }))).toContain('site: "a b" is not a site name');
    expect(invalid(() => parseDevicePatchBody({ site: null }))).toContain('site: null is not a site name');
  });
});

describe('SNMPv3 rules', () => {
  const key = new Secret('authkey-123');
  const pkey = new Secret('privkey-123');
  const v3 = (fields: Record<string, unknown>): NewDevice => ({ host: '10.0.0.1', snmp: { version: '3', ...fields } as never });

  it('accepts each level with exactly what it needs', () => {
    expect(validateNewDevice(v3({ user: 'mon', level: 'noAuthNoPriv' })).snmp).toEqual({ version: '3', user: 'mon', level: 'noAuthNoPriv' });
    expect(validateNewDevice(v3({ user: 'mon', level: 'authNoPriv', authProtocol: 'sha', authKey: key })).snmp).toMatchObject({ authProtocol: 'sha' });
    const full = validateNewDevice(v3({ user: 'mon', level: 'authPriv', authProtocol: 'sha256', authKey: key, privProtocol: 'aes', privKey: pkey, context: 'vlan-10' }));
    expect(full.snmp).toMatchObject({ level: 'authPriv', privProtocol: 'aes', context: 'vlan-10' });
  });

  it('treats an empty context as none', () => {
    expect(validateNewDevice(v3({ user: 'mon', level: 'noAuthNoPriv', context: '' })).snmp).toEqual({ version: '3', user: 'mon', level: 'noAuthNoPriv' });
  });

  it.each([
    [{ level: 'noAuthNoPriv' }, 'snmp.user: required'],
    [{ user: 'x'.repeat(33), level: 'noAuthNoPriv' }, 'snmp.user: must be 1 to 32'],
    [{ user: 'mon' }, 'snmp.level: required; one of noAuthNoPriv, authNoPriv, authPriv'],
    [{ user: 'mon', level: 'authPriv', authProtocol: 'sha', authKey: key, privProtocol: 'aes' }, 'snmp.privKey: required when level is authPriv'],
    [{ user: 'mon', level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes', privKey: pkey }, 'snmp.authKey: required when level is authPriv'],
    [{ user: 'mon', level: 'authNoPriv', authKey: key }, 'snmp.authProtocol: required when level is authNoPriv'],
    [{ user: 'mon', level: 'authNoPriv', authProtocol: 'sha', authKey: key, privKey: pkey }, 'snmp.privKey: not allowed when level is authNoPriv'],
    [{ user: 'mon', level: 'noAuthNoPriv', authProtocol: 'sha' }, 'snmp.authProtocol: not allowed when level is noAuthNoPriv'],
    [{ user: 'mon', level: 'authNoPriv', authProtocol: 'sha', authKey: new Secret('short') }, 'snmp.authKey: must be 8 to 255 characters long (RFC 3414 minimum)'],
    [{ user: 'mon', level: 'authNoPriv', authProtocol: 'sha1', authKey: key }, 'snmp.authProtocol: "sha1" is not allowed; one of md5, sha, sha224'],
    [{ user: 'mon', level: 'authPriv', authProtocol: 'sha', authKey: key, privProtocol: '3des', privKey: pkey }, 'snmp.privProtocol: "3des" is not allowed'],
    [{ user: 'mon', level: 'noAuthNoPriv', community: new Secret('public') }, 'snmp.community: not allowed for version 3'],
  ])('refuses %o', (fields, reason) => {
    expect(invalid(() => validateNewDevice(v3(fields)))).toContain(reason);
  });

  it('refuses v3 fields on a v2c device', () => {
    expect(invalid(() => validateNewDevice({ host: '10.0.0.1', snmp: { version: '2c', community: new Secret('x'), user: 'mon' } as never }))).toContain(
      'snmp.user: not allowed for version 2c',
    );
  });
});

describe('API bodies', () => {
  it('parses a POST body with version defaulting to 2c and interval as a duration', () => {
    const device = parseNewDeviceBody({ host: '10.0.0.1', port: 1161, name: 'sim-1', interval: '30s', snmp: { community: 'public' } });
    expect(device).toMatchObject({ host: '10.0.0.1', port: 1161, name: 'sim-1', intervalMs: 30_000, snmp: { version: '2c' } });
    expect(device.snmp.version === '2c' && device.snmp.community.reveal()).toBe('public');
    expect(JSON.stringify(device)).not.toContain('public');
  });

  it('parses a v3 body, secrets as Secret', () => {
    const device = parseNewDeviceBody({ host: 'sw1', snmp: { version: 3, user: 'mon', level: 'authPriv', authProtocol: 'sha', authKey: 'authkey-1', privProtocol: 'aes', privKey: 'privkey-1' } });
    expect(device.snmp.version).toBe('3');
    expect(device.snmp.version === '3' && device.snmp.privKey?.reveal()).toBe('privkey-1');
  });

  it.each([
    [{ host: '10.0.0.1', snmp: { community: 'x' }, colour: 'red' }, 'colour: unknown field (allowed: host, port, name, interval, snmp, metrics, site)'],
    [{ host: '10.0.0.1', snmp: { community: 'x', retries: 3 } }, 'snmp.retries: unknown field'],
    [{ host: '10.0.0.1', snmp: { community: 42 } }, 'snmp.community: must be a string'],
    [{ host: '10.0.0.1', snmp: { community: 'x' }, interval: 30 }, 'interval: 30 is not a duration; use e.g. "30s"'],
    [{ host: '10.0.0.1', snmp: { community: 'x' }, interval: 'often' }, 'interval: "often" is not a duration'],
    [{ host: '10.0.0.1', snmp: { community: 'x' }, port: '161' }, 'port: "161" is not a UDP port'],
    [{ host: '10.0.0.1' }, 'snmp: must be an object'],
    [{ snmp: { community: 'x' } }, 'host: required'],
    [[], 'body: must be a JSON object'],
  ])('refuses %j', (body, reason) => {
    expect(invalid(() => parseNewDeviceBody(body))).toContain(reason);
  });

  it('parses a PATCH body; interval null restores the default', () => {
    expect(parseDevicePatchBody({ interval: null, name: 'core' })).toEqual({ intervalMs: null, name: 'core' });
    expect(parseDevicePatchBody({})).toEqual({});
  });

  it('merges a partial v3 snmp patch over the current credentials', () => {
    const current = {
      snmp: { version: '3', user: 'mon', level: 'authPriv', authProtocol: 'sha', authKey: new Secret('authkey-1'), privProtocol: 'aes', privKey: new Secret('privkey-1') },
    } as const;
    const patch = parseDevicePatchBody({ snmp: { privKey: 'privkey-2' } }, current);
    expect(patch.snmp?.version === '3' && patch.snmp.privKey?.reveal()).toBe('privkey-2');
    expect(patch.snmp?.version === '3' && patch.snmp.authKey?.reveal()).toBe('authkey-1');
    const downgraded = parseDevicePatchBody({ snmp: { level: 'authNoPriv', privProtocol: null, privKey: null } }, current);
    expect(downgraded.snmp).toMatchObject({ level: 'authNoPriv' });
    expect(downgraded.snmp).not.toHaveProperty('privKey');
  });

  it('needs complete credentials when the version changes', () => {
    const current = { snmp: v2 };
    expect(invalid(() => parseDevicePatchBody({ snmp: { version: '3' } }, current))).toContain('snmp.user: required');
  });
});
