/**
 * The declarative metric engine: which MetricDefs fit a device (selectors, then probes), and one
 * poll of their scalars and tables → MetricRecords. Tables are read with walkTable (the one
 * GETBULK machinery, its budgets and back-off); shaping is pure (./shape.ts). Health profiles and
 * user-configured custom metrics both run here.
 */
import { isLinkscopeError, type LinkscopeError } from '../model/errors.js';
import type { MetricColumn, MetricDef, MetricJoin, MetricRecord, MetricTable } from '../model/metric-def.js';
import { walkTable, type ColumnSpec, type TableSpec, type TableValue } from '../snmp/table.js';
import { DEFAULT_ROWS_PER_COLUMN, SnmpType, type SnmpSession, type WalkBudget } from '../snmp/types.js';
import { asDisplayName } from '../snmp/values.js';
import { convertMetricValue, formatIndex, joinKey, scaleMetricValue, shapeRecord, type MetricValue, type RawRow } from './shape.js';

/** What the selectors look at. */
export interface MetricTarget {
  readonly sysObjectID: string;
  readonly vendor?: string | null;
  readonly role?: string | null;
}

export interface MetricOptions {
  readonly signal?: AbortSignal;
  /** Shared with the rest of the poll: running out stops the walk of the table that ran out (an error of that table). */
  readonly budget?: WalkBudget;
  /** Rows per column before a table counts as endless. Default DEFAULT_ROWS_PER_COLUMN. */
  readonly maxRowsPerColumn?: number;
  /**
   * Rows each table had at the last poll, by walk; pollMetrics reads and updates it. Given, a table
   * is asked for its last row count + 1 repetitions per GETBULK instead of the session's 25, so a
   * short table costs the agent no rows past its end (the walk goes on if the table grew). Keep
   * one per device and plan.
   */
  readonly rowHints?: Map<string, number>;
}

/** A table (or the scalars) of one definition that could not be read this poll; the other records stand. */
export interface MetricReadError {
  readonly def: string;
  /** The table's name, a joined table's name, or `scalars`. */
  readonly table: string;
  readonly code: string;
  readonly message: string;
}

export interface MetricPollResult {
  readonly records: readonly MetricRecord[];
  readonly errors: readonly MetricReadError[];
}

/** GETs carry at most this many scalars each (small agents answer tooBig or drop larger requests). */
const SCALARS_PER_GET = 16;

function rethrowAbort(err: unknown): void {
  if (isLinkscopeError(err, 'LS_SNMP_ABORTED') || !isLinkscopeError(err)) throw err;
}

/** Whether the definition's selectors (sysObjectID prefixes, vendor, role) admit the device; probes are not asked. */
export function selectorsFit(def: MetricDef, target: MetricTarget): boolean {
  const m = def.match;
  if (m === undefined) return true;
  if (m.sysObjectIdPrefixes !== undefined) {
    const oid = target.sysObjectID.replace(/^\./, '');
    if (!m.sysObjectIdPrefixes.some((x) => oid === x || oid.startsWith(`${x}.`))) return false;
  }
  if (m.vendors !== undefined) {
    const v = (target.vendor ?? '').toLowerCase();
    if (!m.vendors.some((x) => x.toLowerCase() === v)) return false;
  }
  if (m.roles !== undefined && !m.roles.includes(target.role ?? '')) return false;
  return true;
}

/** The subtrees whose data shows a definition is there: its probes, else the first column of each table and each scalar's object. */
export function probeRoots(def: MetricDef): string[] {
  if (def.match?.probes !== undefined && def.match.probes.length > 0) return [...def.match.probes];
  const roots: string[] = [];
  for (const t of def.tables ?? []) {
    const first = Object.values(t.columns).find((c) => (c.role ?? 'field') === 'field') ?? Object.values(t.columns)[0];
    // The first field column, and the columns standing in for it where it is missing (cpmCPUTotal5min on old IOS).
    for (let c = first, hops = 0; c !== undefined && hops < 8; c = c.fallback === undefined ? undefined : t.columns[c.fallback], hops += 1) roots.push(c.oid);
  }
  for (const s of def.scalars ?? []) for (const c of Object.values(s.columns)) if ((c.role ?? 'field') === 'field') roots.push(c.oid.replace(/\.\d+$/, ''));
  return [...new Set(roots)];
}

/** Which subtrees have data: one GETBULK page per batch of roots, one varbind kept per root; a failing batch is asked again root by root. */
async function answeredRoots(session: SnmpSession, roots: readonly string[], options: MetricOptions): Promise<Set<string>> {
  const answered = new Set<string>();
  const read = async (batch: readonly string[]): Promise<void> => {
    const got = await session.walkColumns(batch, { signal: options.signal, budget: options.budget, maxVarbinds: 1 });
    for (const r of batch) if ((got.get(r)?.length ?? 0) > 0) answered.add(r);
  };
  for (let i = 0; i < roots.length; i += SCALARS_PER_GET) {
    const batch = roots.slice(i, i + SCALARS_PER_GET);
    try {
      await read(batch);
    } catch (err) {
      rethrowAbort(err);
      for (const r of batch) {
        try {
          await read([r]);
        } catch (e) {
          rethrowAbort(e);
        }
      }
    }
  }
  return answered;
}

