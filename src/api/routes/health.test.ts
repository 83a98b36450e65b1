/** Unit tests for /health's verdict: degraded, with a reason, for InfluxDB or spool trouble. */
import { describe, expect, it } from 'vitest';
import { LiveState } from '../../state/live-state.js';
import type { SinkStatus } from '../../storage/types.js';
import { health } from './health.js';

const ok: SinkStatus = { influx: 'ok', spoolBytes: 0, pendingPoints: 0, writtenPoints: 0, droppedPoints: 0 };

describe('health', () => {
  it('is ok with no problems', () => {
    const h = health({ sinkStatus: () => ok, state: new LiveState() });
    expect(h.status).toBe('ok');
    expect(h).not.toHaveProperty('problems');
  });

  it('is degraded, naming the problem, when a spool batch was set aside though InfluxDB is up', () => {
    const h = health({ sinkStatus: () => ({ ...ok, problems: ['1 unreadable spool batch(es) ...'] }), state: new LiveState() });
    expect(h).toMatchObject({ status: 'degraded', influx: 'ok', problems: ['1 unreadable spool batch(es) ...'] });
  });

  it('is degraded while InfluxDB is down', () => {
    const h = health({ sinkStatus: () => ({ ...ok, influx: 'down' }), state: new LiveState() });
    expect(h.status).toBe('degraded');
    expect(h.problems?.[0]).toContain('InfluxDB');
  });
});
