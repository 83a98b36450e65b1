/** Vendor models of the demo devices as data: identity strings, interface layout, LLDP/CDP habits. */
import type { DeviceRole } from '../../model/types.js';
import { IF_TYPE } from '../oids.js';

export interface PortTemplate {
  readonly ifIndex: number;
  /** IF-MIB ifName: the short name the vendor uses (`Gi1/0/1`, `ge-0/0/0`, `ether1`). */
  readonly ifName: string;
  /** IF-MIB ifDescr: the long name (`GigabitEthernet1/0/1`). */
  readonly ifDescr: string;
  readonly ifType: number;
  readonly speedBps: number;
  readonly mtu: number;
  /** A front-panel port (LLDP runs on it, ifConnectorPresent = true). */
  readonly physical: boolean;
}

export interface DeviceModel {
  readonly vendor: 'cisco' | 'juniper' | 'ubiquiti' | 'mikrotik';
  /** SNMPv2-MIB sysObjectID. */
  readonly sysObjectID: string;
  readonly sysDescr: string;
  /** SNMPv2-MIB sysServices: 2 = layer 2 (switches, APs), 78 = layers 2+3+4+7 (IOS routers). */
  readonly sysServices: number;
  /** CDP platform string (cdpCachePlatform on neighbours). */
  readonly platform: string;
  readonly speaksCdp: boolean;
  /** LLDP port id subtype this device sends: 5 = interfaceName, 3 = macAddress (UniFi sends the MAC, name goes in port desc). */
  readonly lldpPortIdSubtype: 3 | 5;
  /** LldpSystemCapabilitiesMap BITS, one octet: bridge(2) = 0x20, wlanAccessPoint(3) = 0x10, router(4) = 0x08. */
  readonly lldpCapabilities: number;
  /** CDP capabilities bitmap: router 0x01, switch 0x08, IGMP 0x20. */
  readonly cdpCapabilities: number;
  /** false for firmware with no ifHC* columns: the poller must fall back to 32-bit counters. */
  readonly hcCounters: boolean;
  /** Which vendor wireless tables the device serves (devices/wireless.ts). */
  readonly wireless: 'unifi' | 'mikrotik' | 'cisco-wlc' | 'airfiber' | null;
  readonly ports: readonly PortTemplate[];
  readonly role: DeviceRole;
}

const G = 1_000_000_000;
const M = 1_000_000;

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function port(ifIndex: number, ifName: string, ifDescr: string, speedBps: number, extra: Partial<PortTemplate> = {}): PortTemplate {
  return { ifIndex, ifName, ifDescr, ifType: IF_TYPE.ethernetCsmacd, speedBps, mtu: 1500, physical: true, ...extra };
}

function virtual(ifIndex: number, name: string, ifType: number, descr = name, speedBps = G): PortTemplate {
  return { ifIndex, ifName: name, ifDescr: descr, ifType, speedBps, mtu: ifType === IF_TYPE.softwareLoopback ? 1514 : 1500, physical: false };
}

const IOS_XE =
  'Cisco IOS Software [Amsterdam], ASR1000 Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 17.3.4a, RELEASE SOFTWARE (fc3)\r\n' +
  'Technical Support: http://www.cisco.com/techsupport\r\nCopyright (c) 1986-2021 by Cisco Systems, Inc.\r\nCompiled Tue 20-Jul-21 04:59 by mcpre';

/** Cisco ASR1001-X: 2×10G + 6×1G built-in ports, IOS-XE. */
export const asr1001x: DeviceModel = {
  vendor: 'cisco',
  sysObjectID: '1.3.6.1.4.1.9.1.1861', // CISCO-PRODUCTS-MIB::ciscoASR1001X
  sysDescr: IOS_XE,
  sysServices: 78,
  platform: 'cisco ASR1001-X',
  speaksCdp: true,
  lldpPortIdSubtype: 5,
  lldpCapabilities: 0x28,
  cdpCapabilities: 0x29,
  hcCounters: true,
  wireless: null,
  role: 'router',
  ports: [
    ...range(0, 5).map((n) => port(1 + n, `Gi0/0/${n}`, `GigabitEthernet0/0/${n}`, G)),
    ...range(0, 1).map((n) => port(7 + n, `Te0/0/${n}`, `TenGigabitEthernet0/0/${n}`, 10 * G)),
    virtual(9, 'Gi0', IF_TYPE.ethernetCsmacd, 'GigabitEthernet0'),
    virtual(10, 'Nu0', IF_TYPE.propVirtual, 'Null0', 10 * G),
    virtual(11, 'Lo0', IF_TYPE.softwareLoopback, 'Loopback0', 8 * G),
  ],
};

