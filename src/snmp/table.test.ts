/** Unit tests for the table engine: rows by index, conversions, malformed indexes, a broken table lost alone. */
import { describe, expect, it } from 'vitest';
import { LinkscopeError } from '../model/errors.js';
import { Secret } from '../model/secret.js';
import { FakeAgent, FakeSnmpClient } from './fake-client.js';
import { buildRows, convertValue, parseIndex, walkTable, type TableSpec } from './table.js';
import { SnmpType, type VarBind } from './types.js';

const spec: TableSpec<'name' | 'kind' | 'raw'> = {
  name: 'testTable',
  indexLength: [2, 3],
  columns: {
    name: { oid: '1.3.6.1.4.1.99.1.1.2', mib: 'TEST-MIB::testName', as: 'text' },
    kind: { oid: '1.3.6.1.4.1.99.1.1.3', mib: 'TEST-MIB::testKind', as: 'integer' },
    raw: { oid: '1.3.6.1.4.1.99.1.1.4', mib: 'TEST-MIB::testRaw', as: 'bytes' },
  },
};
const vb = (oid: string, type: VarBind['type'], value: VarBind['value']): VarBind => ({ oid, type, value });

describe('parseIndex / convertValue', () => {
  it('parses numeric index components and rejects anything else', () => {
    expect(parseIndex('0.8.1')).toEqual([0, 8, 1]);
    expect(parseIndex('')).toBeNull();
    expect(parseIndex('1..2')).toBeNull();
    expect(parseIndex('4294967296')).toBeNull();
  });

  it('converts per column kind', () => {
    expect(convertValue(Buffer.from('eth0\u0000'), 'text')).toBe('eth0');
    expect(convertValue(7, 'integer')).toBe(7);
    expect(convertValue(Buffer.from('x'), 'integer')).toBeNull();
    expect(convertValue('1.3.6.1', 'oid')).toBe('1.3.6.1');
    expect(convertValue(null, 'bytes')).toBeNull();
  });
});

describe('buildRows', () => {
  it('groups columns by index in agent order and counts malformed indexes', () => {
    const columns = new Map<string, VarBind[]>([
      ['1.3.6.1.4.1.99.1.1.2', [vb('1.3.6.1.4.1.99.1.1.2.5.1', SnmpType.OctetString, Buffer.from('a')), vb('1.3.6.1.4.1.99.1.1.2.5.2.9', SnmpType.OctetString, Buffer.from('b')), vb('1.3.6.1.4.1.99.1.1.2.7', SnmpType.OctetString, Buffer.from('short'))]],
      ['1.3.6.1.4.1.99.1.1.3', [vb('1.3.6.1.4.1.99.1.1.3.5.1', SnmpType.Integer, 4)]],
    ]);
    const { rows, badIndex } = buildRows(spec, columns);
    expect(rows.map((r) => [r.indexOid, r.values])).toEqual([
      ['5.1', { name: 'a', kind: 4 }],
      ['5.2.9', { name: 'b' }],
    ]);
    expect(badIndex).toBe(1);
  });
});

describe('walkTable', () => {
  const open = (agent: FakeAgent) => {
    const snmp = new FakeSnmpClient();
    snmp.addAgent('10.0.0.9', agent);
    return snmp.open({ host: '10.0.0.9', port: 161, credentials: { version: '2c', community: new Secret('c') }, timeoutMs: 100, retries: 0, maxRepetitions: 10 });
  };

  it('returns an empty table, not an error, when the agent lacks it', async () => {
    const r = await walkTable(open(new FakeAgent().set('1.3.6.1.2.1.1.5.0', SnmpType.OctetString, 'sw')), spec);
    expect(r).toEqual({ table: 'testTable', rows: [], badIndex: 0, error: null });
  });

  it('loses only the table an agent breaks, with the code', async () => {
    const agent = new FakeAgent().set('1.3.6.1.4.1.99.1.1.2.1.1', SnmpType.OctetString, 'x');
    agent.fail(new LinkscopeError('LS_SNMP_ERROR_STATUS', 'genErr'));
    const r = await walkTable(open(agent), spec);
    expect(r.rows).toEqual([]);
    expect(r.error?.code).toBe('LS_SNMP_ERROR_STATUS');
  });

  it('throws an abort', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(walkTable(open(new FakeAgent()), spec, { signal: ac.signal })).rejects.toMatchObject({ code: 'LS_SNMP_ABORTED' });
  });
});
