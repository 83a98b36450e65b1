/**
 * Custom metrics config → MetricDefs: MIB names resolved against mibs/, the YAML shape compiled,
 * and every bad input refused with LS_CONFIG_INVALID naming the metric and the key.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LinkscopeError } from '../model/errors.js';
import { MibStore } from '../mib/mib-store.js';
import { compileCustomMetrics, needsMibs, SCALAR_INDEX, type MibResolver } from './custom.js';

let mibs: MibResolver;
beforeAll(() => {
  const store = MibStore.load();
  mibs = { oidForName: (n) => store.oidForName(n), nameForOid: (o) => store.nameForOid(o), enumerationFor: (o) => store.enumeration(o), names: () => store.names() };
});

const IF_STATS = {
  name: 'if-stats',
  measurement: 'if_stats',
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.8072'], roles: ['router', 'other'] },
  scalars: [{ name: 'inPkts', oid: 'SNMPv2-MIB::snmpInPkts.0' }, { name: 'uptime', oid: 'sysUpTime' }],
  tables: [
    {
      table: 'IF-MIB::ifTable',
      columns: [
        { name: 'ifDescr', oid: 'IF-MIB::ifDescr', tag: true },
        { name: 'mtu', oid: '1.3.6.1.2.1.2.2.1.4', conversion: 'integer' },
        { name: 'mac', oid: 'IF-MIB::ifPhysAddress', conversion: 'hwaddr' },
        { name: 'oper', oid: 'ifOperStatus', conversion: 'enum' },
        { name: 'admin', oid: 'IF-MIB::ifAdminStatus', conversion: 'enum', enum: { 1: 'on', 2: 'off' } },
        { name: 'speedMbps', oid: 'IF-MIB::ifSpeed', divisor: 1_000_000 },
      ],
      joins: [{ table: 'IF-MIB::ifXTable', columns: [{ name: 'ifName', oid: 'IF-MIB::ifName' }] }],
    },
  ],
};

function compileOne(m: unknown) {
  return compileCustomMetrics([m], mibs);
}

/** The LS_CONFIG_INVALID message of compiling one metric. */
function problem(m: unknown): string {
  try {
    compileOne(m);
  } catch (err) {
    expect(err).toBeInstanceOf(LinkscopeError);
    expect((err as LinkscopeError).code).toBe('LS_CONFIG_INVALID');
    const msg = (err as LinkscopeError).message;
    expect(msg.split('\n')).toHaveLength(1);
    return msg;
  }
  throw new Error('compiled without a problem');
}

const withTable = (columns: unknown[], extra: Record<string, unknown> = {}) => ({ name: 'm', tables: [{ table: 'IF-MIB::ifTable', columns, ...extra }] });

