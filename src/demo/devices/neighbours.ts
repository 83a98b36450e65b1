/** LLDP-MIB and CISCO-CDP-MIB rows derived from the cabling, so both ends of every cable always agree. */
import { SnmpType } from '../../snmp/types.js';
import type { MibViewBuilder } from '../agent/mib-view.js';
import { CDP_CACHE, LLDP_LOC, LLDP_REM, ZERO_DOT_ZERO } from '../oids.js';
import type { DemoDeviceRuntime, DemoInterface } from './device.js';

/** LldpChassisIdSubtype macAddress(4); LldpPortIdSubtype macAddress(3), interfaceName(5). */
const CHASSIS_ID_MAC = 4;
const PORT_ID_MAC = 3;
/** IANA AddressFamilyNumbers ipV4(1), CiscoNetworkProtocol ip(1), LLDP ManAddrIfSubtype ifIndex(2). */
const ADDR_IPV4 = 1;
const MAN_ADDR_IF_INDEX = 2;
/** lldpRemTimeMark: 0 = the entries predate the last sysUpTime wrap, as a long-running switch shows. */
const TIME_MARK = 0;

export interface Neighbour {
  readonly local: DemoInterface;
  readonly remoteDevice: DemoDeviceRuntime;
  readonly remote: DemoInterface;
}

/**
 * Cabled ports whose both ends are admin up. A cabled port that is oper down (the demo's faulty
 * cable) keeps its row: the demo freezes the minute after the fault, while the LLDP/CDP entries
 * still live out their hold time (120 s / 180 s), so the topology shows that link as down.
 */
export function neighboursOf(dev: DemoDeviceRuntime, byName: ReadonlyMap<string, DemoDeviceRuntime>): Neighbour[] {
  const out: Neighbour[] = [];
  for (const local of dev.interfaces) {
    if (local.peer === null || !local.adminUp) continue;
    const remoteDevice = byName.get(local.peer.device);
    const remote = remoteDevice?.byName.get(local.peer.port);
    if (remoteDevice === undefined || remote === undefined || !remote.adminUp) continue;
    out.push({ local, remoteDevice, remote });
  }
  return out;
}

/** The port id a device sends for one of its ports (what neighbours store as lldpRemPortId). */
export function lldpPortId(dev: DemoDeviceRuntime, itf: DemoInterface): string | Buffer {
  return dev.model.lldpPortIdSubtype === PORT_ID_MAC ? itf.mac : itf.port.ifName;
}

/** Port description TLV: IOS and Junos send the configured description, Linux-based APs the name. */
export function lldpPortDesc(dev: DemoDeviceRuntime, itf: DemoInterface): string {
  if (dev.model.vendor === 'ubiquiti' || dev.model.vendor === 'mikrotik') return itf.port.ifName;
  return itf.alias !== '' ? itf.alias : itf.port.ifDescr;
}

function ipv4(text: string): number[] {
  return text.split('.').map(Number);
}

