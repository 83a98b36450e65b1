/** CIDR parsing and membership, IPv4 and IPv6. */
import { describe, expect, it } from 'vitest';
import { cidrContains, parseCidr, parseIpAddress } from './cidr.js';

const inRange = (cidr: string, ip: string): boolean => {
  const c = parseCidr(cidr);
  const a = parseIpAddress(ip);
  if (c === undefined || a === undefined) throw new Error(`bad test input ${cidr} ${ip}`);
  return cidrContains(c, a);
};

describe('parseCidr', () => {
  it('reads IPv4 and IPv6 ranges and bare addresses, clearing host bits', () => {
    expect(parseCidr('10.0.0.0/8')?.text).toBe('10.0.0.0/8');
    expect(parseCidr(' 10.1.2.3/8 ')?.text).toBe('10.0.0.0/8');
    expect(parseCidr('192.168.1.7')?.text).toBe('192.168.1.7/32');
    expect(parseCidr('0.0.0.0/0')?.text).toBe('0.0.0.0/0');
    expect(parseCidr('2001:DB8::1/32')?.text).toBe('2001:db8::/32');
    expect(parseCidr('::1')?.text).toBe('::1/128');
    expect(parseCidr('fe80::/10')?.prefix).toBe(10);
    expect(parseCidr('::ffff:10.0.0.1/128')?.text).toBe('::ffff:10.0.0.1/128');
    expect(parseCidr('2001:db8:0:0:1:0:0:1')?.text).toBe('2001:db8::1:0:0:1/128');
  });

  it('refuses what is not a range', () => {
    for (const bad of ['', '10.0.0.0/33', '10.0.0/8', '256.0.0.0/8', '10.0.0.010/32', '10.0.0.0/', '10.0.0.0/-1', 'net-a/8', '2001:db8::/129', '1::2::3', '1:2:3:4:5:6:7:8:9', 'gggg::/16', '10.0.0.0/8/8']) {
      expect(parseCidr(bad), bad).toBeUndefined();
    }
  });
});

describe('cidrContains', () => {
  it('matches addresses inside the range, up to its edges', () => {
    expect(inRange('10.0.0.0/8', '10.255.255.255')).toBe(true);
    expect(inRange('10.0.0.0/8', '11.0.0.0')).toBe(false);
    expect(inRange('127.0.0.2/31', '127.0.0.3')).toBe(true);
    expect(inRange('127.0.0.2/31', '127.0.0.4')).toBe(false);
    expect(inRange('0.0.0.0/0', '8.8.8.8')).toBe(true);
    expect(inRange('2001:db8::/32', '2001:db8:ffff::1')).toBe(true);
    expect(inRange('2001:db8::/32', '2001:db9::1')).toBe(false);
  });

  it('never matches across families', () => {
    expect(inRange('0.0.0.0/0', '::ffff:10.0.0.1')).toBe(false);
    expect(inRange('::/0', '10.0.0.1')).toBe(false);
  });
});
