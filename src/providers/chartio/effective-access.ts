import type { AccessGrant } from '../../core/access-grant.js';
import type { ChartioLive, LivePermission } from './live-state.js';

/** The Owners team's path: admin on everything. */
export const OWNERS_VIA = 'owners';

/** The principal of a dashboard shared by link: whoever holds the link, signed in or not. No email can be spelled so. */
export const ANYONE_WITH_THE_LINK = 'anyone with the link';

/** The Owners team's level on every dashboard and datasource; both kinds' highest (DESIGN §4). */
const OWNERS_LEVEL = 'admin';

const dashboardResource = (slug: string) => `dashboard:${slug}`;
const datasourceResource = (slug: string) => `datasource:${slug}`;

/** Titles beside slugs in the audit: a dashboard's title, a datasource's alias (its name in Chartio's UI). Pure. */
export function chartioAuditTitles(live: ChartioLive): Record<string, string> {
  return Object.fromEntries([
    ...live.dashboards.filter((dashboard) => dashboard.title).map((dashboard) => [dashboardResource(dashboard.slug), dashboard.title]),
    ...live.datasources.filter((datasource) => datasource.alias).map((datasource) => [datasourceResource(datasource.slug), datasource.alias]),
  ]);
}

/**
 * Chartio's effective-access model: every path by which someone reaches a dashboard or a
 * datasource, one row per path (`core/access-grant.ts` folds them, the highest level winning):
 *
 * - `direct`: a permission naming the user;
 * - `team:<name>`: a permission naming a team reaches each member. Members of "Added from
 *   Dashboard" (people who got in through sharing) keep `team:Added from Dashboard`; item 2 of
 *   issue 14 will flag them;
 * - `owners`: members of the Owners team have "global admin permissions" (seed) and can grant
 *   themselves anything, so they hold admin on every dashboard and datasource, granted or not;
 * - `link_sharing`: a dashboard whose `link_sharing_access` is `viewer` or `editor` is open at that
 *   level to `anyone with the link`; `none`, or a value the server left out, adds nothing.
 *
 * Pure: live state in, rows out, in resource order, each resource's rows in the order above.
 */
export function chartioAuditGrants(live: ChartioLive): AccessGrant[] {
  const members = new Map(live.teams.map((team) => [team.id, team.members.map((m) => m.email)]));
  const owners = live.teams.filter((team) => team.isOwner).flatMap((team) => team.members.map((m) => m.email));
  const fromPermissions = (resource: string, permissions: readonly LivePermission[] = []): AccessGrant[] =>
    permissions.flatMap(({ principal, level }) =>
      principal.type === 'user'
        ? [{ user: principal.email, resource, level, via: 'direct' }]
        : (members.get(principal.id) ?? []).map((user) => ({ user, resource, level, via: `team:${principal.name}` })),
    );
  const fromOwners = (resource: string): AccessGrant[] => owners.map((user) => ({ user, resource, level: OWNERS_LEVEL, via: OWNERS_VIA }));

  return [
    ...live.dashboards.flatMap((dashboard) => {
      const resource = dashboardResource(dashboard.slug);
      const sharing = dashboard.linkSharing;
      const byLink = sharing === 'viewer' || sharing === 'editor' ? [{ user: ANYONE_WITH_THE_LINK, resource, level: sharing, via: 'link_sharing' }] : [];
      return [...fromPermissions(resource, dashboard.permissions), ...fromOwners(resource), ...byLink];
    }),
    ...live.datasources.flatMap((datasource) => {
      const resource = datasourceResource(datasource.slug);
      return [...fromPermissions(resource, datasource.permissions), ...fromOwners(resource)];
    }),
  ];
}
