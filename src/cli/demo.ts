/** `linkscope demo`: serve against the built-in simulated network and print what it polls. */
import { join } from 'node:path';
import { lockDataDirFor, openInventoryFor, startServer, waitForStopSignal } from '../app.js';
import type { Config } from '../config/index.js';
import { createDemoNetwork, demoNewDevices } from '../demo/network.js';
import { findInfluxd, influxAnswers, startPrivateInfluxd, type PrivateInfluxd } from '../demo/private-influxd.js';
import type { DeviceState } from '../model/types.js';
import type { Link, LinkEnd } from '../model/topology.js';
import type { Logger } from '../observability/logger.js';
import { CONFIG_OPTION, configFor, EXIT_OK, parse, quietLogger, table, usageError, warnTo, write, type CommandContext } from './common.js';

export const DEMO_HELP = `Usage: linkscope demo [--base-port N] [--interval 10s] [--no-influxd] [--config FILE]

Starts ten simulated SNMP agents on 127.0.0.1 (2 routers, 3 access switches, 2 wireless APs,
a wireless controller, a point-to-point radio pair; wired by LLDP/CDP, with moving counters), adds them to a demo inventory in <dataDir>/demo and
runs 'serve' against them: poller + REST API + web map at / (LINKSCOPE_LISTEN). Samples go to InfluxDB
(LINKSCOPE_INFLUX_URL). When none answers there and an influxd binary is on PATH, the demo starts
a private one on a free 127.0.0.1 port with its data in <dataDir>/demo/influxd, and stops it on
exit (--no-influxd: don't); otherwise samples are spooled and the demo keeps running.
A summary of what was polled is printed after every round. Ctrl-C stops it.`;

const DEMO_INTERVAL_MS = 10_000;

