/**
 * Section 0 (headline): CPU per varbind of the whole built `linkscope serve` process (all threads),
 * as a user runs it — real `snmpd` agents with 49 interfaces each, a real `influxd`, 5 s polls —
 * against `snmpbulkwalk` walking ifTable + ifXTable of the same agents in the same run.
 *
 * Everything runs inside a network namespace this section creates (needs root / CAP_NET_ADMIN):
 * 24 veth pairs give every agent 48 interfaces + lo, and all traffic stays on the namespace's
 * 127.0.0.0/8 loopback. The section re-executes this file inside the namespace (`--inner`); the
 * outer process only creates and always deletes the namespace and kills what is left in it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort } from '../test/helpers/free-port.js';
import { startInfluxd, type InfluxdHandle } from '../test/helpers/with-influxd.js';
import { waitForAgent } from '../test/helpers/with-snmpd.js';
import { childCpuPerRepeat, runBash } from './poll-cpu.js';
import { spawnTracked, type TrackedChild } from './lib/procs.js';
import { median, num, printTable, verdict } from './lib/table.js';

/** Issue 14's goal: whole process, default configuration, live InfluxDB. */
export const TARGET_SERVE_RATIO = 1.5;

const COMMUNITY = 'public';
const TOKEN = 'bench-serve-cpu-T0ken';
const VETH_PAIRS = 24; // 48 interfaces + lo per agent
const SNMPBULKWALK = '/usr/bin/snmpbulkwalk';
/** IF-MIB::ifTable and IF-MIB::ifXTable. */
const IF_TABLE = '1.3.6.1.2.1.2.2';
const IF_X_TABLE = '1.3.6.1.2.1.31.1.1';
/** A subtree no agent has: snmpbulkwalk's start-up plus one tiny exchange. */
const EMPTY_SUBTREE = '1.3.6.1.4.1.99999.1';
/** linkscope's default GETBULK budget (snmp.maxVarbindsPerRequest); snmpbulkwalk gets the same per request. */
const REPETITIONS = 64;
const RESULT_PREFIX = 'SERVE_CPU_RESULT ';

interface Knobs {
  readonly agentCounts: readonly number[];
  readonly warmupMs: number;
  readonly windowMs: number;
  readonly walkRepeats: number;
  /** Another build's `src/cli/main.js` (BENCH_SERVE_COMPARE) measured beside this one, live influxd, each agent count. */
  readonly compareBin: string | null;
  /** A/B alternations per agent count with a compare build (BENCH_SERVE_ROUNDS, default 1): A B, then B A, … */
  readonly rounds: number;
  /** BENCH_SERVE_SKIP=unreachable,idle leaves those runs out (quicker A/B rounds). */
  readonly skip: ReadonlySet<string>;
  /** Warm-up of the idle run (BENCH_SERVE_IDLE_WARMUP_SECONDS, default 60): V8 runs a memory-reducing full GC ≈ 20–30 s after the start-up burst. */
  readonly idleWarmupMs: number;
}

function knobs(): Knobs {
  const counts = (process.env['BENCH_SERVE_AGENTS'] ?? '20,60').split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0 && n <= 250);
  return {
    agentCounts: counts.length > 0 ? counts : [20, 60],
    warmupMs: Number(process.env['BENCH_SERVE_WARMUP_SECONDS'] ?? 10) * 1000,
    windowMs: Number(process.env['BENCH_SERVE_SECONDS'] ?? 20) * 1000,
    walkRepeats: Number(process.env['BENCH_SERVE_WALK_REPEATS'] ?? 5),
    compareBin: process.env['BENCH_SERVE_COMPARE'] ?? null,
    rounds: Math.max(1, Math.min(10, Math.floor(Number(process.env['BENCH_SERVE_ROUNDS'] ?? 1)) || 1)),
    skip: new Set((process.env['BENCH_SERVE_SKIP'] ?? '').split(',').map((s) => s.trim())),
    idleWarmupMs: Number(process.env['BENCH_SERVE_IDLE_WARMUP_SECONDS'] ?? 60) * 1000,
  };
}

