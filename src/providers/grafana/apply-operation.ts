/**
 * Executes one planned Grafana operation with Grafana's own request shapes. Orgs and teams
 * created earlier in the same apply are referred to by name and resolved through
 * `GrafanaCreatedIds`, else looked up (`GET /api/orgs/name/:name`, `GET /api/teams/search?name=`).
 *
 * Retries and what a repeated request may answer (the client retries GET/PUT/PATCH/DELETE, and
 * a POST only when it is marked idempotent):
 * - Creating an org or a team is marked idempotent: Grafana's unique names turn a repeat into
 *   `409` (`Organization name taken`, `Team name taken`), never a duplicate, so a 409 after a
 *   retried create means the first attempt took effect: look the object up and continue.
 *   A 409 on the first attempt is a real conflict (someone else has the name) and fails.
 * - A 404 on a retried DELETE means the first attempt deleted it: done.
 * - `POST /api/orgs/:id/users` answers 409 `User is already member of this organization` for a
 *   member (the org's creator is its Admin from the start, or the first attempt added them):
 *   the role is then set with `PATCH /api/orgs/:id/users/:userId`.
 * - `POST /api/teams/:id/members` answers 400 `User is already added to this team` when the
 *   user is a member (a lost first attempt, or another run added them): the state is as
 *   planned, so it is done, as Chartio's "already a member" 409 is. Other 400s fail.
 *   Likewise `DELETE /api/teams/:id/members/:userId` answering 404 `Team member not found`:
 *   the team is there and the user is not on it. `Team not found` still fails.
 * - Permission `POST`s replace the whole list, so repeating one is harmless.
 */
import { HttpError } from '../../http/errors.js';
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
      const id = await api.create(
        { method: 'POST', path: '/api/orgs', body: { name: operation.name } },
        (body) => idFrom(body, 'orgId'),
        () => api.lookupOrgId(operation.name),
      );
      ids.setOrg(operation.name, id);
      return;
    }
    case 'renameOrg':
      await client.request({ method: 'PUT', path: paths.org(operation.orgId), body: { name: operation.name } });
      return;
    case 'deleteOrg':
      await api.delete(`/api/orgs/${operation.orgId}`);
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
      await api.delete(paths.orgUser(operation.orgId, operation.userId));
      return;
    case 'createTeam': {
      const orgId = await api.orgId(operation.org);
      const teamId = await api.create(
        { method: 'POST', path: '/api/teams', body: { name: operation.name, email: operation.email }, headers: inOrg(orgId) },
        (body) => idFrom(body, 'teamId'),
        () => api.lookupTeamId(orgId, operation.name),
      );
      ids.setTeam(orgId, operation.name, teamId);
      await api.dropCreatorMembership(orgId, teamId);
      return;
    }
    case 'updateTeam':
      await client.request({
        method: 'PUT',
        path: `/api/teams/${operation.teamId}`,
        body: { name: operation.name, email: operation.email },
        headers: inOrg(operation.orgId),
      });
      return;
    case 'deleteTeam':
      await api.delete(`/api/teams/${operation.teamId}`, operation.orgId);
      return;
    case 'addTeamMember': {
      const { orgId, teamId } = await api.team(operation.team);
      try {
        await client.request({
          method: 'POST',
          path: `/api/teams/${teamId}/members`,
          body: { userId: operation.userId },
          ...(orgId !== undefined ? { headers: inOrg(orgId) } : {}),
          idempotent: true,
        });
      } catch (error) {
        if (!isAlreadyTeamMember(error)) throw error;
      }
      return;
    }
    case 'removeTeamMember':
      try {
        await api.delete(`/api/teams/${operation.teamId}/members/${operation.userId}`, operation.orgId);
      } catch (error) {
        if (!isNotTeamMember(error)) throw error;
      }
      return;
    case 'setPermissions': {
      const orgId = await api.orgId(operation.org);
      const items = await Promise.all(operation.items.map((item) => api.permissionItem(orgId, item)));
      const path =
        operation.kind === 'folders'
          ? `/api/folders/${encodeURIComponent(operation.uid)}/permissions`
          : `/api/dashboards/uid/${encodeURIComponent(operation.uid)}/permissions`;
      // Replaces the whole list (the plan computed the complete one): safe to repeat.
      await client.request({ method: 'POST', path, body: { items }, headers: inOrg(orgId), idempotent: true });
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
    const response = await this.client.request<unknown>({ method: 'GET', path: `/api/orgs/name/${encodeURIComponent(name)}` });
    const id = idFrom(response.body, 'id');
    this.ids.setOrg(name, id);
    return id;
  }

  async team(ref: TeamRef): Promise<{ orgId: number | undefined; teamId: number }> {
    if ('id' in ref) return { orgId: ref.orgId, teamId: ref.id };
    const orgId = await this.orgId(ref.org);
    return { orgId, teamId: this.ids.team(orgId, ref.name) ?? (await this.lookupTeamId(orgId, ref.name)) };
  }

  /** `GET /api/teams/search?name=` matches the exact name (Grafana: case-insensitively unique per org). */
  async lookupTeamId(orgId: number, name: string): Promise<number> {
    const response = await this.client.request<{ teams?: { id?: unknown; name?: unknown }[] }>({
      method: 'GET',
      path: '/api/teams/search',
      query: { name },
      headers: inOrg(orgId),
    });
    const found = (response.body?.teams ?? []).find((t) => typeof t.name === 'string' && t.name.toLowerCase() === name.toLowerCase());
    if (!found || typeof found.id !== 'number') throw new Error(`team "${name}" was not found in org ${orgId}`);
    this.ids.setTeam(orgId, name, found.id);
    return found.id;
  }

  async permissionItem(orgId: number, item: PermissionItemSpec): Promise<ApiItem> {
    const permission = PERMISSION_LEVEL[item.permission];
    const principal = item.principal;
    if ('team' in principal) return { teamId: (await this.team(principal.team)).teamId, permission };
    if ('userId' in principal) return { userId: principal.userId, permission };
    return { role: principal.role, permission };
  }

  /** A create POST, marked idempotent (see the file comment); `found` looks the object up after a retried 409. */
  async create(
    request: { method: 'POST'; path: string; body: unknown; headers?: Record<string, string> },
    idOf: (body: unknown) => number,
    found: () => Promise<number>,
  ): Promise<number> {
    try {
      const response = await this.client.request<unknown>({ ...request, idempotent: true });
      return idOf(response.body);
    } catch (error) {
      if (error instanceof HttpError && error.status === 409 && error.attempts > 1) return found();
      throw error;
    }
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
   * Grafana makes the user who creates a team a member of it (team admin). The plan treats a
   * new team as empty and adds exactly the members the file lists (the credentials' user too,
   * when listed), so that side effect is undone here; otherwise the next plan would remove it.
   * A service-account token has no user (`GET /api/user` 404) and is never added.
   */
  async dropCreatorMembership(orgId: number, teamId: number): Promise<void> {
    const userId = await this.ids.actingUserId(async () => {
      try {
        return idFrom((await this.client.request<unknown>({ method: 'GET', path: '/api/user' })).body, 'id');
      } catch (error) {
        if (isStatus(error, 404)) return undefined;
        throw error;
      }
    });
    if (userId === undefined) return;
    try {
      await this.client.request({ method: 'DELETE', path: `/api/teams/${teamId}/members/${userId}`, headers: inOrg(orgId) });
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

/** Grafana answers ids as numbers (the seed's example shows `"orgId": "1"`, a string: both are read). */
function idFrom(body: unknown, key: string): number {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new Error(`Grafana's answer has no numeric "${key}"`);
  return id;
}
