/** Numbers for people: bit rates, percents, ages. Pure. */

/** 1234567 → "1.23 Mbit/s"; null → "–". */
export function formatBps(bps: number | null | undefined): string {
  if (bps === null || bps === undefined || !Number.isFinite(bps)) return '–';
  const units = ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s', 'Tbit/s'];
  let v = Math.abs(bps);
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u += 1;
  }
  const digits = v >= 100 || u === 0 ? 0 : v >= 10 ? 1 : 2;
  return `${(Math.sign(bps) * v).toFixed(digits)} ${units[u]}`;
}

/** An interface speed: 1e9 → "1 Gbit/s" (no decimals when whole). */
export function formatSpeed(bps: number | null | undefined): string {
  if (bps === null || bps === undefined || !Number.isFinite(bps) || bps <= 0) return '–';
  const units: Array<[number, string]> = [[1e12, 'Tbit/s'], [1e9, 'Gbit/s'], [1e6, 'Mbit/s'], [1e3, 'kbit/s']];
  for (const [scale, name] of units) if (bps >= scale) return `${Number((bps / scale).toFixed(2))} ${name}`;
  return `${bps} bit/s`;
}

export function formatPercent(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '–';
  return `${p < 10 ? p.toFixed(1) : Math.round(p)} %`;
}

export function formatRate(perSec: number | null | undefined): string {
  if (perSec === null || perSec === undefined || !Number.isFinite(perSec)) return '–';
  return perSec === 0 ? '0' : perSec < 10 ? `${perSec.toFixed(2)}/s` : `${Math.round(perSec)}/s`;
}

/** "12 s ago", "3 min ago", "2 h ago"; null/invalid → "never". */
export function formatAge(iso: string | null | undefined, nowMs: number): string {
  if (iso === null || iso === undefined) return 'never';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return 'never';
  const s = Math.max(0, Math.round((nowMs - t) / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min ago`;
  if (s < 48 * 3600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}
