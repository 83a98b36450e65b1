/** The optional neighbour crawl (topology.discover): neighbours in allowed ranges that answer the seeing device's credentials join the inventory. */
import type { Inventory } from '../inventory/types.js';
import { NAME_MAX_LENGTH } from '../inventory/validate.js';
import { cidrContains, formatIp, parseCidr, parseIpAddress, type Cidr } from '../model/cidr.js';
import { describeError, LinkscopeError } from '../model/errors.js';
import type { Neighbor } from '../model/topology.js';
import type { Device } from '../model/types.js';
import type { Logger } from '../observability/logger.js';
import type { SnmpClient } from '../snmp/types.js';
import { asOid } from '../snmp/values.js';
import { SYSTEM } from './oids.js';

/** An address that did not answer (or could not be added) is not asked again for this long. */
export const DEFAULT_CRAWL_RETRY_AFTER_MS = 30 * 60_000;
/** Probes in flight at once, over all devices: a large LLDP table must not become a burst of GETs. */
export const DEFAULT_CRAWL_MAX_CONCURRENT = 4;

export interface NeighborCrawlerOptions {
  readonly inventory: Inventory;
  readonly snmp: SnmpClient;
  /** topology.discover: canonical CIDR text; an invalid one is an LS_CONFIG_INVALID. */
  readonly ranges: readonly string[];
  /** topology.discoverPort. */
  readonly port: number;
  readonly snmpSettings: { readonly timeoutMs: number; readonly retries: number; readonly maxRepetitions: number };
  readonly logger: Logger;
  readonly retryAfterMs?: number;
  readonly maxConcurrent?: number;
  /** Called for each device added (serve schedules its polls). */
  readonly onAdded?: (device: Device) => void;
  /** Clock for the retry window; tests pin it. */
  readonly nowMs?: () => number;
}

/** A neighbour row as the crawl reads it: remoteDeviceId when the merge already matched it to an inventory device. */
export type CrawlNeighbor = Pick<Neighbor, 'remoteAddress' | 'remoteName' | 'remoteChassisId'> & { readonly remoteDeviceId?: number | null };

/**
 * Decides which neighbours to probe and adds those that answer. Each address is probed once at a
 * time; a failure is remembered for retryAfterMs so a silent neighbour seen every topology.interval
 * by many devices costs one probe per window, not one per sighting.
 */
export class NeighborCrawler {
  readonly #o: NeighborCrawlerOptions;
  readonly #ranges: readonly Cidr[];
  readonly #retryAfterMs: number;
  readonly #maxConcurrent: number;
  readonly #now: () => number;
  readonly #log: Logger;
  /** Address → earliest next probe (ms), after a failure. */
  readonly #failedUntil = new Map<string, number>();
  readonly #inFlight = new Set<string>();
  readonly #waiting: (() => void)[] = [];
  #running = 0;
  readonly #abort = new AbortController();

