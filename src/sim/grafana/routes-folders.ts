import type { Router } from '../shared/router.js';
import { callerUser, requireOrgRole } from './auth.js';
import { getDashboard, saveDashboard } from './dashboards.js';
import { createFolder, findFolder, foldersOfOrg, getFolder } from './folders.js';
import { pageRequest, slice } from './paging.js';
import { dashboardAclResponse, folderAclResponse, replaceAcl } from './permissions.js';
import { message, ok, param, type GrafanaContext } from './request-context.js';
import { dashboardFull, dashboardUrl, folderDto, folderHit, searchHit } from './representations.js';
import { compareText, shortUid, slugify, type Dashboard, type Folder } from './state.js';

/**
 * Folders, dashboards, search and their permissions. Viewers read, Editors create, Admins
 * read and replace permissions. Per-folder visibility is not modelled: a Viewer of the org
 * sees every folder (the simulator's choice; Grafana filters by the caller's permissions).
 */
export function addFolderRoutes(router: Router<GrafanaContext>): void {
  const viewer = (ctx: GrafanaContext) => requireOrgRole(ctx.identity, 'Viewer');
  const isAdmin = (ctx: GrafanaContext) => ctx.identity.role === 'Admin';
  const folderOf = (ctx: GrafanaContext): Folder => getFolder(ctx.store.state, ctx.identity.orgId, param(ctx, 'uid'));
  const dashboardOf = (ctx: GrafanaContext): Dashboard => getDashboard(ctx.store.state, ctx.identity.orgId, param(ctx, 'uid'));

  router.add('GET', '/api/folders', (ctx) => {
    viewer(ctx);
    const all = foldersOfOrg(ctx.store.state, ctx.identity.orgId);
    return ok(slice(all, pageRequest(ctx.query, ctx.pageSize, 1, 'limit')).map(folderHit));
  });
  router.add('POST', '/api/folders', (ctx) => {
    requireOrgRole(ctx.identity, 'Editor');
    const folder = createFolder(ctx.store.state, ctx.identity.orgId, ctx.body, callerUser(ctx.identity), ctx.store.now(), (id) => shortUid('f', id));
    return ok(folderDto(folder, true));
  });
  router.add('GET', '/api/folders/:uid', (ctx) => {
    viewer(ctx);
    return ok(folderDto(folderOf(ctx), isAdmin(ctx)));
  });
  router.add('GET', '/api/folders/:uid/permissions', (ctx) => {
    requireOrgRole(ctx.identity, 'Admin');
    return ok(folderAclResponse(ctx.store.state, folderOf(ctx)));
  });
  router.add('POST', '/api/folders/:uid/permissions', (ctx) => {
    requireOrgRole(ctx.identity, 'Admin');
    replaceAcl(ctx.store.state, folderOf(ctx), ctx.body, ctx.store.now());
    return message('Folder permissions updated');
  });

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
  router.add('GET', '/api/dashboards/uid/:uid/permissions', (ctx) => {
    requireOrgRole(ctx.identity, 'Admin');
    return ok(dashboardAclResponse(ctx.store.state, dashboardOf(ctx)));
  });
  router.add('POST', '/api/dashboards/uid/:uid/permissions', (ctx) => {
    requireOrgRole(ctx.identity, 'Admin');
    replaceAcl(ctx.store.state, dashboardOf(ctx), ctx.body, ctx.store.now());
    return message('Dashboard permissions updated');
  });

  // GET /api/search: `type` dash-folder|dash-db (anything else: both), `query` (title
  // substring), `folderUIDs`, `limit` (default and cap: --page-size) and 1-based `page`.
  // Sorted alpha-asc by title, as Grafana's default sort.
  router.add('GET', '/api/search', (ctx) => {
    viewer(ctx);
    const { state } = ctx.store;
    const orgId = ctx.identity.orgId;
    const type = ctx.query.get('type');
    const q = (ctx.query.get('query') ?? '').toLowerCase();
    const folderUids = ctx.query.getAll('folderUIDs').flatMap((v) => v.split(',')).filter((v) => v !== '');
    const items: Array<Folder | Dashboard> = [];
    if (type !== 'dash-db') items.push(...[...state.folders.values()].filter((f) => f.orgId === orgId && folderUids.length === 0));
    if (type !== 'dash-folder') {
      items.push(...[...state.dashboards.values()].filter((d) => d.orgId === orgId && (folderUids.length === 0 || folderUids.includes(d.folderUid === '' ? 'general' : d.folderUid))));
    }
    const hits = items
      .filter((i) => i.title.toLowerCase().includes(q))
      .sort((a, b) => compareText(a.title.toLowerCase(), b.title.toLowerCase()) || a.id - b.id);
    return ok(
      slice(hits, pageRequest(ctx.query, ctx.pageSize, 1, 'limit')).map((item) =>
        searchHit(item, 'folderUid' in item ? findFolder(state, orgId, item.folderUid) : undefined),
      ),
    );
  });
}
