/**
 * Device health of the demo devices, following the day: Cisco boxes answer CISCO-PROCESS-MIB,
 * CISCO-ENHANCED-MEMPOOL-MIB and CISCO-ENVMON-MIB (the ASR also CISCO-ENTITY-SENSOR-MIB: optics,
 * fans, PSU power), the Juniper switch JUNIPER-MIB jnxOperatingTable, the UniFi and MikroTik APs
 * HOST-RESOURCES-MIB (MikroTik also its MIKROTIK-MIB health scalars). The health profiles
 * (src/profiles/health/) read them as they read real devices.
 */
import { SnmpType } from '../../snmp/types.js';
import type { MibViewBuilder } from '../agent/mib-view.js';
import { dailyGauge, hashSeed } from '../traffic.js';
import type { DemoDeviceRuntime } from './device.js';

const ENT = '1.3.6.1.2.1.47.1.1.1.1'; // ENTITY-MIB::entPhysicalEntry
const ENT_DESCR = `${ENT}.2`; // ENTITY-MIB::entPhysicalDescr
const ENT_NAME = `${ENT}.7`; // ENTITY-MIB::entPhysicalName
const CPM = '1.3.6.1.4.1.9.9.109.1.1.1.1'; // CISCO-PROCESS-MIB::cpmCPUTotalEntry
const CEMP = '1.3.6.1.4.1.9.9.221.1.1.1.1'; // CISCO-ENHANCED-MEMPOOL-MIB::cempMemPoolEntry
const ENVMON = '1.3.6.1.4.1.9.9.13.1'; // CISCO-ENVMON-MIB::ciscoEnvMonObjects
const CES = '1.3.6.1.4.1.9.9.91.1.1.1.1'; // CISCO-ENTITY-SENSOR-MIB::entSensorValueEntry
const JNX_OP = '1.3.6.1.4.1.2636.3.1.13.1'; // JUNIPER-MIB::jnxOperatingEntry
const HR_DEVICE_DESCR = '1.3.6.1.2.1.25.3.2.1.3'; // HOST-RESOURCES-MIB::hrDeviceDescr
const HR_PROCESSOR_LOAD = '1.3.6.1.2.1.25.3.3.1.2'; // HOST-RESOURCES-MIB::hrProcessorLoad
const HR_STORAGE = '1.3.6.1.2.1.25.2.3.1'; // HOST-RESOURCES-MIB::hrStorageEntry
const HR_STORAGE_RAM = '1.3.6.1.2.1.25.2.1.2'; // HOST-RESOURCES-TYPES::hrStorageRam
const MTXR_HL = '1.3.6.1.4.1.14988.1.1.3'; // MIKROTIK-MIB::mtxrHealth

/** A percentage that follows the day between `base` and base + swing. */
function busy(dev: DemoDeviceRuntime, what: string, base: number, swing: number): (now: number) => number {
  const g = dailyGauge(1000, hashSeed(dev.name, what));
  return (now) => Math.min(100, Math.round(base + (swing * g(now)) / 1000));
}

export function addHealth(b: MibViewBuilder, dev: DemoDeviceRuntime): void {
  if (dev.model.vendor === 'cisco') addCisco(b, dev);
  else if (dev.model.vendor === 'juniper') addJuniper(b, dev);
  else if (dev.model.wireless === 'unifi' || dev.model.wireless === 'mikrotik') addHostResources(b, dev);
  if (dev.model.wireless === 'mikrotik') addMikrotik(b, dev);
}

