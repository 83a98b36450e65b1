/** The wireless profile loader: the shipped profiles load; a malformed one is rejected naming its file, profile and field. */
import { describe, expect, it } from 'vitest';
import { isLinkscopeError } from '../model/errors.js';
import { WIRELESS_PROFILE_FILES } from '../profiles/wireless/index.js';
import type { WirelessProfile } from '../profiles/wireless/types.js';
import { loadWirelessProfiles } from './profiles.js';

const good: WirelessProfile = {
  name: 'test-radio',
  mib: 'TEST-MIB',
  source: 'hand-made',
  shipped: false,
  role: 'wireless-bridge',
  match: { probes: ['1.3.6.1.4.1.99999.1'] },
  scalars: [{ class: 'frequency', oid: '1.3.6.1.4.1.99999.1.1.0', mib: 'TEST-MIB::freq', descr: 'Frequency', index: '0', from: 'kHz' }],
  tables: [
    {
      name: 'testTable',
      columns: { ssid: { oid: '1.3.6.1.4.1.99999.2.1.1', mib: 'TEST-MIB::ssid', type: 'text' }, clients: { oid: '1.3.6.1.4.1.99999.2.1.2', mib: 'TEST-MIB::clients' } },
      sensors: [{ class: 'clients', column: 'clients', descr: 'SSID: {ssid}' }],
    },
  ],
};

/** What loading one bad variant of `good` throws: the code and message. */
function reject(change: (p: WirelessProfile) => unknown): string {
  const bad = change(structuredClone(good)) as WirelessProfile;
  try {
    loadWirelessProfiles([{ file: 'src/profiles/wireless/test.ts', profiles: [bad] }]);
  } catch (err) {
    expect(isLinkscopeError(err, 'LS_PROFILE_INVALID')).toBe(true);
    return (err as Error).message;
  }
  throw new Error('the loader accepted a malformed profile');
}

describe('loadWirelessProfiles', () => {
  it('loads every shipped profile, each name once', () => {
    const byName = loadWirelessProfiles();
    const count = WIRELESS_PROFILE_FILES.reduce((n, f) => n + f.profiles.length, 0);
    expect(byName.size).toBe(count);
    expect(count).toBeGreaterThan(10);
  });

  it('accepts the hand-made profile the rejections start from', () => {
    expect(loadWirelessProfiles([{ file: 'test.ts', profiles: [good] }]).has('test-radio')).toBe(true);
  });

  it('rejects a non-numeric OID, naming the file, the profile and the field', () => {
    const msg = reject((p) => ({ ...p, scalars: [{ ...p.scalars?.[0], oid: '.1.3.6.1.4.1.99999.1.1.0' }] }));
    expect(msg).toContain('src/profiles/wireless/test.ts');
    expect(msg).toContain('"test-radio"');
    expect(msg).toContain('scalars[0].oid');
  });

  it('rejects a MIB name without its module', () => {
    expect(reject((p) => ({ ...p, tables: [{ ...p.tables?.[0], columns: { ...p.tables?.[0]?.columns, clients: { oid: '1.3.6.1.4.1.99999.2.1.2', mib: 'clients' } } }] }))).toContain('tables[0].columns.clients.mib');
  });

  it('rejects a sensor class CONTRACT.md does not define', () => {
    expect(reject((p) => ({ ...p, scalars: [{ ...p.scalars?.[0], class: 'temperature' }] }))).toContain('scalars[0].class is not a CONTRACT sensor class');
  });

  it('rejects a unit that does not convert to the unit of the class', () => {
    expect(reject((p) => ({ ...p, scalars: [{ ...p.scalars?.[0], from: 'dBm' }] }))).toContain('scalars[0].from dBm does not convert to MHz');
  });

  it('rejects a template naming a column the table does not have', () => {
    expect(reject((p) => ({ ...p, tables: [{ ...p.tables?.[0], sensors: [{ class: 'clients', column: 'clients', descr: 'SSID: {essid}' }] }] }))).toContain('tables[0].sensors[0].descr names {essid}');
  });

  it('rejects a sensor reading a column the table does not declare', () => {
    expect(reject((p) => ({ ...p, tables: [{ ...p.tables?.[0], sensors: [{ class: 'clients', column: 'users', descr: 'x' }] }] }))).toContain('tables[0].sensors[0].column names "users"');
  });

  it('rejects a profile with nothing to probe', () => {
    expect(reject((p) => ({ ...p, match: { probes: [] } }))).toContain('match.probes must list at least one OID');
  });

  it('rejects a zero divisor', () => {
    expect(reject((p) => ({ ...p, scalars: [{ ...p.scalars?.[0], divisor: 0 }] }))).toContain('scalars[0].divisor must be a positive number');
  });

  it('rejects two profiles of the same name', () => {
    expect(() => loadWirelessProfiles([{ file: 'a.ts', profiles: [good] }, { file: 'b.ts', profiles: [good] }])).toThrow(/"test-radio" in b\.ts: name is used by another profile/);
  });
});
