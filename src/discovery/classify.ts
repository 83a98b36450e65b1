/** Pure classification: vendor and role from sysObjectID, sysDescr, sysServices and the interface mix. */
import type { DeviceRole } from '../model/types.js';
import { ETHERNET_IFTYPES, PROBES, RADIO_IFTYPES, ROLE_HINTS, SWITCH_MIN_ETHERNET_PORTS, VENDORS } from '../profiles/device-classes.js';

const ENTERPRISES = '1.3.6.1.4.1.';

export interface ClassifyInput {
  readonly sysObjectID: string;
  readonly sysDescr: string;
  readonly sysServices: number | null;
  /** ifType numbers of the device's interfaces. */
  readonly ifTypes: readonly number[];
  /** Subtrees of PROBES the agent has data under. */
  readonly answeredProbes?: readonly string[];
}

export interface Classification {
  readonly vendor: string | null;
  readonly role: DeviceRole;
  /** Which rule decided the role, for logs and tests. */
  readonly reason: string;
}

export function classifyDevice(input: ClassifyInput): Classification {
  const oid = input.sysObjectID.replace(/^\./, '');
  let vendor: string | null = null;
  let familyRole: { role: DeviceRole; family: string; len: number } | null = null;
  if (oid.startsWith(ENTERPRISES)) {
    const enterprise = Number(oid.slice(ENTERPRISES.length).split('.')[0]);
    for (const v of VENDORS) {
      if (v.enterprises.includes(enterprise)) vendor = v.vendor;
      for (const f of v.families ?? []) {
        if ((oid === f.sysObjectIdPrefix || oid.startsWith(`${f.sysObjectIdPrefix}.`)) && (familyRole === null || f.sysObjectIdPrefix.length > familyRole.len)) {
          familyRole = { role: f.role, family: f.family, len: f.sysObjectIdPrefix.length };
          vendor = v.vendor;
        }
      }
    }
  }
  if (familyRole !== null) return { vendor, role: familyRole.role, reason: `sysObjectID family ${familyRole.family}` };
  for (const probe of PROBES) {
    if (input.answeredProbes?.includes(probe.subtree) === true) {
      // The generic Net-SNMP enterprise says nothing about the box; the vendor MIB does.
      if ((vendor === null || vendor === 'Net-SNMP') && probe.vendor !== '') vendor = probe.vendor;
      return { vendor, role: probe.role, reason: `agent answers ${probe.mib}` };
    }
  }

  const descr = input.sysDescr.toLowerCase();
  let ethernet = 0;
  let radios = 0;
  for (const t of input.ifTypes) {
    if (ETHERNET_IFTYPES.has(t)) ethernet += 1;
    else if (RADIO_IFTYPES.has(t)) radios += 1;
  }
  // Radios and at most two wired ports: an access point, whatever its OS calls itself (a MikroTik
  // cAP says RouterOS in sysDescr).
  if (radios > 0 && ethernet <= 2) return { vendor, role: 'wireless-ap', reason: `${radios} radio interfaces, ${ethernet} Ethernet` };
  for (const hint of ROLE_HINTS) {
    if (descr.includes(hint.sysDescrContains)) return { vendor, role: hint.role, reason: `sysDescr mentions "${hint.sysDescrContains}"` };
  }
  if (ethernet >= SWITCH_MIN_ETHERNET_PORTS) return { vendor, role: 'switch', reason: `${ethernet} Ethernet ports` };
  const services = input.sysServices;
  if (services !== null) {
    // sysServices (RFC 3418): bit L-1 set for layer L. 0x04 = network layer (routing), 0x02 = datalink (bridging).
    if ((services & 0x04) !== 0) return { vendor, role: 'router', reason: `sysServices ${services} has layer 3` };
    if ((services & 0x02) !== 0) return { vendor, role: 'switch', reason: `sysServices ${services} has layer 2` };
  }
  if (radios > 0) return { vendor, role: 'wireless-ap', reason: `${radios} radio interfaces` };
  return { vendor, role: 'other', reason: 'no rule matched' };
}
