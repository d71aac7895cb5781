/**
 * Reads the live state of a Grafana instance for a file's scope (see `live-scope.ts`), over
 * every page of every paged endpoint, as concurrently as the client's limit allows:
 *
 *   GET /api/user                          the credentials' own user (`actingUser`)
 *   GET /api/users/search                  every user (org users must be Grafana users first)
 *   GET /api/orgs                          every org's id and name (0-based pages)
 * and for each org in scope, all at once:
 *   GET /api/orgs/:id/users/search         org users and roles (admin API: no org header)
 *   GET /api/teams/search                  the org's teams (X-Grafana-Org-Id)
 *   GET /api/teams/:id/members             members of each team in scope (not paged by Grafana)
 *   GET /api/folders/:uid/permissions      each folder in scope (404: the folder does not exist)
 *   GET /api/dashboards/uid/:uid/permissions  each dashboard in scope (404: does not exist)
 *
 * `/api/users*` and `/api/orgs*` need Basic auth of a Grafana server admin; with a
 * service-account token, `read-org-token-live.ts` reads the token's own org instead.
 */
import { apiPath } from '../../http/api-path.js';
import type { HttpRequest, HttpResponse } from '../../http/client.js';
import { HttpError, PaginationError } from '../../http/errors.js';
import { checkedId, checkedUid } from '../checked-ids.js';
import type { ReadProgress } from '../types.js';
import type { OrgRole } from './desired-state.js';
import { inOrg, type GrafanaClient } from './grafana-client.js';
import { arrayPages, collectAll, searchPages, type PageOptions } from './grafana-pages.js';
import type { GrafanaLive, GrafanaUser, LiveOrg, LiveOrgUser, LivePermissionTarget, LiveTeam } from './live-state.js';
import type { GrafanaOrgScope, GrafanaScope } from './live-scope.js';
import { livePermissionItems, ownTitle, type AclInfo } from './permission-items.js';
import { readInstanceSettings } from './read-instance-settings.js';

export interface ReadOptions {
  /** `perpage` of every paged request; default 1000 (Grafana's default). */
  perPage?: number;
}

const ROLES: ReadonlySet<string> = new Set(['None', 'Viewer', 'Editor', 'Admin']);

export async function readGrafanaLive(
  client: GrafanaClient,
  scope: GrafanaScope,
  progress?: ReadProgress,
  options: ReadOptions = {},
): Promise<GrafanaLive> {
  const { api, pages } = readerSetup(client, progress, options);

  const [actingUser, users, orgs] = await Promise.all([
    api.request<UserDto>({ method: 'GET', path: '/api/user' }).then((r) => toUser(r.body, 'id', '/api/user')),
    collectAll(searchPages<UserDto>(api, { path: '/api/users/search' }, 'users', idOf, pages)).then((all) =>
      // `isAdmin` is the server-admin flag: such a user can reach every org (effective-access.ts).
      all.map((u) => ({ ...toUser(u, 'id', '/api/users/search'), ...(u.isAdmin === true ? { isGrafanaAdmin: true } : {}), ...activity(u) })),
    ),
    collectAll(arrayPages<OrgDto>(api, { path: '/api/orgs' }, idOf, { ...pages, firstPage: 0 })).then((all) =>
      all.map((o) => {
        const id = checkedId(o.id, { method: 'GET', path: '/api/orgs' }, 'id');
        if (typeof o.name !== 'string') throw badShape('/api/orgs', 'an org without a name');
        return { id, name: o.name };
      }),
    ),
  ]);

  const liveOrgs = await Promise.all(
    orgs.map((org): Promise<LiveOrg> | LiveOrg => {
      const orgScope = Object.hasOwn(scope.orgs, org.name) ? scope.orgs[org.name] : scope.otherOrgs;
      return orgScope ? readOrg(api, org, orgScope, pages) : { id: org.id, name: org.name };
    }),
  );
  return { users, orgs: liveOrgs, actingUser, ...(scope.instanceSettings ? { instance: await readInstanceSettings(api) } : {}) };
}

/**
 * One org's contents for its scope. Org users come from the admin API by default
 * (`/api/orgs/:id/users/search`); a token reads its own org's at `/api/org/users/search`.
 */
