/** The interfaces table's rows: filter (all, down, hot, text) and sort, nulls always last. Pure. */
import { HOT_UTILIZATION_PERCENT } from './scale.js';
import type { Interface } from './types.js';

export type IfFilter = 'all' | 'down' | 'hot';
export type IfSortKey = 'name' | 'status' | 'speed' | 'in' | 'out' | 'utilization' | 'errors';
export type SortDirection = 'asc' | 'desc';

export interface TableQuery {
  readonly filter: IfFilter;
  /** Case-insensitive substring of ifName, ifDescr or ifAlias; '' = any. */
  readonly text: string;
  readonly sortBy: IfSortKey;
  readonly direction: SortDirection;
}

export const DEFAULT_QUERY: TableQuery = { filter: 'all', text: '', sortBy: 'name', direction: 'asc' };

/** The larger direction's utilisation, or null when neither is known. */
export function maxUtilization(i: Pick<Interface, 'inUtilization' | 'outUtilization'>): number | null {
  const known = [i.inUtilization, i.outUtilization].filter((u): u is number => u !== null && Number.isFinite(u));
  return known.length === 0 ? null : Math.max(...known);
}

/** Errors per second, both directions; null when neither is known. */
export function errorRate(i: Pick<Interface, 'inErrorsPerSec' | 'outErrorsPerSec'>): number | null {
  if (i.inErrorsPerSec === null && i.outErrorsPerSec === null) return null;
  return (i.inErrorsPerSec ?? 0) + (i.outErrorsPerSec ?? 0);
}

/** Down as an operator means it: enabled (admin up) but not passing traffic. An admin-down port is intended. */
export function isDown(i: Pick<Interface, 'adminStatus' | 'operStatus'>): boolean {
  return i.adminStatus === 'up' && i.operStatus !== 'up';
}

export function isHot(i: Pick<Interface, 'inUtilization' | 'outUtilization'>): boolean {
  const u = maxUtilization(i);
  return u !== null && u >= HOT_UTILIZATION_PERCENT;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Status order for sorting: the ones needing attention first when ascending. */
function statusRank(i: Interface): number {
  if (isDown(i)) return 0;
  if (i.operStatus === 'up') return 2;
  return 1; // admin down and the rest
}

function sortValue(i: Interface, key: IfSortKey): number | string | null {
  switch (key) {
    case 'name':
      return i.ifName;
    case 'status':
      return statusRank(i);
    case 'speed':
      return i.speedBps;
    case 'in':
      return i.inBps;
    case 'out':
      return i.outBps;
    case 'utilization':
      return maxUtilization(i);
    case 'errors':
      return errorRate(i);
  }
}

function matchesText(i: Interface, text: string): boolean {
  if (text === '') return true;
  const t = text.toLowerCase();
  return [i.ifName, i.ifDescr, i.ifAlias].some((s) => s.toLowerCase().includes(t));
}

/** The rows to show, in order. Ties keep ifName order (natural: Gi1/0/2 before Gi1/0/10). */
export function tableRows(interfaces: readonly Interface[], q: TableQuery): Interface[] {
  const text = q.text.trim();
  const kept = interfaces.filter((i) => (q.filter === 'all' || (q.filter === 'down' ? isDown(i) : isHot(i))) && matchesText(i, text));
  const sign = q.direction === 'asc' ? 1 : -1;
  return kept.sort((x, y) => {
    const a = sortValue(x, q.sortBy);
    const b = sortValue(y, q.sortBy);
    if (a === null || b === null) {
      if (a !== b) return a === null ? 1 : -1; // unknown values last in either direction
    } else if (a !== b) {
      return sign * (typeof a === 'string' && typeof b === 'string' ? collator.compare(a, b) : Number(a) - Number(b));
    }
    return collator.compare(x.ifName, y.ifName);
  });
}

/** Clicking a column header: a new column sorts by it (numbers busiest first), the same column flips. */
export function toggleSort(q: TableQuery, key: IfSortKey): TableQuery {
  if (q.sortBy === key) return { ...q, direction: q.direction === 'asc' ? 'desc' : 'asc' };
  return { ...q, sortBy: key, direction: key === 'name' || key === 'status' ? 'asc' : 'desc' };
}
