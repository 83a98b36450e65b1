/** IPv4/IPv6 addresses and CIDR ranges: parsing and membership. Pure (no node:net, so model/ stays import-free). */

export interface IpAddress {
  readonly family: 4 | 6;
  /** The address as an unsigned integer (32 or 128 bits). */
  readonly value: bigint;
}

export interface Cidr {
  readonly family: 4 | 6;
  /** The network address (host bits cleared). */
  readonly base: bigint;
  readonly prefix: number;
  /** Canonical text, e.g. "10.0.0.0/8", "2001:db8::/32" (as given, host bits cleared for IPv4). */
  readonly text: string;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    // No leading zeros: "010" is octal to some tools and decimal to others.
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  let body = text.replace(/%.*$/, ''); // a zone id (fe80::1%eth0) does not change the address
  let tail: bigint[] = [];
  // An embedded IPv4 tail (::ffff:10.0.0.1) is the last two groups.
  const v4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (v4 !== null) {
    const value = parseIpv4(v4[2] ?? '');
    if (value === undefined) return undefined;
    tail = [value >> 16n, value & 0xffffn];
    body = (v4[1] ?? '').endsWith('::') ? (v4[1] ?? '') : (v4[1] ?? '').slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const group = (g: string): bigint | undefined => (/^[0-9a-fA-F]{1,4}$/.test(g) ? BigInt(`0x${g}`) : undefined);
  const read = (half: string): bigint[] | undefined => {
    if (half === '') return [];
    const out: bigint[] = [];
    for (const g of half.split(':')) {
      const v = group(g);
      if (v === undefined) return undefined;
      out.push(v);
    }
    return out;
  };
  const head = read(halves[0] ?? '');
  const rest = halves.length === 2 ? read(halves[1] ?? '') : [];
  if (head === undefined || rest === undefined) return undefined;
  const given = head.length + rest.length + tail.length;
  let groups: bigint[];
  if (halves.length === 2) {
    if (given > 7) return undefined;
    groups = [...head, ...new Array<bigint>(8 - given).fill(0n), ...rest, ...tail];
  } else {
    if (given !== 8) return undefined;
    groups = [...head, ...tail];
  }
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** An IPv4 or IPv6 address in text form, or undefined when it is neither. */
export function parseIpAddress(text: string): IpAddress | undefined {
  const t = text.trim();
  if (t.includes(':')) {
    const value = parseIpv6(t.replace(/^\[(.*)\]$/, '$1'));
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseIpv4(t);
  return value === undefined ? undefined : { family: 4, value };
}

/**
 * "10.0.0.0/8", "192.168.1.7/32", "2001:db8::/32"; a bare address is a single host (/32, /128).
 * Undefined when the text is not one. Host bits set ("10.0.0.1/8") are cleared, as `ip route` does.
 */
export function parseCidr(text: string): Cidr | undefined {
  const t = text.trim();
  const slash = t.lastIndexOf('/');
  const addressText = slash === -1 ? t : t.slice(0, slash);
  const address = parseIpAddress(addressText);
  if (address === undefined) return undefined;
  const bits = address.family === 4 ? 32 : 128;
  let prefix = bits;
  if (slash !== -1) {
    const p = t.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > bits) return undefined;
    prefix = Number(p);
  }
  const hostBits = BigInt(bits - prefix);
  const base = (address.value >> hostBits) << hostBits;
  return { family: address.family, base, prefix, text: `${formatIp({ family: address.family, value: base })}/${prefix}` };
}

const formatIpv4Value = (value: bigint): string => [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');

/**
 * Text of an address: dotted quad, or IPv6 as RFC 5952 writes it: lower-case hex, no leading
 * zeros, the longest run of two or more zero groups (the first one on a tie) as `::`, and
 * IPv4-mapped addresses (::ffff:a.b.c.d) in dotted form.
 */
export function formatIp(address: IpAddress): string {
  if (address.family === 4) return formatIpv4Value(address.value);
  if (address.value >> 32n === 0xffffn) return `::ffff:${formatIpv4Value(address.value & 0xffffffffn)}`;
  const groups = Array.from({ length: 8 }, (_, i) => Number((address.value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > best.len && j - i > 1) best = { at: i, len: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at === -1) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.len).join(':')}`;
}

/** True when the address lies in the range (same family only: an IPv4-mapped IPv6 address is not IPv4). */
export function cidrContains(cidr: Cidr, address: IpAddress): boolean {
  if (cidr.family !== address.family) return false;
  const hostBits = BigInt((cidr.family === 4 ? 32 : 128) - cidr.prefix);
  return address.value >> hostBits === cidr.base >> hostBits;
}
