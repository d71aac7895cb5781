import type { ChartioDocument, ChartioDashboardSpec, ChartioDatasourceSpec, PermissionSpec } from './desired-state.js';
import { ADDED_FROM_DASHBOARD, type ChartioLive, type LivePermission } from './live-state.js';

/**
 * The live org as a desired-state document: planning this document against the same org
 * gives no changes. The "Added from Dashboard" team is left out (its members cannot be
 * written in a file: the API cannot add to it), as are dashboards without permissions.
 */
export function exportChartioDocument(live: ChartioLive): ChartioDocument {
  const teams: NonNullable<ChartioDocument['teams']> = {};
  for (const team of [...live.teams].sort(byOwnerThenName)) {
    if (team.name === ADDED_FROM_DASHBOARD) continue;
    teams[team.name] = { members: team.members.map((m) => m.email).sort() };
  }
  const dashboards: Record<string, ChartioDashboardSpec> = {};
  for (const dashboard of [...live.dashboards].sort((a, b) => a.slug.localeCompare(b.slug) || a.id - b.id)) {
    if (!dashboard.permissions?.length) continue;
    const key = uniqueKey(dashboards, dashboard.slug, dashboard.id);
    dashboards[key] = {
      ...(key === dashboard.slug ? {} : { id: dashboard.id }),
      permissions: permissionSpec(dashboard.permissions),
    };
  }
  const datasources: Record<string, ChartioDatasourceSpec> = {};
  for (const datasource of [...live.datasources].sort((a, b) => a.slug.localeCompare(b.slug) || a.id - b.id)) {
    const key = uniqueKey(datasources, datasource.slug, datasource.id);
    datasources[key] = {
      ...(key === datasource.slug ? {} : { id: datasource.id }),
      alias: datasource.alias,
      ...(datasource.permissions?.length ? { permissions: permissionSpec(datasource.permissions) } : {}),
    };
  }
  return {
    version: 1,
    provider: 'chartio',
    chartio: { org: live.org },
    manage: { teams: 'listed', members: 'authoritative', users: 'keep', dashboards: 'listed', datasources: 'listed' },
    teams,
    dashboards,
    datasources,
  };
}

/** Live levels are the API's own words (viewer, editor, admin), so they are valid levels of their kind. */
function permissionSpec<Level extends string>(permissions: LivePermission[]): PermissionSpec<Level> {
  const teams: Record<string, Level> = {};
  const users: Record<string, Level> = {};
  for (const p of permissions) {
    if (p.principal.type === 'team') teams[p.principal.name] = p.level as Level;
    else users[p.principal.email] = p.level as Level;
  }
  const sorted = (record: Record<string, Level>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  return {
    ...(Object.keys(teams).length ? { teams: sorted(teams) } : {}),
    ...(Object.keys(users).length ? { users: sorted(users) } : {}),
  };
}

/** Slugs are not guaranteed unique; a second object with the same slug is keyed `slug-ID` and pinned by `id:`. */
function uniqueKey(taken: Record<string, unknown>, slug: string, id: number): string {
  return Object.hasOwn(taken, slug) ? `${slug}-${id}` : slug;
}

function byOwnerThenName(a: { isOwner: boolean; name: string }, b: { isOwner: boolean; name: string }): number {
  return Number(b.isOwner) - Number(a.isOwner) || a.name.localeCompare(b.name);
}
