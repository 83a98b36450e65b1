/** Records → HealthReport: CPU from usage or idle, memory from any two of used/free/total or a percentage, sensors with CONTRACT units. */
import { describe, expect, it } from 'vitest';
import type { MetricRecord } from '../model/metric-def.js';
import { buildHealthReport } from './report.js';

const rec = (name: string, index: string, fields: MetricRecord['fields'], tags: Record<string, string> = {}, oids?: Record<string, string>): MetricRecord => ({
  name,
  def: 'test',
  tags: { index, ...tags },
  fields,
  ...(oids === undefined ? {} : { oids }),
});

describe('buildHealthReport', () => {
  it('reads CPU usage directly or as 100 − idle, and drops impossible figures', () => {
    const r = buildHealthReport([rec('processor', '1', { usage: 23, descr: 'cpu0' }), rec('processor', '0', { idle: 91 }), rec('processor', '9', { usage: 250 })]);
    expect(r.processors).toEqual([
      { index: '1', descr: 'cpu0', usage: 23 },
      { index: '0', descr: 'Processor', usage: 9 },
    ]);
  });

  it('computes memory from used and total, total and free (less buffers and cache), used and free, total and percent, or a bare percentage', () => {
    const r = buildHealthReport([
      rec('memory', 'a', { used: 25, total: 100 }),
      rec('memory', 'b', { total: 1000, free: 500, buffers: 100, cached: 100, descr: 'Physical memory' }),
      rec('memory', 'c', { used: 30, free: 90 }),
      rec('memory', 'd', { total: 2048, percent: 50 }),
      rec('memory', 'e', { percent: 41 }),
      rec('memory', 'f', { used: 1, total: 0 }),
    ]);
    expect(r.memory).toEqual([
      { index: 'a', descr: 'Memory', usedBytes: 25, totalBytes: 100, usedPercent: 25 },
      { index: 'b', descr: 'Physical memory', usedBytes: 300, totalBytes: 1000, usedPercent: 30 },
      { index: 'c', descr: 'Memory', usedBytes: 30, totalBytes: 120, usedPercent: 25 },
      { index: 'd', descr: 'Memory', usedBytes: 1024, totalBytes: 2048, usedPercent: 50 },
      { index: 'e', descr: 'Memory', usedBytes: null, totalBytes: null, usedPercent: 41 },
    ]);
  });

  it('takes buffers and cache off a RAM row only where they fit inside its used figure (older net-snmp)', () => {
    const r = buildHealthReport([rec('memory', '1', { used: 800, total: 1000, buffers: 100, cached: 200 }), rec('memory', '2', { used: 200, total: 1000, buffers: 100, cached: 200 })]);
    expect(r.memory.map((m) => m.usedBytes)).toEqual([500, 200]);
  });

  it('gives sensors their CONTRACT unit, keeps status and OID, drops unknown classes and keeps the first of a (class, index)', () => {
    const r = buildHealthReport([
      rec('sensor', '5', { value: 41.5, descr: 'CPU' }, { class: 'temperature' }, { value: '1.3.6.1.2.1.99.1.1.1.4.5' }),
      rec('sensor', 'fan.1', { value: 1, status: 'normal', descr: 'Fan 1' }, { class: 'state' }),
      rec('sensor', '5', { value: 99 }, { class: 'temperature' }),
      rec('sensor', '5', { value: 3.3 }, { class: 'voltage' }),
      rec('sensor', '7', { value: 1 }, { class: 'frequency' }),
      rec('sensor', '8', { descr: 'no value' }, { class: 'power' }),
    ]);
    expect(r.sensors).toEqual([
      { class: 'temperature', index: '5', descr: 'CPU', value: 41.5, unit: '°C', oid: '1.3.6.1.2.1.99.1.1.1.4.5' },
      { class: 'state', index: 'fan.1', descr: 'Fan 1', value: 1, unit: '', status: 'normal' },
      { class: 'voltage', index: '5', descr: 'voltage 5', value: 3.3, unit: 'V' },
    ]);
  });
});
