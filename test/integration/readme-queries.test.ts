/** The InfluxQL examples of the README, run against a real influxd: they must answer what they claim. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInfluxd, type InfluxdHandle } from '../helpers/with-influxd.js';

const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

/** The statement after a `-- <title>` comment line in the README's InfluxQL block. */
function readmeQuery(title: string): string {
  const start = README.indexOf(`-- ${title}\n`);
  if (start < 0) throw new Error(`README has no query "-- ${title}"`);
  const body = README.slice(start + title.length + 4);
  return body.slice(0, body.search(/\n\n|\n```/)).trim();
}

describe('README InfluxQL', () => {
  let influxd: InfluxdHandle;
  const db = 'readme';

  beforeAll(async () => {
    influxd = await startInfluxd();
    await influxd.query(`CREATE DATABASE ${db}`);
    const now = Math.floor(Date.now() / 1000);
    const lines: string[] = [];
    // 14 ports; the busier direction alternates between in and out, so a query over one direction misses half.
    for (let i = 0; i < 14; i++) {
      const busy = 10 + i * 6; // 10 .. 88 %
      const [inU, outU] = i % 2 === 0 ? [busy, 1] : [1, busy];
      lines.push(`interface,device=access-sw${i % 3},ifName=Gi0/${i} in_utilization=${inU},out_utilization=${outU} ${now - 60}`);
      lines.push(`interface,device=access-sw${i % 3},ifName=Gi0/${i} in_utilization=${inU / 2},out_utilization=${outU / 2} ${now - 30}`);
    }
    const r = await fetch(`${influxd.url}/write?db=${db}&precision=s`, { method: 'POST', body: lines.join('\n') });
    expect(r.status).toBe(204);
  });

  afterAll(async () => {
    await influxd?.dispose();
  });

  it('ranks the ten hottest links by the larger direction', async () => {
    const q = readmeQuery('the ten hottest links right now (busier direction, hottest first)');
    const result = await influxd.query(q, db);
    expect(result.results?.[0]?.error).toBeUndefined();
    const series = result.results?.[0]?.series?.[0];
    const columns = series?.columns ?? [];
    const rows = (series?.values ?? []).map((v) => Object.fromEntries(columns.map((c, i) => [c, v[i]])));
    expect(rows.map((r) => `${String(r['ifName'])}=${String(r['top'])}`)).toEqual(
      [13, 12, 11, 10, 9, 8, 7, 6, 5, 4].map((i) => `Gi0/${i}=${(10 + i * 6) * 0.75}`), // mean of busy and busy/2
    );
  });
});