/**
 * Names of the definitions that fit this device: selectors first (no traffic), then one probe
 * round for all candidates together; a definition another fitting one supersedes is left out.
 * Never throws for a missing or broken subtree (only LS_SNMP_ABORTED on abort).
 */
export async function planMetrics(session: SnmpSession, defs: readonly MetricDef[], target: MetricTarget, options: MetricOptions = {}): Promise<string[]> {
  const candidates = defs.filter((d) => selectorsFit(d, target));
  if (candidates.length === 0) return [];
  const rootsOf = new Map(candidates.map((d) => [d.name, probeRoots(d)]));
  const answered = await answeredRoots(session, [...new Set([...rootsOf.values()].flat())], options);
  const fitted = candidates.filter((d) => (rootsOf.get(d.name) ?? []).some((r) => answered.has(r)));
  const superseded = new Set(fitted.flatMap((d) => d.supersedes ?? []));
  return fitted.filter((d) => !superseded.has(d.name)).map((d) => d.name);
}

/** How walkTable reads a column: addresses as octets, OIDs as OIDs, everything else as text (numbers as their decimal text). */
function columnSpec(c: MetricColumn): ColumnSpec {
  const conv = c.conversion ?? 'none';
  return { oid: c.oid, mib: c.mib, as: conv === 'hwaddr' || conv === 'ipaddr' ? 'bytes' : conv === 'oid' ? 'oid' : 'text' };
}

/** One poll's reader: walks each joined table once however many tables join it. */
class Reader {
  readonly #joins = new Map<string, Promise<ReadonlyMap<string, Readonly<Record<string, MetricValue>>>>>();

  constructor(
    private readonly session: SnmpSession,
    private readonly options: MetricOptions,
    private readonly errors: MetricReadError[],
  ) {}

  #walkOptions() {
    return { signal: this.options.signal, budget: this.options.budget, maxRowsPerColumn: this.options.maxRowsPerColumn ?? DEFAULT_ROWS_PER_COLUMN };
  }

  /** Walks of this poll by (index shape, columns as read): each is done once however many tables read it. */
  readonly #walks = new Map<string, Promise<RawRow[]>>();

  /**
   * Rows of a table with the caller's column keys. Tables (of one definition or several, joins
   * included) reading the same columns of the same table share one walk per poll.
   */
  async rows(def: string, name: string, columns: Readonly<Record<string, MetricColumn>>, indexLength?: MetricTable['indexLength']): Promise<RawRow[]> {
    const read = new Map<string, ColumnSpec>();
    const keyOf = new Map<string, string>();
    for (const [k, c] of Object.entries(columns)) {
      const cs = columnSpec(c);
      const id = `${cs.oid}:${cs.as}`;
      read.set(id, cs);
      keyOf.set(k, id);
    }
    const walkKey = `${JSON.stringify(indexLength ?? null)}|${[...read.keys()].sort().join(',')}`;
    let p = this.#walks.get(walkKey);
    if (p === undefined) {
      p = this.#walk(def, name, read, indexLength, walkKey);
      this.#walks.set(walkKey, p);
    }
    const rows = await p;
    return rows.map((r) => {
      const values: Partial<Record<string, TableValue>> = {};
      for (const [k, id] of keyOf) {
        const v = r.values[id];
        if (v !== undefined) values[k] = v;
      }
      return { index: r.index, indexOid: r.indexOid, values };
    });
  }

  /** One walk; its columns are keyed `oid:as`. Row hints (MetricOptions.rowHints) are kept by walk. */
  async #walk(def: string, name: string, read: ReadonlyMap<string, ColumnSpec>, indexLength: MetricTable['indexLength'] | undefined, walkKey: string): Promise<RawRow[]> {
    const cols = Object.fromEntries(read);
    const spec: TableSpec = indexLength === undefined ? { name, columns: cols } : { name, columns: cols, indexLength };
    const hint = this.options.rowHints?.get(walkKey);
    const result = await walkTable(this.session, spec, hint === undefined ? this.#walkOptions() : { ...this.#walkOptions(), maxRepetitions: hint + 1 });
    if (result.error === null) this.options.rowHints?.set(walkKey, result.rows.length);
    else this.errors.push({ def, table: name, code: result.error.code, message: result.error.message });
    return result.rows as RawRow[];
  }

  joined(def: string, join: MetricJoin): Promise<ReadonlyMap<string, Readonly<Record<string, MetricValue>>>> {
    const key = `${join.name}|${Object.entries(join.columns)
      .map(([k, c]) => `${k}=${c.oid}`)
      .sort()
      .join(',')}`;
    let p = this.#joins.get(key);
    if (p === undefined) {
      p = this.rows(def, join.name, join.columns).then((rows) => {
        const out = new Map<string, Record<string, MetricValue>>();
        for (const r of rows) {
          const unscaled = new Map<string, MetricValue>();
          for (const [k, c] of Object.entries(join.columns)) {
            const v = convertMetricValue(r.values[k], c);
            if (v !== null) unscaled.set(k, v);
          }
          const values: Record<string, MetricValue> = {};
          for (const [k, v] of unscaled) {
            const c = join.columns[k];
            if (typeof v !== 'number' || c === undefined) values[k] = v;
            else {
              const scaled = scaleMetricValue(v, c, unscaled);
              if (scaled !== null && Number.isFinite(scaled)) values[k] = scaled;
            }
          }
          out.set(r.indexOid, values);
        }
        return out;
      });
      this.#joins.set(key, p);
    }
    return p;
  }
}

