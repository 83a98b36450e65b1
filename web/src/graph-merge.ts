/** Merges a fresh /topology into the drawn graph: what to add, remove and restyle, keeping every drawn node where it is. Pure. */
import { edgeLook, roleShape, statusColor, type LineStyle } from './scale.js';
import type { Topology, TopologyEdge, TopologyNode } from './types.js';

export interface Position {
  readonly x: number;
  readonly y: number;
}

/** What a node carries in the graph library (cytoscape `data`): everything its style reads. */
export interface NodeData {
  readonly id: string;
  readonly label: string;
  readonly role: string;
  readonly status: string;
  readonly external: boolean;
  readonly shape: string;
  readonly color: string;
}

export interface EdgeData {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly status: string;
  /** -1 when unknown (cytoscape data mappers want numbers). */
  readonly utilization: number;
  readonly color: string;
  readonly width: number;
  readonly lineStyle: LineStyle;
  readonly band: string;
}

export interface GraphPatch {
  /** New nodes; position null = no remembered place and no placed neighbour: the caller lays them out. */
  readonly addNodes: ReadonlyArray<{ readonly data: NodeData; readonly position: Position | null }>;
  readonly removeNodes: readonly string[];
  /** Nodes whose data changed (status, role, name); never moved. */
  readonly updateNodes: readonly NodeData[];
  readonly addEdges: readonly EdgeData[];
  readonly removeEdges: readonly string[];
  readonly updateEdges: readonly EdgeData[];
}

/** The graph as drawn: data by id, and where each node is. */
export interface DrawnGraph {
  readonly nodes: ReadonlyMap<string, { readonly data: NodeData; readonly position: Position }>;
  readonly edges: ReadonlyMap<string, EdgeData>;
}

export function nodeData(node: TopologyNode): NodeData {
  return {
    id: String(node.id),
    label: node.name,
    role: node.role ?? 'unknown',
    status: node.status,
    external: node.external,
    shape: roleShape(node.role),
    color: statusColor(node.status),
  };
}

export function edgeData(edge: TopologyEdge): EdgeData {
  const look = edgeLook(edge.status, edge.utilization);
  return {
    id: edge.id,
    source: String(edge.source),
    target: String(edge.target),
    status: edge.status,
    utilization: edge.utilization ?? -1,
    color: look.color,
    width: look.widthPx,
    lineStyle: look.lineStyle,
    band: look.band,
  };
}

function sameData<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as Array<keyof T>;
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** Distance of a new node from the neighbour it is placed beside, at zoom 1. */
export const PLACE_DISTANCE = 90;

/**
 * A place for a new node: its remembered position, else beside the drawn or already placed
 * neighbours (at an angle from its id, so two newcomers beside one node do not overlap), else null.
 */
export function placeNode(id: string, neighbours: readonly Position[], remembered: Position | undefined): Position | null {
  if (remembered !== undefined) return remembered;
  if (neighbours.length === 0) return null;
  const cx = neighbours.reduce((s, p) => s + p.x, 0) / neighbours.length;
  const cy = neighbours.reduce((s, p) => s + p.y, 0) / neighbours.length;
  let hash = 0;
  for (let i = 0; i < id.length; i += 1) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  const angle = ((hash % 360) * Math.PI) / 180;
  return { x: Math.round(cx + PLACE_DISTANCE * Math.cos(angle)), y: Math.round(cy + PLACE_DISTANCE * Math.sin(angle)) };
}

/**
 * The changes that turn `drawn` into `next`. Nodes already drawn keep their position; edges whose
 * ends are not nodes of `next` are left out (the graph library refuses dangling edges).
 */
export function planMerge(drawn: DrawnGraph, next: Topology, remembered: ReadonlyMap<string, Position> = new Map()): GraphPatch {
  const nextNodes = new Map(next.nodes.map((n) => [String(n.id), nodeData(n)] as const));
  const nextEdges = new Map<string, EdgeData>();
  for (const e of next.edges) {
    const d = edgeData(e);
    if (nextNodes.has(d.source) && nextNodes.has(d.target)) nextEdges.set(d.id, d);
  }

  const removeNodes = [...drawn.nodes.keys()].filter((id) => !nextNodes.has(id));
  const removeEdges = [...drawn.edges.keys()].filter((id) => !nextEdges.has(id));
  const updateNodes: NodeData[] = [];
  const fresh: NodeData[] = [];
  for (const [id, d] of nextNodes) {
    const old = drawn.nodes.get(id);
    if (old === undefined) fresh.push(d);
    else if (!sameData(old.data, d)) updateNodes.push(d);
  }
  const addEdges: EdgeData[] = [];
  const updateEdges: EdgeData[] = [];
  for (const [id, d] of nextEdges) {
    const old = drawn.edges.get(id);
    if (old === undefined) addEdges.push(d);
    else if (!sameData(old, d)) updateEdges.push(d);
  }

  // Place newcomers in a stable order, each seeing the places given before it.
  const placed = new Map<string, Position>();
  for (const [id, n] of drawn.nodes) if (nextNodes.has(id)) placed.set(id, n.position);
  const adjacency = new Map<string, string[]>();
  for (const e of nextEdges.values()) {
    adjacency.set(e.source, [...(adjacency.get(e.source) ?? []), e.target]);
    adjacency.set(e.target, [...(adjacency.get(e.target) ?? []), e.source]);
  }
  const addNodes = fresh.map((data) => {
    const neighbours = (adjacency.get(data.id) ?? []).map((n) => placed.get(n)).filter((p): p is Position => p !== undefined);
    const position = placeNode(data.id, neighbours, remembered.get(data.id));
    if (position !== null) placed.set(data.id, position);
    return { data, position };
  });
  return { addNodes, removeNodes, updateNodes, addEdges, removeEdges, updateEdges };
}

/** True when the patch changes nothing (a quiet refresh redraws nothing). */
export function isEmptyPatch(p: GraphPatch): boolean {
  return p.addNodes.length + p.removeNodes.length + p.updateNodes.length + p.addEdges.length + p.removeEdges.length + p.updateEdges.length === 0;
}

/** Remembered positions (localStorage JSON) → map; anything malformed is ignored, never thrown. */
export function parsePositions(text: string | null): Map<string, Position> {
  const out = new Map<string, Position>();
  if (text === null) return out;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return out;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  for (const [id, v] of Object.entries(raw as Record<string, unknown>)) {
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number' && Number.isFinite(v[0]) && Number.isFinite(v[1])) {
      out.set(id, { x: v[0], y: v[1] });
    }
  }
  return out;
}

/** Positions → compact JSON (`{"id": [x, y]}`, rounded to whole pixels). */
export function serializePositions(positions: ReadonlyMap<string, Position>): string {
  const obj: Record<string, [number, number]> = {};
  for (const [id, p] of positions) obj[id] = [Math.round(p.x), Math.round(p.y)];
  return JSON.stringify(obj);
}
