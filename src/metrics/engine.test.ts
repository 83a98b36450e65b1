/**
 * The metric engine on hand-made agents: conversions, scaling by other columns, joins by index and
 * by column, filters, templates, scalar groups, planning (selectors, probes, supersedes), and that
 * a broken table costs only itself.
 */
import { describe, expect, it } from 'vitest';
import { LinkscopeError } from '../model/errors.js';
import type { MetricDef, MetricRecord } from '../model/metric-def.js';
import { Secret } from '../model/secret.js';
import { FakeAgent, FakeSnmpClient } from '../snmp/fake-client.js';
import { SnmpType, type SnmpTypeTag, type SnmpValue } from '../snmp/types.js';
import { planMetrics, pollMetrics } from './engine.js';
import { validateMetricDefs } from './validate.js';

type Row = readonly [string, SnmpTypeTag, SnmpValue];
const I = SnmpType.Integer;
const S = SnmpType.OctetString;
const G = SnmpType.Gauge32;
const O = SnmpType.ObjectIdentifier;

function open(rows: readonly Row[]) {
  const agent = new FakeAgent();
  for (const [oid, type, value] of rows) agent.set(oid, type, value);
  const snmp = new FakeSnmpClient();
  snmp.addAgent('10.0.0.9', agent);
  const session = snmp.open({ host: '10.0.0.9', port: 161, credentials: { version: '2c', community: new Secret('c') }, timeoutMs: 100, retries: 0, maxRepetitions: 10 });
  return { session, agent };
}

const HR = '1.3.6.1.2.1.25.2.3.1';
/** hrStorageTable's RAM rows in bytes, described by hrStorageDescr. */
const STORAGE: MetricDef = {
  name: 'storage',
  tables: [
    {
      name: 'memory',
      table: 'hrStorageTable',
      indexLength: 1,
      columns: {
        type: { oid: `${HR}.2`, mib: 'HOST-RESOURCES-MIB::hrStorageType', role: 'hidden', conversion: 'oid' },
        descr: { oid: `${HR}.3`, mib: 'HOST-RESOURCES-MIB::hrStorageDescr', conversion: 'text' },
        units: { oid: `${HR}.4`, mib: 'HOST-RESOURCES-MIB::hrStorageAllocationUnits', role: 'hidden' },
        total: { oid: `${HR}.5`, mib: 'HOST-RESOURCES-MIB::hrStorageSize', multiplyBy: 'units' },
        used: { oid: `${HR}.6`, mib: 'HOST-RESOURCES-MIB::hrStorageUsed', multiplyBy: 'units' },
      },
      filters: [{ column: 'type', in: ['1.3.6.1.2.1.25.2.1.2'] }],
    },
  ],
};

const storageRows: Row[] = [
  [`${HR}.2.1`, O, '1.3.6.1.2.1.25.2.1.2'],
  [`${HR}.2.31`, O, '1.3.6.1.2.1.25.2.1.4'],
  [`${HR}.3.1`, S, 'Physical memory'],
  [`${HR}.3.31`, S, '/'],
  [`${HR}.4.1`, I, 1024],
  [`${HR}.4.31`, I, 4096],
  [`${HR}.5.1`, I, 2_000_000],
  [`${HR}.5.31`, I, 100],
  [`${HR}.6.1`, I, 500_000],
  [`${HR}.6.31`, I, 50],
];

