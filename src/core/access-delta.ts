import type { EffectiveAccess } from './access-grant.js';
import type { DriftDirection } from './drift-direction.js';

/** One user's effective level on one resource, before and after; `undefined` is no access. */
export interface AccessMove {
  user: string;
  resource: string;
  from?: string;
  to?: string;
}

/** What a change does to effective access: who gains (a new or higher level) and who loses (a lower level, or none). */
export interface AccessDelta {
  gained: AccessMove[];
  lost: AccessMove[];
}

/**
 * Compares two effective-access lists pair by pair (user, resource), by level only: a path
 * that changes while the highest level stays (a team renamed, a second grant at the same
 * level) moves no access. Pure; lists in the order of their pairs, `after` first.
 */
export function accessDelta(before: readonly EffectiveAccess[], after: readonly EffectiveAccess[], rank: (level: string) => number): AccessDelta {
  const key = (entry: { user: string; resource: string }) => `${entry.user}\u0000${entry.resource}`;
  const was = new Map(before.map((entry) => [key(entry), entry]));
  const gained: AccessMove[] = [];
  const lost: AccessMove[] = [];
  for (const now of after) {
    const old = was.get(key(now));
    was.delete(key(now));
    const [from, to] = [old ? rank(old.level) : 0, rank(now.level)];
    const move = { user: now.user, resource: now.resource, ...(old ? { from: old.level } : {}), to: now.level };
    if (to > from) gained.push(move);
    else if (to < from) lost.push(move);
  }
  // What `after` no longer has at all, unless its level ranked as no access anyway.
  for (const old of was.values()) if (rank(old.level) > 0) lost.push({ user: old.user, resource: old.resource, from: old.level });
  return { gained, lost };
}

/**
 * Drift reads a change backwards: it is what would make live as Git says. A change that
 * takes access away (and gives none) means live has more than Git: `widened`; one that only
 * gives means live has less: `narrowed`; both, or no difference in access at all (a rename, a
 * team's email, an alias), `changed`. Pure.
 */
export function directionFromDelta(delta: AccessDelta): DriftDirection {
  const lost = delta.lost.length > 0;
  const gained = delta.gained.length > 0;
  if (lost && !gained) return 'widened';
  if (gained && !lost) return 'narrowed';
  return 'changed';
}
