/** Unit tests for the JSON views: secrets masked, filters combined. */
import { describe, expect, it } from 'vitest';
import { Secret } from '../model/secret.js';
import type { InterfaceState } from '../model/types.js';
import { deviceView, filterInterfaces, snmpView } from './views.js';

describe('snmpView', () => {
  it('masks the community and v3 keys, showing only which keys exist', () => {
    expect(snmpView({ version: '2c', community: new Secret('public') })).toEqual({ version: '2c', community: '***' });
    expect(snmpView({ version: '3', user: 'u', level: 'authNoPriv', authProtocol: 'sha', authKey: new Secret('k'.repeat(8)) })).toEqual({
      version: '3', user: 'u', level: 'authNoPriv', authProtocol: 'sha', authKey: '***',
    });
  });
});

describe('deviceView', () => {
  it('is pending with nulls when the poller has no state yet', () => {
    const v = deviceView(
      { id: 1, name: 'a', host: 'h', port: 161, snmp: { version: '1', community: new Secret('c') }, intervalMs: null, discoveredBy: null, site: 'default', createdAt: 't', updatedAt: 't' },
      undefined,
      60_000,
    );
    expect(v).toMatchObject({ status: 'pending', interval: '1m', intervalMs: 60_000, intervalIsDefault: true, sysName: null, lastError: null, interfaceCount: 0 });
    expect(JSON.stringify(v)).not.toContain('"c"');
  });
});

describe('filterInterfaces', () => {
  const i = (ifName: string, o: Partial<InterfaceState>): InterfaceState =>
    ({ ifName, ifDescr: '', ifAlias: '', operStatus: 'up', inUtilization: null, outUtilization: null, ...o }) as InterfaceState;
  const list = [i('a', { inUtilization: 80 }), i('b', { outUtilization: 79.9 }), i('c', { operStatus: 'down', ifAlias: 'To CORE' }), i('d', {})];

  it('uses the larger of in and out utilisation and skips interfaces without a rate', () => {
    expect(filterInterfaces(list, { minUtilization: 80 }).map((x) => x.ifName)).toEqual(['a']);
    expect(filterInterfaces(list, { minUtilization: 0 }).map((x) => x.ifName)).toEqual(['a', 'b']);
  });

  it('matches q case-insensitively against name, description and alias, combined with status', () => {
    expect(filterInterfaces(list, { q: 'core' }).map((x) => x.ifName)).toEqual(['c']);
    expect(filterInterfaces(list, { q: 'core', status: 'up' })).toEqual([]);
  });
});
