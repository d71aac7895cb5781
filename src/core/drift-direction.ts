import type { Change } from './change.js';

/**
 * Which way access moved outside Git, in the order a reviewer should read drift: `widened`
 * (live gives someone access, or more of it, that Git does not), `narrowed` (live gives less
 * than Git), `changed` (both at once, or neither: a rename, a team's email, an alias).
 */
export const DRIFT_DIRECTIONS = ['widened', 'narrowed', 'changed'] as const;
export type DriftDirection = (typeof DRIFT_DIRECTIONS)[number];

/**
 * Drift is the plan read backwards, so a change that would take access away (and give none)
 * means live has more than Git: widened; one that would only give access means live has less:
 * narrowed. The planners set both flags from what the change does to someone's access, and a
 * membership of Chartio's Owners or a Grafana org role reaches every resource, so a new admin
 * added by hand is widened even where the file names no resource. Pure.
 */
export function driftDirection(change: Pick<Change, 'reducesAccess' | 'grantsAccess'>): DriftDirection {
  const reduces = change.reducesAccess === true;
  const grants = change.grantsAccess === true;
  if (reduces && !grants) return 'widened';
  if (grants && !reduces) return 'narrowed';
  return 'changed';
}

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
