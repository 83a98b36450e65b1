import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY, errorRate, isDown, isHot, maxUtilization, tableRows, toggleSort, type TableQuery } from './iface-table.js';
import type { Interface } from './types.js';

const iface = (ifName: string, extra: Partial<Interface> = {}): Interface => ({
  ifIndex: 1,
  ifName,
  ifDescr: ifName,
  ifAlias: '',
  speedBps: 1e9,
  adminStatus: 'up',
  operStatus: 'up',
  inBps: 0,
  outBps: 0,
  inUtilization: 0,
  outUtilization: 0,
  inErrorsPerSec: 0,
  outErrorsPerSec: 0,
  sampledAt: null,
  ...extra,
});

const rows = [
  iface('Gi1/0/10', { inBps: 5e8, inUtilization: 50, outUtilization: 20 }),
  iface('Gi1/0/2', { ifAlias: 'uplink to core', inBps: 9e8, inUtilization: 90, outUtilization: null }),
  iface('Gi1/0/3', { operStatus: 'down', inBps: null, inUtilization: null, outUtilization: null, inErrorsPerSec: null, outErrorsPerSec: null }),
  iface('Gi1/0/4', { adminStatus: 'down', operStatus: 'down', inBps: null, inUtilization: null, outUtilization: null }),
  iface('Vlan1', { speedBps: null, inBps: 1e3, inErrorsPerSec: 2, outErrorsPerSec: 1 }),
];
const names = (q: Partial<TableQuery>): string[] => tableRows(rows, { ...DEFAULT_QUERY, ...q }).map((i) => i.ifName);

describe('interface table', () => {
  it('sorts names naturally: Gi1/0/2 before Gi1/0/10', () => {
    expect(names({})).toEqual(['Gi1/0/2', 'Gi1/0/3', 'Gi1/0/4', 'Gi1/0/10', 'Vlan1']);
    expect(names({ direction: 'desc' })).toEqual(['Vlan1', 'Gi1/0/10', 'Gi1/0/4', 'Gi1/0/3', 'Gi1/0/2']);
  });

  it('filters down ports as admin up and oper not up, leaving an admin-down port out', () => {
    expect(names({ filter: 'down' })).toEqual(['Gi1/0/3']);
    expect(isDown(iface('x', { adminStatus: 'down', operStatus: 'down' }))).toBe(false);
    expect(isDown(iface('x', { operStatus: 'lowerLayerDown' }))).toBe(true);
  });

  it('filters hot ports by the larger known direction', () => {
    expect(names({ filter: 'hot' })).toEqual(['Gi1/0/2', 'Gi1/0/10']);
    expect(isHot(iface('x', { inUtilization: null, outUtilization: null }))).toBe(false);
  });

  it('filters by text in name, description or alias, ignoring case', () => {
    expect(names({ text: 'UPLINK' })).toEqual(['Gi1/0/2']);
    expect(names({ text: '  vlan ' })).toEqual(['Vlan1']);
    expect(names({ filter: 'down', text: 'vlan' })).toEqual([]);
  });

  it('sorts by utilisation busiest first with unknown values last in both directions', () => {
    expect(names({ sortBy: 'utilization', direction: 'desc' })).toEqual(['Gi1/0/2', 'Gi1/0/10', 'Vlan1', 'Gi1/0/3', 'Gi1/0/4']);
    expect(names({ sortBy: 'utilization', direction: 'asc' })).toEqual(['Vlan1', 'Gi1/0/10', 'Gi1/0/2', 'Gi1/0/3', 'Gi1/0/4']);
  });

  it('sorts by rates, speed, errors and status', () => {
    expect(names({ sortBy: 'in', direction: 'desc' })[0]).toBe('Gi1/0/2');
    expect(names({ sortBy: 'speed', direction: 'desc' }).at(-1)).toBe('Vlan1');
    expect(names({ sortBy: 'errors', direction: 'desc' })[0]).toBe('Vlan1');
    expect(names({ sortBy: 'errors', direction: 'desc' }).at(-1)).toBe('Gi1/0/3');
    expect(names({ sortBy: 'status' })[0]).toBe('Gi1/0/3');
  });

  it('flips direction on the same column and starts numbers busiest first', () => {
    expect(toggleSort(DEFAULT_QUERY, 'name')).toMatchObject({ sortBy: 'name', direction: 'desc' });
    expect(toggleSort(DEFAULT_QUERY, 'in')).toMatchObject({ sortBy: 'in', direction: 'desc' });
    expect(toggleSort(toggleSort(DEFAULT_QUERY, 'in'), 'in')).toMatchObject({ direction: 'asc' });
  });

  it('computes the larger utilisation and the error sum, null when unknown', () => {
    expect(maxUtilization({ inUtilization: null, outUtilization: 3 })).toBe(3);
    expect(maxUtilization({ inUtilization: null, outUtilization: null })).toBeNull();
    expect(errorRate({ inErrorsPerSec: null, outErrorsPerSec: null })).toBeNull();
    expect(errorRate({ inErrorsPerSec: 0.5, outErrorsPerSec: null })).toBe(0.5);
  });

  it('does not reorder the caller\'s array', () => {
    const copy = rows.map((r) => r.ifName);
    tableRows(rows, { ...DEFAULT_QUERY, sortBy: 'in', direction: 'desc' });
    expect(rows.map((r) => r.ifName)).toEqual(copy);
  });
});
