import type { Router } from '../shared/router.js';
import { requireOrgRole, requireServerAdmin } from './auth.js';
import { parseId } from './body.js';
import { orgNotFound } from './errors.js';
import { matchesQuery, pageRequest, slice } from './paging.js';
import { message, ok, param, type GrafanaContext } from './request-context.js';
import { orgDetails, orgSummary, orgUser, userLookup } from './representations.js';
import { compareText, type Org } from './state.js';

/** The Org API of the seed: `/api/org` (current org) and `/api/orgs` (server admin, Basic auth only). */
export function addOrgRoutes(router: Router<GrafanaContext>): void {
  const current = (ctx: GrafanaContext, min: 'Viewer' | 'Admin'): Org => {
    requireOrgRole(ctx.identity, min);
    return ctx.store.getOrg(ctx.identity.orgId);
  };
  const byId = (ctx: GrafanaContext): Org => {
    requireServerAdmin(ctx.identity);
    return ctx.store.getOrg(parseId(param(ctx, 'orgId'), 'orgId'));
  };
  const userId = (ctx: GrafanaContext) => parseId(param(ctx, 'userId'), 'userId');

  // ---- current org ----
  router.add('GET', '/api/org', (ctx) => ok(orgDetails(current(ctx, 'Viewer'))));
  router.add('PUT', '/api/org', (ctx) => {
    ctx.store.renameOrg(current(ctx, 'Admin').id, ctx.body);
    return message('Organization updated');
  });
  router.add('GET', '/api/org/users', (ctx) => ok(orgUsers(ctx, current(ctx, 'Admin'))));
  router.add('POST', '/api/org/users', (ctx) => {
    const user = ctx.store.addOrgUser(current(ctx, 'Admin').id, ctx.body);
    return message('User added to organization', { userId: user.id });
  });
  // Seed: "Accessible to users with org admin role, admin in any folder or admin of any team".
  router.add('GET', '/api/org/users/lookup', (ctx) => {
    const org = lookupOrg(ctx);
    const limit = Number(ctx.query.get('limit') ?? '0');
    const users = orgUsersMatching(ctx, org).map(([u]) => userLookup(u));
    return ok(limit > 0 ? users.slice(0, limit) : users);
  });
  router.add('GET', '/api/org/users/search', (ctx) => ok(orgUserSearch(ctx, current(ctx, 'Admin'))));
  router.add('PATCH', '/api/org/users/:userId', (ctx) => {
    ctx.store.updateOrgUser(current(ctx, 'Admin').id, userId(ctx), ctx.body);
    return message('Organization user updated');
  });
  router.add('DELETE', '/api/org/users/:userId', (ctx) => {
    const outcome = ctx.store.removeOrgUser(current(ctx, 'Admin').id, userId(ctx), true);
    return message(outcome === 'deleted' ? 'User deleted' : 'User removed from organization');
  });

  // ---- admin orgs ----
  router.add('GET', '/api/orgs', (ctx) => {
    requireServerAdmin(ctx.identity);
    // orgimpl store Search: `name LIKE 'q%'` for `query` (a prefix; SQLite's LIKE ignores ASCII
    // case), `name = ?` for `name`, and no ORDER BY - the rows come in id order.
    const name = ctx.query.get('name') ?? '';
    const prefix = asciiLower(ctx.query.get('query') ?? '');
    const all = [...ctx.store.state.orgs.values()]
      .filter((o) => (name === '' || o.name === name) && asciiLower(o.name).startsWith(prefix))
      .sort((a, b) => a.id - b.id);
    return ok(slice(all, pageRequest(ctx.query, ctx.pageSize, 0)).map(orgSummary));
  });
  router.add('POST', '/api/orgs', (ctx) => {
    const org = ctx.store.createOrg(ctx.body, requireServerAdmin(ctx.identity));
    return message('Organization created', { orgId: org.id });
  });
  router.add('GET', '/api/orgs/name/:orgName', (ctx) => {
    requireServerAdmin(ctx.identity);
    return ok(orgDetails(ctx.store.findOrgByName(param(ctx, 'orgName'))));
  });
  router.add('GET', '/api/orgs/:orgId', (ctx) => ok(orgDetails(byId(ctx))));
  router.add('PUT', '/api/orgs/:orgId', (ctx) => {
    ctx.store.renameOrg(byId(ctx).id, ctx.body);
    return message('Organization updated');
  });
  router.add('DELETE', '/api/orgs/:orgId', (ctx) => {
    requireServerAdmin(ctx.identity);
    ctx.store.deleteOrg(parseId(param(ctx, 'orgId'), 'orgId'), ctx.identity.orgId);
    return message('Organization deleted');
  });
  router.add('GET', '/api/orgs/:orgId/users', (ctx) => ok(orgUsers(ctx, byId(ctx))));
  router.add('GET', '/api/orgs/:orgId/users/search', (ctx) => ok(orgUserSearch(ctx, byId(ctx))));
  router.add('POST', '/api/orgs/:orgId/users', (ctx) => {
    const user = ctx.store.addOrgUser(byId(ctx).id, ctx.body);
    return message('User added to organization', { userId: user.id });
  });
  router.add('PATCH', '/api/orgs/:orgId/users/:userId', (ctx) => {
    ctx.store.updateOrgUser(byId(ctx).id, userId(ctx), ctx.body);
    return message('Organization user updated');
  });
  router.add('DELETE', '/api/orgs/:orgId/users/:userId', (ctx) => {
    ctx.store.removeOrgUser(byId(ctx).id, userId(ctx), false);
    return message('User removed from organization');
  });
}

/** Org admins, and team admins of the org, may look users up (seed). */
function lookupOrg(ctx: GrafanaContext): Org {
  const { identity, store } = ctx;
  const org = store.state.orgs.get(identity.orgId);
  if (!org) throw orgNotFound();
  const teamAdmin =
    identity.kind === 'user' &&
    [...store.state.teams.values()].some((t) => t.orgId === org.id && t.members.get(identity.user.id) === 4);
  if (!teamAdmin) requireOrgRole(identity, 'Admin');
  return org;
}

/** Members matching `query`, ordered by email then login as Grafana's GetOrgUsers orders them. */
function orgUsersMatching(ctx: GrafanaContext, org: Org) {
  const result = [];
  for (const [id, role] of org.members) {
    const user = ctx.store.state.users.get(id);
    if (user && matchesQuery(ctx.query, user.login, user.email, user.name)) result.push([user, role] as const);
  }
  return result.sort(([a], [b]) => compareText(a.email, b.email) || compareText(a.login, b.login) || a.id - b.id);
}

/** `GET /api/org/users` and `/api/orgs/:id/users`: every member (optional `query`, `limit`). */
function orgUsers(ctx: GrafanaContext, org: Org) {
  const limit = Number(ctx.query.get('limit') ?? '0');
  const all = orgUsersMatching(ctx, org).map(([u, role]) => orgUser(org, u, role, ctx.store.now()));
  return Number.isSafeInteger(limit) && limit > 0 ? all.slice(0, limit) : all;
}

/** SearchOrgUsersQueryResult: 1-based `page`, `perpage`, `totalCount`. */
function orgUserSearch(ctx: GrafanaContext, org: Org) {
  const all = orgUsersMatching(ctx, org);
  const request = pageRequest(ctx.query, ctx.pageSize, 1);
  return {
    totalCount: all.length,
    orgUsers: slice(all, request).map(([u, role]) => orgUser(org, u, role, ctx.store.now())),
    page: request.page,
    perPage: request.perPage,
  };
}

/** SQLite's LIKE folds ASCII letters only. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