const ES = '1.3.6.1.2.1.99.1.1.1';
const ENT = '1.3.6.1.2.1.47.1.1.1.1';
/** ENTITY-SENSOR-MIB: class by enum, value × 10^-precision × 1000^(scale-9), descr from ENTITY-MIB by index. */
const SENSORS: MetricDef = {
  name: 'entity-sensor',
  tables: [
    {
      name: 'sensor',
      table: 'entPhySensorTable',
      indexLength: 1,
      columns: {
        class: { oid: `${ES}.1`, mib: 'ENTITY-SENSOR-MIB::entPhySensorType', role: 'tag', conversion: 'enum', enum: { '8': 'temperature', '10': 'fanspeed', '3': 'voltage' } },
        scale: { oid: `${ES}.2`, mib: 'ENTITY-SENSOR-MIB::entPhySensorScale', role: 'hidden' },
        precision: { oid: `${ES}.3`, mib: 'ENTITY-SENSOR-MIB::entPhySensorPrecision', role: 'hidden' },
        value: { oid: `${ES}.4`, mib: 'ENTITY-SENSOR-MIB::entPhySensorValue', precisionFrom: 'precision', siScaleFrom: 'scale' },
      },
      joins: [
        {
          name: 'entPhysicalTable',
          on: 'index',
          columns: {
            entDescr: { oid: `${ENT}.2`, mib: 'ENTITY-MIB::entPhysicalDescr', conversion: 'text' },
            entName: { oid: `${ENT}.7`, mib: 'ENTITY-MIB::entPhysicalName', conversion: 'text' },
          },
        },
      ],
      texts: { descr: '{entName|entDescr}' },
      filters: [{ column: 'class', present: true }],
    },
  ],
};

const sensorRows: Row[] = [
  [`${ES}.1.5`, I, 8],
  [`${ES}.1.6`, I, 3],
  [`${ES}.1.7`, I, 12], // truthvalue: no class here, dropped
  [`${ES}.2.5`, I, 9],
  [`${ES}.2.6`, I, 8], // milli
  [`${ES}.2.7`, I, 9],
  [`${ES}.3.5`, I, 1],
  [`${ES}.3.6`, I, 0],
  [`${ES}.3.7`, I, 0],
  [`${ES}.4.5`, I, 415],
  [`${ES}.4.6`, I, 3300],
  [`${ES}.4.7`, I, 1],
  [`${ENT}.2.5`, S, 'CPU temperature sensor'],
  [`${ENT}.2.6`, S, '3.3V rail'],
  [`${ENT}.7.5`, S, ''],
  [`${ENT}.7.6`, S, 'PSU 1 3V3'],
];

/** Records without the OIDs they came from (asserted once, below). */
async function poll(...args: Parameters<typeof pollMetrics>) {
  const r = await pollMetrics(...args);
  return { records: r.records.map(({ oids: _oids, ...rest }) => rest), errors: r.errors };
}

const by = (records: readonly MetricRecord[], index: string) => records.find((r) => r.tags['index'] === index);

