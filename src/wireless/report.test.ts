/** Pure parts of the wireless engine: index formats, scaling, duplicate (class, index) pairs, controller vs self. */
import { describe, expect, it } from 'vitest';
import type { WirelessProfile } from '../profiles/wireless/types.js';
import { bandOf, buildWirelessReport, cellNumber, formatIndex, scaleValue } from './report.js';

describe('formatIndex', () => {
  it('reads a MAC, a MAC with a suffix, a length-prefixed and an implied string', () => {
    expect(formatIndex([0, 17, 34, 51, 68, 85], '0.17.34.51.68.85', 'mac')).toBe('00:11:22:33:44:55');
    expect(formatIndex([0, 17, 34, 51, 68, 85, 2], '0.17.34.51.68.85.2', 'mac')).toBe('00:11:22:33:44:55.2');
    expect(formatIndex([3, 83, 90, 49], '3.83.90.49', 'string')).toBe('SZ1');
    expect(formatIndex([104, 105], '104.105', 'implied-string')).toBe('hi');
  });

  it('falls back to the dotted index when the components do not fit the format', () => {
    expect(formatIndex([5, 83, 90], '5.83.90', 'string')).toBe('5.83.90'); // length says 5, 2 follow
    expect(formatIndex([2, 1, 7], '2.1.7', 'string')).toBe('2.1.7'); // control characters
    expect(formatIndex([300, 1, 2, 3, 4, 5], '300.1.2.3.4.5', 'mac')).toBe('300.1.2.3.4.5');
  });
});

describe('scaling and cells', () => {
  it('converts units without floating-point noise', () => {
    expect(scaleValue(5785000, { from: 'kHz' })).toBe(5785);
    expect(scaleValue(3, { from: 'dB', divisor: 10 })).toBe(0.3);
    expect(scaleValue(2570, { from: 'cm' })).toBe(0.0257);
  });

  it('reads decimal text as a number and nothing else', () => {
    expect(cellNumber('-55')).toBe(-55);
    expect(cellNumber(' 12.5 ')).toBe(12.5);
    expect(cellNumber('36E')).toBeNull();
    expect(cellNumber(Buffer.from([1]))).toBeNull();
  });

  it('names bands from frequencies', () => {
    expect([2412, 5805, 5955, 58320, 900].map(bandOf)).toEqual(['2.4GHz', '5GHz', '6GHz', '60GHz', undefined]);
  });
});

describe('buildWirelessReport', () => {
  const profile: WirelessProfile = {
    name: 't',
    mib: 'T-MIB',
    source: 'test',
    shipped: false,
    match: { probes: ['1.3.6.1.4.1.99999'] },
    tables: [
      {
        name: 'tTable',
        columns: { ssid: { oid: '1.3.6.1.4.1.99999.1.1', mib: 'T-MIB::ssid', type: 'text' }, n: { oid: '1.3.6.1.4.1.99999.1.2', mib: 'T-MIB::n' } },
        sensors: [{ class: 'clients', column: 'n', descr: '{ssid}', index: 'same' }],
        ssid: { ssid: 'ssid', clients: 'n' },
      },
    ],
  };
  const rows = [
    { index: [1], indexOid: '1', values: { ssid: 'a', n: '2' } },
    { index: [2], indexOid: '2', values: { ssid: 'b', n: '3' } },
  ];
  const reading = { profile, scalars: new Map(), tables: new Map([['tTable', rows]]) };

  it('keeps every figure when a profile repeats a (class, index) pair, numbering the repeats', () => {
    const report = buildWirelessReport([reading], { role: 'wireless-ap', deviceName: 'ap1' });
    expect(report.sensors.map((s) => s.index)).toEqual(['same', 'same#2']);
    expect(report.aps).toEqual([{ name: 'ap1', clients: 5, radios: [], ssids: [{ ssid: 'a', clients: 2 }, { ssid: 'b', clients: 3 }] }]);
  });

  it('lists no self AP for a controller: its WLAN-wide figures stay in sensors', () => {
    const report = buildWirelessReport([reading], { role: 'wireless-controller', deviceName: 'wlc' });
    expect(report.aps).toEqual([]);
    expect(report.sensors).toHaveLength(2);
  });
});
