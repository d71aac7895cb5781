import { apiPath } from '../../http/api-path.js';
import type { HttpClient } from '../../http/client.js';
import { HttpError } from '../../http/errors.js';
import { checkedId } from '../checked-ids.js';
import { createOnce } from '../create-once.js';
import type { CreatedIds } from './created-ids.js';
import { collectAll, halPages } from './hal-pages.js';
import type { ChartioOperation, TeamRef, UserRef } from './operation.js';

/** A change whose target could not be found (a team or user it refers to is gone). */
export class MissingObjectError extends Error {
  override name = 'MissingObjectError';
}

type ApiClient = Pick<HttpClient, 'request' | 'resolve'>;

/**
 * Sends one planned operation to the Chartio API (request shapes as in the seed). Retries
 * are the client's; this decides what an answer means for the plan:
 * - a create whose answer was lost (a reset, a cut body, a 5xx the client would not retry
 *   for a POST) is looked up before it is sent again, and a 409 on a repeated create means
 *   the first one went through: the id is looked up, never created twice (`createOnce`);
 * - membership changes are idempotent in effect: "already a member" (409) and "not a
 *   member" (404) mean the state is already as planned;
 * - a 404 on a DELETE that was retried means the first attempt deleted it.
 * Every path is built by `apiPath`, so no id or name can be more than one path segment.
 */
export async function applyChartioOperation(client: ApiClient, org: string, operation: ChartioOperation, created: CreatedIds): Promise<void> {
  switch (operation.op) {
    case 'createTeam': {
      const path = apiPath`/${org}/teams`;
      const id = await createOnce(
        async () => createdId((await client.request<unknown>({ method: 'POST', path, body: { name: operation.name } })).body, path),
        () => findTeamId(client, org, operation.name),
      );
      created.setTeam(operation.name, id);
      return;
    }
    case 'renameTeam':
      await client.request({ method: 'PATCH', path: apiPath`/${org}/teams/${operation.teamId}`, body: { name: operation.name } });
      return;
    case 'deleteTeam':
      await deleteOnce(() => client.request({ method: 'DELETE', path: apiPath`/${org}/teams/${operation.teamId}` }));
      return;
    case 'createUser': {
      const teamId = await resolveTeam(client, org, operation.team, created);
      const path = apiPath`/${org}/users`;
      const id = await createOnce(
        async () => createdId((await client.request<unknown>({ method: 'POST', path, body: { email: operation.email, team: { id: teamId } } })).body, path),
        () => findUserId(client, org, operation.email),
      );
      created.setUser(operation.email, id);
      return;
    }
    case 'addMember': {
      const teamId = await resolveTeam(client, org, operation.team, created);
      const user = 'id' in operation.user ? { id: operation.user.id } : { id: created.user(operation.user.email), email: operation.user.email };
      const body = user.id !== undefined ? { id: user.id } : { email: user.email };
      await tolerate(409, () => client.request({ method: 'PATCH', path: apiPath`/${org}/teams/${teamId}/users`, body }));
      return;
    }
    case 'removeMember':
      await tolerate(404, () => client.request({ method: 'DELETE', path: apiPath`/${org}/teams/${operation.teamId}/users/${operation.userId}` }));
      return;
    case 'deleteUser':
      await deleteOnce(() => client.request({ method: 'DELETE', path: apiPath`/${org}/users/${operation.userId}` }));
      return;
    case 'grant': {
      const principal =
        'team' in operation.principal
          ? { team_id: await resolveTeam(client, org, operation.principal.team, created) }
          : { user_id: await resolveUser(client, org, operation.principal.user, created) };
      // Seed: POST .../permissions upserts by principal, so repeating it is harmless.
      await client.request({
        method: 'POST',
        path: apiPath`/${org}/${operation.resource}/${operation.resourceId}/permissions`,
        body: { ...principal, access_level: operation.level },
        idempotent: true,
      });
      return;
    }
    case 'setLevel':
      await client.request({
        method: 'PUT',
        path: apiPath`/${org}/${operation.resource}/${operation.resourceId}/permissions/${operation.permissionId}`,
        body: { access_level: operation.level },
      });
      return;
    case 'revoke':
      await deleteOnce(() =>
        client.request({ method: 'DELETE', path: apiPath`/${org}/${operation.resource}/${operation.resourceId}/permissions/${operation.permissionId}` }),
      );
      return;
    case 'setAlias':
      await client.request({ method: 'PATCH', path: apiPath`/${org}/datasources/${operation.datasourceId}`, body: { alias: operation.alias } });
      return;
  }
}

async function deleteOnce(remove: () => Promise<unknown>): Promise<void> {
  try {
    await remove();
  } catch (error) {
    if (isStatus(error, 404) && (error as HttpError).attempts > 1) return;
    throw error;
  }
}

async function tolerate(status: number, send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (error) {
    if (!isStatus(error, status)) throw error;
  }
}

async function resolveTeam(client: ApiClient, org: string, ref: TeamRef, created: CreatedIds): Promise<number> {
  if ('id' in ref) return ref.id;
  const id = created.team(ref.name) ?? (await findTeamId(client, org, ref.name));
  if (id === undefined) throw new MissingObjectError(`team "${ref.name}" does not exist in Chartio`);
  return id;
}

async function resolveUser(client: ApiClient, org: string, ref: UserRef, created: CreatedIds): Promise<number> {
  if ('id' in ref) return ref.id;
  const id = created.user(ref.email) ?? (await findUserId(client, org, ref.email));
  if (id === undefined) throw new MissingObjectError(`user ${ref.email} does not exist in Chartio`);
  return id;
}

async function findTeamId(client: ApiClient, org: string, name: string): Promise<number | undefined> {
  const path = apiPath`/${org}/teams`;
  const teams = await collectAll(halPages<{ id: unknown; name: unknown }>(client, path, 'teams'));
  const team = teams.find((candidate) => candidate.name === name);
  return team === undefined ? undefined : checkedId(team.id, { method: 'GET', path }, 'teams[].id');
}

async function findUserId(client: ApiClient, org: string, email: string): Promise<number | undefined> {
  const path = apiPath`/${org}/users/${email}`;
  try {
    const response = await client.request<unknown>({ method: 'GET', path });
    return checkedId(idOf(response.body), { method: 'GET', path }, 'id');
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}

function isStatus(error: unknown, status: number): boolean {
  return error instanceof HttpError && error.status === status;
}

/** The id of a created object, checked: later changes of the same apply put it into paths. */
function createdId(body: unknown, path: string): number {
  return checkedId(idOf(body), { method: 'POST', path }, 'id');
}

function idOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>).id : undefined;
}
