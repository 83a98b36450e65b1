/** Durations ("30s", "1h30m") and sizes ("512MiB") as people write them, to and from ms and bytes. Pure. */
import { LinkscopeError } from '../model/errors.js';

const DURATION_UNITS_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  // Weeks: InfluxDB writes retention policies in them ("104w" = two years of rollups).
  w: 604_800_000,
};

// Go-style compound durations ("1h30m", "1.5s"), the form Prometheus and Telegraf users already write.
const DURATION_RE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;
const DURATION_PART_RE = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;

export const DURATION_HINT = 'use e.g. "500ms", "30s", "5m", "1h", "1d"';

/** Milliseconds for a duration string, or undefined when the text is not one. Never throws. */
export function tryParseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DURATION_RE.test(trimmed)) return undefined;
  let totalMs = 0;
  for (const match of trimmed.matchAll(DURATION_PART_RE)) {
    const amount = Number(match[1]);
    const unitMs = DURATION_UNITS_MS[match[2] ?? ''];
    if (unitMs === undefined) return undefined;
    totalMs += amount * unitMs;
  }
  // Sub-millisecond precision means nothing to a poller; round rather than reject "1.0005s".
  const rounded = Math.round(totalMs);
  return Number.isSafeInteger(rounded) ? rounded : undefined;
}

/** Milliseconds for a duration string; throws LS_CONFIG_INVALID naming the text and the accepted forms. */
export function parseDuration(text: string): number {
  const ms = tryParseDuration(text);
  if (ms === undefined) {
    throw new LinkscopeError('LS_CONFIG_INVALID', `${JSON.stringify(text)} is not a duration; ${DURATION_HINT}`);
  }
  return ms;
}

/** The shortest exact form: 60000 → "1m", 90000 → "90s", 1500 → "1500ms", 0 → "0s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return `${ms}ms`;
  if (ms === 0) return '0s';
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const unitMs = DURATION_UNITS_MS[unit] ?? 1;
    if (ms % unitMs === 0) return `${ms / unitMs}${unit}`;
  }
  return `${ms}ms`;
}

// Binary units are what disks and `du -h` show; decimal ones are accepted because people write them.
const SIZE_UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};
const SIZE_RE = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i;

export const SIZE_HINT = 'use e.g. "1GiB", "512MiB", "100MB" or a number of bytes';

/** Bytes for "1GiB", "512MiB", "100MB", "4096" or a whole number; undefined when not a size. */
export function tryParseSize(value: string | number): number | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  }
  const match = SIZE_RE.exec(value.trim());
  if (match === null) return undefined;
  const unit = (match[2] ?? '').toLowerCase();
  const factor = unit === '' ? 1 : SIZE_UNITS[unit];
  if (factor === undefined) return undefined;
  const bytes = Math.round(Number(match[1]) * factor);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** Bytes for a size; throws LS_CONFIG_INVALID naming the text and the accepted forms. */
export function parseSize(value: string | number): number {
  const bytes = tryParseSize(value);
  if (bytes === undefined) {
    throw new LinkscopeError('LS_CONFIG_INVALID', `${JSON.stringify(value)} is not a size; ${SIZE_HINT}`);
  }
  return bytes;
}

/** The shortest exact binary form: 1073741824 → "1GiB", 1000 → "1000B". */
export function formatSize(bytes: number): string {
  for (const unit of ['TiB', 'GiB', 'MiB', 'KiB'] as const) {
    const factor = SIZE_UNITS[unit.toLowerCase()] ?? 1;
    if (bytes !== 0 && bytes % factor === 0) return `${bytes / factor}${unit}`;
  }
  return `${bytes}B`;
}
