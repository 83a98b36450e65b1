/**
 * Device ↔ stored columns, shared by the SQLite and PostgreSQL inventories: credentials encrypted
 * with the SecretBox (AES-GCM, the column bound in as associated data), the identity HMAC that makes
 * "same agent, same credentials" unique without clear text, and the errors both stores raise.
 */
import { LinkscopeError } from '../model/errors.js';
import { Secret } from '../model/secret.js';
import type { AuthProtocol, Device, PrivProtocol, SecurityLevel, SnmpCredentials, SnmpVersion } from '../model/types.js';
import type { SecretBox } from './secret-box.js';
import { parseDeviceRef } from './validate.js';

// Columns are bound into each ciphertext (AES-GCM associated data): a value moved between columns fails to open.
const PURPOSE = { community: 'devices.community', authKey: 'devices.auth_key', privKey: 'devices.priv_key' } as const;

/** The credential columns of a device row, as both stores name them. */
export interface CredentialColumns {
  snmp_version: SnmpVersion;
  community_enc: Buffer | null;
  v3_user: string | null;
  v3_level: SecurityLevel | null;
  v3_auth_protocol: AuthProtocol | null;
  v3_priv_protocol: PrivProtocol | null;
  v3_context: string | null;
  auth_key_enc: Buffer | null;
  priv_key_enc: Buffer | null;
}

/** A stored device row as both stores read it back. */
export interface StoredDeviceRow extends Readonly<CredentialColumns> {
  readonly id: number;
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly site?: string | null;
  readonly interval_ms: number | null;
  readonly discovered_by: number | null;
  /** JSON array of custom metric names; NULL = none. */
  readonly metrics: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

export function encryptCredentials(box: SecretBox, snmp: SnmpCredentials): CredentialColumns {
  const v3 = snmp.version === '3' ? snmp : undefined;
  return {
    snmp_version: snmp.version,
    community_enc: snmp.version === '3' ? null : box.encrypt(snmp.community.reveal(), PURPOSE.community),
    v3_user: v3?.user ?? null,
    v3_level: v3?.level ?? null,
    v3_auth_protocol: v3?.authProtocol ?? null,
    v3_priv_protocol: v3?.privProtocol ?? null,
    v3_context: v3?.context ?? null,
    auth_key_enc: v3?.authKey === undefined ? null : box.encrypt(v3.authKey.reveal(), PURPOSE.authKey),
    priv_key_enc: v3?.privKey === undefined ? null : box.encrypt(v3.privKey.reveal(), PURPOSE.privKey),
  };
}

/** v1 and v2c share one identity: the same community on the same agent is the same device. */
export function deviceIdentity(box: SecretBox, host: string, port: number, snmp: SnmpCredentials): Buffer {
  return snmp.version === '3'
    ? box.identityHash(['v3', host, port, snmp.user, snmp.context ?? ''])
    : box.identityHash(['community', host, port, snmp.community.reveal()]);
}

/** undefined when a secret cannot be decrypted; `blank` puts empty secrets in their place (remove only). */
export function decodeDevice(box: SecretBox, row: StoredDeviceRow, blank = false): Device | undefined {
  const open = (blob: Buffer | null, purpose: string): Secret | undefined | null => {
    if (blob === null) return null;
    const text = box.decrypt(blob, purpose);
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
    site: row.site ?? 'default',
    snmp,
    intervalMs: row.interval_ms,
    discoveredBy: row.discovered_by ?? null,
    ...metricsOf(row.metrics),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Device.metrics → its column: a JSON array, NULL when empty. */
export function metricsColumn(metrics: readonly string[]): string | null {
  return metrics.length === 0 ? null : JSON.stringify(metrics);
}

/** The column → Device.metrics, absent when none (a value that is not a list of strings reads as none). */
export function metricsOf(column: string | null | undefined): { metrics?: readonly string[] } {
  if (column === null || column === undefined) return {};
  try {
    const v: unknown = JSON.parse(column);
    return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string') ? { metrics: v as string[] } : {};
  } catch {
    return {};
  }
}

export function deviceNotFound(idOrName: string | number): LinkscopeError {
  const ref = parseDeviceRef(idOrName);
  const what = 'id' in ref ? `with id ${ref.id}` : `named "${ref.name}"`;
  return new LinkscopeError('LS_DEVICE_NOT_FOUND', `No device ${what} in the inventory; see \`linkscope device list\``, { details: { device: String(idOrName) } });
}

export function formatAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export function identityTaken(other: { readonly id: number; readonly name: string }, host: string, port: number, snmp: SnmpCredentials): LinkscopeError {
  const what = snmp.version === '3' ? `SNMPv3 user "${snmp.user}"${snmp.context === undefined ? '' : ` and context "${snmp.context}"`}` : 'community';
  return new LinkscopeError('LS_DEVICE_EXISTS', `A device with the same host, port and ${what} already exists: ${other.name} (id ${other.id}) at ${formatAddress(host, port)}`, {
    details: { existingId: other.id, existingName: other.name },
  });
}

export function nameTaken(other: { readonly id: number; readonly name: string }): LinkscopeError {
  return new LinkscopeError('LS_DEVICE_EXISTS', `A device named "${other.name}" already exists (id ${other.id}); choose another name`, {
    details: { existingId: other.id, existingName: other.name },
  });
}

export function undecryptable(rows: readonly { readonly id: number; readonly name: string }[], where: string, keyFileLabel: string): LinkscopeError {
  const names = rows.map((r) => `${r.name} (id ${r.id})`);
  const shown = names.length > 10 ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more` : names.join(', ');
  return new LinkscopeError(
    'LS_INVENTORY_DB',
    `Cannot decrypt the SNMP credentials of ${rows.length === 1 ? 'device' : `${rows.length} devices:`} ${shown} in ${where}: ${keyFileLabel} does not match the key they were encrypted with. Restore the original key file, or remove and re-add ${rows.length === 1 ? 'the device' : 'these devices'}`,
    { details: { path: where, devices: rows.map((r) => ({ id: r.id, name: r.name })) } },
  );
}

/** A LinkscopeError for row `row` of a list gets `details.row`; anything else passes unchanged. */
function atRow(err: unknown, row: number): unknown {
  return err instanceof LinkscopeError ? new LinkscopeError(err.code, err.message, { cause: err, details: { ...(err.details ?? {}), row } }) : err;
}

/** Runs `fn` for row `row` of a list; a LinkscopeError it throws gets `details.row`. */
export function withRow<T>(row: number, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw atRow(err, row);
  }
}

/** withRow for an asynchronous `fn`. */
export async function withRowAsync<T>(row: number, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw atRow(err, row);
  }
}

/** SQLite's NOCASE: ASCII letters only fold, so both stores agree on which names collide. */
export function foldName(name: string): string {
  return name.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
