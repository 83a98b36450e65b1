/** Unit tests for InfluxQL quoting and the history query builder: no value may change the query. */
import { describe, expect, it } from 'vitest';
import { isLinkscopeError } from '../model/errors.js';
import { buildRollupSelect, buildUtilizationQuery, normalizeQueryText, quoteIdentifier } from './influxql.js';

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

describe('NUL', () => {
  it('refuses a NUL (InfluxQL\'s end of input) as LS_VALIDATION naming the field, instead of a query InfluxDB rejects', () => {
    expect(() => quoteIdentifier('a\u0000')).toThrow(expect.objectContaining({ code: 'LS_VALIDATION' }) as unknown as Error);
    expect(() =>
      buildUtilizationQuery({ device: 'sw1', ifName: 'Gi0/1\u0000', from: new Date(0), to: new Date(60_000), stepMs: 60_000 }),
    ).toThrow(expect.objectContaining({ code: 'LS_VALIDATION', message: expect.stringContaining('ifName contains a NUL') }) as unknown as Error);
  });
});

describe('quoteIdentifier (the influx package\'s escape.quoted)', () => {
  it.each(NASTY.filter((n) => !n.includes('\n') && !n.includes("\\'")))('round-trips %j exactly', (value) => {
    expect(unquote(quoteIdentifier(value))).toEqual([value, '']);
  });

  it('escapes double quotes and backslashes', () => {
    expect(quoteIdentifier('my "db"\\x')).toBe('"my \\"db\\"\\\\x"');
  });

  it.each(['a\nb', 'a\rb', "a\\'b"])('refuses %j, which a quoted InfluxQL name cannot hold (or the package would change)', (value) => {
    expect(() => quoteIdentifier(value)).toThrow(expect.objectContaining({ code: 'LS_VALIDATION' }) as unknown as Error);
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

  const TEXT =
    'SELECT mean("in_bps") AS "inBps", mean("out_bps") AS "outBps", mean("in_utilization") AS "inUtilization", ' +
    'mean("out_utilization") AS "outUtilization" FROM "interface" WHERE "device" = $device AND "ifName" = $ifName ' +
    'AND time >= 1700000000000ms AND time <= 1700003600000ms GROUP BY time(60s) fill(none)';

  it('builds the documented query with bound parameters, epoch-ms times and a step in seconds', () => {
    expect(buildUtilizationQuery(base)).toEqual({ text: TEXT, params: { device: 'core-sw1', ifName: 'Gi0/1' } });
  });

  it('reads the mean fields of the rollup policy for a rollup source', () => {
    const q = buildUtilizationQuery(base, { kind: 'rollup', policy: 'rollup_5m', intervalMs: 300_000 });
    expect(q.text).toBe(
      'SELECT mean("in_bps_mean") AS "inBps", mean("out_bps_mean") AS "outBps", mean("in_utilization_mean") AS "inUtilization", ' +
        'mean("out_utilization_mean") AS "outUtilization" FROM "rollup_5m"."interface" WHERE "device" = $device AND "ifName" = $ifName ' +
        'AND time >= 1700000000000ms AND time <= 1700003600000ms GROUP BY time(60s) fill(none)',
    );
  });

  it('uses ms for a step that is not whole seconds', () => {
    expect(buildUtilizationQuery({ ...base, stepMs: 1500 }).text).toContain('GROUP BY time(1500ms)');
  });

  it.each(NASTY.filter((n) => n !== '' && n !== 'trailing\\' && !n.includes('\n')))(
    'keeps the query text unchanged for ifName %j and passes it exactly as a parameter',
    (name) => {
      const q = buildUtilizationQuery({ ...base, ifName: name, device: name });
      expect(q.text).toBe(TEXT);
      expect(q.params).toEqual({ device: name, ifName: name });
    },
  );

  it('matches names the way line protocol stored them (newline as \\n, trailing backslash dropped)', () => {
    const q = buildUtilizationQuery({ ...base, ifName: 'a\nb\\' });
    expect(q.params.ifName).toBe('a\\nb');
    expect(q.text).toBe(TEXT);
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

describe('buildRollupSelect', () => {
  const text = buildRollupSelect('linkscope', 'raw', 'rollup_5m', 300_000);

  it('rolls every rate up to mean, max and 95th percentile, per interface, into the rollup policy', () => {
    expect(text).toContain('SELECT mean("in_bps") AS "in_bps_mean", max("in_bps") AS "in_bps_max", percentile("in_bps", 95) AS "in_bps_p95", ');
    for (const f of ['out_bps', 'in_utilization', 'out_utilization', 'in_errors_ps', 'out_errors_ps', 'in_discards_ps', 'out_discards_ps', 'in_pps', 'out_pps']) {
      expect(text).toContain(`mean("${f}") AS "${f}_mean", max("${f}") AS "${f}_max", percentile("${f}", 95) AS "${f}_p95"`);
    }
    expect(text.endsWith(' INTO "linkscope"."rollup_5m"."interface" FROM "linkscope"."raw"."interface" GROUP BY time(5m), *')).toBe(true);
  });

  it('adds a WHERE clause only when asked (running it by hand)', () => {
    expect(buildRollupSelect('db', 'raw', 'rollup_1h', 3_600_000, 'time >= 0')).toContain(' FROM "db"."raw"."interface" WHERE time >= 0 GROUP BY time(1h), *');
  });
});

describe('normalizeQueryText', () => {
  it('equates our quoted text with the unquoted form SHOW CONTINUOUS QUERIES prints', () => {
    // As influxd 1.6 printed a query created from the quoted text.
    const shown = 'CREATE CONTINUOUS QUERY cq ON "my-db" BEGIN SELECT mean(in_bps) AS in_bps_mean INTO "my-db".rollup_5m.interface FROM "my-db".raw.interface GROUP BY time(5m), * END';
    const ours = 'CREATE CONTINUOUS QUERY "cq" ON "my-db" BEGIN SELECT mean("in_bps") AS "in_bps_mean" INTO "my-db"."rollup_5m"."interface" FROM "my-db"."raw"."interface" GROUP BY time(5m), * END';
    expect(normalizeQueryText(shown)).toBe(normalizeQueryText(ours));
    expect(normalizeQueryText(ours.replace('time(5m)', 'time(10m)'))).not.toBe(normalizeQueryText(shown));
  });
});
