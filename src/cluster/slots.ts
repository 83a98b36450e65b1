/** Device → slot hashing for lease ownership (docs/scale-out.md "Ownership protocol"). Pure. */
import { LinkscopeError } from '../model/errors.js';

/** Slots per site unless configured otherwise; every poller sharing a database must use the same count. */
export const DEFAULT_SLOT_COUNT = 1024;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * The slot of a device: FNV-1a over the 4 little-endian bytes of the id's 32-bit value, then
 * MurmurHash3's fmix32 finaliser (FNV alone leaves sequential ids clustered in the low bits),
 * modulo `slotCount`. Stable across processes, versions and platforms: the value is part of the
 * protocol, so changing it would move every device at once (tests pin it).
 */
export function slotOf(deviceId: number, slotCount: number): number {
  if (!Number.isInteger(slotCount) || slotCount <= 0) {
    throw new LinkscopeError('LS_CLUSTER_CONFIG_INVALID', `slot count must be a positive integer, got ${slotCount}`);
  }
  const id = deviceId >>> 0;
  let h = FNV_OFFSET;
  h = Math.imul(h ^ (id & 0xff), FNV_PRIME);
  h = Math.imul(h ^ ((id >>> 8) & 0xff), FNV_PRIME);
  h = Math.imul(h ^ ((id >>> 16) & 0xff), FNV_PRIME);
  h = Math.imul(h ^ (id >>> 24), FNV_PRIME);
  // fmix32 (MurmurHash3): every input bit affects every output bit.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % slotCount;
}
