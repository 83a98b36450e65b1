/** The device inventory in SQLite (WAL, busy timeout): shared by `serve` and CLI processes, credentials encrypted at rest. */
import { closeSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { LinkscopeError } from '../model/errors.js';
import { Secret } from '../model/secret.js';
import type { Neighbor, NeighborDiscovery } from '../model/topology.js';
import type { AuthProtocol, Device, DevicePatch, NewDevice, PrivProtocol, SecurityLevel, SnmpCredentials, SnmpVersion } from '../model/types.js';
import type { Logger } from '../observability/logger.js';
import { checkOpenable, migrate } from './migrations.js';
import { SecretBox } from './secret-box.js';
import { nextNeighborRows, sortNeighborRows, staleCutoffIso } from './neighbor-rows.js';
import type { DeviceNeighbors, Inventory, StoredNeighbor } from './types.js';
import { defaultDeviceName, parseDeviceRef, validateDevicePatch, validateNewDevice } from './validate.js';

export interface OpenInventoryOptions {
  /** The SQLite file, usually `<dataDir>/inventory.db`; its directory is created (0700) when missing. */
  readonly path: string;
  /** 32 bytes, from loadOrCreateSecretKey(config.secretKeyFile). */
  readonly secretKey: Buffer;
  readonly logger?: Logger;
  /** Where the key came from, for messages only ("the secret key file X does not match"). */
  readonly secretKeyFile?: string;
  /** How long a write waits for another process's lock before LS_INVENTORY_DB; default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** Clock for createdAt/updatedAt; tests pin it. */
  readonly now?: () => Date;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;
// Columns are bound into each ciphertext (AES-GCM associated data): a value moved between columns fails to open.
const PURPOSE = { community: 'devices.community', authKey: 'devices.auth_key', privKey: 'devices.priv_key' } as const;

interface DeviceRow {
  readonly id: number;
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly snmp_version: SnmpVersion;
  readonly community_enc: Buffer | null;
  readonly v3_user: string | null;
  readonly v3_level: SecurityLevel | null;
  readonly v3_auth_protocol: AuthProtocol | null;
  readonly v3_priv_protocol: PrivProtocol | null;
  readonly v3_context: string | null;
  readonly auth_key_enc: Buffer | null;
  readonly priv_key_enc: Buffer | null;
  readonly interval_ms: number | null;
  readonly discovered_by: number | null;
  /** JSON array of custom metric names; NULL = none (migration 4). */
  readonly metrics: string | null;
  /** Migration 5; 'default' for devices stored before it. */
  readonly site: string;
  readonly created_at: string;
  readonly updated_at: string;
}

interface NeighborRow {
  readonly device_id: number;
  readonly row_key: string;
  readonly row_json: string;
  readonly first_seen: string;
  readonly last_seen: string;
}

interface DiscoveryRow {
  readonly device_id: number;
  readonly local_chassis_id: string | null;
  readonly discovered_at: string;
  readonly version: number;
}

/** Column values for INSERT/UPDATE, named as the statement parameters. */
interface DeviceColumns {
  name: string;
  host: string;
  port: number;
  snmp_version: SnmpVersion;
  community_enc: Buffer | null;
  v3_user: string | null;
  v3_level: SecurityLevel | null;
  v3_auth_protocol: AuthProtocol | null;
  v3_priv_protocol: PrivProtocol | null;
  v3_context: string | null;
  auth_key_enc: Buffer | null;
  priv_key_enc: Buffer | null;
  identity_hmac: Buffer;
  interval_ms: number | null;
  updated_at: string;
}

export function openInventory(options: OpenInventoryOptions): SqliteInventory {
  const path = resolve(options.path);
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const box = new SecretBox(options.secretKey);
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  } catch (cause) {
    throw new LinkscopeError('LS_INVENTORY_DB', `Cannot create the directory of inventory database ${path}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}; check dataDir and its permissions`, {
      cause,
      details: { path },
    });
  }
  if (isDirectory(path)) {
    throw new LinkscopeError('LS_INVENTORY_DB', `Inventory database ${path} is a directory; point it at a file (the default is <dataDir>/inventory.db)`, { details: { path } });
  }
  refuseEmptyInventory(path);
  createPrivately(path);
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { timeout: busyTimeoutMs });
    // Before any write (switching to WAL rewrites the header): a corrupt file or another app's
    // database must be left exactly as found.
    checkOpenable(db, path);
    // busy_timeout is set by the constructor option first: switching to WAL can itself wait on a lock.
    // WAL lets `serve` read while a CLI writes; NORMAL sync is durable enough in WAL (no corruption, at most the last commit on power loss).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const result = migrate(db, path);
    if (result.from !== result.to) options.logger?.info({ path, from: result.from, to: result.to }, 'inventory schema migrated');
    return new SqliteInventory(db, box, { ...options, path, busyTimeoutMs });
  } catch (err) {
    db?.close();
    throw toLinkscopeError(err, path, 'open the inventory', busyTimeoutMs);
  }
}

