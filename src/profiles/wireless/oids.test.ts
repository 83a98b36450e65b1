/**
 * Every (OID, MIB name) pair of the wireless profiles resolves against mibs/. Vendor modules
 * linkscope may not ship (licence) are listed as skipped tests, each with the reason and the
 * MIB's source, so the unverified pairs are counted, not hidden.
 */
import { describe, expect, it } from 'vitest';
import { MibStore } from '../../mib/mib-store.js';
import { WIRELESS_PROFILE_FILES } from './index.js';

/**
 * Vendor MIBs we may not ship can still check these pairs on a developer's machine:
 * LINKSCOPE_TEST_MIB_DIRS=/path/to/vendor/mibs (colon-separated, e.g. a netdisco-mibs checkout's
 * folders) loads them beside mibs/, and their pairs run instead of being skipped.
 */
const vendorMibDirs = (process.env['LINKSCOPE_TEST_MIB_DIRS'] ?? '').split(':').filter((d) => d !== '');
const shippedMibs = MibStore.load();
const mibs = vendorMibDirs.length === 0 ? shippedMibs : MibStore.load({ dirs: vendorMibDirs });

const pairs: { where: string; mib: string; oid: string; reason: string | null }[] = [];
for (const { profiles } of WIRELESS_PROFILE_FILES) {
  for (const p of profiles) {
    const reason = p.shipped ? null : `${p.mib}: ${p.source}`;
    // A scalar is the object's OID plus the instance `.0`.
    for (const s of p.scalars ?? []) pairs.push({ where: p.name, mib: s.mib, oid: s.oid.replace(/\.0$/, ''), reason });
    for (const t of p.tables ?? []) for (const c of Object.values(t.columns)) pairs.push({ where: `${p.name}/${t.name}`, mib: c.mib, oid: c.oid, reason });
  }
}

describe('wireless profile OIDs', () => {
  it('has pairs to check', () => {
    expect(pairs.length).toBeGreaterThan(50);
  });

  for (const { where, mib, oid, reason } of pairs) {
    const module = mib.split('::')[0] ?? '';
    const missing = !mibs.modules.includes(module);
    const title = missing ? `${where}: ${mib} is ${oid} (unverified: ${reason ?? `${module} is not in mibs/`})` : `${where}: ${mib} is ${oid}`;
    it.skipIf(missing)(title, () => {
      expect(mibs.oidForName(mib)).toBe(oid);
    });
  }

  it('marks a profile shipped only when its modules load from mibs/', () => {
    for (const { profiles } of WIRELESS_PROFILE_FILES) {
      for (const p of profiles) {
        const modules = new Set([...(p.scalars ?? []).map((s) => s.mib), ...(p.tables ?? []).flatMap((t) => Object.values(t.columns).map((c) => c.mib))].map((m) => m.split('::')[0] ?? ''));
        expect([...modules].every((m) => shippedMibs.modules.includes(m)), p.name).toBe(p.shipped);
      }
    }
  });
});
