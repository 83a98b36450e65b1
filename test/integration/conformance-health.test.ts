/**
 * Device health conformance against real device recordings: the LibreNMS fixtures in
 * ../shared/fixtures/librenms, served by snmpsimd, planned and polled by linkscope's health
 * profiles through the SNMP client `serve` builds, compared per device with LibreNMS's
 * `processors`, `mempools` and `sensors`. The issue's bars, over every device: 90 % of processors
 * and memory pools, 75 % of sensors agree (same class, value within 1 % or 1 unit).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnmpClient } from '../../src/app.js';
import { DEFAULTS } from '../../src/config/defaults.js';
import { planHealth, pollHealthDetailed } from '../../src/health/engine.js';
import type { HealthReport, HealthSensorClass } from '../../src/model/health.js';
import { Secret } from '../../src/model/secret.js';
import { silentLogger } from '../../src/observability/logger.js';
import { withSnmpsim, type SnmpsimHandle } from '../helpers/with-snmpsim.js';

const ROOT = resolve(process.env['LIBRENMS_FIXTURES'] ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'librenms'));
const PRESENT = existsSync(join(ROOT, 'expected')) && existsSync(join(ROOT, 'snmprec'));
const MIN_PROCESSOR_MEMORY_MATCH = 0.9;
const MIN_SENSOR_MATCH = 0.75;

/**
 * LibreNMS sensor class → linkscope's (CONTRACT.md). Classes linkscope has no equivalent for stay
 * unmapped and count as misses, never as skipped.
 */
const CLASS_MAP: Readonly<Record<string, HealthSensorClass>> = {
  temperature: 'temperature',
  fanspeed: 'fanspeed',
  voltage: 'voltage',
  current: 'current',
  power: 'power',
  dbm: 'dbm',
  humidity: 'humidity',
  load: 'load',
  count: 'count',
  state: 'state',
};

interface Expected {
  sysObjectID: string;
  processors?: { index: string; descr: string; usage: number }[] | null;
  mempools?: { index: string; descr: string; perc: number; used: number; total: number }[] | null;
  sensors?: { class: string; index: string; descr: string; value: number; oid: string }[] | null;
}

/** The issue's agreement: within 1 % of LibreNMS's value or 1 unit, whichever is wider. */
const agrees = (ours: number, theirs: number): boolean => Math.abs(ours - theirs) <= Math.max(1, Math.abs(theirs) * 0.01);

/** Pairs each expected row with one of ours: by `key`s in order, each of ours used once. */
function pair<E, O>(expected: readonly E[], ours: readonly O[], keys: readonly ((e: E, o: O) => boolean)[]): Map<E, O> {
  const used = new Set<O>();
  const out = new Map<E, O>();
  for (const key of keys) {
    for (const e of expected) {
      if (out.has(e)) continue;
      const o = ours.find((x) => !used.has(x) && key(e, x));
      if (o !== undefined) {
        out.set(e, o);
        used.add(o);
      }
    }
  }
  return out;
}

interface Tally {
  expected: number;
  matched: number;
}

if (!PRESENT) {
  console.warn(`LibreNMS health conformance SKIPPED: ${ROOT} not found (expected/ and snmprec/); nothing was compared.`);
}

