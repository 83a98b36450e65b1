/** Link utilisation → edge colour, width and dash on one fixed scale (the same colour means the same load on every map). Pure. */

export interface UtilizationBand {
  /** Upper bound (exclusive), percent. */
  readonly belowPercent: number;
  readonly name: 'idle' | 'low' | 'moderate' | 'busy' | 'saturated';
  readonly label: string;
  readonly color: string;
}

/*
 * Fixed bands rather than a scale relative to the busiest link: a map that recolours itself when
 * the busiest link calms down would show a quiet network as "hot". Weathermap-like order (cool →
 * warm), with purple for saturation so it never reads as the red of a down link.
 */
export const UTILIZATION_BANDS: readonly UtilizationBand[] = [
  { belowPercent: 1, name: 'idle', label: 'idle (< 1 %)', color: '#7f9bb8' },
  { belowPercent: 25, name: 'low', label: '1–25 %', color: '#2e8b57' },
  { belowPercent: 50, name: 'moderate', label: '25–50 %', color: '#c9a200' },
  { belowPercent: 75, name: 'busy', label: '50–75 %', color: '#e07000' },
  { belowPercent: Number.POSITIVE_INFINITY, name: 'saturated', label: 'saturated (≥ 75 %)', color: '#8e24aa' },
];

export const DOWN_COLOR = '#d32f2f';
export const UNKNOWN_COLOR = '#a0a0a0';
/** Width of an idle link and of a link at (or beyond) 100 %, pixels at zoom 1. */
export const MIN_WIDTH_PX = 2;
export const MAX_WIDTH_PX = 12;
/** "Hot" in the interface filter and the problems view: busy or saturated. */
export const HOT_UTILIZATION_PERCENT = 50;

export type LineStyle = 'solid' | 'dashed' | 'dotted';

export interface EdgeLook {
  readonly color: string;
  readonly widthPx: number;
  readonly lineStyle: LineStyle;
  /** Band name, `down` or `unknown`: what the legend and the text twin call it. */
  readonly band: UtilizationBand['name'] | 'down' | 'unknown';
}

/** The band a utilisation (percent) falls in; null, NaN or negative → null (unknown). */
export function bandOf(utilization: number | null | undefined): UtilizationBand | null {
  if (utilization === null || utilization === undefined || !Number.isFinite(utilization) || utilization < 0) return null;
  for (const band of UTILIZATION_BANDS) if (utilization < band.belowPercent) return band;
  return null; // unreachable: the last band is unbounded
}

/** How a link is drawn: down → red dashed; unknown utilisation → thin grey dotted; else by band, width growing with load. */
export function edgeLook(status: string, utilization: number | null | undefined): EdgeLook {
  if (status === 'down') return { color: DOWN_COLOR, widthPx: 3, lineStyle: 'dashed', band: 'down' };
  const band = bandOf(utilization);
  if (band === null || utilization === null || utilization === undefined) return { color: UNKNOWN_COLOR, widthPx: 1.5, lineStyle: 'dotted', band: 'unknown' };
  const clamped = Math.min(utilization, 100);
  const widthPx = Math.round((MIN_WIDTH_PX + ((MAX_WIDTH_PX - MIN_WIDTH_PX) * clamped) / 100) * 10) / 10;
  return { color: band.color, widthPx, lineStyle: 'solid', band: band.name };
}

export const STATUS_COLORS: Readonly<Record<string, string>> = {
  up: '#2e7d32',
  unreachable: '#c62828',
  'auth-failed': '#ef6c00',
  pending: '#9e9e9e',
  unknown: '#b0bec5',
};

/** Node fill for a device status; anything unexpected is drawn as unknown. */
export function statusColor(status: string): string {
  return STATUS_COLORS[status] ?? STATUS_COLORS['unknown'] ?? '#b0bec5';
}

export type NodeShape = 'ellipse' | 'round-rectangle' | 'triangle' | 'hexagon' | 'diamond' | 'round-tag';

/** One shape per role, so role reads without colour (colour is the status). */
export const ROLE_SHAPES: Readonly<Record<string, NodeShape>> = {
  router: 'ellipse',
  switch: 'round-rectangle',
  'wireless-ap': 'triangle',
  'wireless-controller': 'hexagon',
  other: 'diamond',
};

export function roleShape(role: string | null): NodeShape {
  return role === null ? 'round-tag' : (ROLE_SHAPES[role] ?? 'diamond');
}
