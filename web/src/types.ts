/** The public REST API's JSON shapes the page reads (docs/api.md); the page never sees anything else. */

export type DeviceStatus = 'up' | 'unreachable' | 'auth-failed' | 'pending' | 'unknown';

export interface TopologyNode {
  readonly id: number | string;
  readonly name: string;
  readonly role: string | null;
  readonly status: DeviceStatus | string;
  readonly external: boolean;
}

export interface LinkEnd {
  readonly deviceId: number | null;
  readonly device: string;
  readonly ifName: string | null;
}

export interface Link {
  readonly id: string;
  readonly a: LinkEnd;
  readonly b: LinkEnd;
  readonly protocols: readonly string[];
  readonly status: 'up' | 'down' | string;
  readonly speedBps: number | null;
  readonly utilization: number | null;
  /** Seen from side a: inBps = b → a, outBps = a → b. */
  readonly inBps: number | null;
  readonly outBps: number | null;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

export interface TopologyEdge extends Link {
  readonly source: number | string;
  readonly target: number | string;
}

export interface Topology {
  readonly nodes: readonly TopologyNode[];
  readonly edges: readonly TopologyEdge[];
}

export interface Device {
  readonly id: number;
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly interval: string;
  readonly intervalMs: number;
  readonly status: DeviceStatus | string;
  readonly sysName: string | null;
  readonly sysDescr: string | null;
  readonly role: string | null;
  readonly vendor: string | null;
  readonly lastPollAt: string | null;
  readonly pollMs: number | null;
  readonly interfaceCount: number;
  readonly lastError: { readonly code: string; readonly message: string; readonly at: string } | null;
}

export interface Interface {
  readonly ifIndex: number;
  readonly ifName: string;
  readonly ifDescr: string;
  readonly ifAlias: string;
  readonly speedBps: number | null;
  readonly adminStatus: string;
  readonly operStatus: string;
  readonly inBps: number | null;
  readonly outBps: number | null;
  readonly inUtilization: number | null;
  readonly outUtilization: number | null;
  readonly inErrorsPerSec: number | null;
  readonly outErrorsPerSec: number | null;
  readonly sampledAt: string | null;
}

export interface Neighbor {
  readonly localIfName: string | null;
  readonly protocol: string;
  readonly remoteName: string | null;
  readonly remotePort: string | null;
  readonly remotePlatform: string | null;
  readonly remoteAddress: string | null;
  readonly remoteDeviceId: number | null;
}

export interface WirelessSensor {
  readonly class: string;
  readonly index: string;
  readonly descr: string;
  readonly value: number | string | null;
  readonly unit: string | null;
}

export interface Wireless {
  readonly role: string;
  readonly aps: ReadonlyArray<{
    readonly name: string;
    readonly status?: string;
    readonly clients: number | null;
    readonly radios: ReadonlyArray<{ readonly index: number | string; readonly band?: string; readonly channel?: number | null; readonly clients?: number | null; readonly utilization?: number | null }>;
    readonly ssids: ReadonlyArray<{ readonly ssid: string; readonly clients: number | null }>;
  }>;
  readonly sensors: readonly WirelessSensor[];
}

export interface UtilizationPoint {
  readonly time: string;
  readonly inBps: number | null;
  readonly outBps: number | null;
  readonly inUtilization: number | null;
  readonly outUtilization: number | null;
}
