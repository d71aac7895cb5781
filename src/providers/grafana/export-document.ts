import type { FolderPermission, GrafanaDocument, GrafanaOrgSpec, GrafanaPermissionSpec, OrgRole } from './desired-state.js';
import type { GrafanaLive, LivePermissionTarget } from './live-state.js';
import { userSpelling } from './user-spelling.js';

/**
 * The live instance as a desired-state document: planning it against the same instance gives
 * no changes. Users are named by login (emails may be absent or shared); every org read in
 * full is written out with its users, teams (with members), folders and dashboards (with
 * their direct permission lists). Orgs whose contents were not read are left out.
 * With `spelledAs` (the file, for drift's diff), a user the file names by email is written by email.
 */
export function exportGrafanaDocument(live: GrafanaLive, spelledAs?: GrafanaDocument): GrafanaDocument {
  const name = userSpelling(live.users, spelledAs);
  const orgs: Record<string, GrafanaOrgSpec> = {};
  for (const org of [...live.orgs].sort((a, b) => a.id - b.id)) {
    if (!org.users) continue;
    const spec: GrafanaOrgSpec = {
      users: Object.fromEntries(sorted(org.users.map((u) => [name(u.login), u.role] as [string, OrgRole]))),
    };
    if (org.teams?.length) {
      spec.teams = Object.fromEntries(
        sorted(org.teams.map((team) => [team.name, { ...(team.email ? { email: team.email } : {}), members: team.members.map((m) => name(m.login)).sort() }])),
      );
    }
    if (org.folders?.length) spec.folders = targets(org.folders, name);
    if (org.dashboards?.length) spec.dashboards = targets(org.dashboards, name);
    orgs[org.name] = spec;
  }
  return {
    version: 1,
    provider: 'grafana',
    manage: { orgs: 'listed', org_users: 'authoritative', teams: 'listed', members: 'authoritative' },
    orgs,
  };
}

function targets(list: LivePermissionTarget[], name: (login: string) => string): Record<string, { permissions: GrafanaPermissionSpec }> {
  return Object.fromEntries(
    [...list].sort((a, b) => a.uid.localeCompare(b.uid)).map((target) => {
      const teams: [string, FolderPermission][] = [];
      const users: [string, FolderPermission][] = [];
      const roles: ['Viewer' | 'Editor', FolderPermission][] = [];
      for (const item of target.items) {
        const p = item.principal;
        if ('team' in p) teams.push([p.team, item.permission]);
        else if ('user' in p) users.push([name(p.user), item.permission]);
        else roles.push([p.role, item.permission]);
      }
      const permissions: GrafanaPermissionSpec = {
        ...(teams.length ? { teams: Object.fromEntries(sorted(teams)) } : {}),
        ...(users.length ? { users: Object.fromEntries(sorted(users)) } : {}),
        ...(roles.length ? { roles: Object.fromEntries(sorted(roles)) } : {}),
      };
      return [target.uid, { permissions }];
    }),
  );
}

function sorted<T>(entries: [string, T][]): [string, T][] {
  return [...entries].sort(([a], [b]) => a.localeCompare(b));
}
