import { iso } from './time.js';
import { avatarUrl, slugify, type Dashboard, type Folder, type GrafanaState, type Org, type Role, type Team, type User } from './state.js';

/** Response bodies, shaped like Grafana's DTOs (definitions of the OpenAPI file named per function). */

/** OrgDetailsDTO: the address is never set here; Grafana answers empty strings. */
export function orgDetails(org: Org) {
  return { id: org.id, name: org.name, address: { address1: '', address2: '', city: '', zipCode: '', state: '', country: '' } };
}

/** OrgDTO (`GET /api/orgs`). */
export function orgSummary(org: Org) {
  return { id: org.id, name: org.name };
}

/**
 * When a user was last seen, as Grafana answers it: `lastSeenAt` and its age in words; a user
 * never seen gets Grafana's "never", ten years before now.
 */
function lastSeen(user: User, now: number): { lastSeenAt: string; lastSeenAtAge: string } {
  const at = user.lastSeen ?? now - 10 * 365 * 24 * 3600 * 1000;
  const days = Math.floor((now - at) / 86_400_000);
  const age = days >= 365 ? `${Math.floor(days / 365)} years` : days >= 30 ? `${Math.floor(days / 30)} months` : days >= 1 ? `${days} days` : '< 1 day';
  return { lastSeenAt: iso(at), lastSeenAtAge: age };
}

/** OrgUserDTO. */
export function orgUser(org: Org, user: User, role: Role, now: number) {
  return {
    orgId: org.id,
    userId: user.id,
    email: user.email,
    name: user.name,
    avatarUrl: avatarUrl(user.email),
    login: user.login,
    role,
    ...lastSeen(user, now),
    isDisabled: user.isDisabled === true,
    authLabels: [] as string[],
    isExternallySynced: false,
  };
}

/** UserLookupDTO. */
export function userLookup(user: User) {
  return { userId: user.id, login: user.login, avatarUrl: avatarUrl(user.email) };
}

/** UserProfileDTO. `orgId` is the user's current org. */
export function userProfile(user: User) {
  return {
    id: user.id,
    uid: user.uid,
    email: user.email,
    name: user.name,
    login: user.login,
    theme: user.theme,
    orgId: user.currentOrgId,
    isGrafanaAdmin: user.isGrafanaAdmin,
    isDisabled: user.isDisabled === true,
    isExternal: false,
    isExternallySynced: false,
    isGrafanaAdminExternallySynced: false,
    authLabels: [] as string[],
    updatedAt: iso(user.updated),
    createdAt: iso(user.created),
    avatarUrl: avatarUrl(user.email),
  };
}

/** UserSearchHitDTO. */
export function userSearchHit(user: User, now: number) {
  return {
    id: user.id,
    uid: user.uid,
    name: user.name,
    login: user.login,
    email: user.email,
    avatarUrl: avatarUrl(user.email),
    isAdmin: user.isGrafanaAdmin,
    isDisabled: user.isDisabled === true,
    ...lastSeen(user, now),
    authLabels: [] as string[],
  };
}

/** UserOrgDTO. */
export function userOrg(org: Org, role: Role) {
  return { orgId: org.id, name: org.name, role };
}

/**
 * TeamDTO. `permission` is always 0: the team store's `getTeamSelectSQLBase` (teamimpl
 * store.go, Search and GetByID) selects no permission column, so the field keeps Go's zero value
 * whoever asks (the caller's team role shows only in the member list).
 */
export function teamDto(team: Team) {
  return {
    id: team.id,
    uid: team.uid,
    orgId: team.orgId,
    name: team.name,
    email: team.email,
    avatarUrl: avatarUrl(team.name),
    memberCount: team.members.size,
    permission: 0,
  };
}

/** TeamMemberDTO. */
export function teamMember(state: GrafanaState, team: Team, userId: number, permission: number) {
  const user = state.users.get(userId);
  return {
    orgId: team.orgId,
    teamId: team.id,
    teamUID: team.uid,
    userId,
    auth_module: '',
    email: user?.email ?? '',
    name: user?.name ?? '',
    login: user?.login ?? '',
    avatarUrl: avatarUrl(user?.email ?? ''),
    labels: [] as string[],
    permission,
  };
}

