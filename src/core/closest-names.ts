/**
 * The candidates nearest to a mistyped name, for "did you mean" hints: by edit distance,
 * case-insensitive, within about a third of the name's length; at most `limit`.
 */
export function closestNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const threshold = Math.max(2, Math.floor(name.length / 3));
  const scored: [string, number][] = [];
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase(), threshold);
    if (distance <= threshold) scored.push([candidate, distance]);
  }
  return scored
    .sort(([a, da], [b, db]) => da - db || a.localeCompare(b))
    .slice(0, limit)
    .map(([candidate]) => candidate);
}

/** Levenshtein distance, giving up (Infinity) when it must exceed `max` or the strings are long. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max || a.length > 256 || b.length > 256) return Infinity;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
