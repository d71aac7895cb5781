import { orgAddress, orgUserAddress, permissionsAddress, resourceAddress, teamAddress, teamMemberAddress } from './addresses.js';
import type { GrafanaDocument } from './desired-state.js';
import type { GrafanaLive, GrafanaUser } from './live-state.js';

/**
 * Every address the file or the live instance holds, in the planner's forms (addresses.ts),
 * whether or not anything changes there: orgs (and `previously:` names), org users and team
 * members by login and by email (the file may write either), teams, and folders and dashboards
 * with their permission lists. `--target` tells a typo from an object already as the file says
 * by it, and `ignore:` a rule that matches nothing.
 */
export function grafanaKnownAddresses(desired: GrafanaDocument, live: GrafanaLive): string[] {
  const known = new Set<string>();
  const resource = (org: string, kind: 'folder' | 'dashboard', uid: string) => {
    known.add(resourceAddress(org, kind, uid));
    known.add(permissionsAddress(org, kind, uid));
  };
  for (const [org, spec] of Object.entries(desired.orgs ?? {})) {
    for (const name of [org, ...(spec.previously ?? [])]) known.add(orgAddress(name));
    for (const user of Object.keys(spec.users ?? {})) known.add(orgUserAddress(org, user));
    for (const [team, teamSpec] of Object.entries(spec.teams ?? {})) {
      for (const name of [team, ...(teamSpec.previously ?? [])]) known.add(teamAddress(org, name));
      for (const member of teamSpec.members ?? []) known.add(teamMemberAddress(org, team, member));
    }
    for (const uid of Object.keys(spec.folders ?? {})) resource(org, 'folder', uid);
    for (const uid of Object.keys(spec.dashboards ?? {})) resource(org, 'dashboard', uid);
  }
  const names = (user: GrafanaUser) => (user.email && user.email !== user.login ? [user.login, user.email] : [user.login]);
  for (const org of live.orgs) {
    known.add(orgAddress(org.name));
    for (const user of org.users ?? []) for (const name of names(user)) known.add(orgUserAddress(org.name, name));
    for (const team of org.teams ?? []) {
      known.add(teamAddress(org.name, team.name));
      for (const member of team.members) for (const name of names(member)) known.add(teamMemberAddress(org.name, team.name, name));
    }
    for (const folder of org.folders ?? []) resource(org.name, 'folder', folder.uid);
    for (const dashboard of org.dashboards ?? []) resource(org.name, 'dashboard', dashboard.uid);
  }
  return [...known];
}
