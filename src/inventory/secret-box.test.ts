/** The key file and AES-256-GCM box: created safely, never overwritten, wrong keys detected. */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLinkscopeError } from '../model/errors.js';
import { SecretBox, loadOrCreateSecretKey } from './secret-box.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linkscope-key-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('loadOrCreateSecretKey', () => {
  it('creates a 32-byte key, mode 0600 in a 0700 directory, and reads the same key back', () => {
    const file = join(dir, 'conf', 'linkscope', 'secret.key');
    const key = loadOrCreateSecretKey(file);
    expect(key).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'conf', 'linkscope')).mode & 0o777).toBe(0o700);
    expect(loadOrCreateSecretKey(file).equals(key)).toBe(true);
  });

  it('accepts hex, base64 and raw 32-byte files', () => {
    const key = Buffer.alloc(32, 7);
    for (const [name, content] of [
      ['hex', key.toString('hex')],
      ['b64', `${key.toString('base64')}\n`],
      ['raw', key],
    ] as const) {
      writeFileSync(join(dir, name), content);
      expect(loadOrCreateSecretKey(join(dir, name)).equals(key)).toBe(true);
    }
  });

  it('refuses a malformed key file and leaves it untouched', () => {
    const file = join(dir, 'bad.key');
    writeFileSync(file, 'not a key\n');
    try {
      loadOrCreateSecretKey(file);
      expect.unreachable();
    } catch (err) {
      expect(isLinkscopeError(err, 'LS_INVENTORY_DB')).toBe(true);
      expect((err as Error).message).toContain(file);
    }
    expect(readFileSync(file, 'utf8')).toBe('not a key\n');
  });
});

describe('SecretBox', () => {
  const box = new SecretBox(Buffer.alloc(32, 1));

  it('round-trips, with a fresh nonce each time', () => {
    const a = box.encrypt('public', 'c');
    const b = box.encrypt('public', 'c');
    expect(a.equals(b)).toBe(false);
    expect(box.decrypt(a, 'c')).toBe('public');
    expect(a.includes(Buffer.from('public'))).toBe(false);
  });

  it('returns undefined for another key, another purpose or altered bytes', () => {
    const blob = box.encrypt('public', 'c');
    expect(new SecretBox(Buffer.alloc(32, 2)).decrypt(blob, 'c')).toBeUndefined();
    expect(box.decrypt(blob, 'other-column')).toBeUndefined();
    const altered = Buffer.from(blob);
    altered[altered.length - 1] = (altered[altered.length - 1] ?? 0) ^ 1;
    expect(box.decrypt(altered, 'c')).toBeUndefined();
  });

  it('hashes identities deterministically per key', () => {
    expect(box.identityHash(['a', 1]).equals(box.identityHash(['a', 1]))).toBe(true);
    expect(box.identityHash(['a', 1]).equals(new SecretBox(Buffer.alloc(32, 2)).identityHash(['a', 1]))).toBe(false);
    expect(box.matchesKeyCheck(box.keyCheck())).toBe(true);
    expect(box.matchesKeyCheck(new SecretBox(Buffer.alloc(32, 2)).keyCheck())).toBe(false);
  });

  it('refuses a key of the wrong length', () => {
    expect(() => new SecretBox(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
