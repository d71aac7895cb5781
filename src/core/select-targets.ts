import type { Change } from './change.js';

/**
 * Whether `address` is at or below `target`: `team[A]` is at or below itself and has
 * `team[A].member[x]` below it, never `team[AB]`. What `--target` matches on.
 */
export function isAtOrBelow(address: string, target: string): boolean {
  return address === target || address.startsWith(`${target}.`);
}

/**
 * `--target ADDR`: keeps the changes at or below the given addresses (`team["A"]` also
 * selects `team["A"].member["x"]`), plus everything they depend on, as Terraform does, so
 * a targeted apply is still a valid order of operations.
 */
export function selectTargets<C extends Pick<Change, 'id' | 'address' | 'dependsOn'>>(changes: readonly C[], targets: readonly string[]): C[] {
  if (targets.length === 0) return [...changes];
  const byId = new Map(changes.map((change) => [change.id, change]));
  const selected = new Set<string>();
  const visit = (change: C) => {
    if (selected.has(change.id)) return;
    selected.add(change.id);
    for (const dep of change.dependsOn) {
      const found = byId.get(dep);
      if (found) visit(found);
    }
  };
  for (const change of changes) {
    if (targets.some((target) => isAtOrBelow(change.address, target))) visit(change);
  }
  return changes.filter((change) => selected.has(change.id));
}
