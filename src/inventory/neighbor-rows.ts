/** Neighbour rows over time: row identity and how one discovery updates a device's stored rows. Shared by both inventories; no I/O. */
import type { Neighbor, NeighborDiscovery } from '../model/topology.js';
import type { StoredNeighbor } from './types.js';

/**
 * The identity of a neighbour row within its device: protocol, local port (ifIndex, or the
 * agent's port text when unmapped), remote chassis (chassis ID, else the name, else the address)
 * and remote port. Not the LLDP remote index or time mark: agents renumber those when a neighbour
 * re-announces. Case-insensitive, as agents differ in the case of MACs and names between announcements.
 */
export function neighborRowKey(n: Neighbor): string {
  const local = n.localIfIndex !== null ? `i${n.localIfIndex}` : `n${(n.localIfName ?? '').toLowerCase()}`;
  const chassis = (n.remoteChassisId ?? n.remoteName ?? n.remoteAddress ?? '').toLowerCase();
  const port = (n.remotePort ?? n.remotePortDescr ?? '').toLowerCase();
  return JSON.stringify([n.protocol, local, chassis, port]);
}

/**
 * The rows a device has after one discovery: reported rows get lastSeen = now (firstSeen kept when
 * the row was known), rows no longer reported keep their lastSeen until it is older than
 * cutoffIso, then they are dropped. Two reported rows with one identity: the later one wins.
 * ISO 8601 UTC strings of one format compare like the times they name.
 */
export function nextNeighborRows(
  previous: ReadonlyMap<string, StoredNeighbor>,
  discovery: NeighborDiscovery,
  nowIso: string,
  cutoffIso: string,
): Map<string, StoredNeighbor> {
  const next = new Map<string, StoredNeighbor>();
  for (const neighbor of discovery.neighbors) {
    const key = neighborRowKey(neighbor);
    const firstSeen = previous.get(key)?.firstSeen ?? nowIso;
    next.set(key, { ...neighbor, firstSeen, lastSeen: nowIso });
  }
  for (const [key, row] of previous) {
    if (next.has(key) || row.lastSeen < cutoffIso) continue;
    next.set(key, row);
  }
  return next;
}

/** Rows in the order the API lists them: by local ifIndex (unmapped last), then protocol, remote name and port. */
export function sortNeighborRows(rows: Iterable<StoredNeighbor>): StoredNeighbor[] {
  return [...rows].sort(
    (x, y) =>
      (x.localIfIndex ?? Number.MAX_SAFE_INTEGER) - (y.localIfIndex ?? Number.MAX_SAFE_INTEGER) ||
      x.protocol.localeCompare(y.protocol) ||
      (x.remoteName ?? x.remoteChassisId ?? '').localeCompare(y.remoteName ?? y.remoteChassisId ?? '') ||
      (x.remotePort ?? '').localeCompare(y.remotePort ?? ''),
  );
}

/** The cutoff for dropping rows: now minus staleAfterMs, as ISO 8601. */
export function staleCutoffIso(nowIso: string, staleAfterMs: number): string {
  return new Date(Date.parse(nowIso) - staleAfterMs).toISOString();
}

/** A stored neighbour row, as both inventories keep it. */
export interface NeighborRow {
  readonly device_id: number;
  /** neighborRowKey(): protocol, local port, remote chassis, remote port. */
  readonly row_key: string;
  /** The Neighbor object as JSON, so fields added to it later need no migration. */
  readonly row_json: string;
  readonly first_seen: string;
  readonly last_seen: string;
}

export function decodeNeighbor(row: NeighborRow): StoredNeighbor {
  // Written by recordNeighbors from a Neighbor, in linkscope's own database.
  const neighbor = JSON.parse(row.row_json) as Neighbor;
  return { ...neighbor, firstSeen: row.first_seen, lastSeen: row.last_seen };
}
