/**
 * Neighbour tables as data: which table holds LLDP/CDP neighbours, what its index means, how its
 * columns are read. Applied by discovery/neighbors.ts; a new variant is a new entry here.
 */
import type { NeighborProtocol } from '../model/topology.js';
import type { ColumnSpec, TableSpec } from '../snmp/table.js';

/** Columns a neighbour table may have, in domain words; each profile maps the ones it has. */
export type NeighborColumn =
  | 'chassisIdSubtype'
  | 'chassisId'
  | 'portIdSubtype'
  | 'portId'
  | 'portDesc'
  | 'sysName'
  | 'sysDesc'
  | 'capEnabled'
  | 'address'
  | 'addressType'
  | 'platform'
  | 'nativeVlan'
  | 'duplex';

/**
 * What each index component is. `localPortNum` is LLDP-MIB's lldpRemLocalPortNum (mapped by the
 * ordered strategy of topology/port-mapping.ts); `localIfIndex` is a true ifIndex. Components
 * named anything else (`timeMark`, `remIndex`, `destMac`, `deviceIndex`) are not read.
 */
export type IndexPart = 'timeMark' | 'localPortNum' | 'localIfIndex' | 'destMac' | 'remIndex' | 'deviceIndex';

export interface NeighborProfile {
  readonly name: string;
  readonly protocol: NeighborProtocol;
  /** The MIB module and, when linkscope does not ship it (licence), where to get it. */
  readonly mib: string;
  readonly shipped: boolean;
  readonly remote: TableSpec<NeighborColumn>;
  /**
   * Index shapes, tried by length. Agents differ in what they put in front: LLDP-MIB has
   * timeMark.localPortNum.remIndex (timeMark is often not 0: ArubaOS-CX answers 61290).
   */
  readonly index: readonly (readonly IndexPart[])[];
  /** How the ID and capability columns are encoded. */
  readonly encoding: 'lldp' | 'cdp' | 'text';
  /** `text` encoding: the words the agent uses for subtypes (→ LLDP-MIB subtype numbers) and capabilities (→ LLDP words). */
  readonly words?: {
    readonly chassisIdSubtype: Readonly<Record<string, number>>;
    readonly portIdSubtype: Readonly<Record<string, number>>;
    readonly capabilities: Readonly<Record<string, string>>;
  };
  /** lldpRemManAddrTable-like table: index = the remote table's index, then family.len.address. */
  readonly managementAddresses?: TableSpec<'ifSubtype'>;
  /** lldpLocPortTable-like table, by localPortNum: what the agent calls its own ports. */
  readonly localPorts?: TableSpec<'portIdSubtype' | 'portId' | 'portDesc'>;
  /** The agent's own chassis ID: scalars, walked as a table whose index is `0`. */
  readonly localChassis?: TableSpec<'chassisIdSubtype' | 'chassisId'>;
}

const col = (oid: string, mib: string, as: ColumnSpec['as']): ColumnSpec => ({ oid, mib, as });

