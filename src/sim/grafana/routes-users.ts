import type { Router } from '../shared/router.js';
import { requireServerAdmin, requireUser } from './auth.js';
import { parseId } from './body.js';
import { badRequestData, notFound } from './errors.js';
import { matchesQuery, pageRequest, slice } from './paging.js';
import { message, ok, param, type GrafanaContext } from './request-context.js';
import { userOrg, userProfile, userSearchHit } from './representations.js';
import { serviceAccountProfile } from './service-account-profile.js';
import { userLookupProfile } from './user-lookup-profile.js';
import { compareText, type User } from './state.js';
import { atLeast } from './version.js';

/** Users (pkg/api/user.go, admin_users.go): `/api/users*` and `/api/admin/*` for server admins; `/api/user*` for the caller. */
export function addUserRoutes(router: Router<GrafanaContext>): void {
  const admin = (ctx: GrafanaContext) => requireServerAdmin(ctx.identity);
  const idParam = (ctx: GrafanaContext) => parseId(param(ctx, 'userId'), 'id');
  const matching = (ctx: GrafanaContext): User[] =>
    [...ctx.store.state.users.values()]
      .filter((u) => matchesQuery(ctx.query, u.login, u.email, u.name))
      .sort((a, b) => compareText(a.login, b.login) || a.id - b.id);

  router.add('GET', '/api/users', (ctx) => {
    admin(ctx);
    const now = ctx.store.now();
    return ok(slice(matching(ctx), pageRequest(ctx.query, ctx.pageSize, 1)).map((u) => userSearchHit(u, now)));
  });
  router.add('GET', '/api/users/search', (ctx) => {
    admin(ctx);
    const all = matching(ctx);
    const request = pageRequest(ctx.query, ctx.pageSize, 1);
    const now = ctx.store.now();
    return ok({ totalCount: all.length, users: slice(all, request).map((u) => userSearchHit(u, now)), page: request.page, perPage: request.perPage });
  });
  router.add('GET', '/api/users/lookup', (ctx) => {
    admin(ctx);
    const loginOrEmail = ctx.query.get('loginOrEmail');
    if (loginOrEmail === null || loginOrEmail === '') throw badRequestData();
    const user = ctx.store.findUser(loginOrEmail);
    // GetUserByLoginOrEmail answers `user.ErrUserNotFound.Error()`, lower case.
    if (!user) throw notFound('user not found');
    return ok(userLookupProfile(user));
  });
  router.add('GET', '/api/users/:userId', (ctx) => {
    admin(ctx);
    return ok(userProfile(ctx.store.getUser(idParam(ctx))));
  });
  router.add('PUT', '/api/users/:userId', (ctx) => {
    admin(ctx);
    ctx.store.updateUser(idParam(ctx), ctx.body);
    return message('User updated');
  });
  router.add('GET', '/api/users/:userId/orgs', (ctx) => {
    admin(ctx);
    const user = ctx.store.getUser(idParam(ctx));
    return ok(ctx.store.orgsOf(user.id).map((o) => userOrg(o, o.members.get(user.id) ?? 'None')));
  });

  router.add('POST', '/api/admin/users', (ctx) => {
    admin(ctx);
    return message('User created', { id: ctx.store.createUser(ctx.body).id });
  });
  router.add('DELETE', '/api/admin/users/:userId', (ctx) => {
    admin(ctx);
    ctx.store.deleteUser(idParam(ctx));
    return message('User deleted');
  });
  // pkg/api/admin_users.go AdminDisableUser / AdminEnableUser: the flag only; grants and memberships stay.
  for (const [action, disabled] of [['disable', true], ['enable', false]] as const) {
    router.add('POST', `/api/admin/users/:userId/${action}`, (ctx) => {
      admin(ctx);
      ctx.store.getUser(idParam(ctx)).isDisabled = disabled;
      return message(disabled ? 'User disabled' : 'User enabled');
    });
  }
  router.add('PUT', '/api/admin/users/:userId/permissions', (ctx) => {
    admin(ctx);
    ctx.store.setGrafanaAdmin(idParam(ctx), ctx.body);
    return message('User permissions updated');
  });

  router.add('GET', '/api/user', (ctx) => {
    // Grafana 11+ GetSignedInUser: `if !c.IsIdentityType(claims.TypeUser)` it answers 200 with a
    // UserProfileDTO made from the identity (id 0, uid "service-account:N"); 10.4 goes through
    // getUserID, which refuses with 403 (requireUser).
    if (ctx.identity.kind === 'token' && atLeast(ctx.version, '11')) return ok(serviceAccountProfile(ctx.store.state, ctx.identity.token));
    const user = requireUser(ctx.identity);
    return ok({ ...userProfile(user), orgId: ctx.identity.orgId });
  });
  router.add('PUT', '/api/user', (ctx) => {
    ctx.store.updateUser(requireUser(ctx.identity).id, ctx.body);
    return message('User updated');
  });
  router.add('GET', '/api/user/orgs', (ctx) => {
    const user = requireUser(ctx.identity);
    return ok(ctx.store.orgsOf(user.id).map((o) => userOrg(o, o.members.get(user.id) ?? 'None')));
  });
  router.add('POST', '/api/user/using/:orgId', (ctx) => {
    ctx.store.switchOrg(requireUser(ctx.identity), parseId(param(ctx, 'orgId'), 'orgId'));
    return message('Active organization changed');
  });
}
