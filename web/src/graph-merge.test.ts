import { describe, expect, it } from 'vitest';
import { edgeData, isEmptyPatch, nodeData, parsePositions, planMerge, PLACE_DISTANCE, serializePositions, type DrawnGraph, type Position } from './graph-merge.js';
import type { Topology, TopologyEdge, TopologyNode } from './types.js';

const node = (id: number | string, status = 'up', extra: Partial<TopologyNode> = {}): TopologyNode => ({ id, name: `dev${id}`, role: 'switch', status, external: false, ...extra });
const edge = (id: string, source: number | string, target: number | string, extra: Partial<TopologyEdge> = {}): TopologyEdge => ({
  id,
  source,
  target,
  a: { deviceId: Number(source), device: `dev${source}`, ifName: 'Gi1' },
  b: { deviceId: Number(target), device: `dev${target}`, ifName: 'Gi2' },
  protocols: ['lldp'],
  status: 'up',
  speedBps: 1e9,
  utilization: 10,
  inBps: 1e8,
  outBps: 5e7,
  firstSeen: '2026-01-01T00:00:00Z',
  lastSeen: '2026-01-01T00:00:00Z',
  ...extra,
});

/** The graph as it would be drawn after applying `topology` with the given positions. */
function drawnFrom(topology: Topology, positions: Record<string, Position>): DrawnGraph {
  return {
    nodes: new Map(topology.nodes.map((n) => [String(n.id), { data: nodeData(n), position: positions[String(n.id)] ?? { x: 0, y: 0 } }])),
    edges: new Map(topology.edges.map((e) => [e.id, edgeData(e)])),
  };
}

const empty: DrawnGraph = { nodes: new Map(), edges: new Map() };

describe('planMerge', () => {
  it('adds everything to an empty graph, unplaced when nothing is remembered', () => {
    const t: Topology = { nodes: [node(1), node(2)], edges: [edge('l1', 1, 2)] };
    const p = planMerge(empty, t);
    expect(p.addNodes.map((n) => n.data.id)).toEqual(['1', '2']);
    expect(p.addNodes.every((n) => n.position === null)).toBe(true);
    expect(p.addEdges.map((e) => [e.id, e.source, e.target])).toEqual([['l1', '1', '2']]);
    expect(p.removeNodes).toEqual([]);
  });

  it('puts remembered nodes where the user left them', () => {
    const t: Topology = { nodes: [node(1), node(2)], edges: [] };
    const p = planMerge(empty, t, new Map([['2', { x: 40, y: -7 }]]));
    expect(p.addNodes.find((n) => n.data.id === '2')?.position).toEqual({ x: 40, y: -7 });
    expect(p.addNodes.find((n) => n.data.id === '1')?.position).toBeNull();
  });

  it('changes nothing when the same topology comes again', () => {
    const t: Topology = { nodes: [node(1), node(2)], edges: [edge('l1', 1, 2)] };
    expect(isEmptyPatch(planMerge(drawnFrom(t, {}), t))).toBe(true);
  });

  it('removes vanished nodes and edges, adds new ones and restyles changed ones without moving anything', () => {
    const before: Topology = { nodes: [node(1), node(2), node(3)], edges: [edge('l1', 1, 2), edge('l2', 2, 3)] };
    const drawn = drawnFrom(before, { '1': { x: 0, y: 0 }, '2': { x: 200, y: 0 }, '3': { x: 400, y: 0 } });
    const after: Topology = {
      nodes: [node(1), node(2, 'unreachable'), node(4)],
      edges: [edge('l1', 1, 2, { status: 'down' }), edge('l3', 2, 4)],
    };
    const p = planMerge(drawn, after);
    expect(p.removeNodes).toEqual(['3']);
    expect(p.removeEdges).toEqual(['l2']);
    expect(p.updateNodes.map((n) => [n.id, n.status])).toEqual([['2', 'unreachable']]);
    expect(p.updateEdges.map((e) => [e.id, e.lineStyle, e.band])).toEqual([['l1', 'dashed', 'down']]);
    expect(p.addEdges.map((e) => e.id)).toEqual(['l3']);
    // The newcomer goes beside its drawn neighbour (node 2 at 200,0).
    const added = p.addNodes[0];
    expect(added?.data.id).toBe('4');
    const pos = added?.position;
    expect(pos).not.toBeNull();
    expect(Math.hypot((pos?.x ?? 0) - 200, (pos?.y ?? 0) - 0)).toBeCloseTo(PLACE_DISTANCE, -1);
    // Existing nodes are never in the patch as moved: updates carry data only.
    expect(Object.keys(p.updateNodes[0] ?? {})).not.toContain('position');
  });

  it('restyles an edge whose utilisation changes band, and not one that stays the same', () => {
    const before: Topology = { nodes: [node(1), node(2)], edges: [edge('l1', 1, 2, { utilization: 10 })] };
    const drawn = drawnFrom(before, {});
    expect(planMerge(drawn, { ...before, edges: [edge('l1', 1, 2, { utilization: 90 })] }).updateEdges[0]?.band).toBe('saturated');
    expect(planMerge(drawn, { ...before, edges: [edge('l1', 1, 2, { utilization: 10 })] }).updateEdges).toEqual([]);
  });

  it('keeps external neighbours as dimmable nodes with string ids', () => {
    const t: Topology = { nodes: [node(1), node('ext:00:11:22', 'unknown', { external: true, role: null })], edges: [edge('l1', 1, 'ext:00:11:22')] };
    const p = planMerge(empty, t);
    expect(p.addNodes[1]?.data).toMatchObject({ id: 'ext:00:11:22', external: true, shape: 'round-tag', role: 'unknown' });
    expect(p.addEdges[0]?.target).toBe('ext:00:11:22');
  });

  it('leaves out an edge whose end is not a node, rather than drawing it dangling', () => {
    const t: Topology = { nodes: [node(1)], edges: [edge('l1', 1, 9)] };
    expect(planMerge(empty, t).addEdges).toEqual([]);
  });

  it('records unknown utilisation as -1 for the style mappers', () => {
    expect(edgeData(edge('l1', 1, 2, { utilization: null })).utilization).toBe(-1);
  });
});

describe('remembered positions', () => {
  it('round-trips positions through JSON, rounded to whole pixels', () => {
    const m = new Map([['1', { x: 1.4, y: -2.6 }], ['ext:a', { x: 100, y: 0 }]]);
    expect([...parsePositions(serializePositions(m))]).toEqual([['1', { x: 1, y: -3 }], ['ext:a', { x: 100, y: 0 }]]);
  });

  it('ignores malformed storage instead of throwing', () => {
    expect(parsePositions(null).size).toBe(0);
    expect(parsePositions('not json').size).toBe(0);
    expect(parsePositions('[1,2]').size).toBe(0);
    expect([...parsePositions('{"a":[1,2],"b":"x","c":[1],"d":[null,2],"e":[1e999,0]}')]).toEqual([['a', { x: 1, y: 2 }]]);
  });
});
