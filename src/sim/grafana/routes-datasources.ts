import type { Router } from '../shared/router.js';
import { ApiError } from '../shared/api-error.js';
import { requireOrgRole } from './auth.js';
import { parseId } from './body.js';
import { badRequest } from './errors.js';
import { readDataSourceCommand } from './datasource-command.js';
import { dataSourceDto, dataSourceListItem } from './datasource-dtos.js';
import * as datasources from './datasources.js';
import { message, ok, param, type GrafanaContext } from './request-context.js';
import type { DataSource } from './state.js';

/**
 * The data sources API (pkg/api/datasources.go; routes in pkg/api/api.go). Grafana guards each
 * route with an RBAC action before the handler runs: `datasources:read`, `:create`, `:write`
 * and `:delete` belong to the fixed roles `fixed:datasources:reader` / `:writer`, which only
 * the Admin basic role gets (pkg/api/accesscontrol.go `declareFixedRoles`); Viewers and
 * Editors are refused even the list. `datasources.id:read` (`GET /api/datasources/id/:name`)
 * is granted to Viewer. So: org Admin (user or token) for everything, any Viewer for the id.
 */
export function addDataSourceRoutes(router: Router<GrafanaContext>): void {
  const admin = (ctx: GrafanaContext) => requireOrgRole(ctx.identity, 'Admin');
  const state = (ctx: GrafanaContext) => ctx.store.state;
  const orgId = (ctx: GrafanaContext) => ctx.identity.orgId;
  const byUid = (ctx: GrafanaContext) => datasources.getDataSource(state(ctx), orgId(ctx), { uid: param(ctx, 'uid') });
  const byName = (ctx: GrafanaContext) => datasources.getDataSource(state(ctx), orgId(ctx), { name: param(ctx, 'name') });
  const updated = (ctx: GrafanaContext, ds: DataSource, body: ReturnType<typeof readDataSourceCommand>) => {
    const after = datasources.updateDataSource(state(ctx), ds, body, ctx.version, ctx.store.now());
    // Grafana: updateDataSourceByID answers the id and the *sent* name beside the stored data source.
    return message('Datasource updated', { id: after.id, name: body.name, datasource: dataSourceDto(after) });
  };

  // Grafana: GetDataSources (sorted by lower-cased name).
  router.add('GET', '/api/datasources', (ctx) => {
    admin(ctx);
    return ok(datasources.dataSourcesOfOrg(state(ctx), orgId(ctx)).map(dataSourceListItem));
  });
  // Grafana: AddDataSource.
  router.add('POST', '/api/datasources', (ctx) => {
    admin(ctx);
    const command = readDataSourceCommand(ctx.body, ['type', 'access']);
    const ds = datasources.addDataSource(state(ctx), orgId(ctx), command, ctx.version, ctx.store.now());
    return message('Datasource added', { id: ds.id, name: ds.name, datasource: dataSourceDto(ds) });
  });

  // Grafana: GetDataSourceIdByName, answered `dtos.AnyId`.
  router.add('GET', '/api/datasources/id/:name', (ctx) => {
    requireOrgRole(ctx.identity, 'Viewer');
    return ok({ id: byName(ctx).id });
  });
  // Grafana: GetDataSourceByUID, UpdateDataSourceByUID, DeleteDataSourceByUID ({message, id}).
  router.add('GET', '/api/datasources/uid/:uid', (ctx) => {
    admin(ctx);
    return ok(dataSourceDto(byUid(ctx)));
  });
  router.add('PUT', '/api/datasources/uid/:uid', (ctx) => {
    admin(ctx);
    const command = readDataSourceCommand(ctx.body, ['name', 'type', 'access']);
    return updated(ctx, byUid(ctx), command);
  });
  router.add('DELETE', '/api/datasources/uid/:uid', (ctx) => {
    admin(ctx);
    const ds = byUid(ctx);
    datasources.deleteDataSource(state(ctx), ds);
    return message('Data source deleted', { id: ds.id });
  });
  // Grafana: GetDataSourceByName, DeleteDataSourceByName ({message, id}); there is no PUT by name.
  router.add('GET', '/api/datasources/name/:name', (ctx) => {
    admin(ctx);
    return ok(dataSourceDto(byName(ctx)));
  });
  router.add('DELETE', '/api/datasources/name/:name', (ctx) => {
    admin(ctx);
    const ds = byName(ctx);
    datasources.deleteDataSource(state(ctx), ds);
    return message('Data source deleted', { id: ds.id });
  });

  // Grafana: GetDataSourceById: id 0 is ErrDataSourceIdentifierNotSet, "Datasource id is missing".
  router.add('GET', '/api/datasources/:id', (ctx) => {
    admin(ctx);
    const id = parseId(param(ctx, 'id'), 'id');
    if (id === 0) throw badRequest('Datasource id is missing');
    return ok(dataSourceDto(datasources.getDataSource(state(ctx), orgId(ctx), { id })));
  });
  // Grafana: UpdateDataSourceByID binds the body before it reads the id; id 0 reaches the
  // store's ErrDataSourceIdentifierNotSet, which this handler does not map: 500.
  router.add('PUT', '/api/datasources/:id', (ctx) => {
    admin(ctx);
    const command = readDataSourceCommand(ctx.body, ['name', 'type', 'access']);
    const id = parseId(param(ctx, 'id'), 'id');
    if (id === 0) throw new ApiError(500, 'Failed to update datasource');
    return updated(ctx, datasources.getDataSource(state(ctx), orgId(ctx), { id }), command);
  });
  // Grafana: DeleteDataSourceById answers `response.Success` - a message without the id.
  router.add('DELETE', '/api/datasources/:id', (ctx) => {
    admin(ctx);
    const id = parseId(param(ctx, 'id'), 'id');
    if (id <= 0) throw badRequest('Missing valid datasource id');
    datasources.deleteDataSource(state(ctx), datasources.getDataSource(state(ctx), orgId(ctx), { id }));
    return message('Data source deleted');
  });
}
