import { ApiError } from '../shared/api-error.js';
import { objectBody } from './body.js';
import { badRequest, badRequestData } from './errors.js';
import { isPermissionLevel, parseRole, type AclItem, type Dashboard, type Folder, type GrafanaState, type PermissionLevel, type Role } from './state.js';

export { dashboardAclResponse, folderAclResponse } from './permission-items.js';

/**
 * Folder and dashboard permissions (Grafana's legacy ACL API, pkg/api/folder_permission.go
 * `UpdateFolderPermissions` and dashboard_permission.go `UpdateDashboardPermissions`), in
 * Grafana's order: bind the body, `validatePermissionsUpdate`, look the folder or dashboard up,
 * then `updateDashboardAccessControl` turns the items into one `SetPermissions` call.
 */

/** One item of `{items: [...]}`: `permission` undefined means "remove" (see `parseAclUpdate`). */
export interface AclCommand {
  userId?: number;
  teamId?: number;
  role?: Role;
  permission: PermissionLevel | undefined;
}

/**
 * Binds and validates the body before the target is looked up (so a bad body is 400 even for
 * an unknown folder). Grafana's quirks kept:
 *  - `validatePermissionsUpdate` returns `ErrPermissionsWithUserAndTeamNotAllowed` for user+team
 *    and `ErrPermissionsWithRoleNotAllowed` for role+user/team, and their messages are swapped
 *    in pkg/services/dashboards/dashboardaccess: user+team says "team and user permissions cannot
 *    have an associated role", role+user says "permissions cannot have both a user and team";
 *  - a permission other than 1, 2, 4 becomes `PermissionType.String()` = "", which
 *    `SetPermissions` reads as "remove this principal's permission" (`mapPermission("")`): 200;
 *  - the same principal twice is allowed: the commands run in order, the last one wins.
 */
export function parseAclUpdate(rawBody: unknown): AclCommand[] {
  const body = objectBody(rawBody);
  const rawItems = body['items'] ?? [];
  if (!Array.isArray(rawItems)) throw badRequestData();
  const commands = rawItems.map((raw): AclCommand => {
    const item = objectBody(raw);
    const userId = positive(item['userId']);
    const teamId = positive(item['teamId']);
    const roleValue = item['role'];
    const role = roleValue === undefined || roleValue === null || roleValue === '' ? undefined : parseRole(roleValue);
    if (roleValue !== undefined && roleValue !== null && roleValue !== '' && !role) throw badRequestData();
    const permission = item['permission'] ?? 0;
    if (typeof permission !== 'number' || !Number.isSafeInteger(permission)) throw badRequestData();
    return {
      ...(userId !== undefined ? { userId } : {}),
      ...(teamId !== undefined ? { teamId } : {}),
      ...(role !== undefined ? { role } : {}),
      permission: isPermissionLevel(permission) ? permission : undefined,
    };
  });
  for (const c of commands) {
    if (c.userId !== undefined && c.teamId !== undefined) throw badRequest('team and user permissions cannot have an associated role');
    if (c.role !== undefined && (c.userId !== undefined || c.teamId !== undefined)) throw badRequest('permissions cannot have both a user and team');
  }
  if (commands.some((c) => c.userId === undefined && c.teamId === undefined && c.role === undefined)) throw badRequestData();
  return commands;
}

/**
 * Replaces the ACL of `target` the way `updateDashboardAccessControl` does: the request's items
 * in order, then a removal for every old entry the request does not name. Every principal is
 * checked first (resourcepermissions `SetPermissions`: `validateUser`, `validateTeam`); a user
 * or team that does not exist is an unmapped error, so the handler answers 500 with
 * `failureMessage` ("Failed to create permission" for folders, "Failed to update permissions"
 * for dashboards). A user who exists but is not in the org is granted: `validateUser` finds
 * users with GetSignedInUser's LEFT OUTER JOIN on org_user.
 */
export function applyAclUpdate(state: GrafanaState, target: Folder | Dashboard, commands: AclCommand[], now: number, failureMessage: string): void {
  const named = (a: AclItem) => commands.some((c) => (c.userId !== undefined && c.userId === a.userId) || (c.teamId !== undefined && c.teamId === a.teamId) || (c.role !== undefined && c.role === a.role));
  const all = [...commands, ...target.acl.filter((a) => !named(a)).map((a): AclCommand => ({ ...principal(a), permission: undefined }))];
  for (const c of all) {
    if (c.userId !== undefined && !state.users.has(c.userId)) throw new ApiError(500, failureMessage);
    if (c.teamId !== undefined && state.teams.get(c.teamId)?.orgId !== target.orgId) throw new ApiError(500, failureMessage);
  }
  const next = new Map<string, AclItem>(target.acl.map((a) => [keyOf(a), a]));
  const result = new Map<string, AclItem>();
  for (const c of all) {
    const key = keyOf(c);
    result.delete(key);
    if (c.permission === undefined) continue;
    const before = next.get(key);
    result.set(key, {
      ...principal(c),
      permission: c.permission,
      created: before?.created ?? now,
      updated: before && before.permission === c.permission ? before.updated : now,
    });
  }
  target.acl = [...result.values()];
}

function principal(a: { userId?: number; teamId?: number; role?: Role }): { userId?: number; teamId?: number; role?: Role } {
  if (a.userId !== undefined) return { userId: a.userId };
  if (a.teamId !== undefined) return { teamId: a.teamId };
  return a.role !== undefined ? { role: a.role } : {};
}

function keyOf(a: { userId?: number; teamId?: number; role?: Role }): string {
  return a.userId !== undefined ? `u${a.userId}` : a.teamId !== undefined ? `t${a.teamId}` : `r${a.role}`;
}

function positive(value: unknown): number | undefined {
  if (value === undefined || value === null || value === 0) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw badRequestData();
  return value;
}
