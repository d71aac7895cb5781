import { fingerprint } from '../../core/fingerprint.js';
import { userKey } from '../../core/principal-name.js';
import { liveDatasourceKey, livePermissionsKey, liveTeamKey, liveUserKey } from './addresses.js';
import type { ChartioLive, LivePermission } from './live-state.js';

/**
 * One fingerprint per live object a change can touch (see the `live*Key` helpers): a team's
 * name and members, a user's teams, a dashboard's or datasource's permission list, a
 * datasource's alias. Order-independent, so paging order does not make a plan stale.
 */
export function fingerprintChartioLive(live: ChartioLive): Record<string, string> {
  const out: Record<string, string> = {};
  for (const team of live.teams) {
    out[liveTeamKey(team.id)] = fingerprint({ name: team.name, members: team.members.map((m) => userKey(m.email)).sort() });
  }
  for (const user of live.users) {
    out[liveUserKey(user.id)] = fingerprint({ email: userKey(user.email), teams: [...user.teamIds].sort((a, b) => a - b) });
  }
  for (const dashboard of live.dashboards) {
    if (dashboard.permissions) out[livePermissionsKey('dashboards', dashboard.id)] = fingerprint(permissionList(dashboard.permissions));
  }
  for (const datasource of live.datasources) {
    out[liveDatasourceKey(datasource.id)] = fingerprint({ alias: datasource.alias });
    if (datasource.permissions) out[livePermissionsKey('datasources', datasource.id)] = fingerprint(permissionList(datasource.permissions));
  }
  return out;
}

function permissionList(permissions: LivePermission[]): string[] {
  return permissions.map((p) => `${p.principal.type}:${p.principal.id}:${p.level}`).sort();
}
