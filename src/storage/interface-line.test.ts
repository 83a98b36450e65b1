import { describe, expect, it } from 'vitest';
import { COUNTER_NAMES, type CounterName } from '../model/counters.js';
import { PendingLines } from './influx-sink.js';
import { interfaceLineBytes, writeInterfaceLine } from './interface-line.js';
import { formatPoint } from './line-protocol.js';
import { IF_COUNTER } from './schema.js';
import { InterfacePoint, type CounterColumns, type InterfaceRateValues } from './types.js';
import { seededRandom } from '../demo/traffic.js';

/** Seeded (mulberry32), so a failure reproduces. */
const rng = seededRandom;

const NASTY = [' ', ',', '=', '"', '\\', '\n', '\r', 'é', '日本', '😀', '\ud800', 'a', 'Gi0/1', '\\\\', '\t', '\0'];
const COLUMNS_HC = Object.values(IF_COUNTER).filter((c) => c.startsWith('ifHC'));
const COLUMNS_32 = Object.values(IF_COUNTER).filter((c) => !c.startsWith('ifHC'));

function text(r: () => number, max: number): string {
  const n = Math.floor(r() * max);
  let s = '';
  for (let i = 0; i < n; i += 1) s += r() < 0.5 ? (NASTY[Math.floor(r() * NASTY.length)] as string) : String.fromCharCode(33 + Math.floor(r() * 90));
  return s;
}

function u64(r: () => number): bigint {
  const pick = r();
  if (pick < 0.1) return 0n;
  if (pick < 0.2) return (1n << 64n) - 1n - BigInt(Math.floor(r() * 1000));
  if (pick < 0.3) return (1n << 63n) + BigInt(Math.floor(r() * 1000)) - 500n;
  if (pick < 0.4) return (1n << 53n) + BigInt(Math.floor(r() * 1000)) - 500n;
  if (pick < 0.5) return BigInt(Math.floor(r() * 4294967296));
  return (BigInt(Math.floor(r() * 4294967296)) << 32n) | BigInt(Math.floor(r() * 4294967296));
}

function num(r: () => number): number | null {
  const pick = r();
  if (pick < 0.1) return null;
  if (pick < 0.15) return Number.NaN;
  if (pick < 0.2) return r() < 0.5 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  if (pick < 0.3) return 0;
  if (pick < 0.33) return -0;
  if (pick < 0.45) return -r() * 1e6;
  if (pick < 0.55) return Math.floor(r() * 1e12);
  if (pick < 0.6) return r() * 1e-7;
  if (pick < 0.65) return 1e21 * (1 + r());
  if (pick < 0.7) return Number.MAX_SAFE_INTEGER + 2;
  return r() * 1e10;
}

function int(r: () => number): number | null {
  const pick = r();
  if (pick < 0.2) return null;
  if (pick < 0.3) return 0;
  if (pick < 0.4) return -Math.floor(r() * 1e6);
  if (pick < 0.45) return 2 ** 60;
  if (pick < 0.5) return r() * 1000; // not an integer: truncated like bigintOf
  return Math.floor(r() * 4294967296);
}

function randomPoint(r: () => number): InterfacePoint {
  const values = new BigUint64Array(COUNTER_NAMES.length);
  const sources: Partial<Record<CounterName, { column: string }>> = {};
  let present = 0;
  COUNTER_NAMES.forEach((name, i) => {
    // As discovery chooses: the 64-bit column or the 32-bit one of the same counter, never one column twice.
    if (r() < 0.8) sources[name] = { column: (i < 8 && r() < 0.5 ? COLUMNS_HC[i] : COLUMNS_32[i < 8 ? i : i + 2]) as string };
    if (r() < 0.8) {
      present |= 1 << i;
      values[i] = u64(r);
    }
  });
  const rates: InterfaceRateValues | null =
    r() < 0.2
      ? null
      : {
          inBps: num(r),
          outBps: num(r),
          inUtilization: num(r),
          outUtilization: num(r),
          inPps: num(r),
          outPps: num(r),
          inErrorsPerSec: num(r),
          outErrorsPerSec: num(r),
          inDiscardsPerSec: num(r),
          outDiscardsPerSec: num(r),
        };
  const time = r() < 0.02 ? Number.NaN : r() < 0.05 ? 1733356800.7 : 1733356800 + Math.floor(r() * 1e6);
  return new InterfacePoint(
    r() < 0.1 ? '' : text(r, 12),
    r() < 0.1 ? '\\\\' : text(r, 10),
    text(r, 16),
    time,
    r() < 0.9 ? 1 + Math.floor(r() * 2147483646) : Math.floor(r() * 300),
    text(r, 40),
    text(r, 20),
    int(r),
    int(r),
    int(r),
    int(r),
    sources as CounterColumns,
    values,
    present,
    rates,
  );
}

