/** HTTP load for the API benchmarks: one autocannon run in a child process (its CPU never counts as the server's), and the latency table. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export interface LoadRequest {
  readonly url: string;
  readonly durationS: number;
  readonly connections: number;
  readonly headers?: Record<string, string>;
}

export interface LoadResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly bytesPerReq: number;
}

/** Runs in the child: one autocannon run, result back over IPC. */
async function child(): Promise<void> {
  const req = await new Promise<LoadRequest>((resolve) => process.once('message', (m) => resolve(m as LoadRequest)));
  const result = await autocannon({ url: req.url, connections: req.connections, duration: req.durationS, ...(req.headers === undefined ? {} : { headers: req.headers }) });
  const out: LoadResult = {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    bytesPerReq: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
  };
  process.send?.(out);
  process.disconnect?.();
}

/** One autocannon run against `request.url` from a child process (this file, with --child). */
export function runLoad(request: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const proc = fork(fileURLToPath(import.meta.url), ['--child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    proc.once('message', (m) => resolve(m as LoadResult));
    proc.once('error', reject);
    proc.once('exit', (code) => {
      if (code !== 0) reject(new Error(`autocannon child exited with ${code}`));
    });
    proc.send(request);
  });
}

/** A table row of one run: route, req/s, p50, p99, KiB/req, errors, verdict (`info` when not held to the target). */
export function loadRow(name: string, r: LoadResult, targetP99Ms: number, targeted = true): { readonly row: string[]; readonly ok: boolean } {
  const ok = r.non2xx === 0 && r.errors === 0 && (!targeted || r.p99 < targetP99Ms);
  const row = [name, r.rps.toFixed(0), r.p50.toFixed(1), r.p99.toFixed(1), `${(r.bytesPerReq / 1024).toFixed(1)}`, String(r.non2xx + r.errors), targeted ? (ok ? 'ok' : 'MISSED') : 'info'];
  return { row, ok };
}

/** Prints the rows under the latency header (the run.ts summary parses these lines). */
export function printLoadTable(rows: readonly (readonly string[])[], targetP99Ms: number): void {
  const header = ['route', 'req/s', 'p50 ms', 'p99 ms', 'KiB/req', 'errors', `p99<${targetP99Ms}ms`];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

if (process.argv.includes('--child') && process.argv[1] === fileURLToPath(import.meta.url)) await child();
