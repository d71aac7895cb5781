import type { AccessGrant } from '../../core/access-grant.js';
import type { GrafanaLive } from './live-state.js';
import { userKey } from '../../core/principal-name.js';

/**
 * Who reaches which folder and dashboard (of the orgs and objects read), and through what:
 * a team entry reaches its members, a role entry every org user holding that role.
 */
export function grafanaAuditGrants(live: GrafanaLive): AccessGrant[] {
  const grants: AccessGrant[] = [];
  const loginOf = new Map(live.users.map((u) => [userKey(u.login), u.login]));
  for (const org of live.orgs) {
    const teams = new Map((org.teams ?? []).map((team) => [team.name, team.members.map((m) => m.login)]));
    const targets = [
      ...(org.folders ?? []).map((t) => ({ resource: `${org.name}/folder:${t.uid}`, items: t.items })),
      ...(org.dashboards ?? []).map((t) => ({ resource: `${org.name}/dashboard:${t.uid}`, items: t.items })),
    ];
    for (const { resource, items } of targets) {
      for (const item of items) {
        const level = item.permission;
        const p = item.principal;
        if ('user' in p) grants.push({ user: loginOf.get(userKey(p.user)) ?? p.user, resource, level, via: 'direct' });
        else if ('team' in p) for (const login of teams.get(p.team) ?? []) grants.push({ user: login, resource, level, via: `team:${p.team}` });
        else for (const u of org.users ?? []) if (u.role === p.role) grants.push({ user: u.login, resource, level, via: `role:${p.role}` });
      }
    }
  }
  return grants;
}
