/** Topology vocabulary shared by discovery, state, storage and the API: neighbours seen by LLDP/CDP and the links merged from them. Imports nothing. */

export const NEIGHBOR_PROTOCOLS = ['lldp', 'cdp'] as const;
export type NeighborProtocol = (typeof NEIGHBOR_PROTOCOLS)[number];

/**
 * How the local port of a neighbour row was found, in the order the strategies are tried:
 * `ifIndex` (lldpRemLocalPortNum / cdpCacheIfIndex is an ifIndex of this agent), `basePort`
 * (it is a BRIDGE-MIB dot1dBasePort, mapped through dot1dBasePortIfIndex), `portId`
 * (lldpLocPortId matched an ifName/ifDescr/ifAlias), `portDesc` (lldpLocPortDesc matched one),
 * `mac` (a MAC-typed lldpLocPortId matched an ifPhysAddress); null when nothing matched.
 */
export const MAPPED_BY = ['ifIndex', 'basePort', 'portId', 'portDesc', 'mac'] as const;
export type MappedBy = (typeof MAPPED_BY)[number];

/** One neighbour row as one device sees it (CONTRACT.md `GET /devices/:id/neighbors`, without the times). */
export interface Neighbor {
  readonly protocol: NeighborProtocol;
  /** The local port's ifIndex, or null when the row could not be mapped (kept and counted, never dropped). */
  readonly localIfIndex: number | null;
  /** ifName of the local port (ifDescr when ifName is empty); when unmapped, what the agent said (lldpLocPortId / desc) or null. */
  readonly localIfName: string | null;
  readonly mappedBy: MappedBy | null;
  /** lldpRemSysName, or CDP's device ID. */
  readonly remoteName: string | null;
  /** Decoded by subtype: MAC `aa:bb:cc:dd:ee:ff`, an address, a name; for CDP the device ID. */
  readonly remoteChassisId: string | null;
  /** lldpRemPortId decoded by subtype (an interface name, a MAC, …), or cdpCacheDevicePort. */
  readonly remotePort: string | null;
  readonly remotePortDescr: string | null;
  /** lldpRemSysDesc or cdpCachePlatform. */
  readonly remotePlatform: string | null;
  /** Enabled capabilities as words (`bridge`, `router`, `wlanAccessPoint`, `station`, …). */
  readonly remoteCapabilities: readonly string[];
  /** Management address (IPv4 dotted, IPv6 RFC 5952 text), or null. */
  readonly remoteAddress: string | null;
  /** CDP only, where the agent has them. */
  readonly nativeVlan?: number | null;
  readonly duplex?: 'half' | 'full' | null;
}

/** What one neighbour discovery of one device produced. */
export interface NeighborDiscovery {
  /** This device's own lldpLocChassisId, decoded like a remote chassis ID; null without LLDP. */
  readonly localChassisId: string | null;
  readonly neighbors: readonly Neighbor[];
  /** Rows whose local port could not be mapped (they are in `neighbors` with localIfIndex null). */
  readonly unmapped: number;
  /** What was walked and what went wrong, for logs and metrics; absent where nothing was walked. */
  readonly diagnostics?: NeighborDiagnostics;
}

export interface NeighborTableError {
  /** The table (`lldpRemTable`, `cdpCacheTable`, …) that was lost; the other tables still count. */
  readonly table: string;
  /** An LS_* code from model/errors.ts. */
  readonly code: string;
  readonly message: string;
}

export interface NeighborDiagnostics {
  /** Tables that answered with at least one row. */
  readonly tablesWithRows: readonly string[];
  /** Tables whose walk failed (or was not tried after the agent timed out): they count as empty. */
  readonly tableErrors: readonly NeighborTableError[];
  /** Rows with nothing in them (no chassis ID, port ID or name: Cambium PMP answers one all-zero row), left out. */
  readonly emptyRows: number;
  /** Varbinds whose index had a shape no profile knows, left out. */
  readonly badIndex: number;
  /** Rows seen twice (LLDP-MIB and LLDP-V2-MIB on one agent), kept once. */
  readonly duplicates: number;
}

/** A neighbour as stored and served: the row plus when it was first and last seen (ISO 8601). */
export interface NeighborRecord extends Neighbor {
  /** The inventory device this neighbour is, when it could be matched; else null. */
  readonly remoteDeviceId: number | null;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

export type LinkStatus = 'up' | 'down';

export interface LinkEnd {
  readonly deviceId: number | null;
  readonly device: string;
  readonly ifName: string | null;
}

/** One physical link, both ends' views merged (CONTRACT.md `GET /links`). */
export interface Link {
  readonly id: string;
  readonly a: LinkEnd & { readonly deviceId: number };
  readonly b: LinkEnd;
  readonly protocols: readonly NeighborProtocol[];
  readonly status: LinkStatus;
  readonly speedBps: number | null;
  /** The larger direction, percent of speedBps. */
  readonly utilization: number | null;
  /** Seen from side a. */
  readonly inBps: number | null;
  readonly outBps: number | null;
  readonly firstSeen: string;
  readonly lastSeen: string;
}
