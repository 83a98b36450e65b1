/**
 * Applies wireless profiles (src/profiles/wireless/): which profiles fit a device, and one poll of
 * their tables → a WirelessReport. The seam between the wireless profiles and the poller/API.
 */
import { isLinkscopeError, type LinkscopeError } from '../model/errors.js';
import type { SystemInfo } from '../model/types.js';
import type { WirelessReport } from '../model/wireless.js';
import type { WirelessProfile, WirelessRole, WirelessTableSpec } from '../profiles/wireless/types.js';
import { walkTable, type ColumnSpec, type TableSpec } from '../snmp/table.js';
import { DEFAULT_ROWS_PER_COLUMN, SnmpType, type SnmpSession, type VarBind, type WalkBudget } from '../snmp/types.js';
import { asDisplayName } from '../snmp/values.js';
import { loadWirelessProfiles } from './profiles.js';
import { buildWirelessReport, type CellValue, type ProfileReading, type ReadRow } from './report.js';

export type { WirelessRole } from '../profiles/wireless/types.js';

/** Checked at start-up: importing the engine with a malformed profile throws LS_PROFILE_INVALID. */
const PROFILES = loadWirelessProfiles();

/** What planWireless found for one device: the role its wireless tables give it and the profiles to poll. */
export interface WirelessPlan {
  readonly role: WirelessRole;
  /** Names of the profiles that answered on this device (for logs and the API). */
  readonly profiles: readonly string[];
  /** The name a lone AP or a bridge reports itself under in `aps` (sysName; the profile name when empty). */
  readonly deviceName?: string;
}

export interface WirelessOptions {
  readonly signal?: AbortSignal;
  readonly budget?: WalkBudget;
}

/** A table or the scalars of one profile that could not be read this poll (the rest of the report stands). */
export interface WirelessTableError {
  readonly profile: string;
  /** The table's name, or `scalars`. */
  readonly table: string;
  readonly code: string;
  readonly message: string;
}

export interface WirelessPollResult {
  readonly report: WirelessReport;
  readonly errors: readonly WirelessTableError[];
}

/** Controller over AP over bridge: a box that manages APs is a controller whatever radio links it also has. */
const ROLE_RANK: Readonly<Record<WirelessRole, number>> = { 'wireless-controller': 3, 'wireless-ap': 2, 'wireless-bridge': 1 };

function fitsSysObjectId(p: WirelessProfile, sysObjectID: string): boolean {
  const prefixes = p.match.sysObjectIdPrefixes;
  if (prefixes === undefined) return true;
  const oid = sysObjectID.replace(/^\./, '');
  return prefixes.some((x) => oid === x || oid.startsWith(`${x}.`));
}

function rethrowAbort(err: unknown): void {
  if (isLinkscopeError(err, 'LS_SNMP_ABORTED') || !isLinkscopeError(err)) throw err;
}

/** Which probe subtrees have data: one GETBULK page per batch of roots, one varbind kept per root. */
async function answeredProbes(session: SnmpSession, roots: readonly string[], options: WirelessOptions): Promise<Set<string>> {
  const answered = new Set<string>();
  const read = async (batch: readonly string[]): Promise<void> => {
    const got = await session.walkColumns(batch, { signal: options.signal, budget: options.budget, maxVarbinds: 1 });
    for (const r of batch) if ((got.get(r)?.length ?? 0) > 0) answered.add(r);
  };
  try {
    await read(roots);
  } catch (err) {
    rethrowAbort(err);
    // One subtree the agent mishandles must not hide the others: ask again one root at a time.
    for (const r of roots) {
      try {
        await read([r]);
      } catch (e) {
        rethrowAbort(e);
      }
    }
  }
  return answered;
}

/**
 * Which wireless profiles fit this device (by sysObjectID and by which of their MIBs answer), or
 * null when none does. Never throws for a missing or broken table (only LS_SNMP_ABORTED on abort).
 */
