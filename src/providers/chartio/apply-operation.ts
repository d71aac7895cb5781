import type { HttpClient } from '../../http/client.js';
import { HttpError, TransportError } from '../../http/errors.js';
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
 *   the first one went through: the id is looked up, never created twice;
 * - membership changes are idempotent in effect: "already a member" (409) and "not a
 *   member" (404) mean the state is already as planned;
 * - a 404 on a DELETE that was retried means the first attempt deleted it.
 */
export async function applyChartioOperation(client: ApiClient, org: string, operation: ChartioOperation, created: CreatedIds): Promise<void> {
  const base = `/${encodeURIComponent(org)}`;
  switch (operation.op) {
    case 'createTeam': {
      const lookup = () => findTeamId(client, base, operation.name);
      const id = await createOnce(
        async () => (await client.request<{ id: number }>({ method: 'POST', path: `${base}/teams`, body: { name: operation.name } })).body.id,
        lookup,
      );
      created.setTeam(operation.name, id);
      return;
    }
    case 'renameTeam':
      await client.request({ method: 'PATCH', path: `${base}/teams/${operation.teamId}`, body: { name: operation.name } });
      return;
    case 'deleteTeam':
      await deleteOnce(() => client.request({ method: 'DELETE', path: `${base}/teams/${operation.teamId}` }));
      return;
    case 'createUser': {
      const teamId = await resolveTeam(client, base, operation.team, created);
      const lookup = () => findUserId(client, base, operation.email);
      const id = await createOnce(
        async () =>
          (await client.request<{ id: number }>({ method: 'POST', path: `${base}/users`, body: { email: operation.email, team: { id: teamId } } }))
            .body.id,
        lookup,
      );
      created.setUser(operation.email, id);
      return;
    }
    case 'addMember': {
      const teamId = await resolveTeam(client, base, operation.team, created);
      const user = 'id' in operation.user ? { id: operation.user.id } : { id: created.user(operation.user.email), email: operation.user.email };
      const body = user.id !== undefined ? { id: user.id } : { email: user.email };
      await tolerate(409, () => client.request({ method: 'PATCH', path: `${base}/teams/${teamId}/users`, body }));
      return;
    }
    case 'removeMember':
      await tolerate(404, () => client.request({ method: 'DELETE', path: `${base}/teams/${operation.teamId}/users/${operation.userId}` }));
      return;
    case 'deleteUser':
      await deleteOnce(() => client.request({ method: 'DELETE', path: `${base}/users/${operation.userId}` }));
      return;
    case 'grant': {
      const principal =
        'team' in operation.principal
          ? { team_id: await resolveTeam(client, base, operation.principal.team, created) }
          : { user_id: await resolveUser(client, base, operation.principal.user, created) };
      // Seed: POST .../permissions upserts by principal, so repeating it is harmless.
      await client.request({
        method: 'POST',
        path: `${base}/${operation.resource}/${operation.resourceId}/permissions`,
        body: { ...principal, access_level: operation.level },
        idempotent: true,
      });
      return;
    }
    case 'setLevel':
      await client.request({
        method: 'PUT',
        path: `${base}/${operation.resource}/${operation.resourceId}/permissions/${operation.permissionId}`,
        body: { access_level: operation.level },
      });
      return;
    case 'revoke':
      await deleteOnce(() =>
        client.request({ method: 'DELETE', path: `${base}/${operation.resource}/${operation.resourceId}/permissions/${operation.permissionId}` }),
      );
      return;
    case 'setAlias':
      await client.request({ method: 'PATCH', path: `${base}/datasources/${operation.datasourceId}`, body: { alias: operation.alias } });
      return;
  }
}

/** Creates an object at most once, even when an answer is lost; returns its id. */
async function createOnce(create: () => Promise<number>, lookup: () => Promise<number | undefined>): Promise<number> {
  try {
    return await create();
  } catch (error) {
    if (isStatus(error, 409) && (error as HttpError).attempts > 1) return found(await lookup(), error);
    if (!answerLost(error)) throw error;
    // The create may or may not have happened: look before sending it again.
    const existing = await lookup();
    if (existing !== undefined) return existing;
    try {
      return await create();
    } catch (again) {
      if (isStatus(again, 409)) return found(await lookup(), again);
      throw again;
    }
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

async function resolveTeam(client: ApiClient, base: string, ref: TeamRef, created: CreatedIds): Promise<number> {
  if ('id' in ref) return ref.id;
  const id = created.team(ref.name) ?? (await findTeamId(client, base, ref.name));
  if (id === undefined) throw new MissingObjectError(`team "${ref.name}" does not exist in Chartio`);
  return id;
}

async function resolveUser(client: ApiClient, base: string, ref: UserRef, created: CreatedIds): Promise<number> {
  if ('id' in ref) return ref.id;
  const id = created.user(ref.email) ?? (await findUserId(client, base, ref.email));
  if (id === undefined) throw new MissingObjectError(`user ${ref.email} does not exist in Chartio`);
  return id;
}

async function findTeamId(client: ApiClient, base: string, name: string): Promise<number | undefined> {
  const teams = await collectAll(halPages<{ id: number; name: string }>(client, `${base}/teams`, 'teams'));
  return teams.find((team) => team.name === name)?.id;
}

async function findUserId(client: ApiClient, base: string, email: string): Promise<number | undefined> {
  try {
    const response = await client.request<{ id: number }>({ method: 'GET', path: `${base}/users/${encodeURIComponent(email)}` });
    return response.body.id;
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}

function found(id: number | undefined, error: unknown): number {
  if (id === undefined) throw error;
  return id;
}

function isStatus(error: unknown, status: number): boolean {
  return error instanceof HttpError && error.status === status;
}

/** No usable answer arrived, so the server may have acted: a transport failure or a gateway error. */
function answerLost(error: unknown): boolean {
  return error instanceof TransportError || (error instanceof HttpError && [502, 503, 504].includes(error.status));
}