/** LLDP-MIB (IEEE 802.1AB-2005), lldpRemTable 1.0.8802.1.1.2.1.4.1.1. Shipped in mibs/. */
export const LLDP_MIB: NeighborProfile = {
  name: 'LLDP-MIB',
  protocol: 'lldp',
  mib: 'LLDP-MIB (IEEE 802.1AB-2005)',
  shipped: true,
  remote: {
    name: 'lldpRemTable',
    // 3 components as the MIB says; 1 (RouterOS 6.40 indexes by remIndex alone) and anything
    // else in between is kept, unmapped, rather than read as something it is not.
    indexLength: [1, 3],
    columns: {
      chassisIdSubtype: col('1.0.8802.1.1.2.1.4.1.1.4', 'LLDP-MIB::lldpRemChassisIdSubtype', 'integer'),
      chassisId: col('1.0.8802.1.1.2.1.4.1.1.5', 'LLDP-MIB::lldpRemChassisId', 'bytes'),
      portIdSubtype: col('1.0.8802.1.1.2.1.4.1.1.6', 'LLDP-MIB::lldpRemPortIdSubtype', 'integer'),
      portId: col('1.0.8802.1.1.2.1.4.1.1.7', 'LLDP-MIB::lldpRemPortId', 'bytes'),
      portDesc: col('1.0.8802.1.1.2.1.4.1.1.8', 'LLDP-MIB::lldpRemPortDesc', 'text'),
      sysName: col('1.0.8802.1.1.2.1.4.1.1.9', 'LLDP-MIB::lldpRemSysName', 'text'),
      sysDesc: col('1.0.8802.1.1.2.1.4.1.1.10', 'LLDP-MIB::lldpRemSysDesc', 'text'),
      capEnabled: col('1.0.8802.1.1.2.1.4.1.1.12', 'LLDP-MIB::lldpRemSysCapEnabled', 'bytes'),
    },
  },
  index: [['timeMark', 'localPortNum', 'remIndex'], ['remIndex']],
  encoding: 'lldp',
  managementAddresses: {
    name: 'lldpRemManAddrTable',
    // timeMark.localPortNum.remIndex.family.len.octets: at least one octet of address.
    indexLength: [6, 40],
    columns: { ifSubtype: col('1.0.8802.1.1.2.1.4.2.1.3', 'LLDP-MIB::lldpRemManAddrIfSubtype', 'integer') },
  },
  localPorts: {
    name: 'lldpLocPortTable',
    indexLength: 1,
    columns: {
      portIdSubtype: col('1.0.8802.1.1.2.1.3.7.1.2', 'LLDP-MIB::lldpLocPortIdSubtype', 'integer'),
      portId: col('1.0.8802.1.1.2.1.3.7.1.3', 'LLDP-MIB::lldpLocPortId', 'bytes'),
      portDesc: col('1.0.8802.1.1.2.1.3.7.1.4', 'LLDP-MIB::lldpLocPortDesc', 'text'),
    },
  },
  localChassis: {
    name: 'lldpLocalSystemData',
    indexLength: 1,
    columns: {
      chassisIdSubtype: col('1.0.8802.1.1.2.1.3.1', 'LLDP-MIB::lldpLocChassisIdSubtype', 'integer'),
      chassisId: col('1.0.8802.1.1.2.1.3.2', 'LLDP-MIB::lldpLocChassisId', 'bytes'),
    },
  },
};

/**
 * LLDP-V2-MIB (IEEE 802.1AB-2009/2016), lldpV2RemTable 1.3.111.2.802.1.1.13.1.4.1.1: indexed
 * timeMark.localIfIndex.destMacAddressIndex.remIndex, the local port a true ifIndex. Shipped.
 */
export const LLDP_V2_MIB: NeighborProfile = {
  name: 'LLDP-V2-MIB',
  protocol: 'lldp',
  mib: 'LLDP-V2-MIB (IEEE 802.1AB-2016)',
  shipped: true,
  remote: {
    name: 'lldpV2RemTable',
    indexLength: 4,
    columns: {
      chassisIdSubtype: col('1.3.111.2.802.1.1.13.1.4.1.1.5', 'LLDP-V2-MIB::lldpV2RemChassisIdSubtype', 'integer'),
      chassisId: col('1.3.111.2.802.1.1.13.1.4.1.1.6', 'LLDP-V2-MIB::lldpV2RemChassisId', 'bytes'),
      portIdSubtype: col('1.3.111.2.802.1.1.13.1.4.1.1.7', 'LLDP-V2-MIB::lldpV2RemPortIdSubtype', 'integer'),
      portId: col('1.3.111.2.802.1.1.13.1.4.1.1.8', 'LLDP-V2-MIB::lldpV2RemPortId', 'bytes'),
      portDesc: col('1.3.111.2.802.1.1.13.1.4.1.1.9', 'LLDP-V2-MIB::lldpV2RemPortDesc', 'text'),
      sysName: col('1.3.111.2.802.1.1.13.1.4.1.1.10', 'LLDP-V2-MIB::lldpV2RemSysName', 'text'),
      sysDesc: col('1.3.111.2.802.1.1.13.1.4.1.1.11', 'LLDP-V2-MIB::lldpV2RemSysDesc', 'text'),
      capEnabled: col('1.3.111.2.802.1.1.13.1.4.1.1.13', 'LLDP-V2-MIB::lldpV2RemSysCapEnabled', 'bytes'),
    },
  },
  index: [['timeMark', 'localIfIndex', 'destMac', 'remIndex']],
  encoding: 'lldp',
  managementAddresses: {
    name: 'lldpV2RemManAddrTable',
    indexLength: [7, 41],
    columns: { ifSubtype: col('1.3.111.2.802.1.1.13.1.4.2.1.3', 'LLDP-V2-MIB::lldpV2RemManAddrIfSubtype', 'integer') },
  },
  localChassis: {
    name: 'lldpV2LocalSystemData',
    indexLength: 1,
    columns: {
      chassisIdSubtype: col('1.3.111.2.802.1.1.13.1.3.1', 'LLDP-V2-MIB::lldpV2LocChassisIdSubtype', 'integer'),
      chassisId: col('1.3.111.2.802.1.1.13.1.3.2', 'LLDP-V2-MIB::lldpV2LocChassisId', 'bytes'),
    },
  },
};

