/**
 * The device inventory in PostgreSQL (LINKSCOPE_DATABASE_URL): shared by every poller of a fleet
 * and by CLI processes. Credentials are encrypted as in SQLite, with the same secret key file on
 * every poller.
 *
 * Reads are served from an in-memory replica, so they stay synchronous and cost no round trip
 * (the poller, topology and the devices route read on every poll or request). The replica follows
 * the database incrementally: every write transaction takes the next devices_version (or
 * neighbors_version) under a row lock held until commit, so versions follow commit order and
 * "rows with row_version > v, tombstones > v" is exactly what changed since v. sync() applies that
 * after every own write, when another process's write is notified (LISTEN/NOTIFY on a connection
 * of its own: at once, and nothing while nothing changes), and every refreshMs as a safety net for
 * notifications lost while that connection was down.
 */
import pg from 'pg';
import { LinkscopeError } from '../model/errors.js';
import type { NeighborDiscovery } from '../model/topology.js';
import type { Device, DevicePatch, NewDevice, SnmpCredentials } from '../model/types.js';
import type { Logger } from '../observability/logger.js';
import {
  decodeDevice,
  deviceIdentity,
  deviceNotFound,
  encryptCredentials,
  foldName,
  identityTaken,
  metricsColumn,
  nameTaken,
  undecryptable,
  withRowAsync,
  type StoredDeviceRow,
} from './device-codec.js';
import { decodeNeighbor, nextNeighborRows, sortNeighborRows, staleCutoffIso, type NeighborRow } from './neighbor-rows.js';
import { migratePg } from './pg-migrations.js';
import { SecretBox } from './secret-box.js';
import type { DeviceNeighbors, Inventory, StoredNeighbor } from './types.js';
import { defaultDeviceName, parseDeviceRef, validateDevicePatch, validateNewDevice } from './validate.js';

export interface OpenPgInventoryOptions {
  /** postgres://user:password@host:port/database (LINKSCOPE_DATABASE_URL). */
  readonly url: string;
  /** 32 bytes, from loadOrCreateSecretKey(config.secretKeyFile): the same file on every poller. */
  readonly secretKey: Buffer;
  readonly secretKeyFile?: string;
  readonly logger?: Logger;
  /** How often the replica looks for other processes' writes besides notifications; default 10,000 ms. */
  readonly refreshMs?: number;
  /** Follow other processes' writes by LISTEN/NOTIFY (default true); false = only every refreshMs. */
  readonly listen?: boolean;
  /** Per statement; default 10,000 ms. */
  readonly statementTimeoutMs?: number;
  /** Clock for createdAt/updatedAt; tests pin it. */
  readonly now?: () => Date;
}

const DEFAULT_REFRESH_MS = 10_000;
/** The notification channel every write transaction notifies (delivered at commit). */
const CHANNEL = 'linkscope_inventory';
/** A lost LISTEN connection is reopened after this. */
const LISTEN_RETRY_MS = 5000;
const VERSIONS_SQL = "SELECT key, value FROM meta WHERE key IN ('devices_version', 'neighbors_version')";
const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;

interface PgDeviceRow extends StoredDeviceRow {
  readonly row_version: string;
}

interface DiscoveryRow {
  readonly device_id: number;
  readonly local_chassis_id: string | null;
  readonly discovered_at: string;
  readonly version: string;
}

/** host:port/database of a URL, never its password: what messages and logs may show. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `postgres://${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'postgres://<unparseable URL>';
  }
}

/** A pool on LINKSCOPE_DATABASE_URL with timeouts on connecting and on every statement; idle-client errors are logged, never thrown. */
export function openPgPool(url: string, options: { readonly statementTimeoutMs?: number; readonly max?: number; readonly logger?: Logger; readonly applicationName?: string } = {}): pg.Pool {
  const timeout = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 4,
    connectionTimeoutMillis: timeout,
    statement_timeout: timeout,
    query_timeout: timeout + 1000,
    // Kept for 5 min: the statements come every second or so, and a connection closed at 30 s idle
    // was reopened on the next burst (connection set-up was a visible part of PostgreSQL's CPU).
    idleTimeoutMillis: 300_000,
    application_name: options.applicationName ?? 'linkscope',
  });
  // Without a listener a server restart would crash the process through an idle client's 'error'.
  pool.on('error', (err) => options.logger?.warn({ database: describeDatabaseUrl(url), err: err.message }, 'PostgreSQL connection lost; reconnecting on next use'));
  return pool;
}

