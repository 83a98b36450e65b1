/**
 * The SQLite inventory on real files: the shared Inventory contract, plus what only a file has:
 * messages, encryption at rest, wrong keys, corruption, locking, migrations, two processes.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LinkscopeError } from '../model/errors.js';
import { Secret } from '../model/secret.js';
import type { Neighbor } from '../model/topology.js';
import { describeInventoryContract, v2, v3 } from './inventory-contract.js';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { SecretBox } from './secret-box.js';
import { openInventory, type SqliteInventory } from './sqlite-inventory.js';

const KEY = Buffer.alloc(32, 0x11);
const OTHER_KEY = Buffer.alloc(32, 0x22);

describeInventoryContract('SQLite', async () => {
  const home = mkdtempSync(join(tmpdir(), 'linkscope-contract-'));
  const path = join(home, 'data', 'inventory.db');
  const all: SqliteInventory[] = [openInventory({ path, secretKey: KEY })];
  const [inventory] = all as [SqliteInventory];
  return {
    inventory,
    reopen: async () => {
      const next = openInventory({ path, secretKey: KEY });
      all.push(next);
      return next;
    },
    cleanup: async () => {
      for (const inv of all) await inv.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
});

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

/** The failure of a read (a synchronous throw) or of a write (a rejection). */
async function codeOf(fn: () => unknown): Promise<{ code: string; message: string }> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof LinkscopeError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a LinkscopeError');
}

describe('SqliteInventory ids, clock and messages', () => {
  it('numbers devices from 1, stamps them with its clock and names what was asked for', async () => {
    const inv = open();
    const a = await inv.add(v2('10.0.0.1', 'public', { name: 'core-sw1', intervalMs: 30_000 }));
    expect(a).toMatchObject({ id: 1, name: 'core-sw1', createdAt: '2025-01-02T03:04:05.000Z', updatedAt: '2025-01-02T03:04:05.000Z' });
    expect((await inv.add(v3('10.0.0.2', 'monitor', 'vlan-10'))).id).toBe(2);
    await inv.remove(2);
    expect(await codeOf(() => inv.get(2))).toEqual({ code: 'LS_DEVICE_NOT_FOUND', message: expect.stringContaining('No device with id 2') });
    expect((await codeOf(() => inv.remove('ghost'))).message).toContain('No device named "ghost"');
  });

  it('names the device a duplicate collides with', async () => {
    const inv = open();
    await inv.add(v2('10.0.0.1', 'public', { name: 'first' }));
    expect((await codeOf(() => inv.add(v2('10.0.0.1', 'public')))).message).toContain('first (id 1)');
    await inv.add(v2('10.0.0.1', 'b', { name: 'one' }));
    await inv.add(v2('10.0.0.1', 'c', { name: 'two' }));
    expect((await codeOf(() => inv.update('two', { name: 'ONE' }))).message).toContain('A device named "one" already exists (id 2)');
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

describe('SqliteInventory migrations', () => {
  /** A file as linkscope wrote it at schema version `version`, holding one v2c device with custom metrics. */
  function writeOldInventory(version: number): void {
    mkdirSync(join(dir, 'data'), { recursive: true });
    const raw = new Database(dbPath);
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    for (const m of MIGRATIONS.filter((x) => x.version <= version)) raw.exec(m.sql);
    raw.pragma(`user_version = ${version}`);
    const box = new SecretBox(KEY);
    const at = '2024-06-01T00:00:00.000Z';
    raw
      .prepare(
        `INSERT INTO devices (name, host, port, snmp_version, community_enc, identity_hmac, interval_ms, discovered_by, metrics, created_at, updated_at)
         VALUES ('old-sw', '10.0.0.1', 161, '2c', ?, ?, 30000, NULL, '["temps"]', ?, ?)`,
      )
      .run(box.encrypt('old-community', 'devices.community'), box.identityHash(['community', '10.0.0.1', 161, 'old-community']), at, at);
    raw.close();
  }

  it('adds the site column to a version 4 file: its devices keep everything and are in the default site', async () => {
    writeOldInventory(4);
    const inv = open();
    const [old] = inv.list();
    expect(old).toMatchObject({ id: 1, name: 'old-sw', host: '10.0.0.1', intervalMs: 30_000, metrics: ['temps'], site: 'default', createdAt: '2024-06-01T00:00:00.000Z' });
    expect(old?.snmp.version === '2c' && old.snmp.community.reveal()).toBe('old-community');
    // The identity hash is untouched: the same agent and community is still a duplicate.
    expect((await codeOf(() => inv.add(v2('10.0.0.1', 'old-community')))).code).toBe('LS_DEVICE_EXISTS');
    expect((await inv.update('old-sw', { site: 'dc-1' })).site).toBe('dc-1');
    await inv.close();
    const raw = new Database(dbPath, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(raw.prepare('SELECT site FROM devices').all()).toEqual([{ site: 'dc-1' }]);
    raw.close();
  });
});

describe('SQLite inventory neighbours across processes', () => {
  it('shows neighbours one connection recorded to another, with a changed token', async () => {
    const writer = open();
    const reader = open();
    const id = (await writer.add({ host: '10.0.0.1', name: 'sw1', snmp: { version: '2c', community: new Secret('public') } })).id;
    const before = reader.neighborsToken();
    const row: Neighbor = {
      protocol: 'lldp', localIfIndex: 2, localIfName: 'Gi1/0/2', mappedBy: 'ifIndex', remoteName: 'sw2', remoteChassisId: 'aa:bb:cc:00:00:02',
      remotePort: 'Gi0/1', remotePortDescr: null, remotePlatform: null, remoteCapabilities: ['bridge'], remoteAddress: null,
    };
    await writer.recordNeighbors(id, { localChassisId: null, neighbors: [row], unmapped: 0 }, '2025-01-01T00:00:00.000Z', 3_600_000);
    expect(reader.neighborsToken()).not.toBe(before);
    expect(reader.listNeighbors()[0]?.neighbors).toHaveLength(1);
  });

  it('shows a device added with a site to another connection', async () => {
    const writer = open();
    const reader = open();
    await reader.sync();
    await writer.add(v2('10.0.0.1', 'c', { site: 'dc-1' }));
    await reader.sync();
    expect(reader.list().map((d) => d.site)).toEqual(['dc-1']);
  });
});
