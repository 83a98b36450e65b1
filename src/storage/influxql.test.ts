/** Unit tests for InfluxQL quoting and the history query builder: no value may change the query. */
import { describe, expect, it } from 'vitest';
import { isLinkscopeError } from '../model/errors.js';
import { buildCreateDatabase, buildUtilizationQuery, quoteIdentifier, quoteString } from './influxql.js';

/** Reads a quoted token back the way influxql's ScanString does; returns [value, rest]. */
function unquote(text: string): [string, string] {
  const q = text[0];
  let out = '';
  for (let i = 1; i < text.length; i += 1) {
    const c = text[i];
    if (c === q) return [out, text.slice(i + 1)];
    if (c === '\n' || c === '\r') throw new Error('raw newline inside a quoted token');
    if (c === '\\') {
      const n = text[i + 1];
      i += 1;
      if (n === 'n') out += '\n';
      else if (n === '\\' || n === '"' || n === "'") out += n;
      else throw new Error(`bad escape \\${n}`);
    } else out += c;
  }
  throw new Error('unterminated');
}

const NASTY = [
  "it's",
  'say "hi"',
  'back\\slash',
  'trailing\\',
  "\\'",
  '.*+?()[]{}|^$',
  '/regex/',
  'Gi0/1 — café 🚀',
  'line1\nline2',
  "x' OR '1'='1",
  'x" OR "1"="1',
  "'; DROP DATABASE linkscope; --",
  '',
];

describe('quoteString', () => {
  it.each(NASTY)('round-trips %j exactly through the InfluxQL scanner rules', (value) => {
    const quoted = quoteString(value);
    expect(quoted.startsWith("'") && quoted.endsWith("'")).toBe(true);
    expect(unquote(quoted)).toEqual([value, '']);
  });

  it('escapes backslash, single quote and newline', () => {
    expect(quoteString("a\\b'c\nd")).toBe("'a\\\\b\\'c\\nd'");
  });

  it('leaves double quotes alone inside single quotes', () => {
    expect(quoteString('"')).toBe(`'"'`);
  });

  it('refuses a carriage return, which InfluxQL cannot express', () => {
    let err: unknown;
    try {
      quoteString('a\rb');
    } catch (e) {
      err = e;
    }
    expect(isLinkscopeError(err, 'LS_VALIDATION')).toBe(true);
  });
});

describe('NUL', () => {
  it('refuses a NUL (InfluxQL\'s end of input) as LS_VALIDATION naming the field, instead of a query InfluxDB rejects', () => {
    expect(() => quoteString('a\u0000b')).toThrow(expect.objectContaining({ code: 'LS_VALIDATION' }) as unknown as Error);
    expect(() => quoteIdentifier('a\u0000')).toThrow(expect.objectContaining({ code: 'LS_VALIDATION' }) as unknown as Error);
    expect(() =>
      buildUtilizationQuery({ device: 'sw1', ifName: 'Gi0/1\u0000', from: new Date(0), to: new Date(60_000), stepMs: 60_000 }),
    ).toThrow(expect.objectContaining({ code: 'LS_VALIDATION', message: expect.stringContaining('ifName contains a NUL') }) as unknown as Error);
  });
});

describe('quoteIdentifier', () => {
  it.each(NASTY)('round-trips %j exactly', (value) => {
    expect(unquote(quoteIdentifier(value))).toEqual([value, '']);
  });

  it('escapes double quotes and backslashes', () => {
    expect(quoteIdentifier('my "db"\\x')).toBe('"my \\"db\\"\\\\x"');
  });
});

describe('buildCreateDatabase', () => {
  it('quotes the database name', () => {
    expect(buildCreateDatabase('link"scope')).toBe('CREATE DATABASE "link\\"scope"');
  });
});

describe('buildUtilizationQuery', () => {
  const base = {
    device: 'core-sw1',
    ifName: 'Gi0/1',
    from: new Date(1_700_000_000_000),
    to: new Date(1_700_003_600_000),
    stepMs: 60_000,
  };

  it('builds the documented query with epoch-ms times and a step in seconds', () => {
    expect(buildUtilizationQuery(base)).toBe(
      'SELECT mean("in_bps") AS "inBps", mean("out_bps") AS "outBps", mean("in_utilization") AS "inUtilization", ' +
        'mean("out_utilization") AS "outUtilization" FROM "interface" WHERE "device" = \'core-sw1\' AND "ifName" = \'Gi0/1\' ' +
        'AND time >= 1700000000000ms AND time <= 1700003600000ms GROUP BY time(60s) fill(none)',
    );
  });

  it('uses ms for a step that is not whole seconds', () => {
    expect(buildUtilizationQuery({ ...base, stepMs: 1500 })).toContain('GROUP BY time(1500ms)');
  });

  it.each(NASTY.filter((n) => n !== '' && n !== 'trailing\\' && !n.includes('\n')))(
    'keeps the query shape for ifName %j and compares it exactly',
    (name) => {
      const q = buildUtilizationQuery({ ...base, ifName: name, device: name });
      const marker = ' AND "ifName" = ';
      const at = q.indexOf(marker);
      const [device] = unquote(q.slice(q.indexOf('"device" = ') + '"device" = '.length));
      const [ifName, rest] = unquote(q.slice(at + marker.length));
      expect(device).toBe(name);
      expect(ifName).toBe(name);
      expect(rest).toBe(' AND time >= 1700000000000ms AND time <= 1700003600000ms GROUP BY time(60s) fill(none)');
    },
  );

  it('matches names the way line protocol stored them (newline as \\n, trailing backslash dropped)', () => {
    const q = buildUtilizationQuery({ ...base, ifName: 'a\nb\\' });
    expect(q).toContain(`"ifName" = 'a\\\\nb'`);
  });

  it.each([
    [{ stepMs: 0 }, 'step'],
    [{ stepMs: 1.5 }, 'step'],
    [{ from: new Date(Number.NaN) }, 'from'],
    [{ from: new Date(1_800_000_000_000) }, 'after'],
  ])('rejects a bad query %j as LS_VALIDATION', (patch, word) => {
    let err: unknown;
    try {
      buildUtilizationQuery({ ...base, ...patch });
    } catch (e) {
      err = e;
    }
    expect(isLinkscopeError(err, 'LS_VALIDATION')).toBe(true);
    expect((err as Error).message).toContain(word);
  });
});
