import type { Router } from '../shared/router.js';
import { RbacRouter } from './rbac-router.js';
import { addDataSourceRoutes } from './routes-datasources.js';
import { addDashboardRoutes } from './routes-dashboards.js';
import { addFolderRoutes } from './routes-folders.js';
import { addOrgRoutes } from './routes-orgs.js';
import { addSettingsRoutes } from './routes-settings.js';
import { addServiceAccountRoutes } from './routes-service-accounts.js';
import { addTeamRoutes } from './routes-teams.js';
import { addUserTeamsRoute } from './routes-user-teams.js';
import { addUserRoutes } from './routes-users.js';
import type { GrafanaContext } from './request-context.js';

/** Every authenticated operation the simulator serves (`GET /api/health` is answered before auth). */
export function grafanaRoutes(): Router<GrafanaContext> {
  // RBAC-guarded routes refuse with Grafana's access-control body (rbac-router.ts).
  const router: Router<GrafanaContext> = new RbacRouter();
  addOrgRoutes(router);
  addUserRoutes(router);
  addTeamRoutes(router);
  addFolderRoutes(router);
  addDataSourceRoutes(router);
  addSettingsRoutes(router);
  addUserTeamsRoute(router);
  addServiceAccountRoutes(router);
  addDashboardRoutes(router);
  return router;
}
