/**
 * Custom metrics end to end through the command line: a config file naming MIB objects, `device
 * add` and `poll --once` against Debian's snmpd and against a generated recording served by
 * snmpsimd, the points read back from a real influxd with InfluxQL; and `serve` refusing a config
 * with an unknown MIB name in one line.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../helpers/run-cli.js';
import { startInfluxd, type InfluxdHandle } from '../helpers/with-influxd.js';
import { withSnmpd, type SnmpdHandle } from '../helpers/with-snmpd.js';
import { withSnmpsim, type SnmpsimHandle } from '../helpers/with-snmpsim.js';

/** By MIB name only: IF-MIB columns with ifDescr as a tag and ifName joined from ifXTable, a SNMPv2-MIB scalar. */
const CONFIG = `
metrics:
  - name: if-basics
    measurement: if_basics
    scalars:
      - { name: inPkts, oid: SNMPv2-MIB::snmpInPkts.0, conversion: integer }
      - { name: uptime, oid: SNMPv2-MIB::sysUpTime }
    tables:
      - table: IF-MIB::ifTable
        columns:
          - { name: ifDescr, oid: IF-MIB::ifDescr, tag: true }
          - { name: mtu, oid: IF-MIB::ifMtu, conversion: integer }
          - { name: oper, oid: IF-MIB::ifOperStatus, conversion: enum }
          - { name: type, oid: IF-MIB::ifType, conversion: enum }
        joins:
          - { table: IF-MIB::ifXTable, columns: [{ name: ifName, oid: IF-MIB::ifName }] }
  - name: addresses
    measurement: ip_address
    match: { sysObjectIdPrefixes: ["1.3.6.1.4.1.99999"] }
    tables:
      - table: RFC1213-MIB::ipAddrTable
        columns:
          - { name: address, oid: RFC1213-MIB::ipAdEntAddr, conversion: ipaddr, tag: true }
          - { name: ifIndex, oid: RFC1213-MIB::ipAdEntIfIndex, conversion: integer }
        joins:
          # A secondary index by column: the row's ipAdEntIfIndex is ifTable's index.
          - { table: IF-MIB::ifTable, on: ifIndex, columns: [{ name: port, oid: IF-MIB::ifDescr }, { name: mac, oid: IF-MIB::ifPhysAddress, conversion: hwaddr }] }
      - table: IF-MIB::ifTable
        measurement: port_state
        columns:
          - { name: state, oid: IF-MIB::ifAdminStatus, conversion: enum, enum: { 1: enabled, 2: disabled } }
          - { name: mac, oid: IF-MIB::ifPhysAddress, conversion: hwaddr }
          - { name: speedMbps, oid: IF-MIB::ifSpeed, divisor: 1000000 }
`;

/** A router of an invented enterprise (99999) with two ports and two IPv4 addresses: hwaddr, ipaddr, enum, a join by column. */
const ROUTER = [
  '1.3.6.1.2.1.1.1.0|4|Custom metrics test router',
  '1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.99999.1.7',
  '1.3.6.1.2.1.1.3.0|67|123456',
  '1.3.6.1.2.1.1.5.0|4|cm-router',
  '1.3.6.1.2.1.2.1.0|2|2',
  '1.3.6.1.2.1.2.2.1.1.1|2|1',
  '1.3.6.1.2.1.2.2.1.1.2|2|2',
  '1.3.6.1.2.1.2.2.1.2.1|4|ge-0/0/1',
  '1.3.6.1.2.1.2.2.1.2.2|4|ge-0/0/2',
  '1.3.6.1.2.1.2.2.1.3.1|2|6',
  '1.3.6.1.2.1.2.2.1.3.2|2|6',
  '1.3.6.1.2.1.2.2.1.5.1|66|1000000000',
  '1.3.6.1.2.1.2.2.1.5.2|66|100000000',
  '1.3.6.1.2.1.2.2.1.6.1|4x|001b213a4f5e',
  '1.3.6.1.2.1.2.2.1.6.2|4x|001b213a4f5f',
  '1.3.6.1.2.1.2.2.1.7.1|2|1',
  '1.3.6.1.2.1.2.2.1.7.2|2|2',
  '1.3.6.1.2.1.2.2.1.8.1|2|1',
  '1.3.6.1.2.1.2.2.1.8.2|2|2',
  '1.3.6.1.2.1.2.2.1.10.1|65|1000',
  '1.3.6.1.2.1.2.2.1.10.2|65|2000',
  '1.3.6.1.2.1.2.2.1.16.1|65|3000',
  '1.3.6.1.2.1.2.2.1.16.2|65|4000',
  '1.3.6.1.2.1.4.20.1.1.192.0.2.1|64|192.0.2.1',
  '1.3.6.1.2.1.4.20.1.1.198.51.100.1|64|198.51.100.1',
  '1.3.6.1.2.1.4.20.1.2.192.0.2.1|2|1',
  '1.3.6.1.2.1.4.20.1.2.198.51.100.1|2|2',
].join('\n');

