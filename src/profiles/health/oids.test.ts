/**
 * Every (OID, MIB name) pair of the health profiles resolves against mibs/. Modules linkscope does
 * not ship are listed as skipped tests naming the MIB and where to get it, so unverified pairs
 * are counted, not hidden.
 */
import { describe, expect, it } from 'vitest';
import { MibStore } from '../../mib/mib-store.js';
import type { MetricColumn } from '../../model/metric-def.js';
import { HEALTH_PROFILE_FILES } from './index.js';

/**
 * Vendor MIBs we may not ship can still check these pairs on a developer's machine:
 * LINKSCOPE_TEST_MIB_DIRS=/path/to/vendor/mibs (colon-separated, e.g. a netdisco-mibs checkout's
 * folders) loads them beside mibs/, and their pairs run instead of being skipped.
 */
const vendorMibDirs = (process.env['LINKSCOPE_TEST_MIB_DIRS'] ?? '').split(':').filter((d) => d !== '');
const shippedMibs = MibStore.load();
const mibs = vendorMibDirs.length === 0 ? shippedMibs : MibStore.load({ dirs: vendorMibDirs });

const pairs = new Map<string, { where: string; mib: string; oid: string; reason: string | null }>();
const add = (where: string, c: MetricColumn, reason: string | null, scalar: boolean) => {
  // A scalar is the object's OID plus the instance `.0` (or a row's index).
  const oid = scalar ? c.oid.replace(/\.\d+$/, '') : c.oid;
  pairs.set(`${c.mib}|${oid}`, { where, mib: c.mib, oid, reason });
};
for (const { profiles } of HEALTH_PROFILE_FILES) {
  for (const p of profiles) {
    const reason = p.shipped ? null : `${p.mib}: ${p.source}`;
    for (const s of p.scalars ?? []) for (const c of Object.values(s.columns)) add(p.name, c, reason, true);
    for (const t of p.tables ?? []) {
      for (const c of Object.values(t.columns)) add(`${p.name}/${t.table}`, c, reason, false);
      for (const j of t.joins ?? []) for (const c of Object.values(j.columns)) add(`${p.name}/${j.name}`, c, reason, false);
    }
  }
}

describe('health profile OIDs', () => {
  it('has pairs to check', () => {
    expect(pairs.size).toBeGreaterThan(80);
  });

  it('marks a profile shipped exactly when every module it names loads from mibs/', () => {
    for (const { profiles } of HEALTH_PROFILE_FILES) {
      for (const p of profiles) {
        const modules = p.mib.split(',').map((m) => m.trim());
        expect(modules.every((m) => shippedMibs.modules.includes(m)), p.name).toBe(p.shipped);
      }
    }
  });

  for (const { where, mib, oid, reason } of pairs.values()) {
    const module = mib.split('::')[0] ?? '';
    const missing = !mibs.modules.includes(module);
    const title = missing ? `${where}: ${mib} is ${oid} (unverified: ${reason ?? `${module} is not in mibs/`})` : `${where}: ${mib} is ${oid}`;
    it.skipIf(missing)(title, () => {
      expect(mibs.oidForName(mib)).toBe(oid);
    });
  }
});
