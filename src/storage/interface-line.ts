/** Writes an `interface` point's line straight into a byte buffer: the bytes formatPoint() gives, without the text. Pure. */
import { COUNTER_NAMES, type CounterName } from '../model/counters.js';
import {
  escapeName,
  writeEscapedName,
  writeFloatValue,
  writeIntegerValue,
  writeStringValue,
  writeText,
  writeTimestamp,
  writeUint64Value,
} from './line-protocol.js';
import { INTERFACE_FIELD, MEASUREMENT, TAG } from './schema.js';
import { INTERFACE_RATE_FIELDS, type InterfacePoint, type InterfaceRateValues } from './types.js';

/** Bytes an interface point's line can take at most (UTF-8 is at most 3 bytes per UTF-16 unit, escaping at most doubles ASCII). */
export function interfaceLineBytes(p: InterfacePoint): number {
  let keys = 0;
  for (let i = 0; i < COUNTER_NAMES.length; i += 1) keys += p.sources[COUNTER_NAMES[i] as CounterName]?.column.length ?? 0;
  return 1024 + 3 * (keys + p.device.length + p.agentHost.length + p.ifName.length + p.ifDescr.length + p.ifAlias.length);
}

/**
 * Writes the point's line (no newline) at `pos`, `interfaceLineBytes(p)` of room reserved; returns
 * the end, or `pos` when formatPoint would give '' (a non-finite time). The same bytes as formatPoint(p).
 */
export function writeInterfaceLine(p: InterfacePoint, buf: Buffer, pos: number): number {
  if (!Number.isFinite(p.time)) return pos;
  let at = writeText(buf, pos, MEASUREMENT.interface);
  // Tags sorted by key (agent_host, device, ifName), empty values left out, as formatPoint does.
  at = writeTag(buf, at, TAG_AGENT_HOST, p.agentHost);
  at = writeTag(buf, at, TAG_DEVICE, p.device);
  at = writeTag(buf, at, TAG_IF_NAME, p.ifName);
  buf[at++] = 32;
  at = writeText(buf, at, KEY_IF_INDEX);
  at = writeIntegerValue(buf, at, p.ifIndex);
  at = writeText(buf, at, KEY_IF_DESCR);
  at = writeStringValue(buf, at, p.ifDescr);
  at = writeText(buf, at, KEY_IF_ALIAS);
  at = writeStringValue(buf, at, p.ifAlias);
  if (p.ifType !== null) at = writeIntegerValue(buf, writeText(buf, at, KEY_IF_TYPE), p.ifType);
  if (p.ifHighSpeed !== null) at = writeIntegerValue(buf, writeText(buf, at, KEY_IF_HIGH_SPEED), p.ifHighSpeed);
  if (p.ifOperStatus !== null) at = writeIntegerValue(buf, writeText(buf, at, KEY_IF_OPER_STATUS), p.ifOperStatus);
  if (p.ifAdminStatus !== null) at = writeIntegerValue(buf, writeText(buf, at, KEY_IF_ADMIN_STATUS), p.ifAdminStatus);
  const present = p.present;
  if (present !== 0) {
    const c = p.counters;
    const halves = new Uint32Array(c.buffer, c.byteOffset, c.length * 2);
    for (let i = 0; i < COUNTER_NAMES.length; i += 1) {
      if ((present & (1 << i)) === 0) continue;
      const src = p.sources[COUNTER_NAMES[i] as CounterName];
      if (src === undefined) continue;
      buf[at++] = 44;
      at = writeEscapedName(buf, at, src.column);
      buf[at++] = 61;
      at = LITTLE_ENDIAN ? writeUint64Value(buf, at, halves[2 * i + 1] as number, halves[2 * i] as number) : writeUint64Value(buf, at, halves[2 * i] as number, halves[2 * i + 1] as number);
    }
  }
  const r = p.rates;
  if (r !== null) {
    for (let i = 0; i < INTERFACE_RATE_FIELDS.length; i += 1) {
      const [name] = INTERFACE_RATE_FIELDS[i] as readonly [keyof InterfaceRateValues, string];
      const v = r[name];
      if (v === null || !Number.isFinite(v)) continue;
      at = writeText(buf, at, RATE_KEYS[i] as string);
      at = writeFloatValue(buf, at, v);
    }
  }
  buf[at++] = 32;
  return writeTimestamp(buf, at, p.time);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const TAG_AGENT_HOST = `,${escapeName(TAG.agentHost, true)}=`;
const TAG_DEVICE = `,${escapeName(TAG.device, true)}=`;
const TAG_IF_NAME = `,${escapeName(TAG.ifName, true)}=`;
const KEY_IF_INDEX = `${escapeName(INTERFACE_FIELD.ifIndex, true)}=`;
const KEY_IF_DESCR = `,${escapeName(INTERFACE_FIELD.ifDescr, true)}=`;
const KEY_IF_ALIAS = `,${escapeName(INTERFACE_FIELD.ifAlias, true)}=`;
const KEY_IF_TYPE = `,${escapeName(INTERFACE_FIELD.ifType, true)}=`;
const KEY_IF_HIGH_SPEED = `,${escapeName(INTERFACE_FIELD.ifHighSpeed, true)}=`;
const KEY_IF_OPER_STATUS = `,${escapeName(INTERFACE_FIELD.ifOperStatus, true)}=`;
const KEY_IF_ADMIN_STATUS = `,${escapeName(INTERFACE_FIELD.ifAdminStatus, true)}=`;
const RATE_KEYS = INTERFACE_RATE_FIELDS.map(([, key]) => `,${escapeName(key, true)}=`);

/** `,key=value` unless the value is empty or escapes to nothing (formatPoint leaves such a tag out). */
function writeTag(buf: Buffer, pos: number, prefix: string, value: string): number {
  if (value === '') return pos;
  const start = writeText(buf, pos, prefix);
  const end = writeEscapedName(buf, start, value);
  return end === start ? pos : end;
}
