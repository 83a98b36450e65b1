/** Section 1: CPU per varbind of linkscope's poll path (walk + counter maths + line protocol) against snmpbulkwalk, same agent and device. */
import { spawn } from 'node:child_process';
import { IF } from '../src/discovery/oids.js';
import type { DeviceDiscovery } from '../src/discovery/discover.js';
import type { Device } from '../src/model/types.js';
import { Secret } from '../src/model/secret.js';
import { pollDevice, type CounterBaseline, type PollResult } from '../src/poller/poll-device.js';
import { NetSnmpClient } from '../src/snmp/net-snmp-client.js';
import type { SnmpSession } from '../src/snmp/types.js';
import { formatAndDiscard } from './lib/sinks.js';
import { AGENT_COMMUNITY, startAgentHost } from './lib/agent-host.js';
import { withSnmpd } from '../test/helpers/with-snmpd.js';
import { cpuSecondsSince, median, num, printTable, verdict } from './lib/table.js';

export const TARGET_RATIO = 1.5;
const SYNTHETIC_INTERFACES = 1000;
/** linkscope's default max-repetitions (config/defaults.ts). */
const MAX_REPETITIONS = 25;
/** Columns per GETBULK in walkColumns (NetSnmpClient default). */
const COLUMNS_PER_REQUEST = 10;
const SNMPBULKWALK = '/usr/bin/snmpbulkwalk';
/** A column no agent has: snmpbulkwalk's start-up plus one tiny exchange. */
const EMPTY_SUBTREE = '1.3.6.1.2.1.2.2.1.99';

interface Agent {
  readonly label: string;
  readonly host: string;
  readonly port: number;
  readonly community: string;
}

interface OursFigures {
  readonly discovery: DeviceDiscovery;
  /** In-column varbinds per poll: interfaces × poll columns (what snmpbulkwalk prints too). */
  readonly varbinds: number;
  /** Varbinds on the wire per poll, including the scalars GET and the rows past a column's end. */
  readonly wireVarbinds: number;
  readonly requests: number;
  /** Median CPU µs per poll. */
  readonly cpuUsPerPoll: number;
  readonly ratesComputed: boolean;
}

interface WalkFigures {
  /** Median CPU µs (children user + sys) of one snmpbulkwalk per column. */
  readonly cpuUsPerPoll: number;
  /** Median CPU µs of the same number of snmpbulkwalk processes on an empty subtree. */
  readonly startupUsPerPoll: number;
  readonly lines: number;
}

function benchDevice(agent: Agent): Device {
  const now = new Date().toISOString();
  return { id: 1, name: 'bench', host: agent.host, port: agent.port, snmp: { version: '2c', community: new Secret(agent.community) }, intervalMs: null, discoveredBy: null, site: 'default', createdAt: now, updatedAt: now };
}

/** Discovery, a baseline poll and warm-up polls (not measured), then `repeats` measured polls of the full poll path. */
async function measureOurs(agent: Agent, budget: number, repeats: number, warmups: number): Promise<OursFigures> {
  const client = new NetSnmpClient({ maxVarbindsPerRequest: budget });
  const device = benchDevice(agent);
  const session: SnmpSession = client.open({
    host: agent.host,
    port: agent.port,
    credentials: device.snmp,
    timeoutMs: 2000,
    retries: 1,
    maxRepetitions: MAX_REPETITIONS,
  });
  try {
    let discovery: DeviceDiscovery | null = null;
    let baseline: CounterBaseline | null = null;
    let last: PollResult | null = null;
    const poll = async (): Promise<PollResult> => {
      const r = await pollDevice({ device, session, discovery, discoveredAtMs: 0, baseline, rediscoverIntervalMs: Number.POSITIVE_INFINITY, nowMs: Date.now });
      discovery = r.discovery;
      // The first poll's readings stay the baseline: back-to-back polls are closer than the 0.5 s
      // counters.ts needs for a rate, and a rate against an older baseline costs the same.
      baseline ??= r.baseline;
      return r;
    };
    last = await poll();
    await new Promise((resolve) => setTimeout(resolve, 600));
    for (let i = 0; i < warmups; i++) {
      last = await poll();
      formatAndDiscard(last.points);
    }
    const cpu: number[] = [];
    let wire = 0;
    let requests = 0;
    for (let i = 0; i < repeats; i++) {
      const before = { ...session.stats };
      const t0 = process.cpuUsage();
      last = await poll();
      formatAndDiscard(last.points);
      cpu.push(cpuSecondsSince(t0) * 1e6);
      wire = session.stats.varbinds - before.varbinds;
      requests = session.stats.requests - before.requests;
      if (last.rediscovered) throw new Error(`the ${agent.label} re-discovered during a measured poll; the figure would not be a poll`);
    }
    const disc = last?.discovery;
    if (disc === undefined) throw new Error('no poll ran');
    return {
      discovery: disc,
      varbinds: disc.interfaces.length * disc.pollColumns.length,
      wireVarbinds: wire,
      requests,
      cpuUsPerPoll: median(cpu),
      ratesComputed: last?.interfaces.some((i) => i.inBps !== null) ?? false,
    };
  } finally {
    session.close();
  }
}

