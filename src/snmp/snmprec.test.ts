/** Unit tests for the snmprec reader/writer, including a round trip of every committed fixture. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareOids } from './oid.js';
import { parseSnmprec, writeSnmprec } from './snmprec.js';
import { SnmpType } from './types.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/snmprec');

describe('parseSnmprec', () => {
  it('reads every supported type, including hex forms', () => {
    const { varbinds, errors } = parseSnmprec(
      [
        '1.3.6.1.2.1.1.1.0|4|Cisco IOS | pipes allowed',
        '1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.9.1.1208',
        '1.3.6.1.2.1.1.3.0|67|121345678',
        '1.3.6.1.2.1.1.7.0|2|-2',
        '1.3.6.1.2.1.2.2.1.5.1|66|4294967295',
        '1.3.6.1.2.1.2.2.1.6.1|4x|001b54c20040',
        '1.3.6.1.2.1.2.2.1.10.1|65|4294967295',
        '1.3.6.1.2.1.4.20.1.1.10.0.0.1|64|10.0.0.1',
        '1.3.6.1.2.1.4.20.1.1.10.0.0.2|64x|0a000002',
        '1.3.6.1.2.1.31.1.1.1.6.1|70|18446744073709551615',
        '1.3.6.1.2.1.99.0|5|',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
    expect(varbinds.map((v) => v.value)).toEqual([
      Buffer.from('Cisco IOS | pipes allowed'),
      '1.3.6.1.4.1.9.1.1208',
      121345678,
      -2,
      4294967295,
      Buffer.from('001b54c20040', 'hex'),
      4294967295n,
      '10.0.0.1',
      '10.0.0.2',
      18446744073709551615n,
      null,
    ]);
    expect(varbinds[9]?.type).toBe(SnmpType.Counter64);
  });

  it('reports bad lines with their number and keeps the good ones', () => {
    const { varbinds, errors } = parseSnmprec(
      ['1.3.6.1.2.1.1.3.0|67|100', 'garbage', 'abc|2|1', '1.3.6.1.2.1.1.5.0|4x|abc', '1.3.6.1.2.1.1.6.0|70|18446744073709551616', '1.3.6.1.2.1.1.7.0|2:numeric|1', '1.3.6.1.2.1.1.8.0|99|1', '', '# comment', '1.3.6.1.2.1.1.9.0|2|7'].join('\n'),
    );
    expect(varbinds.map((v) => v.oid)).toEqual(['1.3.6.1.2.1.1.3.0', '1.3.6.1.2.1.1.9.0']);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(errors[3]?.reason).toMatch(/2\^64-1/);
  });
});

describe('writeSnmprec', () => {
  it('sorts numerically and hex-encodes non-printable text', () => {
    const text = writeSnmprec([
      { oid: '1.3.6.1.10', type: SnmpType.OctetString, value: Buffer.from('a\nb') },
      { oid: '1.3.6.1.9', type: SnmpType.Counter64, value: 5n },
      { oid: '1.3.6.1.9.1', type: SnmpType.EndOfMibView, value: null },
    ]);
    expect(text).toBe('1.3.6.1.9|70|5\n1.3.6.1.10|4x|610a62\n');
  });
});

describe('committed fixtures', () => {
  const files = readdirSync(fixtures).filter((f) => f.endsWith('.snmprec'));

  it('exist', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  it.each(files)('%s parses cleanly, is sorted and round-trips byte for byte', (file) => {
    const text = readFileSync(join(fixtures, file), 'utf8');
    const { varbinds, errors } = parseSnmprec(text);
    expect(errors).toEqual([]);
    for (let i = 1; i < varbinds.length; i++) expect(compareOids((varbinds[i - 1] as { oid: string }).oid, (varbinds[i] as { oid: string }).oid)).toBe(-1);
    expect(writeSnmprec(varbinds)).toBe(text);
  });
});
