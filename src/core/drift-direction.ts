/**
 * Which way access moved outside Git, in the order a reviewer should read drift: `widened`
 * (live gives someone access, or more of it, that Git does not), `narrowed` (live gives less
 * than Git), `changed` (both at once, or neither: a rename, a team's email, an alias).
 */
export const DRIFT_DIRECTIONS = ['widened', 'narrowed', 'changed'] as const;
export type DriftDirection = (typeof DRIFT_DIRECTIONS)[number];

/** A stable order, widened first: items of the same direction keep the order they came in. */
export function byDirectionOrder<T extends { direction: DriftDirection }>(items: readonly T[]): T[] {
  return DRIFT_DIRECTIONS.flatMap((direction) => items.filter((item) => item.direction === direction));
}

/** Every direction counted, zeros included, so a report's counts always have the same keys. */
export function countByDirection(items: readonly { direction: DriftDirection }[]): Record<DriftDirection, number> {
  const counts = { widened: 0, narrowed: 0, changed: 0 };
  for (const item of items) counts[item.direction] += 1;
  return counts;
}
