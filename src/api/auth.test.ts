/** Unit tests for token parsing and comparison and the loopback check. */
import { describe, expect, it } from 'vitest';
import { Secret } from '../model/secret.js';
import { bearerToken, isLoopbackHost, tokenMatches } from './auth.js';

describe('auth helpers', () => {
  it('reads the token of a Bearer header, case-insensitively, and nothing else', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer   abc ')).toBe('abc');
    for (const h of [undefined, '', 'Bearer', 'Bearer a b', 'Basic abc', 'abc', ['Bearer abc']]) expect(bearerToken(h)).toBeUndefined();
  });

  it('compares tokens of any length without throwing', () => {
    const token = new Secret('s3cret');
    expect(tokenMatches(token, 's3cret')).toBe(true);
    for (const given of ['', 's3cre', 's3crett', 'S3CRET', 'x'.repeat(10_000)]) expect(tokenMatches(token, given)).toBe(false);
  });

  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.9.9.9', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', 'example.net', '::ffff:10.0.0.1', '']) expect(isLoopbackHost(h), h).toBe(false);
  });
});
