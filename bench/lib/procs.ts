/** Child processes and free ports for the benchmarks: every child is tracked and killed on exit, even on error. */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

const live = new Set<ChildProcess>();
let hookInstalled = false;

/** Last resort: a bench that dies still takes its daemons and agents with it. */
function installExitHook(): void {
  if (hookInstalled) return;
  hookInstalled = true;
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const child of live) child.kill('SIGKILL');
      process.exit(130);
    });
  }
}

export interface TrackedChild {
  readonly child: ChildProcess;
  /** The last 4,000 characters of stdout + stderr (stdout only when not consumed by the caller). */
  tail(): string;
  /** SIGTERM, SIGKILL after `graceMs`; resolves once the process has exited. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

/** Spawns with stdout/stderr piped and drained (a chatty child never blocks on a full pipe). */
export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions = {}): TrackedChild {
  installExitHook();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  live.add(child);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      live.delete(child);
      resolve();
    });
    child.once('error', () => {
      live.delete(child);
      resolve();
    });
  });
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    child,
    tail: () => tail,
    async stop(graceMs = 3000) {
      if (child.exitCode === null && child.signalCode === null) {
        const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
        force.unref();
        child.kill('SIGTERM');
        await exited;
        clearTimeout(force);
      }
    },
  };
}

/** Resolves with the first stdout line matching `pattern`; rejects on exit or after `timeoutMs`. */
export function waitForLine(t: TrackedChild, pattern: RegExp, timeoutMs: number, what: string): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const done = (): void => {
      clearTimeout(timer);
      t.child.stdout?.off('data', onData);
      t.child.off('exit', onExit);
    };
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString('utf8');
      for (const line of buffer.split('\n')) {
        const m = line.match(pattern);
        if (m !== null) {
          done();
          resolve(m);
          return;
        }
      }
    };
    const onExit = (code: number | null): void => {
      done();
      reject(new Error(`${what} exited (${code}) before it was ready:\n${t.tail()}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${what} was not ready within ${timeoutMs}ms:\n${t.tail()}`));
    }, timeoutMs);
    t.child.stdout?.on('data', onData);
    t.child.once('exit', onExit);
  });
}
