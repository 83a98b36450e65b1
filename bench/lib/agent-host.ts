/** Synthetic SNMP agents (src/demo/agent) served from a child process, so their CPU is never counted as the poller's. */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { syntheticDevice } from '../../src/demo/agent/synthetic.js';
import { startAgent, type RunningAgent } from '../../src/demo/agent/snmp-agent.js';
import { spawnTracked, waitForLine } from './procs.js';

export const AGENT_COMMUNITY = 'public';

export interface AgentHost {
  readonly host: string;
  readonly ports: readonly number[];
  readonly interfaces: number;
  /** Stops the agents and the child; resolves with what the agents served. Safe to call twice. */
  stop(): Promise<AgentHostStats>;
}

export interface AgentHostStats {
  /** CPU seconds (user + system) the agent process used in its lifetime; NaN when it had to be killed. */
  readonly cpuSeconds: number;
  readonly varbinds: number;
}

/**
 * Starts `devices` agents (one UDP port each, all serving the same synthetic `interfaces`-port
 * device with HC counters) in one child node process. Bounded: 30 s to start.
 */
export async function startAgentHost(options: { devices: number; interfaces: number }): Promise<AgentHost> {
  const script = fileURLToPath(import.meta.url);
  const t = spawnTracked(process.execPath, [script, 'serve', String(options.devices), String(options.interfaces)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let ports: number[];
  try {
    const m = await waitForLine(t, /^ports=(\[[0-9,]*\])$/, 30_000, 'the synthetic agent host');
    ports = JSON.parse(m[1] as string) as number[];
  } catch (err) {
    await t.stop();
    throw err;
  }
  let stopped: Promise<AgentHostStats> | null = null;
  return {
    host: '127.0.0.1',
    ports,
    interfaces: options.interfaces,
    stop() {
      stopped ??= (async () => {
        const stats = waitForLine(t, /^stats=(\{.*\})$/, 3000, 'the synthetic agent host').then(
          (m) => JSON.parse(m[1] as string) as AgentHostStats,
          () => ({ cpuSeconds: Number.NaN, varbinds: Number.NaN }),
        );
        t.child.stdin?.end('stop\n');
        const result = await stats;
        await t.stop();
        return result;
      })();
      return stopped;
    },
  };
}

/** Child side: start the agents, print their ports, stop on "stop" or when the parent goes away (stdin closes). */
async function serve(devices: number, interfaces: number): Promise<void> {
  // One view for every agent: a MibView is read-only, and 50 copies of a 200-port device would only cost start-up time.
  const view = syntheticDevice({ interfaces, hc: true });
  const agents: RunningAgent[] = [];
  for (let i = 0; i < devices; i++) {
    agents.push(await startAgent({ view, community: AGENT_COMMUNITY, maxMessageSize: 65000, host: '127.0.0.1', port: 0 }));
  }
  process.stdout.write(`ports=${JSON.stringify(agents.map((a) => a.port))}\n`);
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await Promise.all(agents.map((a) => a.close()));
    const cpu = process.cpuUsage();
    const varbinds = agents.reduce((sum, a) => sum + a.stats.varbinds, 0);
    process.stdout.write(`stats=${JSON.stringify({ cpuSeconds: (cpu.user + cpu.system) / 1e6, varbinds })}\n`, () => process.exit(0));
  };
  process.stdin.on('data', () => void stop());
  process.stdin.on('end', () => void stop());
  process.once('SIGTERM', () => void stop());
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2] === 'serve') {
  await serve(Number(process.argv[3]), Number(process.argv[4]));
}
