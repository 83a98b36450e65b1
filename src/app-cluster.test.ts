/** The fleet settings app.ts derives from the configuration: fencing margin and poller id. */
import { describe, expect, it } from 'vitest';
import { fencingMarginMs, pollerIdFor } from './app.js';
import { loadConfig } from './config/index.js';

const config = (env: Record<string, string>) => loadConfig({ env: { HOME: '/home/test', ...env }, cwd: '/' });

describe('fleet settings', () => {
  it('margins a lease by the longest an SNMP request can take, plus a second', () => {
    expect(fencingMarginMs(config({}))).toBe(2000 * 2 + 1000);
    expect(fencingMarginMs(config({ LINKSCOPE_SNMP_TIMEOUT: '300ms', LINKSCOPE_SNMP_RETRIES: '0', LINKSCOPE_CLUSTER_LEASE_TTL: '3s' }))).toBe(1300);
  });

  it('refuses a TTL that leaves no room for the margin, saying what to set', () => {
    expect(() => fencingMarginMs(config({ LINKSCOPE_CLUSTER_LEASE_TTL: '10s' }))).toThrow(/cluster\.leaseTtl \(10000 ms\) must exceed twice the fencing margin .* = 5000 ms; raise LINKSCOPE_CLUSTER_LEASE_TTL to at least 11000 ms/);
  });

  it('names the poller by config, else host and pid', () => {
    expect(pollerIdFor(config({ LINKSCOPE_POLLER_ID: 'edge-1' }))).toBe('edge-1');
    expect(pollerIdFor(config({}))).toMatch(new RegExp(`-${process.pid}$`));
  });
});
