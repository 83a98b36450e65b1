/** Varbind value → domain value coercion (text, names, MACs, numbers), shared by discovery, the poller and the table engine. Pure; tolerant of agents that send the wrong type. */
import type { SnmpValue } from './types.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function asNumber(v: SnmpValue | undefined): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

export function asBigint(v: SnmpValue | undefined): bigint | null {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return BigInt(v);
  return null;
}

/**
 * DisplayString → text. UTF-8 when valid, else Latin-1 (old agents); trailing NULs dropped
 * (several embedded agents NUL-terminate their strings).
 */
export function asText(v: SnmpValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  let end = v.length;
  while (end > 0 && v[end - 1] === 0) end -= 1;
  const bytes = end === v.length ? v : v.subarray(0, end);
  try {
    return utf8.decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** C0 controls, DEL and C1 controls; the whitespace ones among them are handled first. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const CONTROL_WHITESPACE = /[\t\n\v\f\r]/g;
const HAS_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * A name an operator reads (ifName, ifDescr, ifAlias, sysName) from a DisplayString: asText, then
 * tab/CR/LF/VT/FF become a space and every other control character (NUL, \u0001, ESC, DEL, C1) is
 * dropped. Such bytes come from broken or hostile agents; kept, they end up in InfluxDB tags,
 * terminals, logs and the UI. Names without controls (the usual case) are returned as they are.
 */
export function asDisplayName(v: SnmpValue | undefined): string {
  const text = asText(v);
  if (!HAS_CONTROL.test(text)) return text;
  return text.replace(CONTROL_WHITESPACE, ' ').replace(CONTROL, '');
}

/** PhysAddress → lower-case colon-separated hex (`00:1a:2b:3c:4d:5e`); '' when empty. */
export function asMac(v: SnmpValue | undefined): string {
  if (!Buffer.isBuffer(v) || v.length === 0) return '';
  let out = '';
  for (let i = 0; i < v.length; i += 1) {
    if (i > 0) out += ':';
    out += (v[i] as number).toString(16).padStart(2, '0');
  }
  return out;
}

export function asOid(v: SnmpValue | undefined): string {
  if (typeof v === 'string') return v.replace(/^\./, '');
  return '';
}

/**
 * FNV-1a hash of a value's bytes (or a string's char codes), without allocating: the poll compares
 * each ifDescr with the discovered one on every poll, so it must not decode text to do so.
 */
export function valueHash(v: SnmpValue | undefined): number {
  let h = 0x811c9dc5;
  if (Buffer.isBuffer(v)) {
    let end = v.length;
    while (end > 0 && v[end - 1] === 0) end -= 1; // as asText: trailing NULs carry nothing
    for (let i = 0; i < end; i += 1) h = Math.imul(h ^ (v[i] as number), 0x01000193);
  } else if (typeof v === 'string') {
    for (let i = 0; i < v.length; i += 1) h = Math.imul(h ^ v.charCodeAt(i), 0x01000193);
  } else if (v !== undefined && v !== null) {
    return valueHash(String(v));
  }
  return h >>> 0;
}

const SMALL_BIGINTS: readonly bigint[] = Array.from({ length: 256 }, (_, i) => BigInt(i));

/** BigInt(n) for an integer field, without a fresh heap BigInt for the small values status fields hold. */
export function bigintOf(n: number): bigint {
  return n >= 0 && n < 256 && Number.isInteger(n) ? (SMALL_BIGINTS[n] as bigint) : BigInt(Math.trunc(n));
}
