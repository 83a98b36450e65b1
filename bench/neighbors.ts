/** Section 7: CPU of neighbour discovery per device (a generated 48-port switch with 48 LLDP neighbours, served by snmpsimd) against snmpbulkwalk of the same tables. */
import { discoverDevice } from '../src/discovery/discover.js';
import { discoverNeighbors } from '../src/discovery/neighbors.js';
import { Secret } from '../src/model/secret.js';
import { BRIDGE_BASE_PORTS, NEIGHBOR_PROFILES } from '../src/profiles/neighbors.js';
import { NetSnmpClient } from '../src/snmp/net-snmp-client.js';
import { writeSnmprec } from '../src/snmp/snmprec.js';
import { SnmpType, type VarBind } from '../src/snmp/types.js';
import { withSnmpsim } from '../test/helpers/with-snmpsim.js';
import { childCpuPerRepeat, runBash } from './poll-cpu.js';
import { cpuSecondsSince, median, num, printTable } from './lib/table.js';

const PORTS = 48;
const COMMUNITY = 'nbr48';
const SNMPBULKWALK = '/usr/bin/snmpbulkwalk';
/** linkscope's default max-repetitions (config/defaults.ts). */
const MAX_REPETITIONS = 25;

/** A 48-port access switch: IF-MIB, BRIDGE-MIB, lldpLocPortTable, one LLDP neighbour per port with a management address. */
export function switchWith48Neighbors(): string {
  const vbs: VarBind[] = [];
  const s = (oid: string, value: string | Buffer): void => void vbs.push({ oid, type: SnmpType.OctetString, value: Buffer.isBuffer(value) ? value : Buffer.from(value) });
  const i = (oid: string, value: number): void => void vbs.push({ oid, type: SnmpType.Integer, value });
  s('1.3.6.1.2.1.1.1.0', 'bench 48-port switch'); // SNMPv2-MIB::sysDescr.0
  vbs.push({ oid: '1.3.6.1.2.1.1.2.0', type: SnmpType.ObjectIdentifier, value: '1.3.6.1.4.1.9.1.1208' }); // SNMPv2-MIB::sysObjectID.0
  vbs.push({ oid: '1.3.6.1.2.1.1.3.0', type: SnmpType.TimeTicks, value: 12_345_678 }); // SNMPv2-MIB::sysUpTime.0
  s('1.3.6.1.2.1.1.5.0', 'bench-sw48'); // SNMPv2-MIB::sysName.0
  i('1.3.6.1.2.1.2.1.0', PORTS); // IF-MIB::ifNumber.0
  i('1.0.8802.1.1.2.1.3.1.0', 4); // LLDP-MIB::lldpLocChassisIdSubtype.0
  s('1.0.8802.1.1.2.1.3.2.0', Buffer.from([0x00, 0x1b, 0x54, 0x48, 0x00, 0x00])); // LLDP-MIB::lldpLocChassisId.0
  for (let p = 1; p <= PORTS; p++) {
    const ifIndex = 10100 + p;
    s(`1.3.6.1.2.1.2.2.1.2.${ifIndex}`, `GigabitEthernet1/0/${p}`); // IF-MIB::ifDescr
    i(`1.3.6.1.2.1.2.2.1.3.${ifIndex}`, 6); // IF-MIB::ifType
    i(`1.3.6.1.2.1.2.2.1.8.${ifIndex}`, 1); // IF-MIB::ifOperStatus
    s(`1.3.6.1.2.1.2.2.1.6.${ifIndex}`, Buffer.from([0x00, 0x1b, 0x54, 0x48, 0x01, p])); // IF-MIB::ifPhysAddress
    s(`1.3.6.1.2.1.31.1.1.1.1.${ifIndex}`, `Gi1/0/${p}`); // IF-MIB::ifName
    i(`1.3.6.1.2.1.17.1.4.1.2.${p}`, ifIndex); // BRIDGE-MIB::dot1dBasePortIfIndex
    i(`1.0.8802.1.1.2.1.3.7.1.2.${p}`, 5); // LLDP-MIB::lldpLocPortIdSubtype interfaceName(5)
    s(`1.0.8802.1.1.2.1.3.7.1.3.${p}`, `Gi1/0/${p}`); // LLDP-MIB::lldpLocPortId
    s(`1.0.8802.1.1.2.1.3.7.1.4.${p}`, `GigabitEthernet1/0/${p}`); // LLDP-MIB::lldpLocPortDesc
    const r = `4711.${p}.1`;
    i(`1.0.8802.1.1.2.1.4.1.1.4.${r}`, 4); // LLDP-MIB::lldpRemChassisIdSubtype macAddress(4)
    s(`1.0.8802.1.1.2.1.4.1.1.5.${r}`, Buffer.from([0x00, 0x50, 0x56, 0x00, 0x00, p])); // LLDP-MIB::lldpRemChassisId
    i(`1.0.8802.1.1.2.1.4.1.1.6.${r}`, 5); // LLDP-MIB::lldpRemPortIdSubtype interfaceName(5)
    s(`1.0.8802.1.1.2.1.4.1.1.7.${r}`, 'eth0'); // LLDP-MIB::lldpRemPortId
    s(`1.0.8802.1.1.2.1.4.1.1.8.${r}`, 'uplink'); // LLDP-MIB::lldpRemPortDesc
    s(`1.0.8802.1.1.2.1.4.1.1.9.${r}`, `ap-${p}`); // LLDP-MIB::lldpRemSysName
    s(`1.0.8802.1.1.2.1.4.1.1.10.${r}`, 'ArubaOS (MODEL: 515), Version 8.10'); // LLDP-MIB::lldpRemSysDesc
    s(`1.0.8802.1.1.2.1.4.1.1.12.${r}`, Buffer.from([0x10, 0x00])); // LLDP-MIB::lldpRemSysCapEnabled wlanAccessPoint
    i(`1.0.8802.1.1.2.1.4.2.1.3.${r}.1.4.10.48.0.${p}`, 2); // LLDP-MIB::lldpRemManAddrIfSubtype.<row>.ipV4.4.10.48.0.p
  }
  return writeSnmprec(vbs);
}

