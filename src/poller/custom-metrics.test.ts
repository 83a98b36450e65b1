/**
 * The poller's custom-metrics step on a FakeAgent: config compiled with the real MIBs, conversions
 * (hwaddr, ipaddr, enum from the MIB, divisor, integer) and a secondary index end to end to
 * points, selectors and a device's own list, failure isolation, and no cost when nothing fits.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryInventory } from '../inventory/memory-inventory.js';
import { compileCustomMetrics, type CustomMetric, type MibResolver } from '../metrics/custom.js';
import { MibStore } from '../mib/mib-store.js';
import { LinkscopeError } from '../model/errors.js';
import type { Device } from '../model/types.js';
import { Secret } from '../model/secret.js';
import { createLogger } from '../observability/logger.js';
import { FakeSnmpClient, oneInterfaceAgent, type FakeAgent } from '../snmp/fake-client.js';
import { SnmpType } from '../snmp/types.js';
import { LiveState } from '../state/live-state.js';
import { MemoryCounters } from '../state/memory-counters.js';
import { MemorySink } from '../storage/memory-sink.js';
import { CustomMetricsStep } from './custom-metrics.js';
import { Poller } from './poller.js';
import { TEST_POLLER_SETTINGS } from './testing.js';

const SETTINGS = TEST_POLLER_SETTINGS;

let mibs: MibResolver;
beforeAll(async () => {
  const store = MibStore.load();
  mibs = { oidForName: (n) => store.oidForName(n), nameForOid: (o) => store.nameForOid(o), enumerationFor: (o) => store.enumeration(o), names: () => store.names() };
});

/** oneInterfaceAgent (eth0, ifIndex 1, net-snmp's sysObjectID) plus a MAC, an MTU, a speed, ifName and an IPv4 address row. */
function agent(): FakeAgent {
  return oneInterfaceAgent()
    .set('1.3.6.1.2.1.2.2.1.4.1', SnmpType.Integer, 1500) // IF-MIB::ifMtu.1
    .set('1.3.6.1.2.1.2.2.1.5.1', SnmpType.Gauge32, 1_000_000_000) // IF-MIB::ifSpeed.1
    .set('1.3.6.1.2.1.2.2.1.6.1', SnmpType.OctetString, Buffer.from([0x00, 0x1b, 0x21, 0x3a, 0x4f, 0x5e])) // IF-MIB::ifPhysAddress.1
    .set('1.3.6.1.2.1.31.1.1.1.1.1', SnmpType.OctetString, 'eth0-name') // IF-MIB::ifName.1
    .set('1.3.6.1.2.1.4.20.1.1.192.0.2.7', SnmpType.IpAddress, '192.0.2.7') // RFC1213-MIB::ipAdEntAddr.192.0.2.7
    .set('1.3.6.1.2.1.4.20.1.2.192.0.2.7', SnmpType.Integer, 1) // RFC1213-MIB::ipAdEntIfIndex.192.0.2.7
    .set('1.3.6.1.2.1.11.1.0', SnmpType.Counter32, 4242n); // SNMPv2-MIB::snmpInPkts.0
}

const PORTS = {
  name: 'ports',
  measurement: 'port_info',
  scalars: [{ name: 'inPkts', oid: 'SNMPv2-MIB::snmpInPkts.0', conversion: 'integer' }],
  tables: [
    {
      table: 'IF-MIB::ifTable',
      columns: [
        { name: 'ifDescr', oid: 'IF-MIB::ifDescr', tag: true },
        { name: 'mtu', oid: 'IF-MIB::ifMtu', conversion: 'integer' },
        { name: 'speedMbps', oid: 'IF-MIB::ifSpeed', divisor: 1_000_000 },
        { name: 'mac', oid: 'IF-MIB::ifPhysAddress', conversion: 'hwaddr' },
        { name: 'oper', oid: 'IF-MIB::ifOperStatus', conversion: 'enum' },
      ],
      joins: [{ table: 'IF-MIB::ifXTable', columns: [{ name: 'ifName', oid: 'IF-MIB::ifName' }] }],
    },
  ],
};
const ADDRESSES = {
  name: 'addresses',
  measurement: 'ip_address',
  tables: [
    {
      table: 'RFC1213-MIB::ipAddrTable',
      columns: [
        { name: 'address', oid: 'RFC1213-MIB::ipAdEntAddr', conversion: 'ipaddr', tag: true },
        { name: 'ifIndex', oid: 'RFC1213-MIB::ipAdEntIfIndex', conversion: 'integer' },
      ],
    },
  ],
};
/** Selectors that this agent (net-snmp's sysObjectID, role other) does not fit. */
const CISCO_ONLY = { name: 'cisco-only', match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.9'] }, scalars: [{ name: 'x', oid: 'SNMPv2-MIB::snmpInPkts.0' }] };

async function setup(configured: unknown[], a: FakeAgent = agent(), deviceMetrics?: string[]) {
  const metrics: CustomMetric[] = compileCustomMetrics(configured, mibs);
  const inventory = new MemoryInventory();
  const snmp = new FakeSnmpClient();
  const sink = new MemorySink();
  const logLines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (l: string) => void logLines.push(l) } });
  const step = metrics.length === 0 ? undefined : new CustomMetricsStep(metrics, sink);
  const poller = new Poller({ inventory, snmp, sink, state: new LiveState(), counters: new MemoryCounters(), logger, settings: SETTINGS, ...(step === undefined ? {} : { customMetrics: step }), random: () => 0, nowMs: () => 1_700_000_000_000 });
  const device: Device = await inventory.add({ host: '10.0.0.9', name: 'r1', snmp: { version: '2c', community: new Secret('c') }, ...(deviceMetrics === undefined ? {} : { metrics: deviceMetrics }) });
  snmp.addAgent('10.0.0.9', a);
  const warnings = (): string[] => logLines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level === 40).map((l) => l.msg);
  return { poller, sink, device, agent: a, step, warnings, custom: () => sink.points.filter((p) => p.measurement !== 'interface' && p.measurement !== 'device') };
}

