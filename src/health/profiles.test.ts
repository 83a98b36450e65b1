/** The health profile loader: the shipped profiles load; a malformed one stops start-up with LS_PROFILE_INVALID naming file, profile and field. */
import { describe, expect, it } from 'vitest';
import type { HealthProfile } from '../profiles/health/types.js';
import { healthProfileNames, loadHealthProfiles } from './engine.js';

const base: HealthProfile = {
  name: 'x',
  mib: 'X-MIB',
  source: 'nowhere',
  shipped: false,
  scalars: [{ name: 'sensor', index: '0', tags: { class: 'temperature' }, columns: { value: { oid: '1.3.6.1.4.1.1.0', mib: 'X-MIB::x' } } }],
};
const load = (p: HealthProfile) => () => loadHealthProfiles([{ file: 'src/profiles/health/x.ts', profiles: [p] }]);

describe('loadHealthProfiles', () => {
  it('loads every shipped profile, vendors before the standard MIBs', () => {
    const names = healthProfileNames();
    expect(names.length).toBeGreaterThan(15);
    expect(names.indexOf('cisco-entity-sensor')).toBeLessThan(names.indexOf('entity-sensor'));
    expect(names.indexOf('juniper')).toBeLessThan(names.indexOf('hr-processor'));
  });

  it('accepts a well-formed profile', () => {
    expect(load(base)()).toHaveLength(1);
  });

  it('rejects a record name health does not know', () => {
    expect(load({ ...base, scalars: [{ ...base.scalars![0]!, name: 'cpu' }] })).toThrow(/health profile "x" in src\/profiles\/health\/x.ts: scalars\[0\]\.name must be one of processor, memory, sensor/);
  });

  it('rejects a sensor class outside CONTRACT.md, literal or by enum', () => {
    expect(load({ ...base, scalars: [{ ...base.scalars![0]!, tags: { class: 'temp' } }] })).toThrow(/"temp" is not a CONTRACT sensor class/);
    const t = { name: 'sensor', table: 't', columns: { class: { oid: '1.3.6.1.4.1.1.1', mib: 'X-MIB::t', role: 'tag' as const, conversion: 'enum' as const, enum: { '1': 'rpm' } }, value: { oid: '1.3.6.1.4.1.1.2', mib: 'X-MIB::v' } } };
    expect(load({ ...base, scalars: [], tables: [t] })).toThrow(/"rpm" is not a CONTRACT sensor class/);
  });

  it('rejects a sensor without a class or a value, and an unknown superseded profile', () => {
    expect(load({ ...base, scalars: [{ ...base.scalars![0]!, tags: {} }] })).toThrow(/tags\.class must give the sensor class/);
    expect(load({ ...base, scalars: [{ ...base.scalars![0]!, columns: { v: { oid: '1.3.6.1.4.1.1.0', mib: 'X-MIB::x' } } }] })).toThrow(/columns\.value is missing/);
    expect(load({ ...base, supersedes: ['nope'] })).toThrow(/supersedes\[0\] names "nope"/);
  });
});
