/** Varbind values as Debian's snmpwalk prints them (net-snmp mib.c sprint_realloc_*), with the MIB's enumerations and DISPLAY-HINTs. Pure. */
import { SnmpType, type VarBind } from '../snmp/types.js';
import type { MibObject } from './mib-store.js';

/** What the formatter needs from a MibStore (an interface, so tests can pass a fake). */
export interface MibLookup {
  object(nameOrOid: string): MibObject | undefined;
  nameForOid(oid: string): string;
}

/** C isprint || isspace, as net-snmp's guess between STRING and Hex-STRING. */
function isPrintable(buf: Buffer): boolean {
  for (const b of buf) if (!((b >= 0x20 && b <= 0x7e) || (b >= 0x09 && b <= 0x0d))) return false;
  return true;
}

/**
 * `86 6F F0 F4 7E 41 ` (each byte followed by a space, as net-snmp's sprint_realloc_hexstring),
 * a newline after every 16 bytes when more follow.
 */
export function hexString(buf: Buffer): string {
  let out = '';
  for (let i = 0; i < buf.length; i++) {
    out += `${(buf[i] as number).toString(16).toUpperCase().padStart(2, '0')} `;
    if (i % 16 === 15 && i < buf.length - 1) out += '\n';
  }
  return out;
}

/**
 * An OCTET STRING through a DISPLAY-HINT (RFC 2579 §3.1), as net-snmp applies it: each spec is
 * `[*]width format [separator [terminator]]`; the last spec repeats until the data runs out; a
 * separator is written only when more data follows. `1x:` → `86:6f:f0:f4:7e:41`,
 * `2d-1d-1d,1d:1d:1d.1d,1a1d:1d` (DateAndTime) → `2026-12-4,21:32:11.0,+0:0`.
 */
export function applyOctetHint(hint: string, buf: Buffer): string {
  let out = '';
  let h = 0;
  let pos = 0;
  let width = 1;
  let code = 'a';
  let separ = '';
  let term = '';
  const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  while (pos < buf.length) {
    let repeat = 1;
    if (h < hint.length) {
      if (hint[h] === '*') {
        repeat = buf[pos++] ?? 0;
        h++;
      }
      width = 0;
      while (isDigit(hint[h])) width = width * 10 + Number(hint[h++]);
      if (width === 0) width = 1;
      code = hint[h++] ?? 'a';
      const s = hint[h];
      if (s !== undefined && !isDigit(s) && s !== '*') {
        separ = s;
        h++;
      } else {
        separ = '';
      }
      const t = hint[h];
      if (t !== undefined && !isDigit(t) && t !== '*') {
        term = t;
        h++;
      } else {
        term = '';
      }
    }
    while (repeat > 0 && pos < buf.length) {
      if (code === 'a' || code === 't') {
        const chunk = buf.subarray(pos, pos + width);
        pos += chunk.length;
        out += code === 't' ? chunk.toString('utf8') : chunk.toString('latin1');
      } else {
        let value = 0n;
        for (let i = 0; i < width && pos < buf.length; i++) value = value * 256n + BigInt(buf[pos++] as number);
        out += code === 'x' ? value.toString(16) : code === 'o' ? value.toString(8) : code === 'b' ? value.toString(2) : value.toString(10);
      }
      if (pos < buf.length && separ !== '') out += separ;
      repeat--;
    }
    if (term !== '' && pos < buf.length) out += term;
  }
  return out;
}

/** An INTEGER through a DISPLAY-HINT: `d-2` puts a decimal point two digits from the right (12345 → 123.45); `x`, `o`, `b` change the base. */
export function applyIntegerHint(hint: string, value: number): string {
  const m = /^([dxob])(?:-(\d+))?$/.exec(hint);
  if (m === null) return String(value);
  if (m[1] === 'x') return value.toString(16);
  if (m[1] === 'o') return value.toString(8);
  if (m[1] === 'b') return value.toString(2);
  const places = Number(m[2] ?? 0);
  if (places === 0) return String(value);
  const digits = Math.abs(value).toString().padStart(places + 1, '0');
  return `${value < 0 ? '-' : ''}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

/** `Timeticks: (4200) 0:00:42.00`, `(8640000) 1 day, 0:00:00.00`. */
export function timeticks(t: number): string {
  const cs = t % 100;
  const s = Math.floor(t / 100);
  const d = Math.floor(s / 86400);
  const hh = Math.floor((s % 86400) / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  return `(${t}) ${d > 0 ? `${d} day${d === 1 ? '' : 's'}, ` : ''}${hh}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}.${String(cs).padStart(2, '0')}`;
}

/**
 * The right-hand side of an snmpwalk line: `INTEGER: up(1)`, `STRING: lo`, `Hex-STRING: 00 1A `,
 * `OID: SNMPv2-SMI::zeroDotZero`, `Timeticks: (12345) 0:02:03.45`. Without `mibs` (or for an
 * object no loaded module defines) it prints what the wire type alone allows, as snmpwalk does.
 */
export function formatValue(vb: VarBind, mibs?: MibLookup): string {
  const v = vb.value;
  const object = mibs?.object(vb.oid);
  // net-snmp appends the UNITS clause to numbers (`INTEGER: 520 seconds`), not to strings or Timeticks.
  const units = object?.units === undefined ? '' : ` ${object.units}`;
  switch (vb.type) {
    case SnmpType.Integer: {
      if (typeof v !== 'number') return `INTEGER: ${String(v)}`;
      const label = object?.enumeration?.[v];
      if (label !== undefined) return `INTEGER: ${label}(${v})${units}`;
      return `INTEGER: ${object?.displayHint !== undefined ? applyIntegerHint(object.displayHint, v) : String(v)}${units}`;
    }
    case SnmpType.OctetString: {
      const buf = Buffer.isBuffer(v) ? v : Buffer.from(String(v), 'utf8');
      if (object?.displayHint !== undefined && object.baseType === 'OCTET STRING') return `STRING: ${applyOctetHint(object.displayHint, buf)}`;
      if (buf.length === 0) return '""';
      if (isPrintable(buf)) return `STRING: "${buf.toString('latin1').replace(/(["\\])/g, '\\$1')}"`;
      return `Hex-STRING: ${hexString(buf)}`;
    }
    case SnmpType.ObjectIdentifier: {
      const oid = String(v);
      const name = mibs?.nameForOid(oid) ?? oid;
      return `OID: ${name === oid ? `.${oid}` : name}`;
    }
    case SnmpType.IpAddress:
      return `IpAddress: ${String(v)}`;
    case SnmpType.Counter32:
      return `Counter32: ${String(v)}${units}`;
    case SnmpType.Gauge32:
      return `Gauge32: ${String(v)}${units}`;
    case SnmpType.Counter64:
      return `Counter64: ${String(v)}${units}`;
    case SnmpType.TimeTicks:
      return `Timeticks: ${timeticks(typeof v === 'number' ? v : 0)}`;
    case SnmpType.Opaque:
      return `OPAQUE: ${Buffer.isBuffer(v) ? hexString(v) : String(v)}`;
    case SnmpType.Null:
      return 'NULL';
    case SnmpType.NoSuchObject:
      return 'No Such Object available on this agent at this OID';
    case SnmpType.NoSuchInstance:
      return 'No Such Instance currently exists at this OID';
    case SnmpType.EndOfMibView:
      return 'No more variables left in this MIB View (It is past the end of the MIB tree)';
    default:
      return String(v);
  }
}
