/** The linkscope web page: live map, problems list (its text twin) and drill-down, from the public REST API only. */
import './style.css';
import { ApiError, get } from './api.js';
import { DetailsPanel } from './details.js';
import { byId, fill, h } from './dom.js';
import { formatPercent } from './format.js';
import { NetworkMap } from './map.js';
import { findProblems, linkName } from './problems.js';
import { DOWN_COLOR, ROLE_SHAPES, STATUS_COLORS, UNKNOWN_COLOR, UTILIZATION_BANDS } from './scale.js';
import type { Topology, TopologyEdge } from './types.js';

/** Seconds between refreshes; `?refresh=N` (1-3600) overrides, e.g. to match a short poll interval. */
const DEFAULT_REFRESH_S = 10;

function refreshSeconds(): number {
  const n = Number(new URLSearchParams(location.search).get('refresh'));
  return Number.isFinite(n) && n >= 1 && n <= 3600 ? n : DEFAULT_REFRESH_S;
}

/** What the browser test reads (window.__linkscope); nothing the page itself relies on. */
interface TestHook {
  readonly map: NetworkMap;
  readonly details: DetailsPanel;
  refreshes: number;
  topology: Topology | null;
  lastError: string | null;
}

declare global {
  interface Window {
    __linkscope?: TestHook;
  }
}

const statusLine = byId('status');
const problemsBox = byId('problems-list');
const detailsBox = byId('details');
let topology: Topology | null = null;
let edges = new Map<string, TopologyEdge>();

const details = new DetailsPanel(detailsBox, {
  showDevice: (id) => select('node', id),
  close: () => {
    details.hide();
    map.cy.elements().unselect();
  },
});

renderLegend(); // before the map measures its container: the legend takes height from it
const map = new NetworkMap(byId('map'), {
  onNode: (id) => openNode(id),
  onEdge: (id) => openEdge(id),
  onBackground: () => details.hide(),
});

const hook: TestHook = { map, details, refreshes: 0, topology: null, lastError: null };
window.__linkscope = hook;

function openNode(id: string): void {
  const node = topology?.nodes.find((n) => String(n.id) === id);
  if (node === undefined) return;
  if (node.external) {
    // Not polled: nothing to drill into, but say what it is.
    details.hide();
    detailsBox.hidden = false;
    fill(detailsBox, h('h2', { id: 'details-title' }, node.name), h('p', { class: 'muted' }, 'External neighbour: seen by LLDP/CDP, not in the inventory, so not polled.'));
    return;
  }
  void details.showDevice(id).catch(showError);
}

function openEdge(id: string): void {
  const edge = edges.get(id);
  if (edge !== undefined) details.showLink(edge);
}

/** From the problems list or the device search: select and centre on the map, open the details. */
function select(kind: 'node' | 'edge', id: string): void {
  map.focus(id);
  if (kind === 'node') openNode(id);
  else openEdge(id);
}

function renderProblems(t: Topology): void {
  const p = findProblems(t);
  const item = (kind: 'node' | 'edge', id: string, text: string, cls: string): HTMLElement => {
    const b = h('button', { type: 'button', class: `problem ${cls}` }, text);
    b.addEventListener('click', () => select(kind, id));
    return h('li', {}, b);
  };
  const section = (title: string, items: HTMLElement[], none: string): HTMLElement[] => [h('h3', {}, `${title} (${items.length})`), items.length === 0 ? h('p', { class: 'muted' }, none) : h('ul', {}, ...items)];
  fill(
    problemsBox,
    ...section('Devices not up', p.devices.map((n) => item('node', String(n.id), `${n.name} — ${n.status}`, `status-${n.status}`)), 'Every device answers.'),
    ...section('Links down', p.linksDown.map((e) => item('edge', e.id, linkName(e), 'link-down')), 'No link is down.'),
    ...section('Hottest links', p.hottest.map((e) => item('edge', e.id, `${formatPercent(e.utilization)} ${linkName(e)}`, 'hot')), 'No link utilisation known yet.'),
  );
  const devices = t.nodes.filter((n) => !n.external);
  fill(byId('device-list'), ...devices.map((n) => h('option', { value: n.name })));
}

function renderLegend(): void {
  const swatch = (color: string, dash: string): HTMLElement => h('span', { class: `swatch ${dash}`, style: `--c:${color}` });
  fill(
    byId('legend'),
    h('strong', {}, 'Links '),
    ...UTILIZATION_BANDS.map((b) => h('span', { class: 'key' }, swatch(b.color, ''), b.label)),
    h('span', { class: 'key' }, swatch(DOWN_COLOR, 'dashed'), 'down'),
    h('span', { class: 'key' }, swatch(UNKNOWN_COLOR, 'dotted'), 'no rate'),
    h('br', {}),
    h('strong', {}, 'Devices '),
    ...Object.entries(STATUS_COLORS).map(([s, c]) => h('span', { class: 'key' }, h('span', { class: 'dot', style: `--c:${c}` }), s)),
    h('span', { class: 'key wrap' }, `shapes: ${Object.entries(ROLE_SHAPES).map(([r, s]) => `${r} ${s.replace('round-', '')}`).join(', ')}; dimmed = external`),
  );
}

function showError(err: unknown): void {
  const message = err instanceof ApiError || err instanceof Error ? err.message : String(err);
  hook.lastError = message;
  statusLine.textContent = `Update failed: ${message}`;
  statusLine.className = 'error';
}

async function refresh(): Promise<void> {
  try {
    const t = await get<Topology>('api/v1/topology');
    topology = t;
    edges = new Map(t.edges.map((e) => [e.id, e]));
    map.update(t);
    renderProblems(t);
    hook.topology = t;
    hook.refreshes += 1;
    hook.lastError = null;
    const devices = t.nodes.filter((n) => !n.external);
    statusLine.textContent = `${devices.length} devices, ${t.edges.length} links · updated ${new Date().toLocaleTimeString()}`;
    statusLine.className = '';
    await details.refresh(edges);
  } catch (err) {
    showError(err);
  }
}

function wireControls(): void {
  byId('fit').addEventListener('click', () => map.fit());
  byId('relayout').addEventListener('click', () => map.relayout());
  const search = byId<HTMLFormElement>('device-search');
  search.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const name = byId<HTMLInputElement>('device-input').value.trim().toLowerCase();
    const node = topology?.nodes.find((n) => n.name.toLowerCase() === name) ?? topology?.nodes.find((n) => n.name.toLowerCase().includes(name));
    if (node !== undefined) select('node', String(node.id));
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && !detailsBox.hidden && !(document.querySelector('dialog[open]') !== null)) details.hide();
  });
}

wireControls();
const every = refreshSeconds() * 1000;
// Sequential, never overlapping: the next refresh is planned when this one has finished.
const loop = async (): Promise<void> => {
  await refresh();
  setTimeout(() => void loop(), every);
};
void loop();