/** Cisco Catalyst 2960X-48TD-L: 48×1G + 2×10G SFP+, ifIndex 10101.. as on a stack member 1. */
export const c2960x: DeviceModel = {
  vendor: 'cisco',
  sysObjectID: '1.3.6.1.4.1.9.1.1208', // CISCO-PRODUCTS-MIB::cat29xxStack (2960-X family)
  sysDescr:
    'Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(7)E4, RELEASE SOFTWARE (fc2)\r\n' +
    'Technical Support: http://www.cisco.com/techsupport\r\nCopyright (c) 1986-2021 by Cisco Systems, Inc.\r\nCompiled Tue 23-Mar-21 23:26 by mcpre',
  sysServices: 2,
  platform: 'cisco WS-C2960X-48TD-L',
  speaksCdp: true,
  lldpPortIdSubtype: 5,
  lldpCapabilities: 0x20,
  cdpCapabilities: 0x28,
  hcCounters: true,
  wireless: null,
  role: 'switch',
  ports: [
    virtual(1, 'Vl1', IF_TYPE.propVirtual, 'Vlan1'),
    virtual(10, 'Vl10', IF_TYPE.propVirtual, 'Vlan10'),
    ...range(1, 48).map((n) => port(10100 + n, `Gi1/0/${n}`, `GigabitEthernet1/0/${n}`, G)),
    ...range(1, 2).map((n) => port(10148 + n, `Te1/0/${n}`, `TenGigabitEthernet1/0/${n}`, 10 * G)),
    virtual(14501, 'Nu0', IF_TYPE.propVirtual, 'Null0', 10 * G),
  ],
};

/** Juniper EX2300-48T: 48×1G ge-0/0/n + 4×10G xe-0/1/n (two used), Junos ifIndex numbering. */
export const ex2300: DeviceModel = {
  vendor: 'juniper',
  sysObjectID: '1.3.6.1.4.1.2636.1.1.1.2.132', // JUNIPER-CHASSIS-DEFINES-MIB::jnxProductNameEX2300
  sysDescr:
    'Juniper Networks, Inc. ex2300-48t Ethernet Switch, kernel JUNOS 21.4R3-S4.9, Build date: 2023-06-01 07:12:44 UTC Copyright (c) 1996-2023 Juniper Networks, Inc.',
  sysServices: 2,
  platform: 'Juniper EX2300-48T',
  speaksCdp: false,
  lldpPortIdSubtype: 5,
  lldpCapabilities: 0x28,
  cdpCapabilities: 0,
  hcCounters: true,
  wireless: null,
  role: 'switch',
  ports: [
    virtual(6, 'lo0', IF_TYPE.softwareLoopback, 'lo0', 0),
    virtual(33, 'me0', IF_TYPE.ethernetCsmacd, 'me0'),
    virtual(502, 'irb', IF_TYPE.propVirtual, 'irb'),
    ...range(0, 47).map((n) => port(513 + n, `ge-0/0/${n}`, `ge-0/0/${n}`, G, { mtu: 1514 })),
    ...range(0, 3).map((n) => port(561 + n, `xe-0/1/${n}`, `xe-0/1/${n}`, 10 * G, { mtu: 1514 })),
  ],
};

/** Cisco Catalyst 2950T-24 on IOS 12.1: 24×FastEthernet + 2×1G, and no ifHC* columns at all. */
export const c2950: DeviceModel = {
  vendor: 'cisco',
  sysObjectID: '1.3.6.1.4.1.9.1.324', // CISCO-PRODUCTS-MIB::catalyst295024
  sysDescr:
    'Cisco Internetwork Operating System Software \r\nIOS (tm) C2950 Software (C2950-I6Q4L2-M), Version 12.1(22)EA14, RELEASE SOFTWARE (fc1)\r\n' +
    'Technical Support: http://www.cisco.com/techsupport\r\nCopyright (c) 1986-2010 by cisco Systems, Inc.\r\nCompiled Tue 26-Oct-10 10:35 by nburra',
  sysServices: 2,
  platform: 'cisco WS-C2950T-24',
  speaksCdp: true,
  lldpPortIdSubtype: 5,
  lldpCapabilities: 0x20,
  cdpCapabilities: 0x28,
  hcCounters: false,
  wireless: null,
  role: 'switch',
  ports: [
    ...range(1, 24).map((n) => port(n, `Fa0/${n}`, `FastEthernet0/${n}`, 100 * M)),
    ...range(1, 2).map((n) => port(24 + n, `Gi0/${n}`, `GigabitEthernet0/${n}`, G)),
    virtual(27, 'Vl1', IF_TYPE.propVirtual, 'Vlan1'),
  ],
};

