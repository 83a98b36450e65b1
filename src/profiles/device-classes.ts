/** Vendor knowledge as data: which vendor a sysObjectID names, and product families with a known role. */
import type { DeviceRole } from '../model/types.js';

export interface VendorProfile {
  readonly vendor: string;
  /** Enterprise numbers under 1.3.6.1.4.1 (IANA Private Enterprise Numbers). */
  readonly enterprises: readonly number[];
  /** Product families whose role is known from the sysObjectID alone (longest prefix wins). */
  readonly families?: readonly { readonly sysObjectIdPrefix: string; readonly role: DeviceRole; readonly family: string }[];
}

export interface RoleHint {
  /** Case-insensitive substring of sysDescr. */
  readonly sysDescrContains: string;
  readonly role: DeviceRole;
}

export const VENDORS: readonly VendorProfile[] = [
  {
    vendor: 'Cisco',
    enterprises: [9, 14179],
    families: [
      // AIRESPACE-WIRELESS-MIB agents: Cisco WLC 2500/5500/8500/9800 report 1.3.6.1.4.1.14179.1.1.4.3 or 9.1.1279/1615/2170/2391 (WLC).
      { sysObjectIdPrefix: '1.3.6.1.4.1.14179', role: 'wireless-controller', family: 'Cisco WLC (Airespace)' },
      { sysObjectIdPrefix: '1.3.6.1.4.1.9.1.1279', role: 'wireless-controller', family: 'Cisco 5508 WLC' },
      { sysObjectIdPrefix: '1.3.6.1.4.1.9.1.2170' /* CISCO-PRODUCTS-MIB::cisco5520WLC */, role: 'wireless-controller', family: 'Cisco 5520 WLC' },
      { sysObjectIdPrefix: '1.3.6.1.4.1.9.1.2391', role: 'wireless-controller', family: 'Cisco 9800 WLC' },
      // Catalyst 1200/1300 and Small Business switches (CISCOSB-MIB).
      { sysObjectIdPrefix: '1.3.6.1.4.1.9.6.1', role: 'switch', family: 'Cisco Small Business' },
      { sysObjectIdPrefix: '1.3.6.1.4.1.9.12.3.1.3', role: 'switch', family: 'Cisco Nexus' },
    ],
  },
  { vendor: 'Juniper', enterprises: [2636] },
  { vendor: 'Arista', enterprises: [30065] },
  { vendor: 'HPE Aruba', enterprises: [11, 47196, 14823], families: [{ sysObjectIdPrefix: '1.3.6.1.4.1.14823.1.1', role: 'wireless-controller', family: 'Aruba mobility controller' }, { sysObjectIdPrefix: '1.3.6.1.4.1.14823.1.2', role: 'wireless-ap', family: 'Aruba AP' }] },
  { vendor: 'MikroTik', enterprises: [14988], families: [{ sysObjectIdPrefix: '1.3.6.1.4.1.14988.2', role: 'switch', family: 'MikroTik SwOS' }] },
  {
    vendor: 'Ubiquiti',
    enterprises: [41112, 10002, 4413],
    families: [
      { sysObjectIdPrefix: '1.3.6.1.4.1.41112.1.6', role: 'wireless-ap', family: 'UniFi AP' },
      // airOS / airFiber radios (AF, AF60, airMAX) report 1.3.6.1.4.1.10002.1.
      { sysObjectIdPrefix: '1.3.6.1.4.1.10002.1', role: 'wireless-ap', family: 'airOS / airFiber radio' },
    ],
  },
  { vendor: 'Ruckus', enterprises: [25053], families: [{ sysObjectIdPrefix: '1.3.6.1.4.1.25053.3.1.11', role: 'wireless-controller', family: 'Ruckus SmartZone' }, { sysObjectIdPrefix: '1.3.6.1.4.1.25053.3.1.5', role: 'wireless-controller', family: 'Ruckus ZoneDirector' }] },
  {
    vendor: 'Cambium',
    enterprises: [17713, 161],
    families: [
      // Canopy PMP 450 / PTP (ex-Motorola): 1.3.6.1.4.1.161.19.x
      { sysObjectIdPrefix: '1.3.6.1.4.1.161.19', role: 'wireless-ap', family: 'Cambium Canopy PMP/PTP' },
      { sysObjectIdPrefix: '1.3.6.1.4.1.17713', role: 'wireless-ap', family: 'Cambium ePMP / cnPilot' },
    ],
  },
  // EtherHaul mmWave radios report the bare enterprise OID 1.3.6.1.4.1.31926.
  // Point-to-point mmWave links: wireless-bridge (as src/profiles/wireless/siklu.ts says).
  { vendor: 'Siklu', enterprises: [31926], families: [{ sysObjectIdPrefix: '1.3.6.1.4.1.31926', role: 'wireless-bridge', family: 'Siklu EtherHaul' }] },
  { vendor: 'Palo Alto Networks', enterprises: [25461] },
  { vendor: 'Fortinet', enterprises: [12356] },
  { vendor: 'TP-Link', enterprises: [11863] },
  { vendor: 'Huawei', enterprises: [2011] },
  { vendor: 'H3C', enterprises: [25506] },
  { vendor: 'Extreme Networks', enterprises: [1916, 1991, 5624] },
  { vendor: 'Dell', enterprises: [674, 6027] },
  { vendor: 'Nokia', enterprises: [6527] },
  { vendor: 'Netgear', enterprises: [4526] },
  { vendor: 'D-Link', enterprises: [171] },
  { vendor: 'Zyxel', enterprises: [890] },
  { vendor: 'Brocade', enterprises: [1588] },
  { vendor: 'F5', enterprises: [3375] },
  { vendor: 'Net-SNMP', enterprises: [8072] },
  { vendor: 'Microsoft', enterprises: [311] },
];

