/** The device inventory in SQLite (WAL, busy timeout): shared by `serve` and CLI processes, credentials encrypted at rest. */
import { closeSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { LinkscopeError } from '../model/errors.js';
import type { NeighborDiscovery } from '../model/topology.js';
import type { Device, DevicePatch, NewDevice, SnmpCredentials } from '../model/types.js';
import type { Logger } from '../observability/logger.js';
import { checkOpenable, migrate } from './migrations.js';
import { SecretBox } from './secret-box.js';
import {
  decodeDevice,
  deviceIdentity,
  deviceNotFound,
  encryptCredentials,
  identityTaken,
  metricsColumn,
  nameTaken,
  undecryptable,
  withRow,
  type CredentialColumns,
  type StoredDeviceRow,
} from './device-codec.js';
import { decodeNeighbor, nextNeighborRows, sortNeighborRows, staleCutoffIso, type NeighborRow } from './neighbor-rows.js';
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

/** A device row; `site` from migration 5 ('default' for devices stored before it). */
type DeviceRow = StoredDeviceRow & { readonly site: string };

interface DiscoveryRow {
  readonly device_id: number;
  readonly local_chassis_id: string | null;
  readonly discovered_at: string;
  readonly version: number;
}

/** Column values for INSERT/UPDATE, named as the statement parameters. */
type DeviceColumns = CredentialColumns & { name: string; host: string; port: number; identity_hmac: Buffer; interval_ms: number | null; updated_at: string };

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
    if (device === undefined) throw deviceNotFound(idOrName);
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
      if (row === undefined) throw deviceNotFound(idOrName);
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
      if (row === undefined) throw deviceNotFound(idOrName);
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
      if (this.#byId.get(deviceId) === undefined) throw deviceNotFound(deviceId);
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
    return deviceIdentity(this.#box, host, port, snmp);
  }

  #ensureIdentityFree(identity: Buffer, host: string, port: number, snmp: SnmpCredentials, selfId: number | undefined): void {
    const other = this.#byIdentity.get(identity);
    if (other === undefined || other.id === selfId) return;
    throw identityTaken(other, host, port, snmp);
  }

  #ensureNameFree(name: string, selfId: number | undefined): void {
    const other = this.#byName.get(name);
    if (other === undefined || other.id === selfId) return;
    throw nameTaken(other);
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
    return { name: d.name, host: d.host, port: d.port, ...encryptCredentials(this.#box, d.snmp), identity_hmac: identity, interval_ms: d.intervalMs, updated_at: now };
  }

  /** undefined when a secret cannot be decrypted; `blank` puts empty secrets in their place (remove only). */
  #decode(row: DeviceRow, blank = false): Device | undefined {
    return decodeDevice(this.#box, row, blank);
  }

  #decodeOrThrow(row: DeviceRow): Device {
    const device = this.#decode(row);
    if (device === undefined) throw this.#undecryptable([row]);
    return device;
  }

  #undecryptable(rows: readonly DeviceRow[]): LinkscopeError {
    return undecryptable(rows, this.#path, this.#keyFileLabel);
  }
}