describe('custom metrics in the poller', () => {
  it('writes configured scalars and table rows with conversions, tags and a joined tag', async () => {
    const { poller, custom, device } = await setup([PORTS, ADDRESSES]);
    const outcome = await poller.pollNow(device.id);
    expect(outcome.ok).toBe(true);
    await poller.stop();
    const points = custom();
    expect(points).toContainEqual({ measurement: 'port_info', tags: { device: 'r1', agent_host: '10.0.0.9' }, fields: { inPkts: 4242n }, time: 1_700_000_000 });
    expect(points).toContainEqual({
      measurement: 'port_info',
      tags: { device: 'r1', agent_host: '10.0.0.9', index: '1', ifDescr: 'eth0', ifName: 'eth0-name' },
      fields: { mtu: 1500n, speedMbps: 1000, mac: '00:1b:21:3a:4f:5e', oper: 'up' },
      time: 1_700_000_000,
    });
    expect(points).toContainEqual({ measurement: 'ip_address', tags: { device: 'r1', agent_host: '10.0.0.9', index: '192.0.2.7', address: '192.0.2.7' }, fields: { ifIndex: 1n }, time: 1_700_000_000 });
  });

  it('polls only the metrics whose selectors fit, plus those the device names itself', async () => {
    const plain = await setup([PORTS, CISCO_ONLY]);
    await plain.poller.pollNow(plain.device.id);
    await plain.poller.stop();
    expect(plain.step?.planned(plain.device.id)).toEqual(['ports']);
    const named = await setup([PORTS, CISCO_ONLY], agent(), ['cisco-only']);
    await named.poller.pollNow(named.device.id);
    await named.poller.stop();
    expect(named.step?.planned(named.device.id)).toEqual(['ports', 'cisco-only']);
  });

  it('warns once, at planning, about a name the device lists that is no longer configured', async () => {
    const { poller, device, step, warnings } = await setup([PORTS], agent(), ['gone', 'ports']);
    await poller.pollNow(device.id);
    await poller.pollNow(device.id);
    await poller.stop();
    expect(step?.planned(device.id)).toEqual(['ports']);
    expect(warnings()).toEqual(['r1 names custom metrics that are not configured (gone); they are not polled']);
  });

  it('keeps the interface poll and the other metrics when a custom table breaks, and warns once', async () => {
    const a = agent();
    const { poller, sink, device, warnings } = await setup([PORTS, ADDRESSES], a);
    await poller.pollNow(device.id);
    // ipAddrTable now answers garbage: only the ip_address points are lost.
    a.fail((req) => (req.oids.some((o) => o.startsWith('1.3.6.1.2.1.4.20.1')) ? new LinkscopeError('LS_SNMP_BAD_RESPONSE', 'ipAddrTable answered garbage') : undefined));
    const before = sink.points.length;
    const second = await poller.pollNow(device.id);
    const third = await poller.pollNow(device.id);
    await poller.stop();
    expect(second.ok && third.ok).toBe(true);
    const after = sink.points.slice(before).map((p) => p.measurement);
    expect(after).toContain('interface');
    expect(after).toContain('port_info');
    expect(after).not.toContain('ip_address');
    const custom = warnings().filter((w) => w.startsWith('custom metrics of r1'));
    expect(custom).toHaveLength(1);
    expect(custom[0]).toContain('RFC1213-MIB::ipAddrTable');
  });

  it('sends no extra request per poll when no configured metric fits the device', async () => {
    const without = await setup([]);
    await without.poller.pollNow(without.device.id);
    const w0 = without.agent.requests;
    await without.poller.pollNow(without.device.id);
    const perPollWithout = without.agent.requests - w0;
    await without.poller.stop();

    // One metric excluded by its selectors, one whose table the agent lacks (found out once, at discovery).
    const ABSENT = { name: 'absent', tables: [{ table: 'RFC1213-MIB::ipRouteTable', columns: [{ name: 'metric1', oid: 'RFC1213-MIB::ipRouteMetric1' }] }] };
    const nothingFits = await setup([CISCO_ONLY, ABSENT]);
    await nothingFits.poller.pollNow(nothingFits.device.id);
    const n0 = nothingFits.agent.requests;
    await nothingFits.poller.pollNow(nothingFits.device.id);
    await nothingFits.poller.stop();
    expect(nothingFits.step?.planned(nothingFits.device.id)).toEqual([]);
    expect(nothingFits.agent.requests - n0).toBe(perPollWithout);
    expect(nothingFits.custom()).toEqual([]);
  });
});
