import { iso, isoOrNull, link } from './hal.js';
import { teamsOf, type Dashboard, type Datasource, type OrgState, type Permission, type PermissionKind, type Team, type User } from './state.js';

/**
 * Response bodies, shaped as the seed's property tables say (the examples' typos such as
 * `"id": "33,"` are not reproduced: ids are integers). Self links copy the seed's spelling,
 * which has a trailing slash for users, teams, datasources and permissions but not dashboards.
 */
export const paths = {
  root: (org: string) => `/${org}/`,
  users: (org: string) => `/${org}/users/`,
  user: (org: string, id: number) => `/${org}/users/${id}/`,
  teams: (org: string) => `/${org}/teams/`,
  team: (org: string, id: number) => `/${org}/teams/${id}/`,
  dashboards: (org: string) => `/${org}/dashboards/`,
  dashboard: (org: string, id: number) => `/${org}/dashboards/${id}`,
  datasources: (org: string) => `/${org}/datasources/`,
  datasource: (org: string, id: number) => `/${org}/datasources/${id}/`,
  permissions: (org: string, kind: PermissionKind, id: number) => `/${org}/${kind}/${id}/permissions/`,
  permission: (org: string, kind: PermissionKind, id: number, pid: number) => `/${org}/${kind}/${id}/permissions/${pid}/`,
  schemaSync: (org: string, id: number) => `/${org}/datasources/${id}/schema-sync/`,
  task: (org: string, id: number, taskId: string) => `/${org}/datasources/${id}/schema-sync/tasks/${taskId}`,
};

/** Seed UserEmbedded / the users listed inside a team. */
export function userSummary(org: string, user: User) {
  return { _links: { self: link(paths.user(org, user.id)) }, id: user.id, email: user.email, display_name: user.display_name };
}

export function teamSummary(org: string, team: Team) {
  return { _links: { self: link(paths.team(org, team.id)) }, id: team.id, name: team.name };
}

/** Seed UserResponse: the user with the teams they belong to embedded. */
export function userResponse(state: OrgState, user: User) {
  return {
    _links: { self: link(paths.user(state.org, user.id)) },
    _embedded: { teams: teamsOf(state, user.id).map((t) => teamSummary(state.org, t)) },
    id: user.id,
    email: user.email,
    display_name: user.display_name,
    created_at: iso(user.created_at),
    updated_at: iso(user.updated_at),
  };
}

/** Seed TeamResponse: "Each team's users are listed as nested resources within each team." */
export function teamResponse(state: OrgState, team: Team) {
  const members = [...team.members].map((id) => state.users.get(id)).filter((u): u is User => u !== undefined);
  return {
    _links: { self: link(paths.team(state.org, team.id)) },
    _embedded: { users: members.map((u) => userSummary(state.org, u)) },
    id: team.id,
    name: team.name,
    is_owner: team.kind === 'owners',
    created_at: iso(team.created_at),
    updated_at: iso(team.updated_at),
  };
}

export function dashboardResponse(org: string, dashboard: Dashboard) {
  return {
    _links: {
      self: link(paths.dashboard(org, dashboard.id)),
      permissions: link(`${paths.dashboard(org, dashboard.id)}/permissions`),
    },
    id: dashboard.id,
    slug: dashboard.slug,
    title: dashboard.title,
    link_sharing_access: dashboard.link_sharing_access,
    created_at: iso(dashboard.created_at),
    updated_at: iso(dashboard.updated_at),
  };
}

export function datasourceResponse(org: string, datasource: Datasource) {
  return {
    _links: {
      self: link(paths.datasource(org, datasource.id)),
      permissions: link(paths.permissions(org, 'datasources', datasource.id)),
      'schema-sync': link(paths.schemaSync(org, datasource.id)),
    },
    id: datasource.id,
    alias: datasource.alias,
    slug: datasource.slug,
    dstype: datasource.dstype,
    created_at: iso(datasource.created_at),
    updated_at: iso(datasource.updated_at),
    last_reflected: isoOrNull(datasource.last_reflected),
    last_refreshed_at: isoOrNull(datasource.last_refreshed_at),
  };
}

/** Seed DashboardPermissionResponse / DataSourcePermissionResponse: `_embedded` holds `team` or `user`. */
export function permissionResponse(state: OrgState, kind: PermissionKind, resourceId: number, permission: Permission) {
  const { principal } = permission;
  let embedded: Record<string, unknown> = {};
  if (principal.type === 'team') {
    const team = state.teams.get(principal.id);
    if (team) embedded = { team: teamSummary(state.org, team) };
  } else {
    const user = state.users.get(principal.id);
    if (user) embedded = { user: userSummary(state.org, user) };
  }
  return {
    _links: { self: link(paths.permission(state.org, kind, resourceId, permission.id)) },
    _embedded: embedded,
    id: permission.id,
    access_level: permission.access_level,
  };
}