/**
 * CISCO-CDP-MIB cdpCacheTable 1.3.6.1.4.1.9.9.23.1.2.1.1, indexed cdpCacheIfIndex.cdpCacheDeviceIndex.
 * Not shipped (Cisco: "All rights reserved"); get CISCO-CDP-MIB, CISCO-SMI and CISCO-TC from
 * https://github.com/cisco/cisco-mibs to walk it by name.
 */
export const CISCO_CDP_MIB: NeighborProfile = {
  name: 'CISCO-CDP-MIB',
  protocol: 'cdp',
  mib: 'CISCO-CDP-MIB (not shipped: Cisco, all rights reserved; https://github.com/cisco/cisco-mibs)',
  shipped: false,
  remote: {
    name: 'cdpCacheTable',
    indexLength: 2,
    columns: {
      addressType: col('1.3.6.1.4.1.9.9.23.1.2.1.1.3', 'CISCO-CDP-MIB::cdpCacheAddressType', 'integer'),
      address: col('1.3.6.1.4.1.9.9.23.1.2.1.1.4', 'CISCO-CDP-MIB::cdpCacheAddress', 'bytes'),
      sysDesc: col('1.3.6.1.4.1.9.9.23.1.2.1.1.5', 'CISCO-CDP-MIB::cdpCacheVersion', 'text'),
      chassisId: col('1.3.6.1.4.1.9.9.23.1.2.1.1.6', 'CISCO-CDP-MIB::cdpCacheDeviceId', 'bytes'),
      portId: col('1.3.6.1.4.1.9.9.23.1.2.1.1.7', 'CISCO-CDP-MIB::cdpCacheDevicePort', 'bytes'),
      platform: col('1.3.6.1.4.1.9.9.23.1.2.1.1.8', 'CISCO-CDP-MIB::cdpCachePlatform', 'text'),
      capEnabled: col('1.3.6.1.4.1.9.9.23.1.2.1.1.9', 'CISCO-CDP-MIB::cdpCacheCapabilities', 'bytes'),
      nativeVlan: col('1.3.6.1.4.1.9.9.23.1.2.1.1.11', 'CISCO-CDP-MIB::cdpCacheNativeVLAN', 'integer'),
      duplex: col('1.3.6.1.4.1.9.9.23.1.2.1.1.12', 'CISCO-CDP-MIB::cdpCacheDuplex', 'integer'),
      sysName: col('1.3.6.1.4.1.9.9.23.1.2.1.1.17', 'CISCO-CDP-MIB::cdpCacheSysName', 'text'),
    },
  },
  index: [['localIfIndex', 'deviceIndex']],
  encoding: 'cdp',
};

/**
 * TP-Link JetStream / Omada switches (seen: SG2218P) answer LLDP-MIB's lldpLocPortTable but keep
 * their neighbours in TPLINK-LLDPINFO-MIB lldpNeighborInfoTable 1.3.6.1.4.1.11863.6.35.1.2.2.1,
 * indexed ifIndex.lldpNeighborPortIndexId, every column text (subtypes as words, the chassis MAC
 * as `48:A9:8A:C1:AC:58`, capabilities as `Bridge Router`). Not shipped (TP-Link, no licence
 * stated); the module is in the netdisco-mibs collection (tplink/tplink-lldp-lldpinfo.mib).
 */
