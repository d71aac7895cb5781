/**
 * The Grafana simulator's data model: users are global, everything else belongs to one org.
 * Timestamps are epoch milliseconds (ISO strings only in responses). Maps keep insertion
 * order and ids only grow, so iterating a map lists a collection in id order.
 */

/** Grafana's org roles (`org.RoleType`); `None` is a member without basic role. */
export const ROLES = ['None', 'Viewer', 'Editor', 'Admin'] as const;
export type Role = (typeof ROLES)[number];

/** Grafana's legacy permission levels, as folder and dashboard ACLs and team membership use them. */
export const PERMISSIONS = { View: 1, Edit: 2, Admin: 4 } as const;
export type PermissionLevel = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];
export const PERMISSION_NAMES: Record<PermissionLevel, string> = { 1: 'View', 2: 'Edit', 4: 'Admin' };

/** Team membership permission: 0 member, 4 team admin (Grafana's `dashboardaccess.PERMISSION_ADMIN`). */
export type TeamPermission = 0 | 4;

export interface User {
  id: number;
  uid: string;
  login: string;
  email: string;
  name: string;
  /** Without a password the user cannot use Basic auth (an SSO user, in Grafana terms). */
  password?: string;
  isGrafanaAdmin: boolean;
  /** A disabled user keeps grants and memberships but cannot sign in (Grafana: `is_disabled`). */
  isDisabled?: boolean;
  /** When the user was last active (ms); absent: never, which Grafana shows as ten years ago. */
  lastSeen?: number;
  theme: string;
  /** The org `/api/user/using/:orgId` selected; Basic auth acts in it unless `X-Grafana-Org-Id` says otherwise. */
  currentOrgId: number;
  created: number;
  updated: number;
}

export interface Org {
  id: number;
  name: string;
  created: number;
  updated: number;
  /** userId -> role, in the order users joined. */
  members: Map<number, Role>;
}

export interface Team {
  id: number;
  uid: string;
  orgId: number;
  name: string;
  email: string;
  created: number;
  updated: number;
  /** userId -> permission (0 member, 4 admin). */
  members: Map<number, TeamPermission>;
}

/** One ACL entry: exactly one of userId, teamId, role. */
export interface AclItem {
  userId?: number;
  teamId?: number;
  role?: Role;
  permission: PermissionLevel;
  created: number;
  updated: number;
}

export interface Folder {
  id: number;
  uid: string;
  orgId: number;
  /** The parent folder's uid; empty for a folder at the root (Grafana's nested folders, `parent_uid`). */
  parentUid: string;
  title: string;
  version: number;
  created: number;
  updated: number;
  acl: AclItem[];
}

export interface Dashboard {
  id: number;
  uid: string;
  orgId: number;
  /** Empty for the General folder. */
  folderUid: string;
  title: string;
  tags: string[];
  /** The JSON model as saved (id, uid, title and version are kept in step). */
  model: Record<string, unknown>;
  version: number;
  created: number;
  updated: number;
  acl: AclItem[];
}

/**
 * A data source (Grafana's `datasources.DataSource`). `secureJsonData` holds the secrets as
 * sent; they are never answered (Grafana answers `secureJsonFields: {key: true}` instead).
 */
export interface DataSource {
  id: number;
  uid: string;
  orgId: number;
  name: string;
  type: string;
  access: string;
  url: string;
  user: string;
  database: string;
  basicAuth: boolean;
  basicAuthUser: string;
  withCredentials: boolean;
  isDefault: boolean;
  jsonData: Record<string, unknown>;
  secureJsonData: Record<string, string>;
  /** Provisioned data sources are read-only in Grafana; the simulator never makes one. */
  readOnly: boolean;
  version: number;
  created: number;
  updated: number;
}

/** A service-account token (from `--data`, or made by the service-account API): it acts with `role` inside `orgId` only. */
export interface Token {
  token: string;
  name: string;
  orgId: number;
  role: Role;
  /** Set for tokens made by `POST /api/serviceaccounts/:id/tokens`; `--data` tokens belong to no listed service account. */
  serviceAccountId?: number;
  id?: number;
}

/**
 * A service account (`POST /api/serviceaccounts`). In Grafana it is a row of the user table
 * (`is_service_account`), so its id comes from the users' sequence; it is kept apart here
 * because Grafana's user and org-user listings leave service accounts out.
 */
export interface ServiceAccount {
  id: number;
  uid: string;
  orgId: number;
  name: string;
  login: string;
  role: Role;
  isDisabled: boolean;
  created: number;
  updated: number;
}

export interface GrafanaState {
  users: Map<number, User>;
  orgs: Map<number, Org>;
  teams: Map<number, Team>;
  folders: Map<number, Folder>;
  dashboards: Map<number, Dashboard>;
  tokens: Map<string, Token>;
  datasources: Map<number, DataSource>;
  serviceAccounts: Map<number, ServiceAccount>;
  /** Instance settings that change who reaches what (grafana.ini `[users] viewers_can_edit`, `[auth.anonymous] enabled`). */
  settings: { viewersCanEdit: boolean; anonymousEnabled: boolean };
  /** Folders and dashboards share one id sequence, as they share Grafana's `dashboard` table. */
  lastId: { user: number; org: number; team: number; dashboard: number; datasource: number; token: number };
}

export function emptyState(): GrafanaState {
  return {
    users: new Map(),
    orgs: new Map(),
    teams: new Map(),
    folders: new Map(),
    dashboards: new Map(),
    tokens: new Map(),
    datasources: new Map(),
    serviceAccounts: new Map(),
    settings: { viewersCanEdit: false, anonymousEnabled: false },
    lastId: { user: 0, org: 0, team: 0, dashboard: 0, datasource: 0, token: 0 },
  };
}

export function nextId(state: GrafanaState, kind: keyof GrafanaState['lastId']): number {
  state.lastId[kind] += 1;
  return state.lastId[kind];
}

/** Grafana decodes `role` case-insensitively (`org.RoleType.UnmarshalJSON`); anything else is invalid. */
export function parseRole(value: unknown): Role | undefined {
  if (typeof value !== 'string') return undefined;
  return ROLES.find((r) => r.toLowerCase() === value.toLowerCase());
}

export function isPermissionLevel(value: unknown): value is PermissionLevel {
  return value === 1 || value === 2 || value === 4;
}

/** Grafana's default team and user avatars are gravatar paths of the email's MD5; a stable path is enough here. */
export function avatarUrl(key: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return `/avatar/${h.toString(16).padStart(8, '0')}`;
}

/** Grafana's slugify for dashboard URLs: lower case, runs of other characters become one dash. */
export function slugify(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

export function sameText(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Grafana-like short uids (`util.GenerateShortUID` gives 14 letters/digits): derived from a kind letter and the id, so reruns agree. */
export function shortUid(kind: string, id: number): string {
  let h = 0x9e3779b9 ^ id;
  let out = kind;
  while (out.length < 14) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    h = (h + id + out.length) >>> 0;
    out += 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[h % 62];
  }
  return out;
}

/**
 * Orders text the way Grafana's SQL `ORDER BY` does on its default SQLite database: by code
 * unit, not by locale (and fast: listings of 5,000 users sort on every request).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
