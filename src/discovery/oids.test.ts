/** Every numeric OID the poller reads resolves to the MIB name written next to it, using mibs/. */
import { describe, expect, it } from 'vitest';
import { MibStore } from '../mib/mib-store.js';
import { PROBES } from '../profiles/device-classes.js';
import { IF, SYSTEM } from './oids.js';

const mibs = MibStore.load();

describe('OID and MIB name pairs', () => {
  it.each([...Object.values(SYSTEM), ...Object.values(IF)].map((n) => [n.mib, n.oid]))('%s is %s', (mib, oid) => {
    expect(mibs.oidForName(mib)).toBe(oid);
  });

  // Vendor modules (Airespace, Ubiquiti, Ruckus, IEEE 802.11) are not shipped in mibs/: each probe
  // whose module is missing is registered as a skipped test naming the module, so the vitest
  // summary counts the unverified pairs instead of a console line nobody reads.
  for (const probe of PROBES) {
    const module = probe.mib.split('::')[0] ?? '';
    const missing = !mibs.modules.includes(module);
    const title = missing
      ? `probe ${probe.mib} is ${probe.subtree} (unverified: MIB module ${module} is not in mibs/)`
      : `probe ${probe.mib} is ${probe.subtree}`;
    it.skipIf(missing)(title, () => {
      expect(mibs.oidForName(probe.mib)).toBe(probe.subtree);
    });
  }
});
