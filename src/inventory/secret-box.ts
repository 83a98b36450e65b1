/** Secrets at rest: the 32-byte key file, AES-256-GCM for communities and v3 keys, HMAC for identity lookups. */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LinkscopeError } from '../model/errors.js';

export const SECRET_KEY_BYTES = 32;
const FORMAT_V1 = 1;
const NONCE_BYTES = 12; // the GCM standard nonce size (NIST SP 800-38D); random per value
const TAG_BYTES = 16;

/**
 * Reads the key from `file`, or creates it (random, 64 hex characters, mode 0600 in a 0700
 * directory) when it does not exist. An existing file is never rewritten: losing it makes every
 * stored credential unreadable, so a bad one is an error, not something to "fix".
 */
export function loadOrCreateSecretKey(file: string): Buffer {
  const existing = readKeyFile(file);
  if (existing !== undefined) return existing;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const key = randomBytes(SECRET_KEY_BYTES);
    // Written aside, then linked into place: link() fails if another process (a second poller on a
    // shared volume) created the file meanwhile, and a reader never sees a half-written key.
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    try {
      linkSync(tmp, file);
    } finally {
      rmSync(tmp, { force: true });
    }
    return key;
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') {
      const raced = readKeyFile(file);
      if (raced !== undefined) return raced;
    }
    throw new LinkscopeError(
      'LS_INVENTORY_DB',
      `Cannot create the secret key file ${file}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}; make its directory writable or set secretKeyFile (LINKSCOPE_SECRET_KEY_FILE)`,
      { cause, details: { file } },
    );
  }
}

function readKeyFile(file: string): Buffer | undefined {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new LinkscopeError('LS_INVENTORY_DB', `Cannot read the secret key file ${file}: ${code ?? (cause as Error).message}; check its owner and mode (0600)`, {
      cause,
      details: { file },
    });
  }
  const text = raw.toString('latin1').trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/]{43}=$/.test(text)) return Buffer.from(text, 'base64');
  // A raw 32-byte file, as `head -c 32 /dev/urandom > key` makes.
  if (raw.length === SECRET_KEY_BYTES) return Buffer.from(raw);
  throw new LinkscopeError(
    'LS_INVENTORY_DB',
    `The secret key file ${file} does not hold a 32-byte key (64 hex characters); restore it from a backup. It is never overwritten: the inventory's credentials depend on it`,
    { details: { file } },
  );
}

/**
 * Encrypts and authenticates one secret per call. Sub-keys are derived with HKDF so the cipher key
 * and the identity HMAC key are never the same bytes.
 */
export class SecretBox {
  readonly #encryptionKey: Buffer;
  readonly #identityKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== SECRET_KEY_BYTES) {
      throw new LinkscopeError('LS_INVENTORY_DB', `The inventory secret key must be ${SECRET_KEY_BYTES} bytes, got ${masterKey.length}; check secretKeyFile`);
    }
    this.#encryptionKey = derive(masterKey, 'linkscope inventory secrets v1');
    this.#identityKey = derive(masterKey, 'linkscope inventory identity v1');
  }

  /** `purpose` (the column) is bound as associated data: a ciphertext moved to another column fails to open. */
  encrypt(plaintext: string, purpose: string): Buffer {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#encryptionKey, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(purpose, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT_V1]), nonce, cipher.getAuthTag(), body]);
  }

  /** undefined when the key is not the one that encrypted it (or the bytes were altered). */
  decrypt(blob: Buffer, purpose: string): string | undefined {
    if (blob.length < 1 + NONCE_BYTES + TAG_BYTES || blob[0] !== FORMAT_V1) return undefined;
    const nonce = blob.subarray(1, 1 + NONCE_BYTES);
    const tag = blob.subarray(1 + NONCE_BYTES, 1 + NONCE_BYTES + TAG_BYTES);
    const body = blob.subarray(1 + NONCE_BYTES + TAG_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#encryptionKey, nonce, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(purpose, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      // GCM authentication failure is the expected signal for a wrong key; the caller names the device.
      return undefined;
    }
  }

  /**
   * A keyed hash of the parts: equal parts give equal hashes, so uniqueness can be checked in SQL
   * without storing the community in clear, and without it being guessable from the file alone.
   */
  identityHash(parts: readonly (string | number)[]): Buffer {
    return createHmac('sha256', this.#identityKey).update(JSON.stringify(parts)).digest();
  }

  /** A fingerprint stored in the database to tell, at open, whether this is the key it was written with. */
  keyCheck(): string {
    return this.identityHash(['linkscope key check']).toString('hex');
  }

  matchesKeyCheck(stored: string): boolean {
    const mine = Buffer.from(this.keyCheck(), 'hex');
    const theirs = Buffer.from(stored, 'hex');
    return mine.length === theirs.length && timingSafeEqual(mine, theirs);
  }
}

function derive(masterKey: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, SECRET_KEY_BYTES));
}
