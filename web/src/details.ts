/** The drill-down panel: a device (status, interfaces table, traffic history, neighbours, wireless) or a link (both ends, both directions). */
import { enc, get, getJson } from './api.js';
import { HISTORY_WINDOW, historyStepSeconds, TrafficChart } from './chart.js';
import { fill, h } from './dom.js';
import { formatAge, formatBps, formatPercent, formatRate, formatSpeed } from './format.js';
import { DEFAULT_QUERY, errorRate, isDown, isHot, maxUtilization, tableRows, toggleSort, type IfFilter, type IfSortKey, type TableQuery } from './iface-table.js';
import { linkName } from './problems.js';
import { edgeLook } from './scale.js';
import type { Device, Interface, Neighbor, TopologyEdge, UtilizationPoint, Wireless } from './types.js';

const COLUMNS: ReadonlyArray<{ key: IfSortKey; label: string; numeric: boolean }> = [
  { key: 'name', label: 'Interface', numeric: false },
  { key: 'status', label: 'Status', numeric: false },
  { key: 'speed', label: 'Speed', numeric: true },
  { key: 'in', label: 'In', numeric: true },
  { key: 'out', label: 'Out', numeric: true },
  { key: 'utilization', label: 'Util. in / out', numeric: true },
  { key: 'errors', label: 'Errors', numeric: true },
];

export interface DetailsHost {
  /** Select a device or link on the map (neighbour and link-end buttons). */
  showDevice(id: string): void;
  close(): void;
}

type Shown = { kind: 'device'; id: string } | { kind: 'link'; id: string } | null;

