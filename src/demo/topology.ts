/** The demo network described once as data: devices, cables, and the few ports that differ from the rule. Every MIB row is derived from this. */
import { air5520, airFiber24, asr1001x, c2950, c2960x, capAc, ex2300, uapAcPro, type DeviceModel } from './devices/models.js';

export interface DemoDeviceSpec {
  readonly name: string;
  readonly model: DeviceModel;
  readonly location: string;
  /** Management address advertised in LLDP/CDP (data only: every agent listens on 127.0.0.1). */
  readonly mgmtIp: string;
  /** How long before the demo start the device booted. */
  readonly uptimeDays: number;
  /** Ports on which edge devices (desks, phones) are plugged; the rest stay admin down. */
  readonly edgePorts: readonly string[];
  /** Prefix of the edge port descriptions (`desk 1F-07`). */
  readonly edgeLabel: string;
}

export interface PortRef {
  readonly device: string;
  /** ifName on that device. */
  readonly port: string;
}

export interface LinkSpec {
  readonly a: PortRef;
  readonly b: PortRef;
  /** Mean utilisation a→b and b→a, 0..1, before the daily swing. */
  readonly utilAtoB: number;
  readonly utilBtoA: number;
}

export interface PortOverride {
  readonly alias?: string;
  readonly adminUp?: boolean;
  /** Admin up but oper down: a port that should be up and is not. */
  readonly operDown?: boolean;
  readonly meanUtil?: number;
  /** Input errors per octet received (CRC errors of a bad cable). */
  readonly errorRate?: number;
}

function names(prefix: string, from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);
}

export const DEMO_DEVICES: readonly DemoDeviceSpec[] = [
  { name: 'core-rtr1', model: asr1001x, location: 'HQ, server room, rack A1', mgmtIp: '10.20.0.1', uptimeDays: 41.3, edgePorts: ['Gi0/0/1'], edgeLabel: 'WAN' },
  { name: 'core-rtr2', model: asr1001x, location: 'HQ, server room, rack A2', mgmtIp: '10.20.0.2', uptimeDays: 38.7, edgePorts: ['Gi0/0/1'], edgeLabel: 'WAN' },
  { name: 'access-sw1', model: c2960x, location: 'HQ, floor 1, IDF 1', mgmtIp: '10.20.1.11', uptimeDays: 23.2, edgePorts: names('Gi1/0/', 1, 36), edgeLabel: 'desk 1F-' },
  { name: 'access-sw2', model: ex2300, location: 'HQ, floor 2, IDF 2', mgmtIp: '10.20.1.12', uptimeDays: 17.9, edgePorts: names('ge-0/0/', 0, 35), edgeLabel: 'desk 2F-' },
  { name: 'access-sw3', model: c2950, location: 'HQ, basement lab', mgmtIp: '10.20.1.13', uptimeDays: 12.4, edgePorts: names('Fa0/', 1, 16), edgeLabel: 'lab bench ' },
  { name: 'ap-lobby', model: uapAcPro, location: 'HQ, lobby ceiling', mgmtIp: '10.20.2.21', uptimeDays: 6.1, edgePorts: [], edgeLabel: '' },
  { name: 'ap-floor2', model: capAc, location: 'HQ, floor 2, open space', mgmtIp: '10.20.2.22', uptimeDays: 9.5, edgePorts: [], edgeLabel: '' },
  { name: 'wlc-1', model: air5520, location: 'HQ, server room, rack A3', mgmtIp: '10.20.2.10', uptimeDays: 63.8, edgePorts: [], edgeLabel: '' },
  { name: 'ptp-hq', model: airFiber24, location: 'HQ, roof mast', mgmtIp: '10.20.3.1', uptimeDays: 27.4, edgePorts: [], edgeLabel: '' },
  { name: 'ptp-depot', model: airFiber24, location: 'Depot, roof mast', mgmtIp: '10.20.3.2', uptimeDays: 27.4, edgePorts: [], edgeLabel: '' },
];

/**
 * Cables. The first one is the hot uplink: core-rtr1 pushes ~90 % of 10G down to access-sw1.
 * access-sw3 (32-bit counters only) hangs off 1G links kept below 50 %, so its 32-bit octet
 * counters wrap at most once per minute (2^32 B at 62.5 MB/s = 69 s) and a 60 s poll stays sound.
 */
