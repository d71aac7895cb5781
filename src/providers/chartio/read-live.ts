import { apiPath } from '../../http/api-path.js';
import { checkedId, checkedOptionalText, checkedText, UnsafeIdError, type AnswerSource } from '../checked-ids.js';
import type { ReadProgress } from '../types.js';
import { collectAll, halPages, type HalClient, type HalPage } from './hal-pages.js';
import {
  LINK_SHARING_LEVELS,
  type ChartioLive,
  type LinkSharing,
  type LiveDashboard,
  type LiveDatasource,
  type LivePermission,
  type LiveTeam,
  type LiveUser,
} from './live-state.js';

/** Permission-list reads under way at once, at most; more than any `--parallelism` (1 to 1024). */
const PERMISSION_READS_STARTED = 2048;

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
  link_sharing_access?: unknown;
}
interface RawPermission {
  id: number;
  access_level: string;
  _embedded?: { team?: RawSummary; user?: RawSummary };
}

/**
 * Reads what the plan needs from a Chartio org, with the fewest requests the API allows:
 * the four collections at once (teams embed their users, so memberships cost nothing
 * extra — seed: "Each team's users are listed as nested resources"), and the permission
 * list of each dashboard and datasource in scope, requested as soon as the page naming it
 * arrives, so permission reads fill the client's one concurrency limit while the other
 * collections are still paging. Any failed page fails the read.
 */
export async function readChartioLive(client: HalClient, org: string, scope: LiveScope, progress?: ReadProgress): Promise<ChartioLive> {
  const counter = requestCounter(progress);
  const pagesOf = <T>(path: string, key: string) => counter.count(halPages<T>(client, path, key));
  // Permission reads started at once are bounded (well above any --parallelism, so the client's
  // limit still decides the pace): a server listing 200,000 dashboards in one page must not make
  // 200,000 reads with their buffers wait at once (issue 12: 1.9 GB). After a failure the rest
  // are never started: the refresh has failed anyway.
  const started = boundedStarts(PERMISSION_READS_STARTED);
  const readPermissions = (kind: 'dashboards' | 'datasources', id: number) =>
    started(() => {
      const path = apiPath`/${org}/${kind}/${id}/permissions`;
      return collectAll(pagesOf<RawPermission>(path, 'permissions')).then((list) => list.map((raw) => toPermission(raw, { method: 'GET', path })));
    });

  /** Every object of a collection, each with its permission list when in scope. */
  const withPermissions = async <L>(
    kind: 'dashboards' | 'datasources',
    objectScope: LiveScope['dashboards'],
    build: (raw: RawObject, permissions?: LivePermission[]) => L,
  ): Promise<L[]> => {
    const objects: Promise<L>[] = [];
    const path = apiPath`/${org}/${kind}`;
    for await (const page of pagesOf<RawObject>(path, kind)) {
      for (const raw of page.items) {
        // Checked before its id is put into the permissions path below.
        checkedId(raw.id, { method: 'GET', path }, `${kind}[].id`);
        const object = inScope(objectScope, raw) ? readPermissions(kind, raw.id).then((list) => build(raw, list)) : Promise.resolve(build(raw));
        // Awaited below; if a later page fails first, this one must not count as unhandled.
        object.catch(() => undefined);
        objects.push(object);
      }
    }
    return Promise.all(objects);
  };

  const teamsPath = apiPath`/${org}/teams`;
  const usersPath = apiPath`/${org}/users`;
  const [rawTeams, rawUsers, dashboards, datasources] = await Promise.all([
    collectAll(pagesOf<RawTeam>(teamsPath, 'teams')),
    collectAll(pagesOf<RawUser>(usersPath, 'users')),
    withPermissions('dashboards', scope.dashboards, (d, permissions): LiveDashboard => {
      const from = { method: 'GET', path: apiPath`/${org}/dashboards` };
      const slug = checkedText(d.slug, from, 'dashboards[].slug');
      const title = checkedOptionalText(d.title, from, 'dashboards[].title') ?? slug;
      const linkSharing = checkedLinkSharing(d.link_sharing_access, from);
      return { id: d.id, slug, title, ...(linkSharing ? { linkSharing } : {}), ...(permissions ? { permissions } : {}) };
    }),
    withPermissions('datasources', scope.datasources, (d, permissions): LiveDatasource => {
      const from = { method: 'GET', path: apiPath`/${org}/datasources` };
      const slug = checkedText(d.slug, from, 'datasources[].slug');
      return { id: d.id, slug, alias: checkedOptionalText(d.alias, from, 'datasources[].alias') ?? slug, ...(permissions ? { permissions } : {}) };
    }),
  ]);

  const fromTeams = { method: 'GET', path: teamsPath };
  const teams: LiveTeam[] = rawTeams.map((team) => ({
    id: checkedId(team.id, fromTeams, 'teams[].id'),
    name: checkedText(team.name, fromTeams, 'teams[].name'),
    isOwner: team.is_owner === true,
    members: (team._embedded?.users ?? []).map((u) => ({
      id: checkedId(u.id, fromTeams, 'teams[]._embedded.users[].id'),
      email: checkedOptionalText(u.email, fromTeams, 'teams[]._embedded.users[].email') ?? '',
    })),
  }));
  const teamIdsByUser = new Map<number, number[]>();
  for (const team of teams) for (const member of team.members) teamIdsByUser.set(member.id, [...(teamIdsByUser.get(member.id) ?? []), team.id]);
  const users: LiveUser[] = rawUsers.map((user) => ({
    id: checkedId(user.id, { method: 'GET', path: usersPath }, 'users[].id'),
    email: checkedText(user.email, { method: 'GET', path: usersPath }, 'users[].email'),
    ...(user.display_name !== undefined ? { displayName: user.display_name } : {}),
    teamIds: teamIdsByUser.get(user.id) ?? [],
  }));
  return { org, teams, users, dashboards, datasources };
}

