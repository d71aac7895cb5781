import { expect } from 'vitest';
import { anyMessage, denied, errutil, msg, type Case } from './contract-case.js';
import { basic, bearer, call } from './helpers.js';

const ALICE = basic('alice', 'alice-pw');
const BOB = basic('bob', 'bob-pw');
const CAROL = basic('carol', 'carol-pw');
// authn errors (errutil): errCantAuthenticateReq, the password client's errPasswordAuthFailed.
const UNAUTHORIZED = errutil(401, 'auth.unauthorized', 'Unauthorized');
const BAD_PASSWORD = errutil(401, 'password-auth.failed', 'Invalid username or password');
const LOOKUP = 'any of org.users:read, teams.permissions:write, folders.permissions:write, dashboards.permissions:write';

/** The Org API of the seed, in full, plus auth. Fixture in helpers.ts. */
export const orgCases: Case[] = [
  // ---- auth (pkg/services/authn: authnimpl, clients/basic.go, password.go, api_key.go) ----
  { name: 'no credentials: 401 auth.unauthorized (errCantAuthenticateReq)', method: 'GET', path: '/api/org', auth: null, status: 401, expect: UNAUTHORIZED },
  { name: 'an Authorization scheme no client reads: 401 auth.unauthorized', method: 'GET', path: '/api/org', auth: 'Token abc', status: 401, expect: UNAUTHORIZED },
  { name: 'wrong password: 401 password-auth.failed (errPasswordAuthFailed)', method: 'GET', path: '/api/org', auth: basic('admin', 'nope'), status: 401, expect: BAD_PASSWORD },
  { name: 'unknown user: 401 password-auth.failed, the same body as a wrong password', method: 'GET', path: '/api/org', auth: basic('nobody', 'nope'), status: 401, expect: BAD_PASSWORD },
  { name: 'a user without a password cannot use Basic auth: 401 password-auth.failed', method: 'GET', path: '/api/org', auth: basic('sso', ''), status: 401, expect: BAD_PASSWORD },
  {
    name: 'a Basic header without a colon: 400 basic-auth.invalid-header (errDecodingBasicAuthHeader)', method: 'GET', path: '/api/org',
    auth: `Basic ${Buffer.from('admin').toString('base64')}`, status: 400, expect: errutil(400, 'basic-auth.invalid-header', 'Invalid Basic Auth Header'),
  },
  { name: 'Basic auth by email', method: 'GET', path: '/api/org', auth: basic('alice@example.com', 'alice-pw'), status: 200, expect: { id: 1 } },
  { name: 'unknown token: 401 api-key.invalid (errAPIKeyInvalid)', method: 'GET', path: '/api/org', auth: bearer('nope'), status: 401, expect: errutil(401, 'api-key.invalid', 'Invalid API key') },
  { name: 'a token acts in its own org', method: 'GET', path: '/api/org', auth: bearer('org2-admin'), status: 200, expect: { id: 2, name: 'Ops' } },
  {
    name: 'a token with X-Grafana-Org-Id of another org: 401 (errAPIKeyOrgMismatch)', method: 'GET', path: '/api/org', auth: bearer('org1-admin'), orgId: 2,
    status: 401, expect: errutil(401, 'api-key.organization-mismatch', 'API key does not belong to the requested organization'),
  },
  {
    name: 'a token with ?targetOrgId= of another org: 401 (errAPIKeyOrgMismatch)', method: 'GET', path: '/api/org?targetOrgId=2', auth: bearer('org1-admin'),
    status: 401, expect: errutil(401, 'api-key.organization-mismatch', 'API key does not belong to the requested organization'),
  },
  { name: 'X-Grafana-Org-Id selects the org', method: 'GET', path: '/api/org', auth: ALICE, orgId: 2, status: 200, expect: { id: 2, name: 'Ops' } },
  { name: 'X-Grafana-Org-Id of an org the user is not in: 403', method: 'GET', path: '/api/org', orgId: 2, status: 403, expect: denied('orgs:read') },
  // orgIDFromRequest: ?targetOrgId= first (when it parses to an id above 0), then the header; ParseInt errors count as 0.
  { name: '?targetOrgId= selects the org (orgIDFromQuery)', method: 'GET', path: '/api/org?targetOrgId=2', auth: ALICE, status: 200, expect: { id: 2, name: 'Ops' } },
  { name: '?targetOrgId= wins over X-Grafana-Org-Id', method: 'GET', path: '/api/org?targetOrgId=1', auth: ALICE, orgId: 2, status: 200, expect: { id: 1 } },
  { name: 'X-Grafana-Org-Id that is not a number is ignored (orgIDFromHeader)', method: 'GET', path: '/api/org', auth: ALICE, orgId: Number.NaN, status: 200, expect: { id: 1 } },
  { name: 'unknown path: 404', method: 'GET', path: '/api/nope', status: 404, expect: msg('Not found'), definition: 'ErrorResponseBody' },
  { name: 'a method a path does not serve: 404', method: 'DELETE', path: '/api/org', status: 404, expect: msg('Not found'), definition: 'ErrorResponseBody' },
  { name: 'a path id that is not a number: 400', method: 'PATCH', path: '/api/org/users/abc', body: { role: 'Viewer' }, status: 400, expect: msg('userId is invalid') },

  // ---- current org ----
  { name: 'GET /api/org', method: 'GET', path: '/api/org/', status: 200, expect: { id: 1, name: 'Main Org.', address: { city: '' } } },
  {
    name: 'PUT /api/org renames', method: 'PUT', path: '/api/org', body: { name: 'Renamed' }, status: 200, expect: msg('Organization updated'),
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/org')).body.name).toBe('Renamed'),
  },
  { name: 'PUT /api/org to a taken name: 400', method: 'PUT', path: '/api/org', body: { name: 'Ops' }, status: 400, expect: msg('Organization name taken') },
  { name: 'PUT /api/org as a Viewer: 403 (orgs:write)', method: 'PUT', path: '/api/org', auth: CAROL, body: { name: 'X' }, status: 403, expect: denied('orgs:write') },
  { name: 'PUT /api/org with a body that is not JSON: 400', method: 'PUT', path: '/api/org', rawBody: 'nope', status: 400, expect: msg('bad request data') },
  {
    name: 'GET /api/org/users', method: 'GET', path: '/api/org/users', status: 200,
    after: (res) => {
      expect(res.body.map((u: { login: string }) => u.login)).toEqual(['admin', 'alice', 'bob', 'carol', 'sso']);
      expect(res.body[0]).toMatchObject({ orgId: 1, userId: 1, email: 'admin@localhost', login: 'admin', role: 'Admin' });
    },
  },
  { name: 'GET /api/org/users with a Viewer token: 403 (org.users:read)', method: 'GET', path: '/api/org/users', auth: bearer('org1-viewer'), status: 403, expect: denied('org.users:read') },
  {
    name: 'POST /api/org/users adds an existing user', method: 'POST', path: '/api/org/users', body: { loginOrEmail: 'dave', role: 'Editor' },
    status: 200, expect: { message: 'User added to organization', userId: 5 },
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/users/5/orgs')).body).toEqual([{ orgId: 1, name: 'Main Org.', role: 'Editor' }]),
  },
  { name: 'POST /api/org/users: email and role case-insensitive', method: 'POST', path: '/api/org/users', body: { loginOrEmail: 'DAVE@example.com', role: 'viewer' }, status: 200, expect: anyMessage() },
  { name: 'POST /api/org/users with an unknown user: 404', method: 'POST', path: '/api/org/users', body: { loginOrEmail: 'nobody', role: 'Viewer' }, status: 404, expect: msg('User not found') },
  { name: 'POST /api/org/users with a member: 409', method: 'POST', path: '/api/org/users', body: { loginOrEmail: 'bob', role: 'Viewer' }, status: 409, expect: { message: 'User is already member of this organization', userId: 3 } },
  { name: 'POST /api/org/users with an unknown role: 400', method: 'POST', path: '/api/org/users', body: { loginOrEmail: 'dave', role: 'Owner' }, status: 400, expect: msg('bad request data') },
  { name: 'GET /api/org/users/lookup', method: 'GET', path: '/api/org/users/lookup?query=ALI', status: 200, after: (res) => expect(res.body).toEqual([{ userId: 2, login: 'alice', avatarUrl: expect.any(String) }]) },
  { name: 'GET /api/org/users/lookup as an Editor: 403 (EvalAny of four actions)', method: 'GET', path: '/api/org/users/lookup', auth: BOB, status: 403, expect: denied(LOOKUP) },
  {
    name: 'GET /api/org/users/lookup as a team admin', setup: [['PUT', '/api/teams/2/members/4', { permission: 4 }]],
    method: 'GET', path: '/api/org/users/lookup', auth: CAROL, status: 200, after: (res) => expect(res.body).toHaveLength(5),
  },
  {
    name: 'GET /api/org/users/search pages 1-based', method: 'GET', path: '/api/org/users/search?perpage=2&page=2', status: 200,
    definition: 'SearchOrgUsersQueryResult', expect: { totalCount: 5, page: 2, perPage: 2, orgUsers: [{ login: 'bob' }, { login: 'carol' }] },
  },
  {
    name: 'PATCH /api/org/users/:id', method: 'PATCH', path: '/api/org/users/3', body: { role: 'Admin' }, status: 200, expect: msg('Organization user updated'),
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/orgs/1/users')).body[2]).toMatchObject({ login: 'bob', role: 'Admin' }),
  },
  // updateOrgUserHelper: the store's ErrOrgUserNotFound is not mapped.
  { name: 'PATCH /api/org/users/:id of a non-member: 500 (updateOrgUserHelper)', method: 'PATCH', path: '/api/org/users/5', body: { role: 'Viewer' }, status: 500, expect: msg('Failed update org user') },
  { name: 'PATCH /api/orgs/:id/users/:id of an unknown user: 500', method: 'PATCH', path: '/api/orgs/2/users/99', body: { role: 'Viewer' }, status: 500, expect: msg('Failed update org user') },
  { name: 'PATCH /api/org/users/:id with an unknown role: 400', method: 'PATCH', path: '/api/org/users/3', body: { role: 'Superuser' }, status: 400, expect: msg('bad request data') },
  {
    name: 'DELETE /api/org/users/:id', method: 'DELETE', path: '/api/org/users/3', status: 200, expect: msg('User removed from organization'),
    after: async (_res, sim) => {
      // Leaving the org takes bob out of its teams and ACLs.
      expect((await call(sim, 'GET', '/api/teams/1/members')).body.map((m: { login: string }) => m.login)).toEqual(['alice']);
      expect((await call(sim, 'GET', '/api/dashboards/uid/nodes/permissions')).body.some((p: { userId: number }) => p.userId === 3)).toBe(false);
    },
  },
  {
    name: 'DELETE /api/org/users/:id of a user in no other org deletes the user', method: 'DELETE', path: '/api/org/users/4', status: 200, expect: msg('User deleted'),
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/users/4')).status).toBe(404),
  },
  {
    // orgimpl RemoveOrgUser: "User not in org, nothing to do" - a success, and the orphan rule does not run.
    name: 'DELETE /api/org/users/:id of a non-member: 200, nothing changes (RemoveOrgUser)', method: 'DELETE', path: '/api/org/users/5', status: 200, expect: msg('User removed from organization'),
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/users/5')).status).toBe(200),
  },
  { name: 'DELETE /api/orgs/:id/users/:id of a non-member: 200', method: 'DELETE', path: '/api/orgs/2/users/4', status: 200, expect: msg('User removed from organization') },
  // removeOrgUserHelper maps only ErrLastOrgAdmin; the store's user.ErrUserNotFound is a 500.
  { name: 'DELETE /api/org/users/:id of an unknown user: 500 (removeOrgUserHelper)', method: 'DELETE', path: '/api/org/users/99', status: 500, expect: msg('Failed to remove user from organization') },
  { name: 'PATCH demoting the last Admin (current org): 400', method: 'PATCH', path: '/api/org/users/2', auth: ALICE, orgId: 2, body: { role: 'Editor' }, status: 400, expect: msg('Cannot change role so that there is no organization admin left') },

  // ---- admin orgs ----
  { name: 'GET /api/orgs', method: 'GET', path: '/api/orgs', status: 200, expect: [{ id: 1, name: 'Main Org.' }, { id: 2, name: 'Ops' }] },
  // orgimpl Search: no ORDER BY (id order), `query` is `name LIKE 'q%'`.
  {
    name: 'GET /api/orgs in id order, not by name (orgimpl Search)', setup: [['POST', '/api/orgs', { name: 'Alpha' }]], method: 'GET', path: '/api/orgs', status: 200,
    after: (res) => expect(res.body.map((o: { name: string }) => o.name)).toEqual(['Main Org.', 'Ops', 'Alpha']),
  },
  { name: 'GET /api/orgs?query= is a name prefix, not a substring', method: 'GET', path: '/api/orgs?query=org', status: 200, after: (res) => expect(res.body).toEqual([]) },
  { name: 'GET /api/orgs is 0-based: page 0', method: 'GET', path: '/api/orgs?perpage=1&page=0', status: 200, after: (res) => expect(res.body).toEqual([{ id: 1, name: 'Main Org.' }]) },
  { name: 'GET /api/orgs is 0-based: page 1 is the second page', method: 'GET', path: '/api/orgs?perpage=1&page=1', status: 200, after: (res) => expect(res.body).toEqual([{ id: 2, name: 'Ops' }]) },
  { name: 'GET /api/orgs?name=', method: 'GET', path: '/api/orgs?name=Ops', status: 200, after: (res) => expect(res.body).toEqual([{ id: 2, name: 'Ops' }]) },
  { name: 'GET /api/orgs with a token: 403 (orgs:read in the global org)', method: 'GET', path: '/api/orgs', auth: bearer('org1-admin'), status: 403, expect: denied('orgs:read') },
  { name: 'GET /api/orgs as an org Admin who is no server admin: 403', method: 'GET', path: '/api/orgs', auth: ALICE, status: 403, expect: denied('orgs:read') },
  {
    name: 'POST /api/orgs', method: 'POST', path: '/api/orgs', body: { name: 'New Org.' }, status: 200, expect: { orgId: 3, message: 'Organization created' },
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/orgs/3/users')).body).toMatchObject([{ login: 'admin', role: 'Admin' }]),
  },
  { name: 'POST /api/orgs with a taken name: 409', method: 'POST', path: '/api/orgs', body: { name: 'Ops' }, status: 409, expect: msg('Organization name taken') },
  { name: 'POST /api/orgs without a name: 400', method: 'POST', path: '/api/orgs', body: {}, status: 400, expect: msg('bad request data') },
  { name: 'POST /api/orgs with a token: 403 (orgs:create)', method: 'POST', path: '/api/orgs', auth: bearer('org1-admin'), body: { name: 'X' }, status: 403, expect: denied('orgs:create') },
  { name: 'GET /api/orgs/:id', method: 'GET', path: '/api/orgs/2', status: 200, expect: { id: 2, name: 'Ops', address: { address1: '' } } },
  { name: 'GET /api/orgs/:id unknown: 404', method: 'GET', path: '/api/orgs/99', status: 404, expect: msg('Organization not found') },
  { name: 'GET /api/orgs/:id not a number: 400', method: 'GET', path: '/api/orgs/abc', status: 400, expect: anyMessage() },
  { name: 'GET /api/orgs/name/:name', method: 'GET', path: '/api/orgs/name/Main%20Org%2E', status: 200, expect: { id: 1, name: 'Main Org.' } },
  { name: 'GET /api/orgs/name/:name unknown: 404', method: 'GET', path: '/api/orgs/name/Nope', status: 404, expect: msg('Organization not found') },
  { name: 'PUT /api/orgs/:id', method: 'PUT', path: '/api/orgs/2', body: { name: 'Ops 2' }, status: 200, expect: msg('Organization updated') },
  { name: 'PUT /api/orgs/:id to a taken name: 400', method: 'PUT', path: '/api/orgs/2', body: { name: 'Main Org.' }, status: 400, expect: msg('Organization name taken') },
  {
    name: 'DELETE /api/orgs/:id removes its teams, folders, memberships and tokens', method: 'DELETE', path: '/api/orgs/2', status: 200, expect: msg('Organization deleted'),
    after: async (_res, sim) => {
      const state = sim.store.state;
      expect([...state.teams.values()].map((t) => t.name)).toEqual(['SRE', 'Web']);
      expect([...state.folders.values()].map((f) => f.uid)).toEqual(['infra']);
      expect((await call(sim, 'GET', '/api/org', { auth: bearer('org2-admin') })).status).toBe(401);
      expect((await call(sim, 'GET', '/api/users/3/orgs')).body).toEqual([{ orgId: 1, name: 'Main Org.', role: 'Editor' }]);
    },
  },
  { name: 'DELETE /api/orgs/:id of the caller\'s current org: 400', method: 'DELETE', path: '/api/orgs/1', status: 400, expect: msg('Can not delete org for current user') },
  { name: 'DELETE /api/orgs/:id unknown: 404', method: 'DELETE', path: '/api/orgs/99', status: 404, expect: anyMessage() },
  { name: 'GET /api/orgs/:id/users', method: 'GET', path: '/api/orgs/2/users', status: 200, expect: [{ login: 'alice', role: 'Admin' }, { login: 'bob', role: 'Viewer' }] },
  { name: 'GET /api/orgs/:id/users of an unknown org: 404', method: 'GET', path: '/api/orgs/99/users', status: 404, expect: msg('Organization not found') },
  { name: 'GET /api/orgs/:id/users/search', method: 'GET', path: '/api/orgs/2/users/search?perpage=1', status: 200, expect: { totalCount: 2, page: 1, perPage: 1, orgUsers: [{ login: 'alice' }] } },
  { name: 'POST /api/orgs/:id/users', method: 'POST', path: '/api/orgs/2/users', body: { loginOrEmail: 'carol', role: 'Editor' }, status: 200, expect: msg('User added to organization') },
  { name: 'POST /api/orgs/:id/users unknown user: 404', method: 'POST', path: '/api/orgs/2/users', body: { loginOrEmail: 'nobody', role: 'Editor' }, status: 404, expect: msg('User not found') },
  { name: 'POST /api/orgs/:id/users member: 409', method: 'POST', path: '/api/orgs/2/users', body: { loginOrEmail: 'bob', role: 'Editor' }, status: 409, expect: msg('User is already member of this organization') },
  { name: 'POST /api/orgs/:id/users with a token: 403 (org.users:add)', method: 'POST', path: '/api/orgs/2/users', auth: bearer('org2-admin'), body: { loginOrEmail: 'carol', role: 'Editor' }, status: 403, expect: denied('org.users:add') },
  { name: 'PATCH /api/orgs/:id/users/:id', method: 'PATCH', path: '/api/orgs/2/users/3', body: { role: 'Editor' }, status: 200, expect: msg('Organization user updated') },
  { name: 'PATCH demoting the last Admin: 400', method: 'PATCH', path: '/api/orgs/2/users/2', body: { role: 'Viewer' }, status: 400, expect: msg('Cannot change role so that there is no organization admin left') },
  { name: 'DELETE removing the last Admin: 400', method: 'DELETE', path: '/api/orgs/2/users/2', status: 400, expect: msg('Cannot remove last organization admin') },
  {
    name: 'after a promotion the old Admin may go', setup: [['PATCH', '/api/orgs/2/users/3', { role: 'Admin' }]],
    method: 'DELETE', path: '/api/orgs/2/users/2', status: 200, expect: msg('User removed from organization'),
  },
  {
    name: 'DELETE /api/orgs/:id/users/:id keeps a user left in no org', method: 'DELETE', path: '/api/orgs/1/users/4', status: 200, expect: msg('User removed from organization'),
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/users/4')).body).toMatchObject({ login: 'carol', orgId: 0 }),
  },
];
