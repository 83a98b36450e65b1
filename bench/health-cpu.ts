/**
 * Section 10: CPU per varbind of a poll with the health profiles beside the interface-only poll,
 * same session and agent: does reading CPU, memory and sensors cost more per varbind than IF-MIB,
 * and does a device without a health profile pay anything per poll?
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceDiscovery } from '../src/discovery/discover.js';
import { planHealth, pollHealth, type HealthPlan } from '../src/health/engine.js';
import { Secret } from '../src/model/secret.js';
import type { Device } from '../src/model/types.js';
import { healthPoints } from '../src/poller/health-points.js';
import { pollDevice, type CounterBaseline } from '../src/poller/poll-device.js';
import { NetSnmpClient } from '../src/snmp/net-snmp-client.js';
import type { SnmpSession } from '../src/snmp/types.js';
import { formatAndDiscard } from './lib/sinks.js';
import { withSnmpd } from '../test/helpers/with-snmpd.js';
import { withSnmpsim } from '../test/helpers/with-snmpsim.js';
import { cpuSecondsSince, median, num, printTable } from './lib/table.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'snmprec');

interface Agent {
  readonly label: string;
  readonly host: string;
  readonly port: number;
  readonly community: string;
}

interface Figures {
  readonly label: string;
  readonly profiles: readonly string[];
  /** Median CPU µs and wire varbinds of one interface-only poll (pollDevice + formatting as InfluxSink does). */
  readonly ifUs: number;
  readonly ifVarbinds: number;
  /** The same for the health part alone (pollHealth + healthPoints + formatting as InfluxSink does). */
  readonly healthUs: number;
  readonly healthVarbinds: number;
  readonly figures: string;
}

function device(agent: Agent): Device {
  const now = new Date().toISOString();
  return { id: 1, name: 'bench', host: agent.host, port: agent.port, snmp: { version: '2c', community: new Secret(agent.community) }, intervalMs: null, discoveredBy: null, site: 'default', createdAt: now, updatedAt: now };
}

async function measure(agent: Agent, repeats: number): Promise<Figures> {
  const client = new NetSnmpClient({ maxVarbindsPerRequest: 64 });
  const dev = device(agent);
  const session: SnmpSession = client.open({ host: agent.host, port: agent.port, credentials: dev.snmp, timeoutMs: 3000, retries: 1, maxRepetitions: 25 });
  try {
    let discovery: DeviceDiscovery | null = null;
    let baseline: CounterBaseline | null = null;
    const ifPoll = async (): Promise<void> => {
      const r = await pollDevice({ device: dev, session, discovery, discoveredAtMs: 0, baseline, rediscoverIntervalMs: Number.POSITIVE_INFINITY, nowMs: Date.now });
      discovery = r.discovery;
      baseline ??= r.baseline;
      formatAndDiscard(r.points);
    };
    await ifPoll();
    const d = discovery as DeviceDiscovery | null;
    if (d === null) throw new Error('no discovery');
    const plan: HealthPlan | null = await planHealth(session, { sysObjectID: d.system.sysObjectID, vendor: d.vendor, role: d.role });
    // As the poller does: each table asked for the rows it had at the last poll (+1).
    const rowHints = new Map<string, number>();
    const healthPoll = async (): Promise<number> => {
      if (plan === null) return 0;
      const report = await pollHealth(session, plan, { rowHints });
      formatAndDiscard(healthPoints('bench', report, Math.floor(Date.now() / 1000)));
      return report.processors.length + report.memory.length + report.sensors.length;
    };
    // Warm-up: the poller runs for days; the figure is its steady state.
    for (let i = 0; i < 10; i++) {
      await ifPoll();
      await healthPoll();
    }
    const ifCpu: number[] = [];
    const healthCpu: number[] = [];
    let ifVarbinds = 0;
    let healthVarbinds = 0;
    let count = 0;
    for (let i = 0; i < repeats; i++) {
      let before = session.stats.varbinds;
      let t0 = process.cpuUsage();
      await ifPoll();
      ifCpu.push(cpuSecondsSince(t0) * 1e6);
      ifVarbinds = session.stats.varbinds - before;
      before = session.stats.varbinds;
      t0 = process.cpuUsage();
      count = await healthPoll();
      healthCpu.push(cpuSecondsSince(t0) * 1e6);
      healthVarbinds = session.stats.varbinds - before;
    }
    return { label: agent.label, profiles: plan?.profiles ?? [], ifUs: median(ifCpu), ifVarbinds, healthUs: median(healthCpu), healthVarbinds, figures: String(count) };
  } finally {
    session.close();
  }
}

