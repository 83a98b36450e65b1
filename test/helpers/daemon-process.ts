/** One daemon a test helper runs (influxd, postgres): spawned, waited for until ready, stopped with a signal and, if need be, SIGKILL. */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** Polls until `check` is true, at most `timeoutMs`; the only waiting the daemon helpers do. */
export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (performance.now() > deadline) throw new Error(`${what} within ${timeoutMs}ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export class DaemonProcess {
  #proc: ChildProcess | null = null;
  #exited: Promise<void> = Promise.resolve();
  /** The last 4,000 characters of stderr, for the message when start-up fails. */
  #stderr = '';

  /** `name` prefixes every message ("influxd", "postgres"). */
  constructor(readonly name: string) {}

  get running(): boolean {
    return this.#proc !== null;
  }

  /**
   * Spawns `cmd` (stdout ignored, stderr kept) and waits until `ready()` says yes; rejects with
   * the stderr tail if it exits first, or naming `what` after `timeoutMs`. Does nothing when running.
   */
  async start(cmd: string, args: readonly string[], options: SpawnOptions, ready: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
    if (this.#proc !== null) return;
    this.#stderr = '';
    const proc = spawn(cmd, [...args], { ...options, stdio: ['ignore', 'ignore', 'pipe'] });
    this.#proc = proc;
    proc.stderr?.setEncoding('utf8');
    proc.stderr?.on('data', (chunk: string) => {
      this.#stderr = (this.#stderr + chunk).slice(-4000);
    });
    this.#exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    let dead = false;
    void this.#exited.then(() => {
      dead = true;
      if (this.#proc === proc) this.#proc = null;
    });
    await until(
      async () => {
        if (dead) throw new Error(`${this.name} exited during start-up: ${this.#stderr}`);
        return ready();
      },
      timeoutMs,
      `${this.name}: ${what}`,
    );
  }

  /** `signal(proc)` asks it to stop; SIGKILL after `graceMs`; resolves when it exited. */
  async stop(signal: (proc: ChildProcess) => void, graceMs: number): Promise<void> {
    const proc = this.#proc;
    if (proc === null) return;
    signal(proc);
    const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    await this.#exited;
    clearTimeout(timer);
    this.#proc = null;
  }
}
