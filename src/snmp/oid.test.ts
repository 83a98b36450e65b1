/** Unit tests for dotted-OID comparison and subtree helpers. */
import { describe, expect, it } from 'vitest';
import { compareOids, isNumericOid, isUnder, isUnderOrEqual, normalizeOid, oidSuffix, sortOids } from './oid.js';

describe('compareOids', () => {
  it('compares components numerically, not as text', () => {
    expect(compareOids('1.3.6.1.10', '1.3.6.1.9')).toBe(1);
    expect(compareOids('1.3.6.1.9', '1.3.6.1.10')).toBe(-1);
    expect(compareOids('1.3.6.1.2.1.2.2.1.2.100', '1.3.6.1.2.1.2.2.1.2.99')).toBe(1);
  });

  it('sorts a prefix before its descendants and finds equals', () => {
    expect(compareOids('1.3.6.1', '1.3.6.1.2')).toBe(-1);
    expect(compareOids('1.3.6.1.2', '1.3.6.1')).toBe(1);
    expect(compareOids('1.3.6.1.2.1.1.3.0', '1.3.6.1.2.1.1.3.0')).toBe(0);
  });

  it('handles components up to 2^32-1', () => {
    expect(compareOids('1.3.4294967295', '1.3.4294967294')).toBe(1);
  });

  it('agrees with a split-based reference on random OIDs', () => {
    const ref = (a: string, b: string): number => {
      const pa = a.split('.').map(Number);
      const pb = b.split('.').map(Number);
      for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return (pa[i] as number) < (pb[i] as number) ? -1 : 1;
      return Math.sign(pa.length - pb.length);
    };
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let k = 0; k < 2000; k++) {
      const mk = (): string => Array.from({ length: 1 + rnd(6) }, () => String(rnd(3) === 0 ? rnd(100000) : rnd(12))).join('.');
      const a = mk();
      const b = mk();
      expect(compareOids(a, b)).toBe(ref(a, b));
    }
  });
});

describe('isUnder', () => {
  it('is true only strictly below the prefix, on a component boundary', () => {
    expect(isUnder('1.3.6.1.2.1.2.2.1.2.5', '1.3.6.1.2.1.2.2.1.2')).toBe(true);
    expect(isUnder('1.3.6.1.2.1.2.2.1.2', '1.3.6.1.2.1.2.2.1.2')).toBe(false);
    expect(isUnder('1.3.6.1.2.1.2.2.1.20.5', '1.3.6.1.2.1.2.2.1.2')).toBe(false);
    expect(isUnderOrEqual('1.3.6.1.2.1.2.2.1.2', '1.3.6.1.2.1.2.2.1.2')).toBe(true);
  });

  it('gives the instance suffix', () => {
    expect(oidSuffix('1.3.6.1.2.1.31.1.1.1.6.10101', '1.3.6.1.2.1.31.1.1.1.6')).toBe('10101');
    expect(oidSuffix('1.3.6.1.2.1.31.1.1.1.7.1', '1.3.6.1.2.1.31.1.1.1.6')).toBeUndefined();
  });
});

describe('normalizeOid', () => {
  it('drops a leading dot and rejects names', () => {
    expect(normalizeOid('.1.3.6.1')).toBe('1.3.6.1');
    expect(() => normalizeOid('ifDescr')).toThrow(/not a numeric OID/);
    expect(isNumericOid('1.3.6.')).toBe(false);
  });

  it('sorts in SNMP order', () => {
    expect(sortOids(['1.3.10', '1.3.9', '1.3', '1.3.9.1'])).toEqual(['1.3', '1.3.9', '1.3.9.1', '1.3.10']);
  });
});
