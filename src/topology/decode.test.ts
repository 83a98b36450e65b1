/** Unit tests for neighbour value decoding: every chassis-ID and port-ID subtype, MAC and IPv6 text, capability bits. */
import { describe, expect, it } from 'vitest';
import {
  addressFromIndex,
  addressFromText,
  capabilitiesFromWords,
  decodeCdpAddress,
  decodeCdpCapabilities,
  decodeCdpDuplex,
  decodeChassisId,
  decodeLldpCapabilities,
  decodePortId,
  formatIpv6,
  formatMac,
  macOf,
  preferredAddress,
} from './decode.js';

const b = (...octets: number[]): Buffer => Buffer.from(octets);
const ipv6 = (text: string): Buffer => {
  // Test helper: full 8-group form only.
  const groups = text.split(':').map((g) => parseInt(g, 16));
  return Buffer.from(groups.flatMap((g) => [g >> 8, g & 0xff]));
};

describe('formatMac / macOf', () => {
  it('formats 6 octets as lower-case colon hex', () => {
    expect(formatMac(b(0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e))).toBe('00:1a:2b:3c:4d:5e');
  });

  it('reads the MAC texts agents send instead of octets', () => {
    expect(macOf('B8:69:F4:7F:41:70')).toBe('b8:69:f4:7f:41:70');
    expect(macOf(Buffer.from('48-A9-8A-C1-AC-58'))).toBe('48:a9:8a:c1:ac:58');
    expect(macOf('b869.f47f.4170')).toBe('b8:69:f4:7f:41:70');
    expect(macOf('b869f47f4170')).toBe('b8:69:f4:7f:41:70');
    expect(macOf('gi1/0/1')).toBeNull();
  });
});

describe('formatIpv6 (RFC 5952)', () => {
  it.each([
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:0db8:0000:0001:0000:0000:0000:0001', '2001:db8:0:1::1'],
    ['2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'],
    ['2001:0db8:0001:0001:0001:0001:0001:0001', '2001:db8:1:1:1:1:1:1'],
    ['2001:0db8:0000:0001:0001:0001:0001:0001', '2001:db8:0:1:1:1:1:1'],
    ['0000:0000:0000:0000:0000:0000:0000:0000', '::'],
    ['0000:0000:0000:0000:0000:0000:0000:0001', '::1'],
    ['fe80:0000:0000:0000:0218:e7ff:fe28:9228', 'fe80::218:e7ff:fe28:9228'],
    ['0000:0000:0000:0000:0000:ffff:c000:0201', '::ffff:192.0.2.1'],
  ])('%s is %s', (full, text) => {
    expect(formatIpv6(ipv6(full))).toBe(text);
  });
});

describe('decodeChassisId by LldpChassisIdSubtype', () => {
  it.each([
    [1, Buffer.from('chassis-1'), 'chassis-1'],
    [2, Buffer.from('uplink'), 'uplink'],
    [3, Buffer.from('slot 1'), 'slot 1'],
    [4, b(0x94, 0x18, 0x65, 0x7f, 0x88, 0x89), '94:18:65:7f:88:89'],
    [5, b(1, 192, 0, 2, 7), '192.0.2.7'],
    [5, Buffer.concat([b(2), ipv6('2001:0db8:0000:0000:0000:0000:0000:0007')]), '2001:db8::7'],
    [6, Buffer.from('Ethernet1/49'), 'Ethernet1/49'],
    [7, Buffer.from('SN12345'), 'SN12345'],
  ])('subtype %i', (subtype, raw, text) => {
    expect(decodeChassisId(subtype, raw)).toBe(text);
  });

  it('shows a name subtype that is not printable as hex, and an empty ID as null', () => {
    expect(decodeChassisId(7, b(0x01, 0x02, 0xff))).toBe('01:02:ff');
    expect(decodeChassisId(4, b())).toBeNull();
    expect(decodeChassisId(4, null)).toBeNull();
  });

  it('guesses without a subtype: 6 binary octets are a MAC, text stays text', () => {
    expect(decodeChassisId(null, b(0x00, 0x11, 0x22, 0x33, 0x44, 0x55))).toBe('00:11:22:33:44:55');
    expect(decodeChassisId(0, Buffer.from('switch'))).toBe('switch');
  });
});

