import { expect } from 'vitest';
import { anyMessage, denied, msg, type Case } from './contract-case.js';
import { basic, bearer, call } from './helpers.js';

const ALICE = basic('alice', 'alice-pw');
const BOB = basic('bob', 'bob-pw');

/** Users: `/api/users*`, `/api/admin/users*`, `/api/user*`. */
export const userCases: Case[] = [
  { name: 'GET /api/users', method: 'GET', path: '/api/users', status: 200, after: (res) => expect(res.body.map((u: { login: string }) => u.login)).toEqual(['admin', 'alice', 'bob', 'carol', 'dave', 'sso']) },
  { name: 'GET /api/users pages 1-based', method: 'GET', path: '/api/users?perpage=4&page=2', status: 200, after: (res) => expect(res.body.map((u: { login: string }) => u.login)).toEqual(['dave', 'sso']) },
  { name: 'GET /api/users with a token: 403 (users:read)', method: 'GET', path: '/api/users', auth: bearer('org1-admin'), status: 403, expect: denied('users:read') },
  { name: 'GET /api/users as a non server admin: 403', method: 'GET', path: '/api/users', auth: ALICE, status: 403, expect: denied('users:read') },
  { name: 'GET /api/users/search', method: 'GET', path: '/api/users/search?perpage=4&page=2', status: 200, expect: { totalCount: 6, page: 2, perPage: 4, users: [{ login: 'dave' }, { login: 'sso' }] } },
  // users.go searchUsers: `perPage := c.QueryInt("perpage"); if perPage <= 0 { perPage = 1000 }` - no largest size.
  { name: 'GET /api/users/search?perpage= above 1000 is served and echoed', method: 'GET', path: '/api/users/search?perpage=5000', status: 200, expect: { totalCount: 6, page: 1, perPage: 5000 } },
  { name: 'GET /api/users/search?query=', method: 'GET', path: '/api/users/search?query=ALI', status: 200, expect: { totalCount: 1, users: [{ login: 'alice', isAdmin: false }] } },
  {
    // GetUserByLoginOrEmail builds the UserProfileDTO from nine user fields; uid, avatarUrl and authLabels keep Go's zero values.
    name: 'GET /api/users/lookup answers only the user row fields (GetUserByLoginOrEmail)', method: 'GET', path: '/api/users/lookup?loginOrEmail=bob@example.com', status: 200,
    expect: { id: 3, uid: '', login: 'bob', email: 'bob@example.com', name: 'Bob', orgId: 1, isGrafanaAdmin: false, avatarUrl: '', authLabels: null },
    // Not checked against UserProfileDTO: Go writes the nil authLabels slice as null, which the Swagger type does not allow.
    definition: null,
  },
  { name: 'GET /api/users/lookup unknown: 404 user.ErrUserNotFound text', method: 'GET', path: '/api/users/lookup?loginOrEmail=nobody', status: 404, expect: msg('user not found') },
  { name: 'GET /api/users/lookup without loginOrEmail: 400', method: 'GET', path: '/api/users/lookup', status: 400, expect: msg('bad request data') },
  { name: 'GET /api/users/:id', method: 'GET', path: '/api/users/2', status: 200, expect: { id: 2, login: 'alice', email: 'alice@example.com', name: 'Alice', orgId: 1 } },
  { name: 'GET /api/users/:id unknown: 404', method: 'GET', path: '/api/users/99', status: 404, expect: msg('User not found') },
  {
    name: 'PUT /api/users/:id', method: 'PUT', path: '/api/users/2', body: { name: 'Alice A.' }, status: 200, expect: msg('User updated'),
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/users/2')).body.name).toBe('Alice A.'),
  },
  { name: 'PUT /api/users/:id to a taken login: 409', method: 'PUT', path: '/api/users/2', body: { login: 'bob' }, status: 409, expect: anyMessage() },
  { name: 'PUT /api/users/:id unknown: 404', method: 'PUT', path: '/api/users/99', body: { name: 'x' }, status: 404, expect: msg('User not found') },
  { name: 'GET /api/users/:id/orgs', method: 'GET', path: '/api/users/3/orgs', status: 200, expect: [{ orgId: 1, name: 'Main Org.', role: 'Editor' }, { orgId: 2, name: 'Ops', role: 'Viewer' }] },
  {
    name: 'POST /api/admin/users puts the user into org 1 as Viewer', method: 'POST', path: '/api/admin/users',
    body: { name: 'Erin', email: 'erin@example.com', login: 'erin', password: 'erin-pw' }, status: 200, expect: { id: 7, message: 'User created' },
    after: async (_res, sim) => {
      expect((await call(sim, 'GET', '/api/users/7/orgs')).body).toEqual([{ orgId: 1, name: 'Main Org.', role: 'Viewer' }]);
      expect((await call(sim, 'GET', '/api/user', { auth: basic('erin', 'erin-pw') })).status).toBe(200);
    },
  },
  { name: 'POST /api/admin/users into another org', method: 'POST', path: '/api/admin/users', body: { login: 'erin', password: 'erin-pw', orgId: 2 }, status: 200, expect: { id: 7 } },
  { name: 'POST /api/admin/users with a taken login: 412', method: 'POST', path: '/api/admin/users', body: { login: 'alice', password: 'secret' }, status: 412, expect: anyMessage() },
  { name: 'POST /api/admin/users with a taken email: 412', method: 'POST', path: '/api/admin/users', body: { login: 'alice2', email: 'ALICE@example.com', password: 'secret' }, status: 412, expect: anyMessage() },
  { name: 'POST /api/admin/users without a password: 400', method: 'POST', path: '/api/admin/users', body: { login: 'erin' }, status: 400, expect: anyMessage() },
  { name: 'POST /api/admin/users as a non server admin: 403', method: 'POST', path: '/api/admin/users', auth: ALICE, body: { login: 'erin', password: 'erin-pw' }, status: 403, expect: denied('users:create') },
  { name: 'POST /api/admin/users with a token: 403', method: 'POST', path: '/api/admin/users', auth: bearer('org1-admin'), body: { login: 'erin', password: 'erin-pw' }, status: 403, expect: denied('users:create') },
  { name: 'DELETE /api/admin/users/:id', method: 'DELETE', path: '/api/admin/users/5', status: 200, expect: msg('User deleted') },
  {
    // Grafana's DeleteUser removes the user's team_member and permission rows wherever they are.
    name: 'DELETE /api/admin/users/:id also leaves teams and grants of orgs the user was not in', setup: [['POST', '/api/teams/1/members', { userId: 5 }], ['POST', '/api/dashboards/uid/home/permissions', { items: [{ userId: 5, permission: 1 }] }]],
    method: 'DELETE', path: '/api/admin/users/5', status: 200, expect: msg('User deleted'),
    after: async (_res, sim) => {
      expect(((await call(sim, 'GET', '/api/teams/1/members')).body as Array<{ userId: number }>).map((m) => m.userId)).not.toContain(5);
      expect((await call(sim, 'GET', '/api/dashboards/uid/home/permissions')).body).toEqual([]);
    },
  },
  {
    // AdminDisableUser sets the flag; authn's authenticate then refuses the identity (errDisabledIdentity).
    name: 'POST /api/admin/users/:id/disable: the user keeps their grants but cannot sign in', method: 'POST', path: '/api/admin/users/3/disable', status: 200, expect: msg('User disabled'),
    after: async (_res, sim) => {
      expect((await call(sim, 'GET', '/api/user', { auth: BOB })).body).toMatchObject({ messageId: 'identity.disabled', statusCode: 401 });
      expect((await call(sim, 'GET', '/api/teams/1/members')).body.map((m: { login: string }) => m.login)).toContain('bob');
    },
  },
  {
    name: 'POST /api/admin/users/:id/enable signs them in again (AdminEnableUser)', setup: [['POST', '/api/admin/users/3/disable']], method: 'POST', path: '/api/admin/users/3/enable', status: 200, expect: msg('User enabled'),
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/user', { auth: BOB })).status).toBe(200),
  },
  { name: 'DELETE /api/admin/users/:id unknown: 404', method: 'DELETE', path: '/api/admin/users/99', status: 404, expect: msg('User not found') },
  {
    name: 'PUT /api/admin/users/:id/permissions', method: 'PUT', path: '/api/admin/users/2/permissions', body: { isGrafanaAdmin: true }, status: 200, expect: msg('User permissions updated'),
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/orgs', { auth: ALICE })).status).toBe(200),
  },
  { name: 'PUT /api/admin/users/:id/permissions on the last server admin: 400', method: 'PUT', path: '/api/admin/users/1/permissions', body: { isGrafanaAdmin: false }, status: 400, expect: msg('cannot remove last grafana admin') },
  { name: 'GET /api/user', method: 'GET', path: '/api/user', auth: ALICE, status: 200, expect: { id: 2, login: 'alice', isGrafanaAdmin: false, orgId: 1 } },
  { name: 'GET /api/user with X-Grafana-Org-Id', method: 'GET', path: '/api/user', auth: ALICE, orgId: 2, status: 200, expect: { orgId: 2 } },
  // GetSignedInUser: 10.4 refuses a service account in getUserID; 11 and 12 answer a profile made from the identity, id 0.
  { name: 'GET /api/user with a token: 403 (getUserID)', versions: ['10.4'], method: 'GET', path: '/api/user', auth: bearer('org1-admin'), status: 403, expect: msg('Endpoint only available for users') },
  {
    name: 'GET /api/user with a token: the service account, id 0 (GetSignedInUser)', versions: ['11', '12'], method: 'GET', path: '/api/user', auth: bearer('org2-admin'), status: 200,
    expect: { id: 0, uid: expect.stringMatching(/^service-account:\d+$/), orgId: 2, isGrafanaAdmin: false, authLabels: null },
    // Not checked against UserProfileDTO: Go writes the unset authLabels slice as null, which the Swagger type does not allow.
    definition: null,
  },
  { name: 'GET /api/user/orgs with a token: 403 (getUserID)', versions: ['10.4', '11', '12'], method: 'GET', path: '/api/user/orgs', auth: bearer('org1-admin'), status: 403, expect: msg('Endpoint only available for users') },
  { name: 'PUT /api/user with a token: 403 (getUserID)', method: 'PUT', path: '/api/user', auth: bearer('org1-admin'), body: { name: 'x' }, status: 403, expect: msg('Endpoint only available for users') },
  { name: 'POST /api/user/using/:orgId with a token: 403 (getUserID)', method: 'POST', path: '/api/user/using/1', auth: bearer('org1-admin'), status: 403, expect: msg('Endpoint only available for users') },
  { name: 'PUT /api/user', method: 'PUT', path: '/api/user', auth: BOB, body: { name: 'Bobby' }, status: 200, expect: msg('User updated') },
  { name: 'GET /api/user/orgs', method: 'GET', path: '/api/user/orgs', auth: BOB, status: 200, expect: [{ orgId: 1, role: 'Editor' }, { orgId: 2, role: 'Viewer' }] },
  {
    name: 'POST /api/user/using/:orgId switches the current org', method: 'POST', path: '/api/user/using/2', auth: ALICE, status: 200, expect: msg('Active organization changed'),
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/org', { auth: ALICE })).body).toMatchObject({ id: 2 }),
  },
  { name: 'POST /api/user/using/:orgId of an org the user is not in: 401', method: 'POST', path: '/api/user/using/2', status: 401, expect: msg('Not a valid organization') },
];