function fastLine(p: InterfacePoint): string {
  const buf = Buffer.alloc(interfaceLineBytes(p));
  return buf.toString('utf8', 0, writeInterfaceLine(p, buf, 0));
}

describe('writeInterfaceLine', () => {
  it('writes the same bytes as formatPoint of its generic form, for 20,000 random points', () => {
    const r = rng(14);
    let mismatches = 0;
    const first: string[] = [];
    for (let i = 0; i < 20_000; i += 1) {
      const p = randomPoint(r);
      const generic = formatPoint({ measurement: p.measurement, tags: { ...p.tags }, fields: { ...p.fields }, time: p.time });
      const buf = Buffer.alloc(interfaceLineBytes(p));
      const end = writeInterfaceLine(p, buf, 0);
      if (!buf.subarray(0, end).equals(Buffer.from(generic, 'utf8'))) {
        mismatches += 1;
        if (first.length < 3) first.push(`${JSON.stringify(generic)}\n${JSON.stringify(buf.toString('utf8', 0, end))}`);
      }
    }
    expect(first).toEqual([]);
    expect(mismatches).toBe(0);
  });

  it('escapes tags, string fields and clamps counters exactly as the generic formatter', () => {
    const values = new BigUint64Array(COUNTER_NAMES.length);
    values[0] = (1n << 64n) - 1n;
    values[1] = 9007199254740993n;
    values[2] = 0n;
    const p = new InterfacePoint(
      'core sw,1=a',
      '10.0.0.1',
      'Gi0/1 "up"\\',
      1733356800,
      7,
      'Port "1", \\uplink\\',
      'Ünïcode ✓',
      6,
      1000,
      1,
      1,
      { inOctets: { column: 'ifHCInOctets' }, outOctets: { column: 'ifHCOutOctets' }, inUcastPkts: { column: 'ifInUcastPkts' } },
      values,
      0b111,
      { inBps: 1.5, outBps: Number.NaN, inUtilization: 0, outUtilization: -0, inPps: 3, outPps: null, inErrorsPerSec: 1e-9, outErrorsPerSec: 2e21, inDiscardsPerSec: -4.25, outDiscardsPerSec: Number.POSITIVE_INFINITY },
    );
    expect(fastLine(p)).toBe(formatPoint({ measurement: p.measurement, tags: p.tags, fields: p.fields, time: p.time }));
    expect(fastLine(p)).toBe(
      'interface,agent_host=10.0.0.1,device=core\\ sw\\,1\\=a,ifName=Gi0/1\\ "up" ifIndex=7i,ifDescr="Port \\"1\\", \\\\uplink\\\\",ifAlias="Ünïcode ✓",ifType=6i,ifHighSpeed=1000i,ifOperStatus=1i,ifAdminStatus=1i,ifHCInOctets=9223372036854775807i,ifHCOutOctets=9007199254740993i,ifInUcastPkts=0i,in_bps=1.5,in_utilization=0,out_utilization=0,in_errors_ps=1e-9,out_errors_ps=2e+21,in_discards_ps=-4.25,in_pps=3 1733356800',
    );
  });

  it('gives the sink the same pending bytes as push(formatPoint(p))', () => {
    const r = rng(7);
    const fast = new PendingLines();
    const generic = new PendingLines();
    for (let i = 0; i < 2_000; i += 1) {
      const p = randomPoint(r);
      fast.pushInterface(p);
      const line = formatPoint({ measurement: p.measurement, tags: p.tags, fields: p.fields, time: p.time });
      if (line !== '') generic.push(line);
    }
    expect(fast.count).toBe(generic.count);
    expect(fast.take(5_000).equals(generic.take(5_000))).toBe(true);
  });
});
