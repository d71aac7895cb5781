/**
 * Executes one planned Grafana operation with Grafana's own request shapes. Orgs and teams
 * created earlier in the same apply are referred to by name and resolved through
 * `GrafanaCreatedIds`, else looked up (`GET /api/orgs/name/:name`, `GET /api/teams/search?name=`).
 *
 * Retries and what a repeated request may answer (the client retries GET/PUT/PATCH/DELETE, and
 * a POST only when it is marked idempotent):
 * - Creating an org or a team is never retried blind (`createOnce`, shared with Chartio): when
 *   its answer is lost (a transport failure, 500, 502/503/504: Grafana may have committed the
 *   row before failing), the object is looked up by its exact name and its id taken; only when
 *   it is not there is the create sent once more, and a 409 (`Organization name taken`, `Team
 *   name taken`) on that second send means the first went through: looked up again.
 *   A 409 on the first attempt is a real conflict (someone else has the name) and fails.
 * - A 404 on a retried DELETE means the first attempt deleted it: done. A retried org-user
 *   removal answered 500 is done when the user is no longer in the org's member list.
 * - `POST /api/orgs/:id/users` answers 409 `User is already member of this organization` for a
 *   member (the org's creator is its Admin from the start, or the first attempt added them):
 *   the role is then set with `PATCH /api/orgs/:id/users/:userId`.
 * - `POST /api/teams/:id/members` answers 400 `User is already added to this team` when the
 *   user is a member (a lost first attempt, or another run added them): the state is as
 *   planned, so it is done, as Chartio's "already a member" 409 is. Other 400s fail.
 *   Likewise `DELETE /api/teams/:id/members/:userId` answering 404 `Team member not found`:
 *   the team is there and the user is not on it. `Team not found` still fails.
 * - Permission `POST`s replace the whole list, so repeating one is harmless.
 * - A member add or a permission `POST` that names a deleted user or team is answered 500 by
 *   Grafana: it is not retried blind but checked once (checked-write.ts).
 */
import { apiPath } from '../../http/api-path.js';
import { HttpError } from '../../http/errors.js';
import { checkedId, type AnswerSource } from '../checked-ids.js';
import { createOnce } from '../create-once.js';
import { sendCheckingTargets } from './checked-write.js';
import type { GrafanaCreatedIds } from './created-ids.js';
import { inOrg, type GrafanaClient } from './grafana-client.js';
import type { GrafanaOperation, OrgRef, PermissionItemSpec, TeamRef } from './operation.js';
import { ADMIN_ORG_PATHS, type OrgPaths } from './org-paths.js';
import { PERMISSION_LEVEL } from './permission-items.js';