/** Runs a bash loop of snmpbulkwalk processes and reads their CPU from bash's `times` (children, ms resolution). */
export function runBash(script: string, args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script, 'bench', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MIBS: '', MIBDIRS: '/nonexistent' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString('utf8')).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`snmpbulkwalk loop failed (${code ?? signal}): ${err.trim() || out.slice(-500)}`));
    });
  });
}

const SECONDS = /([0-9]+)m([0-9.]+)s/g;

/** CPU µs of the children per repeat, from cumulative `times` lines (second line of each pair). */
export function childCpuPerRepeat(out: string): number[] {
  const lines = out.trim().split('\n');
  const totals: number[] = [];
  for (let i = 1; i < lines.length; i += 2) {
    let us = 0;
    for (const m of (lines[i] as string).matchAll(SECONDS)) us += (Number(m[1]) * 60 + Number(m[2])) * 1e6;
    totals.push(us);
  }
  return totals.map((t, i) => t - (i === 0 ? 0 : (totals[i - 1] as number)));
}

/** One snmpbulkwalk per poll column, `-Cr<reps> -On -Oq`, output to /dev/null; `repeats` times. */
async function measureSnmpbulkwalk(agent: Agent, columns: readonly string[], reps: number, repeats: number): Promise<WalkFigures> {
  const walk = `${SNMPBULKWALK} -v2c -c "$C" -Cr"$R" -On -Oq -m "" -M /nonexistent -t 2 -r 1 "$A"`;
  const loop = `C=$1; R=$2; A=$3; N=$4; shift 4
for ((i = 0; i < N; i++)); do for o in "$@"; do ${walk} "$o" > /dev/null || exit 1; done; times; done`;
  const base = [agent.community, String(reps), `${agent.host}:${agent.port}`];
  const count = await runBash(`C=$1; R=$2; A=$3; shift 3; for o in "$@"; do ${walk} "$o" || exit 1; done | grep -c -v "No more variables left"`, [...base, ...columns], 30_000);
  const walks = childCpuPerRepeat(await runBash(loop, [...base, String(repeats), ...columns], 60_000));
  const empty = childCpuPerRepeat(await runBash(loop, [...base, String(repeats), ...columns.map(() => EMPTY_SUBTREE)], 60_000));
  return { cpuUsPerPoll: median(walks), startupUsPerPoll: median(empty), lines: Number(count.trim()) };
}

export interface PollCpuResult {
  readonly ratio: number;
  readonly ok: boolean;
}

