import { findFolder } from './folder-tree.js';
import { folderUrl } from './representations.js';
import { iso } from './time.js';
import { avatarUrl, PERMISSION_NAMES, slugify, type AclItem, type Dashboard, type Folder, type GrafanaState } from './state.js';

/**
 * `GET /api/folders/:uid/permissions` (Grafana: folder_permission.go `GetFolderPermissionList`,
 * `getFolderACL`): DashboardACLInfoDTO items of the folder's own managed permissions. The
 * handler sets `folderId` to the folder's id and `dashboardId` to 0; `folderUid` is the
 * folder's *parent* (`FolderUID: folder.ParentUID`); `slug` stays empty.
 */
export function folderAclResponse(state: GrafanaState, folder: Folder): unknown[] {
  return folder.acl.map((item) => ({
    ...principalFields(state, item),
    dashboardId: 0,
    folderId: folder.id,
    folderUid: folder.parentUid,
    uid: folder.uid,
    title: folder.title,
    slug: '',
    isFolder: true,
    url: folderUrl(folder),
    inherited: false,
  }));
}

/**
 * `GET /api/dashboards/uid/:uid/permissions` (Grafana: dashboard_permission.go `getDashboardACL`):
 * only the dashboard's own managed permissions, all `inherited: false` - the folder's are not
 * listed (`if !p.IsManaged { continue }`, and a folder's entries have another scope). `folderId`
 * is the dashboard's folder (0 in General); `folderUid` is not set.
 */
export function dashboardAclResponse(state: GrafanaState, dashboard: Dashboard): unknown[] {
  const folder = dashboard.folderUid === '' ? undefined : findFolder(state, dashboard.orgId, dashboard.folderUid);
  return dashboard.acl.map((item) => ({
    ...principalFields(state, item),
    dashboardId: dashboard.id,
    folderId: folder?.id ?? 0,
    folderUid: '',
    uid: dashboard.uid,
    title: dashboard.title,
    slug: slugify(dashboard.title),
    isFolder: false,
    url: `/d/${dashboard.uid}/${slugify(dashboard.title)}`,
    inherited: false,
  }));
}

function principalFields(state: GrafanaState, item: AclItem) {
  const user = item.userId === undefined ? undefined : state.users.get(item.userId);
  const team = item.teamId === undefined ? undefined : state.teams.get(item.teamId);
  return {
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
  };
}