type Row = Record<string, unknown>;

describe('custom metrics from config to InfluxDB', () => {
  let snmpd: SnmpdHandle;
  let sim: SnmpsimHandle;
  let influxd: InfluxdHandle;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    [snmpd, sim, influxd] = await Promise.all([withSnmpd(), withSnmpsim({ records: { 'cm-router': ROUTER } }), startInfluxd()]);
    const temp = tempDataDir('linkscope-custom-');
    dir = temp.dir;
    const config = join(dir, 'linkscope.yaml');
    writeFileSync(config, CONFIG);
    env = { ...temp.env, LINKSCOPE_CONFIG: config, LINKSCOPE_INFLUX_URL: influxd.url, LINKSCOPE_INFLUX_DB: 'custom' };
  });
  afterAll(async () => {
    await Promise.all([snmpd?.stop(), sim?.stop(), influxd?.dispose()]);
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  async function select(q: string): Promise<Row[]> {
    const res = await influxd.query(q, 'custom');
    const series = res.results?.[0]?.series ?? [];
    return series.flatMap((s) => s.values.map((v) => Object.fromEntries(s.columns.map((c, i) => [c, v[i]]))));
  }

  it('polls IF-MIB columns and a SNMPv2-MIB scalar named in config from snmpd, with the configured tags', async () => {
    expect((await runCli(env, ['device', 'add', `${snmpd.host}:${snmpd.port}`, '--community', snmpd.community, '--name', 'linux'])).code).toBe(0);
    const poll = await runCli(env, ['poll', '--once', '--device', 'linux']);
    expect(poll.code, poll.err).toBe(0);
    const rows = await select(`SELECT * FROM "if_basics" WHERE "device" = 'linux' AND "index" = '1'`);
    expect(rows).toHaveLength(1);
    // snmpd's ifIndex 1 is the loopback: name, type and MTU as Linux reports them.
    expect(rows[0]).toMatchObject({ agent_host: snmpd.host, ifDescr: 'lo', ifName: 'lo', oper: 'up', type: 'softwareLoopback', mtu: 65536 });
    const scalars = await select(`SELECT "inPkts", "uptime" FROM "if_basics" WHERE "device" = 'linux' AND "index" = ''`);
    expect(scalars).toHaveLength(1);
    expect(scalars[0]?.['inPkts']).toBeGreaterThan(0);
    expect(scalars[0]?.['uptime']).toBeGreaterThan(0);
    // The selectors of `addresses` (enterprise 99999) do not fit net-snmp: nothing of it for this device.
    expect(await select(`SELECT * FROM "ip_address" WHERE "device" = 'linux'`)).toEqual([]);
    // The tag keys are exactly the configured ones plus the device's and the index.
    const keys = await influxd.query('SHOW TAG KEYS FROM "if_basics"', 'custom');
    expect(keys.results?.[0]?.series?.[0]?.values.map((v) => v[0]).sort()).toEqual(['agent_host', 'device', 'ifDescr', 'ifName', 'index']);
  });

  it('converts hwaddr, ipaddr and enums and joins by column on a recording served by snmpsimd', async () => {
    expect((await runCli(env, ['device', 'add', `${sim.host}:${sim.port}`, '--community', 'cm-router', '--name', 'rtr'])).code).toBe(0);
    const poll = await runCli(env, ['poll', '--once', '--device', 'rtr']);
    expect(poll.code, poll.err).toBe(0);
    const addresses = await select(`SELECT "address", "ifIndex", "port", "mac" FROM "ip_address" WHERE "device" = 'rtr' GROUP BY "address"`);
    expect(addresses).toEqual([
      expect.objectContaining({ address: '192.0.2.1', ifIndex: 1, port: 'ge-0/0/1', mac: '00:1b:21:3a:4f:5e' }),
      expect.objectContaining({ address: '198.51.100.1', ifIndex: 2, port: 'ge-0/0/2', mac: '00:1b:21:3a:4f:5f' }),
    ]);
    const ports = await select(`SELECT "state", "mac", "speedMbps" FROM "port_state" WHERE "device" = 'rtr' GROUP BY "index"`);
    expect(ports).toEqual([
      expect.objectContaining({ state: 'enabled', mac: '00:1b:21:3a:4f:5e', speedMbps: 1000 }),
      expect.objectContaining({ state: 'disabled', mac: '00:1b:21:3a:4f:5f', speedMbps: 100 }),
    ]);
  });

  it('polls a metric a device names itself whatever its selectors', async () => {
    const set = await runCli(env, ['device', 'metrics', 'linux', 'addresses']);
    expect(set.code, set.err).toBe(0);
    expect(set.out).toContain('custom metrics addresses');
    const refused = await runCli(env, ['device', 'metrics', 'linux', 'cpu']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('metrics[0]: "cpu" is not a configured custom metric (configured: if-basics, addresses)');
    const poll = await runCli(env, ['poll', '--once', '--device', 'linux']);
    expect(poll.code, poll.err).toBe(0);
    const rows = await select(`SELECT * FROM "ip_address" WHERE "device" = 'linux' AND "address" = '127.0.0.1'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ifIndex: 1, port: 'lo' });
  });

  it('imports devices naming configured metrics, and refuses a file naming another', async () => {
    const bad = join(dir, 'bad-devices.yaml');
    writeFileSync(bad, '- { host: 127.0.0.9, community: x, metrics: [addresses] }\n- { host: 127.0.0.10, community: x, metrics: [nope] }\n');
    const refused = await runCli(env, ['device', 'import', bad]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('row 2 of');
    expect(refused.err).toContain('metrics[0]: "nope" is not a configured custom metric');
    const good = join(dir, 'devices.yaml');
    writeFileSync(good, '- { host: 127.0.0.9, community: x, metrics: [addresses] }\n');
    expect((await runCli(env, ['device', 'import', good])).code).toBe(0);
    const list = JSON.parse((await runCli(env, ['device', 'list', '--json'])).out) as { host: string; metrics?: string[] }[];
    expect(list.find((d) => d.host === '127.0.0.9')?.metrics).toEqual(['addresses']);
    expect(list.some((d) => d.host === '127.0.0.10')).toBe(false);
  });

  it('makes serve exit 1 with one line naming the metric, the key and a close name for an unknown MIB name', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, CONFIG.replace('IF-MIB::ifMtu', 'IF-MIB::ifMtuu'));
    const r = await runCli({ ...env, LINKSCOPE_CONFIG: bad, LINKSCOPE_LISTEN: '127.0.0.1:0' }, ['serve']);
    expect(r.code).toBe(1);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('metrics[0] "if-basics": tables[0].columns[1].oid: "IF-MIB::ifMtuu" is not defined by the loaded MIB modules; did you mean IF-MIB::ifMtu?');
    expect(lines[0]).toContain('[LS_CONFIG_INVALID]');
  });
});