export async function readOrg(
  api: GrafanaClient,
  org: OrgDto,
  scope: GrafanaOrgScope,
  pages: PageOptions,
  usersPath = apiPath`/api/orgs/${org.id}/users/search`,
  /** Filled with the users the permission lists name (a token sees users outside its org only there). */
  aclUsers?: Map<number, GrafanaUser>,
): Promise<LiveOrg> {
  // The org-scoped endpoints (teams, folders, dashboards) need the credentials' user to be a
  // member of the org; the org-users admin API does not. An org whose file entry names only
  // users is therefore read without them, so it can be managed without being joined.
  const needsTeams = scope.teams === 'all' || scope.teams.length > 0 || scope.folders.length > 0 || scope.dashboards.length > 0;
  const uids = (wanted: 'all' | string[], type: 'dash-folder' | 'dash-db'): Promise<Placed[]> =>
    wanted === 'all' ? searchPlaced(api, org.id, type, pages) : Promise.resolve(wanted.map((uid) => ({ uid })));
  const [users, teams, folders, dashboards] = await Promise.all([
    readOrgUsers(api, usersPath, pages),
    needsTeams ? readTeams(api, org.id, scope.teams, pages) : undefined,
    uids(scope.folders, 'dash-folder').then((list) =>
      readPermissionTargets(api, org.id, list, (uid) => apiPath`/api/folders/${uid}/permissions`, aclUsers),
    ),
    uids(scope.dashboards, 'dash-db').then((list) =>
      readPermissionTargets(api, org.id, list, (uid) => apiPath`/api/dashboards/uid/${uid}/permissions`, aclUsers),
    ),
  ]);
  return { id: org.id, name: org.name, users, ...(teams ? { teams } : {}), folders, dashboards };
}

/** A folder or dashboard to read the permissions of, with the folder it sits in when search said. */
interface Placed {
  uid: string;
  folderUid?: string;
  /** The hit's title (Grafana's search `Hit.Title`); a permission list carries it only on its own entries. */
  title?: string;
}

/**
 * Every folder or dashboard of an org, by `/api/search` (1-based pages, sized by `limit`), with
 * each hit's `folderUid`: a dashboard's folder, a nested folder's parent (Grafana 11+), absent
 * or empty at the root.
 */
async function searchPlaced(api: GrafanaClient, orgId: number, type: 'dash-folder' | 'dash-db', pages: PageOptions): Promise<Placed[]> {
  const hits = await collectAll(
    arrayPages<{ uid?: string; folderUid?: unknown; title?: unknown }>(api, { path: '/api/search', query: { type }, headers: inOrg(orgId) }, (hit) => hit.uid ?? '', {
      ...pages,
      firstPage: 1,
      sizeParam: 'limit',
    }),
  );
  const source = { method: 'GET', path: '/api/search' };
  // Each uid goes into a permission path next: `.`, `..` or `a/b` would name another endpoint.
  return hits.flatMap((hit) => {
    if (hit.uid === undefined) return [];
    const folderUid = typeof hit.folderUid === 'string' && hit.folderUid !== '' ? checkedUid(hit.folderUid, source, 'folderUid') : '';
    return [{ uid: checkedUid(hit.uid, source, 'uid'), folderUid, ...(typeof hit.title === 'string' ? { title: hit.title } : {}) }];
  });
}

async function readOrgUsers(api: GrafanaClient, path: string, pages: PageOptions): Promise<LiveOrgUser[]> {
  const all = await collectAll(searchPages<OrgUserDto>(api, { path }, 'orgUsers', (u) => keyOf(u.userId), pages));
  return all.map((u) => {
    if (typeof u.role !== 'string' || !ROLES.has(u.role)) throw badShape(path, `unknown org role ${JSON.stringify(u.role)}`);
    return { ...toUser(u, 'userId', path), ...activity(u), role: u.role as OrgRole };
  });
}

async function readTeams(api: GrafanaClient, orgId: number, inScope: GrafanaOrgScope['teams'], pages: PageOptions): Promise<LiveTeam[]> {
  const headers = inOrg(orgId);
  const teams = await collectAll(searchPages<TeamDto>(api, { path: '/api/teams/search', headers }, 'teams', idOf, pages));
  const wanted = inScope === 'all' ? undefined : new Set(inScope);
  return Promise.all(
    teams.map(async (team): Promise<LiveTeam> => {
      const id = checkedId(team.id, { method: 'GET', path: '/api/teams/search' }, 'teams[].id');
      if (typeof team.name !== 'string') throw badShape('/api/teams/search', 'a team without a name');
      // Members are read for teams the file is about; other teams' members are not needed (left empty).
      const members = wanted && !wanted.has(team.name) ? [] : await readTeamMembers(api, orgId, id);
      return { id, name: team.name, email: team.email ?? '', members };
    }),
  );
}

