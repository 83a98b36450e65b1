import { describe, expect, it } from 'vitest';
import { findProblems, linkName } from './problems.js';
import type { Topology, TopologyEdge, TopologyNode } from './types.js';

const node = (id: number | string, name: string, status: string, external = false): TopologyNode => ({ id, name, role: 'switch', status, external });
const edge = (id: string, a: string, b: string, status: string, utilization: number | null): TopologyEdge => ({
  id,
  source: a,
  target: b,
  a: { deviceId: 1, device: a, ifName: 'Gi1' },
  b: { deviceId: 2, device: b, ifName: null },
  protocols: ['cdp'],
  status,
  speedBps: null,
  utilization,
  inBps: null,
  outBps: null,
  firstSeen: '',
  lastSeen: '',
});

describe('findProblems', () => {
  const t: Topology = {
    nodes: [node(1, 'sw10', 'up'), node(2, 'sw2', 'unreachable'), node(3, 'sw1', 'pending'), node('ext:x', 'phone', 'unknown', true)],
    edges: [edge('a', 'sw1', 'sw2', 'down', 99), edge('b', 'sw1', 'sw10', 'up', 12), edge('c', 'sw2', 'sw10', 'up', 80), edge('d', 'sw2', 'sw1', 'up', null), edge('e', 'sw1', 'x', 'up', 0)],
  };

  it('lists inventory devices not up by name, never external neighbours', () => {
    expect(findProblems(t).devices.map((n) => n.name)).toEqual(['sw1', 'sw2']);
  });

  it('lists down links, and ranks up links with a known utilisation busiest first', () => {
    const p = findProblems(t);
    expect(p.linksDown.map((e) => e.id)).toEqual(['a']);
    expect(p.hottest.map((e) => e.id)).toEqual(['c', 'b', 'e']);
    expect(findProblems(t, 1).hottest.map((e) => e.id)).toEqual(['c']);
  });

  it('names a link by both ends, with ? for an unknown port', () => {
    expect(linkName(edge('a', 'sw1', 'sw2', 'up', 1))).toBe('sw1 Gi1 – sw2 ?');
  });
});
