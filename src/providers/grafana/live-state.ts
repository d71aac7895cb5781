/** What accessctl reads from a Grafana instance, reduced to what planning needs. Plain data. */
import type { FolderPermission, OrgRole } from './desired-state.js';

export interface GrafanaUser {
  id: number;
  login: string;
  email: string;
  /** Grafana server admin (`isAdmin` of `/api/users/search`); read with Basic auth only. */
  isGrafanaAdmin?: boolean;
  /** From the user and org-user searches, when they say: last activity (ISO 8601) and `isDisabled`. */
  lastSeenAt?: string;
  isDisabled?: boolean;
}

export interface LiveOrgUser extends GrafanaUser {
  role: OrgRole;
}

export interface LiveTeam {
  id: number;
  name: string;
  email: string;
  members: GrafanaUser[];
}

/** One entry of a folder's or dashboard's permission list (Grafana: 1 = View, 2 = Edit, 4 = Admin). */
export interface LivePermissionItem {
  principal: { team: string } | { user: string } | { role: 'Viewer' | 'Editor' };
  permission: FolderPermission;
}

export interface LivePermissionTarget {
  uid: string;
  title: string;
  items: LivePermissionItem[];
  /**
   * The folder it sits in (a dashboard's folder, a nested folder's parent; `''` at the root), from
   * `/api/search`'s `folderUid`. Known when the org's folders or dashboards were listed by search
   * (`all`); undefined when the file named the uids.
   */
  folderUid?: string;
}

export interface LiveOrg {
  id: number;
  name: string;
  /** Present when the org is in scope (named in the file, or manage.orgs: all). */
  users?: LiveOrgUser[];
  teams?: LiveTeam[];
  folders?: LivePermissionTarget[];
  dashboards?: LivePermissionTarget[];
}

export interface GrafanaLive {
  /**
   * How it was read. Absent: as a server admin (Basic auth), every org and user of the instance.
   * `org-token`: with a service-account token, which acts only inside its own org: `orgs` is
   * that one org and `users` are its members (a token cannot list the instance's users).
   */
  access?: 'org-token';
  /** Every user of the instance (org users must already exist as Grafana users), or the token org's members. */
  users: GrafanaUser[];
  orgs: LiveOrg[];
  /** The user accessctl acts as (Grafana makes the creator of an org its Admin); none for a token. */
  actingUser?: GrafanaUser;
  /** Instance settings that widen access, when the scope asked for them (`/api/frontend/settings`). */
  instance?: InstanceSettings;
}

export interface InstanceSettings {
  /** grafana.ini `[users] viewers_can_edit`: whoever may view a dashboard may also edit it (not save). */
  viewersCanEdit: boolean;
  /** grafana.ini `[auth.anonymous] enabled`: visitors who do not sign in get a configured org role. */
  anonymousEnabled: boolean;
}

export const PERMISSION_RANK: Record<FolderPermission, number> = { View: 1, Edit: 2, Admin: 4 };
export const ROLE_RANK: Record<OrgRole, number> = { None: 0, Viewer: 1, Editor: 2, Admin: 3 };