function addCisco(b: MibViewBuilder, dev: DemoDeviceRuntime): void {
  const chassis = 1;
  const model = dev.model.sysDescr.split(',')[0] ?? 'Cisco';
  b.cell(ENT_DESCR, chassis, SnmpType.OctetString, model).cell(ENT_NAME, chassis, SnmpType.OctetString, 'Chassis');
  const cpu = busy(dev, 'cpu', 4, 40);
  b.cell(`${CPM}.2`, 1, SnmpType.Integer, chassis) // cpmCPUTotalPhysicalIndex
    .cell(`${CPM}.5`, 1, SnmpType.Gauge32, cpu) // cpmCPUTotal5min
    .cell(`${CPM}.8`, 1, SnmpType.Gauge32, cpu); // cpmCPUTotal5minRev
  const total = 2 * 1024 ** 3;
  const used = busy(dev, 'mem', 35, 20);
  for (const [pool, name, size, share] of [
    [1, 'Processor', total, used],
    [2, 'I/O', 256 * 1024 ** 2, () => 18],
  ] as const) {
    const usedBytes = (now: number) => Math.round((size * share(now)) / 100);
    b.cell(`${CEMP}.3`, [chassis, pool], SnmpType.OctetString, name) // cempMemPoolName
      .cell(`${CEMP}.18`, [chassis, pool], SnmpType.Counter64, (now) => BigInt(usedBytes(now))) // cempMemPoolHCUsed
      .cell(`${CEMP}.20`, [chassis, pool], SnmpType.Counter64, (now) => BigInt(size - usedBytes(now))); // cempMemPoolHCFree
  }
  const inlet = dailyGauge(30, hashSeed(dev.name, 'inlet'));
  b.cell(`${ENVMON}.3.1.2`, 1, SnmpType.OctetString, 'Inlet Temp Sensor') // ciscoEnvMonTemperatureStatusDescr
    .cell(`${ENVMON}.3.1.3`, 1, SnmpType.Gauge32, (now) => 18 + Math.round(inlet(now) / 3)) // ciscoEnvMonTemperatureStatusValue
    .cell(`${ENVMON}.3.1.6`, 1, SnmpType.Integer, 1); // ciscoEnvMonTemperatureState normal
  for (const fan of [1, 2]) {
    b.cell(`${ENVMON}.4.1.2`, fan, SnmpType.OctetString, `Fan ${fan}`).cell(`${ENVMON}.4.1.3`, fan, SnmpType.Integer, 1); // ciscoEnvMonFanStatusDescr / State normal
  }
  // The second power supply of the 2960-X is unplugged: a `warning` state the dashboard shows.
  const psuB = dev.model.sysObjectID === '1.3.6.1.4.1.9.1.1208' ? 2 : 1;
  b.cell(`${ENVMON}.5.1.2`, 1, SnmpType.OctetString, 'Power Supply A')
    .cell(`${ENVMON}.5.1.3`, 1, SnmpType.Integer, 1)
    .cell(`${ENVMON}.5.1.2`, 2, SnmpType.OctetString, 'Power Supply B')
    .cell(`${ENVMON}.5.1.3`, 2, SnmpType.Integer, psuB); // ciscoEnvMonSupplyState
  if (dev.model.sysObjectID === '1.3.6.1.4.1.9.1.1861') addAsrSensors(b, dev);
}

/** The ASR's CISCO-ENTITY-SENSOR-MIB: WAN optic levels (dBm), fan speeds (rpm), PSU output (W). */
function addAsrSensors(b: MibViewBuilder, dev: DemoDeviceRuntime): void {
  const rx = dailyGauge(300, hashSeed(dev.name, 'rx'));
  // index, name, type (14 dBm, 10 rpm, 6 watts), precision, value
  const sensors: [number, string, number, number, (now: number) => number][] = [
    [1101, 'Gi0/0/1 Receive Power Sensor', 14, 2, (now) => -700 - rx(now)],
    [1102, 'Gi0/0/1 Transmit Power Sensor', 14, 2, () => -512],
    [1201, 'Fan Tray Fan 1', 10, 0, (now) => 7200 + rx(now)],
    [1202, 'Fan Tray Fan 2', 10, 0, (now) => 7150 + rx(now)],
    [1301, 'Power Supply A Output Power', 6, 0, (now) => 180 + Math.round(rx(now) / 10)],
  ];
  for (const [i, name, type, precision, value] of sensors) {
    b.cell(ENT_DESCR, i, SnmpType.OctetString, name)
      .cell(ENT_NAME, i, SnmpType.OctetString, name)
      .cell(`${CES}.1`, i, SnmpType.Integer, type) // entSensorType
      .cell(`${CES}.2`, i, SnmpType.Integer, 9) // entSensorScale units
      .cell(`${CES}.3`, i, SnmpType.Integer, precision) // entSensorPrecision
      .cell(`${CES}.4`, i, SnmpType.Integer, value) // entSensorValue
      .cell(`${CES}.5`, i, SnmpType.Integer, 1); // entSensorStatus ok
  }
}

