import { curies, link, pageNumber, paginate } from './hal.js';
import {
  dashboardResponse,
  datasourceResponse,
  paths,
  permissionResponse,
  teamResponse,
  userResponse,
} from './representations.js';
import type { RequestContext } from './request-context.js';
import { Router, type Reply } from '../shared/router.js';
import { isComplete } from './schema-sync.js';
import type { PermissionKind } from './state.js';

const ok = (body: unknown): Reply => ({ status: 200, body });
const noContent = (): Reply => ({ status: 204 });
const p = (ctx: RequestContext, name: string): string => ctx.params[name] ?? '';

/** One page of a collection under the seed's key (`users`, `teams`, `permissions`, ...). */
function collection<T>(ctx: RequestContext, key: string, all: readonly T[], path: string, render: (item: T) => unknown): Reply {
  const page = paginate(all, pageNumber(ctx.query), ctx.pageSize, path);
  return ok({ _links: page.links, count: page.count, [key]: page.items.map(render) });
}

/** Every operation of the seed (Chartio Admin API v1), relative to the API root `/v1`. */
export function chartioRoutes(): Router<RequestContext> {
  const router = new Router<RequestContext>();

  // GET /{orgSlug}: seed - links to the resources the service account can manage, with curies.
  router.add('GET', '/:org', ({ store }) =>
    ok({
      _links: {
        self: link(paths.root(store.org)),
        curies: curies(),
        'chartio:teams': link(paths.teams(store.org)),
        'chartio:users': link(paths.users(store.org)),
      },
    }),
  );

  // ---- dashboards ----
  router.add('GET', '/:org/dashboards', (ctx) =>
    collection(ctx, 'dashboards', ctx.store.listDashboards(), paths.dashboards(ctx.store.org), (d) =>
      dashboardResponse(ctx.store.org, d),
    ),
  );
  router.add('GET', '/:org/dashboards/:id', (ctx) => ok(dashboardResponse(ctx.store.org, ctx.store.getDashboard(p(ctx, 'id')))));

  // ---- datasources ----
  router.add('GET', '/:org/datasources', (ctx) =>
    collection(ctx, 'datasources', ctx.store.listDatasources(), paths.datasources(ctx.store.org), (d) =>
      datasourceResponse(ctx.store.org, d),
    ),
  );
  router.add('GET', '/:org/datasources/:id', (ctx) =>
    ok(datasourceResponse(ctx.store.org, ctx.store.getDatasource(p(ctx, 'id')))),
  );
  router.add('PATCH', '/:org/datasources/:id', (ctx) =>
    ok(datasourceResponse(ctx.store.org, ctx.store.updateDatasource(p(ctx, 'id'), ctx.body))),
  );
  // Seed: 202 with a Location to poll and `task_id`.
  router.add('POST', '/:org/datasources/:id/schema-sync', (ctx) => {
    const task = ctx.store.startSchemaSync(p(ctx, 'id'));
    return {
      status: 202,
      headers: { Location: paths.task(ctx.store.org, task.datasourceId, task.id) },
      body: { task_id: task.id },
    };
  });
  // Seed: 200 `{task_id}` while running, 202 `{success, message, added_objects}` once done
  // (the seed's statuses, odd as they are: clients should look for `success`).
  router.add('GET', '/:org/datasources/:id/schema-sync/tasks/:taskId', (ctx) => {
    const task = ctx.store.getSyncTask(p(ctx, 'id'), p(ctx, 'taskId'));
    if (!isComplete(task, ctx.store.now())) return ok({ task_id: task.id });
    return {
      status: 202,
      body: task.success
        ? { success: true, message: 'Schema sync completed.', added_objects: { ...task.added_objects } }
        : { success: false, message: 'Could not connect to the datasource.', added_objects: { num_columns: '0', num_tables: '0', num_schemas: '0', num_foreign_keys: '0' } },
    };
  });

  for (const kind of ['dashboards', 'datasources'] as const) addPermissionRoutes(router, kind);

  // ---- teams (`{teamId}` may be `owners`: the seed's /teams/owners convenience paths) ----
  router.add('GET', '/:org/teams', (ctx) =>
    collection(ctx, 'teams', ctx.store.listTeams(), paths.teams(ctx.store.org), (t) => teamResponse(ctx.store.state, t)),
  );
  router.add('POST', '/:org/teams', (ctx) => {
    const team = ctx.store.createTeam(ctx.body);
    return { status: 201, headers: { Location: paths.team(ctx.store.org, team.id) }, body: teamResponse(ctx.store.state, team) };
  });
  router.add('GET', '/:org/teams/:teamId', (ctx) => ok(teamResponse(ctx.store.state, ctx.store.getTeam(p(ctx, 'teamId')))));
  router.add('PATCH', '/:org/teams/:teamId', (ctx) =>
    ok(teamResponse(ctx.store.state, ctx.store.renameTeam(p(ctx, 'teamId'), ctx.body))),
  );
  router.add('DELETE', '/:org/teams/:teamId', (ctx) => {
    ctx.store.deleteTeam(p(ctx, 'teamId'));
    return noContent();
  });
  router.add('PATCH', '/:org/teams/:teamId/users', (ctx) =>
    ok(teamResponse(ctx.store.state, ctx.store.addTeamMember(p(ctx, 'teamId'), ctx.body))),
  );
  router.add('DELETE', '/:org/teams/:teamId/users/:userId', (ctx) => {
    ctx.store.removeTeamMember(p(ctx, 'teamId'), p(ctx, 'userId'));
    return noContent();
  });

  // ---- users (`{userId}` is an id or an email) ----
  router.add('GET', '/:org/users', (ctx) =>
    collection(ctx, 'users', ctx.store.listUsers(), paths.users(ctx.store.org), (u) => userResponse(ctx.store.state, u)),
  );
  router.add('POST', '/:org/users', (ctx) => {
    const { user } = ctx.store.createUser(ctx.body);
    return { status: 201, headers: { Location: paths.user(ctx.store.org, user.id) }, body: userResponse(ctx.store.state, user) };
  });
  router.add('GET', '/:org/users/:userId', (ctx) => ok(userResponse(ctx.store.state, ctx.store.getUser(p(ctx, 'userId')))));
  router.add('DELETE', '/:org/users/:userId', (ctx) => {
    ctx.store.deleteUser(p(ctx, 'userId'));
    return noContent();
  });

  return router;
}