describe('pollMetrics', () => {
  it('keeps only RAM rows and multiplies sizes by the allocation unit', async () => {
    const { session } = open(storageRows);
    const { records, errors } = await poll(session, [STORAGE]);
    expect(errors).toEqual([]);
    expect(records).toEqual([{ name: 'memory', def: 'storage', tags: { index: '1' }, fields: { descr: 'Physical memory', total: 2_048_000_000, used: 512_000_000 } }]);
  });

  it('scales ENTITY-SENSOR values by precision and SI prefix, names them from ENTITY-MIB and drops unknown types', async () => {
    const { session } = open(sensorRows);
    const { records } = await poll(session, [SENSORS]);
    expect(records).toHaveLength(2);
    expect(by(records, '5')).toEqual({ name: 'sensor', def: 'entity-sensor', tags: { index: '5', class: 'temperature' }, fields: { value: 41.5, descr: 'CPU temperature sensor' } });
    expect(by(records, '6')?.fields).toEqual({ value: 3.3, descr: 'PSU 1 3V3' });
  });

  it('names the OID each field was read from', async () => {
    const { session } = open(sensorRows);
    const { records } = await pollMetrics(session, [SENSORS]);
    expect(records.map((r) => r.oids)).toEqual([{ value: `${ES}.4.5` }, { value: `${ES}.4.6` }]);
  });

  it('walks a table once for every table and join of a poll that reads the same columns, whatever their keys', async () => {
    const col = (n: number, role: 'hidden' | 'field' = 'field') => ({ oid: `${HR}.${n}`, mib: `HOST-RESOURCES-MIB::c${n}`, role });
    const def: MetricDef = {
      name: 'shared',
      tables: [
        { name: 'a', table: 'hrStorageTable', columns: { size: col(5), used: col(6) } },
        { name: 'b', table: 'hrStorageTable', columns: { s: col(5, 'hidden'), u: col(6) }, joins: [{ name: 'hrStorageTable', on: 'index', fixedIndex: '1', columns: { ramSize: col(5), ramUsed: col(6, 'hidden') } }] },
      ],
    };
    const { session, agent } = open(storageRows);
    const { records } = await poll(session, [def]);
    expect(records.map((r) => r.fields)).toEqual([{ size: 2_000_000, used: 500_000 }, { size: 100, used: 50 }, { ramSize: 2_000_000, u: 500_000 }, { ramSize: 2_000_000, u: 50 }]);
    expect(agent.log.filter((r) => r.oids.includes(`${HR}.5`))).toHaveLength(1);
  });

  it('takes a fallback column where the preferred one is missing, with its OID', async () => {
    const T = '1.3.6.1.4.1.99999.2.1';
    const def: MetricDef = {
      name: 'cpu',
      tables: [
        {
          name: 'processor',
          table: 't',
          columns: {
            usage: { oid: `${T}.8`, mib: 'X-MIB::fiveMinRev', fallback: 'old' },
            old: { oid: `${T}.5`, mib: 'X-MIB::fiveMin', role: 'hidden' },
          },
        },
      ],
    };
    const { session } = open([
      [`${T}.5.1`, G, 10],
      [`${T}.5.2`, G, 20],
      [`${T}.8.1`, G, 11],
    ]);
    const { records } = await pollMetrics(session, [def]);
    expect(records.map((r) => [r.fields['usage'], r.oids?.['usage']])).toEqual([
      [11, `${T}.8.1`],
      [20, `${T}.5.2`],
    ]);
  });

  it('joins every row to one fixed row when asked', async () => {
    const def: MetricDef = {
      name: 'cached',
      tables: [
        {
          name: 'memory',
          table: 'hrStorageTable',
          indexLength: 1,
          columns: { used: { oid: `${HR}.6`, mib: 'HOST-RESOURCES-MIB::hrStorageUsed' } },
          joins: [{ name: 'hrStorageTable', on: 'index', fixedIndex: '1', columns: { ramSize: { oid: `${HR}.5`, mib: 'HOST-RESOURCES-MIB::hrStorageSize', role: 'field' } } }],
        },
      ],
    };
    const { session } = open(storageRows);
    const { records } = await poll(session, [def]);
    expect(records.map((r) => r.fields)).toEqual([
      { ramSize: 2_000_000, used: 500_000 },
      { ramSize: 2_000_000, used: 50 },
    ]);
  });

  it('joins on a column holding the other table index, and on the first index components', async () => {
    const CPM = '1.3.6.1.4.1.9.9.109.1.1.1.1';
    const def: MetricDef = {
      name: 'cpm',
      tables: [
        {
          name: 'processor',
          table: 'cpmCPUTotalTable',
          columns: {
            phys: { oid: `${CPM}.2`, mib: 'CISCO-PROCESS-MIB::cpmCPUTotalPhysicalIndex', role: 'hidden' },
            usage: { oid: `${CPM}.8`, mib: 'CISCO-PROCESS-MIB::cpmCPUTotal5minRev' },
          },
          joins: [{ name: 'entPhysicalTable', on: 'phys', columns: { entName: { oid: `${ENT}.7`, mib: 'ENTITY-MIB::entPhysicalName' } } }],
          texts: { descr: '{entName|index}' },
        },
        {
          name: 'memory',
          table: 'cempMemPoolTable',
          indexLength: 2,
          columns: { used: { oid: '1.3.6.1.4.1.9.9.221.1.1.1.1.18', mib: 'CISCO-ENHANCED-MEMPOOL-MIB::cempMemPoolHCUsed' } },
          joins: [{ name: 'entPhysicalTable', on: 'index', indexPrefix: 1, columns: { entName: { oid: `${ENT}.7`, mib: 'ENTITY-MIB::entPhysicalName' } } }],
          texts: { descr: '{entName} memory' },
        },
      ],
    };
    const { session, agent } = open([
      [`${CPM}.2.1`, I, 22],
      [`${CPM}.2.2`, I, 0], // no entity: descr falls back to the index
      [`${CPM}.8.1`, G, 14],
      [`${CPM}.8.2`, G, 3],
      ['1.3.6.1.4.1.9.9.221.1.1.1.1.18.22.1', SnmpType.Counter64, 2_589_782_016n],
      [`${ENT}.7.22`, S, 'Supervisor'],
    ]);
    const { records } = await poll(session, [def]);
    expect(records.map((r) => [r.name, r.tags['index'], r.fields['descr'], r.fields['usage'] ?? r.fields['used']])).toEqual([
      ['processor', '1', 'Supervisor', 14],
      ['processor', '2', '2', 3],
      ['memory', '22.1', 'Supervisor memory', 2_589_782_016],
    ]);
    // entPhysicalTable is walked once for both tables.
    expect(agent.log.filter((r) => r.oids.includes(`${ENT}.7`)).length).toBe(1);
  });

  it('reads scalar groups into one record each, with numbers sent as text', async () => {
    const def: MetricDef = {
      name: 'ucd',
      scalars: [
        {
          name: 'memory',
          index: 'real',
          columns: {
            total: { oid: '1.3.6.1.4.1.2021.4.5.0', mib: 'UCD-SNMP-MIB::memTotalReal', multiplier: 1024 },
            free: { oid: '1.3.6.1.4.1.2021.4.6.0', mib: 'UCD-SNMP-MIB::memAvailReal', multiplier: 1024 },
          },
          texts: { descr: 'Physical memory' },
        },
        { name: 'sensor', index: 'load1', tags: { class: 'load' }, columns: { value: { oid: '1.3.6.1.4.1.2021.10.1.3.1', mib: 'UCD-SNMP-MIB::laLoad', conversion: 'float' } } },
        { name: 'sensor', index: 'absent', columns: { value: { oid: '1.3.6.1.4.1.2021.99.0', mib: 'UCD-SNMP-MIB::laLoad' } } },
      ],
    };
    const { session } = open([
      ['1.3.6.1.4.1.2021.4.5.0', I, 1000],
      ['1.3.6.1.4.1.2021.4.6.0', I, 250],
      ['1.3.6.1.4.1.2021.10.1.3.1', S, '0.52'],
    ]);
    const { records } = await poll(session, [def]);
    expect(records).toEqual([
      { name: 'memory', def: 'ucd', tags: { index: 'real' }, fields: { total: 1_024_000, free: 256_000, descr: 'Physical memory' } },
      { name: 'sensor', def: 'ucd', tags: { index: 'load1', class: 'load' }, fields: { value: 0.52 } },
    ]);
  });

  it('converts MAC and IP columns, decodes string indexes and drops rows a filter rejects', async () => {
    const T = '1.3.6.1.4.1.99999.1.1';
    const def: MetricDef = {
      name: 'peers',
      tables: [
        {
          name: 'peer',
          table: 'peerTable',
          index: 'string',
          columns: {
            mac: { oid: `${T}.1`, mib: 'X-MIB::peerMac', role: 'tag', conversion: 'hwaddr' },
            addr: { oid: `${T}.2`, mib: 'X-MIB::peerAddr', conversion: 'ipaddr' },
            state: { oid: `${T}.3`, mib: 'X-MIB::peerState', conversion: 'enum', enum: { '1': 'up', '2': 'down' } },
            rtt: { oid: `${T}.4`, mib: 'X-MIB::peerRtt', divisor: 1000 },
          },
          filters: [{ column: 'rtt', max: 1 }],
        },
      ],
    };
    const { session } = open([
      [`${T}.1.2.97.98`, S, Buffer.from([0, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e])],
      [`${T}.1.2.99.100`, S, Buffer.from([1, 2, 3, 4, 5, 6])],
      [`${T}.2.2.97.98`, SnmpType.IpAddress, '192.0.2.1'],
      [`${T}.2.2.99.100`, S, Buffer.from([10, 0, 0, 1])],
      [`${T}.3.2.97.98`, I, 1],
      [`${T}.3.2.99.100`, I, 7],
      [`${T}.4.2.97.98`, G, 250],
      [`${T}.4.2.99.100`, G, 5000],
    ]);
    const { records } = await poll(session, [def]);
    expect(records).toEqual([{ name: 'peer', def: 'peers', tags: { index: 'ab', mac: '00:1a:2b:3c:4d:5e' }, fields: { addr: '192.0.2.1', state: 'up', rtt: 0.25 } }]);
  });

  it('asks a table for its last row count + 1 repetitions when given row hints, and reads on when it grew', async () => {
    const { session, agent } = open(sensorRows);
    const rowHints = new Map<string, number>();
    const first = await pollMetrics(session, [SENSORS], { rowHints });
    expect(Math.max(...agent.log.filter((r) => r.pdu === 'getBulk').map((r) => r.maxRepetitions))).toBe(10);
    expect([...rowHints.values()].sort()).toEqual([2, 3]);
    agent.log.length = 0;
    const second = await pollMetrics(session, [SENSORS], { rowHints });
    expect(second.records).toEqual(first.records);
    const reps = agent.log.filter((r) => r.pdu === 'getBulk').map((r) => r.maxRepetitions);
    expect(reps.every((n) => n <= 4)).toBe(true);
    // One more sensor row: the walk goes on past the hint and finds it.
    agent.set(`${ES}.1.8`, I, 8).set(`${ES}.2.8`, I, 9).set(`${ES}.3.8`, I, 0).set(`${ES}.4.8`, I, 30).set(`${ENT}.2.8`, S, 'Inlet');
    const third = await pollMetrics(session, [SENSORS], { rowHints });
    expect(third.records.map((r) => r.tags['index'])).toEqual(['5', '6', '8']);
  });

  it('loses only the table the agent breaks', async () => {
    const { session, agent } = open([...storageRows, ...sensorRows]);
    agent.fail((r) => (r.oids.some((o) => o.startsWith(HR)) ? new LinkscopeError('LS_SNMP_ERROR_STATUS', 'genErr on hrStorageTable') : undefined));
    const { records, errors } = await poll(session, [STORAGE, SENSORS]);
    expect(errors).toEqual([{ def: 'storage', table: 'hrStorageTable', code: 'LS_SNMP_ERROR_STATUS', message: 'genErr on hrStorageTable' }]);
    expect(records.map((r) => r.name)).toEqual(['sensor', 'sensor']);
  });
});

