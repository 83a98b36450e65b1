/** STYLE.md's import rules, checked on the source: dependencies point inward, no cycles, pure modules stay pure. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = import.meta.dirname;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

interface Edge {
  readonly from: string;
  /** src-relative path (`poller/counters.ts`) for local imports, the specifier for packages. */
  readonly to: string;
  readonly typeOnly: boolean;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/gm;

const files = sourceFiles(SRC).map((f) => relative(SRC, f));
const edges: Edge[] = files.flatMap((file) => {
  const text = readFileSync(join(SRC, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => {
    const spec = m[3] ?? '';
    const to = spec.startsWith('.') ? normalize(join(dirname(file), spec)).replace(/\.js$/, '.ts') : spec;
    return { from: file, to, typeOnly: m[2] !== undefined };
  });
});

const top = (path: string): string => (path.includes('/') ? (path.split('/')[0] ?? path) : path);
const isLocal = (e: Edge): boolean => files.includes(e.to);

/** Modules with no I/O, clock or logger (STYLE.md "Pure"). */
const PURE = (f: string): boolean =>
  f.startsWith('model/') || f.startsWith('profiles/') || f.startsWith('topology/') || f === 'poller/counters.ts' || f === 'storage/line-protocol.ts';

describe('architecture', () => {
  it('parses every source file it checks', () => {
    expect(files.length).toBeGreaterThan(40);
    expect(edges.length).toBeGreaterThan(100);
  });

  it('has no import cycles between files', () => {
    const graph = new Map<string, string[]>();
    for (const e of edges) if (isLocal(e) && !e.typeOnly) graph.set(e.from, [...(graph.get(e.from) ?? []), e.to]);
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]): void => {
      state.set(f, 'open');
      for (const next of graph.get(f) ?? []) {
        if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next].join(' -> '));
        else if (!state.has(next)) visit(next, [...path, next]);
      }
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f, [f]);
    expect(cycles).toEqual([]);
  });

  it('keeps pure modules free of I/O and of impure modules', () => {
    const bad = edges.filter((e) => PURE(e.from) && !e.typeOnly && (!isLocal(e) || !PURE(e.to)));
    expect(bad.map((e) => `${e.from} imports ${e.to}`)).toEqual([]);
  });

  it('keeps snmp/, storage/ and inventory/ unaware of the poller, the API and each other', () => {
    const leaves = ['snmp', 'storage', 'inventory'];
    const bad = edges.filter((e) => {
      if (!leaves.includes(top(e.from)) || !isLocal(e)) return false;
      const to = top(e.to);
      return ['api', 'poller', 'cli', 'app.ts', 'demo', 'discovery'].includes(to) || (leaves.includes(to) && to !== top(e.from));
    });
    expect(bad.map((e) => `${e.from} imports ${e.to}`)).toEqual([]);
  });

  it('lets the poller see only the SNMP and sink interfaces, never net-snmp or InfluxDB', () => {
    const bad = edges.filter(
      (e) =>
        top(e.from) === 'poller' &&
        (e.to === 'net-snmp' ||
          e.to === 'influx' ||
          (isLocal(e) && (top(e.to) === 'snmp' || top(e.to) === 'storage') && !e.to.endsWith('/types.ts') && e.to !== 'storage/schema.ts' && e.to !== 'snmp/values.ts')),
    );
    expect(bad.map((e) => `${e.from} imports ${e.to}`)).toEqual([]);
  });

  it('keeps varbind coercion in snmp/values.ts, depending on the SNMP types only', () => {
    // It lived in discovery/ and the poller imported it from there (STYLE.md "As the house grows").
    expect(files).toContain('snmp/values.ts');
    expect(files.filter((f) => f.endsWith('/values.ts') && f !== 'snmp/values.ts')).toEqual([]);
    const bad = edges.filter((e) => e.from === 'snmp/values.ts' && e.to !== 'snmp/types.ts');
    expect(bad.map((e) => `${e.from} imports ${e.to}`)).toEqual([]);
  });

  it('keeps the counter vocabulary in model/: discovery/ and state/ never import the poller', () => {
    // Counter names lived in poller/counters.ts and discovery/ and state/ imported them upward
    // (STYLE.md "As the house grows").
    const bad = edges.filter((e) => ['discovery', 'state', 'snmp', 'storage', 'inventory'].includes(top(e.from)) && isLocal(e) && top(e.to) === 'poller');
    expect(bad.map((e) => `${e.from} imports ${e.to}`)).toEqual([]);
  });

  it('keeps SNMP out of the API', () => {
    const bad = edges.filter((e) => top(e.from) === 'api' && (e.to === 'net-snmp' || (isLocal(e) && top(e.to) === 'snmp')));
    expect(bad.map((e) => `${e.from} imports ${e.to}`)).toEqual([]);
  });

  it('builds concrete SNMP, InfluxDB and SQLite classes only in app.ts', () => {
    const concrete = ['snmp/net-snmp-client.ts', 'storage/influx-sink.ts', 'storage/influx-history.ts', 'inventory/sqlite-inventory.ts'];
    // Helpers inside the same folder (influx-history reuses influx-sink's URL and auth helpers) are fine.
    const bad = edges.filter((e) => concrete.includes(e.to) && !e.typeOnly && e.from !== 'app.ts' && top(e.from) !== top(e.to));
    expect(bad.map((e) => `${e.from} imports ${e.to}`)).toEqual([]);
  });
});
