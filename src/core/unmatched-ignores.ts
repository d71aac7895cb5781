import type { IgnoreRule } from '../config/safety-spec.js';
import { matchesGlob } from './address-glob.js';

/**
 * The indexes of the `ignore:` rules that match no address at all: no planned change, nothing a
 * change also alters, nothing the file or live state holds. Such a rule leaves nothing alone,
 * usually because of a typo (`team[Contractrs].member[*]`), and deserves a warning at its line.
 * Pure; `addresses` is every address the planner knows.
 */
export function unmatchedIgnoreRules(rules: readonly IgnoreRule[], addresses: Iterable<string>): number[] {
  const open = new Set(rules.map((_, index) => index));
  if (open.size === 0) return [];
  for (const address of addresses) {
    for (const index of open) if (matchesGlob(rules[index]!.address, address)) open.delete(index);
    if (open.size === 0) break;
  }
  return [...open].sort((a, b) => a - b);
}
