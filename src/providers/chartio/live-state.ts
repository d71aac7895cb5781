/** What accessctl reads from a Chartio org, reduced to what planning needs. Plain data. */

export interface LiveUserRef {
  id: number;
  email: string;
}

export interface LiveTeam {
  id: number;
  name: string;
  /** The Owners team (seed: `is_owner: true`); it cannot be renamed or deleted and keeps one member. */
  isOwner: boolean;
  members: LiveUserRef[];
}

export interface LiveUser {
  id: number;
  email: string;
  displayName?: string;
  teamIds: number[];
}

export type LivePrincipal = { type: 'team'; id: number; name: string } | { type: 'user'; id: number; email: string };

export interface LivePermission {
  id: number;
  principal: LivePrincipal;
  level: string;
}

/**
 * Who may open a dashboard by its link alone (seed: `link_sharing_access`, "required(one of none,
 * viewer, editor)" on every dashboard): `viewer` and `editor` let anyone with the link in.
 */
export const LINK_SHARING_LEVELS = ['none', 'viewer', 'editor'] as const;
export type LinkSharing = (typeof LINK_SHARING_LEVELS)[number];

export interface LiveDashboard {
  id: number;
  slug: string;
  title: string;
  /** Absent when the server left the field out (the seed requires it; test fakes and old answers may not). */
  linkSharing?: LinkSharing;
  /** Present when read (dashboards in scope only). */
  permissions?: LivePermission[];
}

export interface LiveDatasource {
  id: number;
  slug: string;
  alias: string;
  permissions?: LivePermission[];
}

export interface ChartioLive {
  org: string;
  teams: LiveTeam[];
  users: LiveUser[];
  dashboards: LiveDashboard[];
  datasources: LiveDatasource[];
}

/** The "Added from Dashboard" team (seed): cannot be renamed, deleted, or added to. */
export const ADDED_FROM_DASHBOARD = 'Added from Dashboard';

/** Owners and Added from Dashboard: the API will not rename or delete them (seed: "teams/owners"; 405). */
export const isFixedTeam = (team: LiveTeam): boolean => team.isOwner || team.name === ADDED_FROM_DASHBOARD;
