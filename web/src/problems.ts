/** The problems view's lists, the map's text twin: devices not up, links down, hottest links. Pure. */
import type { Topology, TopologyEdge, TopologyNode } from './types.js';

export interface Problems {
  /** Inventory devices whose status is not `up` (external neighbours are not polled). */
  readonly devices: readonly TopologyNode[];
  /** Links whose status is down: an enabled port with no link (the API reports admin-down ports as no link at all). */
  readonly linksDown: readonly TopologyEdge[];
  /** The busiest up links with a known utilisation, busiest first. */
  readonly hottest: readonly TopologyEdge[];
}

export const HOTTEST_COUNT = 5;

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function findProblems(t: Topology, hottestCount = HOTTEST_COUNT): Problems {
  const devices = t.nodes.filter((n) => !n.external && n.status !== 'up').sort((a, b) => collator.compare(a.name, b.name));
  const linksDown = t.edges.filter((e) => e.status === 'down').sort((a, b) => collator.compare(linkName(a), linkName(b)));
  const hottest = t.edges
    .filter((e) => e.status !== 'down' && e.utilization !== null && Number.isFinite(e.utilization))
    .sort((a, b) => (b.utilization ?? 0) - (a.utilization ?? 0) || collator.compare(linkName(a), linkName(b)))
    .slice(0, hottestCount);
  return { devices, linksDown, hottest };
}

/** `access-sw1 Gi1/0/48 – access-sw3 Fa0/24`. */
export function linkName(e: Pick<TopologyEdge, 'a' | 'b'>): string {
  return `${e.a.device} ${e.a.ifName ?? '?'} – ${e.b.device} ${e.b.ifName ?? '?'}`;
}