interface ServeRun {
  readonly label: string;
  /** live: a running influxd; unreachable: nothing listens (points formatted and spooled); idle: interval 1 h. */
  readonly kind: 'live' | 'unreachable' | 'idle' | 'compare';
  readonly agents: number;
  readonly cpuS: number;
  /** Of cpuS, the main (JavaScript) thread's; the rest is V8's GC and compiler threads and the libuv pool. */
  readonly mainCpuS: number;
  readonly varbinds: number;
  readonly polls: number;
  readonly failures: number;
  readonly windowS: number;
}

interface WalkFigures {
  readonly usPerVarbind: number;
  readonly usPerVarbindNoStartup: number;
  readonly varbindsPerAgent: number;
}

export interface ServeCpuResult {
  /** Whole-process µs per varbind ÷ snmpbulkwalk's (without its process start-up), first agent count, live InfluxDB. */
  readonly ratio: number;
  readonly ok: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const agentHost = (i: number): string => `127.0.1.${i + 1}`;

const CLK_TCK = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of the whole process (every thread, Linux `/proc/<pid>/stat` fields 14–15), seconds; of the main thread alone with `mainThread`. */
function processCpuS(pid: number, mainThread = false): number {
  const stat = readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // fields 14 and 15, after pid and comm
}

// ---------------------------------------------------------------- inside the namespace

async function startSnmpd(i: number, dirs: string[]): Promise<TrackedChild> {
  const dir = mkdtempSync(join(tmpdir(), 'linkscope-bench-snmpd-'));
  dirs.push(dir);
  const conf = join(dir, 'snmpd.conf');
  const log = join(dir, 'snmpd.log');
  writeFileSync(conf, [`rocommunity ${COMMUNITY} 127.0.0.0/8`, `sysName bench-agent-${i}`, 'dontLogTCPWrappersConnects yes', ''].join('\n'));
  const t = spawnTracked('/usr/sbin/snmpd', ['-f', '-C', '-c', conf, '-Lf', log, '-M', dir, '-m', '', '-p', join(dir, 'snmpd.pid'), `udp:${agentHost(i)}:161`], {
    env: { ...process.env, SNMP_PERSISTENT_DIR: join(dir, 'persist'), MIBS: '', MIBDIRS: dir },
  });
  await waitForAgent(t.child, agentHost(i), 161, COMMUNITY, `snmpd ${i}`, 100, 150, log);
  return t;
}

const OWN_BIN = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

async function startServe(dir: string, influxUrl: string, intervalMs: number, bin: string): Promise<{ t: TrackedChild; base: string }> {
  const port = await freePort();
  // BENCH_SERVE_NODE_ARGS: extra node flags for the serve process only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (not allowed in NODE_OPTIONS);
  // BENCH_SERVE_COMPARE_NODE_ARGS: node flags for the BENCH_SERVE_COMPARE build only (A/B of a flag: compare = this build + the flag).
  const flagsVar = bin === OWN_BIN ? 'BENCH_SERVE_NODE_ARGS' : 'BENCH_SERVE_COMPARE_NODE_ARGS';
  const nodeArgs = (process.env[flagsVar] ?? '').split(' ').filter((a) => a !== '');
  const t = spawnTracked(process.execPath, [...nodeArgs, bin, 'serve'], {
    env: {
      ...process.env,
      LINKSCOPE_DATA_DIR: join(dir, 'data'),
      LINKSCOPE_SECRET_KEY_FILE: join(dir, 'key', 'secret.key'),
      LINKSCOPE_LISTEN: `127.0.0.1:${port}`,
      LINKSCOPE_API_TOKEN: TOKEN,
      LINKSCOPE_POLL_INTERVAL: `${intervalMs}ms`,
      LINKSCOPE_INFLUX_URL: influxUrl,
      LINKSCOPE_LOG_LEVEL: 'error',
    },
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i += 1) {
    if (t.child.exitCode !== null) throw new Error(`linkscope serve exited (${t.child.exitCode}):\n${t.tail()}`);
    if (await fetch(`${base}/health`).then((r) => r.status < 500, () => false)) return { t, base };
    await sleep(250);
  }
  await t.stop();
  throw new Error(`linkscope serve did not answer ${base}/health within 30 s:\n${t.tail()}`);
}

async function api(base: string, method: string, path: string, body?: unknown): Promise<string> {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return text;
}

/** Sum of one unlabelled-or-labelled counter family in Prometheus text. */
function metric(text: string, family: string): number {
  let total = 0;
  for (const m of text.matchAll(new RegExp(`^${family}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'gm'))) total += Number(m[1]);
  return total;
}

/** One serve run: add `agents` devices, wait until all are up, warm up, then count CPU and varbinds over the window. */
async function measureServe(label: string, kind: ServeRun['kind'], agents: number, influxUrl: string, intervalMs: number, warmupMs: number, windowMs: number, bin = OWN_BIN): Promise<ServeRun> {
  const dir = mkdtempSync(join(tmpdir(), 'linkscope-bench-serve-cpu-'));
  let serve: { t: TrackedChild; base: string } | null = null;
  try {
    serve = await startServe(dir, influxUrl, intervalMs, bin);
    const { t, base } = serve;
    for (let i = 0; i < agents; i += 1) {
      await api(base, 'POST', '/devices', { host: agentHost(i), port: 161, name: `agent-${i}`, snmp: { version: '2c', community: COMMUNITY } });
    }
    // Bounded: every device discovered and answering within 60 s.
    for (let i = 0; ; i += 1) {
      const up = JSON.parse(await api(base, 'GET', '/devices?status=up')) as unknown[];
      if (up.length >= agents) break;
      if (i >= 240) throw new Error(`${label}: only ${up.length} of ${agents} devices up after 60 s:\n${t.tail()}`);
      await sleep(250);
    }
    await sleep(warmupMs);
    const pid = t.child.pid ?? -1;
    const m0 = await api(base, 'GET', '/metrics');
    const cpu0 = processCpuS(pid);
    const main0 = processCpuS(pid, true);
    const t0 = performance.now();
    await sleep(windowMs);
    const cpu1 = processCpuS(pid);
    const main1 = processCpuS(pid, true);
    const t1 = performance.now();
    const m1 = await api(base, 'GET', '/metrics');
    const delta = (family: string): number => metric(m1, family) - metric(m0, family);
    return {
      label,
      kind,
      agents,
      cpuS: cpu1 - cpu0,
      mainCpuS: main1 - main0,
      varbinds: delta('linkscope_varbinds_total'),
      polls: delta('linkscope_polls_total'),
      failures: delta('linkscope_poll_failures_total'),
      windowS: (t1 - t0) / 1000,
    };
  } finally {
    await serve?.t.stop(20_000);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** snmpbulkwalk of ifTable + ifXTable (`-Cr64`), each of `hosts` in turn, `repeats` times; CPU from bash `times`. */
async function measureWalk(hosts: readonly string[], repeats: number): Promise<WalkFigures> {
  const walk = `${SNMPBULKWALK} -v2c -c "$C" -Cr${REPETITIONS} -On -Oq -m "" -M /nonexistent -t 2 -r 1`;
  const loop = `C=$1; N=$2; T1=$3; T2=$4; shift 4
for ((i = 0; i < N; i++)); do for a in "$@"; do ${walk} "$a" "$T1" > /dev/null || exit 1; ${walk} "$a" "$T2" > /dev/null || exit 1; done; times; done`;
  const count = await runBash(`C=$1; A=$2; { ${walk} "$A" ${IF_TABLE}; ${walk} "$A" ${IF_X_TABLE}; } | grep -c -v "No more variables left"`, [COMMUNITY, hosts[0] as string], 30_000);
  const varbindsPerAgent = Number(count.trim());
  const walks = childCpuPerRepeat(await runBash(loop, [COMMUNITY, String(repeats), IF_TABLE, IF_X_TABLE, ...hosts], 120_000));
  const empty = childCpuPerRepeat(await runBash(loop, [COMMUNITY, String(repeats), EMPTY_SUBTREE, EMPTY_SUBTREE, ...hosts], 120_000));
  const perRepeat = varbindsPerAgent * hosts.length;
  return {
    usPerVarbind: median(walks) / perRepeat,
    usPerVarbindNoStartup: (median(walks) - median(empty)) / perRepeat,
    varbindsPerAgent,
  };
}

interface InnerResult {
  readonly runs: readonly ServeRun[];
  readonly walk: WalkFigures;
  readonly idle: ServeRun | null;
}

async function inner(): Promise<void> {
  const k = knobs();
  execFileSync('ip', ['link', 'set', 'lo', 'up']);
  const maxAgents = Math.max(...k.agentCounts);
  const dirs: string[] = [];
  const agents: TrackedChild[] = [];
  let influxd: InfluxdHandle | null = null;
  try {
    influxd = await startInfluxd();
    for (let i = 0; i < maxAgents; i += 10) {
      const batch = Array.from({ length: Math.min(10, maxAgents - i) }, (_, j) => startSnmpd(i + j, dirs));
      agents.push(...(await Promise.all(batch)));
    }
    const dead = `http://127.0.0.1:${await freePort()}`; // nothing listens: samples are formatted and spooled
    const runs: ServeRun[] = [];
    const liveUrl = influxd.url;
    const compareBin = k.compareBin;
    for (const n of k.agentCounts) {
      const own = (): Promise<ServeRun> => measureServe(`${n} agents, live influxd`, 'live', n, liveUrl, 5000, k.warmupMs, k.windowMs);
      if (compareBin === null) {
        runs.push(await own());
        continue;
      }
      // A/B in the same run (the VM is shared): the other build right after, same agents and influxd;
      // with several rounds the order alternates (A B, B A, …) so neither build always goes first.
      const other = (): Promise<ServeRun> => measureServe(`${n} agents, live influxd, BENCH_SERVE_COMPARE build`, 'compare', n, liveUrl, 5000, k.warmupMs, k.windowMs, compareBin);
      for (let round = 0; round < k.rounds; round += 1) {
        if (round % 2 === 0) runs.push(await own(), await other());
        else runs.push(await other(), await own());
      }
    }
    const first = k.agentCounts[0] as number;
    if (!k.skip.has('unreachable')) runs.push(await measureServe(`${first} agents, InfluxDB unreachable (spool)`, 'unreachable', first, dead, 5000, k.warmupMs, k.windowMs));
    // Idle: the first poll of each device happens on add; at 1 h nothing is due in the window. The longer
    // warm-up lets the start-up settle: V8's memory reducer runs one full GC of the discovery garbage
    // ≈ 20–30 s after it (0.3–0.5 CPU s/min in a window right after a 10 s warm-up; 0.02 after 60 s).
    const idle = k.skip.has('idle') ? null : await measureServe(`${first} agents, interval 1 h (idle)`, 'idle', first, influxd.url, 3_600_000, k.idleWarmupMs, k.windowMs);
    const walk = await measureWalk(Array.from({ length: Math.min(first, 5) }, (_, i) => agentHost(i)), k.walkRepeats);
    const result: InnerResult = { runs, walk, idle };
    process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
  } finally {
    await Promise.all(agents.map((a) => a.stop()));
    await influxd?.dispose();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- outside: the namespace

function ip(args: readonly string[], input?: string): void {
  execFileSync('ip', args, { stdio: ['pipe', 'ignore', 'pipe'], ...(input === undefined ? {} : { input }) });
}

/** Kills what is left in the namespace (only processes this section started live there), then deletes it. */
function removeNamespace(ns: string): void {
  try {
    const pids = execFileSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).split('\n').filter((s) => /^\d+$/.test(s.trim()));
    for (const pid of pids) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // already gone
      }
    }
    ip(['netns', 'del', ns]);
  } catch {
    // the namespace was never created or is already gone
  }
}

function runInner(ns: string, tempDir: string, boundMs: number): Promise<InnerResult> {
  const self = fileURLToPath(import.meta.url);
  // TMPDIR: every temp dir of the inner run (snmpd, influxd, serve) lands in one the outer always removes.
  const t = spawnTracked('ip', ['netns', 'exec', ns, process.execPath, self, '--inner'], { env: { ...process.env, TMPDIR: tempDir } });
  return new Promise((resolve, reject) => {
    let buffer = '';
    let result: InnerResult | null = null;
    t.child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith(RESULT_PREFIX)) result = JSON.parse(line.slice(RESULT_PREFIX.length)) as InnerResult;
        else process.stdout.write(`${line}\n`);
      }
    });
    const timer = setTimeout(() => void t.stop(5000), boundMs);
    timer.unref();
    t.child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && result !== null) resolve(result);
      else reject(new Error(`serve-cpu inside namespace ${ns} failed (${code ?? signal}):\n${t.tail()}`));
    });
  });
}

