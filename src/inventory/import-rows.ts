/** Bulk add: a CSV or YAML file (or an API list) → validated devices, every row checked before any is stored. Pure. */
import { parseDocument } from 'yaml';
import { describeError, isLinkscopeError, LinkscopeError } from '../model/errors.js';
import type { NewDevice } from '../model/types.js';
import { parseNewDeviceBody } from './validate.js';

/** Flat columns of a CSV row (or a flat YAML entry): the `POST /devices` fields, with the snmp ones beside them. */
export const IMPORT_COLUMNS = ['host', 'port', 'name', 'interval', 'site', 'version', 'community', 'user', 'level', 'authProtocol', 'authKey', 'privProtocol', 'privKey', 'context'] as const;
const SNMP_COLUMNS: ReadonlySet<string> = new Set(['version', 'community', 'user', 'level', 'authProtocol', 'authKey', 'privProtocol', 'privKey', 'context']);
/** The CLI's flag spellings are accepted as column names too (`auth-protocol`). */
const ALIASES: Readonly<Record<string, string>> = { 'auth-protocol': 'authProtocol', 'auth-key': 'authKey', 'priv-protocol': 'privProtocol', 'priv-key': 'privKey' };

export interface ImportRowReport {
  /** 1-based line in a CSV file (after the header), or 1-based entry in a YAML/JSON list. */
  readonly row: number;
  readonly ok: boolean;
  /** What is wrong with the row; empty when ok. Never a secret's value. */
  readonly problems: readonly string[];
  readonly name?: string;
  readonly host?: string;
}

export interface ImportPlan {
  readonly rows: readonly ImportRowReport[];
  /** Every row's device when every row is valid; empty otherwise (nothing is imported then). */
  readonly devices: readonly NewDevice[];
}

/** One entry, flat (`community: x`) or nested as the API takes it (`snmp: {community: x}`) → a POST /devices body. */
export function rowBody(entry: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const snmp: Record<string, unknown> = typeof entry['snmp'] === 'object' && entry['snmp'] !== null ? { ...(entry['snmp'] as Record<string, unknown>) } : {};
  for (const [rawKey, value] of Object.entries(entry)) {
    const key = ALIASES[rawKey] ?? rawKey;
    if (key === 'snmp' || value === '' || value === null || value === undefined) continue;
    if (SNMP_COLUMNS.has(key)) snmp[key] = key === 'version' ? String(value) : value;
    else if (key === 'port' && typeof value === 'string' && /^\d+$/.test(value)) body[key] = Number(value);
    else body[key] = value;
  }
  body['snmp'] = snmp;
  return body;
}

/** Validates every entry; devices only when all are valid. Names repeated inside the list are problems too. */
export function planImport(entries: readonly unknown[]): ImportPlan {
  const rows: ImportRowReport[] = [];
  const devices: NewDevice[] = [];
  const names = new Map<string, number>();
  entries.forEach((entry, i) => {
    const row = i + 1;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      rows.push({ row, ok: false, problems: ['must be a mapping of fields (host, community, …)'] });
      return;
    }
    try {
      const device = parseNewDeviceBody(rowBody(entry as Record<string, unknown>));
      const key = device.name?.toLowerCase();
      const earlier = key === undefined ? undefined : names.get(key);
      if (key !== undefined && earlier !== undefined) {
        rows.push({ row, ok: false, problems: [`name: "${device.name}" is already used by row ${earlier} of this file`], host: device.host });
        return;
      }
      if (key !== undefined) names.set(key, row);
      devices.push(device);
      rows.push({ row, ok: true, problems: [], host: device.host, ...(device.name === undefined ? {} : { name: device.name }) });
    } catch (err) {
      if (!isLinkscopeError(err, 'LS_DEVICE_INVALID')) throw err;
      const problems = (err.details?.['problems'] as readonly string[] | undefined) ?? [err.message];
      rows.push({ row, ok: false, problems: [...problems] });
    }
  });
  return { rows, devices: rows.every((r) => r.ok) ? devices : [] };
}

/** Splits CSV text (RFC 4180: quotes, doubled quotes, commas and newlines inside quotes) into records. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      field = '';
      if (record.some((f) => f.trim() !== '')) records.push(record);
      record = [];
    } else field += ch;
  }
  record.push(field);
  if (record.some((f) => f.trim() !== '')) records.push(record);
  return records;
}

function importError(message: string): LinkscopeError {
  return new LinkscopeError('LS_DEVICE_INVALID', message);
}

/**
 * A file's text → entries. CSV: a header row naming columns (IMPORT_COLUMNS, `#` lines skipped);
 * YAML or JSON: a list of entries, or `{devices: [...]}`. `where` names the file in messages.
 */
export function entriesFromText(text: string, format: 'csv' | 'yaml', where: string): Record<string, unknown>[] {
  if (format === 'csv') {
    const records = parseCsv(text.split(/\r?\n/).filter((l) => !l.trimStart().startsWith('#')).join('\n'));
    const [header, ...rest] = records;
    if (header === undefined) throw importError(`${where}: is empty; the first line names the columns, e.g. host,port,name,version,community`);
    const columns = header.map((h) => h.trim());
    const unknown = columns.filter((c) => !(IMPORT_COLUMNS as readonly string[]).includes(ALIASES[c] ?? c));
    if (unknown.length > 0) throw importError(`${where}: unknown column ${unknown.map((c) => `"${c}"`).join(', ')}; allowed: ${IMPORT_COLUMNS.join(', ')}`);
    return rest.map((r) => Object.fromEntries(columns.map((c, i) => [c, (r[i] ?? '').trim()])));
  }
  let data: unknown;
  try {
    const doc = parseDocument(text, { uniqueKeys: true });
    const first = doc.errors[0];
    if (first !== undefined) throw importError(`${where}: cannot be read as YAML: ${first.message.split('\n')[0] ?? ''}`);
    data = doc.toJS();
  } catch (err) {
    if (isLinkscopeError(err)) throw err;
    throw importError(`${where}: cannot be read as YAML: ${describeError(err)}`);
  }
  const list = Array.isArray(data) ? data : typeof data === 'object' && data !== null && Array.isArray((data as { devices?: unknown }).devices) ? (data as { devices: unknown[] }).devices : undefined;
  if (list === undefined) throw importError(`${where}: must be a list of devices (or "devices:" with a list), each with host and credentials`);
  return list as Record<string, unknown>[];
}