/** Maps pg failures to LinkscopeErrors with the database (never its password) and what to do. */
export function pgError(err: unknown, where: string, what: string): LinkscopeError {
  if (err instanceof LinkscopeError) return err;
  const e = err as { code?: string; message?: string };
  if (e.code === '23505') {
    return new LinkscopeError('LS_DEVICE_EXISTS', 'A device with the same name, or the same host, port and SNMP identity, already exists', { cause: err });
  }
  const message = e.message ?? String(err);
  const unreachable = e.code === undefined || e.code.startsWith('08') || e.code === '57P01' || e.code === '57P03' || /ECONNREFUSED|ETIMEDOUT|ENOTFOUND|timeout|terminated|Connection/i.test(message);
  if (unreachable) {
    return new LinkscopeError('LS_INVENTORY_DB', `PostgreSQL at ${where} is unreachable while trying to ${what} (${message}); check LINKSCOPE_DATABASE_URL and that PostgreSQL runs`, {
      cause: err,
      details: { database: where },
    });
  }
  return new LinkscopeError('LS_INVENTORY_DB', `PostgreSQL at ${where}: failed to ${what}: ${message} (${e.code})`, { cause: err, details: { database: where, sqlstate: e.code } });
}

/**
 * Runs `fn` on a pooled client. pg emits 'error' on a checked-out client whose connection dies (a
 * restart, a partition healing) and without a listener that is an uncaught exception: one is
 * attached while the client is out. A client whose connection failed is destroyed, not pooled again.
 */
export async function withClient<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (err: Error): void => {
    broken = err;
  };
  client.on('error', onError);
  try {
    return await fn(client);
  } catch (err) {
    // Our own refusals (LS_DEVICE_EXISTS after a ROLLBACK) leave the connection healthy.
    if (!(err instanceof LinkscopeError)) broken ??= err instanceof Error ? err : new Error(String(err));
    throw err;
  } finally {
    client.removeListener('error', onError);
    client.release(broken);
  }
}

export async function openPgInventory(options: OpenPgInventoryOptions): Promise<PgInventory> {
  const where = describeDatabaseUrl(options.url);
  const pool = openPgPool(options.url, { statementTimeoutMs: options.statementTimeoutMs, logger: options.logger, applicationName: 'linkscope-inventory' });
  try {
    const result = await withClient(pool, (client) => migratePg(client, where));
    if (result.from !== result.to) options.logger?.info({ database: where, from: result.from, to: result.to }, 'inventory schema migrated');
    const inventory = new PgInventory(pool, new SecretBox(options.secretKey), where, options);
    await inventory.start();
    return inventory;
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw pgError(err, where, 'open the inventory');
  }
}

interface Replica {
  devicesVersion: number;
  neighborsVersion: number;
  /** Ordered by id. */
  devices: Device[];
  byId: Map<number, Device>;
  byName: Map<string, Device>;
  /** Rows whose credentials this key cannot open: list() names them, as SQLite's does. */
  unreadable: Map<number, { id: number; name: string }>;
  neighbors: Map<number, { readonly version: number; readonly entry: DeviceNeighbors }>;
}

export class PgInventory implements Inventory {
  readonly #pool: pg.Pool;
  readonly #box: SecretBox;
  readonly #where: string;
  readonly #keyFileLabel: string;
  readonly #now: () => Date;
  readonly #log: Logger | undefined;
  readonly #refreshMs: number;
  #keyMatches = true;
  #timer: NodeJS.Timeout | null = null;
  readonly #url: string;
  readonly #listens: boolean;
  #listener: pg.Client | null = null;
  #listenRetry: NodeJS.Timeout | null = null;
  #syncing: Promise<void> | null = null;
  #syncAgain = false;
  #refreshFailing = false;
  #closed = false;
  readonly #r: Replica = { devicesVersion: -1, neighborsVersion: -1, devices: [], byId: new Map(), byName: new Map(), unreadable: new Map(), neighbors: new Map() };