/** Size in bytes, or null when the file does not exist (or cannot be stat'ed: SQLite reports that). */
function sizeOf(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

/**
 * A 0-byte inventory next to data of an earlier run (counter state, spool, another file) is a
 * database that lost its content, not a new one: opening it would silently start with no devices.
 * A 0-byte file alone in its directory is a first start that stopped before the first write, and a
 * 0-byte file with a non-empty WAL is a database not yet checkpointed: both open normally.
 */
function refuseEmptyInventory(path: string): void {
  if (sizeOf(path) !== 0 || (sizeOf(`${path}-wal`) ?? 0) > 0) return;
  const own = new Set([basename(path), `${basename(path)}-wal`, `${basename(path)}-shm`, `${basename(path)}-journal`]);
  let others: string[];
  try {
    others = readdirSync(dirname(path)).filter((n) => !own.has(n));
  } catch {
    return; // SQLite's open then names the problem
  }
  if (others.length === 0) return;
  throw new LinkscopeError(
    'LS_INVENTORY_DB',
    `Inventory database ${path} is empty (0 bytes) but ${dirname(path)} holds data of an earlier run (${others.slice(0, 3).join(', ')}); ` +
      'refusing to start with no devices. Restore the file from a backup, or delete it to start with an empty inventory',
    { details: { path } },
  );
}

/** Creates a missing database file readable by its owner only (SQLite gives its -wal/-shm files the same mode). */
function createPrivately(path: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch {
    // exists already (its mode is the operator's choice), or cannot be created: SQLite's open names the problem
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Maps SQLite failures to LS_INVENTORY_DB with the path and what to do; LinkscopeErrors pass through. */
function toLinkscopeError(err: unknown, path: string, what: string, busyTimeoutMs: number): LinkscopeError {
  if (err instanceof LinkscopeError) return err;
  if (!(err instanceof Database.SqliteError)) {
    return new LinkscopeError('LS_INTERNAL', `Unexpected error while trying to ${what} (${path}): ${String(err)}`, { cause: err });
  }
  const code = err.code;
  const details = { path, sqliteCode: code };
  const fail = (message: string): LinkscopeError => new LinkscopeError('LS_INVENTORY_DB', message, { cause: err, details });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return fail(`Inventory database ${path} is locked: another process (a linkscope CLI or serve?) held its lock for more than ${busyTimeoutMs} ms while trying to ${what}; retry, or stop the other process`);
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return fail(`Inventory database ${path} is not a SQLite database or is corrupt (${err.message}); it was left untouched. Move it aside and restore a backup, or point dataDir elsewhere`);
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return fail(`Cannot open inventory database ${path} (${err.message}); check that its directory exists and is writable`);
  }
  if (code.startsWith('SQLITE_READONLY')) return fail(`Inventory database ${path} is read-only (${err.message}); check the owner and mode of the file and its directory`);
  if (code === 'SQLITE_FULL') return fail(`Inventory database ${path}: the disk is full; free space and retry`);
  if (code.startsWith('SQLITE_CONSTRAINT_UNIQUE')) {
    // The explicit checks inside the write transaction normally catch this first; this is the last fence.
    return new LinkscopeError('LS_DEVICE_EXISTS', 'A device with the same name, or the same host, port and SNMP identity, already exists', { cause: err });
  }
  return fail(`Inventory database ${path}: failed to ${what}: ${err.message} (${code})`);
}

export class SqliteInventory implements Inventory {
  readonly #db: Database.Database;
  readonly #box: SecretBox;
  readonly #path: string;
  readonly #keyFileLabel: string;
  readonly #busyTimeoutMs: number;
  readonly #now: () => Date;
  #keyMatches: boolean;
  #lastDataVersion = -1;
  #ownWrite = true;
  #token = 0;
  #neighborsToken = 0;

  readonly #byId: Database.Statement<[number], DeviceRow>;
  readonly #byName: Database.Statement<[string], DeviceRow>;
  readonly #all: Database.Statement<[], DeviceRow>;
  readonly #byIdentity: Database.Statement<[Buffer], { id: number; name: string }>;
  readonly #devicesVersion: Database.Statement<[], { value: number }>;
  readonly #neighborsVersion: Database.Statement<[], { value: number }>;
  /** Prepared once: db.pragma() compiles its statement on every call, and the poll path asks once per poll (topology). */
  readonly #dataVersion: Database.Statement<[], number>;

  /** Use openInventory(); the constructor expects an open, migrated database. */
  constructor(db: Database.Database, box: SecretBox, options: OpenInventoryOptions & { readonly path: string; readonly busyTimeoutMs: number }) {
    this.#db = db;
    this.#box = box;
    this.#path = options.path;
    this.#keyFileLabel = options.secretKeyFile === undefined ? 'the secret key file (secretKeyFile / LINKSCOPE_SECRET_KEY_FILE)' : `the secret key file ${options.secretKeyFile}`;
    this.#busyTimeoutMs = options.busyTimeoutMs;
    this.#now = options.now ?? (() => new Date());
    this.#byId = db.prepare('SELECT * FROM devices WHERE id = ?');
    // The column is COLLATE NOCASE, so `=` matches names case-insensitively (and uses the unique index).
    this.#byName = db.prepare('SELECT * FROM devices WHERE name = ?');
    this.#all = db.prepare('SELECT * FROM devices ORDER BY id');
    this.#byIdentity = db.prepare('SELECT id, name FROM devices WHERE identity_hmac = ?');
    this.#devicesVersion = db.prepare("SELECT value FROM meta WHERE key = 'devices_version'");
    this.#neighborsVersion = db.prepare("SELECT value FROM meta WHERE key = 'neighbors_version'");
    this.#dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();

    const stored = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'key_check'").get();
    if (stored === undefined) {
      // First open with a key: remember its fingerprint (INSERT OR IGNORE: another process may have won).
      db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('key_check', ?)").run(box.keyCheck());
    }
    const check = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'key_check'").get();
    this.#keyMatches = check === undefined || box.matchesKeyCheck(check.value);
    if (!this.#keyMatches) {
      // Not thrown: reads name the devices that cannot be decrypted and remove still works, so the operator can recover.
      options.logger?.error({ path: this.#path }, `${this.#keyFileLabel} does not match the key this inventory was encrypted with; devices cannot be decrypted or added`);
    }
  }

  list(): Device[] {
    return this.#run('list devices', () => {
      const devices: Device[] = [];
      const unreadable: DeviceRow[] = [];
      for (const row of this.#all.all()) {
        const device = this.#decode(row);
        if (device === undefined) unreadable.push(row);
        else devices.push(device);
      }
      if (unreadable.length > 0) throw this.#undecryptable(unreadable);
      return devices;
    });
  }

  find(idOrName: string | number): Device | undefined {
    return this.#run('read a device', () => {
      const row = this.#row(idOrName);
      return row === undefined ? undefined : this.#decodeOrThrow(row);
    });
  }

  get(idOrName: string | number): Device {
    const device = this.find(idOrName);
    if (device === undefined) throw notFound(idOrName);
    return device;
  }

  /** devices_version, bumped by triggers: see #refreshTokens. */
  changeToken(): number {
    this.#refreshTokens();
    return this.#token;
  }

  /** neighbors_version, re-read like devices_version (see changeToken). */
  neighborsToken(): number {
    this.#refreshTokens();
    return this.#neighborsToken;
  }

  listNeighbors(changedSince = -1): DeviceNeighbors[] {
    return this.#run('list neighbours', () => {
      const rows = new Map<number, StoredNeighbor[]>();
      const changed = this.#db.prepare<[number], NeighborRow>(
        'SELECT n.* FROM neighbors n JOIN neighbor_discoveries d ON d.device_id = n.device_id WHERE d.version > ?',
      );
      for (const row of changed.all(changedSince)) {
        const list = rows.get(row.device_id) ?? [];
        list.push(decodeNeighbor(row));
        rows.set(row.device_id, list);
      }
      return this.#db
        .prepare<[number], DiscoveryRow>('SELECT * FROM neighbor_discoveries WHERE version > ? ORDER BY device_id')
        .all(changedSince)
        .map((d) => ({
          deviceId: d.device_id,
          localChassisId: d.local_chassis_id,
          discoveredAt: d.discovered_at,
          neighbors: sortNeighborRows(rows.get(d.device_id) ?? []),
        }));
    });
  }

  // Writes run synchronously inside `async` methods: better-sqlite3 is synchronous, and `async`
  // turns every throw (validation, SQLite) into a rejection, as the interface promises.
  async add(input: NewDevice): Promise<Device> {
    return this.#add(input);
  }

  async addMany(inputs: readonly NewDevice[]): Promise<Device[]> {
    // Nested in one outer transaction: #add()'s own transaction becomes a savepoint, and any throw
    // rolls back every row added before it.
    return this.#write('import devices', () => inputs.map((input, row) => withRow(row, () => this.#add(input))));
  }

  async update(idOrName: string | number, patch: DevicePatch): Promise<Device> {
    return this.#update(idOrName, patch);
  }

  async remove(idOrName: string | number): Promise<Device> {
    return this.#remove(idOrName);
  }

  async recordNeighbors(deviceId: number, discovery: NeighborDiscovery, nowIso: string, staleAfterMs: number): Promise<void> {
    this.#recordNeighbors(deviceId, discovery, nowIso, staleAfterMs);
  }

  /** Nothing to do: every read goes to the file, so it already sees other processes' commits. */
  async sync(): Promise<void> {}

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }

  #add(input: NewDevice): Device {
    const valid = validateNewDevice(input);
    return this.#write('add a device', () => {
      this.#ensureKeyMatches();
      const identity = this.#identity(valid.host, valid.port, valid.snmp);
      this.#ensureIdentityFree(identity, valid.host, valid.port, valid.snmp, undefined);
      let name: string;
      if (valid.name !== undefined) {
        this.#ensureNameFree(valid.name, undefined);
        name = valid.name;
      } else {
        name = this.#freeDefaultName(valid.host, valid.port);
      }
      const now = this.#now().toISOString();
      const columns = this.#columns({ name, host: valid.host, port: valid.port, snmp: valid.snmp, intervalMs: valid.intervalMs }, identity, now);
      const result = this.#db
        .prepare(
          `INSERT INTO devices (name, host, port, snmp_version, community_enc, v3_user, v3_level, v3_auth_protocol, v3_priv_protocol,
             v3_context, auth_key_enc, priv_key_enc, identity_hmac, interval_ms, discovered_by, metrics, site, created_at, updated_at)
           VALUES (@name, @host, @port, @snmp_version, @community_enc, @v3_user, @v3_level, @v3_auth_protocol, @v3_priv_protocol,
             @v3_context, @auth_key_enc, @priv_key_enc, @identity_hmac, @interval_ms, @discovered_by, @metrics, @site, @created_at, @updated_at)`,
        )
        .run({ ...columns, discovered_by: valid.discoveredBy, metrics: metricsColumn(valid.metrics), site: valid.site, created_at: now });
      return this.#decodeOrThrow(this.#mustRow(Number(result.lastInsertRowid)));
    });
  }

  #update(idOrName: string | number, patch: DevicePatch): Device {
    const valid = validateDevicePatch(patch);
    return this.#write('update a device', () => {
      const row = this.#row(idOrName);
      if (row === undefined) throw notFound(idOrName);
      const current = this.#decodeOrThrow(row);
      const changes = Object.entries(valid).filter(([, v]) => v !== undefined);
      if (changes.length === 0) return current;
      // Metrics and site touch neither credentials nor identity: no key check, no re-encryption.
      if (valid.metrics !== undefined) {
        this.#db.prepare('UPDATE devices SET metrics = @metrics, updated_at = @updated_at WHERE id = @id').run({ metrics: metricsColumn(valid.metrics), updated_at: this.#now().toISOString(), id: current.id });
      }
      if (valid.site !== undefined) {
        this.#db.prepare('UPDATE devices SET site = @site, updated_at = @updated_at WHERE id = @id').run({ site: valid.site, updated_at: this.#now().toISOString(), id: current.id });
      }
      if (changes.every(([key]) => key === 'metrics' || key === 'site')) return this.#decodeOrThrow(this.#mustRow(current.id));
      this.#ensureKeyMatches();
      const next = {
        name: valid.name ?? current.name,
        host: valid.host ?? current.host,
        port: valid.port ?? current.port,
        snmp: valid.snmp ?? current.snmp,
        intervalMs: valid.intervalMs === undefined ? current.intervalMs : valid.intervalMs,
      };
      const identity = this.#identity(next.host, next.port, next.snmp);
      this.#ensureIdentityFree(identity, next.host, next.port, next.snmp, current.id);
      if (valid.name !== undefined) this.#ensureNameFree(valid.name, current.id);
      const columns = this.#columns(next, identity, this.#now().toISOString());
      this.#db
        .prepare(
          `UPDATE devices SET name = @name, host = @host, port = @port, snmp_version = @snmp_version, community_enc = @community_enc,
             v3_user = @v3_user, v3_level = @v3_level, v3_auth_protocol = @v3_auth_protocol, v3_priv_protocol = @v3_priv_protocol,
             v3_context = @v3_context, auth_key_enc = @auth_key_enc, priv_key_enc = @priv_key_enc, identity_hmac = @identity_hmac,
             interval_ms = @interval_ms, updated_at = @updated_at
           WHERE id = @id`,
        )
        .run({ ...columns, id: current.id });
      return this.#decodeOrThrow(this.#mustRow(current.id));
    });
  }

  #remove(idOrName: string | number): Device {
    return this.#write('remove a device', () => {
      const row = this.#row(idOrName);
      if (row === undefined) throw notFound(idOrName);
      // Removing must work even when the credentials cannot be decrypted: it is how an operator
      // who lost the key file clears the affected devices. Their secrets come back as empty.
      const device = this.#decode(row) ?? this.#decode(row, true);
      this.#db.prepare('DELETE FROM devices WHERE id = ?').run(row.id);
      if (device === undefined) throw this.#undecryptable([row]);
      return device;
    });
  }

  #recordNeighbors(deviceId: number, discovery: NeighborDiscovery, nowIso: string, staleAfterMs: number): void {
    const cutoff = staleCutoffIso(nowIso, staleAfterMs);
    this.#write('record neighbours', () => {
      if (this.#byId.get(deviceId) === undefined) throw notFound(deviceId);
      const previous = new Map<string, StoredNeighbor>();
      for (const row of this.#db.prepare<[number], NeighborRow>('SELECT * FROM neighbors WHERE device_id = ?').all(deviceId)) {
        previous.set(row.row_key, decodeNeighbor(row));
      }
      const next = nextNeighborRows(previous, discovery, nowIso, cutoff);
      // ~50 rows a device: rewriting them all is simpler than diffing and as fast.
      this.#db.prepare('DELETE FROM neighbors WHERE device_id = ?').run(deviceId);
      const insert = this.#db.prepare('INSERT INTO neighbors (device_id, row_key, row_json, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)');
      for (const [key, row] of next) {
        const { firstSeen, lastSeen, ...neighbor } = row;
        insert.run(deviceId, key, JSON.stringify(neighbor), firstSeen, lastSeen);
      }
      this.#db.prepare("UPDATE meta SET value = value + 1 WHERE key = 'neighbors_version'").run();
      this.#db
        .prepare(
          `INSERT INTO neighbor_discoveries (device_id, local_chassis_id, discovered_at, version)
             VALUES (?, ?, ?, (SELECT value FROM meta WHERE key = 'neighbors_version'))
           ON CONFLICT (device_id) DO UPDATE SET local_chassis_id = excluded.local_chassis_id, discovered_at = excluded.discovered_at, version = excluded.version`,
        )
        .run(deviceId, discovery.localChassisId, nowIso);
    });
  }

  // -------------------------------------------------------------------------------------------

  /**
   * devices_version and neighbors_version (bumped in the same transactions as the changes, so
   * shared by every process) re-read only when SQLite's data_version says another connection
   * committed, or after our own write: one pragma per call.
   */
  #refreshTokens(): void {
    this.#run('read the change counters', () => {
      const dataVersion = Number(this.#dataVersion.get());
      if (dataVersion !== this.#lastDataVersion || this.#ownWrite) {
        this.#lastDataVersion = dataVersion;
        this.#ownWrite = false;
        this.#token = Number(this.#devicesVersion.get()?.value ?? 0);
        this.#neighborsToken = Number(this.#neighborsVersion.get()?.value ?? 0);
      }
    });
  }

  #run<T>(what: string, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw toLinkscopeError(err, this.#path, what, this.#busyTimeoutMs);
    }
  }

  /** BEGIN IMMEDIATE: take the write lock up front so busy_timeout applies (a deferred upgrade fails at once in WAL). */
  #write<T>(what: string, fn: () => T): T {
    return this.#run(what, () => {
      const result = this.#db.transaction(fn).immediate();
      this.#ownWrite = true;
      return result;
    });
  }

  #row(idOrName: string | number): DeviceRow | undefined {
    const ref = parseDeviceRef(idOrName);
    if ('id' in ref) return Number.isSafeInteger(ref.id) && ref.id > 0 ? this.#byId.get(ref.id) : undefined;
    return this.#byName.get(ref.name);
  }

  #mustRow(id: number): DeviceRow {
    const row = this.#byId.get(id);
    if (row === undefined) throw new LinkscopeError('LS_INTERNAL', `device ${id} vanished inside its own write transaction`);
    return row;
  }

  #identity(host: string, port: number, snmp: SnmpCredentials): Buffer {
    // v1 and v2c share one identity: the same community on the same agent is the same device.
    return snmp.version === '3'
      ? this.#box.identityHash(['v3', host, port, snmp.user, snmp.context ?? ''])
      : this.#box.identityHash(['community', host, port, snmp.community.reveal()]);
  }

  #ensureIdentityFree(identity: Buffer, host: string, port: number, snmp: SnmpCredentials, selfId: number | undefined): void {
    const other = this.#byIdentity.get(identity);
    if (other === undefined || other.id === selfId) return;
    const what = snmp.version === '3' ? `SNMPv3 user "${snmp.user}"${snmp.context === undefined ? '' : ` and context "${snmp.context}"`}` : 'community';
    throw new LinkscopeError('LS_DEVICE_EXISTS', `A device with the same host, port and ${what} already exists: ${other.name} (id ${other.id}) at ${formatAddress(host, port)}`, {
      details: { existingId: other.id, existingName: other.name },
    });
  }

  #ensureNameFree(name: string, selfId: number | undefined): void {
    const other = this.#byName.get(name);
    if (other === undefined || other.id === selfId) return;
    throw new LinkscopeError('LS_DEVICE_EXISTS', `A device named "${other.name}" already exists (id ${other.id}); choose another name`, {
      details: { existingId: other.id, existingName: other.name },
    });
  }

  #freeDefaultName(host: string, port: number): string {
    for (let suffix = 1; ; suffix++) {
      const candidate = defaultDeviceName(host, port, suffix);
      if (this.#byName.get(candidate) === undefined) return candidate;
    }
  }

  /**
   * Writing with a key that does not match would mix two keys in one file. When no encrypted value
   * is left (every such device removed), the current key is adopted instead: that is the recovery path.
   */
  #ensureKeyMatches(): void {
    if (this.#keyMatches) return;
    const encrypted = this.#db
      .prepare<[], { n: number }>('SELECT count(*) AS n FROM devices WHERE community_enc IS NOT NULL OR auth_key_enc IS NOT NULL OR priv_key_enc IS NOT NULL')
      .get();
    if ((encrypted?.n ?? 0) > 0) {
      throw new LinkscopeError(
        'LS_INVENTORY_DB',
        `Refusing to write to ${this.#path}: ${this.#keyFileLabel} does not match the key its ${encrypted?.n ?? 0} stored credential(s) were encrypted with. Restore the original key file, or remove the affected devices first`,
        { details: { path: this.#path } },
      );
    }
    // Only unencrypted rows remain (v3 noAuthNoPriv): re-hash their identities under the new key.
    const rehash = this.#db.prepare('UPDATE devices SET identity_hmac = ? WHERE id = ?');
    for (const row of this.#all.all()) {
      const device = this.#decode(row);
      if (device !== undefined) rehash.run(this.#identity(device.host, device.port, device.snmp), row.id);
    }
    this.#db.prepare("UPDATE meta SET value = ? WHERE key = 'key_check'").run(this.#box.keyCheck());
    this.#keyMatches = true;
  }

  #columns(d: { name: string; host: string; port: number; snmp: SnmpCredentials; intervalMs: number | null }, identity: Buffer, now: string): DeviceColumns {
    const v3 = d.snmp.version === '3' ? d.snmp : undefined;
    return {
      name: d.name,
      host: d.host,
      port: d.port,
      snmp_version: d.snmp.version,
      community_enc: d.snmp.version === '3' ? null : this.#box.encrypt(d.snmp.community.reveal(), PURPOSE.community),
      v3_user: v3?.user ?? null,
      v3_level: v3?.level ?? null,
      v3_auth_protocol: v3?.authProtocol ?? null,
      v3_priv_protocol: v3?.privProtocol ?? null,
      v3_context: v3?.context ?? null,
      auth_key_enc: v3?.authKey === undefined ? null : this.#box.encrypt(v3.authKey.reveal(), PURPOSE.authKey),
      priv_key_enc: v3?.privKey === undefined ? null : this.#box.encrypt(v3.privKey.reveal(), PURPOSE.privKey),
      identity_hmac: identity,
      interval_ms: d.intervalMs,
      updated_at: now,
    };
  }

  /** undefined when a secret cannot be decrypted; `blank` puts empty secrets in their place (remove only). */
  #decode(row: DeviceRow, blank = false): Device | undefined {
    const open = (blob: Buffer | null, purpose: string): Secret | undefined | null => {
      if (blob === null) return null;
      const text = this.#box.decrypt(blob, purpose);
      if (text === undefined) return blank ? new Secret('') : undefined;
      return new Secret(text);
    };
    let snmp: SnmpCredentials;
    if (row.snmp_version === '3') {
      const authKey = open(row.auth_key_enc, PURPOSE.authKey);
      const privKey = open(row.priv_key_enc, PURPOSE.privKey);
      if (authKey === undefined || privKey === undefined || row.v3_user === null || row.v3_level === null) return undefined;
      snmp = {
        version: '3',
        user: row.v3_user,
        level: row.v3_level,
        ...(row.v3_auth_protocol === null ? {} : { authProtocol: row.v3_auth_protocol }),
        ...(authKey === null ? {} : { authKey }),
        ...(row.v3_priv_protocol === null ? {} : { privProtocol: row.v3_priv_protocol }),
        ...(privKey === null ? {} : { privKey }),
        ...(row.v3_context === null ? {} : { context: row.v3_context }),
      };
    } else {
      const community = open(row.community_enc, PURPOSE.community);
      if (community === undefined || community === null) return undefined;
      snmp = { version: row.snmp_version, community };
    }
    return {
      id: row.id,
      name: row.name,
      host: row.host,
      port: row.port,
      snmp,
      intervalMs: row.interval_ms,
      discoveredBy: row.discovered_by ?? null,
      ...metricsOf(row.metrics),
      site: row.site,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  #decodeOrThrow(row: DeviceRow): Device {
    const device = this.#decode(row);
    if (device === undefined) throw this.#undecryptable([row]);
    return device;
  }

  #undecryptable(rows: readonly DeviceRow[]): LinkscopeError {
    const names = rows.map((r) => `${r.name} (id ${r.id})`);
    const shown = names.length > 10 ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more` : names.join(', ');
    return new LinkscopeError(
      'LS_INVENTORY_DB',
      `Cannot decrypt the SNMP credentials of ${rows.length === 1 ? 'device' : `${rows.length} devices:`} ${shown} in ${this.#path}: ${this.#keyFileLabel} does not match the key they were encrypted with. Restore the original key file, or remove and re-add ${rows.length === 1 ? 'the device' : 'these devices'}`,
      { details: { path: this.#path, devices: rows.map((r) => ({ id: r.id, name: r.name })) } },
    );
  }
}

function decodeNeighbor(row: NeighborRow): StoredNeighbor {
  // Written by recordNeighbors from a Neighbor; the database is ours (application_id, 0600).
  const neighbor = JSON.parse(row.row_json) as Neighbor;
  return { ...neighbor, firstSeen: row.first_seen, lastSeen: row.last_seen };
}

function notFound(idOrName: string | number): LinkscopeError {
  const ref = parseDeviceRef(idOrName);
  const what = 'id' in ref ? `with id ${ref.id}` : `named "${ref.name}"`;
  return new LinkscopeError('LS_DEVICE_NOT_FOUND', `No device ${what} in the inventory; see \`linkscope device list\``, { details: { device: String(idOrName) } });
}

function formatAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Runs `fn` for row `row` of a list; a LinkscopeError it throws gets `details.row`. */
function withRow<T>(row: number, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof LinkscopeError) throw new LinkscopeError(err.code, err.message, { cause: err, details: { ...(err.details ?? {}), row } });
    throw err;
  }
}

/** Device.metrics → its column: a JSON array, NULL when empty. */
function metricsColumn(metrics: readonly string[]): string | null {
  return metrics.length === 0 ? null : JSON.stringify(metrics);
}

/** The column → Device.metrics, absent when none (a value that is not a list of strings reads as none). */
function metricsOf(column: string | null | undefined): { metrics?: readonly string[] } {
  if (column === null || column === undefined) return {};
  try {
    const v: unknown = JSON.parse(column);
    return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string') ? { metrics: v as string[] } : {};
  } catch {
    return {};
  }
}