  constructor(options: NeighborCrawlerOptions) {
    this.#o = options;
    this.#ranges = options.ranges.map((text) => {
      const cidr = parseCidr(text);
      if (cidr === undefined) throw new LinkscopeError('LS_CONFIG_INVALID', `topology.discover: "${text}" is not an address range; use CIDR notation, e.g. "10.0.0.0/8"`);
      return cidr;
    });
    this.#retryAfterMs = options.retryAfterMs ?? DEFAULT_CRAWL_RETRY_AFTER_MS;
    this.#maxConcurrent = options.maxConcurrent ?? DEFAULT_CRAWL_MAX_CONCURRENT;
    this.#now = options.nowMs ?? Date.now;
    this.#log = options.logger.child({ module: 'crawl' });
  }

  /** The addresses among these neighbours of `seer` that are worth a probe now (pure decision, no I/O). */
  candidates(seer: Device, neighbors: readonly CrawlNeighbor[]): string[] {
    if (this.#ranges.length === 0) return [];
    const now = this.#now();
    const seen = new Set<string>();
    for (const n of neighbors) {
      if (n.remoteDeviceId !== undefined && n.remoteDeviceId !== null) continue;
      if (n.remoteAddress === null) continue;
      const address = parseIpAddress(n.remoteAddress);
      if (address === undefined) continue;
      const key = formatIp(address);
      if (key === hostKey(seer.host) || !this.#ranges.some((r) => cidrContains(r, address))) continue;
      if (this.#inFlight.has(key) || (this.#failedUntil.get(key) ?? 0) > now) continue;
      seen.add(key);
    }
    if (seen.size === 0) return [];
    // Only now: the SQLite inventory's list() decrypts every credential (~20 ms at 1,000 devices).
    const knownHosts = new Set(this.#o.inventory.list().map((d) => hostKey(d.host)));
    return [...seen].filter((key) => !knownHosts.has(key));
  }

  /**
   * Probes the candidates among `neighbors` (sysObjectID.0 with the seer's credentials on the
   * crawl port) and adds each that answers; resolves with the devices added. Never throws: a
   * failure is logged at debug and remembered.
   */
  async consider(seer: Device, neighbors: readonly CrawlNeighbor[]): Promise<Device[]> {
    const addresses = this.candidates(seer, neighbors);
    if (addresses.length === 0) return [];
    for (const a of addresses) this.#inFlight.add(a);
    const added = await Promise.all(
      addresses.map(async (address) => {
        try {
          return await this.#limited(() => this.#probeAndAdd(seer, address, neighbors));
        } finally {
          this.#inFlight.delete(address);
        }
      }),
    );
    return added.filter((d): d is Device => d !== undefined);
  }

  /** Aborts probes in flight (shutdown); later calls do nothing. */
  close(): void {
    this.#abort.abort();
  }

  async #probeAndAdd(seer: Device, address: string, neighbors: readonly CrawlNeighbor[]): Promise<Device | undefined> {
    if (this.#abort.signal.aborted) return undefined;
    const log = this.#log.child({ deviceId: seer.id, host: address, port: this.#o.port });
    const session = this.#o.snmp.open({ host: address, port: this.#o.port, credentials: seer.snmp, ...this.#o.snmpSettings });
    try {
      const [vb] = await session.get([SYSTEM.sysObjectID.oid], { signal: this.#abort.signal });
      if (asOid(vb?.value ?? null) === '') throw new LinkscopeError('LS_SNMP_BAD_RESPONSE', `${address}:${this.#o.port} answered without a sysObjectID.0`);
      // Another sighting may have added it while this probe waited.
      if (this.#o.inventory.list().some((d) => hostKey(d.host) === address && d.port === this.#o.port)) return undefined;
      const remoteName = neighbors.find((n) => n.remoteAddress !== null && hostKey(n.remoteAddress) === address && n.remoteName !== null)?.remoteName ?? null;
      const name = this.#freeName(remoteName);
      const device = await this.#o.inventory.add({ host: address, port: this.#o.port, snmp: seer.snmp, discoveredBy: seer.id, ...(name === undefined ? {} : { name }) });
      log.info({ newDeviceId: device.id, name: device.name, discoveredBy: seer.id }, 'neighbour crawl added a device');
      this.#o.onAdded?.(device);
      return device;
    } catch (err) {
      this.#failedUntil.set(address, this.#now() + this.#retryAfterMs);
      log.debug({ err: describeError(err), retryAfterMs: this.#retryAfterMs }, 'neighbour crawl: address not added');
      return undefined;
    } finally {
      session.close();
    }
  }

  /** The neighbour's system name made a valid, free inventory name; undefined = let the inventory name it after its address. */
  #freeName(remoteName: string | null): string | undefined {
    if (remoteName === null) return undefined;
    const base = remoteName.trim().replace(/[^A-Za-z0-9._:-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, NAME_MAX_LENGTH);
    if (base === '' || /^\d+$/.test(base)) return undefined;
    for (let suffix = 1; suffix < 1000; suffix += 1) {
      const tail = suffix === 1 ? '' : `-${suffix}`;
      const candidate = `${base.slice(0, NAME_MAX_LENGTH - tail.length)}${tail}`;
      if (this.#o.inventory.find(candidate) === undefined) return candidate;
    }
    return undefined;
  }

  async #limited<T>(task: () => Promise<T>): Promise<T> {
    while (this.#running >= this.#maxConcurrent) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#running += 1;
    try {
      return await task();
    } finally {
      this.#running -= 1;
      this.#waiting.shift()?.();
    }
  }
}

/** Inventory hosts and neighbour addresses compared in one spelling ("10.0.0.1", "2001:db8::1"); names stay as they are. */
function hostKey(host: string): string {
  const ip = parseIpAddress(host);
  return ip === undefined ? host.toLowerCase() : formatIp(ip);
}
