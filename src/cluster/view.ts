/** What GET /api/v1/pollers and /metrics show of the fleet: every poller the database knows, its slots, devices and lease counters. */
import type { Inventory } from '../inventory/types.js';
import type { ClusterReader, LocalLeaseFigures, PollerView } from '../model/cluster.js';
import type { LeaseManager } from './lease-manager.js';
import { slotOf } from './slots.js';

const count = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export class ClusterView implements ClusterReader {
  constructor(
    readonly pollerId: string,
    readonly slotCount: number,
    private readonly leases: LeaseManager,
    private readonly inventory: Inventory,
  ) {}

  local(): LocalLeaseFigures {
    const s = this.leases.stats();
    return { slots: s.slots, renewals: s.renewals, renewFailures: s.renewFailures, claims: s.claims, handoversIn: s.handoversIn, handoversOut: s.handoversOut, lastRenewAgeMs: s.lastRenewAgeMs };
  }

  async pollers(): Promise<PollerView[]> {
    const [infos, owners] = await Promise.all([this.leases.pollers(), this.leases.owners()]);
    const devices = new Map<string, number>();
    for (const d of this.inventory.list()) {
      const owner = owners.get(`${d.site}\u0000${slotOf(d.id, this.slotCount)}`);
      if (owner !== undefined) devices.set(owner, (devices.get(owner) ?? 0) + 1);
    }
    return infos
      .map((p) => ({
        id: p.id,
        sites: p.sites,
        live: p.live,
        slots: p.slots,
        devices: devices.get(p.id) ?? 0,
        startedAt: p.startedAt,
        expiresAt: p.expiresAt,
        renewals: count(p.stats['renewals']),
        renewFailures: count(p.stats['renewFailures']),
        handoversIn: count(p.stats['handoversIn']),
        handoversOut: count(p.stats['handoversOut']),
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }
}