export async function runServeCpu(): Promise<ServeCpuResult> {
  const k = knobs();
  process.stdout.write(
    `\n## 0. Whole \`linkscope serve\` process CPU per varbind vs snmpbulkwalk (bench/serve-cpu.ts): agents ${k.agentCounts.join(', ')}, ${k.warmupMs / 1000} s warm-up, ${k.windowMs / 1000} s window\n`,
  );
  const ns = `lsbench-${process.pid}`;
  const tempDir = mkdtempSync(join(tmpdir(), 'linkscope-bench-serve-cpu-'));
  const cleanup = (): void => {
    removeNamespace(ns);
    rmSync(tempDir, { recursive: true, force: true });
  };
  process.once('exit', cleanup);
  try {
    try {
      ip(['netns', 'add', ns]);
    } catch (err) {
      throw new Error(`serve-cpu needs root (CAP_NET_ADMIN) and iproute2 to create network namespace ${ns}; run \`npm run bench\` as root or skip the section: ${String(err)}`);
    }
    const batch = ['link set lo up'];
    for (let i = 0; i < VETH_PAIRS; i += 1) batch.push(`link add bench${i}a type veth peer name bench${i}b`, `link set bench${i}a up`, `link set bench${i}b up`);
    ip(['-n', ns, '-batch', '-'], `${batch.join('\n')}\n`);
    // Bound: runs × (start + discovery + warm-up + window + stop) + agents + walks, generous.
    const boundMs = (k.agentCounts.length * (k.compareBin === null ? 1 : 2 * k.rounds) + 2) * (k.warmupMs + k.windowMs + 90_000) + k.idleWarmupMs + 180_000;
    const r = await runInner(ns, tempDir, boundMs);
    return report(r, k);
  } finally {
    cleanup();
    process.off('exit', cleanup);
  }
}

