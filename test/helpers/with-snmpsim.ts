/** Starts snmpsimd serving .snmprec files on 127.0.0.1:<free port>; community = file name without .snmprec. */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { freePort } from './free-port.js';
import { spawnDaemon, stopChild, waitForAgent, type Daemon } from './with-snmpd.js';

export interface SnmpsimOptions {
  /** .snmprec files to copy in (the originals stay untouched, e.g. a read-only shared folder). */
  readonly files?: readonly string[];
  /** A folder whose *.snmprec files are copied in (not recursive). */
  readonly dir?: string;
  /** Inline data: community → snmprec text. */
  readonly records?: Readonly<Record<string, string>>;
  /** Loopback address to listen on (default 127.0.0.1; 127.0.0.2, .3, … are loopback on Linux too). */
  readonly host?: string;
  /** UDP port (default: a free one); give two daemons on different addresses the same port. */
  readonly port?: number;
}

export interface SnmpsimHandle extends Daemon {
  /** Communities served, one per file. */
  readonly communities: readonly string[];
  readonly dataDir: string;
}

/**
 * Runs snmpsimd (v2c architecture, no logging) from a temp dir. As root it drops to nobody, so
 * the temp dirs (0700 from mkdtemp) are opened up: data readable, cache writable. Start-up can take
 * seconds while snmpsim indexes the files; readiness is a bounded probe loop.
 */
export async function withSnmpsim(options: SnmpsimOptions): Promise<SnmpsimHandle> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort());
  const root = mkdtempSync(join(tmpdir(), 'linkscope-snmpsim-'));
  const dataDir = join(root, 'data');
  const cacheDir = join(root, 'cache');
  mkdirSync(dataDir);
  mkdirSync(cacheDir);
  chmodSync(root, 0o755);
  chmodSync(dataDir, 0o755);
  chmodSync(cacheDir, 0o777);

  const sources = [...(options.files ?? [])];
  if (options.dir !== undefined) {
    for (const name of readdirSync(options.dir)) if (name.endsWith('.snmprec')) sources.push(join(options.dir, name));
  }
  for (const src of sources) {
    const dest = join(dataDir, basename(src));
    copyFileSync(src, dest);
    chmodSync(dest, 0o644);
  }
  for (const [community, text] of Object.entries(options.records ?? {})) {
    const dest = join(dataDir, `${community}.snmprec`);
    writeFileSync(dest, text);
    chmodSync(dest, 0o644);
  }
  const communities = readdirSync(dataDir).filter((n) => n.endsWith('.snmprec')).map((n) => n.slice(0, -'.snmprec'.length));
  const first = communities[0];
  if (first === undefined) throw new Error('withSnmpsim: no .snmprec files given');

  const args = [`--data-dir=${dataDir}`, `--agent-udpv4-endpoint=${host}:${port}`, '--v2c-arch', '--logging-method=null', `--cache-dir=${cacheDir}`];
  if (process.getuid?.() === 0) args.push('--process-user=nobody', '--process-group=nogroup');
  const child = spawnDaemon('snmpsimd', args);
  const stop = async (): Promise<void> => {
    await stopChild(child);
    rmSync(root, { recursive: true, force: true });
  };
  try {
    // Up to 200 × 150 ms: indexing a large data dir on a busy 2-core box takes a while.
    await waitForAgent(child, host, port, first, 'snmpsimd', 200, 150);
  } catch (err) {
    await stop();
    throw err;
  }
  return { host, port, pid: child.pid ?? -1, communities, dataDir, stop };
}
