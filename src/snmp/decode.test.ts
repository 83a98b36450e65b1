/** Unit tests for value decoding: Counter64 buffers to exact bigint, type mapping, exceptions. */
import { describe, expect, it } from 'vitest';
import { isLinkscopeError } from '../model/errors.js';
import { counter64ToBigInt, decodeValue, decodeVarBind, decodeVarBindInPlace, isException } from './decode.js';
import { SnmpType } from './types.js';

const hex = (h: string): Buffer => Buffer.from(h, 'hex');

describe('counter64ToBigInt', () => {
  it('reads 2^64-1 exactly', () => {
    expect(counter64ToBigInt(hex('ffffffffffffffff'))).toBe(18446744073709551615n);
  });

  it('reads the 9-byte BER form with a leading 0x00', () => {
    expect(counter64ToBigInt(hex('00ffffffffffffffff'))).toBe(18446744073709551615n);
    expect(counter64ToBigInt(hex('008000000000000001'))).toBe((1n << 63n) + 1n);
  });

  it('reads short buffers', () => {
    expect(counter64ToBigInt(hex(''))).toBe(0n);
    expect(counter64ToBigInt(hex('00'))).toBe(0n);
    expect(counter64ToBigInt(hex('01'))).toBe(1n);
    expect(counter64ToBigInt(hex('0100'))).toBe(256n);
    expect(counter64ToBigInt(hex('ffffffffffff'))).toBe(281474976710655n);
    expect(counter64ToBigInt(hex('01000000000000'))).toBe(1n << 48n);
  });

  it('keeps every bit above 2^53', () => {
    expect(counter64ToBigInt(hex('0020000000000001'))).toBe(9007199254740993n);
    expect(counter64ToBigInt(hex('fffffffffffffc18'))).toBe(18446744073709550616n);
  });

  it('rejects more than 8 significant bytes', () => {
    try {
      counter64ToBigInt(hex('010000000000000000'));
      expect.unreachable();
    } catch (err) {
      expect(isLinkscopeError(err, 'LS_SNMP_BAD_RESPONSE')).toBe(true);
    }
  });
});

describe('decodeValue', () => {
  it('maps each SNMP type to its linkscope value', () => {
    expect(decodeValue(SnmpType.Integer, -5)).toBe(-5);
    expect(decodeValue(SnmpType.Counter32, 4294967295)).toBe(4294967295n);
    expect(decodeValue(SnmpType.Gauge32, 1000000000)).toBe(1000000000);
    expect(decodeValue(SnmpType.TimeTicks, 12345)).toBe(12345);
    expect(decodeValue(SnmpType.Counter64, hex('0a'))).toBe(10n);
    expect(decodeValue(SnmpType.OctetString, hex('001b54'))).toEqual(hex('001b54'));
    expect(decodeValue(SnmpType.ObjectIdentifier, '1.3.6.1.4.1.9.1.1208')).toBe('1.3.6.1.4.1.9.1.1208');
    expect(decodeValue(SnmpType.IpAddress, '10.0.0.1')).toBe('10.0.0.1');
    expect(decodeValue(SnmpType.Null, null)).toBeNull();
    expect(decodeValue(SnmpType.NoSuchObject, null)).toBeNull();
    expect(decodeValue(SnmpType.NoSuchInstance, null)).toBeNull();
    expect(decodeValue(SnmpType.EndOfMibView, null)).toBeNull();
  });

  it('gives a Counter64 longer than 8 significant bytes as a bad value (null), and still reads 9 bytes with a leading 0x00', () => {
    expect(decodeValue(SnmpType.Counter64, hex('010000000000000000'))).toBeNull();
    expect(decodeValue(SnmpType.Counter64, hex('00ffffffffffffffff'))).toBe(18446744073709551615n);
  });

  it('treats a negative 32-bit read as unsigned', () => {
    expect(decodeValue(SnmpType.Counter32, -1)).toBe(4294967295n);
  });

  it('rejects a type linkscope does not model, naming the OID', () => {
    expect(() => decodeValue(1, true, '1.3.6.1.9')).toThrow(/0x1 for 1.3.6.1.9/);
  });

  it('decodes in place without a new object, or as a copy', () => {
    const raw = { oid: '1.3.6.1.2.1.31.1.1.1.6.1', type: SnmpType.Counter64 as number, value: hex('ff') as unknown };
    const copy = decodeVarBind(raw);
    expect(copy.value).toBe(255n);
    expect(raw.value).toEqual(hex('ff'));
    const vb = decodeVarBindInPlace(raw);
    expect(vb).toBe(raw);
    expect(vb.value).toBe(255n);
    expect(isException(SnmpType.EndOfMibView)).toBe(true);
    expect(isException(SnmpType.Integer)).toBe(false);
  });
});
