/** Pure decoding of LLDP/CDP neighbour values: chassis and port IDs by subtype, MACs, addresses, capability bits. No I/O. */
import { formatIp } from '../model/cidr.js';

/** What a neighbour value arrives as: raw octets, or text from agents (and vendor MIBs) that send text. */
export type RawId = Uint8Array | string;

/** `aa:bb:cc:dd:ee:ff` (lower case, any length). */
export function formatMac(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 1) {
    if (i > 0) out += ':';
    out += (bytes[i] as number).toString(16).padStart(2, '0');
  }
  return out;
}

/** Hex with colons, as formatMac: the text of an ID that is not printable. */
export const formatHex = formatMac;

export function formatIpv4(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4)).join('.');
}

/** RFC 5952 text of 16 address bytes (model/cidr.ts formatIp: `::` for the longest zero run, ::ffff:a.b.c.d). */
export function formatIpv6(bytes: Uint8Array): string {
  let value = 0n;
  for (let i = 0; i < 16; i += 1) value = (value << 8n) | BigInt(bytes[i] ?? 0);
  return formatIp({ family: 6, value });
}

/** IANA AddressFamilyNumbers (IANA-ADDRESS-FAMILY-NUMBERS-MIB): ipV4(1), ipV6(2), all802(6, a MAC). */
export const ADDRESS_FAMILY = { ipV4: 1, ipV6: 2, all802: 6 } as const;

