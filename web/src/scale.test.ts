import { describe, expect, it } from 'vitest';
import { bandOf, DOWN_COLOR, edgeLook, MAX_WIDTH_PX, MIN_WIDTH_PX, roleShape, statusColor, UNKNOWN_COLOR, UTILIZATION_BANDS } from './scale.js';

describe('utilisation scale', () => {
  it('draws a down link red and dashed whatever its utilisation', () => {
    expect(edgeLook('down', 95)).toEqual({ color: DOWN_COLOR, widthPx: 3, lineStyle: 'dashed', band: 'down' });
    expect(edgeLook('down', null).lineStyle).toBe('dashed');
  });

  it('draws an up link without a rate thin, grey and dotted, never as idle', () => {
    for (const u of [null, undefined, Number.NaN, -1]) {
      expect(edgeLook('up', u)).toEqual({ color: UNKNOWN_COLOR, widthPx: 1.5, lineStyle: 'dotted', band: 'unknown' });
    }
  });

  it('puts band edges on a fixed scale: 0 idle, 1 low, 25 moderate, 50 busy, 75 saturated', () => {
    expect(bandOf(0)?.name).toBe('idle');
    expect(bandOf(0.99)?.name).toBe('idle');
    expect(bandOf(1)?.name).toBe('low');
    expect(bandOf(24.9)?.name).toBe('low');
    expect(bandOf(25)?.name).toBe('moderate');
    expect(bandOf(50)?.name).toBe('busy');
    expect(bandOf(75)?.name).toBe('saturated');
    expect(bandOf(340)?.name).toBe('saturated');
  });

  it('grows width with load from the minimum to the maximum and caps beyond 100 %', () => {
    expect(edgeLook('up', 0).widthPx).toBe(MIN_WIDTH_PX);
    expect(edgeLook('up', 50).widthPx).toBe((MIN_WIDTH_PX + MAX_WIDTH_PX) / 2);
    expect(edgeLook('up', 100).widthPx).toBe(MAX_WIDTH_PX);
    expect(edgeLook('up', 400).widthPx).toBe(MAX_WIDTH_PX);
    expect(edgeLook('up', 10).widthPx).toBeLessThan(edgeLook('up', 60).widthPx);
  });

  it('gives every band its own colour, none of them the down red', () => {
    const colors = UTILIZATION_BANDS.map((b) => b.color);
    expect(new Set(colors).size).toBe(colors.length);
    expect(colors).not.toContain(DOWN_COLOR);
    expect(colors).not.toContain(UNKNOWN_COLOR);
    expect(edgeLook('up', 80).color).toBe(UTILIZATION_BANDS[4]?.color);
  });

  it('maps roles to shapes and statuses to colours, unknown ones to a fallback', () => {
    expect(roleShape('router')).toBe('ellipse');
    expect(roleShape('switch')).toBe('round-rectangle');
    expect(roleShape(null)).toBe('round-tag');
    expect(roleShape('toaster')).toBe('diamond');
    expect(statusColor('up')).not.toBe(statusColor('unreachable'));
    expect(statusColor('weird')).toBe(statusColor('unknown'));
  });
});