describe.skipIf(!PRESENT)('LibreNMS conformance (device health)', () => {
  let sim: SnmpsimHandle;
  const names = PRESENT
    ? readdirSync(join(ROOT, 'expected'))
        .filter((f) => f.endsWith('.json') && existsSync(join(ROOT, 'snmprec', f.replace(/\.json$/, '.snmprec'))))
        .map((f) => f.replace(/\.json$/, ''))
        .sort()
    : [];
  const client = createSnmpClient(silentLogger(), DEFAULTS.snmp.maxVarbindsPerRequest);
  const cpuMem: Tally = { expected: 0, matched: 0 };
  const sensors: Tally = { expected: 0, matched: 0 };

  beforeAll(async () => {
    sim = await withSnmpsim({ dir: join(ROOT, 'snmprec') });
  }, 120_000);
  afterAll(async () => {
    await sim?.stop();
  });

  it.each(names)('%s: reports the processors, memory pools and sensors LibreNMS expects', async (name) => {
    const expected = JSON.parse(readFileSync(join(ROOT, 'expected', `${name}.json`), 'utf8')) as Expected;
    const session = client.open({ host: sim.host, port: sim.port, credentials: { version: '2c', community: new Secret(name) }, timeoutMs: 5000, retries: 2, maxRepetitions: DEFAULTS.snmp.maxRepetitions });
    let report: HealthReport = { processors: [], memory: [], sensors: [] };
    let planLine = 'no health profile';
    try {
      const plan = await planHealth(session, { sysObjectID: expected.sysObjectID });
      if (plan !== null) {
        const result = await pollHealthDetailed(session, plan);
        report = result.report;
        planLine = `${plan.profiles.join('+')}${result.errors.length > 0 ? `; unread: ${result.errors.map((e) => `${e.def}/${e.table} ${e.code}`).join(', ')}` : ''}`;
      }
    } finally {
      session.close();
    }
    const lines: string[] = [];
    const misses: string[] = [];

    const procs = expected.processors ?? [];
    const procPairs = pair(procs, report.processors, [(e, o) => o.index === e.index, (e, o) => o.descr === e.descr]);
    let procOk = 0;
    for (const e of procs) {
      const o = procPairs.get(e);
      if (o !== undefined && agrees(o.usage, e.usage)) procOk += 1;
      else misses.push(`processor ${e.index} (${e.descr}) ${e.usage}% -> ${o === undefined ? 'not found' : `${o.usage}%`}`);
    }
    const pools = expected.mempools ?? [];
    const poolPairs = pair(pools, report.memory, [(e, o) => o.index === e.index, (e, o) => o.descr === e.descr]);
    let poolOk = 0;
    for (const e of pools) {
      const o = poolPairs.get(e);
      if (o !== undefined && agrees(o.usedPercent, e.perc)) poolOk += 1;
      else misses.push(`memory ${e.index} (${e.descr}) ${e.perc}% -> ${o === undefined ? 'not found' : `${o.usedPercent}%`}`);
    }
    const sens = expected.sensors ?? [];
    const sensPairs = pair(sens, report.sensors, [
      (e, o) => o.class === CLASS_MAP[e.class] && o.oid === e.oid.replace(/^\./, ''),
      (e, o) => o.class === CLASS_MAP[e.class] && o.index === e.index,
      (e, o) => o.class === CLASS_MAP[e.class] && o.descr === e.descr,
    ]);
    let sensOk = 0;
    for (const e of sens) {
      const o = sensPairs.get(e);
      if (o !== undefined && agrees(o.value, e.value)) sensOk += 1;
      else misses.push(`sensor ${e.class} ${e.index} (${e.descr}) ${e.value} -> ${o === undefined ? 'not found' : `${o.value} ${o.unit}`}`);
    }
    cpuMem.expected += procs.length + pools.length;
    cpuMem.matched += procOk + poolOk;
    sensors.expected += sens.length;
    sensors.matched += sensOk;
    const part = (label: string, ok: number, list: readonly unknown[] | null | undefined, ours: number) =>
      list === null || list === undefined ? `${label} not asserted (linkscope ${ours})` : `${label} ${ok}/${list.length}${list.length < ours ? ` (+${ours - list.length} more)` : ''}`;
    lines.push(
      `${name}: ${part('processors', procOk, expected.processors, report.processors.length)}, ${part('memory', poolOk, expected.mempools, report.memory.length)}, ${part('sensors', sensOk, expected.sensors, report.sensors.length)}; linkscope: ${planLine}`,
    );
    if (misses.length > 0) lines.push(`  misses: ${misses.join('; ')}`);
    console.log(lines.join('\n'));
  });

  it('agrees on at least 90 % of processors and memory pools and 75 % of sensors overall', () => {
    const pm = cpuMem.expected === 0 ? 1 : cpuMem.matched / cpuMem.expected;
    const s = sensors.expected === 0 ? 1 : sensors.matched / sensors.expected;
    console.log(`health overall: processors+memory ${cpuMem.matched}/${cpuMem.expected} ${(pm * 100).toFixed(1)}%, sensors ${sensors.matched}/${sensors.expected} ${(s * 100).toFixed(1)}%`);
    expect(cpuMem.expected + sensors.expected).toBeGreaterThan(0);
    expect(pm).toBeGreaterThanOrEqual(MIN_PROCESSOR_MEMORY_MATCH);
    expect(s).toBeGreaterThanOrEqual(MIN_SENSOR_MATCH);
  });
});