function inScope(scope: LiveScope['dashboards'], object: RawObject): boolean {
  return scope === 'all' || scope.some((entry) => (entry.id !== undefined ? entry.id === object.id : entry.slug === object.slug));
}

/**
 * A dashboard's `link_sharing_access`: one of the seed's three values. Left out, it stays unknown;
 * any other value fails the read rather than being guessed as `none`, which would hide a
 * dashboard open to anyone with its link from `audit`.
 */
function checkedLinkSharing(value: unknown, source: AnswerSource): LinkSharing | undefined {
  if (value === undefined || value === null) return undefined;
  if (!(LINK_SHARING_LEVELS as readonly unknown[]).includes(value)) {
    throw new UnsafeIdError({ ...source, field: 'dashboards[].link_sharing_access', value, expected: `one of ${LINK_SHARING_LEVELS.join(', ')}` });
  }
  return value as LinkSharing;
}

/** Every id is checked: the permission's own goes into the path of its update and revoke. */
function toPermission(raw: RawPermission, source: AnswerSource): LivePermission {
  const team = raw._embedded?.team;
  const user = raw._embedded?.user;
  const principal: LivePermission['principal'] = team
    ? { type: 'team', id: checkedId(team.id, source, 'permissions[]._embedded.team.id'), name: checkedOptionalText(team.name, source, 'permissions[]._embedded.team.name') ?? '' }
    : { type: 'user', id: checkedId(user?.id, source, 'permissions[]._embedded.user.id'), email: checkedOptionalText(user?.email, source, 'permissions[]._embedded.user.email') ?? '' };
  return { id: checkedId(raw.id, source, 'permissions[].id'), principal, level: checkedText(raw.access_level, source, 'permissions[].access_level') };
}

/** Counts pages as they arrive, for the progress line: done / (pages known so far). */
function requestCounter(progress: ReadProgress | undefined) {
  let done = 0;
  let expected = 0;
  return {
    async *count<T>(pages: AsyncGenerator<HalPage<T>>): AsyncGenerator<HalPage<T>> {
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
        yield page;
      }
    },
  };
}

/**
 * Runs at most `max` of the given tasks at once. Unlike p-limit, a task below the bound starts
 * synchronously, so its first request joins the client's queue before the next page's request
 * (the pipelining above depends on that order). After a task fails, waiting tasks are refused.
 */
function boundedStarts(max: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  let failure: unknown;
  const waiting: (() => void)[] = [];
  const run = <T>(work: () => Promise<T>): Promise<T> => {
    running++;
    return work().then(
      (value) => {
        running--;
        waiting.shift()?.();
        return value;
      },
      (error: unknown) => {
        running--;
        failure ??= error;
        for (const release of waiting.splice(0)) release();
        throw error;
      },
    );
  };
  return (work) => {
    if (failure !== undefined) return Promise.reject(failure);
    if (running < max) return run(work);
    return new Promise<void>((resolve) => waiting.push(resolve)).then(() => {
      if (failure !== undefined) throw failure;
      return run(work);
    });
  };
}