/** Prints the section's table; returns the headline ratio (synthetic device, default budget, start-up excluded). */
export async function runPollCpu(options: { repeats?: number } = {}): Promise<PollCpuResult> {
  const repeats = options.repeats ?? 9;
  const rows: string[][] = [];
  const notes: string[] = [];
  let headline: PollCpuResult = { ratio: Number.NaN, ok: false };

  const compare = async (agent: Agent, budget: number, ourRepeats: number, walkRepeats: number, judged: boolean): Promise<void> => {
    // Ten warm-up polls: the poller runs for days, so the figure is its steady state (JIT-compiled,
    // heap sized), not the first polls after start-up.
    const ours = await measureOurs(agent, budget, ourRepeats, 10);
    // snmpbulkwalk gets the same varbinds per GETBULK as linkscope's requests carry at most.
    const reps = Math.min(budget, MAX_REPETITIONS * COLUMNS_PER_REQUEST);
    const columns = ours.discovery.pollColumns.map((c) => IF[c].oid);
    const theirs = await measureSnmpbulkwalk(agent, columns, reps, walkRepeats);
    if (theirs.lines !== ours.varbinds) notes.push(`${agent.label}: snmpbulkwalk printed ${theirs.lines} lines, linkscope read ${ours.varbinds} varbinds`);
    if (!ours.ratesComputed) notes.push(`${agent.label}: no rates were computed; the poll path was not complete`);
    const oursUs = ours.cpuUsPerPoll / ours.varbinds;
    const walkUs = theirs.cpuUsPerPoll / theirs.lines;
    // When start-up is most of snmpbulkwalk's CPU (a small table), the difference is within the
    // ms resolution of `times` and means nothing: no walk-only figure then.
    const walkCpuUs = theirs.cpuUsPerPoll - theirs.startupUsPerPoll;
    const walkOnlyUs = walkCpuUs > 0.2 * theirs.cpuUsPerPoll ? walkCpuUs / theirs.lines : 0;
    const ratio = oursUs / walkOnlyUs;
    const ok = ratio <= TARGET_RATIO;
    if (judged) headline = { ratio, ok };
    rows.push([
      agent.label,
      `${ours.discovery.interfaces.length}×${ours.discovery.pollColumns.length}`,
      String(budget),
      `${num(ours.varbinds / ours.requests, 0)}/${reps}`,
      num(ours.cpuUsPerPoll / 1000, 1),
      `${num(theirs.cpuUsPerPoll / 1000, 0)} (${num(theirs.startupUsPerPoll / 1000, 0)})`,
      num(oursUs, 2),
      walkOnlyUs > 0 ? num(walkOnlyUs, 2) : 'n/a',
      walkOnlyUs > 0 ? `${num(ratio, 2)}×` : 'n/a',
      `${num(oursUs / walkUs, 2)}×`,
      judged ? verdict(ok) : 'info',
    ]);
  };

  const host = await startAgentHost({ devices: 1, interfaces: SYNTHETIC_INTERFACES });
  try {
    const agent: Agent = { label: `synthetic agent`, host: host.host, port: host.ports[0] as number, community: AGENT_COMMUNITY };
    await compare(agent, 64, repeats, repeats, true);
    await compare(agent, 256, repeats, repeats, false);
  } finally {
    await host.stop();
  }

  try {
    const snmpd = await withSnmpd();
    try {
      // A few host interfaces only: fixed per-poll and per-process costs dominate; more repeats.
      await compare({ label: 'Debian snmpd', host: snmpd.host, port: snmpd.port, community: snmpd.community }, 64, 5 * repeats, repeats, false);
    } finally {
      await snmpd.stop();
    }
  } catch (err) {
    notes.push(`Debian snmpd: not measured (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }

  printTable(
    `1. CPU per varbind: linkscope poll path vs snmpbulkwalk (median of ${repeats}; target ≤ ${TARGET_RATIO}× of snmpbulkwalk without its process start-up)`,
    ['agent', 'ifs×cols', 'budget', 'vb/req ours/walk', 'ours ms/poll', 'walk ms/poll (start-up)', 'ours µs/vb', 'walk-only µs/vb', 'ratio', 'ratio incl. start-up', 'target'],
    rows,
    [
      'ours = process.cpuUsage() of pollDevice (scalars GET + walkColumnsPacked + counter maths with a baseline, so rates) + formatting as InfluxSink does (bench/lib/sinks.ts formatLikeSink);',
      'walk = user+sys CPU of one `snmpbulkwalk -v2c -Cr<reps> -On -Oq` per poll column (bash `times`), output to /dev/null;',
      'walk-only = walk minus the same number of snmpbulkwalk runs on an empty subtree (process start-up); n/a when start-up is > 80 % of it.',
      'Agents run in other processes. snmpd serves only this host\'s few interfaces: fixed per-poll and per-process costs dominate that row.',
      ...notes,
    ],
  );
  return headline;
}