export async function applyGrafanaOperation(
  client: GrafanaClient,
  operation: GrafanaOperation,
  ids: GrafanaCreatedIds,
  paths: OrgPaths = ADMIN_ORG_PATHS,
): Promise<void> {
  const api = new Requests(client, ids);
  switch (operation.op) {
    case 'createOrg': {
      const id = await api.create({ method: 'POST', path: '/api/orgs', body: { name: operation.name } }, 'orgId', () => api.findOrgId(operation.name));
      ids.setOrg(operation.name, id);
      return;
    }
    case 'renameOrg':
      await client.request({ method: 'PUT', path: paths.org(operation.orgId), body: { name: operation.name } });
      return;
    case 'deleteOrg':
      await api.delete(apiPath`/api/orgs/${operation.orgId}`);
      return;
    case 'addOrgUser': {
      const orgId = await api.orgId(operation.org);
      try {
        await client.request({
          method: 'POST',
          path: paths.orgUsers(orgId),
          body: { loginOrEmail: operation.login, role: operation.role },
          // A repeat answers 409 and becomes the PATCH below: same end state.
          idempotent: true,
        });
      } catch (error) {
        if (!isStatus(error, 409)) throw error;
        await client.request({ method: 'PATCH', path: paths.orgUser(orgId, operation.userId), body: { role: operation.role } });
      }
      return;
    }
    case 'setOrgRole':
      await client.request({ method: 'PATCH', path: paths.orgUser(operation.orgId, operation.userId), body: { role: operation.role } });
      return;
    case 'removeOrgUser':
      // The admin path only ends the membership; a token's `/api/org/users/:id` also deletes a
      // user who is in no other org (see org-paths.ts).
      try {
        await api.delete(paths.orgUser(operation.orgId, operation.userId));
      } catch (error) {
        // Grafana answers a removal of someone who is not a member 200 (12.x store: "User not in
        // org, nothing to do"), but 500 "Failed to remove user from organization" when the user
        // no longer exists (removeOrgUserHelper), which is what a retry meets after a lost first
        // answer deleted the user. Then the org's member list says whether it is done.
        if (!(isStatus(error, 500) && (error as HttpError).attempts > 1)) throw error;
        if (await api.isOrgMember(paths.orgUserList(operation.orgId), operation.orgId, operation.userId)) throw error;
      }
      return;
    case 'createTeam': {
      const orgId = await api.orgId(operation.org);
      const teamId = await api.create(
        { method: 'POST', path: '/api/teams', body: { name: operation.name, email: operation.email }, headers: inOrg(orgId) },
        'teamId',
        () => api.findTeamIdExactly(orgId, operation.name),
      );
      ids.setTeam(orgId, operation.name, teamId);
      if (operation.creatorId !== undefined) await api.dropCreatorMembership(orgId, teamId, operation.creatorId);
      return;
    }
    case 'updateTeam':
      await client.request({
        method: 'PUT',
        path: apiPath`/api/teams/${operation.teamId}`,
        body: { name: operation.name, email: operation.email },
        headers: inOrg(operation.orgId),
      });
      return;
    case 'deleteTeam':
      await api.delete(apiPath`/api/teams/${operation.teamId}`, operation.orgId);
      return;
    case 'addTeamMember': {
      const { orgId, teamId } = await api.team(operation.team);
      const send = async (retried: boolean) => {
        try {
          const path = apiPath`/api/teams/${teamId}/members`;
          await client.request({ method: 'POST', path, body: { userId: operation.userId }, headers: inOrg(orgId), idempotent: retried });
        } catch (error) {
          if (!isAlreadyTeamMember(error)) throw error;
        }
      };
      await sendCheckingTargets(client, paths, send, { orgId, teams: [teamId], users: [operation.userId] });
      return;
    }
    case 'removeTeamMember':
      try {
        await api.delete(apiPath`/api/teams/${operation.teamId}/members/${operation.userId}`, operation.orgId);
      } catch (error) {
        if (!isNotTeamMember(error)) throw error;
      }
      return;
    case 'setPermissions': {
      const orgId = await api.orgId(operation.org);
      const items = await Promise.all(operation.items.map((item) => api.permissionItem(orgId, item)));
      const path =
        operation.kind === 'folders'
          ? apiPath`/api/folders/${operation.uid}/permissions`
          : apiPath`/api/dashboards/uid/${operation.uid}/permissions`;
      // Replaces the whole list (the plan computed the complete one): safe to repeat.
      const send = async (retried: boolean) => {
        await client.request({ method: 'POST', path, body: { items }, headers: inOrg(orgId), idempotent: retried });
      };
      const teams = items.flatMap((item) => ('teamId' in item ? [item.teamId] : []));
      const users = items.flatMap((item) => ('userId' in item ? [item.userId] : []));
      await sendCheckingTargets(client, paths, send, { orgId, teams, users });
      return;
    }
  }
}

type ApiItem = { teamId: number; permission: 1 | 2 | 4 } | { userId: number; permission: 1 | 2 | 4 } | { role: string; permission: 1 | 2 | 4 };

/** Requests shared by several operations: lookups by name, creates, deletes. */
class Requests {
  constructor(
    private readonly client: GrafanaClient,
    private readonly ids: GrafanaCreatedIds,
  ) {}

  async orgId(ref: OrgRef): Promise<number> {
    if ('id' in ref) return ref.id;
    return this.ids.org(ref.name) ?? this.lookupOrgId(ref.name);
  }

  async lookupOrgId(name: string): Promise<number> {
    const path = apiPath`/api/orgs/name/${name}`;
    const response = await this.client.request<unknown>({ method: 'GET', path });
    const id = idFrom(response.body, 'id', { method: 'GET', path });
    this.ids.setOrg(name, id);
    return id;
  }