export const TPLINK_LLDPINFO_MIB: NeighborProfile = {
  name: 'TPLINK-LLDPINFO-MIB',
  protocol: 'lldp',
  mib: 'TPLINK-LLDPINFO-MIB (not shipped: TP-Link, no licence stated; netdisco-mibs tplink/tplink-lldp-lldpinfo.mib)',
  shipped: false,
  remote: {
    name: 'lldpNeighborInfoTable',
    indexLength: 2,
    columns: {
      chassisIdSubtype: col('1.3.6.1.4.1.11863.6.35.1.2.2.1.3', 'TPLINK-LLDPINFO-MIB::lldpNeighborChassisIdType', 'text'),
      chassisId: col('1.3.6.1.4.1.11863.6.35.1.2.2.1.4', 'TPLINK-LLDPINFO-MIB::lldpNeighborChassisId', 'text'),
      portIdSubtype: col('1.3.6.1.4.1.11863.6.35.1.2.2.1.5', 'TPLINK-LLDPINFO-MIB::lldpNeighborPortIdType', 'text'),
      portId: col('1.3.6.1.4.1.11863.6.35.1.2.2.1.6', 'TPLINK-LLDPINFO-MIB::lldpNeighborPortIdDescr', 'text'),
      portDesc: col('1.3.6.1.4.1.11863.6.35.1.2.2.1.8', 'TPLINK-LLDPINFO-MIB::lldpNeighborPortDescr', 'text'),
      sysName: col('1.3.6.1.4.1.11863.6.35.1.2.2.1.9', 'TPLINK-LLDPINFO-MIB::lldpNeighborDeviceName', 'text'),
      sysDesc: col('1.3.6.1.4.1.11863.6.35.1.2.2.1.10', 'TPLINK-LLDPINFO-MIB::lldpNeighborDeviceDescr', 'text'),
      capEnabled: col('1.3.6.1.4.1.11863.6.35.1.2.2.1.12', 'TPLINK-LLDPINFO-MIB::lldpNeighborCapEnabled', 'text'),
      address: col('1.3.6.1.4.1.11863.6.35.1.2.2.1.13', 'TPLINK-LLDPINFO-MIB::lldpNeighborManageIpAddr', 'text'),
    },
  },
  index: [['localIfIndex', 'remIndex']],
  encoding: 'text',
  words: {
    // The words are LLDP-MIB's subtype descriptions as TP-Link's firmware prints them.
    chassisIdSubtype: { 'chassis component': 1, 'interface alias': 2, 'port component': 3, 'mac address': 4, 'network address': 5, 'interface name': 6, local: 7 },
    portIdSubtype: { 'interface alias': 1, 'port component': 2, 'mac address': 3, 'network address': 4, 'interface name': 5, 'agent circuit id': 6, local: 7 },
    capabilities: { other: 'other', repeater: 'repeater', bridge: 'bridge', wlan: 'wlanAccessPoint', router: 'router', telephone: 'telephone', docsis: 'docsisCableDevice', station: 'stationOnly' },
  },
};

/** Every neighbour profile, walked in this order on every device (an absent table costs one request). */
export const NEIGHBOR_PROFILES: readonly NeighborProfile[] = [LLDP_MIB, LLDP_V2_MIB, CISCO_CDP_MIB, TPLINK_LLDPINFO_MIB];

/** BRIDGE-MIB (RFC 4188) dot1dBasePortIfIndex 1.3.6.1.2.1.17.1.4.1.2, by dot1dBasePort. Shipped. */
export const BRIDGE_BASE_PORTS: TableSpec<'ifIndex'> = {
  name: 'dot1dBasePortTable',
  indexLength: 1,
  columns: { ifIndex: col('1.3.6.1.2.1.17.1.4.1.2', 'BRIDGE-MIB::dot1dBasePortIfIndex', 'integer') },
};