export function addLldp(b: MibViewBuilder, dev: DemoDeviceRuntime, byName: ReadonlyMap<string, DemoDeviceRuntime>): void {
  const m = dev.model;
  const caps = Buffer.from([m.lldpCapabilities]);
  b.scalar(LLDP_LOC.lldpLocChassisIdSubtype, SnmpType.Integer, CHASSIS_ID_MAC)
    .scalar(LLDP_LOC.lldpLocChassisId, SnmpType.OctetString, dev.chassisMac)
    .scalar(LLDP_LOC.lldpLocSysName, SnmpType.OctetString, dev.name)
    .scalar(LLDP_LOC.lldpLocSysDesc, SnmpType.OctetString, m.sysDescr)
    .scalar(LLDP_LOC.lldpLocSysCapSupported, SnmpType.OctetString, caps)
    .scalar(LLDP_LOC.lldpLocSysCapEnabled, SnmpType.OctetString, caps);
  // lldpLocPortNum = ifIndex, as most implementations number them.
  for (const itf of dev.interfaces) {
    if (!itf.port.physical) continue;
    const n = itf.port.ifIndex;
    b.cell(LLDP_LOC.lldpLocPortIdSubtype, n, SnmpType.Integer, m.lldpPortIdSubtype)
      .cell(LLDP_LOC.lldpLocPortId, n, SnmpType.OctetString, lldpPortId(dev, itf))
      .cell(LLDP_LOC.lldpLocPortDesc, n, SnmpType.OctetString, lldpPortDesc(dev, itf));
  }

  for (const { local, remoteDevice: r, remote } of neighboursOf(dev, byName)) {
    const idx = [TIME_MARK, local.port.ifIndex, 1];
    const rcaps = Buffer.from([r.model.lldpCapabilities]);
    b.cell(LLDP_REM.lldpRemChassisIdSubtype, idx, SnmpType.Integer, CHASSIS_ID_MAC)
      .cell(LLDP_REM.lldpRemChassisId, idx, SnmpType.OctetString, r.chassisMac)
      .cell(LLDP_REM.lldpRemPortIdSubtype, idx, SnmpType.Integer, r.model.lldpPortIdSubtype)
      .cell(LLDP_REM.lldpRemPortId, idx, SnmpType.OctetString, lldpPortId(r, remote))
      .cell(LLDP_REM.lldpRemPortDesc, idx, SnmpType.OctetString, lldpPortDesc(r, remote))
      .cell(LLDP_REM.lldpRemSysName, idx, SnmpType.OctetString, r.name)
      .cell(LLDP_REM.lldpRemSysDesc, idx, SnmpType.OctetString, r.model.sysDescr)
      .cell(LLDP_REM.lldpRemSysCapSupported, idx, SnmpType.OctetString, rcaps)
      .cell(LLDP_REM.lldpRemSysCapEnabled, idx, SnmpType.OctetString, rcaps);
    // lldpRemManAddr is an OCTET STRING index, so it carries its length: …1.4.a.b.c.d.
    const addrIdx = [...idx, ADDR_IPV4, 4, ...ipv4(r.spec.mgmtIp)];
    b.cell(LLDP_REM.lldpRemManAddrIfSubtype, addrIdx, SnmpType.Integer, MAN_ADDR_IF_INDEX)
      .cell(LLDP_REM.lldpRemManAddrIfId, addrIdx, SnmpType.Integer, remote.port.ifIndex)
      .cell(LLDP_REM.lldpRemManAddrOID, addrIdx, SnmpType.ObjectIdentifier, ZERO_DOT_ZERO);
  }
}

/** cdpCacheTable on Cisco devices, for neighbours that speak CDP too (Cisco only here). */
export function addCdp(b: MibViewBuilder, dev: DemoDeviceRuntime, byName: ReadonlyMap<string, DemoDeviceRuntime>): void {
  if (!dev.model.speaksCdp) return;
  for (const { local, remoteDevice: r, remote } of neighboursOf(dev, byName)) {
    if (!r.model.speaksCdp) continue;
    const idx = [local.port.ifIndex, 1];
    const capBytes = Buffer.alloc(4);
    capBytes.writeUInt32BE(r.model.cdpCapabilities);
    b.cell(CDP_CACHE.cdpCacheAddressType, idx, SnmpType.Integer, ADDR_IPV4)
      .cell(CDP_CACHE.cdpCacheAddress, idx, SnmpType.OctetString, Buffer.from(ipv4(r.spec.mgmtIp)))
      .cell(CDP_CACHE.cdpCacheVersion, idx, SnmpType.OctetString, r.model.sysDescr)
      .cell(CDP_CACHE.cdpCacheDeviceId, idx, SnmpType.OctetString, r.name)
      // CDP names the remote port in full (GigabitEthernet1/0/10), unlike LLDP's short ifName.
      .cell(CDP_CACHE.cdpCacheDevicePort, idx, SnmpType.OctetString, remote.port.ifDescr)
      .cell(CDP_CACHE.cdpCachePlatform, idx, SnmpType.OctetString, r.model.platform)
      .cell(CDP_CACHE.cdpCacheCapabilities, idx, SnmpType.OctetString, capBytes)
      .cell(CDP_CACHE.cdpCacheSysName, idx, SnmpType.OctetString, r.name);
  }
}