export const folderUrl = (f: Folder): string => `/dashboards/f/${f.uid}/${slugify(f.title)}`;
export const dashboardUrl = (d: Dashboard): string => `/d/${d.uid}/${slugify(d.title)}`;

/**
 * Folder. The caller's abilities are not modelled per folder; an org Admin can do everything.
 * `parentUid` and `parents` (root first) are `omitempty` in Grafana's dtos.Folder, so a folder
 * at the root has neither (pkg/api/folder.go `newToFolderDto`).
 */
export function folderDto(folder: Folder, parents: readonly Folder[], canAdmin: boolean) {
  return {
    ...folderCore(folder, canAdmin),
    ...(folder.parentUid !== '' ? { parentUid: folder.parentUid } : {}),
    ...(parents.length > 0 ? { parents: parents.map((p) => folderCore(p, canAdmin)) } : {}),
  };
}

function folderCore(folder: Folder, canAdmin: boolean) {
  return {
    id: folder.id,
    uid: folder.uid,
    orgId: folder.orgId,
    title: folder.title,
    url: folderUrl(folder),
    hasAcl: false,
    canSave: canAdmin,
    canEdit: canAdmin,
    canAdmin,
    canDelete: canAdmin,
    createdBy: 'admin',
    created: iso(folder.created),
    updatedBy: 'admin',
    updated: iso(folder.updated),
    version: folder.version,
  };
}

/** FolderSearchHit (`GET /api/folders`); `parentUid` is `omitempty`. */
export function folderHit(folder: Folder) {
  return { id: folder.id, uid: folder.uid, title: folder.title, ...(folder.parentUid !== '' ? { parentUid: folder.parentUid } : {}) };
}

/** DashboardFullWithMeta. */
export function dashboardFull(dashboard: Dashboard, folder: Folder | undefined, canAdmin: boolean) {
  return {
    dashboard: dashboard.model,
    meta: {
      type: 'db',
      canSave: canAdmin,
      canEdit: canAdmin,
      canAdmin,
      canStar: true,
      canDelete: canAdmin,
      slug: slugify(dashboard.title),
      url: dashboardUrl(dashboard),
      expires: '0001-01-01T00:00:00Z',
      created: iso(dashboard.created),
      updated: iso(dashboard.updated),
      updatedBy: 'admin',
      createdBy: 'admin',
      version: dashboard.version,
      hasAcl: false,
      isFolder: false,
      folderId: folder?.id ?? 0,
      folderUid: folder?.uid ?? '',
      folderTitle: folder?.title ?? 'General',
      folderUrl: folder ? folderUrl(folder) : '',
      provisioned: false,
      provisionedExternalId: '',
      // Grafana's GetDashboard fills these too (dtos.DashboardMeta): no stars, snapshots or
      // public dashboards in the simulator, and annotation rights follow the dashboard's.
      isStarred: false,
      isSnapshot: false,
      annotationsPermissions: {
        dashboard: { canAdd: canAdmin, canEdit: canAdmin, canDelete: canAdmin },
        organization: { canAdd: canAdmin, canEdit: canAdmin, canDelete: canAdmin },
      },
      publicDashboardEnabled: false,
      publicDashboardUid: '',
    },
  };
}

/**
 * Hit (`GET /api/search`). `folder` is the folder the item is in: a dashboard's folder, or a
 * nested folder's parent (Grafana keeps folders in the dashboard table, their parent as
 * `folder_uid`). The folder fields are `omitempty`; tags come sorted (search service `sortedHits`).
 */
export function searchHit(item: Folder | Dashboard, folder: Folder | undefined) {
  const isFolder = !('folderUid' in item);
  const url = isFolder ? folderUrl(item as Folder) : dashboardUrl(item as Dashboard);
  return {
    id: item.id,
    uid: item.uid,
    title: item.title,
    uri: `db/${slugify(item.title)}`,
    url,
    slug: '',
    type: isFolder ? 'dash-folder' : 'dash-db',
    tags: isFolder ? [] : [...(item as Dashboard).tags].sort(),
    isStarred: false,
    sortMeta: 0,
    ...(folder ? { folderId: folder.id, folderUid: folder.uid, folderTitle: folder.title, folderUrl: folderUrl(folder) } : {}),
  };
}