describe('compileCustomMetrics', () => {
  it('resolves MIB names (qualified, bare, with instance) and numeric OIDs to the engine definition', () => {
    const [m] = compileOne(IF_STATS);
    expect(m?.name).toBe('if-stats');
    expect(m?.measurements).toEqual(['if_stats']);
    const def = m?.def;
    expect(def?.match).toEqual({ sysObjectIdPrefixes: ['1.3.6.1.4.1.8072'], roles: ['router', 'other'] });
    expect(def?.scalars?.[0]).toMatchObject({
      name: 'if_stats',
      index: SCALAR_INDEX,
      // A scalar named without its instance reads instance .0.
      columns: { inPkts: { oid: '1.3.6.1.2.1.11.1.0', mib: 'SNMPv2-MIB::snmpInPkts', role: 'field' }, uptime: { oid: '1.3.6.1.2.1.1.3.0' } },
    });
    const t = def?.tables?.[0];
    expect(t).toMatchObject({ name: 'if_stats', table: 'IF-MIB::ifTable', index: 'dotted' });
    expect(t?.columns['ifDescr']).toMatchObject({ oid: '1.3.6.1.2.1.2.2.1.2', mib: 'IF-MIB::ifDescr', role: 'tag' });
    expect(t?.columns['mtu']).toMatchObject({ oid: '1.3.6.1.2.1.2.2.1.4', mib: 'IF-MIB::ifMtu', conversion: 'integer' });
    expect(t?.columns['mac']).toMatchObject({ oid: '1.3.6.1.2.1.2.2.1.6', conversion: 'hwaddr' });
    // The enumeration comes from IF-MIB when the config gives none; a config map wins.
    expect(t?.columns['oper']?.enum).toMatchObject({ '1': 'up', '2': 'down', '7': 'lowerLayerDown' });
    expect(t?.columns['admin']?.enum).toEqual({ '1': 'on', '2': 'off' });
    expect(t?.columns['speedMbps']).toMatchObject({ divisor: 1_000_000 });
    expect(t?.joins?.[0]).toMatchObject({ name: 'IF-MIB::ifXTable', on: 'index', columns: { ifName: { oid: '1.3.6.1.2.1.31.1.1.1.1', role: 'tag' } } });
    expect(m?.integerFields.has('mtu')).toBe(true);
  });

  it('defaults the measurement to the name with every other character as _', () => {
    const [m] = compileOne({ name: 'ip-stats.v1', scalars: [{ name: 'x', oid: '1.3.6.1.2.1.4.6.0' }] });
    expect(m?.measurements).toEqual(['ip_stats_v1']);
  });

  it('needs MIBs only when a name is not a numeric OID', () => {
    expect(needsMibs([{ name: 'a', scalars: [{ name: 'x', oid: '.1.3.6.1.2.1.1.3.0' }] }])).toBe(false);
    expect(needsMibs([IF_STATS])).toBe(true);
    // Numeric, but its enum text comes from IF-MIB.
    expect(needsMibs([{ name: 'a', tables: [{ columns: [{ name: 'oper', oid: '1.3.6.1.2.1.2.2.1.8', conversion: 'enum' }] }] }])).toBe(true);
    expect(needsMibs([{ name: 'a', tables: [{ columns: [{ name: 'oper', oid: '1.3.6.1.2.1.2.2.1.8', conversion: 'enum', enum: { 1: 'up' } }] }] }])).toBe(false);
  });

  it('names the metric, the key and the closest MIB name for an unknown name', () => {
    const msg = problem(withTable([{ name: 'd', oid: 'IF-MIB::ifDescx' }]));
    expect(msg).toContain('metrics[0] "m": tables[0].columns[0].oid: "IF-MIB::ifDescx" is not defined by the loaded MIB modules; did you mean IF-MIB::ifDescr?');
  });

  it('refuses a malformed numeric OID', () => {
    expect(problem({ name: 'm', scalars: [{ name: 'x', oid: '1.3..6.1' }] })).toContain('metrics[0] "m": scalars[0].oid: "1.3..6.1" is not a well-formed numeric OID');
  });

  it('refuses a column that is not under its table', () => {
    expect(problem(withTable([{ name: 'n', oid: 'IF-MIB::ifName' }]))).toContain('tables[0].columns[0].oid: "IF-MIB::ifName" (1.3.6.1.2.1.31.1.1.1.1) is not a column of IF-MIB::ifTable (1.3.6.1.2.1.2.2)');
  });

  it('refuses duplicate metric names and duplicate column names', () => {
    expect(() => compileCustomMetrics([{ name: 'a', scalars: [{ name: 'x', oid: '1.3.6.1.2.1.1.3.0' }] }, { name: 'a', scalars: [{ name: 'x', oid: '1.3.6.1.2.1.1.3.0' }] }], mibs)).toThrow(
      /metrics\[1\] "a": name: "a" is used by another metric/,
    );
    expect(problem(withTable([{ name: 'd', oid: 'ifDescr' }, { name: 'd', oid: 'ifMtu' }]))).toContain('tables[0].columns[1].name: "d" is used by another column');
  });

  it('refuses a measurement linkscope writes itself, at the metric and at a table', () => {
    expect(problem({ name: 'm', measurement: 'interface', scalars: [{ name: 'x', oid: 'sysUpTime.0' }] })).toContain('metrics[0] "m": measurement: "interface" is a measurement linkscope writes itself');
    expect(problem(withTable([{ name: 'd', oid: 'ifMtu' }], { measurement: 'sensor' }))).toContain('tables[0].measurement: "sensor" is a measurement linkscope writes itself');
  });

  it('refuses a bad conversion, an enum without a map or MIB enumeration, and scaling of text', () => {
    expect(problem(withTable([{ name: 'd', oid: 'ifMtu', conversion: 'mac' }]))).toContain('tables[0].columns[0].conversion: must be one of none, integer, float, text, hwaddr, ipaddr, oid, enum (got "mac")');
    expect(problem(withTable([{ name: 'd', oid: 'ifMtu', conversion: 'enum' }]))).toContain('tables[0].columns[0].enum: conversion enum needs an enum map');
    expect(problem(withTable([{ name: 'd', oid: 'ifMtu', enum: { 1: 'a' } }]))).toContain('tables[0].columns[0].enum: is only read with conversion: enum');
    expect(problem(withTable([{ name: 'd', oid: 'ifDescr', conversion: 'text', divisor: 10 }]))).toContain('tables[0].columns[0].divisor: scales numbers only');
    expect(problem(withTable([{ name: 'd', oid: 'ifMtu', divisor: 0 }]))).toContain('tables[0].columns[0].divisor: must be a positive number (got 0)');
  });

  it('refuses bad selectors', () => {
    expect(problem({ name: 'm', match: { roles: ['core'] }, scalars: [{ name: 'x', oid: 'sysUpTime.0' }] })).toContain('match.roles[0]: "core" is not a device role');
    expect(problem({ name: 'm', match: { sysObjectIdPrefixes: ['1.3.6.x'] }, scalars: [{ name: 'x', oid: 'sysUpTime.0' }] })).toContain('match.sysObjectIdPrefixes[0]: "1.3.6.x" is not defined');
    expect(problem({ name: 'm', match: { vendor: ['Cisco'] }, scalars: [{ name: 'x', oid: 'sysUpTime.0' }] })).toContain('match.vendor: unknown key; did you mean vendors?');
  });

  it('refuses unknown keys, a metric reading nothing, a table of tags only, a bad join and a bad filter', () => {
    expect(problem({ name: 'm', scalar: [] })).toContain('metrics[0] "m": scalar: unknown key; did you mean scalars?');
    expect(problem({ name: 'm' })).toContain('scalars/tables: are both empty');
    expect(problem(withTable([{ name: 'd', oid: 'ifDescr', tag: true }]))).toContain('tables[0].columns: must have at least one column that is not a tag');
    expect(problem(withTable([{ name: 'd', oid: 'ifMtu' }], { joins: [{ on: 'nope', columns: [{ name: 'n', oid: 'ifName' }] }] }))).toContain('tables[0].joins[0].on: must be index or the name of a column');
    expect(problem(withTable([{ name: 'd', oid: 'ifMtu' }], { filters: [{ column: 'd', matches: '(' }] }))).toContain('is not a valid regular expression');
    expect(problem({ name: 'bad name!', scalars: [] })).toContain('metrics[0] "bad name!": name: must be a unique name');
    expect(problem(withTable([{ name: 'index', oid: 'ifMtu' }]))).toContain('tables[0].columns[0].name: "index" is reserved');
  });
});
