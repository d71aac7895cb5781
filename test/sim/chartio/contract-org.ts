import { expect } from 'vitest';
import { call } from './helpers.js';
import { authCases, link, msg, O, type Case } from './contract-case.js';

/** Contract rows: teams (with /teams/owners), team members, users, paths and pages. */
export const orgCases: Case[] = [
  // ---- teams ----
  {
    name: 'list teams with their members embedded',
    method: 'GET',
    path: `${O}/teams`,
    status: 200,
    expect: {
      _links: { self: link('/example-org/teams/') },
      count: 4,
      teams: [
        { id: 1, name: 'Owners', is_owner: true, _embedded: { users: [{ id: 1, email: 'owner@example.com', display_name: 'Org Owner', _links: { self: link('/example-org/users/1/') } }] } },
        { id: 2, name: 'Added from Dashboard', is_owner: false },
        { id: 3, name: 'Marketing', is_owner: false, _links: { self: link('/example-org/teams/3/') }, _embedded: { users: [{ id: 2 }, { id: 3 }] } },
        { id: 4, name: 'Sales' },
      ],
    },
  },
  ...authCases('GET', '/teams'),
  { name: 'POST a team (201 + Location)', method: 'POST', path: `${O}/teams`, body: { name: 'Support' }, status: 201, expect: { id: 5, name: 'Support', is_owner: false, _embedded: { users: [] }, created_at: '2024-01-15T12:00:00Z' }, headers: { location: '/example-org/teams/5/' } },
  { name: 'POST a duplicate team name (409)', method: 'POST', path: `${O}/teams/`, body: { name: 'Marketing' }, status: 409, expect: msg('A team with the same name already exists.') },
  { name: 'POST a team without a name (400)', method: 'POST', path: `${O}/teams`, body: {}, status: 400 },
  ...authCases('POST', '/teams', { name: 'Support' }),
  { name: 'get a team', method: 'GET', path: `${O}/teams/3`, status: 200, expect: { id: 3, name: 'Marketing', _embedded: { users: [{ email: 'alice@example.com' }, { email: 'bob@example.com' }] } } },
  { name: 'get an unknown team', method: 'GET', path: `${O}/teams/99`, status: 404, expect: msg('The team was not found.') },
  ...authCases('GET', '/teams/3'),
  { name: 'rename a team', method: 'PATCH', path: `${O}/teams/4`, body: { name: 'Revenue' }, status: 200, expect: { id: 4, name: 'Revenue', updated_at: '2024-01-15T12:00:00Z' } },
  { name: 'rename a team to a taken name (409)', method: 'PATCH', path: `${O}/teams/4`, body: { name: 'Marketing' }, status: 409 },
  { name: 'rename the Owners team by id (405)', method: 'PATCH', path: `${O}/teams/1`, body: { name: 'Admins' }, status: 405, expect: msg(/cannot be modified/) },
  { name: 'rename "Added from Dashboard" (405)', method: 'PATCH', path: `${O}/teams/2`, body: { name: 'Shared' }, status: 405 },
  { name: 'rename an unknown team (404)', method: 'PATCH', path: `${O}/teams/99`, body: { name: 'X' }, status: 404 },
  ...authCases('PATCH', '/teams/4', { name: 'Revenue' }),
  {
    name: 'delete a team (204); its members stay in the org',
    method: 'DELETE',
    path: `${O}/teams/4`,
    status: 204,
    after: async (_res, { sim }) => {
      expect((await call(sim, 'GET', `${O}/teams/4`)).status).toBe(404);
      expect((await call(sim, 'GET', `${O}/users/3`)).body._embedded.teams).toEqual([expect.objectContaining({ id: 3 })]);
    },
  },
  { name: 'delete a team that is a member\'s only team (400)', method: 'DELETE', path: `${O}/teams/3`, status: 400, expect: msg(/alice@example.com/) },
  { name: 'delete the Owners team by id (405)', method: 'DELETE', path: `${O}/teams/1`, status: 405 },
  { name: 'delete "Added from Dashboard" (405)', method: 'DELETE', path: `${O}/teams/2`, status: 405 },
  { name: 'delete an unknown team (404)', method: 'DELETE', path: `${O}/teams/99`, status: 404, expect: msg('The team was not found.') },
  ...authCases('DELETE', '/teams/4'),

  // ---- /teams/owners ----
  { name: 'get the Owners team', method: 'GET', path: `${O}/teams/owners`, status: 200, expect: { id: 1, name: 'Owners', is_owner: true } },
  { name: 'get the Owners team with a trailing slash', method: 'GET', path: `${O}/teams/owners/`, status: 200, expect: { id: 1 } },
  ...authCases('GET', '/teams/owners'),
  { name: 'rename the Owners team (405)', method: 'PATCH', path: `${O}/teams/owners`, body: { name: 'Admins' }, status: 405 },
  ...authCases('PATCH', '/teams/owners', { name: 'Admins' }),
  { name: 'delete the Owners team (405)', method: 'DELETE', path: `${O}/teams/owners`, status: 405, expect: msg(/cannot be deleted/) },
  ...authCases('DELETE', '/teams/owners'),

  // ---- team members ----
  { name: 'add a member by id', method: 'PATCH', path: `${O}/teams/4/users`, body: { id: 2 }, status: 200, expect: { id: 4, _embedded: { users: [{ id: 3 }, { id: 2 }] } } },
  { name: 'add a member by email (any case)', method: 'PATCH', path: `${O}/teams/4/users/`, body: { email: 'ALICE@example.com' }, status: 200, expect: { _embedded: { users: [{ id: 3 }, { id: 2, email: 'alice@example.com' }] } } },
  {
    name: 'add an email not yet in the org invites a new user',
    method: 'PATCH',
    path: `${O}/teams/4/users`,
    body: { email: 'newcomer@example.com' },
    status: 200,
    expect: { _embedded: { users: [{ id: 3 }, { id: 5, email: 'newcomer@example.com' }] } },
  },
  { name: 'add a member already on the team (409)', method: 'PATCH', path: `${O}/teams/4/users`, body: { id: 3 }, status: 409, expect: msg('User is already a member of this team.') },
  { name: 'add an unknown user id (404)', method: 'PATCH', path: `${O}/teams/4/users`, body: { id: 99 }, status: 404 },
  { name: 'add a member without id or email (400)', method: 'PATCH', path: `${O}/teams/4/users`, body: {}, status: 400 },
  { name: 'add a member to "Added from Dashboard" (405)', method: 'PATCH', path: `${O}/teams/2/users`, body: { id: 2 }, status: 405, expect: msg(/Added from Dashboard/) },
  { name: 'add a member to an unknown team (404)', method: 'PATCH', path: `${O}/teams/99/users`, body: { id: 2 }, status: 404 },
  ...authCases('PATCH', '/teams/4/users', { id: 2 }),
  { name: 'add an owner', method: 'PATCH', path: `${O}/teams/owners/users`, body: { email: 'bob@example.com' }, status: 200, expect: { id: 1, is_owner: true, _embedded: { users: [{ id: 1 }, { id: 3 }] } } },
  { name: 'add an existing owner (409)', method: 'PATCH', path: `${O}/teams/owners/users`, body: { id: 1 }, status: 409 },
  ...authCases('PATCH', '/teams/owners/users', { id: 2 }),
  { name: 'remove a member by id', method: 'DELETE', path: `${O}/teams/3/users/3`, status: 204, after: async (_r, { sim }) => expect((await call(sim, 'GET', `${O}/users/3`)).body._embedded.teams).toEqual([expect.objectContaining({ id: 4 })]) },
  { name: 'remove a member by email', method: 'DELETE', path: `${O}/teams/4/users/bob@example.com`, status: 204 },
  { name: 'remove a member by URL-encoded email', method: 'DELETE', path: `${O}/teams/4/users/bob%40example.com/`, status: 204 },
  { name: 'remove a member from their only team (400)', method: 'DELETE', path: `${O}/teams/3/users/2`, status: 400, expect: msg(/at least one team/) },
  { name: 'remove a user who is not a member (404)', method: 'DELETE', path: `${O}/teams/3/users/4`, status: 404, expect: msg('User was not a member of this team.') },
  { name: 'remove an unknown user (404)', method: 'DELETE', path: `${O}/teams/3/users/nobody@example.com`, status: 404 },
  { name: 'remove from an unknown team (404)', method: 'DELETE', path: `${O}/teams/99/users/2`, status: 404 },
  { name: 'remove the only member of "Added from Dashboard" whose only team it is (400)', method: 'DELETE', path: `${O}/teams/2/users/4`, status: 400 },
  { name: 'remove a member of "Added from Dashboard" who has another team (204)', setup: [['PATCH', `${O}/teams/4/users`, { id: 4 }]], method: 'DELETE', path: `${O}/teams/2/users/shared@example.com`, status: 204 },
  ...authCases('DELETE', '/teams/3/users/3'),
  { name: 'remove the last owner (400)', setup: [['PATCH', `${O}/teams/3/users`, { id: 1 }]], method: 'DELETE', path: `${O}/teams/owners/users/1`, status: 400, expect: msg(/owners team/i) },
  { name: 'remove an owner who is not the last (204)', setup: [['PATCH', `${O}/teams/owners/users`, { id: 2 }]], method: 'DELETE', path: `${O}/teams/owners/users/2`, status: 204 },
  { name: 'remove a non-owner from Owners (404)', method: 'DELETE', path: `${O}/teams/owners/users/2`, status: 404 },
  ...authCases('DELETE', '/teams/owners/users/1'),

  // ---- users ----
  {
    name: 'list users with their teams embedded',
    method: 'GET',
    path: `${O}/users`,
    status: 200,
    expect: {
      _links: { self: link('/example-org/users/') },
      count: 4,
      users: [
        { id: 1, email: 'owner@example.com', display_name: 'Org Owner', _links: { self: link('/example-org/users/1/') }, _embedded: { teams: [{ id: 1, name: 'Owners', _links: { self: link('/example-org/teams/1/') } }] } },
        { id: 2 },
        { id: 3, _embedded: { teams: [{ id: 3 }, { id: 4 }] } },
        { id: 4 },
      ],
    },
  },
  ...authCases('GET', '/users'),
  {
    name: 'POST a user into a team (201 + Location)',
    method: 'POST',
    path: `${O}/users`,
    body: { email: 'new-user@example.com', team: { id: 3 } },
    status: 201,
    expect: { id: 5, email: 'new-user@example.com', display_name: expect.any(String), created_at: '2024-01-15T12:00:00Z', _embedded: { teams: [{ id: 3, name: 'Marketing' }] } },
    headers: { location: '/example-org/users/5/' },
  },
  { name: 'POST an email already on that team (409)', method: 'POST', path: `${O}/users`, body: { email: 'alice@example.com', team: { id: 3 } }, status: 409, expect: msg(/already exists in the org and on the specified team/) },
  { name: 'POST an email in the org but not on that team adds the membership', method: 'POST', path: `${O}/users/`, body: { email: 'alice@example.com', team: { id: 4 } }, status: 201, expect: { id: 2, _embedded: { teams: [{ id: 3 }, { id: 4 }] } }, after: async (_r, { sim }) => expect((await call(sim, 'GET', `${O}/users`)).body.count).toBe(4) },
  { name: 'POST a user into an unknown team (400)', method: 'POST', path: `${O}/users`, body: { email: 'x@example.com', team: { id: 99 } }, status: 400, expect: msg('An existing team must be provided.') },
  { name: 'POST a user without a team (400)', method: 'POST', path: `${O}/users`, body: { email: 'x@example.com' }, status: 400, expect: msg('An existing team must be provided.') },
  { name: 'POST a user without a valid email (400)', method: 'POST', path: `${O}/users`, body: { email: 'not-an-email', team: { id: 3 } }, status: 400 },
  { name: 'POST a user into "Added from Dashboard" (405)', method: 'POST', path: `${O}/users`, body: { email: 'x@example.com', team: { id: 2 } }, status: 405 },
  ...authCases('POST', '/users', { email: 'x@example.com', team: { id: 3 } }),
  { name: 'get a user by id', method: 'GET', path: `${O}/users/2`, status: 200, expect: { id: 2, email: 'alice@example.com', _embedded: { teams: [{ id: 3 }] } } },
  { name: 'get a user by email', method: 'GET', path: `${O}/users/alice@example.com/`, status: 200, expect: { id: 2 } },
  { name: 'get a user by email in another case', method: 'GET', path: `${O}/users/Alice@Example.com`, status: 200, expect: { id: 2 } },
  { name: 'get an unknown user id', method: 'GET', path: `${O}/users/99`, status: 404, expect: msg('User was not found.') },
  { name: 'get an unknown user email', method: 'GET', path: `${O}/users/nobody@example.com`, status: 404 },
  ...authCases('GET', '/users/2'),
  {
    name: 'delete a user (204): gone from teams and permissions',
    method: 'DELETE',
    path: `${O}/users/2`,
    status: 204,
    after: async (_r, { sim }) => {
      expect((await call(sim, 'GET', `${O}/users/2`)).status).toBe(404);
      expect((await call(sim, 'GET', `${O}/teams/3`)).body._embedded.users).toEqual([expect.objectContaining({ id: 3 })]);
      expect((await call(sim, 'GET', `${O}/dashboards/1/permissions`)).body.count).toBe(1);
    },
  },
  { name: 'delete a user by email', method: 'DELETE', path: `${O}/users/bob@example.com`, status: 204 },
  { name: 'delete the last owner (400)', method: 'DELETE', path: `${O}/users/1`, status: 400, expect: msg('User was last member of the owners team.') },
  { name: 'delete an owner who is not the last (204)', setup: [['PATCH', `${O}/teams/owners/users`, { id: 3 }]], method: 'DELETE', path: `${O}/users/1`, status: 204 },
  { name: 'delete an unknown user (404)', method: 'DELETE', path: `${O}/users/99`, status: 404 },
  ...authCases('DELETE', '/users/2'),

  // ---- paths and pages ----
  { name: 'a path the API does not have (404)', method: 'GET', path: `${O}/widgets`, status: 404 },
  { name: 'a path outside /v1 (404)', method: 'GET', path: '/v2/example-org', status: 404 },
  { name: 'an unsupported method (405 with Allow)', method: 'PUT', path: `${O}/teams`, body: {}, status: 405, headers: { allow: 'GET, POST' } },
  { name: 'page 1 explicitly', method: 'GET', path: `${O}/teams?page=1`, status: 200, expect: { count: 4, _links: { self: link('/example-org/teams/') } } },
  { name: 'a page past the end (404)', method: 'GET', path: `${O}/teams?page=2`, status: 404, expect: msg('Invalid page.') },
  { name: 'a page that is not a number (404)', method: 'GET', path: `${O}/users?page=first`, status: 404 },
];