export async function demoCommand(ctx: CommandContext): Promise<number> {
  const { values } = parse(ctx.argv, { ...CONFIG_OPTION, 'base-port': { type: 'string' }, interval: { type: 'string' }, 'no-influxd': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, false, 'demo');
  if (values.help === true) {
    write(ctx.stdout, DEMO_HELP);
    return EXIT_OK;
  }
  const basePort = values['base-port'] === undefined ? undefined : Number(values['base-port']);
  if (basePort !== undefined && (!Number.isInteger(basePort) || basePort < 1024 || basePort > 65000)) throw usageError('--base-port must be 1024-65000');
  const intervalMs = values.interval === undefined ? DEMO_INTERVAL_MS : parseSeconds(values.interval);
  const base = configFor(values.config, ctx.env, warnTo(ctx.stderr));
  // The demo keeps its own inventory and counter state, so it never mixes with real devices: its own
  // SQLite under dataDir even when database.url names a fleet's PostgreSQL.
  let config: Config = { ...base, dataDir: join(base.dataDir, 'demo'), database: { url: null } };
  // Logs go to stderr so stdout stays a readable summary; the summary itself reports device and
  // InfluxDB trouble (once per change), so only errors are logged unless LINKSCOPE_LOG_LEVEL says more.
  const logger = quietLogger(config, ctx.env, 'error');

  // Before anything else: a second demo must not rewrite the running one's inventory with its own ports.
  const lock = lockDataDirFor(config, 'linkscope demo');
  const network = createDemoNetwork(basePort === undefined ? {} : { basePort });
  let influxd: PrivateInfluxd | null = null;
  try {
    if (values['no-influxd'] !== true && !(await influxAnswers(config.influx.url))) {
      const binary = findInfluxd(ctx.env['PATH']);
      if (binary !== null) {
        // History out of the box: the utilisation route and the README's queries work at once.
        influxd = await startPrivateInfluxd(binary, join(config.dataDir, 'influxd'));
        write(ctx.stdout, `no InfluxDB answers at ${config.influx.url}: started a private influxd (${binary}, pid ${influxd.pid}) on ${influxd.url}, data in ${influxd.dir}; it stops with the demo`);
        config = { ...config, influx: { ...config.influx, url: influxd.url } };
      }
    }
    await network.start();
    await addDemoDevices(config, logger, network, intervalMs);
    const server = await startServer(config, logger);
    write(ctx.stdout, `linkscope demo: ${network.devices.length} simulated devices on 127.0.0.1 (ports ${network.devices.map((d) => d.port).join(', ')})`);
    write(ctx.stdout, `map: ${server.url}/   REST API: ${server.url}/api/v1/devices   docs: ${server.url}/docs   InfluxDB: ${config.influx.url} db ${config.influx.db}`);
    write(ctx.stdout, `polling every ${intervalMs / 1000}s; Ctrl-C to stop\n`);
    let announcedInflux: string | null = null;
    const timer = setInterval(() => {
      const status = server.runtime.sink.status();
      if (status.influx !== announcedInflux) {
        announcedInflux = status.influx;
        write(
          ctx.stdout,
          status.influx === 'ok'
            ? `InfluxDB ${config.influx.url}: writing`
            : `InfluxDB ${config.influx.url} is not reachable: samples are spooled in ${config.dataDir}/spool and sent when it is back`,
        );
      }
      write(ctx.stdout, summary(server.runtime.state.list(), new Map(server.runtime.inventory.list().map((d) => [d.id, d.name])), server.runtime.topology.links(Date.now())));
    }, intervalMs);
    timer.unref();
    await waitForStopSignal(logger);
    clearInterval(timer);
    await server.close();
  } finally {
    await network.stop();
    await influxd?.stop();
    lock.release();
  }
  logger.flush();
  return EXIT_OK;
}

function parseSeconds(text: string): number {
  const m = /^(\d+)s$/.exec(text);
  const n = m === null ? NaN : Number(m[1]);
  if (!(n >= 1 && n <= 3600)) throw usageError(`--interval ${text}: use seconds, e.g. 10s (1s-3600s)`);
  return n * 1000;
}

/** Puts the simulated devices into the demo inventory, following their (possibly new) ports. */
async function addDemoDevices(config: Config, logger: Logger, network: ReturnType<typeof createDemoNetwork>, intervalMs: number): Promise<void> {
  const inventory = await openInventoryFor(config, logger);
  try {
    for (const d of demoNewDevices(network)) {
      const existing = d.name === undefined ? undefined : inventory.find(d.name);
      if (existing === undefined) await inventory.add({ ...d, intervalMs });
      else if (existing.port !== d.port || existing.host !== d.host || existing.intervalMs !== intervalMs) await inventory.update(existing.id, { host: d.host, port: d.port ?? 161, snmp: d.snmp, intervalMs });
    }
  } finally {
    await inventory.close();
  }
}

function pct(v: number | null): string {
  return v === null ? '-' : `${v.toFixed(1)}%`;
}

/** One line per device plus the busiest interfaces, the ports that are down but should be up, and the LLDP/CDP links. */
export function summary(states: readonly DeviceState[], names: ReadonlyMap<number, string>, links: readonly Link[] = []): string {
  const rows = states
    .slice()
    .sort((a, b) => a.deviceId - b.deviceId)
    .map((s) => {
      const up = s.interfaces.filter((i) => i.operStatus === 'up').length;
      const hot = s.interfaces.reduce<{ name: string; u: number } | null>((best, i) => {
        const u = Math.max(i.inUtilization ?? -1, i.outUtilization ?? -1);
        return u >= 0 && (best === null || u > best.u) ? { name: i.ifName, u } : best;
      }, null);
      return [
        names.get(s.deviceId) ?? String(s.deviceId),
        s.status,
        s.role ?? '-',
        s.vendor ?? '-',
        `${up}/${s.interfaces.length}`,
        hot === null ? '-' : `${hot.name} ${pct(hot.u)}`,
        s.lastError === null ? '' : s.lastError.message,
      ];
    });
  const down = states.flatMap((s) =>
    s.interfaces.filter((i) => i.adminStatus === 'up' && i.operStatus !== 'up').map((i) => `${names.get(s.deviceId) ?? s.deviceId} ${i.ifName}${i.ifAlias === '' ? '' : ` (${i.ifAlias})`}`),
  );
  const time = new Date().toISOString().slice(11, 19);
  const end = (e: LinkEnd): string => `${e.device} ${e.ifName ?? '?'}`;
  const linksDown = links.filter((l) => l.status === 'down').map((l) => `${end(l.a)} - ${end(l.b)}`);
  const topology = links.length === 0 ? '' : `topology: ${links.length} links, ${linksDown.length} down${linksDown.length === 0 ? '' : `: ${linksDown.join(', ')}`}\n`;
  return `${time}\n${table(['DEVICE', 'STATUS', 'ROLE', 'VENDOR', 'IF UP', 'BUSIEST INTERFACE', 'ERROR'], rows)}\nports down (admin up, oper down): ${down.length === 0 ? 'none' : down.join(', ')}\n${topology}`;
}