export interface NeighborBenchResult {
  readonly cpuUsPerDevice: number;
  readonly walkUsPerDevice: number;
}

/** Prints the section's table; figures are medians over `repeats` discoveries after warm-up. */
export async function runNeighbors(options: { repeats?: number } = {}): Promise<NeighborBenchResult> {
  const repeats = options.repeats ?? Number(process.env['BENCH_NEIGHBOR_REPEATS'] ?? 9);
  const sim = await withSnmpsim({ records: { [COMMUNITY]: switchWith48Neighbors() } });
  const notes: string[] = [];
  try {
    const client = new NetSnmpClient({ maxVarbindsPerRequest: 64 });
    const session = client.open({ host: sim.host, port: sim.port, credentials: { version: '2c', community: new Secret(COMMUNITY) }, timeoutMs: 5000, retries: 1, maxRepetitions: MAX_REPETITIONS });
    const cpu: number[] = [];
    let requests = 0;
    let varbinds = 0;
    let found = 0;
    try {
      const { discovery } = await discoverDevice(session);
      for (let k = 0; k < 5 + repeats; k++) {
        const before = { ...session.stats };
        const t0 = process.cpuUsage();
        const result = await discoverNeighbors(session, discovery);
        const us = cpuSecondsSince(t0) * 1e6;
        if (k >= 5) cpu.push(us);
        requests = session.stats.requests - before.requests;
        varbinds = session.stats.varbinds - before.varbinds;
        found = result.neighbors.filter((n) => n.mappedBy !== null).length;
      }
    } finally {
      session.close();
    }
    if (found !== PORTS) notes.push(`only ${found} of ${PORTS} neighbours were found and mapped`);
    // snmpbulkwalk of every column discoverNeighbors asks for (absent tables cost it one request too).
    const columns = [...NEIGHBOR_PROFILES.flatMap((p) => [p.remote, p.managementAddresses, p.localPorts, p.localChassis]), BRIDGE_BASE_PORTS]
      .filter((t) => t !== undefined)
      .flatMap((t) => Object.values<{ oid: string } | undefined>(t.columns).filter((c) => c !== undefined).map((c) => c.oid));
    const walk = `${SNMPBULKWALK} -v2c -c "$C" -Cr${MAX_REPETITIONS} -On -Oq -m "" -M /nonexistent -t 5 -r 1 "$A"`;
    const loop = `C=$1; A=$2; N=$3; shift 3
for ((i = 0; i < N; i++)); do for o in "$@"; do ${walk} "$o" > /dev/null || exit 1; done; times; done`;
    const walkCpu = childCpuPerRepeat(await runBash(loop, [COMMUNITY, `${sim.host}:${sim.port}`, String(repeats), ...columns], 300_000));
    const emptyCpu = childCpuPerRepeat(await runBash(loop, [COMMUNITY, `${sim.host}:${sim.port}`, String(repeats), ...columns.map(() => '1.3.6.1.2.1.2.2.1.99')], 300_000));
    const oursUs = median(cpu);
    const walkUs = median(walkCpu);
    const startUs = median(emptyCpu);
    printTable(
      `7. Neighbour discovery CPU per device: ${PORTS}-port switch, ${PORTS} LLDP neighbours (median of ${repeats}, after 5 warm-ups)`,
      ['what', 'CPU ms/device', 'requests', 'varbinds'],
      [
        ['linkscope discoverNeighbors (all profiles + BRIDGE-MIB)', num(oursUs / 1000, 2), String(requests), String(varbinds)],
        [`snmpbulkwalk, one per column (${columns.length})`, num(walkUs / 1000, 1), '', ''],
        ['  of which process start-up (same walks on an empty subtree)', num(startUs / 1000, 1), '', ''],
        ['  walk-only (difference; ms resolution of `times`)', num((walkUs - startUs) / 1000, 1), '', ''],
      ],
      [
        'ours = process.cpuUsage() around discoverNeighbors (walks, decoding, port mapping); snmpsimd runs in another process;',
        'snmpbulkwalk = user+sys CPU of one `snmpbulkwalk -v2c -Cr25 -On -Oq` per column (bash `times`), output to /dev/null.',
        ...notes,
      ],
    );
    return { cpuUsPerDevice: oursUs, walkUsPerDevice: walkUs };
  } finally {
    await sim.stop();
  }
}
