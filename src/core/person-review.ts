import { levelRank, type EffectiveAccess } from './access-grant.js';

/** What a target says about a person beyond their grants, for an access review. */
export interface AuditPerson {
  /** As in `AccessGrant.user`. */
  name: string;
  /** When the person was last active (ISO 8601); absent when the target does not say. */
  lastSeenAt?: string;
  disabled?: boolean;
  /** Why the person is outside the organisation, when they are ("joined through dashboard sharing"). */
  external?: string;
  /** Not one person but anyone holding something (Chartio's shared link): never counted among people. */
  anyone?: true;
}

/**
 * What an access reviewer should look at first:
 * - `stale`: can edit or administer something, and was last seen more than `staleDays` ago
 *   (a person the target never saw counts: Grafana reports them as seen ten years ago);
 * - `disabled-with-access`: disabled, and still holds grants (they come back if re-enabled);
 * - `external`: got in from outside the organisation (dashboard sharing, a shared link).
 */
export type RiskFlag = 'stale' | 'disabled-with-access' | 'external';

export interface PersonReview extends AuditPerson {
  /** The highest level the person holds anywhere. */
  highest: string;
  flags: RiskFlag[];
}

/** One review per person who reaches anything, in name order. Pure. */
export function reviewPeople(access: readonly EffectiveAccess[], people: readonly AuditPerson[], options: { now: number; staleDays: number }): PersonReview[] {
  const known = new Map(people.map((person) => [person.name, person]));
  const highest = new Map<string, string>();
  for (const entry of access) {
    const before = highest.get(entry.user);
    if (before === undefined || levelRank(entry.level) > levelRank(before)) highest.set(entry.user, entry.level);
  }
  const staleBefore = options.now - options.staleDays * 86_400_000;
  return [...highest]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, level]) => {
      const person = known.get(name) ?? { name };
      const flags: RiskFlag[] = [];
      const seen = person.lastSeenAt === undefined ? Number.NaN : Date.parse(person.lastSeenAt);
      if (levelRank(level) >= levelRank('edit') && seen < staleBefore) flags.push('stale');
      if (person.disabled === true) flags.push('disabled-with-access');
      if (person.external !== undefined) flags.push('external');
      return { ...person, highest: level, flags };
    });
}
