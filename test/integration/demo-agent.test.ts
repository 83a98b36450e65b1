/** The demo agent against Debian's net-snmp tools (a real peer proves the encoding), on 127.0.0.1 free ports. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MibViewBuilder } from '../../src/demo/agent/mib-view.js';
import { startAgent, type RunningAgent } from '../../src/demo/agent/snmp-agent.js';
import { createDemoNetwork, type DemoNetwork } from '../../src/demo/network.js';
import { SnmpType } from '../../src/snmp/types.js';

const run = promisify(execFile);

async function hasNetSnmpTools(): Promise<boolean> {
  try {
    await run('snmpget', ['--version']);
    return true;
  } catch {
    return false;
  }
}

const toolsPresent = await hasNetSnmpTools();
if (!toolsPresent) console.warn('demo-agent integration tests skipped: snmpget/snmpwalk/snmpbulkwalk not installed (apt install snmp)');

/** Runs a net-snmp command; -On for numeric OIDs, -t/-r so a broken agent fails fast instead of hanging. */
async function snmp(tool: string, args: readonly string[]): Promise<string[]> {
  const { stdout } = await run(tool, ['-On', '-t', '2', '-r', '1', ...args], { maxBuffer: 16 * 1024 * 1024 });
  return stdout.split('\n').filter((l) => l.trim() !== '' && l.startsWith('.'));
}

describe.skipIf(!toolsPresent)('demo agent with net-snmp tools', () => {
  let net: DemoNetwork;
  let big: RunningAgent;

  beforeAll(async () => {
    net = createDemoNetwork({ basePort: 0 });
    await net.start();
    const b = new MibViewBuilder()
      .scalar('1.3.6.1.2.1.1.1', SnmpType.OctetString, 'counter64 edge cases')
      .cell('1.3.6.1.2.1.31.1.1.1.6', 1, SnmpType.Counter64, 2n ** 64n - 1n) // IF-MIB::ifHCInOctets.1
      .cell('1.3.6.1.2.1.31.1.1.1.6', 2, SnmpType.Counter64, 18446744073709551557n) // IF-MIB::ifHCInOctets.2
      .cell('1.3.6.1.2.1.31.1.1.1.6', 3, SnmpType.Counter64, 2n ** 64n + 41n); // wraps to 41
    big = await startAgent({ host: '127.0.0.1', port: 0, community: 'edge', view: b.build() });
  });

  afterAll(async () => {
    await net?.stop();
    await big?.close();
  });

  it('answers snmpbulkwalk -v2c of the ifTable with every row of access-sw1', async () => {
    const sw1 = net.device('access-sw1');
    const lines = await snmp('snmpbulkwalk', ['-v2c', '-c', sw1.community, `${sw1.host}:${sw1.port}`, '1.3.6.1.2.1.2.2.1']);
    const ifCount = sw1.runtime.interfaces.length;
    expect(lines).toHaveLength(ifCount * 22);
    expect(lines).toContain('.1.3.6.1.2.1.2.2.1.2.10101 = STRING: "GigabitEthernet1/0/1"');
    expect(lines).toContain('.1.3.6.1.2.1.2.2.1.5.10149 = Gauge32: 4294967295');
    expect(lines.filter((l) => l.startsWith('.1.3.6.1.2.1.2.2.1.10.')).every((l) => l.includes('Counter32: '))).toBe(true);
  });

  it('answers snmpwalk -v1 and hides Counter64 columns from v1 managers', async () => {
    const rtr = net.device('core-rtr1');
    const descr = await snmp('snmpwalk', ['-v1', '-c', rtr.community, `${rtr.host}:${rtr.port}`, '1.3.6.1.2.1.2.2.1.2']);
    expect(descr).toEqual(rtr.runtime.interfaces.map((i) => `.1.3.6.1.2.1.2.2.1.2.${i.port.ifIndex} = STRING: "${i.port.ifDescr}"`));
    const ifx = await snmp('snmpwalk', ['-v1', '-c', rtr.community, `${rtr.host}:${rtr.port}`, '1.3.6.1.2.1.31.1.1.1']);
    expect(ifx.length).toBeGreaterThan(0);
    expect(ifx.some((l) => l.includes('Counter64'))).toBe(false);
  });

  it('accepts the second community and serves LLDP neighbours by name', async () => {
    const sw2 = net.device('access-sw2');
    const { stdout } = await run('snmpbulkwalk', ['-v2c', '-c', 'linkscope', '-Oqv', '-t', '2', '-r', '1', `${sw2.host}:${sw2.port}`, '1.0.8802.1.1.2.1.4.1.1.9']); // LLDP-MIB::lldpRemSysName
    expect(stdout.trim().split('\n').map((s) => s.replace(/"/g, '')).sort()).toEqual(['ap-floor2', 'core-rtr1', 'core-rtr2']);
  });

  it('prints Counter64 values near 2^64 exactly with snmpget', async () => {
    const lines = await snmp('snmpget', [
      '-v2c',
      '-c',
      'edge',
      `127.0.0.1:${big.port}`,
      '1.3.6.1.2.1.31.1.1.1.6.1',
      '1.3.6.1.2.1.31.1.1.1.6.2',
      '1.3.6.1.2.1.31.1.1.1.6.3',
    ]);
    expect(lines).toEqual([
      '.1.3.6.1.2.1.31.1.1.1.6.1 = Counter64: 18446744073709551615',
      '.1.3.6.1.2.1.31.1.1.1.6.2 = Counter64: 18446744073709551557',
      '.1.3.6.1.2.1.31.1.1.1.6.3 = Counter64: 41',
    ]);
  });

  it('returns the 32-bit-only device without any ifHC column to snmpbulkwalk', async () => {
    const sw3 = net.device('access-sw3');
    const lines = await snmp('snmpbulkwalk', ['-v2c', '-c', sw3.community, '-Cr25', `${sw3.host}:${sw3.port}`, '1.3.6.1.2.1.31.1.1.1']);
    expect(lines.some((l) => l.startsWith('.1.3.6.1.2.1.31.1.1.1.6.'))).toBe(false);
    expect(lines.filter((l) => l.startsWith('.1.3.6.1.2.1.31.1.1.1.1.'))).toHaveLength(sw3.runtime.interfaces.length);
  });
});