export const DEMO_LINKS: readonly LinkSpec[] = [
  { a: { device: 'core-rtr1', port: 'Te0/0/0' }, b: { device: 'access-sw1', port: 'Te1/0/1' }, utilAtoB: 0.9, utilBtoA: 0.32 },
  { a: { device: 'core-rtr2', port: 'Te0/0/0' }, b: { device: 'access-sw1', port: 'Te1/0/2' }, utilAtoB: 0.14, utilBtoA: 0.07 },
  { a: { device: 'core-rtr1', port: 'Te0/0/1' }, b: { device: 'access-sw2', port: 'xe-0/1/0' }, utilAtoB: 0.22, utilBtoA: 0.09 },
  { a: { device: 'core-rtr2', port: 'Te0/0/1' }, b: { device: 'access-sw2', port: 'xe-0/1/1' }, utilAtoB: 0.11, utilBtoA: 0.05 },
  { a: { device: 'core-rtr1', port: 'Gi0/0/0' }, b: { device: 'access-sw3', port: 'Gi0/1' }, utilAtoB: 0.26, utilBtoA: 0.12 },
  { a: { device: 'core-rtr2', port: 'Gi0/0/0' }, b: { device: 'access-sw3', port: 'Gi0/2' }, utilAtoB: 0.06, utilBtoA: 0.03 },
  { a: { device: 'core-rtr1', port: 'Gi0/0/5' }, b: { device: 'core-rtr2', port: 'Gi0/0/5' }, utilAtoB: 0.1, utilBtoA: 0.09 },
  { a: { device: 'access-sw1', port: 'Gi1/0/10' }, b: { device: 'ap-lobby', port: 'eth0' }, utilAtoB: 0.09, utilBtoA: 0.03 },
  { a: { device: 'access-sw2', port: 'ge-0/0/12' }, b: { device: 'ap-floor2', port: 'ether1' }, utilAtoB: 0.07, utilBtoA: 0.025 },
  { a: { device: 'core-rtr1', port: 'Gi0/0/2' }, b: { device: 'wlc-1', port: 'Gi1' }, utilAtoB: 0.12, utilBtoA: 0.05 },
  { a: { device: 'core-rtr2', port: 'Gi0/0/2' }, b: { device: 'ptp-hq', port: 'eth0' }, utilAtoB: 0.3, utilBtoA: 0.12 },
  // The airFiber hop to the depot: no cable, but each radio sees the other as its LLDP neighbour on air0.
  { a: { device: 'ptp-hq', port: 'air0' }, b: { device: 'ptp-depot', port: 'air0' }, utilAtoB: 0.3, utilBtoA: 0.12 },
  // The one link that is down: a lab cross-connect whose far end went oper down (see the overrides).
  { a: { device: 'access-sw1', port: 'Gi1/0/48' }, b: { device: 'access-sw3', port: 'Fa0/24' }, utilAtoB: 0.01, utilBtoA: 0.01 },
];

/** Ports that differ from the rule, by device then ifName. */
export const DEMO_PORT_OVERRIDES: Readonly<Record<string, Readonly<Record<string, PortOverride>>>> = {
  'core-rtr1': { 'Gi0/0/1': { alias: 'WAN ISP-A circuit 4711 (1G)', meanUtil: 0.45 } },
  'core-rtr2': { 'Gi0/0/1': { alias: 'WAN ISP-B circuit 0815 (1G)', meanUtil: 0.2 } },
  'access-sw1': {
    'Gi1/0/5': { alias: 'printer 1F' },
    'Gi1/0/11': { alias: 'camera lobby' },
    'Gi1/0/23': { alias: 'desk 1F-23', errorRate: 2e-7 },
  },
  'access-sw2': {
    // The one port that should be up and is not: the printer's cable was pulled.
    'ge-0/0/7': { alias: 'printer 2F', operDown: true },
    'ge-0/0/20': { alias: 'VoIP gateway' },
  },
  // The depot's LAN behind the far radio is not simulated: its port carries edge traffic.
  'ptp-depot': { eth0: { alias: 'depot LAN' } },
  // Cabled to access-sw1 Gi1/0/48, admin up, oper down: a link between two demo devices that is down.
  'access-sw3': { 'Fa0/1': { alias: 'lab NAS', meanUtil: 0.3 }, 'Fa0/24': { alias: 'cross-connect to access-sw1 (faulty cable)', operDown: true } },
};

