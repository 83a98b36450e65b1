/** CPU time of other processes from Linux /proc: a child's whole process (every thread) and a PostgreSQL server (postmaster + backends). */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Kernel clock ticks per second (`getconf CLK_TCK`, 100 on Linux almost everywhere): the unit of /proc/<pid>/stat's times. */
export const CLK_TCK = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Fields of /proc/<pid>/stat after "(comm) ": [0] state, [1] ppid, … [11] utime, [12] stime, [13] cutime, [14] cstime. */
function statFields(pid: number | string): string[] | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // exited while we looked
  }
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** utime + stime of one whole process (every thread: main, V8's GC/JIT helpers, the libuv pool), in seconds. Throws when it is gone. */
export function processCpuSeconds(pid: number): number {
  const fields = statFields(pid);
  if (fields === undefined) throw new Error(`process ${pid} is gone (no /proc/${pid}/stat)`);
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** A PostgreSQL server's CPU in seconds, by where /proc counts it. */
export interface PostgresCpu {
  /** Everything: the three below. */
  readonly total: number;
  /** The postmaster's own utime + stime. */
  readonly postmaster: number;
  /** The postmaster's cutime + cstime: children that exited and were reaped (closed connections, autovacuum workers). */
  readonly exited: number;
  /** utime + stime of its live children (backends, checkpointer, WAL writer, autovacuum…). */
  readonly children: number;
  /** The same by pid. */
  readonly byChild: ReadonlyMap<number, number>;
}

/** CPU of the postmaster, its live children and its reaped children (see PostgresCpu). */
export function postgresCpu(postmasterPid: number): PostgresCpu {
  let postmaster = 0;
  let exited = 0;
  let children = 0;
  const byChild = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields === undefined) continue;
    const pid = Number(entry);
    const ticks = Number(fields[11]) + Number(fields[12]);
    if (pid === postmasterPid) {
      postmaster += ticks;
      exited += Number(fields[13]) + Number(fields[14]);
    } else if (Number(fields[1]) === postmasterPid) {
      children += ticks;
      byChild.set(pid, ticks / CLK_TCK);
    }
  }
  return { total: (postmaster + exited + children) / CLK_TCK, postmaster: postmaster / CLK_TCK, exited: exited / CLK_TCK, children: children / CLK_TCK, byChild };
}

/**
 * utime + stime in seconds of the postmaster and every process whose parent it is (backends,
 * checkpointer, WAL writer, autovacuum…), plus the postmaster's cutime + cstime: backends that
 * exited (a closed connection) and were reaped.
 */
export function postgresCpuSeconds(postmasterPid: number): number {
  return postgresCpu(postmasterPid).total;
}

/** The postmaster's pid: first line of <data dir>/postmaster.pid. */
export function postmasterPidOf(dataDir: string): number {
  const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no postmaster pid in ${dataDir}/postmaster.pid`);
  return pid;
}
