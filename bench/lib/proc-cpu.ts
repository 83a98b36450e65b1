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

/**
 * utime + stime in seconds of the postmaster and every process whose parent it is (backends,
 * checkpointer, WAL writer, autovacuum…), plus the postmaster's cutime + cstime: backends that
 * exited (a closed connection) and were reaped.
 */
export function postgresCpuSeconds(postmasterPid: number): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields === undefined) continue;
    const pid = Number(entry);
    const ppid = Number(fields[1]);
    if (pid === postmasterPid || ppid === postmasterPid) ticks += Number(fields[11]) + Number(fields[12]);
    if (pid === postmasterPid) ticks += Number(fields[13]) + Number(fields[14]);
  }
  return ticks / CLK_TCK;
}

/** The postmaster's pid: first line of <data dir>/postmaster.pid. */
export function postmasterPidOf(dataDir: string): number {
  const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no postmaster pid in ${dataDir}/postmaster.pid`);
  return pid;
}
