/**
 * The simulator's data model: one Chartio org. Timestamps are epoch milliseconds and become
 * ISO strings only in responses. Maps keep insertion order, and ids only grow, so iterating a
 * map lists a collection in id order - the order pagination relies on.
 */
export type AccessLevel = 'viewer' | 'editor' | 'admin';
export type PermissionKind = 'dashboards' | 'datasources';

/** Seed: dashboard permissions are viewer/editor/admin; datasource permissions editor/admin only. */
export const ACCESS_LEVELS: Record<PermissionKind, readonly AccessLevel[]> = {
  dashboards: ['viewer', 'editor', 'admin'],
  datasources: ['editor', 'admin'],
};

export const LINK_SHARING_ACCESS = ['none', 'viewer', 'editor'] as const;
export type LinkSharingAccess = (typeof LINK_SHARING_ACCESS)[number];

export interface User {
  id: number;
  email: string;
  display_name: string;
  created_at: number;
  updated_at: number;
}

/** The seed's two special teams; every other team is `normal`. */
export type TeamKind = 'owners' | 'added_from_dashboard' | 'normal';
export const OWNERS_TEAM_NAME = 'Owners';
export const ADDED_FROM_DASHBOARD_TEAM_NAME = 'Added from Dashboard';

export interface Team {
  id: number;
  name: string;
  kind: TeamKind;
  created_at: number;
  updated_at: number;
  /** Member user ids, in the order they joined. */
  members: Set<number>;
}

export interface Principal {
  type: 'team' | 'user';
  id: number;
}

export interface Permission {
  id: number;
  principal: Principal;
  access_level: AccessLevel;
}

export interface Dashboard {
  id: number;
  slug: string;
  title: string;
  link_sharing_access: LinkSharingAccess;
  created_at: number;
  updated_at: number;
  permissions: Map<number, Permission>;
}

export interface Datasource {
  id: number;
  slug: string;
  alias: string;
  dstype: string;
  created_at: number;
  updated_at: number;
  last_reflected: number | null;
  last_refreshed_at: number | null;
  /** Simulator only (`unreachable: true` in `--data`): its database cannot be reached, so its schema syncs fail. */
  unreachable: boolean;
  permissions: Map<number, Permission>;
}

export interface SyncTask {
  id: string;
  datasourceId: number;
  created_at: number;
  /** When the sync finishes (created_at + the configured delay). */
  completes_at: number;
  /** False when the datasource is unreachable: the finished task reports `success: false`. */
  success: boolean;
  added_objects: { num_columns: string; num_tables: string; num_schemas: string; num_foreign_keys: string };
}

export interface Counters {
  user: number;
  team: number;
  dashboard: number;
  datasource: number;
  dashboardPermission: number;
  datasourcePermission: number;
}

export interface OrgState {
  org: string;
  users: Map<number, User>;
  teams: Map<number, Team>;
  /** Reverse index of `Team.members`: user id -> team ids. Kept in step by `memberships.ts`. */
  userTeams: Map<number, Set<number>>;
  dashboards: Map<number, Dashboard>;
  datasources: Map<number, Datasource>;
  tasks: Map<string, SyncTask>;
  /** The last id handed out per kind; new ids are one more than the largest ever used. */
  lastId: Counters;
}

export function emptyState(org: string): OrgState {
  return {
    org,
    users: new Map(),
    teams: new Map(),
    userTeams: new Map(),
    dashboards: new Map(),
    datasources: new Map(),
    tasks: new Map(),
    lastId: { user: 0, team: 0, dashboard: 0, datasource: 0, dashboardPermission: 0, datasourcePermission: 0 },
  };
}

export function nextId(state: OrgState, kind: keyof Counters): number {
  state.lastId[kind] += 1;
  return state.lastId[kind];
}

/** Emails compare case-insensitively (DESIGN §3); the stored spelling is kept for display. */
export function sameEmail(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Adds a membership to both directions of the index. */
export function addMember(state: OrgState, team: Team, userId: number): void {
  team.members.add(userId);
  let teams = state.userTeams.get(userId);
  if (!teams) {
    teams = new Set();
    state.userTeams.set(userId, teams);
  }
  teams.add(team.id);
}

export function removeMember(state: OrgState, team: Team, userId: number): void {
  team.members.delete(userId);
  state.userTeams.get(userId)?.delete(team.id);
}

export function teamsOf(state: OrgState, userId: number): Team[] {
  const ids = state.userTeams.get(userId) ?? new Set<number>();
  return [...ids]
    .sort((a, b) => a - b)
    .map((id) => state.teams.get(id))
    .filter((t): t is Team => t !== undefined);
}

export function ownersTeam(state: OrgState): Team {
  for (const team of state.teams.values()) if (team.kind === 'owners') return team;
  // Every constructor of a state (seed-data.ts, generate.ts) creates the Owners team.
  throw new Error('invariant: the org has no Owners team');
}

/** A deep copy, so `/__sim/reset` can return to the initial org however the live one changed. */
export function cloneState(state: OrgState): OrgState {
  const clonePerms = (perms: Map<number, Permission>): Map<number, Permission> =>
    new Map([...perms].map(([id, p]) => [id, { ...p, principal: { ...p.principal } }]));
  return {
    org: state.org,
    users: new Map([...state.users].map(([id, u]) => [id, { ...u }])),
    teams: new Map([...state.teams].map(([id, t]) => [id, { ...t, members: new Set(t.members) }])),
    userTeams: new Map([...state.userTeams].map(([id, s]) => [id, new Set(s)])),
    dashboards: new Map([...state.dashboards].map(([id, d]) => [id, { ...d, permissions: clonePerms(d.permissions) }])),
    datasources: new Map(
      [...state.datasources].map(([id, d]) => [id, { ...d, permissions: clonePerms(d.permissions) }]),
    ),
    tasks: new Map([...state.tasks].map(([id, t]) => [id, { ...t, added_objects: { ...t.added_objects } }])),
    lastId: { ...state.lastId },
  };
}
