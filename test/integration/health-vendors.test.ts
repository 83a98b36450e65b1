/**
 * Vendor health profiles against generated recordings served by a real snmpsimd
 * (test/fixtures/snmprec/README.md: health-fortigate, health-huawei, health-comware,
 * health-icx, health-arubaos, health-xos, health-f5, health-dell-os9,
 * health-awplus, health-checkpoint): planned and polled the way
 * `serve` does, and compared with the values LibreNMS's definition for that OS computes from the
 * same rows (its OID, divisor and description; rows it skips left out).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnmpClient } from '../../src/app.js';
import { DEFAULTS } from '../../src/config/defaults.js';
import { planHealth, pollHealthDetailed } from '../../src/health/engine.js';
import type { HealthReport } from '../../src/model/health.js';
import { Secret } from '../../src/model/secret.js';
import { silentLogger } from '../../src/observability/logger.js';
import { withSnmpsim, type SnmpsimHandle } from '../helpers/with-snmpsim.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'snmprec');
const RECORDINGS = ['health-fortigate', 'health-huawei', 'health-comware', 'health-icx', 'health-arubaos', 'health-xos', 'health-f5', 'health-dell-os9', 'health-awplus', 'health-checkpoint'] as const;

describe('vendor health profiles (snmpsimd)', () => {
  let sim: SnmpsimHandle;
  const client = createSnmpClient(silentLogger(), DEFAULTS.snmp.maxVarbindsPerRequest);

  beforeAll(async () => {
    sim = await withSnmpsim({ records: Object.fromEntries(RECORDINGS.map((d) => [d, readFileSync(join(FIXTURES, `${d}.snmprec`), 'utf8')])) });
  }, 120_000);
  afterAll(async () => {
    await sim?.stop();
  });

  const poll = async (name: string, sysObjectID: string): Promise<{ profiles: readonly string[]; report: HealthReport }> => {
    const session = client.open({ host: sim.host, port: sim.port, credentials: { version: '2c', community: new Secret(name) }, timeoutMs: 3000, retries: 1, maxRepetitions: DEFAULTS.snmp.maxRepetitions });
    try {
      const plan = await planHealth(session, { sysObjectID });
      expect(plan).not.toBeNull();
      const { report, errors } = await pollHealthDetailed(session, plan ?? { profiles: [] });
      expect(errors).toEqual([]);
      return { profiles: plan?.profiles ?? [], report };
    } finally {
      session.close();
    }
  };
  const sensors = (r: HealthReport) => r.sensors.map((s) => ({ class: s.class, descr: s.descr, value: s.value, ...(s.status === undefined ? {} : { status: s.status }), oid: s.oid }));

  it('FortiGate: system CPU and cores, memory of fgSysMemCapacity, hardware alarms, VPN states and counts', async () => {
    const { profiles, report } = await poll('health-fortigate', '1.3.6.1.4.1.12356.101.1.1041');
    expect(profiles).toContain('fortigate');
    expect(report.processors).toEqual([
      { index: '0', descr: 'System Cpu Usage', usage: 23 },
      { index: '1', descr: 'CPU Core 1', usage: 31 },
      { index: '2', descr: 'CPU Core 2', usage: 14 },
    ]);
    // LibreNMS: total = fgSysMemCapacity × 1024 (precision), used = total × fgSysMemUsage / 100.
    expect(report.memory).toEqual([{ index: '0', descr: 'Main Memory', totalBytes: 8_192_000_000, usedBytes: 4_997_120_000, usedPercent: 61 }]);
    expect(sensors(report)).toEqual([
      { class: 'count', descr: 'IPSEC VPN tunnels', value: 1, oid: '1.3.6.1.4.1.12356.101.12.1.1.0' },
      { class: 'state', descr: 'CPU ON-DIE Temp', value: 0, status: 'OK', oid: '1.3.6.1.4.1.12356.101.4.3.2.1.4.1' },
      { class: 'state', descr: 'FAN1', value: 0, status: 'OK', oid: '1.3.6.1.4.1.12356.101.4.3.2.1.4.2' },
      { class: 'state', descr: 'PS2 Status', value: 1, status: 'ERROR', oid: '1.3.6.1.4.1.12356.101.4.3.2.1.4.3' },
      { class: 'state', descr: 'branch-a\\branch-a-p2 (198.51.100.7)', value: 2, status: 'Up', oid: '1.3.6.1.4.1.12356.101.12.2.2.1.20.1' },
      { class: 'state', descr: 'branch-b\\branch-b-p2 (203.0.113.9)', value: 1, status: 'Down', oid: '1.3.6.1.4.1.12356.101.12.2.2.1.20.2' },
      { class: 'state', descr: 'SSL-VPN Status', value: 2, status: 'Enabled', oid: '1.3.6.1.4.1.12356.101.12.2.3.1.1.1' },
      { class: 'count', descr: 'SSL VPN Logged users', value: 7, oid: '1.3.6.1.4.1.12356.101.12.2.3.1.2.1' },
      { class: 'count', descr: 'SSL VPN Active tunnels', value: 5, oid: '1.3.6.1.4.1.12356.101.12.2.3.1.6.1' },
    ]);
  });

  it('Huawei VRP: board CPU and memory by entPhysicalName, temperatures, voltages, SFP diagnostics, fans, power', async () => {
    const { profiles, report } = await poll('health-huawei', '1.3.6.1.4.1.2011.2.23.685');
    expect(profiles).toContain('huawei-vrp');
    // The power card (hwEntityCpuUsageThreshold 0, memory size 0) has no processor nor pool.
    expect(report.processors).toEqual([{ index: '67108873', descr: 'MPU Board 0 Processor', usage: 12 }]);
    expect(report.memory).toEqual([{ index: '67108873', descr: 'MPU Board 0 Memory', totalBytes: 1_073_741_824, usedBytes: 504_658_657, usedPercent: 47 }]);
    const ST = '1.3.6.1.4.1.2011.5.25.31.1.1.1.1';
    const OPT = '1.3.6.1.4.1.2011.5.25.31.1.1.3.1';
    // XGigabitEthernet0/0/2 (hwEntityOpticalMode notSupported) has no temperature, voltage nor current and the power
    // card's zero readings are left out; LibreNMS keeps 0/0/2's -1 power readings (-0.01 dBm): so does linkscope.
    expect(sensors(report)).toEqual([
      { class: 'power', descr: 'Average Power Consumption', value: 38.5, oid: '1.3.6.1.4.1.2011.6.157.1.3.0' },
      { class: 'power', descr: 'Current Power Consumption', value: 41.2, oid: '1.3.6.1.4.1.2011.6.157.1.6.0' },
      { class: 'temperature', descr: 'MPU Board 0', value: 41, oid: `${ST}.11.67108873` },
      { class: 'voltage', descr: 'MPU Board 0', value: 12.05, oid: `${ST}.13.67108873` },
      { class: 'temperature', descr: 'XGigabitEthernet0/0/1', value: 36, oid: `${OPT}.5.67633350` },
      { class: 'voltage', descr: 'XGigabitEthernet0/0/1', value: 3.29, oid: `${OPT}.6.67633350` },
      { class: 'current', descr: 'VRP-XGigabitEthernet0/0/1', value: 0.00612, oid: `${OPT}.7.67633350` },
      { class: 'dbm', descr: 'XGigabitEthernet0/0/1 Rx', value: -5.32, oid: `${OPT}.8.67633350` },
      { class: 'dbm', descr: 'XGigabitEthernet0/0/2 Rx', value: -0.01, oid: `${OPT}.8.67633414` },
      { class: 'dbm', descr: 'XGigabitEthernet0/0/1 Tx', value: -2.18, oid: `${OPT}.9.67633350` },
      { class: 'dbm', descr: 'XGigabitEthernet0/0/2 Tx', value: -0.01, oid: `${OPT}.9.67633414` },
      { class: 'state', descr: 'Fan 0.0 Status', value: 1, status: 'Normal', oid: '1.3.6.1.4.1.2011.5.25.31.1.1.10.1.7.0.0' },
      { class: 'state', descr: 'Fan 0.1 Status', value: 2, status: 'Abnormal', oid: '1.3.6.1.4.1.2011.5.25.31.1.1.10.1.7.0.1' },
    ]);
  });

  it('HPE Comware: entity CPU, memory and temperatures, transceivers of admin-up ports, fan and PSU states', async () => {
    const { profiles, report } = await poll('health-comware', '1.3.6.1.4.1.25506.11.1.163');
    expect(profiles).toContain('comware');
    // Entities with hh3cEntityExtCpuUsage 0 have no processor; only modules with memory in use have a pool.
    expect(report.processors).toEqual([{ index: '22', descr: 'Slot 1', usage: 9 }]);
    expect(report.memory).toEqual([{ index: '22', descr: 'Slot 1', totalBytes: 1_073_741_824, usedBytes: 408_021_893, usedPercent: 38 }]);
    const X = '1.3.6.1.4.1.25506.2.70.1.1.1';
    const D = '1.3.6.1.4.1.25506.8.35.9.1';
    // 65535 (no sensor) and the admin-down XGE1/0/26's transceiver are left out.
    expect(sensors(report)).toEqual([
      { class: 'temperature', descr: 'Slot 1', value: 44, oid: '1.3.6.1.4.1.25506.2.6.1.1.1.1.12.22' },
      { class: 'temperature', descr: 'Hotspot 1', value: 51, oid: '1.3.6.1.4.1.25506.2.6.1.1.1.1.12.78' },
      { class: 'temperature', descr: 'Ten-GigabitEthernet1/0/25 Temperature', value: 33, oid: `${X}.15.25` },
      { class: 'dbm', descr: 'XGE1/0/25 Receive Power', value: -5.87, oid: `${X}.12.25` },
      { class: 'dbm', descr: 'XGE1/0/25 Transmit Power', value: -2.41, oid: `${X}.9.25` },
      { class: 'voltage', descr: 'XGE1/0/25 Supply Voltage', value: 3.28, oid: `${X}.16.25` },
      { class: 'current', descr: 'XGE1/0/25 Bias Current', value: 0.00612, oid: `${X}.17.25` },
      { class: 'state', descr: 'Fan 1', value: 1, status: 'active', oid: `${D}.1.1.2.1` },
      { class: 'state', descr: 'Fan 2', value: 2, status: 'deactive', oid: `${D}.1.1.2.2` },
      { class: 'state', descr: 'Power Supply 1', value: 1, status: 'active', oid: `${D}.2.1.2.1` },
      { class: 'state', descr: 'Power Supply 2', value: 3, status: 'not-install', oid: `${D}.2.1.2.2` },
    ]);
  });

  it('Ruckus ICX / IronWare: 5-minute CPU in 100ths, DRAM, half-degree temperatures, text optics, PSU and fan states', async () => {
    const { profiles, report } = await poll('health-icx', '1.3.6.1.4.1.1991.1.3.62.2.2.1.1');
    expect(profiles).toContain('foundry');
    // Only the 300 s row of snAgentCpuUtilTable, snAgentCpuUtil100thPercent / 100.
    expect(report.processors).toEqual([{ index: '1.1.300', descr: 'Slot 1 [1]', usage: 12.34 }]);
    expect(report.memory).toEqual([{ index: '0', descr: 'System Memory', totalBytes: 536_870_912, usedBytes: 214_748_365, usedPercent: 40 }]);
    const O = '1.3.6.1.4.1.1991.1.1.3.3.6.1';
    // 1/2/2's "N/A" optics and PSU 2 (other) are left out.
    expect(sensors(report)).toEqual([
      { class: 'state', descr: 'Global Stack Config State', value: 2, status: 'disabled', oid: '1.3.6.1.4.1.1991.1.1.3.31.1.1.0' },
      { class: 'temperature', descr: 'System temperature', value: 41.5, oid: '1.3.6.1.4.1.1991.1.1.2.13.1.1.4.1.1' },
      { class: 'temperature', descr: 'CPU temperature', value: 50.5, oid: '1.3.6.1.4.1.1991.1.1.2.13.1.1.4.1.2' },
      { class: 'temperature', descr: 'GigabitEthernet1/2/1 Tx Laser', value: 31.5, oid: `${O}.1.25` },
      { class: 'dbm', descr: 'GigabitEthernet1/2/1 Tx Power', value: -5.2287, oid: `${O}.2.25` },
      { class: 'dbm', descr: 'GigabitEthernet1/2/1 Rx Power', value: -6.0206, oid: `${O}.3.25` },
      { class: 'current', descr: 'GigabitEthernet1/2/1 Tx Bias Current', value: 0.005632, oid: `${O}.4.25` },
      { class: 'state', descr: 'Power Supply 1', value: 2, status: 'normal', oid: '1.3.6.1.4.1.1991.1.1.1.2.1.1.3.1' },
      { class: 'state', descr: 'Fan 1 ok, speed (auto): [[1]]<->2', value: 2, status: 'normal', oid: '1.3.6.1.4.1.1991.1.1.1.3.1.1.3.1' },
    ]);
  });

  it('ArubaOS controller: processors by sysExtProcessorDescr, memory in KB as pool 0, VPN users', async () => {
    const { profiles, report } = await poll('health-arubaos', '1.3.6.1.4.1.14823.1.1.36');
    expect(profiles).toContain('arubaos');
    expect(report.processors).toEqual([
      { index: '1', descr: 'Network Processor CPU1', usage: 3 },
      { index: '2', descr: 'Network Processor CPU2', usage: 5 },
      { index: '3', descr: 'Supervisor Card CPU', usage: 12 },
    ]);
    expect(report.memory).toEqual([{ index: '0', descr: 'Memory', totalBytes: 4_081_008_640, usedBytes: 1_582_297_088, usedPercent: 38.77 }]);
    expect(sensors(report)).toEqual([{ class: 'count', descr: 'Active VPN sessions', value: 4, oid: '1.3.6.1.4.1.14823.2.2.1.4.1.4.2.0' }]);
  });

  it('ExtremeXOS: 5-minute CPU as processor 0, memory in KB, chassis temperature, fan speeds, power', async () => {
    const { profiles, report } = await poll('health-xos', '1.3.6.1.4.1.1916.2.286');
    expect(profiles).toContain('extreme-xos');
    expect(report.processors).toEqual([{ index: '0', descr: 'Processor', usage: 7 }]);
    expect(report.memory).toEqual([{ index: '1', descr: 'Dynamic Memory', totalBytes: 1_073_741_824, usedBytes: 661_425_152, usedPercent: 61.6 }]);
    expect(sensors(report)).toEqual([
      { class: 'temperature', descr: 'Chassis Temperature', value: 43, oid: '1.3.6.1.4.1.1916.1.1.1.8.0' },
      { class: 'power', descr: 'Power Usage', value: 74.5, oid: '1.3.6.1.4.1.1916.1.1.1.40.1.0' },
      { class: 'fanspeed', descr: 'Fan Speed 101', value: 6200, oid: '1.3.6.1.4.1.1916.1.1.1.9.1.4.101' },
      { class: 'fanspeed', descr: 'Fan Speed 102', value: 6350, oid: '1.3.6.1.4.1.1916.1.1.1.9.1.4.102' },
    ]);
  });

  it('F5 BIG-IP: HOST-RESOURCES processors, TMM memory, temperatures, fans, PSUs, failover and sync states', async () => {
    const { profiles, report } = await poll('health-f5', '1.3.6.1.4.1.3375.2.1.3.4.123');
    expect(profiles).toEqual(expect.arrayContaining(['f5-bigip', 'hr-processor']));
    expect(report.processors).toEqual([{ index: '196608', descr: 'Intel Xeon E3-1240', usage: 18 }]);
    expect(report.memory).toEqual([{ index: '0', descr: 'TMM Memory', totalBytes: 12_884_901_888, usedBytes: 3_221_225_472, usedPercent: 25 }]);
    const S = '1.3.6.1.4.1.3375.2.1';
    expect(sensors(report)).toEqual([
      { class: 'state', descr: 'sysCmFailoverStatusId.4', value: 4, status: 'Active', oid: `${S}.14.3.1.0` },
      { class: 'state', descr: 'sysCmSyncStatusId.0', value: 3, status: 'inSync', oid: `${S}.14.1.1.0` },
      { class: 'state', descr: 'sysCmFailoverStatusColor.0', value: 0, status: 'Green', oid: `${S}.14.3.3.0` },
      { class: 'temperature', descr: 'sysChassisTempTemperature.1', value: 31, oid: `${S}.3.2.3.2.1.2.1` },
      { class: 'temperature', descr: 'Cpu Temperature slot1.1', value: 49, oid: `${S}.3.6.2.1.2.1.1` },
      { class: 'fanspeed', descr: 'Fan Speed 1', value: 10_800, oid: `${S}.3.2.1.2.1.3.1` },
      { class: 'fanspeed', descr: 'Fan Speed 2', value: 0, oid: `${S}.3.2.1.2.1.3.2` },
      { class: 'state', descr: 'Fan Speed Status 1', value: 1, status: 'Good', oid: `${S}.3.2.1.2.1.2.1` },
      { class: 'state', descr: 'Fan Speed Status 2', value: 0, status: 'Bad', oid: `${S}.3.2.1.2.1.2.2` },
      { class: 'state', descr: 'sysChassisPowerSupplyStatus.1', value: 1, status: 'Good', oid: `${S}.3.2.2.2.1.2.1` },
      { class: 'state', descr: 'sysChassisPowerSupplyStatus.2', value: 2, status: 'NotPresent', oid: `${S}.3.2.2.2.1.2.2` },
    ]);
  });

  it('Dell Networking OS9 S-series: stack unit CPU, memory utilisation as pool 0, temperature, PSU, fan and unit states', async () => {
    const { profiles, report } = await poll('health-dell-os9', '1.3.6.1.4.1.6027.1.3.23');
    expect(profiles).toEqual(expect.arrayContaining(['dell-ftos-s', 'dell-networking']));
    expect(profiles).not.toContain('dell-ftos-c');
    expect(report.processors).toEqual([{ index: '1', descr: 'Stack Unit 1 CPU', usage: 4 }]);
    expect(report.memory).toEqual([{ index: '0', descr: 'Memory Utilization', totalBytes: null, usedBytes: null, usedPercent: 27 }]);
    const N = '1.3.6.1.4.1.6027.3.26.1';
    expect(sensors(report)).toEqual([
      { class: 'temperature', descr: 'Unit 1', value: 39, oid: '1.3.6.1.4.1.6027.3.10.1.2.2.1.14.1' },
      { class: 'power', descr: 'PSU 1.1.1, Power usage', value: 148, oid: `${N}.4.6.1.10.1.1.1` },
      { class: 'power', descr: 'PSU 1.1.2, Power usage', value: 0, oid: `${N}.4.6.1.10.1.1.2` },
      { class: 'state', descr: 'PSU 1.1.1, Status', value: 1, status: 'up', oid: `${N}.4.6.1.4.1.1.1` },
      { class: 'state', descr: 'PSU 1.1.2, Status', value: 3, status: 'absent', oid: `${N}.4.6.1.4.1.1.2` },
      { class: 'state', descr: 'Unit 1.1, Status', value: 1, status: 'ok', oid: `${N}.3.4.1.8.1.1` },
      { class: 'state', descr: 'Fan 1.1.1, Status', value: 1, status: 'up', oid: `${N}.4.7.1.4.1.1.1` },
    ]);
  });

  it('Allied Telesis AlliedWare Plus: CPU per stack member, AT-ENVMONv2-MIB readings and states', async () => {
    const { profiles, report } = await poll('health-awplus', '1.3.6.1.4.1.207.1.14.185');
    expect(profiles).toContain('allied-telesis');
    expect(report.processors).toEqual([{ index: '1', descr: 'Processor 1', usage: 6 }]);
    const E = '1.3.6.1.4.1.207.8.4.4.3.12';
    // Fan 2's 0 rpm and the -128 temperature are left out as readings (LibreNMS's skip_values); their states stay.
    expect(sensors(report)).toEqual([
      { class: 'fanspeed', descr: 'Fan 1', value: 7100, oid: `${E}.1.1.5.1.1.1` },
      { class: 'voltage', descr: 'Voltage: 3.3V', value: 3.312, oid: `${E}.2.1.5.1.1.1` },
      { class: 'temperature', descr: 'Temp: CPU', value: 55, oid: `${E}.3.1.5.1.1.1` },
      { class: 'state', descr: 'Fan 1', value: 2, status: 'good', oid: `${E}.1.1.7.1.1.1` },
      { class: 'state', descr: 'Fan 2', value: 1, status: 'failed', oid: `${E}.1.1.7.1.1.2` },
      { class: 'state', descr: 'Voltage: 3.3V', value: 2, status: 'inRange', oid: `${E}.2.1.8.1.1.1` },
      { class: 'state', descr: 'Temp: CPU', value: 2, status: 'inRange', oid: `${E}.3.1.7.1.1.1` },
      { class: 'state', descr: 'Temp: Unused', value: 2, status: 'inRange', oid: `${E}.3.1.7.1.1.2` },
      { class: 'state', descr: 'PSU 1 Power', value: 2, status: 'good', oid: `${E}.4.2.1.6.1.1.1.1` },
    ]);
  });

  it('Check Point Gaia: hardware sensors as text, out-of-range flags, RAID, cluster, SecureXL and tunnel states', async () => {
    const { profiles, report } = await poll('health-checkpoint', '1.3.6.1.4.1.2620.1.6.123.1.67');
    expect(profiles).toContain('checkpoint');
    const H = '1.3.6.1.4.1.2620.1.6.7.8';
    const T9 = '1.3.6.1.4.1.2620.500.9002.1.3';
    expect(sensors(report)).toEqual([
      { class: 'state', descr: 'Cluster member status code', value: 0, status: 'Up', oid: '1.3.6.1.4.1.2620.1.5.101.0' },
      { class: 'state', descr: 'SecureXL current status', value: 1, status: 'Enabled', oid: '1.3.6.1.4.1.2620.1.36.1.1.0' },
      { class: 'temperature', descr: 'CPU Temperature', value: 38, oid: `${H}.1.1.3.1.0` },
      { class: 'state', descr: 'CPU Temperature, Temperature Out Of Range', value: 0, status: 'false', oid: `${H}.1.1.6.1.0` },
      { class: 'fanspeed', descr: 'CPU Fan', value: 3375, oid: `${H}.2.1.3.1.0` },
      { class: 'state', descr: 'CPU Fan, Fanspeed Out Of Range', value: 0, status: 'false', oid: `${H}.2.1.6.1.0` },
      { class: 'voltage', descr: 'Voltage 12V', value: 11.98, oid: `${H}.3.1.3.1.0` },
      { class: 'voltage', descr: 'Voltage 3.3V', value: 3.71, oid: `${H}.3.1.3.2.0` },
      { class: 'state', descr: 'Voltage 12V, Voltage Out Of Range', value: 0, status: 'false', oid: `${H}.3.1.6.1.0` },
      { class: 'state', descr: 'Voltage 3.3V, Voltage Out Of Range', value: 1, status: 'true', oid: `${H}.3.1.6.2.0` },
      { class: 'state', descr: 'RAID Status', value: 0, status: 'OPTIMAL', oid: '1.3.6.1.4.1.2620.1.6.7.7.1.1.6.1.0' },
      { class: 'state', descr: 'branch-gw-1 (198.51.100.20)', value: 3, status: 'Up', oid: `${T9}.198.51.100.20.1` },
      { class: 'state', descr: 'partner-gw (203.0.113.44)', value: 131, status: 'Down', oid: `${T9}.203.0.113.44.1` },
    ]);
  });
});
