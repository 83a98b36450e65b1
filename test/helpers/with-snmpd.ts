/** Starts Debian's snmpd on 127.0.0.1:<free port> with a generated config (v1/v2c community, v3 users) in a temp dir. */
import { join } from 'node:path';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { NetSnmpClient } from '../../src/snmp/net-snmp-client.js';
import { Secret } from '../../src/model/secret.js';
import { freePort } from './free-port.js';

export interface Daemon {
  readonly host: string;
  readonly port: number;
  readonly pid: number;
  /** Kills the daemon and waits for it to exit; safe to call twice. */
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Last resort: a test run that dies still takes its daemons with it. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

export function spawnDaemon(command: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  installExitHook();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  live.add(child);
  child.once('exit', () => live.delete(child));
  // Drain output so a chatty daemon never blocks on a full pipe; keep the tail for errors.
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  Object.defineProperty(child, 'outputTail', { get: () => tail });
  return child;
}

export function outputTail(child: ChildProcess, logFile?: string): string {
  let text = (child as ChildProcess & { outputTail?: string }).outputTail ?? '';
  if (logFile !== undefined) {
    try {
      text += readFileSync(logFile, 'utf8').slice(-4000);
    } catch {
      // no log yet
    }
  }
  return text;
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    force.unref();
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Waits until the agent answers a GETBULK below 1.3.6 (iso.org.dod; any reply, even endOfMibView). Bounded:
 * `attempts` probes of `probeMs` each; the probe's own timeout paces the loop, no sleeps.
 */
export async function waitForAgent(child: ChildProcess, host: string, port: number, community: string, what: string, attempts = 100, probeMs = 150, logFile?: string): Promise<void> {
  const client = new NetSnmpClient();
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before answering:\n${outputTail(child, logFile)}`);
    }
    const session = client.open({ host, port, credentials: { version: '2c', community: new Secret(community) }, timeoutMs: probeMs, retries: 0, maxRepetitions: 1 });
    try {
      await session.walkColumns(['1.3.6'], { maxVarbinds: 1 }); // iso.org.dod: anything the agent has
      return;
    } catch (err) {
      lastError = err;
    } finally {
      session.close();
    }
  }
  throw new Error(`${what} on ${host}:${port} did not answer after ${attempts} probes: ${String(lastError)}\n${outputTail(child, logFile)}`);
}

/** The v3 users every test snmpd knows (net-snmp's createUser syntax). */
export const SNMPD_USERS = {
  /** SHA-256 + AES-128. */
  u256: { user: 'u256', authProtocol: 'sha256', authKey: 'authpass1', privProtocol: 'aes', privKey: 'privpass1' },
  /** SHA-512 + AES-256 (Blumenthal key extension, snmpd's "AES-256"). */
  u512: { user: 'u512', authProtocol: 'sha512', authKey: 'authpass2', privProtocol: 'aes256b', privKey: 'privpass2' },
  /** SHA-1 + AES-256: SHA-1's 20-byte key must be extended to 32, which tells Blumenthal from Reeder. */
  usha1aes256: { user: 'usha1aes256', authProtocol: 'sha', authKey: 'authpass3', privProtocol: 'aes256b', privKey: 'privpass3' },
  /** SHA-1 + AES-256-C (Reeder key extension, as Cisco does). */
  usha1aes256c: { user: 'usha1aes256c', authProtocol: 'sha', authKey: 'authpass4', privProtocol: 'aes256r', privKey: 'privpass4' },
  /** authNoPriv MD5. */
  umd5: { user: 'umd5', authProtocol: 'md5', authKey: 'authpass5', privProtocol: undefined, privKey: undefined },
} as const;

export interface SnmpdOptions {
  /** v1/v2c read-only community. Default 'public'. */
  readonly community?: string;
  /** Extra snmpd.conf lines. */
  readonly extraConfig?: readonly string[];
}

export interface SnmpdHandle extends Daemon {
  readonly community: string;
  readonly dir: string;
}

/**
 * Starts snmpd in the foreground (-f) with only our config (-C -c), logging to a file, no MIB
 * loading (-M/-m: the agent does not need them and parsing them costs start-up time). Resolves
 * once it answers; the caller must `stop()` it (afterAll). Killed on process exit regardless.
 */
export async function withSnmpd(options: SnmpdOptions = {}): Promise<SnmpdHandle> {
  const community = options.community ?? 'public';
  const host = '127.0.0.1';
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'linkscope-snmpd-'));
  const conf = join(dir, 'snmpd.conf');
  const log = join(dir, 'snmpd.log');
  const u = SNMPD_USERS;
  writeFileSync(
    conf,
    [
      `rocommunity ${community} 127.0.0.1`,
      `createUser ${u.u256.user} SHA-256 "${u.u256.authKey}" AES "${u.u256.privKey}"`,
      `createUser ${u.u512.user} SHA-512 "${u.u512.authKey}" AES-256 "${u.u512.privKey}"`,
      `createUser ${u.usha1aes256.user} SHA "${u.usha1aes256.authKey}" AES-256 "${u.usha1aes256.privKey}"`,
      `createUser ${u.usha1aes256c.user} SHA "${u.usha1aes256c.authKey}" AES-256-C "${u.usha1aes256c.privKey}"`,
      `createUser ${u.umd5.user} MD5 "${u.umd5.authKey}"`,
      `rouser ${u.u256.user} authPriv`,
      `rouser ${u.u512.user} authPriv`,
      `rouser ${u.usha1aes256.user} authPriv`,
      `rouser ${u.usha1aes256c.user} authPriv`,
      `rouser ${u.umd5.user} authNoPriv`,
      'sysLocation linkscope test lab',
      'sysContact ops@example.net',
      'sysName linkscope-snmpd',
      'dontLogTCPWrappersConnects yes',
      ...(options.extraConfig ?? []),
      '',
    ].join('\n'),
  );
  const child = spawnDaemon(
    '/usr/sbin/snmpd',
    ['-f', '-C', '-c', conf, '-Lf', log, '-M', dir, '-m', '', '-p', join(dir, 'snmpd.pid'), `udp:${host}:${port}`],
    // Persistent state (engine boots, localized users) stays in the temp dir, not /var/lib/snmp.
    { SNMP_PERSISTENT_DIR: join(dir, 'persist'), MIBS: '', MIBDIRS: dir },
  );
  const stop = async (): Promise<void> => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForAgent(child, host, port, community, 'snmpd', 100, 150, log);
  } catch (err) {
    await stop();
    throw err;
  }
  return { host, port, pid: child.pid ?? -1, community, dir, stop };
}
