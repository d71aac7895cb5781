/**
 * The candidates nearest to a mistyped name, for "did you mean" hints: by edit distance,
 * case-insensitive, within about a third of the name's length; at most `limit`.
 */
export function closestNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
  return scoredNames(name, candidates)
    .slice(0, limit)
    .map(([candidate]) => candidate);
}

/**
 * Only the nearest of `closestNames` (all tied at the smallest distance): for names that share a
 * long common part, such as emails at one domain, where "bobb@example.com" is one edit from
 * bob@ and four from dave@, and only the first is a likely typo.
 */
export function nearestNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const scored = scoredNames(name, candidates);
  return scored
    .filter(([, distance]) => distance === scored[0]![1])
    .slice(0, limit)
    .map(([candidate]) => candidate);
}

function scoredNames(name: string, candidates: Iterable<string>): [string, number][] {
  const threshold = Math.max(2, Math.floor(name.length / 3));
  const scored: [string, number][] = [];
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase(), threshold);
    if (distance <= threshold) scored.push([candidate, distance]);
  }
  return scored.sort(([a, da], [b, db]) => da - db || a.localeCompare(b));
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

/** `; did you mean "a", "b"?` for a message, or nothing when no name is close. */
export function didYouMean(names: readonly string[]): string {
  return names.length ? `; did you mean ${names.map((name) => `"${name}"`).join(', ')}?` : '';
}
