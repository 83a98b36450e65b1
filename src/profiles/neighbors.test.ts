/** Every (OID, MIB name) pair of the neighbour profiles resolves against mibs/; pairs of modules linkscope may not ship are counted as skipped, with the reason. */
import { describe, expect, it } from 'vitest';
import { MibStore } from '../mib/mib-store.js';
import type { TableSpec } from '../snmp/table.js';
import { BRIDGE_BASE_PORTS, NEIGHBOR_PROFILES } from './neighbors.js';

const mibs = MibStore.load();

const pairs: { table: string; mib: string; oid: string; reason: string | null }[] = [];
const addSpec = (spec: TableSpec | undefined, reason: string | null): void => {
  if (spec === undefined) return;
  for (const c of Object.values<{ oid: string; mib: string } | undefined>(spec.columns)) if (c !== undefined) pairs.push({ table: spec.name, mib: c.mib, oid: c.oid, reason });
};
for (const p of NEIGHBOR_PROFILES) {
  const reason = p.shipped ? null : p.mib;
  for (const spec of [p.remote, p.managementAddresses, p.localPorts, p.localChassis]) addSpec(spec, reason);
}
addSpec(BRIDGE_BASE_PORTS, null);

describe('neighbour profile OIDs', () => {
  it('has shipped and unshipped pairs', () => {
    expect(pairs.filter((p) => p.reason === null).length).toBeGreaterThan(20);
  });

  for (const { table, mib, oid, reason } of pairs) {
    const module = mib.split('::')[0] ?? '';
    const missing = reason !== null || !mibs.modules.includes(module);
    const title = missing ? `${table}: ${mib} is ${oid} (unverified: ${reason ?? `${module} is not in mibs/`})` : `${table}: ${mib} is ${oid}`;
    it.skipIf(missing)(title, () => {
      expect(mibs.oidForName(mib)).toBe(oid);
    });
  }

  it('marks a profile shipped only when its module loads from mibs/', () => {
    for (const p of NEIGHBOR_PROFILES) {
      const module = p.remote.columns[Object.keys(p.remote.columns)[0] as keyof typeof p.remote.columns]?.mib.split('::')[0] ?? '';
      expect(mibs.modules.includes(module), p.name).toBe(p.shipped);
    }
  });
});
