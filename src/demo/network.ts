/** The simulated demo network behind `linkscope demo`: one SNMP agent per device on 127.0.0.1, wired as DEMO_LINKS says. */
import { LinkscopeError, isLinkscopeError } from '../model/errors.js';
import { Secret } from '../model/secret.js';
import type { DeviceRole, NewDevice } from '../model/types.js';
import type { Logger } from '../observability/logger.js';
import { MibViewBuilder, type MibView } from './agent/mib-view.js';
import { startAgent, type RunningAgent } from './agent/snmp-agent.js';
import { buildRuntimes, type DemoDeviceRuntime } from './devices/device.js';
import { addIfMib, addSystem } from './devices/if-mib.js';
import { addCdp, addLldp } from './devices/neighbours.js';
import { addWireless } from './devices/wireless.js';
import { addHealth } from './devices/health.js';
import { DEMO_DEVICES, type DemoDeviceSpec } from './topology.js';

export const DEMO_HOST = '127.0.0.1';
export const DEMO_BASE_PORT = 16101;
export const DEMO_COMMUNITY = 'public';
/** A second community every demo device accepts (devices often carry several read-only ones). */
export const DEMO_ALT_COMMUNITY = 'linkscope';

export interface DemoNetworkOptions {
  /** First UDP port; device n listens on basePort + n, or on any free port if that one is taken. Default 16101. */
  readonly basePort?: number;
  /** Epoch ms; drives sysUpTime and every counter. Default Date.now. */
  readonly clock?: () => number;
  /** Response size cap per agent (default 1472, like a real agent). */
  readonly maxMessageSize?: number;
  readonly logger?: Logger;
}

/** One simulated device. `port` is the bound port once started, the planned one before. */
export class DemoDevice {
  readonly host = DEMO_HOST;
  readonly community = DEMO_COMMUNITY;
  readonly communities: readonly string[] = [DEMO_COMMUNITY, DEMO_ALT_COMMUNITY];
  agent: RunningAgent | null = null;
  #port: number;

  constructor(
    readonly runtime: DemoDeviceRuntime,
    readonly view: MibView,
    plannedPort: number,
    readonly clock: () => number,
  ) {
    this.#port = plannedPort;
  }

  get name(): string {
    return this.runtime.name;
  }

  get role(): DeviceRole {
    return this.runtime.model.role;
  }

  get port(): number {
    return this.agent?.port ?? this.#port;
  }

  /** Simulates a reboot now: sysUpTime and all counters restart from 0. */
  reboot(): void {
    this.runtime.reboot(this.clock());
  }

  /** false = the agent stops answering (the poller sees timeouts); true = back to normal. */
  setResponding(responding: boolean): void {
    this.agent?.setResponding(responding);
  }

  async start(options: { maxMessageSize?: number; logger?: Logger } = {}): Promise<void> {
    if (this.agent !== null) return;
    const common = {
      host: DEMO_HOST,
      communities: this.communities,
      view: this.view,
      clock: this.clock,
      maxMessageSize: options.maxMessageSize,
      logger: options.logger,
    };
    try {
      this.agent = await startAgent({ ...common, port: this.#port });
    } catch (err) {
      // The planned port is taken (another demo, a test run): any free port will do.
      if (!isLinkscopeError(err, 'LS_SNMP_SOCKET') || this.#port === 0) throw err;
      this.agent = await startAgent({ ...common, port: 0 });
    }
    this.#port = this.agent.port;
  }

  async stop(): Promise<void> {
    const agent = this.agent;
    this.agent = null;
    await agent?.close();
  }
}

export interface DemoNetwork {
  readonly devices: readonly DemoDevice[];
  /** Epoch ms the network was created at: the counters' 32-bit wrap offsets are planned from it. */
  readonly startedAtMs: number;
  device(name: string): DemoDevice;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds one device's MIB view from the runtime model and its neighbours. */
export function buildDeviceView(dev: DemoDeviceRuntime, byName: ReadonlyMap<string, DemoDeviceRuntime>): MibView {
  const b = new MibViewBuilder();
  addSystem(b, dev);
  addIfMib(b, dev);
  addLldp(b, dev, byName);
  addCdp(b, dev, byName);
  addWireless(b, dev);
  addHealth(b, dev);
  return b.build();
}

export function createDemoNetwork(options: DemoNetworkOptions = {}, specs: readonly DemoDeviceSpec[] = DEMO_DEVICES): DemoNetwork {
  const clock = options.clock ?? Date.now;
  const basePort = options.basePort ?? DEMO_BASE_PORT;
  const startedAtMs = clock();
  const runtimes = buildRuntimes(specs, startedAtMs);
  const byName = new Map(runtimes.map((r) => [r.name, r]));
  const devices = runtimes.map((r, i) => new DemoDevice(r, buildDeviceView(r, byName), basePort === 0 ? 0 : basePort + i, clock));
  const index = new Map(devices.map((d) => [d.name, d]));
  return {
    devices,
    startedAtMs,
    device(name) {
      const d = index.get(name);
      if (d === undefined) throw new LinkscopeError('LS_DEVICE_NOT_FOUND', `no demo device named ${name}; known: ${[...index.keys()].join(', ')}`);
      return d;
    },
    async start() {
      try {
        // One after another: parallel binds would race for the same fallback ports needlessly.
        for (const d of devices) await d.start({ maxMessageSize: options.maxMessageSize, logger: options.logger });
      } catch (err) {
        await Promise.all(devices.map((d) => d.stop()));
        throw err;
      }
      options.logger?.info({ devices: devices.map((d) => `${d.name}@${d.host}:${d.port}`) }, 'demo network started');
    },
    async stop() {
      await Promise.all(devices.map((d) => d.stop()));
    },
  };
}

/** What `linkscope demo` adds to the inventory for each simulated device. */
export interface DemoDeviceDefinition {
  readonly name: string;
  readonly role: DeviceRole;
  readonly host: string;
  readonly port: number;
  readonly community: string;
  readonly version: '2c';
}

/** Device definitions for the inventory; call after start() so the ports are the bound ones. */
export function demoDeviceDefinitions(network: DemoNetwork): DemoDeviceDefinition[] {
  return network.devices.map((d) => ({ name: d.name, role: d.role, host: d.host, port: d.port, community: d.community, version: '2c' }));
}

/** The same definitions as inventory input (community wrapped in Secret). */
export function demoNewDevices(network: DemoNetwork): NewDevice[] {
  return demoDeviceDefinitions(network).map((d) => ({
    name: d.name,
    host: d.host,
    port: d.port,
    snmp: { version: d.version, community: new Secret(d.community) },
  }));
}
