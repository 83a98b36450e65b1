/** A big synthetic device (system group, ifTable, ifXTable) for throughput benchmarks: cheap linear counters, thousands of rows. */
import { SnmpType } from '../../snmp/types.js';
import { IF_ENTRY, IF_NUMBER, IFX_ENTRY, SYSTEM } from '../oids.js';
import { MibViewBuilder, type MibView } from './mib-view.js';

export interface SyntheticDeviceOptions {
  /** Number of interfaces (ifIndex 1..n). */
  readonly interfaces: number;
  /** Serve the ifXTable HC (Counter64) columns; false = a 32-bit-only device. Default true. */
  readonly hc?: boolean;
  /** Epoch ms counters start from; default 0 keeps values a pure function of the clock. */
  readonly epochMs?: number;
  readonly sysName?: string;
}

const GIG = 1_000_000_000;

/**
 * Every counter is `base + rate·t`: one multiply per varbind, so a benchmark measures the agent's
 * encoding rather than the traffic model. Rates differ per port (1–99 % of 1G) to vary value lengths.
 */
export function syntheticDevice(options: SyntheticDeviceOptions): MibView {
  const n = options.interfaces;
  const hc = options.hc ?? true;
  const epoch = options.epochMs ?? 0;
  const b = new MibViewBuilder();
  b.scalar(SYSTEM.sysDescr, SnmpType.OctetString, `linkscope synthetic device, ${n} interfaces`)
    .scalar(SYSTEM.sysObjectID, SnmpType.ObjectIdentifier, '1.3.6.1.4.1.8072.3.2.10') // NET-SNMP-TC::linux
    .scalar(SYSTEM.sysUpTime, SnmpType.TimeTicks, (now) => Math.floor((now - epoch) / 10))
    .scalar(SYSTEM.sysContact, SnmpType.OctetString, 'bench')
    .scalar(SYSTEM.sysName, SnmpType.OctetString, options.sysName ?? 'synthetic')
    .scalar(SYSTEM.sysLocation, SnmpType.OctetString, 'lab')
    .scalar(SYSTEM.sysServices, SnmpType.Integer, 2)
    .scalar(IF_NUMBER, SnmpType.Integer, n);

  for (let i = 1; i <= n; i++) {
    const bytesPerMs = ((1 + (i % 99)) / 100) * (GIG / 8 / 1000);
    const base = i * 1_000_003;
    const octets = (now: number): number => base + Math.floor((now - epoch) * bytesPerMs);
    const pkts = (now: number): number => Math.floor(octets(now) / 700);
    const octetsOut = (now: number): number => base + Math.floor((now - epoch) * bytesPerMs * 0.4);
    const pktsOut = (now: number): number => Math.floor(octetsOut(now) / 900);
    b.cell(IF_ENTRY.ifIndex, i, SnmpType.Integer, i)
      .cell(IF_ENTRY.ifDescr, i, SnmpType.OctetString, `GigabitEthernet1/0/${i}`)
      .cell(IF_ENTRY.ifType, i, SnmpType.Integer, 6) // IANAifType ethernetCsmacd
      .cell(IF_ENTRY.ifMtu, i, SnmpType.Integer, 1500)
      .cell(IF_ENTRY.ifSpeed, i, SnmpType.Gauge32, GIG)
      .cell(IF_ENTRY.ifPhysAddress, i, SnmpType.OctetString, Buffer.from([0x02, 0, 0, 0, (i >> 8) & 0xff, i & 0xff]))
      .cell(IF_ENTRY.ifAdminStatus, i, SnmpType.Integer, 1)
      .cell(IF_ENTRY.ifOperStatus, i, SnmpType.Integer, 1)
      .cell(IF_ENTRY.ifLastChange, i, SnmpType.TimeTicks, 3000)
      .cell(IF_ENTRY.ifInOctets, i, SnmpType.Counter32, octets)
      .cell(IF_ENTRY.ifInUcastPkts, i, SnmpType.Counter32, pkts)
      .cell(IF_ENTRY.ifInDiscards, i, SnmpType.Counter32, 0)
      .cell(IF_ENTRY.ifInErrors, i, SnmpType.Counter32, 0)
      .cell(IF_ENTRY.ifOutOctets, i, SnmpType.Counter32, octetsOut)
      .cell(IF_ENTRY.ifOutUcastPkts, i, SnmpType.Counter32, pktsOut)
      .cell(IF_ENTRY.ifOutDiscards, i, SnmpType.Counter32, 0)
      .cell(IF_ENTRY.ifOutErrors, i, SnmpType.Counter32, 0);
    b.cell(IFX_ENTRY.ifName, i, SnmpType.OctetString, `Gi1/0/${i}`)
      .cell(IFX_ENTRY.ifInMulticastPkts, i, SnmpType.Counter32, 0)
      .cell(IFX_ENTRY.ifInBroadcastPkts, i, SnmpType.Counter32, 0)
      .cell(IFX_ENTRY.ifOutMulticastPkts, i, SnmpType.Counter32, 0)
      .cell(IFX_ENTRY.ifOutBroadcastPkts, i, SnmpType.Counter32, 0);
    if (hc) {
      b.cell(IFX_ENTRY.ifHCInOctets, i, SnmpType.Counter64, octets)
        .cell(IFX_ENTRY.ifHCInUcastPkts, i, SnmpType.Counter64, pkts)
        .cell(IFX_ENTRY.ifHCInMulticastPkts, i, SnmpType.Counter64, 0)
        .cell(IFX_ENTRY.ifHCInBroadcastPkts, i, SnmpType.Counter64, 0)
        .cell(IFX_ENTRY.ifHCOutOctets, i, SnmpType.Counter64, octetsOut)
        .cell(IFX_ENTRY.ifHCOutUcastPkts, i, SnmpType.Counter64, pktsOut)
        .cell(IFX_ENTRY.ifHCOutMulticastPkts, i, SnmpType.Counter64, 0)
        .cell(IFX_ENTRY.ifHCOutBroadcastPkts, i, SnmpType.Counter64, 0);
    }
    b.cell(IFX_ENTRY.ifHighSpeed, i, SnmpType.Gauge32, 1000)
      .cell(IFX_ENTRY.ifConnectorPresent, i, SnmpType.Integer, 1)
      .cell(IFX_ENTRY.ifAlias, i, SnmpType.OctetString, `port ${i}`)
      .cell(IFX_ENTRY.ifCounterDiscontinuityTime, i, SnmpType.TimeTicks, 0);
  }
  return b.build();
}
