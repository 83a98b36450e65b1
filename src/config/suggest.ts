/** "Did you mean": the allowed name nearest to a typo. Pure. */

/** The allowed name nearest to a typo (case-insensitive, small edit distance), if any is close. */
export function closestName(name: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
  const lower = name.toLowerCase();
  for (const candidate of allowed) {
    const other = candidate.toLowerCase();
    // A shared stem ("retry" / "retries") is as telling as a small edit distance.
    const stem = lower.length >= 4 && other.startsWith(lower.slice(0, Math.max(4, lower.length - 1)));
    const d = stem ? 1 : editDistance(lower, other);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
