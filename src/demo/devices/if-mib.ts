/** SNMPv2-MIB system group and IF-MIB (ifTable, ifXTable) rows of a demo device, with counters computed at request time. */
import { SnmpType } from '../../snmp/types.js';
import type { MibViewBuilder } from '../agent/mib-view.js';
import { IF_ENTRY, IF_NUMBER, IF_TABLE_LAST_CHANGE, IFX_ENTRY, SYSTEM, ZERO_DOT_ZERO } from '../oids.js';
import { DEMO_CONTACT } from '../topology.js';
import { emptySnapshot, type CounterSnapshot, type DemoDeviceRuntime, type DemoInterface } from './device.js';

const GAUGE32_MAX = 4294967295;

export function addSystem(b: MibViewBuilder, dev: DemoDeviceRuntime): void {
  const m = dev.model;
  b.scalar(SYSTEM.sysDescr, SnmpType.OctetString, m.sysDescr)
    .scalar(SYSTEM.sysObjectID, SnmpType.ObjectIdentifier, m.sysObjectID)
    .scalar(SYSTEM.sysUpTime, SnmpType.TimeTicks, (now) => dev.uptimeTicks(now))
    .scalar(SYSTEM.sysContact, SnmpType.OctetString, DEMO_CONTACT)
    .scalar(SYSTEM.sysName, SnmpType.OctetString, dev.name)
    .scalar(SYSTEM.sysLocation, SnmpType.OctetString, dev.spec.location)
    .scalar(SYSTEM.sysServices, SnmpType.Integer, m.sysServices);
}

/** One snapshot per interface and instant: a GETBULK row reads a dozen counters of the same port. */
function snapshotter(dev: DemoDeviceRuntime, itf: DemoInterface): (now: number) => CounterSnapshot {
  const snap = emptySnapshot();
  let at = Number.NaN;
  let bootAt = Number.NaN;
  return (now) => {
    if (now !== at || dev.bootMs !== bootAt) {
      dev.counters(itf, now, snap);
      at = now;
      bootAt = dev.bootMs;
    }
    return snap;
  };
}

