import type { Router } from '../shared/router.js';
import { callerUser, requireOrgRole } from './auth.js';
import { deleteDashboard, getDashboard, saveDashboard } from './dashboards.js';
import { findFolder } from './folder-tree.js';
import { applyAclUpdate, dashboardAclResponse, parseAclUpdate } from './permissions.js';
import { message, ok, param, type GrafanaContext } from './request-context.js';
import { dashboardFull, dashboardUrl } from './representations.js';
import { searchHits } from './search.js';
import { shortUid, slugify, type Dashboard } from './state.js';

/** Dashboards, their permissions, and `/api/search` (folders and dashboards together). */
export function addDashboardRoutes(router: Router<GrafanaContext>): void {
  const viewer = (ctx: GrafanaContext) => requireOrgRole(ctx.identity, 'Viewer');
  const isAdmin = (ctx: GrafanaContext) => ctx.identity.role === 'Admin';
  const dashboardOf = (ctx: GrafanaContext): Dashboard => getDashboard(ctx.store.state, ctx.identity.orgId, param(ctx, 'uid'));

  router.add('POST', '/api/dashboards/db', (ctx) => {
    requireOrgRole(ctx.identity, 'Editor');
    const d = saveDashboard(ctx.store.state, ctx.identity.orgId, ctx.body, callerUser(ctx.identity), ctx.store.now(), (id) => shortUid('d', id));
    return ok({ id: d.id, uid: d.uid, url: dashboardUrl(d), status: 'success', version: d.version, slug: slugify(d.title), title: slugify(d.title), folderUid: d.folderUid });
  });
  router.add('GET', '/api/dashboards/uid/:uid', (ctx) => {
    viewer(ctx);
    const d = dashboardOf(ctx);
    return ok(dashboardFull(d, findFolder(ctx.store.state, d.orgId, d.folderUid), isAdmin(ctx)));
  });
  // Grafana: deleteDashboard answers `{title, message, uid}` (the Swagger file still says `id`).
  router.add('DELETE', '/api/dashboards/uid/:uid', (ctx) => {
    requireOrgRole(ctx.identity, 'Editor');
    const d = deleteDashboard(ctx.store.state, ctx.identity.orgId, param(ctx, 'uid'));
    return ok({ title: d.title, message: `Dashboard ${d.title} deleted`, uid: d.uid });
  });
  router.add('GET', '/api/dashboards/uid/:uid/permissions', (ctx) => {
    requireOrgRole(ctx.identity, 'Admin');
    return ok(dashboardAclResponse(ctx.store.state, dashboardOf(ctx)));
  });
  // Grafana: UpdateDashboardPermissions - validate the body, then find the dashboard, then SetPermissions.
  router.add('POST', '/api/dashboards/uid/:uid/permissions', (ctx) => {
    requireOrgRole(ctx.identity, 'Admin');
    const commands = parseAclUpdate(ctx.body);
    applyAclUpdate(ctx.store.state, dashboardOf(ctx), commands, ctx.store.now(), 'Failed to update permissions');
    return message('Dashboard permissions updated');
  });

  router.add('GET', '/api/search', (ctx) => {
    viewer(ctx);
    return ok(searchHits(ctx.store.state, ctx.identity.orgId, ctx.query, ctx.pageSize));
  });
}
