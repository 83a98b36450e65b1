/** snmpsim `.snmprec` reader and writer (`OID|TYPE|VALUE`, TYPE + `x` = hex value). Pure, no I/O. */
import { compareOids, isNumericOid } from './oid.js';
import { SnmpType, type SnmpTypeTag, type SnmpValue, type VarBind } from './types.js';

export interface SnmprecError {
  /** 1-based line number in the input. */
  readonly line: number;
  readonly text: string;
  readonly reason: string;
}

export interface SnmprecParseResult {
  /** Varbinds in file order (snmpsim serves files in this order, so well-formed files are sorted). */
  readonly varbinds: VarBind[];
  /** Lines that could not be read; every other line is still returned. */
  readonly errors: SnmprecError[];
}

const MAX_INT32 = 2147483647;
const MIN_INT32 = -2147483648;
const MAX_UINT32 = 4294967295;
const MAX_UINT64 = (1n << 64n) - 1n;
const DECIMAL = /^\d+$/;
const SIGNED_DECIMAL = /^-?\d+$/;
const HEX = /^(?:[0-9a-fA-F]{2})*$/;

const KNOWN_TAGS: ReadonlySet<number> = new Set([
  SnmpType.Integer,
  SnmpType.OctetString,
  SnmpType.Null,
  SnmpType.ObjectIdentifier,
  SnmpType.IpAddress,
  SnmpType.Counter32,
  SnmpType.Gauge32,
  SnmpType.TimeTicks,
  SnmpType.Opaque,
  SnmpType.Counter64,
]);

/** Parses one value; returns a reason string when the value is bad. */
function parseValue(tag: SnmpTypeTag, hex: boolean, raw: string): SnmpValue | { reason: string } {
  let text = raw;
  if (hex) {
    if (!HEX.test(raw)) return { reason: 'hex value has an odd length or a non-hex character' };
    const bytes = Buffer.from(raw, 'hex');
    if (tag === SnmpType.OctetString || tag === SnmpType.Opaque) return bytes;
    if (tag === SnmpType.IpAddress) {
      if (bytes.length !== 4) return { reason: `IpAddress needs 4 bytes, got ${bytes.length}` };
      return `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}`;
    }
    // Hex for text-valued types (OID, numbers) is the value's text in hex.
    text = bytes.toString('latin1');
  }
  switch (tag) {
    case SnmpType.Integer: {
      if (!SIGNED_DECIMAL.test(text)) return { reason: 'Integer value is not a decimal number' };
      const n = Number(text);
      return n < MIN_INT32 || n > MAX_INT32 ? { reason: 'Integer value is outside the signed 32-bit range' } : n;
    }
    case SnmpType.Gauge32:
    case SnmpType.TimeTicks: {
      if (!DECIMAL.test(text)) return { reason: 'value is not an unsigned decimal number' };
      const n = Number(text);
      return n > MAX_UINT32 ? { reason: 'value is outside the unsigned 32-bit range' } : n;
    }
    case SnmpType.Counter32: {
      if (!DECIMAL.test(text)) return { reason: 'Counter32 value is not an unsigned decimal number' };
      const n = BigInt(text);
      return n > BigInt(MAX_UINT32) ? { reason: 'Counter32 value is outside the unsigned 32-bit range' } : n;
    }
    case SnmpType.Counter64: {
      if (!DECIMAL.test(text)) return { reason: 'Counter64 value is not an unsigned decimal number' };
      const n = BigInt(text);
      return n > MAX_UINT64 ? { reason: 'Counter64 value is larger than 2^64-1' } : n;
    }
    case SnmpType.OctetString:
    case SnmpType.Opaque:
      return Buffer.from(text, 'utf8');
    case SnmpType.Null:
      return null;
    case SnmpType.ObjectIdentifier: {
      const oid = text.startsWith('.') ? text.slice(1) : text;
      return isNumericOid(oid) ? oid : { reason: 'OID value is not a numeric OID' };
    }
    case SnmpType.IpAddress: {
      const parts = text.split('.');
      if (parts.length !== 4 || parts.some((p) => !DECIMAL.test(p) || Number(p) > 255)) {
        return { reason: 'IpAddress value is not a dotted quad' };
      }
      return text;
    }
    default:
      return { reason: `type ${tag} is not supported` };
  }
}

/** Parses snmprec text. Blank lines and `#` comments are skipped; a bad line lands in `errors`, never a throw. */
export function parseSnmprec(text: string): SnmprecParseResult {
  const varbinds: VarBind[] = [];
  const errors: SnmprecError[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '' || line.startsWith('#')) continue;
    const bad = (reason: string): void => {
      errors.push({ line: i + 1, text: line, reason });
    };
    const first = line.indexOf('|');
    const second = first < 0 ? -1 : line.indexOf('|', first + 1);
    if (second < 0) {
      bad('expected OID|TYPE|VALUE');
      continue;
    }
    let oid = line.slice(0, first).trim();
    if (oid.startsWith('.')) oid = oid.slice(1);
    if (!isNumericOid(oid)) {
      bad('OID is not numeric');
      continue;
    }
    const typeField = line.slice(first + 1, second).trim();
    // The value runs to the end of the line: snmpsim allows '|' inside a text value.
    const rawValue = line.slice(second + 1);
    const hex = typeField.endsWith('x');
    const tagText = hex ? typeField.slice(0, -1) : typeField;
    if (!DECIMAL.test(tagText)) {
      bad(`type "${typeField}" is not a number (snmpsim variation modules are not supported)`);
      continue;
    }
    const tag = Number(tagText);
    if (!KNOWN_TAGS.has(tag)) {
      bad(`type ${tag} is not supported`);
      continue;
    }
    const value = parseValue(tag as SnmpTypeTag, hex, rawValue);
    if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      bad(value.reason);
      continue;
    }
    varbinds.push({ oid, type: tag as SnmpTypeTag, value });
  }
  return { varbinds, errors };
}

function isPrintable(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x20 || b > 0x7e) return false;
  }
  return true;
}

function formatLine(vb: VarBind): string {
  const { oid, type, value } = vb;
  switch (type) {
    case SnmpType.OctetString:
    case SnmpType.Opaque: {
      const bytes = Buffer.isBuffer(value) ? value : Buffer.from(String(value ?? ''), 'utf8');
      return isPrintable(bytes) ? `${oid}|${type}|${bytes.toString('latin1')}` : `${oid}|${type}x|${bytes.toString('hex')}`;
    }
    case SnmpType.Null:
      return `${oid}|5|`;
    default:
      return `${oid}|${type}|${String(value)}`;
  }
}

/**
 * Writes varbinds as snmprec text, sorted numerically by OID: snmpsim answers GETNEXT in file
 * order, so an unsorted file makes it return decreasing OIDs. Text stays readable; anything
 * outside printable ASCII is written as hex (`4x`). Ends with a newline.
 */
export function writeSnmprec(varbinds: readonly VarBind[]): string {
  const sorted = [...varbinds].sort((a, b) => compareOids(a.oid, b.oid));
  let out = '';
  for (const vb of sorted) {
    // noSuchObject/noSuchInstance/endOfMibView describe absence; snmprec expresses that by omission.
    if (vb.type >= 0x80) continue;
    out += `${formatLine(vb)}\n`;
  }
  return out;
}