/** jnxOperatingTable rows: Routing Engine (CPU, buffer, memory, temperature), FPC 0 and a fan tray. */
function addJuniper(b: MibViewBuilder, dev: DemoDeviceRuntime): void {
  const rows: [readonly number[], string, number, ((now: number) => number) | null, number, number][] = [
    [[9, 1, 0, 0], 'Routing Engine 0', 42, busy(dev, 're', 6, 30), 48, 2048],
    [[7, 1, 0, 0], 'FPC: EX2300-48P @ 0/*/*', 47, busy(dev, 'fpc', 3, 15), 31, 1024],
    [[4, 1, 1, 0], 'Fan Tray 0 Fan 0', 0, null, 0, 0],
  ];
  for (const [index, descr, temp, cpu, buffer, memoryMb] of rows) {
    b.cell(`${JNX_OP}.5`, index, SnmpType.OctetString, descr) // jnxOperatingDescr
      .cell(`${JNX_OP}.7`, index, SnmpType.Gauge32, temp) // jnxOperatingTemp (°C)
      .cell(`${JNX_OP}.8`, index, SnmpType.Gauge32, cpu ?? 0) // jnxOperatingCPU (%)
      .cell(`${JNX_OP}.11`, index, SnmpType.Gauge32, buffer) // jnxOperatingBuffer (%)
      .cell(`${JNX_OP}.15`, index, SnmpType.Gauge32, memoryMb); // jnxOperatingMemory (MB)
  }
}

/** HOST-RESOURCES-MIB: one or two CPUs named by hrDeviceDescr, and the RAM in hrStorageTable. */
function addHostResources(b: MibViewBuilder, dev: DemoDeviceRuntime): void {
  const cpus = dev.model.wireless === 'unifi' ? 2 : 1;
  for (let n = 0; n < cpus; n++) {
    const index = 196608 + n;
    b.cell(HR_DEVICE_DESCR, index, SnmpType.OctetString, dev.model.wireless === 'unifi' ? 'Qualcomm Atheros QCA9563' : 'ARM Cortex-A7')
      .cell(HR_PROCESSOR_LOAD, index, SnmpType.Integer, busy(dev, `cpu${n}`, 2, 25));
  }
  const used = busy(dev, 'ram', 40, 25);
  const units = 1024;
  const size = 131_072; // 128 MiB in KiB
  b.cell(`${HR_STORAGE}.1`, 1, SnmpType.Integer, 1) // hrStorageIndex
    .cell(`${HR_STORAGE}.2`, 1, SnmpType.ObjectIdentifier, HR_STORAGE_RAM) // hrStorageType
    .cell(`${HR_STORAGE}.3`, 1, SnmpType.OctetString, dev.model.wireless === 'mikrotik' ? 'main memory' : 'Physical memory') // hrStorageDescr
    .cell(`${HR_STORAGE}.4`, 1, SnmpType.Integer, units) // hrStorageAllocationUnits
    .cell(`${HR_STORAGE}.5`, 1, SnmpType.Integer, size) // hrStorageSize
    .cell(`${HR_STORAGE}.6`, 1, SnmpType.Integer, (now) => Math.round((size * used(now)) / 100)); // hrStorageUsed
}

/** MIKROTIK-MIB health scalars in tenths: supply voltage and board temperature. */
function addMikrotik(b: MibViewBuilder, dev: DemoDeviceRuntime): void {
  const t = dailyGauge(80, hashSeed(dev.name, 'board'));
  b.scalar(`${MTXR_HL}.8`, SnmpType.Integer, 241) // mtxrHlVoltage (dV)
    .scalar(`${MTXR_HL}.10`, SnmpType.Integer, (now) => 380 + t(now)); // mtxrHlTemperature (dC)
}