  /** Use openPgInventory(). */
  constructor(pool: pg.Pool, box: SecretBox, where: string, options: OpenPgInventoryOptions) {
    this.#pool = pool;
    this.#box = box;
    this.#where = where;
    this.#keyFileLabel = options.secretKeyFile === undefined ? 'the secret key file (secretKeyFile / LINKSCOPE_SECRET_KEY_FILE)' : `the secret key file ${options.secretKeyFile}`;
    this.#now = options.now ?? (() => new Date());
    this.#log = options.logger;
    this.#refreshMs = Math.max(50, options.refreshMs ?? DEFAULT_REFRESH_MS);
    this.#url = options.url;
    this.#listens = options.listen ?? true;
  }

  /** Checks the key, loads the replica, starts following other processes' writes. */
  async start(): Promise<void> {
    await this.#pool.query("INSERT INTO meta (key, value) VALUES ('key_check', $1) ON CONFLICT (key) DO NOTHING", [this.#box.keyCheck()]);
    const check = await this.#pool.query<{ value: string }>("SELECT value FROM meta WHERE key = 'key_check'");
    const stored = check.rows[0]?.value;
    this.#keyMatches = stored === undefined || this.#box.matchesKeyCheck(stored);
    if (!this.#keyMatches) {
      this.#log?.error({ database: this.#where }, `${this.#keyFileLabel} does not match the key this inventory was encrypted with; devices cannot be decrypted or added. Every poller needs the same key file`);
    }
    await this.sync();
    if (this.#listens) await this.#listen();
    this.#timer = setInterval(() => this.#refresh(), this.#refreshMs);
    this.#timer.unref();
  }

  /** A background sync: logs a failure once (reads keep the last copy) and the recovery. */
  #refresh(): void {
    void this.sync().then(
      () => {
        if (this.#refreshFailing) this.#log?.info({ database: this.#where }, 'PostgreSQL reachable again; inventory replica up to date');
        this.#refreshFailing = false;
      },
      (err: unknown) => {
        if (!this.#refreshFailing) this.#log?.warn({ database: this.#where, err: err instanceof Error ? err.message : String(err) }, 'cannot refresh the inventory from PostgreSQL; serving the last copy');
        this.#refreshFailing = true;
      },
    );
  }

  /**
   * LISTEN on a connection of its own: another process's write is applied as soon as it commits.
   * A lost connection (restart, partition) is reopened every LISTEN_RETRY_MS, with a sync on
   * reconnecting for what was missed; the refreshMs timer covers the time in between. Never throws.
   */
  async #listen(): Promise<void> {
    if (this.#closed) return;
    const client = new pg.Client({
      connectionString: this.#url,
      connectionTimeoutMillis: 10_000,
      application_name: 'linkscope-inventory-listen',
      // A half-open connection (a partition) is noticed by TCP keepalive instead of hours later.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    let gone = false;
    const lost = (): void => {
      if (gone) return;
      gone = true;
      if (this.#listener === client) this.#listener = null;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (this.#closed || this.#listenRetry !== null) return;
      this.#listenRetry = setTimeout(() => {
        this.#listenRetry = null;
        void this.#listen();
      }, LISTEN_RETRY_MS);
      this.#listenRetry.unref();
    };
    client.on('notification', () => this.#refresh());
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch {
      lost();
      return;
    }
    if (this.#closed) {
      gone = true;
      await client.end().catch(() => undefined);
      return;
    }
    this.#listener = client;
    // Whatever committed while no one listened.
    this.#refresh();
  }

  /** The pool, shared with the lease manager and the counter store (one set of connections per process). */
  get pool(): pg.Pool {
    return this.#pool;
  }

  list(): Device[] {
    if (this.#r.unreadable.size > 0) throw undecryptable([...this.#r.unreadable.values()], this.#where, this.#keyFileLabel);
    return [...this.#r.devices];
  }

  find(idOrName: string | number): Device | undefined {
    const ref = parseDeviceRef(idOrName);
    const device = 'id' in ref ? this.#r.byId.get(ref.id) : this.#r.byName.get(foldName(ref.name));
    if (device !== undefined) return device;
    const bad = 'id' in ref ? this.#r.unreadable.get(ref.id) : [...this.#r.unreadable.values()].find((u) => foldName(u.name) === foldName(ref.name));
    if (bad !== undefined) throw undecryptable([bad], this.#where, this.#keyFileLabel);
    return undefined;
  }

  get(idOrName: string | number): Device {
    const device = this.find(idOrName);
    if (device === undefined) throw deviceNotFound(idOrName);
    return device;
  }

  async add(input: NewDevice): Promise<Device> {
    const valid = validateNewDevice(input);
    const id = await this.#write('add a device', 'devices_version', (c, v) => this.#insert(c, valid, v));
    return this.get(id);
  }

  async addMany(inputs: readonly NewDevice[]): Promise<Device[]> {
    const ids = await this.#write('import devices', 'devices_version', async (c, v) => {
      const out: number[] = [];
      for (const [row, input] of inputs.entries()) out.push(await withRowAsync(row, () => this.#insert(c, validateNewDevice(input), v)));
      return out;
    });
    return ids.map((id) => this.get(id));
  }

  async update(idOrName: string | number, patch: DevicePatch): Promise<Device> {
    const valid = validateDevicePatch(patch);
    const id = await this.#write('update a device', 'devices_version', async (c, version) => {
      const row = await this.#row(c, idOrName);
      if (row === undefined) throw deviceNotFound(idOrName);
      const current = this.#decodeOrThrow(row);
      const changes = Object.entries(valid).filter(([, v]) => v !== undefined);
      if (changes.length === 0) return current.id;
      const now = this.#now().toISOString();
      const simple: Record<string, unknown> = {};
      if (valid.metrics !== undefined) simple['metrics'] = metricsColumn(valid.metrics);
      const site = (valid as { site?: string }).site;
      if (site !== undefined) simple['site'] = site;
      const credentialChange = valid.name !== undefined || valid.host !== undefined || valid.port !== undefined || valid.snmp !== undefined || valid.intervalMs !== undefined;
      let set: Record<string, unknown> = { ...simple, updated_at: now, row_version: version };
      if (credentialChange) {
        await this.#ensureKeyMatches(c);
        const next = {
          host: valid.host ?? current.host,
          port: valid.port ?? current.port,
          snmp: valid.snmp ?? current.snmp,
        };
        const identity = deviceIdentity(this.#box, next.host, next.port, next.snmp);
        await this.#ensureIdentityFree(c, identity, next.host, next.port, next.snmp, current.id);
        if (valid.name !== undefined) await this.#ensureNameFree(c, valid.name, current.id);
        set = {
          ...set,
          name: valid.name ?? current.name,
          host: next.host,
          port: next.port,
          ...encryptCredentials(this.#box, next.snmp),
          identity_hmac: identity,
          interval_ms: valid.intervalMs === undefined ? current.intervalMs : valid.intervalMs,
        };
      }
      const keys = Object.keys(set);
      await c.query(`UPDATE devices SET ${keys.map((k, i) => `${k} = $${i + 2}`).join(', ')} WHERE id = $1`, [current.id, ...keys.map((k) => set[k])]);
      return current.id;
    });
    return this.get(id);
  }

  async remove(idOrName: string | number): Promise<Device> {
    return this.#write('remove a device', 'devices_version', async (c, version) => {
      const row = await this.#row(c, idOrName);
      if (row === undefined) throw deviceNotFound(idOrName);
      // Removing must work even when the credentials cannot be decrypted (the recovery path).
      const device = decodeDevice(this.#box, row) ?? decodeDevice(this.#box, row, true);
      // Its neighbour rows go with it (cascade): readers of neighborsToken() must look again. Taken
      // before the DELETE, in the order recordNeighbors takes its locks (counter, then the device
      // row its foreign key checks), so the two never deadlock.
      await c.query("UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'neighbors_version'");
      await c.query('DELETE FROM devices WHERE id = $1', [row.id]);
      await c.query('INSERT INTO device_tombstones (id, version) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET version = excluded.version', [row.id, version]);
      if (device === undefined) throw undecryptable([row], this.#where, this.#keyFileLabel);
      return device;
    });
  }

  changeToken(): number {
    return this.#r.devicesVersion;
  }

  neighborsToken(): number {
    return this.#r.neighborsVersion;
  }

  async recordNeighbors(deviceId: number, discovery: NeighborDiscovery, nowIso: string, staleAfterMs: number): Promise<void> {
    const cutoff = staleCutoffIso(nowIso, staleAfterMs);
    await this.#write('record neighbours', 'neighbors_version', async (c, version) => {
      const exists = await c.query('SELECT 1 FROM devices WHERE id = $1', [deviceId]);
      if (exists.rowCount === 0) throw deviceNotFound(deviceId);
      const previous = new Map<string, StoredNeighbor>();
      const rows = await c.query<NeighborRow>('SELECT * FROM neighbors WHERE device_id = $1', [deviceId]);
      for (const row of rows.rows) previous.set(row.row_key, decodeNeighbor(row));
      const next = nextNeighborRows(previous, discovery, nowIso, cutoff);
      await c.query('DELETE FROM neighbors WHERE device_id = $1', [deviceId]);
      if (next.size > 0) {
        const keys: string[] = [];
        const json: string[] = [];
        const first: string[] = [];
        const last: string[] = [];
        for (const [key, row] of next) {
          const { firstSeen, lastSeen, ...neighbor } = row;
          keys.push(key);
          json.push(JSON.stringify(neighbor));
          first.push(firstSeen);
          last.push(lastSeen);
        }
        await c.query(
          'INSERT INTO neighbors (device_id, row_key, row_json, first_seen, last_seen) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])',
          [deviceId, keys, json, first, last],
        );
      }
      await c.query(
        `INSERT INTO neighbor_discoveries (device_id, local_chassis_id, discovered_at, version) VALUES ($1, $2, $3, $4)
         ON CONFLICT (device_id) DO UPDATE SET local_chassis_id = excluded.local_chassis_id, discovered_at = excluded.discovered_at, version = excluded.version`,
        [deviceId, discovery.localChassisId, nowIso, version],
      );
    });
  }

  listNeighbors(changedSince = -1): DeviceNeighbors[] {
    const out: DeviceNeighbors[] = [];
    for (const { version, entry } of this.#r.neighbors.values()) if (version > changedSince) out.push(entry);
    return out.sort((a, b) => a.deviceId - b.deviceId);
  }

  /** Applies every write committed since the last sync (one at a time; a call during a sync waits for a fresh one). */
  sync(): Promise<void> {
    if (this.#syncing !== null) {
      this.#syncAgain = true;
      return this.#syncing;
    }
    const run = async (): Promise<void> => {
      try {
        do {
          this.#syncAgain = false;
          await this.#pull();
        } while (this.#syncAgain && !this.#closed);
      } finally {
        this.#syncing = null;
      }
    };
    this.#syncing = run();
    return this.#syncing;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer !== null) clearInterval(this.#timer);
    if (this.#listenRetry !== null) clearTimeout(this.#listenRetry);
    const listener = this.#listener;
    this.#listener = null;
    if (listener !== null) {
      listener.removeAllListeners('notification');
      await listener.end().catch(() => undefined);
    }
    await this.#syncing?.catch(() => undefined);
    await this.#pool.end();
  }

  // -------------------------------------------------------------------------------------------

  async #pull(): Promise<void> {
    if (this.#closed) return;
    try {
      // The usual answer is "nothing changed": one statement, no transaction, no pinned connection
      // (every poller asks every second; measured: BEGIN/SELECT/COMMIT each time was the largest
      // part of PostgreSQL's CPU in the fleet bench).
      const versions = await this.#pool.query<{ key: string; value: string }>(VERSIONS_SQL);
      const v = new Map(versions.rows.map((r) => [r.key, Number(r.value)]));
      if (v.get('devices_version') === this.#r.devicesVersion && v.get('neighbors_version') === this.#r.neighborsVersion) return;
      await withClient(this.#pool, (client) => this.#pullWith(client));
    } catch (err) {
      throw pgError(err, this.#where, 'refresh the inventory');
    }
  }

  async #pullWith(client: pg.PoolClient): Promise<void> {
    try {
      // One snapshot: the versions and the rows they cover.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const meta = await client.query<{ key: string; value: string }>(VERSIONS_SQL);
      const versions = new Map(meta.rows.map((r) => [r.key, Number(r.value)]));
      const dv = versions.get('devices_version') ?? 0;
      const nv = versions.get('neighbors_version') ?? 0;
      const r = this.#r;
      if (dv !== r.devicesVersion) {
        const since = r.devicesVersion;
        const changed = await client.query<PgDeviceRow>('SELECT * FROM devices WHERE row_version > $1 ORDER BY id', [since]);
        const gone = since < 0 ? { rows: [] } : await client.query<{ id: number }>('SELECT id FROM device_tombstones WHERE version > $1', [since]);
        this.#applyDevices(changed.rows, gone.rows.map((g) => g.id));
        r.devicesVersion = dv;
      }
      if (nv !== r.neighborsVersion) {
        const since = r.neighborsVersion;
        const discoveries = await client.query<DiscoveryRow>('SELECT * FROM neighbor_discoveries WHERE version > $1', [since]);
        const rows = await client.query<NeighborRow>('SELECT n.* FROM neighbors n JOIN neighbor_discoveries d ON d.device_id = n.device_id WHERE d.version > $1', [since]);
        const byDevice = new Map<number, StoredNeighbor[]>();
        for (const row of rows.rows) {
          const list = byDevice.get(row.device_id);
          if (list === undefined) byDevice.set(row.device_id, [decodeNeighbor(row)]);
          else list.push(decodeNeighbor(row));
        }
        for (const d of discoveries.rows) {
          r.neighbors.set(d.device_id, {
            version: Number(d.version),
            entry: { deviceId: d.device_id, localChassisId: d.local_chassis_id, discoveredAt: d.discovered_at, neighbors: sortNeighborRows(byDevice.get(d.device_id) ?? []) },
          });
        }
        r.neighborsVersion = nv;
      }
      // Neighbours of removed devices went with them.
      for (const id of r.neighbors.keys()) if (!r.byId.has(id) && !r.unreadable.has(id)) r.neighbors.delete(id);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  #applyDevices(changed: readonly PgDeviceRow[], removed: readonly number[]): void {
    const r = this.#r;
    for (const id of removed) {
      r.byId.delete(id);
      r.unreadable.delete(id);
    }
    for (const row of changed) {
      const device = decodeDevice(this.#box, row);
      if (device === undefined) {
        r.byId.delete(row.id);
        r.unreadable.set(row.id, { id: row.id, name: row.name });
      } else {
        r.unreadable.delete(row.id);
        r.byId.set(row.id, device);
      }
    }
    r.devices = [...r.byId.values()].sort((a, b) => a.id - b.id);
    r.byName = new Map(r.devices.map((d) => [foldName(d.name), d]));
  }

  /**
   * One write transaction: takes the next value of `counter` (row-locked until commit, so versions
   * follow commit order), runs `fn`, commits, then brings the replica up to date so this process
   * reads its own write at once.
   */
  async #write<T>(what: string, counter: 'devices_version' | 'neighbors_version', fn: (client: pg.PoolClient, version: number) => Promise<T>): Promise<T> {
    if (this.#closed) throw new LinkscopeError('LS_INVENTORY_DB', `Cannot ${what}: the inventory (${this.#where}) is closed`);
    let result: T;
    try {
      result = await withClient(this.#pool, async (client) => {
        try {
          await client.query('BEGIN');
          const bumped = await client.query<{ value: string }>('UPDATE meta SET value = (value::bigint + 1)::text WHERE key = $1 RETURNING value', [counter]);
          // Delivered at commit to every process LISTENing: they apply this write at once.
          await client.query('SELECT pg_notify($1, $2)', [CHANNEL, counter]);
          const out = await fn(client, Number(bumped.rows[0]?.value));
          await client.query('COMMIT');
          return out;
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw err;
        }
      });
    } catch (err) {
      throw pgError(err, this.#where, what);
    }
    await this.sync();
    return result;
  }

  async #insert(c: pg.PoolClient, valid: ReturnType<typeof validateNewDevice>, version: number): Promise<number> {
    await this.#ensureKeyMatches(c);
    const identity = deviceIdentity(this.#box, valid.host, valid.port, valid.snmp);
    await this.#ensureIdentityFree(c, identity, valid.host, valid.port, valid.snmp, undefined);
    let name: string;
    if (valid.name !== undefined) {
      await this.#ensureNameFree(c, valid.name, undefined);
      name = valid.name;
    } else {
      name = await this.#freeDefaultName(c, valid.host, valid.port);
    }
    const now = this.#now().toISOString();
    const site = (valid as { site?: string }).site ?? 'default';
    const cols: Record<string, unknown> = {
      name,
      host: valid.host,
      port: valid.port,
      site,
      ...encryptCredentials(this.#box, valid.snmp),
      identity_hmac: identity,
      interval_ms: valid.intervalMs,
      discovered_by: valid.discoveredBy,
      metrics: metricsColumn(valid.metrics),
      created_at: now,
      updated_at: now,
      row_version: version,
    };
    const keys = Object.keys(cols);
    const inserted = await c.query<{ id: number }>(`INSERT INTO devices (${keys.join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`, keys.map((k) => cols[k]));
    const id = inserted.rows[0]?.id;
    if (id === undefined) throw new LinkscopeError('LS_INTERNAL', 'INSERT INTO devices returned no id');
    return id;
  }

  async #row(c: pg.PoolClient, idOrName: string | number): Promise<PgDeviceRow | undefined> {
    const ref = parseDeviceRef(idOrName);
    if ('id' in ref) {
      if (!Number.isSafeInteger(ref.id) || ref.id <= 0 || ref.id > 2_147_483_647) return undefined;
      return (await c.query<PgDeviceRow>('SELECT * FROM devices WHERE id = $1', [ref.id])).rows[0];
    }
    return (await c.query<PgDeviceRow>('SELECT * FROM devices WHERE name_fold = $1', [foldName(ref.name)])).rows[0];
  }

  async #ensureIdentityFree(c: pg.PoolClient, identity: Buffer, host: string, port: number, snmp: SnmpCredentials, selfId: number | undefined): Promise<void> {
    const other = (await c.query<{ id: number; name: string }>('SELECT id, name FROM devices WHERE identity_hmac = $1', [identity])).rows[0];
    if (other === undefined || other.id === selfId) return;
    throw identityTaken(other, host, port, snmp);
  }

  async #ensureNameFree(c: pg.PoolClient, name: string, selfId: number | undefined): Promise<void> {
    const other = (await c.query<{ id: number; name: string }>('SELECT id, name FROM devices WHERE name_fold = $1', [foldName(name)])).rows[0];
    if (other === undefined || other.id === selfId) return;
    throw nameTaken(other);
  }

  async #freeDefaultName(c: pg.PoolClient, host: string, port: number): Promise<string> {
    for (let suffix = 1; ; suffix++) {
      const candidate = defaultDeviceName(host, port, suffix);
      const taken = await c.query('SELECT 1 FROM devices WHERE name_fold = $1', [foldName(candidate)]);
      if (taken.rowCount === 0) return candidate;
    }
  }

  /** As SQLite's: refuse to mix two keys; adopt the current key when no encrypted value is left. */
  async #ensureKeyMatches(c: pg.PoolClient): Promise<void> {
    if (this.#keyMatches) return;
    const encrypted = await c.query<{ n: string }>('SELECT count(*) AS n FROM devices WHERE community_enc IS NOT NULL OR auth_key_enc IS NOT NULL OR priv_key_enc IS NOT NULL');
    const n = Number(encrypted.rows[0]?.n ?? 0);
    if (n > 0) {
      throw new LinkscopeError(
        'LS_INVENTORY_DB',
        `Refusing to write to ${this.#where}: ${this.#keyFileLabel} does not match the key its ${n} stored credential(s) were encrypted with. Restore the original key file, or remove the affected devices first`,
        { details: { database: this.#where } },
      );
    }
    const rows = await c.query<PgDeviceRow>('SELECT * FROM devices');
    for (const row of rows.rows) {
      const device = decodeDevice(this.#box, row);
      if (device !== undefined) await c.query('UPDATE devices SET identity_hmac = $1 WHERE id = $2', [deviceIdentity(this.#box, device.host, device.port, device.snmp), row.id]);
    }
    await c.query("UPDATE meta SET value = $1 WHERE key = 'key_check'", [this.#box.keyCheck()]);
    this.#keyMatches = true;
  }

  #decodeOrThrow(row: PgDeviceRow): Device {
    const device = decodeDevice(this.#box, row);
    if (device === undefined) throw undecryptable([row], this.#where, this.#keyFileLabel);
    return device;
  }
}