  /** After a lost create: the org's id, or undefined when Grafana answers 404 (it was not created). */
  async findOrgId(name: string): Promise<number | undefined> {
    try {
      return await this.lookupOrgId(name);
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }

  async team(ref: TeamRef): Promise<{ orgId: number; teamId: number }> {
    if ('id' in ref) return { orgId: ref.orgId, teamId: ref.id };
    const orgId = await this.orgId(ref.org);
    return { orgId, teamId: this.ids.team(orgId, ref.name) ?? (await this.lookupTeamId(orgId, ref.name)) };
  }

  /** `GET /api/teams/search?name=` matches the exact name, as Grafana compares team names (`isTeamNameTaken`: `name = ?`). */
  async lookupTeamId(orgId: number, name: string): Promise<number> {
    const id = await this.findTeamIdExactly(orgId, name);
    if (id === undefined) throw new Error(`team "${name}" was not found in org ${orgId}`);
    this.ids.setTeam(orgId, name, id);
    return id;
  }

  /**
   * After a lost create: the team of exactly this name, or undefined. Exact, not
   * case-insensitive: team names are unique per org case-sensitively on SQLite and Postgres,
   * so `sre` found after creating `SRE` was lost is another team, not ours.
   */
  async findTeamIdExactly(orgId: number, name: string): Promise<number | undefined> {
    const response = await this.client.request<{ teams?: { id?: unknown; name?: unknown }[] }>({
      method: 'GET',
      path: '/api/teams/search',
      query: { name },
      headers: inOrg(orgId),
    });
    const found = (response.body?.teams ?? []).find((t) => t.name === name);
    return found === undefined ? undefined : checkedId(found.id, { method: 'GET', path: '/api/teams/search' }, 'teams[].id');
  }

  async permissionItem(orgId: number, item: PermissionItemSpec): Promise<ApiItem> {
    const permission = PERMISSION_LEVEL[item.permission];
    const principal = item.principal;
    if ('team' in principal) return { teamId: (await this.team(principal.team)).teamId, permission };
    if ('userId' in principal) return { userId: principal.userId, permission };
    return { role: principal.role, permission };
  }

  /** A create POST, never retried blind (see the file comment); `find` looks the object up by name. */
  async create(
    request: { method: 'POST'; path: string; body: unknown; headers?: Record<string, string> },
    idKey: string,
    find: () => Promise<number | undefined>,
  ): Promise<number> {
    return createOnce(async () => idFrom((await this.client.request<unknown>(request)).body, idKey, request), find);
  }

  async isOrgMember(path: string, orgId: number, userId: number): Promise<boolean> {
    const response = await this.client.request<Array<{ userId?: unknown }>>({ method: 'GET', path, headers: inOrg(orgId) });
    return Array.isArray(response.body) && response.body.some((member) => member.userId === userId);
  }

  async delete(path: string, orgId?: number): Promise<void> {
    try {
      await this.client.request({ method: 'DELETE', path, ...(orgId !== undefined ? { headers: inOrg(orgId) } : {}) });
    } catch (error) {
      // Gone after a retry: the first attempt deleted it.
      if (error instanceof HttpError && error.status === 404 && error.attempts > 1) return;
      throw error;
    }
  }

  /**
   * Grafana makes the user who creates a team a member of it (team admin: pkg/api/team.go
   * createTeam). The plan treats a new team as empty and adds exactly the members the file
   * lists (the credentials' user too, when listed), so that side effect is undone here, with
   * the id the live read already has (`GET /api/user`, Basic auth only); otherwise the next
   * plan would remove it. No request asks who the credentials are: with a service-account
   * token Grafana 10.4 answers `GET /api/user` 403 and 11/12 a made-up id 0, and a token adds
   * no creator anyway.
   */
  async dropCreatorMembership(orgId: number, teamId: number, userId: number): Promise<void> {
    try {
      await this.client.request({ method: 'DELETE', path: apiPath`/api/teams/${teamId}/members/${userId}`, headers: inOrg(orgId) });
    } catch (error) {
      if (!isStatus(error, 404)) throw error; // not a member: nothing to undo
    }
  }
}

/** Grafana's 400 `User is already added to this team` (the only 400 that means "done"). */
function isAlreadyTeamMember(error: unknown): boolean {
  return isStatus(error, 400) && /already added/i.test((error as HttpError).serverMessage ?? '');
}

/** Grafana's 404 `Team member not found` (the team exists; the user is not on it). */
function isNotTeamMember(error: unknown): boolean {
  return isStatus(error, 404) && /^team member not found/i.test((error as HttpError).serverMessage ?? '');
}

function isStatus(error: unknown, status: number): boolean {
  return error instanceof HttpError && error.status === status;
}

/**
 * Grafana answers ids as numbers (the seed's example shows `"orgId": "1"`, a string: both are
 * read). Checked: later changes of the same apply put it into paths.
 */
function idFrom(body: unknown, key: string, source: AnswerSource): number {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  return checkedId(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value, source, key);
}
