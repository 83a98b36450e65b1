/** Plain-text tables and figure formatting for `npm run bench` (stdout only). */

/** "ok" when a target is met, "MISSED" otherwise: a missed target is a figure, never a failure. */
export function verdict(ok: boolean): string {
  return ok ? 'ok' : 'MISSED';
}

/** Fixed decimals with thousands separators: 1234567.8 → "1,234,568" (digits 0). */
export function num(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Prints a titled table: first column left-aligned, the others right-aligned. */
export function printTable(title: string, header: readonly string[], rows: readonly (readonly string[])[], notes: readonly string[] = []): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  const out = ['', `## ${title}`, line(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const row of rows) out.push(line(row));
  for (const note of notes) out.push(`  ${note}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** CPU seconds (user + system) of this process since `since` (a process.cpuUsage() reading). */
export function cpuSecondsSince(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e6;
}
