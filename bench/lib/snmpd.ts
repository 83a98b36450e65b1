/** Debian's snmpd on 127.0.0.1:<free port> with a generated v2c-only config in a temp dir (after test/helpers/with-snmpd.ts). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret } from '../../src/model/secret.js';
import { NetSnmpClient } from '../../src/snmp/net-snmp-client.js';
import { freePort, spawnTracked } from './procs.js';

export const SNMPD_BIN = '/usr/sbin/snmpd';

export interface Snmpd {
  readonly host: string;
  readonly port: number;
  readonly community: string;
  stop(): Promise<void>;
}

/** Starts snmpd in the foreground without MIB loading; resolves once it answers (bounded: 100 probes of 150 ms). */
export async function startSnmpd(): Promise<Snmpd> {
  const host = '127.0.0.1';
  const community = 'public';
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'linkscope-bench-snmpd-'));
  const conf = join(dir, 'snmpd.conf');
  writeFileSync(conf, [`rocommunity ${community} 127.0.0.1`, 'sysName linkscope-bench-snmpd', 'dontLogTCPWrappersConnects yes', ''].join('\n'));
  const t = spawnTracked(
    SNMPD_BIN,
    ['-f', '-C', '-c', conf, '-Lf', join(dir, 'snmpd.log'), '-M', dir, '-m', '', '-p', join(dir, 'snmpd.pid'), `udp:${host}:${port}`],
    { env: { ...process.env, SNMP_PERSISTENT_DIR: join(dir, 'persist'), MIBS: '', MIBDIRS: dir } },
  );
  const stop = async (): Promise<void> => {
    await t.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  const client = new NetSnmpClient();
  let lastError: unknown;
  for (let i = 0; i < 100; i++) {
    if (t.child.exitCode !== null || t.child.signalCode !== null) {
      lastError = new Error(`snmpd exited (${t.child.exitCode ?? t.child.signalCode}): ${t.tail()}`);
      break;
    }
    const session = client.open({ host, port, credentials: { version: '2c', community: new Secret(community) }, timeoutMs: 150, retries: 0, maxRepetitions: 1 });
    try {
      await session.walkColumns(['1.3.6'], { maxVarbinds: 1 }); // iso.org.dod: anything the agent has
      return { host, port, community, stop };
    } catch (err) {
      lastError = err;
    } finally {
      session.close();
    }
  }
  await stop();
  throw new Error(`snmpd on ${host}:${port} did not answer: ${String(lastError)}`);
}