/** Ubiquiti UniFi AP AC Pro: eth0 uplink, two radios. */
export const uapAcPro: DeviceModel = {
  vendor: 'ubiquiti',
  sysObjectID: '1.3.6.1.4.1.41112.1.6', // UBNT-UniFi-MIB::ubntUniFi
  sysDescr: 'UAP-AC-Pro-Gen2 6.6.77.15402',
  sysServices: 2,
  platform: 'UAP-AC-Pro',
  speaksCdp: false,
  lldpPortIdSubtype: 3,
  lldpCapabilities: 0x30,
  cdpCapabilities: 0,
  hcCounters: true,
  wireless: 'unifi',
  role: 'wireless-ap',
  ports: [
    virtual(1, 'lo', IF_TYPE.softwareLoopback, 'lo', 0),
    port(2, 'eth0', 'eth0', G),
    { ...port(3, 'wlan0', 'wlan0', 300 * M), ifType: IF_TYPE.ieee80211, physical: false },
    { ...port(4, 'wlan1', 'wlan1', 1300 * M), ifType: IF_TYPE.ieee80211, physical: false },
    virtual(5, 'br0', IF_TYPE.bridge, 'br0'),
  ],
};

/** MikroTik cAP ac (RouterOS 7): ether1 uplink, wlan1 2.4 GHz, wlan2 5 GHz. */
export const capAc: DeviceModel = {
  vendor: 'mikrotik',
  sysObjectID: '1.3.6.1.4.1.14988.1', // MIKROTIK-MIB::mikrotikExperimentalModule (RouterOS sysObjectID)
  sysDescr: 'RouterOS RBcAPGi-5acD2nD',
  sysServices: 2,
  platform: 'MikroTik RBcAPGi-5acD2nD',
  speaksCdp: false,
  lldpPortIdSubtype: 5,
  lldpCapabilities: 0x30,
  cdpCapabilities: 0,
  hcCounters: true,
  wireless: 'mikrotik',
  role: 'wireless-ap',
  ports: [
    port(1, 'ether1', 'ether1', G),
    { ...port(2, 'wlan1', 'wlan1', 300 * M), ifType: IF_TYPE.ieee80211, physical: false },
    { ...port(3, 'wlan2', 'wlan2', 867 * M), ifType: IF_TYPE.ieee80211, physical: false },
    virtual(4, 'bridge', IF_TYPE.bridge, 'bridge'),
  ],
};

/**
 * Cisco 5520 Wireless Controller (AireOS 8.10): two SFP+ cages, here with 1G SFPs, port 1 the
 * uplink; the APs it manages are not devices of their own but rows of AIRESPACE-WIRELESS-MIB.
 */
export const air5520: DeviceModel = {
  vendor: 'cisco',
  sysObjectID: '1.3.6.1.4.1.9.1.2170', // CISCO-PRODUCTS-MIB::cisco5520WLC
  sysDescr: 'Cisco Controller',
  sysServices: 6,
  platform: 'AIR-CT5520-K9',
  speaksCdp: true,
  lldpPortIdSubtype: 5,
  lldpCapabilities: 0x20,
  cdpCapabilities: 0x08,
  hcCounters: true,
  wireless: 'cisco-wlc',
  role: 'wireless-controller',
  ports: range(1, 2).map((n) => port(n, `Gi${n}`, `Gigabit Ethernet ${n}`, G)),
};

/** Ubiquiti airFiber 24 (firmware v4.1): eth0 data/management port, air0 the 24 GHz radio (ifType ieee80211). */
export const airFiber24: DeviceModel = {
  vendor: 'ubiquiti',
  sysObjectID: '1.3.6.1.4.1.10002.1', // airFiber answers Frederick's enterprise 10002, as airOS does
  sysDescr: 'Linux 2.6.33 #1 Fri Jan 26 16:39:18 CST 2018 armv5tejl',
  sysServices: 2,
  platform: 'AF24',
  speaksCdp: false,
  lldpPortIdSubtype: 5,
  lldpCapabilities: 0x30,
  cdpCapabilities: 0,
  hcCounters: true,
  wireless: 'airfiber',
  role: 'wireless-bridge',
  ports: [
    port(1, 'eth0', 'eth0', G),
    // The radio is a front-panel link like a cable (the far radio is the neighbour), so LLDP runs across it.
    { ...port(2, 'air0', 'air0', G), ifType: IF_TYPE.ieee80211 },
  ],
};
