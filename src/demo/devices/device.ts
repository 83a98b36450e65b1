/** One simulated device at run time: interfaces with their flows, boot time and counter state, derived from the topology data. */
import { Flow, hashSeed, seededRandom } from '../traffic.js';
import { DEMO_LINKS, DEMO_PORT_OVERRIDES, type DemoDeviceSpec, type PortRef } from '../topology.js';
import type { DeviceModel, PortTemplate } from './models.js';
import { IF_TYPE } from '../oids.js';

const TWO32 = 4294967296;
const DAY_MS = 86_400_000;

export interface DemoInterface {
  readonly port: PortTemplate;
  readonly alias: string;
  readonly adminUp: boolean;
  readonly operUp: boolean;
  readonly mac: Buffer;
  readonly inFlow: Flow | null;
  readonly outFlow: Flow | null;
  readonly avgPacketBytesIn: number;
  readonly avgPacketBytesOut: number;
  /** Input errors per octet received. */
  readonly errorRate: number;
  /** Output discards per octet sent (queue drops on a busy port). */
  readonly discardRate: number;
  /** The other end of the cable, when the port is cabled to another demo device. */
  readonly peer: PortRef | null;
  /** When the status last changed (ms); null = shortly after boot. */
  readonly lastChangeMs: number | null;
}

/** The interface counters a poll reads, computed for one instant. */
export interface CounterSnapshot {
  inOctets: number;
  outOctets: number;
  inUcastPkts: number;
  outUcastPkts: number;
  inMulticastPkts: number;
  outMulticastPkts: number;
  inBroadcastPkts: number;
  outBroadcastPkts: number;
  inErrors: number;
  outErrors: number;
  inDiscards: number;
  outDiscards: number;
}

export class DemoDeviceRuntime {
  readonly name: string;
  readonly model: DeviceModel;
  readonly chassisMac: Buffer;
  readonly interfaces: readonly DemoInterface[];
  readonly byName: ReadonlyMap<string, DemoInterface>;
  /** Epoch ms of the (simulated) last boot. */
  bootMs: number;
  /**
   * Added to the 32-bit octet counters of a device without HC counters, chosen so that every
   * ifInOctets/ifOutOctets wraps within a few minutes of the demo start. Cleared by a reboot.
   */
  readonly #octetOffsets = new Map<number, { in: number; out: number }>();

  constructor(
    readonly spec: DemoDeviceSpec,
    interfaces: readonly DemoInterface[],
    startMs: number,
  ) {
    this.name = spec.name;
    this.model = spec.model;
    this.chassisMac = macFor(spec.name, 0);
    this.interfaces = interfaces;
    this.byName = new Map(interfaces.map((i) => [i.port.ifName, i]));
    this.bootMs = startMs - Math.round(spec.uptimeDays * DAY_MS);
    if (!spec.model.hcCounters) {
      for (const itf of interfaces) {
        const wrapInS = 90 + (itf.port.ifIndex % 5) * 25;
        this.#octetOffsets.set(itf.port.ifIndex, {
          in: nearWrapOffset(itf.inFlow, this.bootMs, startMs, wrapInS),
          out: nearWrapOffset(itf.outFlow, this.bootMs, startMs, wrapInS + 10),
        });
      }
    }
  }

  /** Simulated reboot: sysUpTime restarts at 0 and every counter restarts from 0 (a discontinuity). */
  reboot(nowMs: number): void {
    this.bootMs = nowMs;
    this.#octetOffsets.clear();
  }

  uptimeTicks(nowMs: number): number {
    return Math.max(0, Math.floor((nowMs - this.bootMs) / 10));
  }

  lastChangeTicks(itf: DemoInterface): number {
    if (itf.lastChangeMs !== null && itf.lastChangeMs > this.bootMs) return Math.floor((itf.lastChangeMs - this.bootMs) / 10);
    // Ports come up 30–40 s into the boot, in ifIndex order.
    return 3000 + (itf.port.ifIndex % 1000);
  }

  /** Counters since boot. Octets include the 32-bit start offset (the encoder wraps them at 2^32). */
  counters(itf: DemoInterface, nowMs: number, out: CounterSnapshot): CounterSnapshot {
    const inBytes = itf.inFlow === null ? 0 : itf.inFlow.bytesBetween(this.bootMs, nowMs);
    const outBytes = itf.outFlow === null ? 0 : itf.outFlow.bytesBetween(this.bootMs, nowMs);
    const offset = this.#octetOffsets.get(itf.port.ifIndex);
    out.inOctets = Math.floor(inBytes + (offset?.in ?? 0));
    out.outOctets = Math.floor(outBytes + (offset?.out ?? 0));
    const inPkts = inBytes / itf.avgPacketBytesIn;
    const outPkts = outBytes / itf.avgPacketBytesOut;
    out.inUcastPkts = Math.floor(inPkts * 0.97);
    out.outUcastPkts = Math.floor(outPkts * 0.97);
    out.inMulticastPkts = Math.floor(inPkts * 0.02);
    out.outMulticastPkts = Math.floor(outPkts * 0.02);
    out.inBroadcastPkts = Math.floor(inPkts * 0.01);
    out.outBroadcastPkts = Math.floor(outPkts * 0.01);
    out.inErrors = Math.floor(inBytes * itf.errorRate);
    out.outErrors = 0;
    out.inDiscards = Math.floor(inBytes * 1e-12);
    out.outDiscards = Math.floor(outBytes * itf.discardRate);
    return out;
  }
}