export function addIfMib(b: MibViewBuilder, dev: DemoDeviceRuntime): void {
  const hc = dev.model.hcCounters;
  b.scalar(IF_NUMBER, SnmpType.Integer, dev.interfaces.length);
  b.scalar(IF_TABLE_LAST_CHANGE, SnmpType.TimeTicks, () => Math.max(...dev.interfaces.map((i) => dev.lastChangeTicks(i))));

  for (const itf of dev.interfaces) {
    const p = itf.port;
    const i = p.ifIndex;
    const c = snapshotter(dev, itf);
    const operStatus = itf.adminUp && itf.operUp ? 1 : 2;
    const hasMac = p.ifType !== 24; // softwareLoopback has no hardware address
    b.cell(IF_ENTRY.ifIndex, i, SnmpType.Integer, i)
      .cell(IF_ENTRY.ifDescr, i, SnmpType.OctetString, p.ifDescr)
      .cell(IF_ENTRY.ifType, i, SnmpType.Integer, p.ifType)
      .cell(IF_ENTRY.ifMtu, i, SnmpType.Integer, p.mtu)
      .cell(IF_ENTRY.ifSpeed, i, SnmpType.Gauge32, Math.min(p.speedBps, GAUGE32_MAX))
      .cell(IF_ENTRY.ifPhysAddress, i, SnmpType.OctetString, hasMac ? itf.mac : Buffer.alloc(0))
      .cell(IF_ENTRY.ifAdminStatus, i, SnmpType.Integer, itf.adminUp ? 1 : 2)
      .cell(IF_ENTRY.ifOperStatus, i, SnmpType.Integer, operStatus)
      .cell(IF_ENTRY.ifLastChange, i, SnmpType.TimeTicks, () => dev.lastChangeTicks(itf))
      .cell(IF_ENTRY.ifInOctets, i, SnmpType.Counter32, (n) => c(n).inOctets)
      .cell(IF_ENTRY.ifInUcastPkts, i, SnmpType.Counter32, (n) => c(n).inUcastPkts)
      .cell(IF_ENTRY.ifInNUcastPkts, i, SnmpType.Counter32, (n) => c(n).inMulticastPkts + c(n).inBroadcastPkts)
      .cell(IF_ENTRY.ifInDiscards, i, SnmpType.Counter32, (n) => c(n).inDiscards)
      .cell(IF_ENTRY.ifInErrors, i, SnmpType.Counter32, (n) => c(n).inErrors)
      .cell(IF_ENTRY.ifInUnknownProtos, i, SnmpType.Counter32, 0)
      .cell(IF_ENTRY.ifOutOctets, i, SnmpType.Counter32, (n) => c(n).outOctets)
      .cell(IF_ENTRY.ifOutUcastPkts, i, SnmpType.Counter32, (n) => c(n).outUcastPkts)
      .cell(IF_ENTRY.ifOutNUcastPkts, i, SnmpType.Counter32, (n) => c(n).outMulticastPkts + c(n).outBroadcastPkts)
      .cell(IF_ENTRY.ifOutDiscards, i, SnmpType.Counter32, (n) => c(n).outDiscards)
      .cell(IF_ENTRY.ifOutErrors, i, SnmpType.Counter32, (n) => c(n).outErrors)
      .cell(IF_ENTRY.ifOutQLen, i, SnmpType.Gauge32, 0)
      .cell(IF_ENTRY.ifSpecific, i, SnmpType.ObjectIdentifier, ZERO_DOT_ZERO);

    b.cell(IFX_ENTRY.ifName, i, SnmpType.OctetString, p.ifName)
      .cell(IFX_ENTRY.ifInMulticastPkts, i, SnmpType.Counter32, (n) => c(n).inMulticastPkts)
      .cell(IFX_ENTRY.ifInBroadcastPkts, i, SnmpType.Counter32, (n) => c(n).inBroadcastPkts)
      .cell(IFX_ENTRY.ifOutMulticastPkts, i, SnmpType.Counter32, (n) => c(n).outMulticastPkts)
      .cell(IFX_ENTRY.ifOutBroadcastPkts, i, SnmpType.Counter32, (n) => c(n).outBroadcastPkts);
    if (hc) {
      b.cell(IFX_ENTRY.ifHCInOctets, i, SnmpType.Counter64, (n) => c(n).inOctets)
        .cell(IFX_ENTRY.ifHCInUcastPkts, i, SnmpType.Counter64, (n) => c(n).inUcastPkts)
        .cell(IFX_ENTRY.ifHCInMulticastPkts, i, SnmpType.Counter64, (n) => c(n).inMulticastPkts)
        .cell(IFX_ENTRY.ifHCInBroadcastPkts, i, SnmpType.Counter64, (n) => c(n).inBroadcastPkts)
        .cell(IFX_ENTRY.ifHCOutOctets, i, SnmpType.Counter64, (n) => c(n).outOctets)
        .cell(IFX_ENTRY.ifHCOutUcastPkts, i, SnmpType.Counter64, (n) => c(n).outUcastPkts)
        .cell(IFX_ENTRY.ifHCOutMulticastPkts, i, SnmpType.Counter64, (n) => c(n).outMulticastPkts)
        .cell(IFX_ENTRY.ifHCOutBroadcastPkts, i, SnmpType.Counter64, (n) => c(n).outBroadcastPkts);
    }
    b.cell(IFX_ENTRY.ifLinkUpDownTrapEnable, i, SnmpType.Integer, p.physical ? 1 : 2)
      .cell(IFX_ENTRY.ifHighSpeed, i, SnmpType.Gauge32, Math.round(p.speedBps / 1_000_000))
      .cell(IFX_ENTRY.ifPromiscuousMode, i, SnmpType.Integer, 2)
      .cell(IFX_ENTRY.ifConnectorPresent, i, SnmpType.Integer, p.physical ? 1 : 2)
      .cell(IFX_ENTRY.ifAlias, i, SnmpType.OctetString, itf.alias)
      // Counters only restart with the agent, whose boot sysUpTime 0 already marks.
      .cell(IFX_ENTRY.ifCounterDiscontinuityTime, i, SnmpType.TimeTicks, 0);
  }
}
