/** Unit tests of wireless report → `wireless` / `wireless_sensor` points. */
import { describe, expect, it } from 'vitest';
import { formatPoint } from '../storage/line-protocol.js';
import { wirelessPoints } from './wireless-points.js';

describe('wirelessPoints', () => {
  it('tags a nameless AP with its MAC, else the device, and a hidden SSID as (hidden)', () => {
    const points = wirelessPoints(
      'ptp-1',
      {
        aps: [
          { name: '', mac: 'aa:bb:cc:dd:ee:ff', clients: 1, radios: [], ssids: [{ ssid: '', clients: 1 }] },
          { name: '', clients: 1, radios: [], ssids: [] },
        ],
        sensors: [],
      },
      1_700_000_000,
    );
    expect(points.map((p) => [p.tags.ap, p.tags.ssid])).toEqual([
      ['aa:bb:cc:dd:ee:ff', undefined],
      ['aa:bb:cc:dd:ee:ff', '(hidden)'],
      ['ptp-1', undefined],
    ]);
  });

  it('rounds integer fields, skips figures that are not finite and radios with no figure', () => {
    const points = wirelessPoints(
      'ap',
      { aps: [{ name: 'ap', clients: 2.6, radios: [{ index: '1', channel: 36.0, noiseFloorDbm: Number.NaN }, { index: '2' }], ssids: [] }], sensors: [{ class: 'rssi', index: '1', descr: 'x', value: Number.POSITIVE_INFINITY, unit: 'dBm' }] },
      1,
    );
    expect(points).toHaveLength(2);
    expect(points[0]?.fields).toEqual({ clients: 3n });
    expect(points[1]?.fields).toEqual({ channel: 36n });
  });

  it('writes sensors as line protocol with class and index tags, value float and descr string', () => {
    const [p] = wirelessPoints('ptp 1', { aps: [], sensors: [{ class: 'rssi', index: '1', descr: 'Chain 0', value: -52, unit: 'dBm' }] }, 1_700_000_000);
    expect(p === undefined ? '' : formatPoint(p)).toBe('wireless_sensor,class=rssi,device=ptp\\ 1,index=1 value=-52,descr="Chain 0" 1700000000');
  });
});
