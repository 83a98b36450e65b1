/**
 * Conformance against real device recordings: the LibreNMS fixtures in ../shared/fixtures/librenms,
 * served by snmpsimd, discovered by linkscope through the same SNMP client `serve` builds, compared
 * per device with the ports and device type LibreNMS expects.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverDevice, type DeviceDiscovery } from '../../src/discovery/discover.js';
import { Secret } from '../../src/model/secret.js';
import { ifStatusName } from '../../src/model/types.js';
import { createSnmpClient } from '../../src/app.js';
import { DEFAULTS } from '../../src/config/defaults.js';
import type { DeviceRole } from '../../src/model/types.js';
import { silentLogger } from '../../src/observability/logger.js';
import { parseSnmprec } from '../../src/snmp/snmprec.js';
import { withSnmpsim, type SnmpsimHandle } from '../helpers/with-snmpsim.js';

const ROOT = resolve(process.env['LIBRENMS_FIXTURES'] ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'librenms'));
const PRESENT = existsSync(join(ROOT, 'expected')) && existsSync(join(ROOT, 'snmprec'));
/** The bar, per device: at least 98 % of its expected ports match on every compared field. */
const MIN_PORT_MATCH = 0.98;

/**
 * LibreNMS device `type` → the linkscope roles that agree with it. Only unambiguous types are
 * mapped: `network` covers switches and routers alike, `firewall` has no linkscope role.
 */
const ROLES_FOR_TYPE: Readonly<Record<string, readonly DeviceRole[]>> = {
  wireless: ['wireless-ap', 'wireless-controller'],
};

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

/** The IF-MIB values a recording itself holds, by full OID. */
type Recording = ReadonlyMap<string, unknown>;

function loadRecording(name: string): Recording {
  const { varbinds } = parseSnmprec(readFileSync(join(ROOT, 'snmprec', `${name}.snmprec`), 'utf8'));
  return new Map(varbinds.map((vb) => [vb.oid, vb.value]));
}

function recordedNumber(rec: Recording, oid: string): number | null {
  const v = rec.get(oid);
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null;
}

interface PortDiffs {
  /** Linkscope disagrees with LibreNMS and with the recording: a conformance miss. */
  readonly misses: string[];
  /** Linkscope reports exactly what the recording holds; LibreNMS's value came from elsewhere. */
  readonly recordingBacked: string[];
}

/**
 * Field-by-field comparison of one expected port with what linkscope discovered. A difference
 * where linkscope's value is the recording's own IF-MIB value (e.g. ifOperStatus down(2) in the
 * walk, "up" in LibreNMS's database) is reported apart and not counted as a miss.
 */
function comparePort(exp: ExpectedPort, found: DeviceDiscovery['interfaces'][number] | undefined, rec: Recording): PortDiffs {
  const out: PortDiffs = { misses: [], recordingBacked: [] };
  if (found === undefined) {
    out.misses.push('not discovered');
    return out;
  }
  const i = exp.ifIndex;
  const expectName = exp.ifName ?? exp.ifDescr ?? String(i);
  if (found.ifName !== expectName) out.misses.push(`ifName "${found.ifName}" != "${expectName}"`);
  if (exp.ifType !== null && found.ifType !== exp.ifType) out.misses.push(`ifType ${found.ifType} != ${exp.ifType}`);
  // LibreNMS stores 0 (or null) where the agent reports no speed; linkscope says null.
  if ((found.speedBps ?? 0) !== (exp.ifSpeed ?? 0)) {
    const recSpeed = recordedNumber(rec, `1.3.6.1.2.1.2.2.1.5.${i}`); // IF-MIB::ifSpeed
    const recHigh = recordedNumber(rec, `1.3.6.1.2.1.31.1.1.1.15.${i}`); // IF-MIB::ifHighSpeed
    const noSpeedRecorded = !((recSpeed ?? 0) > 0) && !((recHigh ?? 0) > 0);
    (found.speedBps === null && noSpeedRecorded ? out.recordingBacked : out.misses).push(`speed ${found.speedBps} != ${exp.ifSpeed}`);
  }
  for (const [field, column, expValue, foundValue] of [
    ['oper', 8, exp.ifOperStatus, found.operStatus], // IF-MIB::ifOperStatus
    ['admin', 7, exp.ifAdminStatus, found.adminStatus], // IF-MIB::ifAdminStatus
  ] as const) {
    if (expValue === null || ifStatusName(foundValue) === expValue) continue;
    const recorded = recordedNumber(rec, `1.3.6.1.2.1.2.2.1.${column}.${i}`);
    (recorded !== null && recorded === foundValue ? out.recordingBacked : out.misses).push(`${field} ${ifStatusName(foundValue)} != ${expValue} (recording: ${recorded})`);
  }
  return out;
}