export async function planWireless(session: SnmpSession, system: SystemInfo, options: WirelessOptions = {}): Promise<WirelessPlan | null> {
  const candidates = [...PROFILES.values()].filter((p) => fitsSysObjectId(p, system.sysObjectID));
  if (candidates.length === 0) return null;
  const roots = [...new Set(candidates.flatMap((p) => p.match.probes))];
  const answered = await answeredProbes(session, roots, options);
  let fitted = candidates.filter((p) => p.match.probes.some((r) => answered.has(r)));
  if (fitted.some((p) => p.match.fallback !== true)) fitted = fitted.filter((p) => p.match.fallback !== true);
  if (fitted.length === 0) return null;
  let role: WirelessRole | null = null;
  for (const p of fitted) if (p.role !== undefined && (role === null || ROLE_RANK[p.role] > ROLE_RANK[role])) role = p.role;
  // Only figure-adding profiles (an LTE modem) fitted: the device reports its own radio link.
  const plan: WirelessPlan = { role: role ?? 'wireless-bridge', profiles: fitted.map((p) => p.name) };
  return system.sysName === '' ? plan : { ...plan, deviceName: system.sysName };
}

/** Every column read as text (numbers as their decimal text, so figures sent as strings read too), MACs as octets. */
function tableSpecOf(t: WirelessTableSpec): TableSpec {
  const cols: Record<string, ColumnSpec> = {};
  for (const [key, c] of Object.entries(t.columns)) cols[key] = { oid: c.oid, mib: c.mib, as: c.type === 'mac' ? 'bytes' : 'text' };
  return t.indexLength === undefined ? { name: t.name, columns: cols } : { name: t.name, columns: cols, indexLength: t.indexLength };
}

function scalarCell(vb: VarBind): CellValue | null {
  if (vb.value === null || vb.type >= SnmpType.NoSuchObject) return null;
  return asDisplayName(vb.value);
}

async function readProfile(session: SnmpSession, profile: WirelessProfile, options: WirelessOptions, errors: WirelessTableError[]): Promise<ProfileReading> {
  const scalars = new Map<string, CellValue>();
  const oids = (profile.scalars ?? []).map((s) => s.oid);
  if (oids.length > 0) {
    try {
      for (const vb of await session.get(oids, { signal: options.signal })) {
        const v = scalarCell(vb);
        if (v !== null) scalars.set(vb.oid, v);
      }
    } catch (err) {
      rethrowAbort(err);
      const e = err as LinkscopeError;
      errors.push({ profile: profile.name, table: 'scalars', code: e.code, message: e.message });
    }
  }
  const tables = new Map<string, readonly ReadRow[]>();
  for (const t of profile.tables ?? []) {
    const result = await walkTable(session, tableSpecOf(t), { signal: options.signal, budget: options.budget, maxRowsPerColumn: DEFAULT_ROWS_PER_COLUMN });
    if (result.error !== null) errors.push({ profile: profile.name, table: t.name, code: result.error.code, message: result.error.message });
    tables.set(
      t.name,
      result.rows.map((r) => ({ index: r.index, indexOid: r.indexOid, values: r.values as Readonly<Record<string, CellValue | undefined>> })),
    );
  }
  return { profile, scalars, tables };
}

/** One poll with what could not be read. Only an abort (LS_SNMP_ABORTED) is thrown. */
export async function pollWirelessDetailed(session: SnmpSession, plan: WirelessPlan, options: WirelessOptions = {}): Promise<WirelessPollResult> {
  const errors: WirelessTableError[] = [];
  const readings: ProfileReading[] = [];
  for (const name of plan.profiles) {
    // A plan made by an older linkscope may name a profile that no longer exists: skip it.
    const profile = PROFILES.get(name);
    if (profile !== undefined) readings.push(await readProfile(session, profile, options, errors));
  }
  const report = buildWirelessReport(readings, { role: plan.role, deviceName: plan.deviceName ?? plan.profiles[0] ?? 'device' });
  return { report, errors };
}

/** One poll of the plan's tables. A table missing or broken on the device loses only that table. */
export async function pollWireless(session: SnmpSession, plan: WirelessPlan, options: WirelessOptions = {}): Promise<WirelessReport> {
  return (await pollWirelessDetailed(session, plan, options)).report;
}