describe('planMetrics', () => {
  const cisco: MetricDef = { ...SENSORS, name: 'cisco-sensor', match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.9'] }, supersedes: ['entity-sensor'] };

  it('plans the definitions whose tables answer, in one probe request', async () => {
    const { session, agent } = open(storageRows);
    expect(await planMetrics(session, [STORAGE, SENSORS], { sysObjectID: '1.3.6.1.4.1.8072.3.2.10' })).toEqual(['storage']);
    expect(agent.log).toHaveLength(1);
  });

  it('asks nothing when no selector fits', async () => {
    const { session, agent } = open(sensorRows);
    expect(await planMetrics(session, [cisco], { sysObjectID: '1.3.6.1.4.1.2636.1' })).toEqual([]);
    expect(await planMetrics(session, [{ ...SENSORS, match: { vendors: ['Juniper'] } }], { sysObjectID: '1', vendor: 'Cisco' })).toEqual([]);
    expect(await planMetrics(session, [{ ...SENSORS, match: { roles: ['router'] } }], { sysObjectID: '1', role: 'switch' })).toEqual([]);
    expect(agent.log).toHaveLength(0);
  });

  it('fits a definition by the fallback of its first field column', async () => {
    const T = '1.3.6.1.4.1.99999.3.1';
    const def: MetricDef = {
      name: 'old-cpu',
      tables: [{ name: 'processor', table: 't', columns: { usage: { oid: `${T}.8`, mib: 'X-MIB::rev', fallback: 'old' }, old: { oid: `${T}.5`, mib: 'X-MIB::old', role: 'hidden' } } }],
    };
    const { session } = open([[`${T}.5.1`, G, 10]]);
    expect(await planMetrics(session, [def], { sysObjectID: '1.3.6.1.4.1.9.1.1' })).toEqual(['old-cpu']);
  });

  it('leaves out a definition another fitting one supersedes', async () => {
    const { session } = open(sensorRows);
    expect(await planMetrics(session, [SENSORS, cisco], { sysObjectID: '1.3.6.1.4.1.9.1.5' })).toEqual(['cisco-sensor']);
    expect(await planMetrics(session, [SENSORS, cisco], { sysObjectID: '1.3.6.1.4.1.2636.1', vendor: 'juniper' })).toEqual(['entity-sensor']);
  });
});

describe('validateMetricDefs', () => {
  const source = { what: 'health profile', where: 'src/profiles/health/x.ts' };

  it('accepts the definitions above', () => {
    expect([...validateMetricDefs([STORAGE, SENSORS], source).keys()]).toEqual(['storage', 'entity-sensor']);
  });

  it('names the definition and field of a reference to a missing column', () => {
    const bad: MetricDef = { name: 'bad', tables: [{ name: 'memory', table: 't', columns: { used: { oid: '1.3.6.1.4', mib: 'X-MIB::x', multiplyBy: 'units' } } }] };
    expect(() => validateMetricDefs([bad], source)).toThrow(/health profile "bad" in src\/profiles\/health\/x.ts: tables\[0\]\.columns\.used\.multiplyBy names "units"/);
  });

  it('rejects a template naming an unknown column, with the code asked for', () => {
    const bad: MetricDef = { name: 'm', scalars: [{ name: 's', index: '0', columns: { v: { oid: '1.3.6.1.4.0', mib: 'X-MIB::x' } }, texts: { descr: '{nope}' } }] };
    try {
      validateMetricDefs([bad], { what: 'custom metric', where: 'metrics', code: 'LS_CONFIG_INVALID' });
      expect.unreachable();
    } catch (err) {
      expect((err as LinkscopeError).code).toBe('LS_CONFIG_INVALID');
      expect((err as LinkscopeError).message).toMatch(/scalars\[0\]\.texts\.descr names \{nope\}/);
    }
  });

  it('rejects an enum conversion without values, an OID with a leading dot and an unknown superseded name', () => {
    const col = { oid: '1.3.6.1.4', mib: 'X-MIB::x' };
    expect(() => validateMetricDefs([{ name: 'a', tables: [{ name: 'n', table: 't', columns: { v: { ...col, conversion: 'enum' } } }] }], source)).toThrow(/enum must map/);
    expect(() => validateMetricDefs([{ name: 'a', tables: [{ name: 'n', table: 't', columns: { v: { ...col, oid: '.1.3.6' } } }] }], source)).toThrow(/numeric OID/);
    expect(() => validateMetricDefs([{ name: 'a', supersedes: ['zz'], tables: [{ name: 'n', table: 't', columns: { v: col } }] }], source)).toThrow(/supersedes\[0\] names "zz"/);
  });
});