/** Wireless LANs on each AP: SSID, and per band the channel and the daily peak client count. */
export interface DemoWlan {
  readonly ssid: string;
  readonly usage: 'user' | 'guest';
  readonly peakClients24: number;
  readonly peakClients5: number;
}

export const DEMO_WLANS: Readonly<Record<string, readonly DemoWlan[]>> = {
  'ap-lobby': [
    { ssid: 'corp', usage: 'user', peakClients24: 9, peakClients5: 27 },
    { ssid: 'guest', usage: 'guest', peakClients24: 6, peakClients5: 11 },
  ],
  'ap-floor2': [{ ssid: 'corp', usage: 'user', peakClients24: 12, peakClients5: 34 }],
};

/** An AP joined to a demo wireless controller: a row of its tables, not a device of its own. */
export interface DemoManagedAp {
  readonly name: string;
  /** bsnAPOperationStatus: a disassociating AP keeps its bsnAPTable row but has no radio rows. */
  readonly status: 'associated' | 'disassociating';
  /** Channels of slot 0 (2.4 GHz) and slot 1 (5 GHz). */
  readonly channel24: number;
  readonly channel5: number;
  /** Share of each WLAN's daily peak clients this AP carries (a busy canteen vs a quiet corridor). */
  readonly load: number;
}

export interface DemoController {
  readonly aps: readonly DemoManagedAp[];
  /** WLANs the controller serves on every AP; the peaks are per AP at load 1. */
  readonly wlans: readonly DemoWlan[];
}

export const DEMO_CONTROLLERS: Readonly<Record<string, DemoController>> = {
  'wlc-1': {
    aps: [
      { name: 'ap-canteen', status: 'associated', channel24: 1, channel5: 52, load: 1.4 },
      { name: 'ap-meeting-1', status: 'associated', channel24: 6, channel5: 100, load: 0.8 },
      { name: 'ap-floor3', status: 'associated', channel24: 11, channel5: 149, load: 1 },
      // Power lost on its PoE port: still known to the controller, no radios, no clients.
      { name: 'ap-warehouse', status: 'disassociating', channel24: 1, channel5: 36, load: 0 },
    ],
    wlans: [
      { ssid: 'corp', usage: 'user', peakClients24: 6, peakClients5: 18 },
      { ssid: 'guest', usage: 'guest', peakClients24: 4, peakClients5: 7 },
      { ssid: 'iot', usage: 'user', peakClients24: 5, peakClients5: 0 },
    ],
  },
};

/** Point-to-point radios: both ends of one airFiber link, by device name. The frequencies cross over. */
export interface DemoPtpRadio {
  readonly linkName: string;
  readonly txFrequencyKHz: number;
  readonly rxFrequencyKHz: number;
  readonly txPowerDbm: number;
  /** The far radio (its tx power and received levels are this one's remote figures). */
  readonly peer: string;
  readonly distanceM: number;
  /** Received level per chain on a clear day; rain and afternoon heat take up to ~4 dB off. */
  readonly rxPowerDbm: readonly [number, number];
}

export const DEMO_PTP: Readonly<Record<string, DemoPtpRadio>> = {
  'ptp-hq': { linkName: 'hq-to-depot', txFrequencyKHz: 24_100_000, rxFrequencyKHz: 24_200_000, txPowerDbm: 20, peer: 'ptp-depot', distanceM: 2_350, rxPowerDbm: [-47, -49] },
  'ptp-depot': { linkName: 'hq-to-depot', txFrequencyKHz: 24_200_000, rxFrequencyKHz: 24_100_000, txPowerDbm: 20, peer: 'ptp-hq', distanceM: 2_350, rxPowerDbm: [-48, -50] },
};

export const DEMO_CONTACT = 'NOC <noc@example.net>';