/** Dashboards and datasources share the permission resource; only the allowed access levels differ. */
function addPermissionRoutes(router: Router<RequestContext>, kind: PermissionKind): void {
  const base = `/:org/${kind}/:id/permissions`;
  router.add('GET', base, (ctx) => {
    const resource = ctx.store.resource(kind, p(ctx, 'id'));
    return collection(ctx, 'permissions', [...resource.permissions.values()], paths.permissions(ctx.store.org, kind, resource.id), (perm) =>
      permissionResponse(ctx.store.state, kind, resource.id, perm),
    );
  });
  // Seed: upsert by principal - 201 when created, 200 when an existing permission was updated.
  router.add('POST', base, (ctx) => {
    const resource = ctx.store.resource(kind, p(ctx, 'id'));
    const { permission, created } = ctx.store.upsertPermission(kind, p(ctx, 'id'), ctx.body);
    const body = permissionResponse(ctx.store.state, kind, resource.id, permission);
    if (!created) return ok(body);
    return { status: 201, headers: { Location: paths.permission(ctx.store.org, kind, resource.id, permission.id) }, body };
  });
  router.add('GET', `${base}/:pid`, (ctx) => {
    const resource = ctx.store.resource(kind, p(ctx, 'id'));
    return ok(permissionResponse(ctx.store.state, kind, resource.id, ctx.store.getPermission(kind, p(ctx, 'id'), p(ctx, 'pid'))));
  });
  const update = (ctx: RequestContext): Reply => {
    const resource = ctx.store.resource(kind, p(ctx, 'id'));
    const permission = ctx.store.updatePermission(kind, p(ctx, 'id'), p(ctx, 'pid'), ctx.body);
    return ok(permissionResponse(ctx.store.state, kind, resource.id, permission));
  };
  router.add('PUT', `${base}/:pid`, update);
  router.add('PATCH', `${base}/:pid`, update);
  router.add('DELETE', `${base}/:pid`, (ctx) => {
    ctx.store.deletePermission(kind, p(ctx, 'id'), p(ctx, 'pid'));
    return noContent();
  });
}
