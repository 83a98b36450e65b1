/** Inventory schema, versioned by PRAGMA user_version; each migration runs once, in its own write transaction. */
import type { Database } from 'better-sqlite3';
import { LinkscopeError } from '../model/errors.js';

/** 'LSCP': marks the file as a linkscope inventory (PRAGMA application_id) so another app's database is refused. */
export const APPLICATION_ID = 0x4c534350;

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

/** Append only: a released migration is never edited, a new one gets the next version. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'devices with encrypted credentials, identity hash, change counter',
    sql: `
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY NOT NULL,
        value ANY
      ) STRICT;
      -- Bumped by the triggers below: the cross-process part of Inventory.changeToken().
      INSERT INTO meta (key, value) VALUES ('devices_version', 0);

      CREATE TABLE devices (
        -- AUTOINCREMENT: ids of removed devices are never handed out again (history, API clients keep them).
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        name             TEXT NOT NULL UNIQUE COLLATE NOCASE,
        host             TEXT NOT NULL,
        port             INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
        snmp_version     TEXT NOT NULL CHECK (snmp_version IN ('1', '2c', '3')),
        community_enc    BLOB,
        v3_user          TEXT,
        v3_level         TEXT CHECK (v3_level IN ('noAuthNoPriv', 'authNoPriv', 'authPriv')),
        v3_auth_protocol TEXT,
        v3_priv_protocol TEXT,
        v3_context       TEXT,
        auth_key_enc     BLOB,
        priv_key_enc     BLOB,
        -- HMAC-SHA256(secret key, host + port + community | v3 user + context): uniqueness without clear text.
        identity_hmac    BLOB NOT NULL UNIQUE,
        interval_ms      INTEGER CHECK (interval_ms IS NULL OR interval_ms > 0),
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        CHECK ((snmp_version = '3') = (community_enc IS NULL)),
        CHECK ((snmp_version = '3') = (v3_user IS NOT NULL AND v3_level IS NOT NULL))
      ) STRICT;

      CREATE TRIGGER devices_changed_insert AFTER INSERT ON devices
        BEGIN UPDATE meta SET value = value + 1 WHERE key = 'devices_version'; END;
      CREATE TRIGGER devices_changed_update AFTER UPDATE ON devices
        BEGIN UPDATE meta SET value = value + 1 WHERE key = 'devices_version'; END;
      CREATE TRIGGER devices_changed_delete AFTER DELETE ON devices
        BEGIN UPDATE meta SET value = value + 1 WHERE key = 'devices_version'; END;
    `,
  },
  {
    version: 2,
    description: 'LLDP/CDP neighbours per device with first/last seen, change counter',
    sql: `
      -- Bumped by recordNeighbors (once per discovery) and by the device delete trigger below.
      INSERT INTO meta (key, value) VALUES ('neighbors_version', 0);

      -- The latest neighbour discovery of each device.
      CREATE TABLE neighbor_discoveries (
        device_id        INTEGER PRIMARY KEY NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
        local_chassis_id TEXT,
        discovered_at    TEXT NOT NULL,
        -- neighbors_version after this device's latest discovery: readers fetch only what changed.
        version          INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE neighbors (
        device_id  INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
        -- neighborRowKey(): protocol, local port, remote chassis, remote port.
        row_key    TEXT NOT NULL,
        -- The Neighbor object as JSON, so fields added to it later need no migration.
        row_json   TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen  TEXT NOT NULL,
        PRIMARY KEY (device_id, row_key)
      ) STRICT;

      CREATE TRIGGER neighbors_device_deleted AFTER DELETE ON devices
        BEGIN UPDATE meta SET value = value + 1 WHERE key = 'neighbors_version'; END;
    `,
  },
  {
    version: 3,
    description: 'devices.discovered_by: the device whose neighbour row led the crawl to add it',
    sql: `
      -- No foreign key: the id of a removed device still says where this one came from (ids are never reused).
      ALTER TABLE devices ADD COLUMN discovered_by INTEGER CHECK (discovered_by IS NULL OR discovered_by > 0);
    `,
  },
  {
    version: 4,
    description: 'devices.metrics: custom metric names (config metrics) polled on the device whatever their selectors',
    sql: `
      -- A JSON array of names; NULL = none. Names are checked against the configuration by the API and CLI.
      ALTER TABLE devices ADD COLUMN metrics TEXT CHECK (metrics IS NULL OR json_valid(metrics));
    `,
  },
  {
    version: 5,
    description: "devices.site: where the device is; existing devices get 'default'",
    sql: `
      -- The name is checked by inventory/validate.ts (SITE_PATTERN); the column only fences empty and overlong values.
      ALTER TABLE devices ADD COLUMN site TEXT NOT NULL DEFAULT 'default' CHECK (length(site) BETWEEN 1 AND 63);
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export interface MigrationResult {
  readonly from: number;
  readonly to: number;
}

/**
 * Brings the schema to SCHEMA_VERSION. Safe to call on every open and from two processes at once:
 * the version is re-read inside BEGIN IMMEDIATE, so only one process applies a given step.
 */
export function migrate(db: Database, path: string): MigrationResult {
  const from = checkOpenable(db, path);
  if (from === SCHEMA_VERSION) return { from, to: from };
  const step = db.transaction(() => {
    const current = userVersion(db);
    if (current === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  });
  step.immediate();
  return { from, to: userVersion(db) };
}

function userVersion(db: Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/**
 * Refuses files this code must not touch: another app's database, or a newer linkscope's schema.
 * Reads only, so it can run before anything (even the switch to WAL) writes to the file.
 * Returns the current schema version.
 */
export function checkOpenable(db: Database, path: string): number {
  const version = userVersion(db);
  const appId = Number(db.pragma('application_id', { simple: true }));
  if (appId !== 0 && appId !== APPLICATION_ID) {
    throw new LinkscopeError('LS_INVENTORY_DB', `${path} is a SQLite database of another application (application_id ${appId}); point dataDir at a linkscope data directory`, {
      details: { path },
    });
  }
  if (version === 0) {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
    if (tables.length > 0) {
      const names = tables.slice(0, 5).map((t) => t.name).join(', ');
      throw new LinkscopeError('LS_INVENTORY_DB', `${path} is a SQLite database but not a linkscope inventory (tables: ${names}); it was left untouched. Point dataDir elsewhere`, {
        details: { path },
      });
    }
  }
  if (version > SCHEMA_VERSION) {
    throw new LinkscopeError(
      'LS_INVENTORY_DB',
      `${path} has inventory schema version ${version}, newer than this linkscope supports (${SCHEMA_VERSION}); upgrade linkscope or restore an older backup`,
      { details: { path, version, supported: SCHEMA_VERSION } },
    );
  }
  return version;
}
