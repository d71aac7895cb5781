import type { Router } from '../shared/router.js';
import { ApiError } from '../shared/api-error.js';
import { requireOrgRole } from './auth.js';
import { matchesQuery, pageRequest, slice } from './paging.js';
import { ok, param, type GrafanaContext } from './request-context.js';
import { iso } from './time.js';
import * as accounts from './service-accounts.js';
import { avatarUrl, compareText, type GrafanaState, type ServiceAccount } from './state.js';

/**
 * The service-account API, the part accessctl and the contract suite need (Grafana:
 * pkg/services/serviceaccounts/api/api.go RegisterAPIEndpoints): search, create, get one,
 * create a token. Every route needs org Admin (`serviceaccounts:*` actions belong to the
 * Admin basic role), for a user or a token alike.
 */
export function addServiceAccountRoutes(router: Router<GrafanaContext>): void {
  const accountOf = (ctx: GrafanaContext): ServiceAccount => {
    requireOrgRole(ctx.identity, 'Admin');
    return accounts.getServiceAccount(ctx.store.state, ctx.identity.orgId, serviceAccountId(param(ctx, 'serviceAccountId')));
  };

  // Grafana: SearchOrgServiceAccountsWithPaging; the store sorts by email, then login (a service
  // account's email is its login) and matches `query` in email, name or login.
  router.add('GET', '/api/serviceaccounts/search', (ctx) => {
    requireOrgRole(ctx.identity, 'Admin');
    const state = ctx.store.state;
    const all = accounts
      .serviceAccountsOfOrg(state, ctx.identity.orgId)
      .filter((a) => matchesQuery(ctx.query, a.login, a.name))
      .sort((a, b) => compareText(a.login, b.login));
    const request = pageRequest(ctx.query, ctx.pageSize, 1);
    return ok({ totalCount: all.length, serviceAccounts: slice(all, request).map((a) => serviceAccountDto(state, a)), page: request.page, perPage: request.perPage });
  });
  // Grafana: CreateServiceAccount answers 201 with the store's DTO, whose avatarUrl is left empty.
  router.add('POST', '/api/serviceaccounts', (ctx) => {
    requireOrgRole(ctx.identity, 'Admin');
    const account = accounts.createServiceAccount(ctx.store.state, ctx.identity.orgId, ctx.body, ctx.store.now());
    return { status: 201, body: { ...serviceAccountDto(ctx.store.state, account), avatarUrl: '' } };
  });
  // Grafana: RetrieveServiceAccount answers the store's ServiceAccountProfileDTO (not the
  // ServiceAccountDTO its swagger comment names): with createdAt/updatedAt and teams.
  router.add('GET', '/api/serviceaccounts/:serviceAccountId', (ctx) => {
    const account = accountOf(ctx);
    const tokens = accounts.tokensOf(ctx.store.state, account).length;
    return ok({
      id: account.id,
      name: account.name,
      login: account.login,
      orgId: account.orgId,
      isDisabled: account.isDisabled,
      createdAt: iso(account.created),
      updatedAt: iso(account.updated),
      avatarUrl: avatarPath(account),
      role: account.role,
      teams: [] as string[],
      // `tokens,omitempty` in ServiceAccountProfileDTO.
      ...(tokens > 0 ? { tokens } : {}),
    });
  });
  // Grafana: token.go CreateToken answers NewApiKeyResult {id, name, key}.
  router.add('POST', '/api/serviceaccounts/:serviceAccountId/tokens', (ctx) => {
    const token = accounts.createToken(ctx.store.state, accountOf(ctx), ctx.body);
    return ok({ id: token.id, name: token.name, key: token.token });
  });
}

/** Grafana: `strconv.ParseInt` of the path id; junk is 400 "Service Account ID is invalid". */
function serviceAccountId(raw: string): number {
  if (!/^-?[0-9]{1,15}$/.test(raw)) throw new ApiError(400, 'Service Account ID is invalid');
  return Number(raw);
}

/** ServiceAccountDTO, as the search lists it (the avatar is the gravatar of the name: GetGravatarUrlWithDefault("", name)). */
function serviceAccountDto(state: GrafanaState, account: ServiceAccount) {
  return {
    id: account.id,
    name: account.name,
    login: account.login,
    orgId: account.orgId,
    isDisabled: account.isDisabled,
    role: account.role,
    tokens: accounts.tokensOf(state, account).length,
    avatarUrl: avatarPath(account),
  };
}

function avatarPath(account: ServiceAccount): string {
  return avatarUrl(account.name);
}