/**
 * Subtrees whose presence tells what the device is when sysObjectID does not (e.g. Ubiquiti
 * airFiber LTU answers with Net-SNMP's generic 1.3.6.1.4.1.8072.3.2.10). Discovery asks for the
 * first OID under each in one GETBULK.
 */
export interface ProbeProfile {
  readonly subtree: string;
  readonly mib: string;
  readonly vendor: string;
  readonly role: DeviceRole;
}

export const PROBES: readonly ProbeProfile[] = [
  { subtree: '1.3.6.1.4.1.14179.2.2.1', mib: 'AIRESPACE-WIRELESS-MIB::bsnAPTable', vendor: 'Cisco', role: 'wireless-controller' },
  { subtree: '1.3.6.1.4.1.25053.1.4', mib: 'RUCKUS-SZ-WLAN-MIB::ruckusSZWLANModule', vendor: 'Ruckus', role: 'wireless-controller' },
  { subtree: '1.3.6.1.4.1.41112.1.10', mib: 'UBNT-AFLTU-MIB::afLTU', vendor: 'Ubiquiti', role: 'wireless-ap' },
  // airFiber and airFiber 60 are point-to-point links (src/profiles/wireless/ubiquiti.ts).
  { subtree: '1.3.6.1.4.1.41112.1.3', mib: 'UBNT-AirFIBER-MIB::airFiber', vendor: 'Ubiquiti', role: 'wireless-bridge' },
  { subtree: '1.3.6.1.4.1.41112.1.4', mib: 'UBNT-AirMAX-MIB::ubntAirMAX', vendor: 'Ubiquiti', role: 'wireless-ap' },
  { subtree: '1.3.6.1.4.1.41112.1.6', mib: 'UBNT-UniFi-MIB::unifiAp', vendor: 'Ubiquiti', role: 'wireless-ap' },
  { subtree: '1.3.6.1.4.1.41112.1.11', mib: 'UBNT-AFV2-MIB::afV2', vendor: 'Ubiquiti', role: 'wireless-bridge' },
  { subtree: '1.2.840.10036.1.1', mib: 'IEEE802dot11-MIB::dot11smt', vendor: '', role: 'wireless-ap' },
];

/**
 * sysDescr words that name a role outright. Checked after sysObjectID families and before
 * sysServices, because layer-3 switches set the routing bit of sysServices.
 */
export const ROLE_HINTS: readonly RoleHint[] = [
  { sysDescrContains: 'wireless lan controller', role: 'wireless-controller' },
  { sysDescrContains: 'smartzone', role: 'wireless-controller' },
  { sysDescrContains: 'mobility controller', role: 'wireless-controller' },
  { sysDescrContains: 'access point', role: 'wireless-ap' },
  { sysDescrContains: 'switch', role: 'switch' },
  { sysDescrContains: 'swos', role: 'switch' },
  { sysDescrContains: 'catalyst', role: 'switch' },
  { sysDescrContains: 'nexus', role: 'switch' },
  { sysDescrContains: 'router', role: 'router' },
  { sysDescrContains: 'routeros', role: 'router' },
  { sysDescrContains: 'firewall', role: 'router' },
  { sysDescrContains: 'pan-os', role: 'router' },
  { sysDescrContains: 'junos', role: 'router' },
];

/** IANAifType values that mark a port as a physical Ethernet front port or a radio. */
export const ETHERNET_IFTYPES: ReadonlySet<number> = new Set([6, 62, 69, 117]); // ethernetCsmacd, fastEther, fastEtherFX, gigabitEthernet
export const RADIO_IFTYPES: ReadonlySet<number> = new Set([71]); // ieee80211
/** A box with at least this many Ethernet ports is a switch even when it also routes (sysServices layer 3). */
export const SWITCH_MIN_ETHERNET_PORTS = 12;
