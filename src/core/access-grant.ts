/** One way a user reaches a resource: the provider-neutral shape of an access review. */
export interface AccessGrant {
  user: string;
  /** `dashboard:revenue`, `datasource:dw`, `Main Org./folder:ops` … */
  resource: string;
  level: string;
  /** `direct`, `team:Marketing`, `role:Viewer`. */
  via: string;
}

/** A user's effective access to one resource: the highest level, and every path that grants access. */
export interface EffectiveAccess {
  user: string;
  resource: string;
  level: string;
  paths: { level: string; via: string }[];
}

/**
 * Folds grants into effective access: when several paths grant access, the highest level
 * wins and all paths are kept. `rank` orders the provider's levels. Sorted by user, resource.
 */
export function effectiveAccess(grants: readonly AccessGrant[], rank: (level: string) => number): EffectiveAccess[] {
  const byPair = new Map<string, EffectiveAccess>();
  for (const grant of grants) {
    const key = `${grant.user}\u0000${grant.resource}`;
    const entry = byPair.get(key) ?? { user: grant.user, resource: grant.resource, level: grant.level, paths: [] };
    entry.paths.push({ level: grant.level, via: grant.via });
    if (rank(grant.level) > rank(entry.level)) entry.level = grant.level;
    byPair.set(key, entry);
  }
  return [...byPair.values()].sort((a, b) => a.user.localeCompare(b.user) || a.resource.localeCompare(b.resource));
}

/** One order for every provider's level words: view < edit < admin. */
export function levelRank(level: string): number {
  const ranks: Record<string, number> = { viewer: 1, view: 1, editor: 2, edit: 2, admin: 3 };
  return ranks[level.toLowerCase()] ?? 0;
}
