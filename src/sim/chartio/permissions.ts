import { ApiError, badRequest } from './errors.js';
import { isPositiveInt, objectBody, parseIdParam, rejectUnknownKeys } from './body.js';
import {
  ACCESS_LEVELS,
  nextId,
  type AccessLevel,
  type Dashboard,
  type Datasource,
  type OrgState,
  type Permission,
  type PermissionKind,
  type Principal,
} from './state.js';

const NOT_FOUND = 'Permission was not found.';

export function getPermission(resource: Dashboard | Datasource, permissionRef: string): Permission {
  const id = parseIdParam(permissionRef);
  const permission = id === undefined ? undefined : resource.permissions.get(id);
  if (!permission) throw new ApiError(404, NOT_FOUND);
  return permission;
}

/**
 * `POST .../permissions`: seed - "If an existing permission ... matches the user or team in
 * the request, that permission will be updated instead of creating a new one." 201 when
 * created, 200 when updated; 400 for a principal not in the org or an invalid level.
 */
export function upsertPermission(
  state: OrgState,
  kind: PermissionKind,
  resource: Dashboard | Datasource,
  rawBody: unknown,
): { permission: Permission; created: boolean } {
  const body = objectBody(rawBody);
  rejectUnknownKeys(body, ['team_id', 'user_id', 'access_level'], 'Invalid permission.');
  const level = accessLevel(kind, body['access_level']);
  const principal = principalOf(state, body);
  for (const permission of resource.permissions.values()) {
    if (permission.principal.type === principal.type && permission.principal.id === principal.id) {
      permission.access_level = level;
      return { permission, created: false };
    }
  }
  const permission: Permission = {
    id: nextId(state, kind === 'dashboards' ? 'dashboardPermission' : 'datasourcePermission'),
    principal,
    access_level: level,
  };
  resource.permissions.set(permission.id, permission);
  return { permission, created: true };
}

/** `PUT`/`PATCH .../permissions/{id}`: seed - 400 for an invalid access level, 404 for an unknown permission. */
export function updatePermission(
  kind: PermissionKind,
  resource: Dashboard | Datasource,
  permissionRef: string,
  rawBody: unknown,
): Permission {
  const permission = getPermission(resource, permissionRef);
  const body = objectBody(rawBody);
  rejectUnknownKeys(body, ['access_level'], 'An invalid access level was provided.');
  permission.access_level = accessLevel(kind, body['access_level']);
  return permission;
}

export function deletePermission(resource: Dashboard | Datasource, permissionRef: string): void {
  const permission = getPermission(resource, permissionRef);
  resource.permissions.delete(permission.id);
}

/** A deleted user or team cannot keep permissions that would name a principal outside the org. */
export function removePrincipalEverywhere(state: OrgState, principal: Principal): void {
  for (const resource of [...state.dashboards.values(), ...state.datasources.values()]) {
    for (const [id, permission] of resource.permissions) {
      if (permission.principal.type === principal.type && permission.principal.id === principal.id) {
        resource.permissions.delete(id);
      }
    }
  }
}

function accessLevel(kind: PermissionKind, value: unknown): AccessLevel {
  const allowed = ACCESS_LEVELS[kind];
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw badRequest(`An invalid access level was provided: expected one of ${allowed.join(', ')}.`);
  }
  return value as AccessLevel;
}

function principalOf(state: OrgState, body: Record<string, unknown>): Principal {
  const teamId = body['team_id'];
  const userId = body['user_id'];
  if ((teamId === undefined) === (userId === undefined)) {
    throw badRequest('Exactly one of team_id and user_id must be provided.');
  }
  const missing =
    'Attempted to create a permission with a user or team which does not exist in the org, or an invalid permission value.';
  if (teamId !== undefined) {
    if (!isPositiveInt(teamId) || !state.teams.has(teamId)) throw badRequest(missing);
    return { type: 'team', id: teamId };
  }
  if (!isPositiveInt(userId) || !state.users.has(userId)) throw badRequest(missing);
  return { type: 'user', id: userId };
}