export function emptySnapshot(): CounterSnapshot {
  return {
    inOctets: 0,
    outOctets: 0,
    inUcastPkts: 0,
    outUcastPkts: 0,
    inMulticastPkts: 0,
    outMulticastPkts: 0,
    inBroadcastPkts: 0,
    outBroadcastPkts: 0,
    inErrors: 0,
    outErrors: 0,
    inDiscards: 0,
    outDiscards: 0,
  };
}

/** Offset that puts the 32-bit counter `wrapInS` seconds of traffic below 2^32 at the demo start. */
function nearWrapOffset(flow: Flow | null, bootMs: number, startMs: number, wrapInS: number): number {
  if (flow === null) return TWO32 - 1_000_000;
  const sinceBoot = flow.bytesBetween(bootMs, startMs);
  const headroom = flow.bytesPerSec * flow.utilization(startMs) * wrapInS;
  const target = TWO32 - Math.min(headroom, TWO32 / 2);
  const offset = (target - (sinceBoot % TWO32) + TWO32) % TWO32;
  return Math.floor(offset);
}

/** A locally administered, stable MAC per device and port (02:xx…). */
export function macFor(device: string, ifIndex: number): Buffer {
  const h = hashSeed('mac', device);
  return Buffer.from([0x02, (h >>> 24) & 0xff, (h >>> 16) & 0xff, (h >>> 8) & 0xff, (ifIndex >>> 8) & 0xff, ifIndex & 0xff]);
}

function link(device: string, port: string): { peer: PortRef; out: number; in: number } | null {
  for (const l of DEMO_LINKS) {
    if (l.a.device === device && l.a.port === port) return { peer: l.b, out: l.utilAtoB, in: l.utilBtoA };
    if (l.b.device === device && l.b.port === port) return { peer: l.a, out: l.utilBtoA, in: l.utilAtoB };
  }
  return null;
}

/** Key of the flow carrying traffic from one port to another: shared by both ends of a cable. */
function flowKey(from: PortRef, to: PortRef): string {
  return `${from.device}:${from.port}>${to.device}:${to.port}`;
}

/**
 * Builds each device's interfaces from the topology. Flows are shared across a cable so that one
 * end's out octets are the other end's in octets.
 */
