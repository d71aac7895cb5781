/**
 * The RBAC evaluator Grafana's route registration puts in front of each endpoint the simulator
 * serves (pkg/api/api.go `registerRoutes`, 10.4 to 12: `authorize(ac.EvalPermission(...))`,
 * and `authorizeInOrg(...)` for `/api/orgs*`), spelled as the `deny` body names it:
 * `permissionEvaluator.String()` is the action alone, `EvalAny(...)` is `any of a, b`.
 * Action names are the constants of pkg/services/accesscontrol/models.go and
 * pkg/services/dashboards/accesscontrol.go.
 *
 * Endpoints without an entry have no RBAC evaluator in Grafana: `/api/user*` (signed-in user,
 * `reqSignedInNoAnonymous`) and `/api/search` (the handler filters what it returns).
 */
const ORG_USERS_LOOKUP = 'any of org.users:read, teams.permissions:write, folders.permissions:write, dashboards.permissions:write';

export const ROUTE_ACTIONS: Readonly<Record<string, string>> = {
  // current org (api.go: `apiRoute.Group("/org", ...)`)
  'GET /api/org': 'orgs:read',
  'PUT /api/org': 'orgs:write',
  'GET /api/org/users': 'org.users:read',
  'GET /api/org/users/search': 'org.users:read',
  'POST /api/org/users': 'org.users:add',
  'PATCH /api/org/users/:userId': 'org.users:write',
  'DELETE /api/org/users/:userId': 'org.users:remove',
  // OSS: anyone who may change team, folder or dashboard permissions may look users up.
  'GET /api/org/users/lookup': ORG_USERS_LOOKUP,

  // orgs (authorizeInOrg with the global org or the org of the path)
  'GET /api/orgs': 'orgs:read',
  'POST /api/orgs': 'orgs:create',
  'GET /api/orgs/name/:orgName': 'orgs:read',
  'GET /api/orgs/:orgId': 'orgs:read',
  'PUT /api/orgs/:orgId': 'orgs:write',
  'DELETE /api/orgs/:orgId': 'orgs:delete',
  'GET /api/orgs/:orgId/users': 'org.users:read',
  'GET /api/orgs/:orgId/users/search': 'org.users:read',
  'POST /api/orgs/:orgId/users': 'org.users:add',
  'PATCH /api/orgs/:orgId/users/:userId': 'org.users:write',
  'DELETE /api/orgs/:orgId/users/:userId': 'org.users:remove',

  // users and admin users
  'GET /api/users': 'users:read',
  'GET /api/users/search': 'users:read',
  'GET /api/users/lookup': 'users:read',
  'GET /api/users/:userId': 'users:read',
  'PUT /api/users/:userId': 'users:write',
  'GET /api/users/:userId/orgs': 'users:read',
  'GET /api/users/:userId/teams': 'users:read',
  'POST /api/admin/users': 'users:create',
  'DELETE /api/admin/users/:userId': 'users:delete',
  'PUT /api/admin/users/:userId/permissions': 'users.permissions:write',

  // teams (team routes and "team without requirement of user to be org admin")
  'GET /api/teams/search': 'teams:read',
  'POST /api/teams': 'teams:create',
  'GET /api/teams/:teamId': 'teams:read',
  'PUT /api/teams/:teamId': 'teams:write',
  'DELETE /api/teams/:teamId': 'teams:delete',
  'GET /api/teams/:teamId/members': 'teams.permissions:read',
  'POST /api/teams/:teamId/members': 'teams.permissions:write',
  'PUT /api/teams/:teamId/members': 'teams.permissions:write',
  'PUT /api/teams/:teamId/members/:userId': 'teams.permissions:write',
  'DELETE /api/teams/:teamId/members/:userId': 'teams.permissions:write',

  // folders, dashboards and their permissions
  'GET /api/folders': 'folders:read',
  'POST /api/folders': 'folders:create',
  'GET /api/folders/:uid': 'folders:read',
  'PUT /api/folders/:uid': 'folders:write',
  'POST /api/folders/:uid/move': 'folders:write',
  'DELETE /api/folders/:uid': 'folders:delete',
  'GET /api/folders/:uid/permissions': 'folders.permissions:read',
  'POST /api/folders/:uid/permissions': 'folders.permissions:write',
  'POST /api/dashboards/db': 'any of dashboards:create, dashboards:write',
  'GET /api/dashboards/uid/:uid': 'dashboards:read',
  'DELETE /api/dashboards/uid/:uid': 'dashboards:delete',
  'GET /api/dashboards/uid/:uid/permissions': 'dashboards.permissions:read',
  'POST /api/dashboards/uid/:uid/permissions': 'dashboards.permissions:write',

  // data sources (api.go: `apiRoute.Group("/datasources", ...)`)
  'GET /api/datasources': 'datasources:read',
  'POST /api/datasources': 'datasources:create',
  'GET /api/datasources/id/:name': 'datasources.id:read',
  'GET /api/datasources/uid/:uid': 'datasources:read',
  'PUT /api/datasources/uid/:uid': 'datasources:write',
  'DELETE /api/datasources/uid/:uid': 'datasources:delete',
  'GET /api/datasources/name/:name': 'datasources:read',
  'DELETE /api/datasources/name/:name': 'datasources:delete',
  'GET /api/datasources/:id': 'datasources:read',
  'PUT /api/datasources/:id': 'datasources:write',
  'DELETE /api/datasources/:id': 'datasources:delete',
  // Service accounts are not listed yet: their actions were not checked against api.go, so
  // their routes keep the legacy "Permission denied".
};

/** The evaluator of `METHOD pattern` (a pattern as the routes register it), if Grafana guards it with RBAC. */
export function routeAction(method: string, pattern: string): string | undefined {
  return ROUTE_ACTIONS[`${method} ${pattern.replace(/\/+$/, '')}`];
}
