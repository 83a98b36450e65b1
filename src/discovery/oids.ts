/** Numeric OIDs read by discovery and polling, each with its MIB name (resolved against mibs/ by a test). */
import type { CounterName } from '../model/counters.js';

export interface NamedOid {
  readonly oid: string;
  readonly mib: string;
}

const oid = (o: string, mib: string): NamedOid => ({ oid: o, mib });

export const SYSTEM = {
  sysDescr: oid('1.3.6.1.2.1.1.1.0', 'SNMPv2-MIB::sysDescr.0'),
  sysObjectID: oid('1.3.6.1.2.1.1.2.0', 'SNMPv2-MIB::sysObjectID.0'),
  sysUpTime: oid('1.3.6.1.2.1.1.3.0', 'SNMPv2-MIB::sysUpTime.0'),
  sysContact: oid('1.3.6.1.2.1.1.4.0', 'SNMPv2-MIB::sysContact.0'),
  sysName: oid('1.3.6.1.2.1.1.5.0', 'SNMPv2-MIB::sysName.0'),
  sysLocation: oid('1.3.6.1.2.1.1.6.0', 'SNMPv2-MIB::sysLocation.0'),
  sysServices: oid('1.3.6.1.2.1.1.7.0', 'SNMPv2-MIB::sysServices.0'),
  ifNumber: oid('1.3.6.1.2.1.2.1.0', 'IF-MIB::ifNumber.0'),
  ifTableLastChange: oid('1.3.6.1.2.1.31.1.5.0', 'IF-MIB::ifTableLastChange.0'),
} as const;

/** ifTable (1.3.6.1.2.1.2.2.1) and ifXTable (1.3.6.1.2.1.31.1.1.1) columns. */
export const IF = {
  ifDescr: oid('1.3.6.1.2.1.2.2.1.2', 'IF-MIB::ifDescr'),
  ifType: oid('1.3.6.1.2.1.2.2.1.3', 'IF-MIB::ifType'),
  ifMtu: oid('1.3.6.1.2.1.2.2.1.4', 'IF-MIB::ifMtu'),
  ifSpeed: oid('1.3.6.1.2.1.2.2.1.5', 'IF-MIB::ifSpeed'),
  ifPhysAddress: oid('1.3.6.1.2.1.2.2.1.6', 'IF-MIB::ifPhysAddress'),
  ifAdminStatus: oid('1.3.6.1.2.1.2.2.1.7', 'IF-MIB::ifAdminStatus'),
  ifOperStatus: oid('1.3.6.1.2.1.2.2.1.8', 'IF-MIB::ifOperStatus'),
  ifLastChange: oid('1.3.6.1.2.1.2.2.1.9', 'IF-MIB::ifLastChange'),
  ifInOctets: oid('1.3.6.1.2.1.2.2.1.10', 'IF-MIB::ifInOctets'),
  ifInUcastPkts: oid('1.3.6.1.2.1.2.2.1.11', 'IF-MIB::ifInUcastPkts'),
  ifInDiscards: oid('1.3.6.1.2.1.2.2.1.13', 'IF-MIB::ifInDiscards'),
  ifInErrors: oid('1.3.6.1.2.1.2.2.1.14', 'IF-MIB::ifInErrors'),
  ifOutOctets: oid('1.3.6.1.2.1.2.2.1.16', 'IF-MIB::ifOutOctets'),
  ifOutUcastPkts: oid('1.3.6.1.2.1.2.2.1.17', 'IF-MIB::ifOutUcastPkts'),
  ifOutDiscards: oid('1.3.6.1.2.1.2.2.1.19', 'IF-MIB::ifOutDiscards'),
  ifOutErrors: oid('1.3.6.1.2.1.2.2.1.20', 'IF-MIB::ifOutErrors'),
  ifName: oid('1.3.6.1.2.1.31.1.1.1.1', 'IF-MIB::ifName'),
  ifInMulticastPkts: oid('1.3.6.1.2.1.31.1.1.1.2', 'IF-MIB::ifInMulticastPkts'),
  ifInBroadcastPkts: oid('1.3.6.1.2.1.31.1.1.1.3', 'IF-MIB::ifInBroadcastPkts'),
  ifOutMulticastPkts: oid('1.3.6.1.2.1.31.1.1.1.4', 'IF-MIB::ifOutMulticastPkts'),
  ifOutBroadcastPkts: oid('1.3.6.1.2.1.31.1.1.1.5', 'IF-MIB::ifOutBroadcastPkts'),
  ifHCInOctets: oid('1.3.6.1.2.1.31.1.1.1.6', 'IF-MIB::ifHCInOctets'),
  ifHCInUcastPkts: oid('1.3.6.1.2.1.31.1.1.1.7', 'IF-MIB::ifHCInUcastPkts'),
  ifHCInMulticastPkts: oid('1.3.6.1.2.1.31.1.1.1.8', 'IF-MIB::ifHCInMulticastPkts'),
  ifHCInBroadcastPkts: oid('1.3.6.1.2.1.31.1.1.1.9', 'IF-MIB::ifHCInBroadcastPkts'),
  ifHCOutOctets: oid('1.3.6.1.2.1.31.1.1.1.10', 'IF-MIB::ifHCOutOctets'),
  ifHCOutUcastPkts: oid('1.3.6.1.2.1.31.1.1.1.11', 'IF-MIB::ifHCOutUcastPkts'),
  ifHCOutMulticastPkts: oid('1.3.6.1.2.1.31.1.1.1.12', 'IF-MIB::ifHCOutMulticastPkts'),
  ifHCOutBroadcastPkts: oid('1.3.6.1.2.1.31.1.1.1.13', 'IF-MIB::ifHCOutBroadcastPkts'),
  ifHighSpeed: oid('1.3.6.1.2.1.31.1.1.1.15', 'IF-MIB::ifHighSpeed'),
  ifAlias: oid('1.3.6.1.2.1.31.1.1.1.18', 'IF-MIB::ifAlias'),
  ifCounterDiscontinuityTime: oid('1.3.6.1.2.1.31.1.1.1.19', 'IF-MIB::ifCounterDiscontinuityTime'),
} as const;