async function readTable(reader: Reader, def: MetricDef, t: MetricTable, out: MetricRecord[]): Promise<void> {
  const rows = await reader.rows(def.name, t.table, t.columns, t.indexLength);
  if (rows.length === 0) return;
  const joins: { join: MetricJoin; rows: ReadonlyMap<string, Readonly<Record<string, MetricValue>>> }[] = [];
  for (const j of t.joins ?? []) joins.push({ join: j, rows: await reader.joined(def.name, j) });
  const shape = { def: def.name, name: t.name, columns: t.columns, tags: t.tags, texts: t.texts, filters: t.filters };
  for (const row of rows) {
    const index = formatIndex(row.index, row.indexOid, t.index);
    if (index === null) continue;
    const joined = joins.map(({ join, rows: other }) => {
      const key = joinKey(
        row,
        join.on,
        join.indexPrefix,
        (k) => {
          const c = t.columns[k];
          return c === undefined ? null : convertMetricValue(row.values[k], c);
        },
        join.fixedIndex,
      );
      return { columns: join.columns, values: key === null ? undefined : other.get(key) };
    });
    const rec = shapeRecord(shape, index, row.values, joined, row.indexOid);
    if (rec !== null) out.push(rec);
  }
}

async function readScalars(session: SnmpSession, def: MetricDef, options: MetricOptions, errors: MetricReadError[], out: MetricRecord[]): Promise<void> {
  const groups = def.scalars ?? [];
  const oids = [...new Set(groups.flatMap((g) => Object.values(g.columns).map((c) => c.oid)))];
  if (oids.length === 0) return;
  const got = new Map<string, TableValue>();
  try {
    for (let i = 0; i < oids.length; i += SCALARS_PER_GET) {
      for (const vb of await session.get(oids.slice(i, i + SCALARS_PER_GET), { signal: options.signal })) {
        if (vb.value === null || vb.type >= SnmpType.NoSuchObject) continue;
        // As walkTable reads a `text` column: numbers as their decimal text, octets as display text
        // (addresses and OIDs as they come).
        const v = vb.value;
        got.set(vb.oid, typeof v === 'bigint' ? v.toString() : v);
      }
    }
  } catch (err) {
    rethrowAbort(err);
    const e = err as LinkscopeError;
    errors.push({ def: def.name, table: 'scalars', code: e.code, message: e.message });
    return;
  }
  for (const g of groups) {
    const raw: Record<string, TableValue> = {};
    for (const [key, c] of Object.entries(g.columns)) {
      const v = got.get(c.oid);
      if (v === undefined) continue;
      const conv = c.conversion ?? 'none';
      raw[key] = Buffer.isBuffer(v) && conv !== 'hwaddr' && conv !== 'ipaddr' ? asDisplayName(v) : v;
    }
    const rec = shapeRecord({ def: def.name, name: g.name, columns: g.columns, tags: g.tags, texts: g.texts, filters: g.filters }, g.index, raw);
    if (rec !== null) out.push(rec);
  }
}

/**
 * One poll of the named definitions (a plan from planMetrics). A table, a join or the scalars the
 * device lacks or breaks cost only themselves (listed in `errors`); only an abort is thrown.
 * Definitions are read one after another so a device sees one request at a time.
 */
export async function pollMetrics(session: SnmpSession, defs: readonly MetricDef[], options: MetricOptions = {}): Promise<MetricPollResult> {
  const errors: MetricReadError[] = [];
  const records: MetricRecord[] = [];
  const reader = new Reader(session, options, errors);
  for (const def of defs) {
    await readScalars(session, def, options, errors, records);
    for (const t of def.tables ?? []) await readTable(reader, def, t, records);
  }
  return { records, errors };
}
