import type { ReadProgress } from '../types.js';
import { halPages, type HalClient } from './hal-pages.js';
import type { ChartioLive, LiveDashboard, LiveDatasource, LivePermission, LiveTeam, LiveUser } from './live-state.js';

/** Which permission lists to read: all objects, or the ones the file lists (by slug, or pinned id). */
export interface LiveScope {
  dashboards: 'all' | { slug: string; id?: number }[];
  datasources: 'all' | { slug: string; id?: number }[];
}

interface RawSummary {
  id: number;
  name?: string;
  email?: string;
  display_name?: string;
}
interface RawTeam extends RawSummary {
  name: string;
  is_owner: boolean;
  _embedded?: { users?: RawSummary[] };
}
interface RawUser extends RawSummary {
  email: string;
}
interface RawObject {
  id: number;
  slug: string;
  title?: string;
  alias?: string;
}
interface RawPermission {
  id: number;
  access_level: string;
  _embedded?: { team?: RawSummary; user?: RawSummary };
}

/**
 * Reads what the plan needs from a Chartio org, with the fewest requests the API allows:
 * the four collections at once (teams embed their users, so memberships cost nothing
 * extra — seed: "Each team's users are listed as nested resources"), then the permission
 * lists of the dashboards and datasources in scope, all at once under the client's one
 * concurrency limit. Any failed page fails the read.
 */
export async function readChartioLive(client: HalClient, org: string, scope: LiveScope, progress?: ReadProgress): Promise<ChartioLive> {
  const counter = requestCounter(progress);
  const read = <T>(path: string, key: string) => counter.collect(halPages<T>(client, path, key));
  const base = `/${encodeURIComponent(org)}`;
  const [rawTeams, rawUsers, rawDashboards, rawDatasources] = await Promise.all([
    read<RawTeam>(`${base}/teams`, 'teams'),
    read<RawUser>(`${base}/users`, 'users'),
    read<RawObject>(`${base}/dashboards`, 'dashboards'),
    read<RawObject>(`${base}/datasources`, 'datasources'),
  ]);

  const teams: LiveTeam[] = rawTeams.map((team) => ({
    id: team.id,
    name: team.name,
    isOwner: team.is_owner === true,
    members: (team._embedded?.users ?? []).map((u) => ({ id: u.id, email: u.email ?? '' })),
  }));
  const teamIdsByUser = new Map<number, number[]>();
  for (const team of teams) for (const member of team.members) teamIdsByUser.set(member.id, [...(teamIdsByUser.get(member.id) ?? []), team.id]);
  const users: LiveUser[] = rawUsers.map((user) => ({
    id: user.id,
    email: user.email,
    ...(user.display_name !== undefined ? { displayName: user.display_name } : {}),
    teamIds: teamIdsByUser.get(user.id) ?? [],
  }));

  const readPermissions = (kind: 'dashboards' | 'datasources', id: number) =>
    read<RawPermission>(`${base}/${kind}/${id}/permissions`, 'permissions').then((list) => list.map(toPermission));
  const [dashboards, datasources] = await Promise.all([
    Promise.all(
      rawDashboards.map(async (d): Promise<LiveDashboard> => ({
        id: d.id,
        slug: d.slug,
        title: d.title ?? d.slug,
        ...(inScope(scope.dashboards, d) ? { permissions: await readPermissions('dashboards', d.id) } : {}),
      })),
    ),
    Promise.all(
      rawDatasources.map(async (d): Promise<LiveDatasource> => ({
        id: d.id,
        slug: d.slug,
        alias: d.alias ?? d.slug,
        ...(inScope(scope.datasources, d) ? { permissions: await readPermissions('datasources', d.id) } : {}),
      })),
    ),
  ]);
  return { org, teams, users, dashboards, datasources };
}

function inScope(scope: LiveScope['dashboards'], object: RawObject): boolean {
  return scope === 'all' || scope.some((entry) => (entry.id !== undefined ? entry.id === object.id : entry.slug === object.slug));
}

function toPermission(raw: RawPermission): LivePermission {
  const team = raw._embedded?.team;
  const user = raw._embedded?.user;
  const principal: LivePermission['principal'] = team
    ? { type: 'team', id: team.id, name: team.name ?? '' }
    : { type: 'user', id: user?.id ?? -1, email: user?.email ?? '' };
  return { id: raw.id, principal, level: raw.access_level };
}

/** Counts pages as they arrive, for the progress line: done / (pages known so far). */
function requestCounter(progress: ReadProgress | undefined) {
  let done = 0;
  let expected = 0;
  return {
    async collect<T>(pages: AsyncGenerator<{ items: T[]; page: number; pageCount: number | undefined }>): Promise<T[]> {
      const items: T[] = [];
      let counted = 1;
      expected += 1;
      for await (const page of pages) {
        if (page.page === 1 && page.pageCount !== undefined) {
          expected += page.pageCount - 1;
          counted = page.pageCount;
        } else if (page.page > counted) {
          expected += 1;
          counted = page.page;
        }
        done += 1;
        progress?.(done, expected);
        items.push(...page.items);
      }
      return items;
    },
  };
}

