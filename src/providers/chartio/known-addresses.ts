import { aliasAddress, memberAddress, permissionAddress, resourceAddress, teamAddress, userAddress } from './addresses.js';
import type { ChartioDocument } from './desired-state.js';
import type { ChartioLive, LivePermission } from './live-state.js';

/**
 * Every address the file or the live org holds, in the planner's forms (addresses.ts), whether
 * or not anything changes there: teams (and their `previously:` names), members, users,
 * dashboards and datasources with their permissions and aliases. `--target` tells a typo from an
 * object already as the file says by it, and `ignore:` a rule that matches nothing.
 */
export function chartioKnownAddresses(desired: ChartioDocument, live: ChartioLive): string[] {
  const known = new Set<string>();
  for (const [name, spec] of Object.entries(desired.teams ?? {})) {
    for (const team of [name, ...(spec.previously ?? [])]) known.add(teamAddress(team));
    for (const email of spec.members ?? []) {
      known.add(memberAddress(name, email));
      known.add(userAddress(email));
    }
  }
  for (const [kind, objects] of [['dashboard', desired.dashboards], ['datasource', desired.datasources]] as const) {
    for (const [slug, spec] of Object.entries(objects ?? {})) {
      known.add(resourceAddress(kind, slug));
      if (kind === 'datasource' && (spec as { alias?: string }).alias !== undefined) known.add(aliasAddress(slug));
      for (const team of Object.keys(spec.permissions?.teams ?? {})) known.add(permissionAddress(kind, slug, 'team', team));
      for (const email of Object.keys(spec.permissions?.users ?? {})) {
        known.add(permissionAddress(kind, slug, 'user', email));
        known.add(userAddress(email));
      }
    }
  }
  for (const team of live.teams) {
    known.add(teamAddress(team.name));
    for (const member of team.members) known.add(memberAddress(team.name, member.email));
  }
  for (const user of live.users) known.add(userAddress(user.email));
  const livePermissions = (kind: 'dashboard' | 'datasource', slug: string, permissions: readonly LivePermission[] | undefined) => {
    for (const { principal } of permissions ?? []) {
      known.add(principal.type === 'team' ? permissionAddress(kind, slug, 'team', principal.name) : permissionAddress(kind, slug, 'user', principal.email));
    }
  };
  for (const dashboard of live.dashboards) {
    known.add(resourceAddress('dashboard', dashboard.slug));
    livePermissions('dashboard', dashboard.slug, dashboard.permissions);
  }
  for (const datasource of live.datasources) {
    known.add(resourceAddress('datasource', datasource.slug));
    known.add(aliasAddress(datasource.slug));
    livePermissions('datasource', datasource.slug, datasource.permissions);
  }
  return [...known];
}
