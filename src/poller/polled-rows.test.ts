import { describe, expect, it } from 'vitest';
import { indexColumns, type DeviceDiscovery } from '../discovery/discover.js';
import { IF, type IfColumn } from '../discovery/oids.js';
import { packColumns, SnmpType, type SnmpTypeTag, type SnmpValue, type VarBind } from '../snmp/types.js';
import { valueHash } from '../snmp/values.js';
import { MapRows, PackedRows } from './polled-rows.js';
import { seededRandom } from '../demo/traffic.js';

/** Seeded (mulberry32), so a failure reproduces. */
const rng = seededRandom;

const COLUMNS: readonly IfColumn[] = ['ifDescr', 'ifOperStatus', 'ifAdminStatus', 'ifLastChange', 'ifSpeed', 'ifHighSpeed', 'ifCounterDiscontinuityTime', 'ifHCInOctets', 'ifInOctets', 'ifInErrors'];

/** A value of any shape an agent (or the decoder) can produce in any column. */
function randomValue(r: () => number, column: IfColumn, ifIndex: number): { type: SnmpTypeTag; value: SnmpValue } {
  const pick = r();
  if (pick < 0.08) return { type: SnmpType.Null, value: null };
  if (pick < 0.12) return { type: SnmpType.Counter64, value: null }; // refused by the decoder
  if (pick < 0.16) return { type: SnmpType.OctetString, value: Buffer.from(r() < 0.5 ? `x${ifIndex}` : '42') };
  if (pick < 0.2) return { type: SnmpType.Integer, value: -Math.floor(r() * 100) };
  if (pick < 0.24) return { type: SnmpType.Integer, value: 2 ** 40 + Math.floor(r() * 1000) };
  if (pick < 0.28) return { type: SnmpType.IpAddress, value: '10.0.0.1' };
  if (pick < 0.32) return { type: SnmpType.Counter64, value: (1n << 64n) - 1n - BigInt(Math.floor(r() * 5)) };
  if (column === 'ifDescr') return { type: SnmpType.OctetString, value: Buffer.from(`eth${ifIndex}${r() < 0.1 ? 'x' : ''}`) };
  if (column.startsWith('ifHC')) return { type: SnmpType.Counter64, value: BigInt(Math.floor(r() * 2 ** 52)) * 4099n };
  if (column === 'ifInOctets' || column === 'ifInErrors') return { type: SnmpType.Counter32, value: BigInt(Math.floor(r() * 4294967296)) };
  if (column === 'ifSpeed' || column === 'ifHighSpeed') return { type: SnmpType.Gauge32, value: Math.floor(r() * 4294967296) };
  if (column === 'ifLastChange' || column === 'ifCounterDiscontinuityTime') return { type: SnmpType.TimeTicks, value: Math.floor(r() * 1e9) };
  return { type: SnmpType.Integer, value: 1 + Math.floor(r() * 7) };
}

function scenario(seed: number): { discovery: DeviceDiscovery; columns: Map<string, VarBind[]> } {
  const r = rng(seed);
  const known = Array.from({ length: 1 + Math.floor(r() * 12) }, (_, i) => i * 3 + 1 + Math.floor(r() * 3));
  const unknown = r() < 0.4 ? [1000 + Math.floor(r() * 10)] : [];
  // Sometimes ifXTable columns only (an agent without ifTable: no row is dropped for lack of ifTable values).
  const poll = r() < 0.15 ? COLUMNS.filter((c) => (c === 'ifHighSpeed' || c.startsWith('ifHC') || c === 'ifCounterDiscontinuityTime') && r() < 0.9) : COLUMNS.filter(() => r() < 0.8);
  if (r() < 0.7 && !poll.includes('ifDescr') && poll.includes('ifInOctets')) poll.unshift('ifDescr');
  const columns = new Map<string, VarBind[]>();
  for (const c of poll) {
    const root = IF[c].oid;
    const vbs: VarBind[] = [];
    const indexes = [...new Set([...known, ...unknown])].sort((a, b) => a - b);
    for (const ifIndex of indexes) {
      if (r() < 0.15) continue;
      const { type, value } = randomValue(r, c, ifIndex);
      vbs.push({ oid: `${root}.${ifIndex}`, type, value });
      if (r() < 0.05) vbs.push({ oid: `${root}.${ifIndex}.${Math.floor(r() * 3)}`, type, value }); // two-arc index: left out
    }
    if (r() < 0.1) vbs.unshift({ oid: `${root}.0`, type: SnmpType.Integer, value: 1 }); // index 0: left out
    if (r() < 0.1) vbs.push({ oid: `${root}.2147483648`, type: SnmpType.Integer, value: 1 }); // above 2^31-1: left out
    columns.set(root, vbs);
  }
  // Without ifDescr polled, the discovered hash is that of no value (as discovery records an agent without it).
  const descr = poll.includes('ifDescr');
  const interfaces = known.map((ifIndex) => ({ ifIndex, ifDescrHash: valueHash(descr && r() < 0.9 ? Buffer.from(`eth${ifIndex}`) : undefined) }));
  return { discovery: { interfaces, pollColumns: poll } as unknown as DeviceDiscovery, columns };
}

describe('PackedRows', () => {
  it('reads every value, number and counter as indexColumns + asNumber/asBigint do, for 3,000 random polls', () => {
    let compared = 0;
    let same = 0;
    for (let seed = 1; seed <= 3000; seed += 1) {
      const { discovery, columns } = scenario(seed);
      const generic = new MapRows(discovery, indexColumns(columns, discovery.pollColumns));
      const packed = new PackedRows(discovery, packColumns(columns));
      const a = new Uint32Array(2);
      const b = new Uint32Array(2);
      for (let pos = 0; pos < discovery.interfaces.length; pos += 1) {
        for (const c of COLUMNS) {
          a.fill(7);
          b.fill(7);
          const got = { has: packed.has(c, pos), value: packed.value(c, pos), number: packed.number(c, pos), counter: packed.counter(c, pos, a, 0), halves: [...a] };
          const want = { has: generic.has(c, pos), value: generic.value(c, pos), number: generic.number(c, pos), counter: generic.counter(c, pos, b, 0), halves: [...b] };
          expect({ seed, pos, c, ...got }).toEqual({ seed, pos, c, ...want });
          compared += 1;
        }
      }
      const sameHere = packed.sameInterfaces(discovery, valueHash);
      expect({ seed, same: sameHere }).toEqual({ seed, same: generic.sameInterfaces(discovery, valueHash) });
      if (sameHere) same += 1;
    }
    // The scenarios reach both answers.
    expect(compared).toBeGreaterThan(10_000);
    expect(same).toBeGreaterThan(30);
    expect(same).toBeLessThan(2900);
    // 3,000 polls take about 1 s alone and several on a busy 2-core CI machine: bound it generously.
  }, 60_000);
});
