import { describe, expect, it } from 'vitest';
import { Secret } from '../model/secret.js';
import { loadConfig } from './load-config.js';
import { effectiveAfterReload, planReload } from './reload.js';

const base = loadConfig({ env: { HOME: '/home/test' }, cwd: '/srv' });

describe('planReload', () => {
  it('finds nothing to do when nothing changed', () => {
    expect(planReload(base, loadConfig({ env: { HOME: '/home/test' }, cwd: '/srv' }))).toEqual({ applied: [], needRestart: [] });
  });

  it('applies poll interval and SNMP settings, and names what needs a restart, by file key', () => {
    const next = { ...base, pollIntervalMs: 30_000, snmp: { ...base.snmp, timeoutMs: 500 }, listen: { host: '0.0.0.0', port: 9090 }, logLevel: 'debug' as const };
    expect(planReload(base, next)).toEqual({ applied: ['pollInterval', 'snmp.timeout'], needRestart: ['listen.host', 'listen.port', 'logLevel'] });
  });

  it('notices a changed secret without ever printing it', () => {
    const plan = planReload({ ...base, apiToken: new Secret('old-T0ken') }, { ...base, apiToken: new Secret('new-T0ken') });
    expect(plan.needRestart).toEqual(['apiToken']);
    expect(JSON.stringify(plan)).not.toMatch(/T0ken/);
  });

  it('names a changed metrics section as needing a restart', () => {
    const next = { ...base, metrics: [{ name: 'up', scalars: [{ name: 'uptime', oid: 'sysUpTime.0' }] }] };
    expect(planReload(base, next)).toEqual({ applied: [], needRestart: ['metrics'] });
  });

  it('keeps the running values of keys that need a restart, so a second reload still names them', () => {
    const next = { ...base, pollIntervalMs: 30_000, listen: { host: '0.0.0.0', port: 9090 } };
    const effective = effectiveAfterReload(base, next);
    expect(effective.pollIntervalMs).toBe(30_000);
    expect(effective.listen).toEqual(base.listen);
    expect(planReload(effective, next)).toEqual({ applied: [], needRestart: ['listen.host', 'listen.port'] });
  });
});
