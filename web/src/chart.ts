/** One interface's traffic history (in/out bit/s) from the utilisation route, drawn with uPlot. */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatBps } from './format.js';
import type { UtilizationPoint } from './types.js';

/** History window; the step follows the device's poll interval, at least 5 s (720 points an hour at most). */
export const HISTORY_WINDOW = '-1h';
export const MIN_STEP_S = 5;

export function historyStepSeconds(pollIntervalMs: number | null | undefined): number {
  const s = Math.ceil((pollIntervalMs ?? 60_000) / 1000);
  return Math.max(MIN_STEP_S, Math.min(s, 3600));
}

export class TrafficChart {
  #plot: uPlot | null = null;
  /** Points with a known rate in the last data drawn (the browser test waits for two). */
  points = 0;

  /** Where the chart is drawn; the details panel hands in its new box after re-rendering. */
  constructor(public container: HTMLElement) {}

  /** The drawn chart's root element, to move into a re-rendered panel; null before the first draw. */
  get element(): HTMLElement | null {
    return this.#plot?.root ?? null;
  }

  draw(series: readonly UtilizationPoint[]): void {
    const rows = series.filter((p) => p.inBps !== null || p.outBps !== null);
    this.points = rows.length;
    const data: uPlot.AlignedData = [series.map((p) => Date.parse(p.time) / 1000), series.map((p) => p.inBps), series.map((p) => p.outBps)];
    const width = Math.max(240, Math.floor(this.container.clientWidth || 320));
    if (this.#plot !== null && this.#plot.width === width) {
      if (this.#plot.root.parentElement !== this.container) this.container.append(this.#plot.root);
      this.#plot.setData(data);
      return;
    }
    this.#plot?.destroy();
    this.#plot = new uPlot(
      {
        width,
        height: 160,
        series: [
          {},
          { label: 'in', stroke: '#1565c0', width: 1.5, fill: 'rgba(21,101,192,0.08)', value: (_u, v) => formatBps(v) },
          { label: 'out', stroke: '#e07000', width: 1.5, value: (_u, v) => formatBps(v) },
        ],
        axes: [{}, { size: 86, values: (_u, ticks) => ticks.map((t) => formatBps(t)) }],
        scales: { y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
        legend: { live: true },
      },
      data,
      this.container,
    );
  }

  destroy(): void {
    this.#plot?.destroy();
    this.#plot = null;
    this.points = 0;
  }
}