/** An address by its IANA family; another family or a length that does not fit gives hex. */
export function formatAddress(family: number, bytes: Uint8Array): string {
  if (family === ADDRESS_FAMILY.ipV4 && bytes.length === 4) return formatIpv4(bytes);
  if (family === ADDRESS_FAMILY.ipV6 && bytes.length === 16) return formatIpv6(bytes);
  if (family === ADDRESS_FAMILY.all802 && bytes.length === 6) return formatMac(bytes);
  return formatHex(bytes);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Text when the octets are printable UTF-8 (trailing NULs dropped), else null. */
export function printable(raw: RawId): string | null {
  if (typeof raw === 'string') return CONTROL.test(raw) ? null : raw;
  let end = raw.length;
  while (end > 0 && raw[end - 1] === 0) end -= 1;
  if (end === 0) return raw.length === 0 ? '' : null;
  try {
    const text = utf8.decode(raw.subarray(0, end));
    return CONTROL.test(text) ? null : text;
  } catch {
    return null;
  }
}

/** Text if printable, else hex: for IDs whose subtype says "a name" but whose agent sent bytes. */
export function textOrHex(raw: RawId): string {
  const text = printable(raw);
  if (text !== null) return text;
  return formatHex(typeof raw === 'string' ? Buffer.from(raw, 'latin1') : raw);
}

const MAC_TEXT = /^([0-9a-f]{2})([:\-. ]?)([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})$/i;
const DOTTED_MAC = /^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$/i;

/**
 * A MAC from 6 octets, or from text some agents send instead (`B8:69:F4:7F:41:70`, `b869.f47f.4170`,
 * `b869f47f4170`: RouterOS's and TP-Link's LLDP tables); null when it is neither.
 */
export function macOf(raw: RawId): string | null {
  if (typeof raw !== 'string' && raw.length === 6) return formatMac(raw);
  const text = printable(raw);
  if (text === null) return null;
  const t = text.trim();
  const m = MAC_TEXT.exec(t);
  if (m !== null) return [m[1], m[3], m[4], m[5], m[6], m[7]].join(':').toLowerCase();
  const d = DOTTED_MAC.exec(t);
  if (d !== null) return `${d[1]}${d[2]}${d[3]}`.toLowerCase().replace(/(..)(?!$)/g, '$1:');
  return null;
}

/** LLDP-MIB LldpChassisIdSubtype. */
export const CHASSIS_ID_SUBTYPE = { chassisComponent: 1, interfaceAlias: 2, portComponent: 3, macAddress: 4, networkAddress: 5, interfaceName: 6, local: 7 } as const;
/** LLDP-MIB LldpPortIdSubtype. */
export const PORT_ID_SUBTYPE = { interfaceAlias: 1, portComponent: 2, macAddress: 3, networkAddress: 4, interfaceName: 5, agentCircuitId: 6, local: 7 } as const;

/** networkAddress: one IANA address-family octet, then the address (LLDP-MIB LldpChassisId / LldpPortId). */
function networkAddress(raw: RawId): string {
  if (typeof raw === 'string' || raw.length < 2) return textOrHex(raw);
  return formatAddress(raw[0] as number, raw.subarray(1));
}

function decodeId(raw: RawId, kind: 'mac' | 'network' | 'text' | 'circuit'): string {
  switch (kind) {
    case 'mac':
      return macOf(raw) ?? textOrHex(raw);
    case 'network':
      return networkAddress(raw);
    case 'circuit':
      // agentCircuitId (RFC 3046) is opaque: text only when it happens to be printable.
      return textOrHex(raw);
    case 'text':
      return textOrHex(raw);
  }
}

/**
 * lldpRemChassisId / lldpLocChassisId by lldp*ChassisIdSubtype: MAC as `aa:bb:cc:dd:ee:ff`,
 * networkAddress as an address, the name subtypes as text (hex when not printable). An unknown or
 * missing subtype: a 6-octet value is shown as a MAC, anything else as text or hex.
 */
export function decodeChassisId(subtype: number | null | undefined, raw: RawId | null | undefined): string | null {
  if (raw === null || raw === undefined || raw.length === 0) return null;
  switch (subtype) {
    case CHASSIS_ID_SUBTYPE.macAddress:
      return decodeId(raw, 'mac');
    case CHASSIS_ID_SUBTYPE.networkAddress:
      return decodeId(raw, 'network');
    case CHASSIS_ID_SUBTYPE.chassisComponent:
    case CHASSIS_ID_SUBTYPE.interfaceAlias:
    case CHASSIS_ID_SUBTYPE.portComponent:
    case CHASSIS_ID_SUBTYPE.interfaceName:
    case CHASSIS_ID_SUBTYPE.local:
      return decodeId(raw, 'text');
    default:
      return guess(raw);
  }
}

/** lldpRemPortId / lldpLocPortId by lldp*PortIdSubtype, as decodeChassisId. */
export function decodePortId(subtype: number | null | undefined, raw: RawId | null | undefined): string | null {
  if (raw === null || raw === undefined || raw.length === 0) return null;
  switch (subtype) {
    case PORT_ID_SUBTYPE.macAddress:
      return decodeId(raw, 'mac');
    case PORT_ID_SUBTYPE.networkAddress:
      return decodeId(raw, 'network');
    case PORT_ID_SUBTYPE.agentCircuitId:
      return decodeId(raw, 'circuit');
    case PORT_ID_SUBTYPE.interfaceAlias:
    case PORT_ID_SUBTYPE.portComponent:
    case PORT_ID_SUBTYPE.interfaceName:
    case PORT_ID_SUBTYPE.local:
      return decodeId(raw, 'text');
    default:
      return guess(raw);
  }
}

function guess(raw: RawId): string {
  if (typeof raw !== 'string' && raw.length === 6 && printable(raw) === null) return formatMac(raw);
  return textOrHex(raw);
}

/** LLDP-MIB LldpSystemCapabilitiesMap BITS, bit 0 first (the most significant bit of octet 0). */
export const LLDP_CAPABILITIES = ['other', 'repeater', 'bridge', 'wlanAccessPoint', 'router', 'telephone', 'docsisCableDevice', 'stationOnly'] as const;

/** Enabled LLDP capabilities as words; a value longer than the 2 octets of the BITS is not a bit map ([]). */
export function decodeLldpCapabilities(raw: RawId | null | undefined): string[] {
  if (raw === null || raw === undefined || typeof raw === 'string' || raw.length === 0 || raw.length > 2) return [];
  const out: string[] = [];
  for (let bit = 0; bit < LLDP_CAPABILITIES.length; bit += 1) {
    if (((raw[0] as number) & (0x80 >> bit)) !== 0) out.push(LLDP_CAPABILITIES[bit] as string);
  }
  return out;
}

/**
 * CISCO-CDP-MIB cdpCacheCapabilities: 4 octets, the CDP capability bits (CDP spec: 0x01 router,
 * 0x02 transparent bridge, 0x04 source-route bridge, 0x08 switch, 0x10 host, 0x20 IGMP, 0x40
 * repeater, 0x80 phone, 0x100 remotely managed, 0x200 CVTA, 0x400 two-port MAC relay). Named in
 * LLDP's words where LLDP has one, so both protocols' rows read alike.
 */
export const CDP_CAPABILITIES: readonly (readonly [number, string])[] = [
  [0x01, 'router'],
  [0x02, 'bridge'],
  [0x04, 'sourceRouteBridge'],
  [0x08, 'bridge'],
  [0x10, 'stationOnly'],
  [0x20, 'igmp'],
  [0x40, 'repeater'],
  [0x80, 'telephone'],
  [0x100, 'remote'],
  [0x200, 'cvta'],
  [0x400, 'macRelay'],
];

export function decodeCdpCapabilities(raw: RawId | null | undefined): string[] {
  if (raw === null || raw === undefined || typeof raw === 'string' || raw.length === 0 || raw.length > 4) return [];
  let bits = 0;
  for (const b of raw) bits = bits * 256 + b;
  const out: string[] = [];
  for (const [mask, word] of CDP_CAPABILITIES) if ((bits & mask) !== 0 && !out.includes(word)) out.push(word);
  return out;
}

/** Capabilities written as words (`Bridge Router`, TP-Link's private LLDP MIB), through a vocabulary map. */
export function capabilitiesFromWords(text: string | null | undefined, vocabulary: Readonly<Record<string, string>>): string[] {
  if (text === null || text === undefined) return [];
  const out: string[] = [];
  for (const w of text.split(/[\s,]+/)) {
    const word = vocabulary[w.toLowerCase()];
    if (word !== undefined && !out.includes(word)) out.push(word);
  }
  return out;
}

/**
 * CISCO-CDP-MIB cdpCacheAddress by cdpCacheAddressType (CiscoNetworkProtocol): ip(1) 4 octets,
 * ipv6(20) 16 octets; any other protocol as hex. Null for an empty or all-zero address.
 */
export function decodeCdpAddress(type: number | null | undefined, raw: RawId | null | undefined): string | null {
  if (raw === null || raw === undefined || typeof raw === 'string' || raw.length === 0 || raw.every((b) => b === 0)) return null;
  if (type === 1 && raw.length === 4) return formatIpv4(raw);
  if (type === 20 && raw.length === 16) return formatIpv6(raw);
  return formatHex(raw);
}

/** CISCO-CDP-MIB cdpCacheDuplex: unknown(1), halfduplex(2), fullduplex(3). */
export function decodeCdpDuplex(v: number | null | undefined): 'half' | 'full' | null {
  return v === 2 ? 'half' : v === 3 ? 'full' : null;
}

/**
 * A management address from the lldpRemManAddrTable index tail `subtype.len.o1…oN` (LLDP-MIB:
 * lldpRemManAddrSubtype is an IANA family, lldpRemManAddr a length-prefixed OCTET STRING).
 * Null when the tail is malformed.
 */
export function addressFromIndex(tail: readonly number[]): { family: number; address: string } | null {
  const family = tail[0];
  const len = tail[1];
  if (family === undefined || len === undefined || tail.length !== len + 2 || tail.slice(2).some((o) => o > 255)) return null;
  const bytes = Uint8Array.from(tail.slice(2));
  if (bytes.length === 0 || bytes.every((b) => b === 0)) return null;
  return { family, address: formatAddress(family, bytes) };
}

/** Management addresses in the order an operator wants one: IPv4, then IPv6, then anything else. */
export function preferredAddress(candidates: readonly { family: number; address: string }[]): string | null {
  const rank = (f: number): number => (f === ADDRESS_FAMILY.ipV4 ? 0 : f === ADDRESS_FAMILY.ipV6 ? 1 : 2);
  let best: { family: number; address: string } | null = null;
  for (const c of candidates) if (best === null || rank(c.family) < rank(best.family)) best = c;
  return best?.address ?? null;
}

/** An address written as text (TP-Link's lldpNeighborManageIpAddr `::169.254.2.131`); IPv4-compatible IPv6 shown as IPv4. */
export function addressFromText(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const t = text.trim();
  if (t === '' || t === '::' || t === '0.0.0.0') return null;
  const compat = /^::(?:ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(t);
  return compat !== null ? (compat[1] as string) : t;
}