export function buildRuntimes(specs: readonly DemoDeviceSpec[], startMs: number): DemoDeviceRuntime[] {
  const flows = new Map<string, Flow>();
  // Reference for the flows' linear term: midnight before the start, so values stay well under 2^53.
  const refMs = startMs - (startMs % DAY_MS);
  const sharedFlow = (from: PortRef, to: PortRef, speedBps: number, util: number): Flow => {
    const key = flowKey(from, to);
    let f = flows.get(key);
    if (f === undefined) {
      // A hot link stays within ~85–95 %: small swing and wobble; others follow the day more.
      const hot = util > 0.8;
      const swingUtil = hot ? 0.03 : Math.min(util * 0.5, 0.04 + util * 0.1);
      const noiseUtil = hot ? 0.012 : util * 0.1;
      f = new Flow({ speedBps, meanUtil: util, swingUtil, noiseUtil, seed: hashSeed(key) }, refMs);
      flows.set(key, f);
    }
    return f;
  };

  return specs.map((spec) => {
    const overrides = DEMO_PORT_OVERRIDES[spec.name] ?? {};
    const edge = new Set(spec.edgePorts);
    const interfaces = spec.model.ports.map((port): DemoInterface => {
      const here: PortRef = { device: spec.name, port: port.ifName };
      const o = overrides[port.ifName] ?? {};
      const cabled = link(spec.name, port.ifName);
      const rnd = seededRandom(hashSeed(spec.name, port.ifName));
      const base = {
        port,
        mac: macFor(spec.name, port.ifIndex),
        avgPacketBytesIn: 400 + Math.floor(rnd() * 500),
        avgPacketBytesOut: 700 + Math.floor(rnd() * 600),
        errorRate: o.errorRate ?? 1e-13,
        discardRate: 1e-12,
        lastChangeMs: null,
      };
      if (cabled !== null && o.operDown === true) {
        // A cabled port that should be up and is not: no traffic, but the cable (and so the neighbour) is known.
        return { ...base, alias: o.alias ?? '', adminUp: true, operUp: false, inFlow: null, outFlow: null, peer: cabled.peer, lastChangeMs: startMs - 3600_000 - 41_000 };
      }
      if (cabled !== null && DEMO_PORT_OVERRIDES[cabled.peer.device]?.[cabled.peer.port]?.operDown === true) {
        // The near end of the faulty cable: up, but nothing comes back and nothing gets through.
        return { ...base, alias: o.alias ?? `cross-connect to ${cabled.peer.device} ${cabled.peer.port}`, adminUp: true, operUp: true, inFlow: null, outFlow: null, peer: cabled.peer };
      }
      if (cabled !== null) {
        const hot = Math.max(cabled.out, cabled.in) > 0.8;
        return {
          ...base,
          alias: o.alias ?? `uplink to ${cabled.peer.device} ${cabled.peer.port}`,
          adminUp: true,
          operUp: true,
          inFlow: sharedFlow(cabled.peer, here, port.speedBps, cabled.in),
          outFlow: sharedFlow(here, cabled.peer, port.speedBps, cabled.out),
          peer: cabled.peer,
          // A port pushing ~90 % drops a little at the egress queue.
          discardRate: hot && cabled.out > 0.8 ? 4e-9 : base.discardRate,
        };
      }
      const isEdge = edge.has(port.ifName) || o.alias !== undefined;
      if (o.operDown === true) {
        return { ...base, alias: o.alias ?? '', adminUp: true, operUp: false, inFlow: null, outFlow: null, peer: null, lastChangeMs: startMs - 2 * 3600_000 - 17_000 };
      }
      if (port.physical && !isEdge) {
        return { ...base, alias: '', adminUp: false, operUp: false, inFlow: null, outFlow: null, peer: null };
      }
      if (port.ifType === IF_TYPE.softwareLoopback || port.ifDescr === 'Null0' || port.speedBps === 0) {
        return { ...base, alias: '', adminUp: true, operUp: true, inFlow: null, outFlow: null, peer: null };
      }
      const seed = hashSeed(spec.name, port.ifName, 'edge');
      const wireless = port.ifType === IF_TYPE.ieee80211;
      // Edge traffic: desks download more than they upload; virtual interfaces carry management only.
      const mean = o.meanUtil ?? (port.physical || wireless ? 0.02 + rnd() * 0.1 : 0.0008 + rnd() * 0.002);
      const flow = (dir: string, util: number): Flow =>
        new Flow({ speedBps: port.speedBps, meanUtil: util, swingUtil: util * 0.6, noiseUtil: util * 0.2, seed: hashSeed(seed, dir) }, refMs);
      const number = /(\d+)$/.exec(port.ifName)?.[1] ?? '';
      const alias =
        o.alias ??
        (port.physical ? `${spec.edgeLabel}${number.padStart(2, '0')}` : port.ifType === IF_TYPE.ieee80211 ? '' : port.ifDescr === 'GigabitEthernet0' || port.ifName === 'me0' ? 'mgmt' : '');
      return {
        ...base,
        alias,
        adminUp: true,
        operUp: true,
        // "in" = from the attached host into the device.
        inFlow: flow('in', mean * 0.35),
        outFlow: flow('out', mean),
        peer: null,
      };
    });
    return new DemoDeviceRuntime(spec, interfaces, startMs);
  });
}