export type IfColumn = keyof typeof IF;

/**
 * Where each domain counter can be read: the 64-bit ifXTable column first, then the 32-bit one.
 * Multicast/broadcast 32-bit columns live in ifXTable too (ifInMulticastPkts …).
 */
export const COUNTER_SOURCES: Readonly<Record<CounterName, { readonly hc: IfColumn | null; readonly c32: IfColumn }>> = {
  inOctets: { hc: 'ifHCInOctets', c32: 'ifInOctets' },
  outOctets: { hc: 'ifHCOutOctets', c32: 'ifOutOctets' },
  inUcastPkts: { hc: 'ifHCInUcastPkts', c32: 'ifInUcastPkts' },
  outUcastPkts: { hc: 'ifHCOutUcastPkts', c32: 'ifOutUcastPkts' },
  inMulticastPkts: { hc: 'ifHCInMulticastPkts', c32: 'ifInMulticastPkts' },
  outMulticastPkts: { hc: 'ifHCOutMulticastPkts', c32: 'ifOutMulticastPkts' },
  inBroadcastPkts: { hc: 'ifHCInBroadcastPkts', c32: 'ifInBroadcastPkts' },
  outBroadcastPkts: { hc: 'ifHCOutBroadcastPkts', c32: 'ifOutBroadcastPkts' },
  inErrors: { hc: null, c32: 'ifInErrors' },
  outErrors: { hc: null, c32: 'ifOutErrors' },
  inDiscards: { hc: null, c32: 'ifInDiscards' },
  outDiscards: { hc: null, c32: 'ifOutDiscards' },
};

/** Columns walked at discovery: identity, configuration, status and every counter (to choose HC vs 32-bit). */
export const DISCOVERY_COLUMNS: readonly IfColumn[] = Object.keys(IF) as IfColumn[];

/** Columns walked on every poll besides the chosen counter columns. */
export const POLL_STATUS_COLUMNS: readonly IfColumn[] = [
  'ifDescr',
  'ifAdminStatus',
  'ifOperStatus',
  'ifLastChange',
  'ifHighSpeed',
  'ifSpeed',
  'ifCounterDiscontinuityTime',
];
