import { describe, expect, it } from 'vitest';
import { entriesFromText, parseCsv, planImport } from './import-rows.js';

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, commas and newlines inside quotes, CRLF, and skips blank lines', () => {
    expect(parseCsv('a,b\r\n"x,1","say ""hi""\nthere"\n\n3,\n')).toEqual([['a', 'b'], ['x,1', 'say "hi"\nthere'], ['3', '']]);
  });
});

describe('planImport', () => {
  const csv = `# core and access
host,port,name,version,community,interval
10.0.0.1,,core-sw1,2c,s3cret,30s
10.0.0.2,1161,swos_css326-24g-2s+,,s3cret,
`;

  it('turns every valid CSV row into a device', () => {
    const plan = planImport(entriesFromText(csv, 'csv', 'f.csv'));
    expect(plan.rows.map((r) => r.ok)).toEqual([true, true]);
    expect(plan.devices).toMatchObject([
      { host: '10.0.0.1', port: 161, name: 'core-sw1', intervalMs: 30_000, snmp: { version: '2c' } },
      { host: '10.0.0.2', port: 1161, name: 'swos_css326-24g-2s+', intervalMs: null, snmp: { version: '2c' } },
    ]);
  });

  it('reports every bad row and returns no device when one is bad', () => {
    const plan = planImport(entriesFromText(`${csv}10.0.0.3,99999,bad,3,s3cret,\n10.0.0.4,,core-sw1,,x,\n`, 'csv', 'f.csv'));
    expect(plan.devices).toEqual([]);
    expect(plan.rows.filter((r) => !r.ok).map((r) => r.row)).toEqual([3, 4]);
    expect(plan.rows[2]?.problems.join(' ')).toContain('port');
    expect(plan.rows[3]?.problems).toEqual(['name: "core-sw1" is already used by row 1 of this file']);
    expect(JSON.stringify(plan.rows)).not.toContain('s3cret');
  });

  it('takes YAML lists of flat entries or POST /devices bodies, v3 included', () => {
    const yaml = `devices:
  - host: 10.0.1.1
    name: ap-1
    version: 3
    user: monitor
    level: authPriv
    auth-protocol: sha256
    authKey: authpass1
    privProtocol: aes
    privKey: privpass1
  - {host: 10.0.1.2, snmp: {version: "2c", community: public}}
`;
    const plan = planImport(entriesFromText(yaml, 'yaml', 'f.yaml'));
    expect(plan.rows.every((r) => r.ok)).toBe(true);
    expect(plan.devices[0]).toMatchObject({ name: 'ap-1', snmp: { version: '3', user: 'monitor', authProtocol: 'sha256' } });
  });

  it('takes a site column (CSV) or key (YAML), empty = the default site, and names a bad one', () => {
    const plan = planImport(entriesFromText('host,community,site\n10.0.0.1,c,dc-1\n10.0.0.2,c,\n', 'csv', 'f.csv'));
    expect(plan.devices.map((d) => d.site)).toEqual(['dc-1', undefined]);
    expect(planImport(entriesFromText('- {host: 10.0.0.3, community: c, site: lab.2}\n', 'yaml', 'f.yaml')).devices[0]?.site).toBe('lab.2');
    const bad = planImport(entriesFromText('host,community,site\n10.0.0.1,c,dc 1\n', 'csv', 'f.csv'));
    expect(bad.devices).toEqual([]);
    expect(bad.rows[0]?.problems.join(' ')).toContain('site: "dc 1" is not a site name');
  });

  it('names an unknown CSV column', () => {
    expect(() => entriesFromText('host,comunity\n10.0.0.1,x\n', 'csv', 'f.csv')).toThrow(/f\.csv: unknown column "comunity"/);
  });
});
