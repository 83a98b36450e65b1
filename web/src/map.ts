/** The map: cytoscape draws the graph; refreshes are merged in (graph-merge.ts) so zoom and positions survive; dragged positions are remembered. */
import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import { isEmptyPatch, parsePositions, planMerge, serializePositions, type DrawnGraph, type EdgeData, type NodeData, type Position } from './graph-merge.js';
import type { Topology } from './types.js';

const POSITIONS_KEY = 'linkscope.positions.v1';
const MAX_FIT_ZOOM = 1.3;

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(color)',
      shape: 'data(shape)' as cytoscape.Css.NodeShape, // a data mapper; the types only list literal shapes
      label: 'data(label)',
      width: 30,
      height: 30,
      'border-width': 2,
      'border-color': '#ffffff',
      'font-size': 11,
      color: '#1f2933',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-outline-color': '#ffffff',
      'text-outline-width': 2,
      'min-zoomed-font-size': 6,
    },
  },
  { selector: 'node[?external]', style: { opacity: 0.45, width: 20, height: 20, 'border-style': 'dashed', 'border-color': '#607080' } },
  { selector: 'node:selected', style: { 'border-color': '#1565c0', 'border-width': 5, opacity: 1 } },
  {
    selector: 'edge',
    style: {
      'line-color': 'data(color)',
      width: 'data(width)',
      'curve-style': 'bezier',
      'line-style': 'data(lineStyle)' as cytoscape.Css.LineStyle, // a data mapper, as above
      'line-dash-pattern': [8, 5],
    },
  },
  { selector: 'edge:selected', style: { 'overlay-color': '#1565c0', 'overlay-opacity': 0.25, 'overlay-padding': 4 } },
];

export interface MapEvents {
  onNode(id: string): void;
  onEdge(id: string): void;
  onBackground(): void;
}

export class NetworkMap {
  readonly cy: Core;
  #remembered: Map<string, Position>;
  #laidOut = false;

  constructor(container: HTMLElement, events: MapEvents) {
    this.#remembered = parsePositions(readStorage(POSITIONS_KEY));
    this.cy = cytoscape({
      container,
      style: STYLE,
      minZoom: 0.1,
      maxZoom: 4,
      wheelSensitivity: 0.3,
      selectionType: 'single',
      boxSelectionEnabled: false,
    });
    this.cy.on('tap', 'node', (e) => events.onNode((e.target as NodeSingular).id()));
    this.cy.on('tap', 'edge', (e) => events.onEdge((e.target as cytoscape.EdgeSingular).id()));
    this.cy.on('tap', (e) => {
      if (e.target === this.cy) events.onBackground();
    });
    // A dropped node stays where the user put it, across refreshes and reloads.
    this.cy.on('dragfree', 'node', () => this.#savePositions());
  }

  /** Merges a topology into the graph: adds, removes and restyles; never moves a drawn node. */
  update(topology: Topology): void {
    const drawn: DrawnGraph = {
      nodes: new Map(this.cy.nodes().map((n) => [n.id(), { data: n.data() as NodeData, position: n.position() }] as const)),
      edges: new Map(this.cy.edges().map((e) => [e.id(), e.data() as EdgeData] as const)),
    };
    const patch = planMerge(drawn, topology, this.#remembered);
    if (isEmptyPatch(patch)) return;
    const unplaced: string[] = [];
    this.cy.batch(() => {
      for (const id of patch.removeEdges) this.cy.getElementById(id).remove();
      for (const id of patch.removeNodes) this.cy.getElementById(id).remove();
      const added: ElementDefinition[] = patch.addNodes.map(({ data, position }) => {
        if (position === null) unplaced.push(data.id);
        return { group: 'nodes', data: { ...data }, position: position === null ? { x: 0, y: 0 } : { ...position } };
      });
      this.cy.add(added);
      this.cy.add(patch.addEdges.map((data) => ({ group: 'edges', data: { ...data } })));
      for (const d of patch.updateNodes) this.cy.getElementById(d.id).data(d);
      for (const d of patch.updateEdges) this.cy.getElementById(d.id).data(d);
    });
    if (unplaced.length > 0) this.#layout(unplaced);
    else if (!this.#laidOut) {
      this.#laidOut = true;
      this.fit();
    }
  }

  /**
   * Force-directed layout (cose) of the nodes without a place. The first time (nothing remembered)
   * that is the whole graph; later only newcomers with no drawn neighbour move, the rest stay fixed.
   */
  #layout(ids: readonly string[]): void {
    const all = ids.length === this.cy.nodes().length;
    const wanted = new Set(ids);
    const moving = this.cy.nodes().filter((n) => wanted.has(n.id()));
    const layout = (all ? this.cy.elements() : moving.union(moving.connectedEdges())).layout({
      name: 'cose',
      animate: false,
      randomize: all,
      fit: false,
      padding: 30,
      nodeDimensionsIncludeLabels: true,
      nodeRepulsion: () => 40_000,
      idealEdgeLength: () => 100,
      nodeOverlap: 20,
      componentSpacing: 100,
      gravity: 0.5,
      // cose's default; 200 nodes take about a second, once (positions are remembered after).
      numIter: 1000,
    } as cytoscape.LayoutOptions);
    layout.run();
    if (all || !this.#laidOut) this.fit();
    this.#laidOut = true;
    this.#savePositions();
  }

  /** Forgets remembered positions and lays the whole graph out again. */
  relayout(): void {
    this.#remembered.clear();
    this.#layout(this.cy.nodes().map((n) => n.id()));
  }

  /** Whole network in view, but a small one not blown up beyond MAX_FIT_ZOOM (labels stay label-sized). */
  fit(): void {
    // The container may have changed size since cytoscape measured it (legend, panel, window).
    this.cy.resize();
    this.cy.fit(undefined, 30);
    if (this.cy.zoom() > MAX_FIT_ZOOM) {
      this.cy.zoom(MAX_FIT_ZOOM);
      this.cy.center();
    }
  }

  /** Selects and centres an element (from the problems view or the device search). */
  focus(id: string): boolean {
    const el = this.cy.getElementById(id);
    if (el.empty()) return false;
    this.cy.elements().unselect();
    el.select();
    this.cy.animate({ center: { eles: el }, zoom: Math.max(this.cy.zoom(), 1) }, { duration: 250 });
    return true;
  }

  #savePositions(): void {
    for (const n of this.cy.nodes()) this.#remembered.set(n.id(), n.position());
    writeStorage(POSITIONS_KEY, serializePositions(this.#remembered));
  }
}

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage disabled (privacy mode): positions are simply not remembered
  }
}

function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // full or disabled: not remembering positions is harmless
  }
}