function report(r: InnerResult, k: Knobs): ServeCpuResult {
  const us = (run: ServeRun): number => (run.varbinds > 0 ? (run.cpuS * 1e6) / run.varbinds : Number.NaN);
  const live = r.runs.find((run) => run.kind === 'live') as ServeRun;
  // Against the walk without snmpbulkwalk's process start-up, as section 1: serve's own start-up is not in its figure either.
  const ratio = us(live) / r.walk.usPerVarbindNoStartup;
  const ok = r.runs.filter((run) => run.kind === 'live').every((run) => us(run) / r.walk.usPerVarbindNoStartup <= TARGET_SERVE_RATIO);
  const rows = [...r.runs, ...(r.idle === null ? [] : [r.idle])].map((run) => [
    run.label,
    num(run.polls),
    num(run.failures),
    num(run.varbinds),
    num(run.cpuS, 2),
    run.cpuS > 0 ? `${num((run.mainCpuS / run.cpuS) * 100, 0)} %` : '',
    num((run.cpuS / run.windowS) * 60, 2),
    run === r.idle ? '' : num(us(run), 2),
    run === r.idle ? '' : `${num(us(run) / r.walk.usPerVarbindNoStartup, 2)}×`,
    run === r.idle ? '' : `${num(us(run) / r.walk.usPerVarbind, 2)}×`,
  ]);
  const deadRun = r.runs.find((run) => run.kind === 'unreachable');
  const ab: string[] = [];
  if (k.compareBin !== null) {
    for (const n of k.agentCounts) {
      const a = r.runs.filter((run) => run.agents === n && run.kind === 'live').map(us);
      const b = r.runs.filter((run) => run.agents === n && run.kind === 'compare').map(us);
      ab.push(`A/B ${n} agents, median of ${a.length}: this build ${num(median(a), 2)} µs/varbind [${a.map((x) => num(x, 2)).join(', ')}], compare build ${num(median(b), 2)} µs [${b.map((x) => num(x, 2)).join(', ')}] → ${num((median(a) / median(b) - 1) * 100, 1)} %.`);
    }
  }
  const sinkShare = deadRun === undefined ? Number.NaN : 1 - us(deadRun) / us(live);
  printTable(
    `0. Whole-process CPU of \`linkscope serve\`, real snmpd agents with 49 interfaces, every 5 s (target ≤ ${TARGET_SERVE_RATIO}× snmpbulkwalk without its start-up, live influxd)`,
    ['run', 'polls', 'failures', 'varbinds', 'CPU s', 'main thread', 'CPU s/min', 'µs/varbind', '÷ walk-only', '÷ walk'],
    rows,
    [
      ...ab,
      `snmpbulkwalk -v2c -Cr${REPETITIONS} of ifTable + ifXTable (${num(r.walk.varbindsPerAgent)} varbinds per agent): walk-only ${num(r.walk.usPerVarbindNoStartup, 2)} µs/varbind (minus the same runs on an empty subtree), walk ${num(r.walk.usPerVarbind, 2)} µs with process start-up; median of ${k.walkRepeats}.`,
      `sink's share (live influxd vs unreachable, which still formats and spools every point): ${num(sinkShare * 100, 0)} % of the live run's CPU. ${verdict(ok)}`,
      'CPU = utime + stime of the serve process from /proc/<pid>/stat (all threads: main, V8 GC/JIT helpers, libuv pool), over the window after every device was up and the warm-up; main thread = its share from /proc/<pid>/task/<pid>/stat;',
      'varbinds = delta of linkscope_varbinds_total over the same window. snmpd and influxd CPU is in neither figure. Default serve configuration except the 5 s interval.',
      `agents: one snmpd per 127.0.1.x:161 in a network namespace with ${VETH_PAIRS} veth pairs (48 interfaces + lo); knobs BENCH_SERVE_AGENTS (${k.agentCounts.join(',')}), BENCH_SERVE_WARMUP_SECONDS, BENCH_SERVE_SECONDS, BENCH_SERVE_WALK_REPEATS, BENCH_SERVE_ROUNDS, BENCH_SERVE_SKIP, BENCH_SERVE_IDLE_WARMUP_SECONDS.`,
    ],
  );
  return { ratio, ok };
}

if (process.argv[2] === '--inner' && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await inner();
  process.exit(0); // a keep-alive socket of fetch must not hold the namespace open
}