describe('decodePortId by LldpPortIdSubtype', () => {
  it.each([
    [1, Buffer.from('uplink to core'), 'uplink to core'],
    [2, Buffer.from('1/1'), '1/1'],
    [3, b(0x24, 0x71, 0x21, 0xa3, 0x7f, 0x03), '24:71:21:a3:7f:03'],
    [4, b(1, 10, 0, 0, 1), '10.0.0.1'],
    [5, Buffer.from('gi1/0/6'), 'gi1/0/6'],
    [6, b(0x00, 0x04, 0x00, 0x01), '00:04:00:01'],
    [6, Buffer.from('circuit-7'), 'circuit-7'],
    [7, Buffer.from('8'), '8'],
  ])('subtype %i', (subtype, raw, text) => {
    expect(decodePortId(subtype, raw)).toBe(text);
  });

  it('reads a MAC subtype sent as text', () => {
    expect(decodePortId(3, Buffer.from('00:00:00:00:00:00'))).toBe('00:00:00:00:00:00');
  });
});

describe('capabilities', () => {
  it('decodes LldpSystemCapabilitiesMap bits, bit 0 first', () => {
    expect(decodeLldpCapabilities(b(0x28, 0x00))).toEqual(['bridge', 'router']);
    expect(decodeLldpCapabilities(b(0x81))).toEqual(['other', 'stationOnly']);
    expect(decodeLldpCapabilities(b(0x14, 0x00))).toEqual(['wlanAccessPoint', 'telephone']);
    expect(decodeLldpCapabilities(Buffer.from('28 00 2 4'))).toEqual([]);
  });

  it('decodes CDP capability bits in LLDP words', () => {
    expect(decodeCdpCapabilities(b(0, 0, 0, 0x29))).toEqual(['router', 'bridge', 'igmp']);
    expect(decodeCdpCapabilities(b(0, 0, 0x02, 0x09))).toEqual(['router', 'bridge', 'cvta']);
    expect(decodeCdpCapabilities(b(0, 0, 0, 0x90))).toEqual(['stationOnly', 'telephone']);
  });

  it('reads capabilities written as words through a vocabulary', () => {
    expect(capabilitiesFromWords('Bridge Router ', { bridge: 'bridge', router: 'router' })).toEqual(['bridge', 'router']);
    expect(capabilitiesFromWords('', { bridge: 'bridge' })).toEqual([]);
  });
});

describe('addresses', () => {
  it('decodes lldpRemManAddrTable index tails (family.len.octets)', () => {
    expect(addressFromIndex([1, 4, 172, 30, 192, 161])).toEqual({ family: 1, address: '172.30.192.161' });
    expect(addressFromIndex([2, 16, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])).toEqual({ family: 2, address: '2001:db8::1' });
    expect(addressFromIndex([6, 6, 24, 231, 40, 146, 40, 120])).toEqual({ family: 6, address: '18:e7:28:92:28:78' });
    expect(addressFromIndex([1, 4, 10, 0])).toBeNull();
    expect(addressFromIndex([1, 4, 0, 0, 0, 0])).toBeNull();
  });

  it('prefers IPv4, then IPv6, then anything else', () => {
    expect(preferredAddress([{ family: 6, address: 'm' }, { family: 2, address: 'v6' }, { family: 1, address: 'v4' }])).toBe('v4');
    expect(preferredAddress([{ family: 6, address: 'm' }, { family: 2, address: 'v6' }])).toBe('v6');
    expect(preferredAddress([])).toBeNull();
  });

  it('decodes CDP addresses by cdpCacheAddressType', () => {
    expect(decodeCdpAddress(1, b(10, 4, 1, 1))).toBe('10.4.1.1');
    expect(decodeCdpAddress(20, ipv6('2001:0db8:0000:0000:0000:0000:0000:0002'))).toBe('2001:db8::2');
    expect(decodeCdpAddress(1, b(0, 0, 0, 0))).toBeNull();
    expect(decodeCdpDuplex(3)).toBe('full');
    expect(decodeCdpDuplex(2)).toBe('half');
    expect(decodeCdpDuplex(1)).toBeNull();
  });

  it('reads text addresses, IPv4-compatible IPv6 as IPv4', () => {
    expect(addressFromText('::169.254.2.131')).toBe('169.254.2.131');
    expect(addressFromText('::')).toBeNull();
    expect(addressFromText('2001:db8::5')).toBe('2001:db8::5');
  });
});
