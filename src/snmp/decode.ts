/** Turns net-snmp's raw varbind values into linkscope's SnmpValue: counters to exact bigint. Pure, no I/O. */
import { LinkscopeError } from '../model/errors.js';
import { readCounter64 } from './ber.js';
import { SnmpType, type SnmpTypeTag, type SnmpValue, type VarBind } from './types.js';

/** A varbind as net-snmp's decoder leaves it: `value` is a number, Buffer, string or null depending on `type`. */
export interface RawVarBind {
  oid: string;
  type: number;
  value: unknown;
}

const TWO_32 = 0x1_0000_0000;

/**
 * Counter64 arrives as the BER content octets: up to 8 bytes big-endian, 9 when the top bit is set
 * (BER's leading 0x00 keeps it positive), fewer when the value is small. Reads it exactly as
 * bigint. Combines two 32-bit halves as numbers and builds one bigint, rather than a bigint per byte.
 */
export function counter64ToBigInt(bytes: Uint8Array): bigint {
  const value = readCounter64(bytes, 0, bytes.length);
  if (value === null) {
    let start = 0;
    while (start < bytes.length && bytes[start] === 0) start++;
    throw new LinkscopeError('LS_SNMP_BAD_RESPONSE', `Counter64 value has ${bytes.length - start} significant bytes; at most 8 are allowed`);
  }
  return value;
}

/** Counter64 as bigint; null (a bad value, see VarBind) when longer than 8 significant bytes. */
function toCounter64(value: unknown): bigint | null {
  if (value instanceof Uint8Array) return readCounter64(value, 0, value.length);
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  throw new LinkscopeError('LS_SNMP_BAD_RESPONSE', `Counter64 value of unexpected kind ${typeof value}`);
}

function toUnsigned32(value: unknown): number {
  if (typeof value === 'number') return value < 0 ? value + TWO_32 : value;
  if (typeof value === 'bigint') return Number(value);
  throw new LinkscopeError('LS_SNMP_BAD_RESPONSE', `32-bit value of unexpected kind ${typeof value}`);
}

/**
 * Decodes one value. Throws LS_SNMP_BAD_RESPONSE for a type linkscope does not model
 * (Boolean, BitString) or a value whose shape does not fit its type.
 */
export function decodeValue(type: number, value: unknown, oid = ''): SnmpValue {
  switch (type) {
    case SnmpType.Integer:
      if (typeof value === 'number') return value;
      break;
    case SnmpType.Counter32:
      return BigInt(toUnsigned32(value));
    case SnmpType.Gauge32:
    case SnmpType.TimeTicks:
      return toUnsigned32(value);
    case SnmpType.Counter64:
      return toCounter64(value);
    case SnmpType.OctetString:
    case SnmpType.Opaque:
      if (Buffer.isBuffer(value)) return value;
      if (typeof value === 'string') return Buffer.from(value, 'utf8');
      break;
    case SnmpType.ObjectIdentifier:
    case SnmpType.IpAddress:
      if (typeof value === 'string') return value;
      break;
    case SnmpType.Null:
    case SnmpType.NoSuchObject:
    case SnmpType.NoSuchInstance:
    case SnmpType.EndOfMibView:
      return null;
    default:
      throw new LinkscopeError('LS_SNMP_BAD_RESPONSE', `Unsupported SNMP type 0x${type.toString(16)} for ${oid || 'a varbind'}`);
  }
  throw new LinkscopeError('LS_SNMP_BAD_RESPONSE', `Value of kind ${typeof value} does not fit SNMP type 0x${type.toString(16)} for ${oid || 'a varbind'}`);
}

/**
 * Decodes a varbind IN PLACE and returns it typed as VarBind. Reusing net-snmp's object saves one
 * allocation per varbind on the walk hot path; the object is ours once net-snmp hands it over.
 */
export function decodeVarBindInPlace(raw: RawVarBind): VarBind {
  raw.value = decodeValue(raw.type, raw.value, raw.oid);
  return raw as VarBind;
}

/** Decodes without touching the input. */
export function decodeVarBind(raw: Readonly<RawVarBind>): VarBind {
  return { oid: raw.oid, type: raw.type as SnmpTypeTag, value: decodeValue(raw.type, raw.value, raw.oid) };
}

/** True for noSuchObject, noSuchInstance and endOfMibView: the varbind carries no value. */
export function isException(type: number): boolean {
  return type === SnmpType.NoSuchObject || type === SnmpType.NoSuchInstance || type === SnmpType.EndOfMibView;
}