async function readTeamMembers(api: GrafanaClient, orgId: number, teamId: number): Promise<GrafanaUser[]> {
  const path = apiPath`/api/teams/${teamId}/members`;
  const response = await api.request<TeamMemberDto[]>({ method: 'GET', path, headers: inOrg(orgId) });
  if (!Array.isArray(response.body)) throw badShape(path, 'response is not an array');
  return response.body.map((m) => toUser(m, 'userId', path));
}

async function readPermissionTargets(
  api: GrafanaClient,
  orgId: number,
  placed: readonly Placed[],
  pathOf: (uid: string) => string,
  aclUsers?: Map<number, GrafanaUser>,
): Promise<LivePermissionTarget[]> {
  const read = await Promise.all(
    placed.map(async ({ uid, folderUid, title }): Promise<LivePermissionTarget | undefined> => {
      const path = pathOf(uid);
      let body: unknown;
      try {
        body = (await api.request<unknown>({ method: 'GET', path, headers: inOrg(orgId) })).body;
      } catch (error) {
        // 404 "Folder not found" / "Dashboard not found": it does not exist; the planner reports it.
        if (error instanceof HttpError && error.status === 404) return undefined;
        throw error;
      }
      if (!Array.isArray(body)) throw badShape(path, 'response is not an array');
      const items = body as AclInfo[];
      const target: LivePermissionTarget = { uid, title: title ?? ownTitle(items), items: livePermissionItems(items, path), ...(folderUid !== undefined ? { folderUid } : {}) };
      // The users of the items that were kept (not a folder's inherited ones), ids checked again here.
      for (const item of items) {
        if (!aclUsers || item.inherited === true || !item.userId || typeof item.userLogin !== 'string') continue;
        const id = checkedId(item.userId, { method: 'GET', path }, 'userId');
        if (!aclUsers.has(id)) aclUsers.set(id, { id, login: item.userLogin, email: typeof item.userEmail === 'string' ? item.userEmail : '' });
      }
      return target;
    }),
  );
  return read.filter((target): target is LivePermissionTarget => target !== undefined);
}

interface UserDto {
  id?: number;
  userId?: number;
  login?: string;
  email?: string;
  isAdmin?: unknown;
  lastSeenAt?: unknown;
  isDisabled?: unknown;
}
type OrgUserDto = UserDto & { role?: string };
type TeamMemberDto = UserDto;
export interface OrgDto {
  id: number;
  name: string;
}
interface TeamDto {
  id?: number;
  name?: string;
  email?: string;
}

/** A number or string key as it came; anything else has no key (the shape checks reject it). */
function keyOf(value: unknown): string | number | undefined {
  return typeof value === 'number' || typeof value === 'string' ? value : undefined;
}

/** Users, orgs and teams are identified by `id`. */
function idOf(item: { id?: unknown }): string | number | undefined {
  return keyOf(item.id);
}

/**
 * What the searches say of a user's activity; a value of another type is not believed (left
 * out). The time is written anew as RFC 3339 in UTC, never passed on as sent: `Date.parse`
 * also takes text such as `Jan 1 2026 (<b>anything</b>)`, which would reach the reports.
 */
function activity(dto: UserDto): Pick<GrafanaUser, 'lastSeenAt' | 'isDisabled'> {
  const at = typeof dto.lastSeenAt === 'string' ? Date.parse(dto.lastSeenAt) : Number.NaN;
  const seen = Number.isFinite(at) ? { lastSeenAt: new Date(at).toISOString().replace(/\.000Z$/, 'Z') } : {};
  return { ...seen, ...(dto.isDisabled === true ? { isDisabled: true } : {}) };
}

function toUser(dto: UserDto, idKey: 'id' | 'userId', path: string): GrafanaUser {
  const id = checkedId(dto[idKey], { method: 'GET', path }, idKey);
  if (typeof dto.login !== 'string') throw badShape(path, 'a user without a login');
  return { id, login: dto.login, email: dto.email ?? '' };
}

export function badShape(collection: string, detail: string): PaginationError {
  return new PaginationError({ problem: 'bad-shape', collection, detail });
}

/** What both readers (server admin, org token) start from: the counting client and the page size. */
export function readerSetup(client: GrafanaClient, progress: ReadProgress | undefined, options: ReadOptions): { api: GrafanaClient; pages: PageOptions } {
  return { api: counting(client, progress), pages: options.perPage ? { perPage: options.perPage } : {} };
}

/** Reports requests done / requests started so far to `progress`. */
function counting(client: GrafanaClient, progress: ReadProgress | undefined): GrafanaClient {
  if (!progress) return client;
  let started = 0;
  let done = 0;
  return {
    async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
      started++;
      progress(done, started);
      try {
        return await client.request<T>(request);
      } finally {
        done++;
        progress(done, started);
      }
    },
  };
}