export class DetailsPanel {
  #shown: Shown = null;
  #query: TableQuery = DEFAULT_QUERY;
  #interfaces: Interface[] = [];
  #chartIf: string | null = null;
  /** The user chose the charted interface (else it is the busiest one). */
  #chartPicked = false;
  #chartPickHadRates = false;
  #chart: TrafficChart | null = null;
  #device: Device | null = null;
  /** Bumped on every show(): answers to an older selection are dropped. */
  #generation = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly host: DetailsHost,
  ) {}

  get chartPoints(): number {
    return this.#chart?.points ?? 0;
  }

  get shown(): Shown {
    return this.#shown;
  }

  hide(): void {
    this.#shown = null;
    this.#generation += 1;
    this.#chart?.destroy();
    this.#chart = null;
    this.root.hidden = true;
    fill(this.root);
  }

  async showDevice(id: string): Promise<void> {
    if (this.#shown?.kind !== 'device' || this.#shown.id !== id) {
      this.#query = DEFAULT_QUERY;
      this.#chartIf = null;
      this.#chartPicked = false;
      this.#chartPickHadRates = false;
      this.#chart?.destroy();
      this.#chart = null;
      this.#shown = { kind: 'device', id };
      this.root.hidden = false;
      fill(this.root, h('p', { class: 'muted' }, 'Loading…'));
      this.root.focus();
    }
    await this.refresh();
  }

  showLink(edge: TopologyEdge): void {
    this.#chart?.destroy();
    this.#chart = null;
    this.#shown = { kind: 'link', id: edge.id };
    this.#generation += 1;
    this.root.hidden = false;
    this.#renderLink(edge);
    this.root.focus();
  }

  /** Re-reads what is shown (called on every map refresh); a link is re-rendered from the new topology. */
  async refresh(edges?: ReadonlyMap<string, TopologyEdge>): Promise<void> {
    const shown = this.#shown;
    if (shown === null) return;
    if (shown.kind === 'link') {
      const edge = edges?.get(shown.id);
      if (edge !== undefined) this.#renderLink(edge);
      return;
    }
    const generation = ++this.#generation;
    const base = `api/v1/devices/${enc(shown.id)}`;
    const [device, interfaces, neighbors, wireless] = await Promise.all([
      get<Device>(base),
      get<Interface[]>(`${base}/interfaces`),
      getJson<Neighbor[]>(`${base}/neighbors`, { allowMissing: true }),
      getJson<Wireless>(`${base}/wireless`, { allowMissing: true }),
    ]);
    if (generation !== this.#generation) return;
    this.#device = device;
    this.#interfaces = interfaces;
    // Until the user picks one, chart the busiest interface; re-pick while no rates were known (first poll).
    if (this.#chartIf === null || !interfaces.some((i) => i.ifName === this.#chartIf) || (!this.#chartPicked && !this.#chartPickHadRates)) {
      this.#chartIf = defaultChartInterface(interfaces);
      this.#chartPickHadRates = interfaces.some((i) => i.inBps !== null || i.outBps !== null);
    }
    this.#renderDevice(device, neighbors ?? [], wireless);
    await this.#loadChart(generation);
  }

  #renderDevice(d: Device, neighbors: readonly Neighbor[], wireless: Wireless | null): void {
    const focused = document.activeElement instanceof HTMLElement && this.root.contains(document.activeElement) ? document.activeElement.dataset['focusKey'] : undefined;
    // A refresh must not scroll the interface list back to the top under the user's eyes.
    const tableScroll = this.root.querySelector('.table-wrap')?.scrollTop ?? 0;
    const now = Date.now();
    const hasWireless = wireless !== null && (wireless.aps.length > 0 || wireless.sensors.length > 0);
    fill(
      this.root,
      header(d.name, `${d.role ?? 'unknown role'} · ${d.status}`, () => this.host.close()),
      h(
        'dl',
        { class: 'facts' },
        ...fact('Status', h('span', { class: `badge status-${d.status}` }, d.status)),
        ...fact('Role', d.role ?? '–'),
        ...fact('Vendor', d.vendor ?? '–'),
        ...fact('Address', `${d.host}:${d.port}`),
        ...fact('Last poll', `${formatAge(d.lastPollAt, now)}${d.pollMs === null ? '' : ` (${Math.round(d.pollMs)} ms)`}, every ${d.interval}`),
        ...fact('Interfaces', String(d.interfaceCount)),
        ...(d.lastError === null ? [] : fact('Last error', `${d.lastError.code}: ${d.lastError.message}`)),
        ...fact('sysDescr', h('span', { class: 'descr', title: d.sysDescr ?? '' }, d.sysDescr ?? '–')),
      ),
      h('h3', {}, 'Interfaces'),
      this.#tableControls(),
      h('div', { class: 'table-wrap' }, this.#table()),
      h('h3', { id: 'chart-title' }, `Traffic, last hour${this.#chartIf === null ? '' : ` — ${this.#chartIf}`}`),
      h('div', { id: 'chart', class: 'chart', role: 'img', 'aria-labelledby': 'chart-title' }),
      h('p', { id: 'chart-note', class: 'muted' }),
      h('h3', {}, 'Neighbours'),
      neighbors.length === 0 ? h('p', { class: 'muted' }, 'No LLDP/CDP neighbours.') : this.#neighbours(neighbors),
      hasWireless ? h('h3', {}, 'Wireless') : null,
      hasWireless ? wirelessSummary(wireless) : null,
    );
    const wrap = this.root.querySelector('.table-wrap');
    if (wrap !== null) wrap.scrollTop = tableScroll;
    // The chart drawn before moves into the new panel (re-created only when its width changes).
    const drawn = this.#chart?.element;
    if (drawn !== null && drawn !== undefined) this.root.querySelector('#chart')?.append(drawn);
    if (focused !== undefined) this.root.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focused)}"]`)?.focus({ preventScroll: true });
  }

  #tableControls(): HTMLElement {
    const filter = h('select', { id: 'if-filter', 'data-focus-key': 'filter', 'aria-label': 'Show interfaces' }, ...(['all', 'down', 'hot'] as const).map((f) => h('option', { value: f, selected: this.#query.filter === f }, f === 'all' ? 'all' : f === 'down' ? 'down (admin up)' : 'hot (≥ 50 %)')));
    filter.addEventListener('change', () => {
      this.#query = { ...this.#query, filter: filter.value as IfFilter };
      this.#rerenderTable();
    });
    const text = h('input', { id: 'if-search', type: 'search', placeholder: 'name, description, alias', 'data-focus-key': 'search', 'aria-label': 'Filter interfaces by text', value: this.#query.text });
    text.addEventListener('input', () => {
      this.#query = { ...this.#query, text: text.value };
      this.#rerenderTable();
    });
    return h('div', { class: 'table-controls' }, h('label', {}, 'Show ', filter), text);
  }

  #rerenderTable(): void {
    this.root.querySelector('#iface-table')?.replaceWith(this.#table());
  }

  #table(): HTMLTableElement {
    const rows = tableRows(this.#interfaces, this.#query);
    const head = h(
      'tr',
      {},
      ...COLUMNS.map((c) => {
        const sorted = this.#query.sortBy === c.key;
        const button = h('button', { type: 'button', class: 'sort', 'data-focus-key': `sort-${c.key}` }, c.label, sorted ? (this.#query.direction === 'asc' ? ' ▲' : ' ▼') : '');
        button.addEventListener('click', () => {
          this.#query = toggleSort(this.#query, c.key);
          this.#rerenderTable();
          this.root.querySelector<HTMLElement>(`[data-focus-key="sort-${c.key}"]`)?.focus();
        });
        return h('th', { scope: 'col', class: c.numeric ? 'num' : '', 'aria-sort': sorted ? (this.#query.direction === 'asc' ? 'ascending' : 'descending') : 'none' }, button);
      }),
    );
    const body = h('tbody', {});
    for (const i of rows) {
      const u = maxUtilization(i);
      // The name is the button that charts the interface: one column less, still one Tab stop per row.
      const chartButton = h('button', { type: 'button', class: 'chart-btn', 'aria-pressed': i.ifName === this.#chartIf ? 'true' : 'false', 'data-focus-key': `chart-${i.ifName}`, title: `Show the traffic history of ${i.ifName}` }, i.ifName);
      chartButton.addEventListener('click', () => {
        this.#chartIf = i.ifName;
        this.#chartPicked = true;
        for (const b of this.root.querySelectorAll('.chart-btn')) b.setAttribute('aria-pressed', b === chartButton ? 'true' : 'false');
        const title = this.root.querySelector('#chart-title');
        if (title !== null) title.textContent = `Traffic, last hour — ${i.ifName}`;
        void this.#loadChart(this.#generation).catch(() => undefined);
      });
      const status = i.adminStatus !== 'up' ? 'admin down' : i.operStatus;
      body.append(
        h(
          'tr',
          { class: isDown(i) ? 'row-down' : isHot(i) ? 'row-hot' : '' },
          h('th', { scope: 'row', title: i.ifAlias === '' ? i.ifDescr : `${i.ifDescr} — ${i.ifAlias}` }, chartButton, i.ifAlias === '' ? null : h('span', { class: 'alias' }, i.ifAlias)),
          h('td', {}, status),
          h('td', { class: 'num' }, formatSpeed(i.speedBps)),
          h('td', { class: 'num' }, formatBps(i.inBps)),
          h('td', { class: 'num' }, formatBps(i.outBps)),
          h('td', { class: 'num' }, u === null ? '–' : `${formatPercent(i.inUtilization).replace(' %', '')} / ${formatPercent(i.outUtilization)}`),
          h('td', { class: 'num' }, formatRate(errorRate(i))),
        ),
      );
    }
    if (rows.length === 0) body.append(h('tr', {}, h('td', { colspan: COLUMNS.length, class: 'muted' }, 'No interface matches.')));
    return h('table', { id: 'iface-table', class: 'grid' }, h('caption', { class: 'sr-only' }, `Interfaces, ${rows.length} of ${this.#interfaces.length} shown`), h('thead', {}, head), body);
  }

  #neighbours(neighbors: readonly Neighbor[]): HTMLElement {
    const body = h('tbody', {});
    for (const n of neighbors) {
      let remote: HTMLElement | string = n.remoteName ?? n.remoteAddress ?? '?';
      if (n.remoteDeviceId !== null) {
        const id = String(n.remoteDeviceId);
        const b = h('button', { type: 'button', class: 'link' }, remote);
        b.addEventListener('click', () => this.host.showDevice(id));
        remote = b;
      }
      body.append(h('tr', {}, h('td', {}, n.localIfName ?? '?'), h('td', {}, remote), h('td', {}, n.remotePort ?? '?'), h('td', {}, n.protocol.toUpperCase())));
    }
    return h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, ...['Local port', 'Neighbour', 'Its port', 'Via'].map((t) => h('th', { scope: 'col' }, t)))), body);
  }

  async #loadChart(generation: number): Promise<void> {
    const ifName = this.#chartIf;
    const box = this.root.querySelector<HTMLElement>('#chart');
    const note = this.root.querySelector<HTMLElement>('#chart-note');
    if (box === null || note === null || this.#shown?.kind !== 'device') return;
    if (ifName === null) {
      note.textContent = 'No interface to chart.';
      return;
    }
    const step = historyStepSeconds(this.#device?.intervalMs);
    let series: UtilizationPoint[];
    try {
      series = await get<UtilizationPoint[]>(`api/v1/devices/${enc(this.#shown.id)}/interfaces/${enc(ifName)}/utilization?from=${HISTORY_WINDOW}&to=now&step=${step}s`);
    } catch (err) {
      if (generation === this.#generation) note.textContent = `No history: ${err instanceof Error ? err.message : String(err)}`;
      return;
    }
    if (generation !== this.#generation || ifName !== this.#chartIf) return;
    this.#chart ??= new TrafficChart(box);
    this.#chart.container = box;
    this.#chart.draw(series);
    note.textContent = this.#chart.points < 2 ? `${this.#chart.points} sample${this.#chart.points === 1 ? '' : 's'} so far: the chart fills as polls arrive (InfluxDB history).` : `${this.#chart.points} samples, one per ${step} s.`;
  }

  #renderLink(e: TopologyEdge): void {
    const look = edgeLook(e.status, e.utilization);
    const end = (label: string, x: TopologyEdge['a'], node: string | number): HTMLElement[] => {
      let who: HTMLElement | string = x.device;
      if (x.deviceId !== null) {
        const b = h('button', { type: 'button', class: 'link' }, x.device);
        b.addEventListener('click', () => this.host.showDevice(String(node)));
        who = b;
      }
      return fact(label, h('span', {}, who, ` ${x.ifName ?? '(port unknown)'}`));
    };
    fill(
      this.root,
      header('Link', linkName(e), () => this.host.close()),
      h(
        'dl',
        { class: 'facts' },
        ...fact('Status', h('span', { class: `badge link-${e.status}` }, e.status)),
        ...end('Side A', e.a, e.source),
        ...end('Side B', e.b, e.target),
        ...fact(`${e.a.device} → ${e.b.device}`, formatBps(e.outBps)),
        ...fact(`${e.b.device} → ${e.a.device}`, formatBps(e.inBps)),
        ...fact('Speed', formatSpeed(e.speedBps)),
        ...fact('Utilisation', `${formatPercent(e.utilization)} (${look.band})`),
        ...fact('Seen by', e.protocols.map((p) => p.toUpperCase()).join(', ') || '–'),
        ...fact('First seen', new Date(e.firstSeen).toLocaleString()),
        ...fact('Last seen', new Date(e.lastSeen).toLocaleString()),
      ),
    );
  }
}

/** The busiest interface that is up, else the first one: what a user most likely wants charted. */
function defaultChartInterface(interfaces: readonly Interface[]): string | null {
  let best: Interface | null = null;
  for (const i of interfaces) {
    if (i.operStatus !== 'up') continue;
    if (best === null || (i.inBps ?? -1) + (i.outBps ?? -1) > (best.inBps ?? -1) + (best.outBps ?? -1)) best = i;
  }
  return best?.ifName ?? interfaces[0]?.ifName ?? null;
}

function header(title: string, subtitle: string, onClose: () => void): HTMLElement {
  const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Close details' }, '×');
  close.addEventListener('click', onClose);
  return h('div', { class: 'panel-head' }, h('div', {}, h('h2', { id: 'details-title' }, title), h('p', { class: 'muted' }, subtitle)), close);
}

function fact(label: string, value: Node | string): HTMLElement[] {
  return [h('dt', {}, label), h('dd', {}, value)];
}

function wirelessSummary(w: Wireless): HTMLElement {
  const parts: HTMLElement[] = [];
  if (w.aps.length > 0) {
    const body = h('tbody', {});
    for (const ap of w.aps) {
      const radios = ap.radios.map((r) => `${r.band ?? `radio ${r.index}`}${r.channel === undefined || r.channel === null ? '' : ` ch ${r.channel}`}${r.utilization === undefined || r.utilization === null ? '' : ` ${formatPercent(r.utilization)}`}`).join(', ');
      body.append(h('tr', {}, h('th', { scope: 'row' }, ap.name), h('td', {}, ap.status ?? '–'), h('td', { class: 'num' }, ap.clients ?? '–'), h('td', {}, radios || '–'), h('td', {}, ap.ssids.map((s) => `${s.ssid} (${s.clients ?? '?'})`).join(', ') || '–')));
    }
    parts.push(h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, ...['AP', 'Status', 'Clients', 'Radios', 'SSIDs'].map((t) => h('th', { scope: 'col' }, t)))), body));
  }
  if (w.sensors.length > 0) {
    const value = (s: Wireless['sensors'][number]): string =>
      s.unit === 'bit/s' && typeof s.value === 'number' ? formatBps(s.value) : `${s.value ?? '–'}${s.unit ? ` ${s.unit}` : ''}`;
    parts.push(h('ul', { class: 'sensors' }, ...w.sensors.map((s) => h('li', {}, `${s.descr || s.class}: ${value(s)}`))));
  }
  return h('div', { class: 'wireless' }, ...parts);
}