describe.skipIf(!PRESENT)('LibreNMS conformance (interfaces)', () => {
  let sim: SnmpsimHandle;
  const names = PRESENT
    ? readdirSync(join(ROOT, 'expected'))
        .filter((f) => f.endsWith('.json') && existsSync(join(ROOT, 'snmprec', f.replace(/\.json$/, '.snmprec'))))
        .map((f) => f.replace(/\.json$/, ''))
        .sort()
    : [];
  // The client `linkscope serve` polls with (app.ts), so conformance covers the production v2c transport.
  const client = createSnmpClient(silentLogger(), DEFAULTS.snmp.maxVarbindsPerRequest);

  beforeAll(async () => {
    sim = await withSnmpsim({ dir: join(ROOT, 'snmprec') });
  }, 120_000);
  afterAll(async () => {
    await sim?.stop();
  });

  it('has recordings to compare', () => {
    expect(names.length).toBeGreaterThan(0);
  });

  // One test per recording: a device whose discovery throws, whose ports fall short, or whose
  // role contradicts LibreNMS fails on its own, however many ports the others contribute.
  it.each(names)('%s: discovers the ports and role LibreNMS expects', async (name) => {
    const expected = JSON.parse(readFileSync(join(ROOT, 'expected', `${name}.json`), 'utf8')) as Expected;
    // A generous timeout: the claim is about what is discovered, not how fast, on a busy machine.
    const session = client.open({
      host: sim.host,
      port: sim.port,
      credentials: { version: '2c', community: new Secret(name) },
      timeoutMs: 5000,
      retries: 2,
      maxRepetitions: DEFAULTS.snmp.maxRepetitions,
    });
    let discovery: DeviceDiscovery;
    try {
      discovery = (await discoverDevice(session)).discovery;
    } finally {
      session.close();
    }
    const role = `${discovery.role}/${discovery.vendor ?? '-'}`;
    const allowed = expected.type === null ? undefined : ROLES_FOR_TYPE[expected.type];
    const roleLine = allowed === undefined ? `role ${role} (LibreNMS type ${expected.type ?? '-'}: not compared)` : `role ${role} (LibreNMS type ${expected.type}: must be ${allowed.join(' or ')})`;
    if (expected.ports === null) {
      console.log(`${name}: no ports asserted by LibreNMS; linkscope found ${discovery.interfaces.length}; ${roleLine}`);
    } else {
      const byIndex = new Map(discovery.interfaces.map((i) => [i.ifIndex, i]));
      const rec = loadRecording(name);
      const misses: string[] = [];
      const backed: string[] = [];
      for (const port of expected.ports) {
        const diffs = comparePort(port, byIndex.get(port.ifIndex), rec);
        if (diffs.misses.length > 0) misses.push(`ifIndex ${port.ifIndex}: ${[...diffs.misses, ...diffs.recordingBacked].join(', ')}`);
        else if (diffs.recordingBacked.length > 0) backed.push(`ifIndex ${port.ifIndex}: ${diffs.recordingBacked.join(', ')}`);
      }
      const matched = expected.ports.length - misses.length;
      const ratio = expected.ports.length === 0 ? 1 : matched / expected.ports.length;
      console.log(
        `${name}: ${matched}/${expected.ports.length} ports ${(ratio * 100).toFixed(1)}%; ${roleLine}` + (misses.length > 0 ? `\n  misses: ${misses.join('; ')}` : '') +
          (backed.length > 0 ? `\n  as recorded, unlike LibreNMS: ${backed.join('; ')}` : ''),
      );
      expect(ratio, `${name}: ${matched}/${expected.ports.length} ports; misses: ${misses.join('; ')}`).toBeGreaterThanOrEqual(MIN_PORT_MATCH);
    }
    if (allowed !== undefined) expect(allowed, `${name}: role ${role}, LibreNMS type ${expected.type}`).toContain(discovery.role);
  }, 60_000);
});