export interface HealthCpuResult {
  /** µs per varbind of interface + health polls over the interface-only figure, on the Cisco recording. */
  readonly ratio: number;
}

export async function runHealthCpu(options: { repeats?: number } = {}): Promise<HealthCpuResult> {
  const repeats = options.repeats ?? 9;
  const results: Figures[] = [];
  const notes: string[] = [];
  const recordings = ['health-cisco', 'health-ent'] as const;
  const sim = await withSnmpsim({ records: Object.fromEntries(recordings.map((r) => [r, readFileSync(join(FIXTURES, `${r}.snmprec`), 'utf8')])) });
  try {
    for (const r of recordings) results.push(await measure({ label: `snmpsimd ${r}`, host: sim.host, port: sim.port, community: r }, repeats));
    // A recording without health MIBs: planned to nothing, so nothing is read per poll.
    const none = readFileSync(join(FIXTURES, 'switch-hc.snmprec'), 'utf8');
    const plain = await withSnmpsim({ records: { 'switch-hc': none } });
    try {
      results.push(await measure({ label: 'snmpsimd switch-hc (no health MIB)', host: plain.host, port: plain.port, community: 'switch-hc' }, repeats));
    } finally {
      await plain.stop();
    }
  } finally {
    await sim.stop();
  }
  try {
    const snmpd = await withSnmpd();
    try {
      results.push(await measure({ label: 'Debian snmpd', host: snmpd.host, port: snmpd.port, community: snmpd.community }, repeats));
    } finally {
      await snmpd.stop();
    }
  } catch (err) {
    notes.push(`Debian snmpd: not measured (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }
  const rows = results.map((f) => {
    const ifPer = f.ifUs / Math.max(1, f.ifVarbinds);
    const both = (f.ifUs + f.healthUs) / Math.max(1, f.ifVarbinds + f.healthVarbinds);
    return [
      f.label,
      f.profiles.length === 0 ? '(none)' : f.profiles.join('+'),
      `${f.ifVarbinds} / ${f.healthVarbinds}`,
      f.figures,
      num(ifPer, 2),
      f.healthVarbinds > 0 ? num(f.healthUs / f.healthVarbinds, 2) : 'n/a',
      num(both, 2),
      `${num(f.ifUs / 1000, 2)} / ${num(f.healthUs / 1000, 2)}`,
    ];
  });
  printTable(
    `10. CPU per varbind with health profiles vs interface-only (median of ${repeats}, same session)`,
    ['agent', 'health profiles', 'varbinds if / health', 'health figures', 'if-only µs/vb', 'health µs/vb', 'if+health µs/vb', 'ms/poll if / health'],
    rows,
    [
      'if-only = pollDevice (scalars GET + IF-MIB walk + counter maths) + formatting as InfluxSink does; health = pollHealth (walkTable/GET of the planned profiles, joins, shaping) + healthPoints + the same formatting;',
      'varbinds = on the wire (session stats), including the rows past each column end. The agents run in other processes.',
      'A device no profile fits is planned once per discovery (one probe round) and reads nothing per poll: its health column is 0.',
      ...notes,
    ],
  );
  const cisco = results[0];
  const ratio = cisco === undefined ? Number.NaN : (cisco.ifUs + cisco.healthUs) / (cisco.ifVarbinds + cisco.healthVarbinds) / (cisco.ifUs / cisco.ifVarbinds);
  return { ratio };
}
