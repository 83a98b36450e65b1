/** The SQLite inventory on real files: CRUD, duplicates, names, encryption at rest, wrong keys, corruption, two processes. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LinkscopeError } from '../model/errors.js';
import { Secret } from '../model/secret.js';
import type { NewDevice } from '../model/types.js';
import { SCHEMA_VERSION } from './migrations.js';
import { openInventory, type SqliteInventory } from './sqlite-inventory.js';

const KEY = Buffer.alloc(32, 0x11);
const OTHER_KEY = Buffer.alloc(32, 0x22);

let dir: string;
let dbPath: string;
const opened: SqliteInventory[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'linkscope-inv-'));
  dbPath = join(dir, 'data', 'inventory.db');
});
afterEach(async () => {
  for (const inv of opened.splice(0)) await inv.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(key = KEY, extra: { busyTimeoutMs?: number } = {}): SqliteInventory {
  const inv = openInventory({ path: dbPath, secretKey: key, secretKeyFile: '/keys/secret.key', now: () => new Date('2025-01-02T03:04:05.000Z'), ...extra });
  opened.push(inv);
  return inv;
}

function v2(host: string, community: string, extra: Partial<NewDevice> = {}): NewDevice {
  return { host, snmp: { version: '2c', community: new Secret(community) }, ...extra };
}

function v3(host: string, user: string, context?: string): NewDevice {
  return {
    host,
    snmp: {
      version: '3',
      user,
      level: 'authPriv',
      authProtocol: 'sha256',
      authKey: new Secret('auth-key-secret-1'),
      privProtocol: 'aes',
      privKey: new Secret('priv-key-secret-1'),
      ...(context === undefined ? {} : { context }),
    },
  };
}

async function codeOf(fn: () => unknown): Promise<{ code: string; message: string }> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof LinkscopeError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a LinkscopeError');
}

describe('SqliteInventory CRUD', () => {
  it('adds, lists, finds, updates and removes devices', async () => {
    const inv = open();
    const a = await inv.add(v2('10.0.0.1', 'public', { name: 'core-sw1', intervalMs: 30_000 }));
    expect(a).toMatchObject({ id: 1, name: 'core-sw1', host: '10.0.0.1', port: 161, intervalMs: 30_000, createdAt: '2025-01-02T03:04:05.000Z' });
    expect(a.snmp.version === '2c' && a.snmp.community.reveal()).toBe('public');
    const b = await inv.add(v3('10.0.0.2', 'monitor', 'vlan-10'));
    expect(b.id).toBe(2);
    expect(b.snmp).toMatchObject({ version: '3', user: 'monitor', level: 'authPriv', authProtocol: 'sha256', privProtocol: 'aes', context: 'vlan-10' });
    expect(b.snmp.version === '3' && b.snmp.privKey?.reveal()).toBe('priv-key-secret-1');

    expect(inv.list().map((d) => d.name)).toEqual(['core-sw1', '10.0.0.2']);
    expect(inv.find(1)?.name).toBe('core-sw1');
    expect(inv.find('1')?.name).toBe('core-sw1');
    expect(inv.find('CORE-SW1')?.id).toBe(1);
    expect(inv.find('nope')).toBeUndefined();
    expect(inv.find(99)).toBeUndefined();

    const updated = await inv.update('core-sw1', { port: 1161, intervalMs: null, snmp: { version: '1', community: new Secret('private') } });
    expect(updated).toMatchObject({ id: 1, port: 1161, intervalMs: null, snmp: { version: '1' } });
    expect(updated.snmp.version === '1' && updated.snmp.community.reveal()).toBe('private');
    expect(inv.get(1).port).toBe(1161);

    expect((await inv.remove('10.0.0.2')).id).toBe(2);
    expect(inv.list().map((d) => d.id)).toEqual([1]);
    expect(await codeOf(() => inv.get(2))).toEqual({ code: 'LS_DEVICE_NOT_FOUND', message: expect.stringContaining('No device with id 2') });
    expect((await codeOf(() => inv.remove('ghost'))).message).toContain('No device named "ghost"');
  });

  it('stores which device the neighbour crawl found a device through, null for one added by hand', async () => {
    const inv = open();
    const seer = await inv.add(v2('10.0.0.1', 'a'));
    expect(seer.discoveredBy).toBeNull();
    const found = await inv.add({ ...v2('10.0.0.2', 'a'), discoveredBy: seer.id });
    expect(found.discoveredBy).toBe(seer.id);
    for (const i of opened.splice(0)) await i.close();
    expect(open().get(found.id).discoveredBy).toBe(seer.id);
  });

  it('stores a device\'s custom metric names, replaces them by update and clears them with []', async () => {
    const inv = open();
    const d = await inv.add(v2('10.0.0.1', 'a', { metrics: ['ip-stats', 'temps'] }));
    expect(d.metrics).toEqual(['ip-stats', 'temps']);
    expect((await inv.add(v2('10.0.0.2', 'a'))).metrics).toBeUndefined();
    for (const i of opened.splice(0)) await i.close();
    const again = open();
    expect(again.get(d.id).metrics).toEqual(['ip-stats', 'temps']);
    expect((await again.update(d.id, { metrics: ['temps'] })).metrics).toEqual(['temps']);
    expect((await again.update(d.id, { metrics: [] })).metrics).toBeUndefined();
    expect(await codeOf(() => again.update(d.id, { metrics: ['a', 'a'] }))).toMatchObject({ code: 'LS_DEVICE_INVALID', message: expect.stringContaining('metrics[1]: "a" is listed twice') });
  });

  it('never reuses the id of a removed device', async () => {
    const inv = open();
    await inv.add(v2('10.0.0.1', 'a'));
    await inv.remove(1);
    expect((await inv.add(v2('10.0.0.1', 'a'))).id).toBe(2);
  });

  it('validates input and updates, naming the field', async () => {
    const inv = open();
    expect(await codeOf(() => inv.add(v2('10.0.0.1:161', 'x')))).toEqual({ code: 'LS_DEVICE_INVALID', message: expect.stringContaining('host:') });
    await inv.add(v2('10.0.0.1', 'x'));
    expect((await codeOf(() => inv.update(1, { name: '42' }))).message).toContain('name: "42" is all digits');
  });
});

describe('SqliteInventory uniqueness', () => {
  it('refuses the same host, port and community with 409', async () => {
    const inv = open();
    await inv.add(v2('10.0.0.1', 'public', { name: 'first' }));
    const err = await codeOf(() => inv.add(v2('10.0.0.1', 'public')));
    expect(err.code).toBe('LS_DEVICE_EXISTS');
    expect(err.message).toContain('first (id 1)');
    expect(err.message).not.toContain('public');
    // v1 vs v2c with the same community is the same identity on the agent.
    expect((await codeOf(() => inv.add({ host: '10.0.0.1', snmp: { version: '1', community: new Secret('public') } }))).code).toBe('LS_DEVICE_EXISTS');
  });

  it('allows one address to front several devices with different communities or ports', async () => {
    const inv = open();
    await inv.add(v2('127.0.0.1', 'sim-switch'));
    await inv.add(v2('127.0.0.1', 'sim-router'));
    await inv.add(v2('127.0.0.1', 'sim-switch', { port: 1161 }));
    expect(inv.list()).toHaveLength(3);
  });

  it('refuses the same v3 user and context, allows another context', async () => {
    const inv = open();
    await inv.add(v3('10.0.0.5', 'monitor'));
    expect((await codeOf(() => inv.add(v3('10.0.0.5', 'monitor')))).code).toBe('LS_DEVICE_EXISTS');
    await inv.add(v3('10.0.0.5', 'monitor', 'vlan-20'));
    expect((await codeOf(() => inv.add(v3('10.0.0.5', 'monitor', 'vlan-20')))).code).toBe('LS_DEVICE_EXISTS');
  });

  it('treats host spelling variants as one agent', async () => {
    const inv = open();
    await inv.add(v2('2001:db8::1', 'c'));
    expect((await codeOf(() => inv.add(v2('2001:DB8:0::1', 'c')))).code).toBe('LS_DEVICE_EXISTS');
  });

  it('refuses an update that collides with another device, allows one onto itself', async () => {
    const inv = open();
    await inv.add(v2('10.0.0.1', 'a', { name: 'one' }));
    await inv.add(v2('10.0.0.1', 'b', { name: 'two' }));
    expect((await codeOf(() => inv.update('two', { snmp: { version: '2c', community: new Secret('a') } }))).code).toBe('LS_DEVICE_EXISTS');
    expect((await codeOf(() => inv.update('two', { name: 'ONE' }))).message).toContain('A device named "one" already exists (id 1)');
    expect((await inv.update('one', { name: 'One', snmp: { version: '2c', community: new Secret('a') } })).name).toBe('One');
  });
});

describe('SqliteInventory names', () => {
  it('names a device after its host, adding :port off 161 and -2, -3 when taken', async () => {
    const inv = open();
    expect((await inv.add(v2('10.0.0.1', 'a'))).name).toBe('10.0.0.1');
    expect((await inv.add(v2('10.0.0.1', 'b'))).name).toBe('10.0.0.1-2');
    expect((await inv.add(v2('10.0.0.1', 'c'))).name).toBe('10.0.0.1-3');
    expect((await inv.add(v2('10.0.0.1', 'a', { port: 1161 }))).name).toBe('10.0.0.1:1161');
  });

  it('keeps names unique regardless of case', async () => {
    const inv = open();
    await inv.add(v2('10.0.0.1', 'a', { name: 'Core' }));
    expect((await codeOf(() => inv.add(v2('10.0.0.2', 'a', { name: 'core' })))).code).toBe('LS_DEVICE_EXISTS');
  });
});

describe('SqliteInventory secrets at rest', () => {
  it('keeps communities and v3 keys out of the database files in clear text', async () => {
    const inv = open();
    await inv.add(v2('10.0.0.1', 'community-in-clear'));
    await inv.add(v3('10.0.0.2', 'monitor'));
    await inv.close();
    const bytes = Buffer.concat([dbPath, `${dbPath}-wal`].filter((p) => existsSync(p)).map((p) => readFileSync(p)));
    expect(bytes.length).toBeGreaterThan(0);
    for (const secret of ['community-in-clear', 'auth-key-secret-1', 'priv-key-secret-1']) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
    // The host and user are not secrets and stay readable (e.g. for sqlite3 inspection).
    expect(bytes.includes(Buffer.from('monitor'))).toBe(true);
  });

  it('names the devices a wrong key cannot decrypt, and refuses to write with it', async () => {
    const first = open();
    await first.add(v2('10.0.0.1', 'public', { name: 'core-sw1' }));
    await first.add(v3('10.0.0.2', 'monitor'));
    await first.close();

    const wrong = open(OTHER_KEY);
    const err = await codeOf(() => wrong.list());
    expect(err.code).toBe('LS_INVENTORY_DB');
    expect(err.message).toContain('the secret key file /keys/secret.key does not match');
    expect(err.message).toContain('core-sw1 (id 1)');
    expect(err.message).toContain('10.0.0.2 (id 2)');
    expect((await codeOf(() => wrong.get('core-sw1'))).code).toBe('LS_INVENTORY_DB');
    expect((await codeOf(() => wrong.add(v2('10.0.0.3', 'x')))).message).toContain('Refusing to write');
  });

  it('lets an operator who lost the key remove the affected devices, then adopt the new key', async () => {
    const first = open();
    await first.add(v2('10.0.0.1', 'public', { name: 'core-sw1' }));
    await first.close();
    const wrong = open(OTHER_KEY);
    expect(await wrong.remove('core-sw1')).toMatchObject({ id: 1, name: 'core-sw1' });
    expect((await wrong.add(v2('10.0.0.1', 'public'))).name).toBe('10.0.0.1');
    expect(wrong.list()).toHaveLength(1);
  });
});

describe('SqliteInventory files', () => {
  it('refuses a file that is not a database and leaves it byte-for-byte untouched', async () => {
    const path = join(dir, 'garbage.db');
    const garbage = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 251));
    writeFileSync(path, garbage);
    const err = await codeOf(() => openInventory({ path, secretKey: KEY }));
    expect(err.code).toBe('LS_INVENTORY_DB');
    expect(err.message).toContain(path);
    expect(err.message).toContain('not a SQLite database or is corrupt');
    expect(err.message).toContain('restore a backup');
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });

  it('refuses another application\'s SQLite database without touching it', async () => {
    const path = join(dir, 'other.db');
    const other = new Database(path);
    other.exec('CREATE TABLE users (id INTEGER)');
    other.close();
    const before = readFileSync(path);
    expect((await codeOf(() => openInventory({ path, secretKey: KEY }))).message).toContain('not a linkscope inventory (tables: users)');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('names the path when it cannot be opened', async () => {
    writeFileSync(join(dir, 'file'), 'x');
    const path = join(dir, 'file', 'inventory.db');
    const err = await codeOf(() => openInventory({ path, secretKey: KEY }));
    expect(err.code).toBe('LS_INVENTORY_DB');
    expect(err.message).toContain(path);
  });

  it('says another process holds the lock when busy beyond the timeout', async () => {
    await open().add(v2('10.0.0.1', 'a'));
    const holder = new Database(dbPath);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const inv = open(KEY, { busyTimeoutMs: 20 });
      const err = await codeOf(() => inv.add(v2('10.0.0.2', 'b')));
      expect(err.code).toBe('LS_INVENTORY_DB');
      expect(err.message).toContain('is locked: another process');
      expect(err.message).toContain(dbPath);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('migrates once and reopens idempotently, in WAL mode with foreign keys on', async () => {
    await open().add(v2('10.0.0.1', 'a'));
    for (const inv of opened.splice(0)) await inv.close();
    const again = open();
    expect(again.list()).toHaveLength(1);
    await again.close();
    const raw = new Database(dbPath, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('refuses a schema newer than it knows', async () => {
    await open().close();
    const raw = new Database(dbPath);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect((await codeOf(() => open())).message).toContain('newer than this linkscope supports');
  });
});

describe('SqliteInventory files on disk', () => {
  it('creates a new database readable by its owner only', async () => {
    await open().add(v2('10.0.0.1', 'c'));
    expect(statSync(dbPath).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);
  });

  it('refuses a 0-byte database next to data of an earlier run instead of starting empty', async () => {
    mkdirSync(join(dir, 'data', 'state'), { recursive: true });
    writeFileSync(dbPath, '');
    expect(() => open()).toThrow(expect.objectContaining({ code: 'LS_INVENTORY_DB', message: expect.stringMatching(/is empty \(0 bytes\).*state.*Restore the file from a backup/) }) as unknown as Error);
    expect(statSync(dbPath).size).toBe(0);
  });

  it('initialises a 0-byte database alone in a new directory (a first start that stopped early)', async () => {
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(dbPath, '');
    expect(open().list()).toEqual([]);
  });
});

describe('SqliteInventory change token', () => {
  it('moves in another instance on the same file when devices change, and not otherwise', async () => {
    const a = open();
    const b = open();
    const t0 = b.changeToken();
    expect(b.changeToken()).toBe(t0);
    await a.add(v2('10.0.0.1', 'a'));
    const t1 = b.changeToken();
    expect(t1).not.toBe(t0);
    expect(b.changeToken()).toBe(t1);
    expect(b.list()).toHaveLength(1);
    await a.update(1, { intervalMs: 5000 });
    const t2 = b.changeToken();
    expect(t2).not.toBe(t1);
    await a.remove(1);
    expect(b.changeToken()).not.toBe(t2);
  });

  it('moves in the writing instance too', async () => {
    const a = open();
    const t0 = a.changeToken();
    await a.add(v2('10.0.0.1', 'a'));
    expect(a.changeToken()).not.toBe(t0);
  });
});
