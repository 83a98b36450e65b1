/**
 * Conformance against real device recordings: the LibreNMS fixtures in ../shared/fixtures/librenms,
 * served by snmpsimd, discovered by linkscope, compared with the ports LibreNMS expects.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverDevice, type DeviceDiscovery } from '../../src/discovery/discover.js';
import { Secret } from '../../src/model/secret.js';
import { ifStatusName } from '../../src/model/types.js';
import { NetSnmpClient } from '../../src/snmp/net-snmp-client.js';
import { withSnmpsim, type SnmpsimHandle } from '../helpers/with-snmpsim.js';

const ROOT = resolve(process.env['LIBRENMS_FIXTURES'] ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'librenms'));
const PRESENT = existsSync(join(ROOT, 'expected')) && existsSync(join(ROOT, 'snmprec'));
/** The bar: at least 98 % of the expected ports match on every compared field. */
const MIN_PORT_MATCH = 0.98;

interface ExpectedPort {
  ifIndex: number;
  ifName: string | null;
  ifDescr: string | null;
  ifType: string | null;
  ifSpeed: number | null;
  ifOperStatus: string | null;
  ifAdminStatus: string | null;
}

interface Expected {
  name: string;
  type: string | null;
  ports: ExpectedPort[] | null;
}

if (!PRESENT) {
  // Said plainly, so a green run without the fixtures is not mistaken for a conformance pass.
  console.warn(`LibreNMS conformance SKIPPED: ${ROOT} not found (expected/ and snmprec/); nothing was compared.`);
}

/** Field-by-field comparison of one expected port with what linkscope discovered. */
function comparePort(exp: ExpectedPort, found: DeviceDiscovery['interfaces'][number] | undefined): string[] {
  if (found === undefined) return ['not discovered'];
  const diffs: string[] = [];
  const expectName = exp.ifName ?? exp.ifDescr ?? String(exp.ifIndex);
  if (found.ifName !== expectName) diffs.push(`ifName "${found.ifName}" != "${expectName}"`);
  if (exp.ifType !== null && found.ifType !== exp.ifType) diffs.push(`ifType ${found.ifType} != ${exp.ifType}`);
  // LibreNMS stores 0 (or null) where the agent reports no speed; linkscope says null.
  if ((found.speedBps ?? 0) !== (exp.ifSpeed ?? 0)) diffs.push(`speed ${found.speedBps} != ${exp.ifSpeed}`);
  if (exp.ifOperStatus !== null && ifStatusName(found.operStatus) !== exp.ifOperStatus) diffs.push(`oper ${ifStatusName(found.operStatus)} != ${exp.ifOperStatus}`);
  if (exp.ifAdminStatus !== null && ifStatusName(found.adminStatus) !== exp.ifAdminStatus) diffs.push(`admin ${ifStatusName(found.adminStatus)} != ${exp.ifAdminStatus}`);
  return diffs;
}

describe.skipIf(!PRESENT)('LibreNMS conformance (interfaces)', () => {
  let sim: SnmpsimHandle;
  const names = PRESENT
    ? readdirSync(join(ROOT, 'expected'))
        .filter((f) => f.endsWith('.json') && existsSync(join(ROOT, 'snmprec', f.replace(/\.json$/, '.snmprec'))))
        .map((f) => f.replace(/\.json$/, ''))
        .sort()
    : [];

  beforeAll(async () => {
    sim = await withSnmpsim({ dir: join(ROOT, 'snmprec') });
  }, 120_000);
  afterAll(async () => {
    await sim?.stop();
  });

  it('discovers the ports LibreNMS expects for every recording', async () => {
    const client = new NetSnmpClient();
    let expectedTotal = 0;
    let matchedTotal = 0;
    const lines: string[] = [];
    for (const name of names) {
      const expected = JSON.parse(readFileSync(join(ROOT, 'expected', `${name}.json`), 'utf8')) as Expected;
      const session = client.open({ host: sim.host, port: sim.port, credentials: { version: '2c', community: new Secret(name) }, timeoutMs: 4000, retries: 1, maxRepetitions: 25 });
      let discovery: DeviceDiscovery;
      try {
        discovery = (await discoverDevice(session)).discovery;
      } catch (err) {
        // A recording linkscope cannot discover counts as every expected port missed.
        const ports = expected.ports?.length ?? 0;
        expectedTotal += ports;
        lines.push(`${name.padEnd(24)} discovery FAILED: ${(err as Error).message}`);
        continue;
      } finally {
        session.close();
      }
      const role = `${discovery.role}/${discovery.vendor ?? '-'}`;
      if (expected.ports === null) {
        lines.push(`${name.padEnd(24)} no ports asserted by LibreNMS; linkscope found ${discovery.interfaces.length}, role ${role}`);
        continue;
      }
      const byIndex = new Map(discovery.interfaces.map((i) => [i.ifIndex, i]));
      let matched = 0;
      const misses: string[] = [];
      for (const port of expected.ports) {
        const diffs = comparePort(port, byIndex.get(port.ifIndex));
        if (diffs.length === 0) matched += 1;
        else misses.push(`ifIndex ${port.ifIndex}: ${diffs.join(', ')}`);
      }
      expectedTotal += expected.ports.length;
      matchedTotal += matched;
      const pct = expected.ports.length === 0 ? 100 : (matched / expected.ports.length) * 100;
      lines.push(
        `${name.padEnd(24)} ${String(matched).padStart(3)}/${String(expected.ports.length).padEnd(3)} ports ${pct.toFixed(1).padStart(5)}%  role ${role} (LibreNMS type ${expected.type ?? '-'})` +
          (misses.length > 0 ? `\n${' '.repeat(26)}misses: ${misses.join('; ')}` : ''),
      );
    }
    const overall = expectedTotal === 0 ? 1 : matchedTotal / expectedTotal;
    console.log(
      `LibreNMS conformance: ${names.length} recordings from ${ROOT}\n${lines.join('\n')}\n` +
        `overall ${matchedTotal}/${expectedTotal} ports = ${(overall * 100).toFixed(1)}% (must be >= ${MIN_PORT_MATCH * 100}%)`,
    );
    expect(names.length).toBeGreaterThan(0);
    expect(overall).toBeGreaterThanOrEqual(MIN_PORT_MATCH);
  }, 180_000);
});
