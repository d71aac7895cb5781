import type { AuditPerson } from '../../core/person-review.js';
import type { GrafanaLive } from './live-state.js';

/**
 * What Grafana says of each user, named by login as the audit names them: when last seen
 * (`lastSeenAt` of the user and org-user searches; a user never seen shows as ten years ago)
 * and whether disabled (`isDisabled`: a disabled user keeps grants and memberships).
 */
export function grafanaAuditPeople(live: GrafanaLive): AuditPerson[] {
  const people = new Map<string, AuditPerson>();
  const all = [...live.users, ...live.orgs.flatMap((org) => org.users ?? [])];
  for (const user of all) {
    const person = people.get(user.login) ?? { name: user.login };
    if (user.lastSeenAt !== undefined) person.lastSeenAt = user.lastSeenAt;
    if (user.isDisabled === true) person.disabled = true;
    people.set(user.login, person);
  }
  return [...people.values()];
}
