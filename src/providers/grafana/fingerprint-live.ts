import { fingerprint } from '../../core/fingerprint.js';
import { userKey } from '../../core/principal-name.js';
import { liveOrgKey, liveOrgUsersKey, livePermissionsKey, liveTeamKey } from './addresses.js';
import type { GrafanaLive, LivePermissionItem } from './live-state.js';

/**
 * One fingerprint per live object a change can touch (the `live*Key` helpers of addresses.ts):
 * an org's name, an org's users and roles, a team's name, email and members, a folder's or
 * dashboard's permission list. Order-independent, so paging order does not make a plan stale.
 * Only what was read is fingerprinted: an org out of scope has no users key.
 */
export function fingerprintGrafanaLive(live: GrafanaLive): Record<string, string> {
  const out: Record<string, string> = {};
  for (const org of live.orgs) {
    out[liveOrgKey(org.id)] = fingerprint({ name: org.name });
    if (org.users) out[liveOrgUsersKey(org.id)] = fingerprint(org.users.map((u) => `${u.id}:${u.role}`).sort());
    for (const team of org.teams ?? []) {
      out[liveTeamKey(org.id, team.id)] = fingerprint({
        name: team.name,
        email: team.email,
        members: team.members.map((m) => m.id).sort((a, b) => a - b),
      });
    }
    for (const kind of ['folders', 'dashboards'] as const) {
      for (const target of org[kind] ?? []) out[livePermissionsKey(org.id, kind, target.uid)] = fingerprint(permissionList(target.items));
    }
  }
  return out;
}

function permissionList(items: LivePermissionItem[]): string[] {
  return items
    .map(({ principal, permission }) => {
      if ('team' in principal) return `team:${principal.team}:${permission}`;
      if ('user' in principal) return `user:${userKey(principal.user)}:${permission}`;
      return `role:${principal.role}:${permission}`;
    })
    .sort();
}
