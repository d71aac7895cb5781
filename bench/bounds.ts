/** Lower bounds the benchmark figures are reported against (issue 7). Pure. */

export interface CollectionSizes {
  teams: number;
  users: number;
  dashboards: number;
  datasources: number;
  /** Permission count of every object whose permission list is read. */
  permissionLists: number[];
}

const pages = (items: number, pageSize: number) => Math.max(1, Math.ceil(items / pageSize));

/** The fewest requests the Chartio API allows for a full refresh: every page of every collection and permission list. */
export function minimumRefreshRequests(sizes: CollectionSizes, pageSize: number): number {
  return (
    pages(sizes.teams, pageSize) +
    pages(sizes.users, pageSize) +
    pages(sizes.dashboards, pageSize) +
    pages(sizes.datasources, pageSize) +
    sizes.permissionLists.reduce((sum, n) => sum + pages(n, pageSize), 0)
  );
}

/**
 * Time bound: the requests spread over the parallel slots, plus the round trips that cannot
 * overlap (first pages, then the remaining pages, then the permission lists: about four).
 */
export function timeBoundSeconds(requests: number, latencyMs: number, parallelism: number, criticalRoundTrips: number): number {
  return (requests * latencyMs) / parallelism / 1000 + (criticalRoundTrips * latencyMs) / 1000;
}

/**
 * Under a token bucket of N per second that starts full (the simulator's), the first N
 * requests go at once and the rest at N per second.
 */
export function rateBoundSeconds(requests: number, perSecond: number): number {
  return Math.max(0, requests - perSecond) / perSecond;
}

/** Longest chain of dependencies in a plan (1 for independent changes). */
export function dependencyDepth(changes: readonly { id: string; dependsOn: readonly string[] }[]): number {
  const byId = new Map(changes.map((c) => [c.id, c]));
  const memo = new Map<string, number>();
  const depth = (id: string): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const change = byId.get(id);
    const value = 1 + Math.max(0, ...(change?.dependsOn ?? []).filter((d) => byId.has(d)).map(depth));
    memo.set(id, value);
    return value;
  };
  return Math.max(0, ...changes.map((c) => depth(c.id)));
}
