import { objectBody } from './body.js';
import { badRequest, badRequestData, notFound, TEAM_NOT_FOUND, USER_NOT_FOUND } from './errors.js';
import { findFolder } from './folders.js';
import { iso } from './time.js';
import {
  avatarUrl,
  isPermissionLevel,
  parseRole,
  PERMISSION_NAMES,
  slugify,
  type AclItem,
  type Dashboard,
  type Folder,
  type GrafanaState,
} from './state.js';

/**
 * Folder and dashboard permissions (Grafana's legacy ACL API, pkg/api/folder_permission.go and
 * dashboard_permission.go). `POST` replaces the whole list with `items`, each naming exactly
 * one of `userId`, `teamId` or `role` with `permission` 1 (View), 2 (Edit) or 4 (Admin).
 * Everything is checked before the list is replaced.
 */
export function replaceAcl(state: GrafanaState, target: Folder | Dashboard, rawBody: unknown, now: number): void {
  const body = objectBody(rawBody);
  const rawItems = body['items'] ?? [];
  if (!Array.isArray(rawItems)) throw badRequestData();
  const seen = new Set<string>();
  const next: AclItem[] = [];
  for (const raw of rawItems) {
    const item = objectBody(raw);
    const userId = positive(item['userId']);
    const teamId = positive(item['teamId']);
    const roleValue = item['role'];
    const role = roleValue === undefined || roleValue === null || roleValue === '' ? undefined : parseRole(roleValue);
    if (roleValue !== undefined && roleValue !== null && roleValue !== '' && !role) throw badRequestData();
    const permission = item['permission'];
    if (!isPermissionLevel(permission)) throw badRequest('Invalid permission');
    // Grafana: ErrPermissionsWithUserAndTeamNotAllowed / ErrPermissionsWithRoleNotAllowed.
    if (userId !== undefined && teamId !== undefined) throw badRequest('User and Team can not both be set on an item');
    if (role !== undefined && (userId !== undefined || teamId !== undefined)) throw badRequest('Role can not be set together with a user or team');
    if (userId === undefined && teamId === undefined && role === undefined) throw badRequestData();
    // Any existing user, in the org or not: resourcepermissions `validateUser` (GetSignedInUser,
    // LEFT OUTER JOIN org_user) finds users outside the org, and the grant is stored.
    if (userId !== undefined && !state.users.has(userId)) throw notFound(USER_NOT_FOUND);
    if (teamId !== undefined && state.teams.get(teamId)?.orgId !== target.orgId) throw notFound(TEAM_NOT_FOUND);
    const key = userId !== undefined ? `u${userId}` : teamId !== undefined ? `t${teamId}` : `r${role}`;
    if (seen.has(key)) throw badRequest('Permission for the same user, team or role given twice');
    seen.add(key);
    const before = target.acl.find((a) => a.userId === userId && a.teamId === teamId && a.role === role);
    next.push({
      ...(userId !== undefined ? { userId } : {}),
      ...(teamId !== undefined ? { teamId } : {}),
      ...(role !== undefined ? { role } : {}),
      permission,
      created: before?.created ?? now,
      updated: before && before.permission === permission ? before.updated : now,
    });
  }
  target.acl = next;
}

function positive(value: unknown): number | undefined {
  if (value === undefined || value === null || value === 0) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw badRequestData();
  return value;
}

/** `GET /api/folders/:uid/permissions`: DashboardACLInfoDTO items. */
export function folderAclResponse(state: GrafanaState, folder: Folder): unknown[] {
  return folder.acl.map((item) => aclInfo(state, item, folder, true, false));
}

/** `GET /api/dashboards/uid/:uid/permissions`: the folder's items first, marked `inherited`, then the dashboard's own. */
export function dashboardAclResponse(state: GrafanaState, dashboard: Dashboard): unknown[] {
  const folder = dashboard.folderUid === '' ? undefined : findFolder(state, dashboard.orgId, dashboard.folderUid);
  const inherited = folder ? folder.acl.map((item) => aclInfo(state, item, folder, true, true)) : [];
  return [...inherited, ...dashboard.acl.map((item) => aclInfo(state, item, dashboard, false, false))];
}

function aclInfo(state: GrafanaState, item: AclItem, owner: Folder | Dashboard, isFolder: boolean, inherited: boolean) {
  const user = item.userId === undefined ? undefined : state.users.get(item.userId);
  const team = item.teamId === undefined ? undefined : state.teams.get(item.teamId);
  const folderUid = 'folderUid' in owner ? owner.folderUid : '';
  return {
    dashboardId: owner.id,
    folderUid,
    created: iso(item.created),
    updated: iso(item.updated),
    userId: item.userId ?? 0,
    userLogin: user?.login ?? '',
    userEmail: user?.email ?? '',
    userAvatarUrl: user ? avatarUrl(user.email) : '',
    teamId: item.teamId ?? 0,
    teamEmail: team?.email ?? '',
    teamAvatarUrl: team ? avatarUrl(team.name) : '',
    team: team?.name ?? '',
    ...(item.role !== undefined ? { role: item.role } : {}),
    permission: item.permission,
    permissionName: PERMISSION_NAMES[item.permission],
    uid: owner.uid,
    title: owner.title,
    slug: slugify(owner.title),
    isFolder,
    url: isFolder ? `/dashboards/f/${owner.uid}/${slugify(owner.title)}` : `/d/${owner.uid}/${slugify(owner.title)}`,
    inherited,
  };
}
