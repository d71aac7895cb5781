import { addressPrefixes } from './address-prefixes.js';
import { closestNames } from './closest-names.js';
import { isAtOrBelow } from './select-targets.js';

/** A `--target` that names nothing the planner knows, with the nearest addresses that exist. */
export interface UnmatchedTarget {
  target: string;
  suggestions: string[];
}

/**
 * The `--target` addresses that are no change's address (nor above one) and no address the file
 * or live state holds: a typo such as `team[Marketng]`, which would otherwise plan "No changes"
 * and exit 0. A target that names a real object with nothing to change is not here (the plan
 * then says "No changes" with the targeting warning, as Terraform does).
 *
 * Suggestions come from the changes' addresses and the addresses above them first (what the
 * target was most likely meant to select), else from every known address. Pure.
 */
export function unmatchedTargets(targets: readonly string[], changeAddresses: readonly string[], knownAddresses: readonly string[]): UnmatchedTarget[] {
  const unmatched = targets.filter(
    (target) => !changeAddresses.some((address) => isAtOrBelow(address, target)) && !knownAddresses.some((address) => isAtOrBelow(address, target)),
  );
  if (unmatched.length === 0) return [];
  const fromChanges = withPrefixes(changeAddresses);
  let fromKnown: Set<string> | undefined;
  return unmatched.map((target) => {
    const near = closestNames(target, fromChanges);
    if (near.length > 0) return { target, suggestions: near };
    fromKnown ??= withPrefixes(knownAddresses);
    return { target, suggestions: closestNames(target, fromKnown) };
  });
}

function withPrefixes(addresses: readonly string[]): Set<string> {
  const all = new Set<string>();
  for (const address of addresses) {
    all.add(address);
    for (const prefix of addressPrefixes(address)) all.add(prefix);
  }
  return all;
}

/** The error line for one unmatched target (without `error: `), suggestions quoted as written. */
export function unmatchedTargetMessage({ target, suggestions }: UnmatchedTarget): string {
  if (suggestions.length === 0) return `--target ${target} matches no change, and nothing the file or live state holds`;
  return `--target ${target} matches no change; did you mean ${orList(suggestions)}?`;
}

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
