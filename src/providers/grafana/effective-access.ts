import type { AccessGrant } from '../../core/access-grant.js';
import { userKey } from '../../core/principal-name.js';
import type { FolderPermission, OrgRole } from './desired-state.js';
import { ROLE_RANK, type GrafanaLive, type LiveOrg, type LivePermissionTarget } from './live-state.js';

/**
 * Every path by which a Grafana user reaches a folder or dashboard, as Grafana enforces it. Pure.
 *
 * - **Direct, team and role entries** of the resource's own permission list. A role entry
 *   reaches every org user whose basic role contains it: Admin ⊃ Editor ⊃ Viewer
 *   (pkg/services/org `RoleType.Includes`/`Children`), so `role:Viewer` View also reaches the
 *   org's Editors and Admins.
 * - **Inheritance:** a dashboard gets its folder's entries, a nested folder its parent's, up to
 *   the root (folder permissions are scoped to the folder and everything under it:
 *   `dashboards:*` under `folders:uid:X`, resolved through the folder tree). Their `via` names
 *   the folder: `folder:ops > team:SRE`.
 * - **Org Admins** can administer every folder and dashboard of their org (the basic role
 *   Admin holds `folders:*` and `dashboards:*` on every scope): `org-role:Admin`.
 * - **Grafana server admins** can make themselves members of any org and so reach everything:
 *   `server-admin`, Admin on every resource of every org read.
 *
 * - **`viewers_can_edit`**, when the instance reports it on: whoever may view a dashboard may
 *   also edit it, though not save it (the dashboard guardian's `CanEdit` accepts a read
 *   permission then): an `Edit` path `viewers-can-edit > …` beside each `View` path.
 *
 * Org users with role `None` reach only what names them or their teams. Resources are named
 * `<org>/folder:<uid>` and `<org>/dashboard:<uid>`; a user is named by login.
 */
/** The paths that reach every resource of an org (org Admins) or of every org (server admins). */
export const ORG_ADMIN_VIA = 'org-role:Admin';
export const SERVER_ADMIN_VIA = 'server-admin';

export function grafanaAccessPaths(live: GrafanaLive): AccessGrant[] {
  const loginOf = new Map(live.users.map((u) => [userKey(u.login), u.login]));
  const serverAdmins = live.users.filter((u) => u.isGrafanaAdmin === true).map((u) => u.login);
  return live.orgs.flatMap((org) => orgPaths(org, loginOf, serverAdmins, live.instance?.viewersCanEdit === true));
}

/** What the paths cannot show, for the report: anonymous access, whose org and role the API does not report. */
export function grafanaAuditNotes(live: GrafanaLive): string[] {
  if (live.instance?.anonymousEnabled !== true) return [];
  return [
    'anonymous access is on: visitors who do not sign in act with the org role set in grafana.ini ([auth.anonymous] org_name and org_role), which the API does not report, so what they reach is not listed here',
  ];
}

interface OwnPath {
  user: string;
  level: FolderPermission;
  via: string;
}

function orgPaths(org: LiveOrg, loginOf: Map<string, string>, serverAdmins: string[], viewersCanEdit: boolean): AccessGrant[] {
  const users = org.users ?? [];
  const teams = new Map((org.teams ?? []).map((team) => [team.name, team.members.map((m) => m.login)]));
  const holding = (role: OrgRole) => users.filter((u) => ROLE_RANK[u.role] >= ROLE_RANK[role]).map((u) => u.login);
  const own = (target: LivePermissionTarget): OwnPath[] =>
    target.items.flatMap((item): OwnPath[] => {
      const p = item.principal;
      const level = item.permission;
      if ('user' in p) return [{ user: loginOf.get(userKey(p.user)) ?? p.user, level, via: 'direct' }];
      if ('team' in p) return (teams.get(p.team) ?? []).map((user) => ({ user, level, via: `team:${p.team}` }));
      return holding(p.role).map((user) => ({ user, level, via: `role:${p.role}` }));
    });

  const folders = new Map((org.folders ?? []).map((folder) => [folder.uid, folder]));
  // Each folder's own paths and then its ancestors', nearest first; a cycle (a hostile answer) stops the walk.
  const inherited = (folderUid: string | undefined): OwnPath[] => {
    const paths: OwnPath[] = [];
    const seen = new Set<string>();
    for (let uid = folderUid; uid && !seen.has(uid); uid = folders.get(uid)?.folderUid) {
      seen.add(uid);
      const folder = folders.get(uid);
      if (!folder) break;
      paths.push(...own(folder).map((path) => ({ ...path, via: `folder:${uid} > ${path.via}` })));
    }
    return paths;
  };

  const admins = holding('Admin');
  const grants: AccessGrant[] = [];
  const targets = [
    ...(org.folders ?? []).map((target) => ({ target, resource: folderResource(org.name, target.uid) })),
    ...(org.dashboards ?? []).map((target) => ({ target, resource: dashboardResource(org.name, target.uid) })),
  ];
  for (const { target, resource } of targets) {
    const paths = [...own(target), ...inherited(target.folderUid)];
    for (const path of paths) grants.push({ resource, ...path });
    if (viewersCanEdit && resource.includes('/dashboard:')) {
      for (const path of paths) if (path.level === 'View') grants.push({ resource, user: path.user, level: 'Edit', via: `viewers-can-edit > ${path.via}` });
    }
    for (const user of admins) grants.push({ user, resource, level: 'Admin', via: ORG_ADMIN_VIA });
    for (const user of serverAdmins) grants.push({ user, resource, level: 'Admin', via: SERVER_ADMIN_VIA });
  }
  return grants;
}

const folderResource = (org: string, uid: string) => `${org}/folder:${uid}`;
const dashboardResource = (org: string, uid: string) => `${org}/dashboard:${uid}`;

/** Titles beside uids in the audit: each folder's and dashboard's title, as `/api/search` gave it. Pure. */
export function grafanaAuditTitles(live: GrafanaLive): Record<string, string> {
  return Object.fromEntries(
    live.orgs.flatMap((org) => [
      ...(org.folders ?? []).filter((target) => target.title).map((target) => [folderResource(org.name, target.uid), target.title]),
      ...(org.dashboards ?? []).filter((target) => target.title).map((target) => [dashboardResource(org.name, target.uid), target.title]),
    ]),
  );
}
