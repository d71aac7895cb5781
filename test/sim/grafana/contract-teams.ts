import { expect } from 'vitest';
import { anyMessage, denied, msg, type Case } from './contract-case.js';
import { basic, bearer, call } from './helpers.js';

const ALICE = basic('alice', 'alice-pw');
const BOB = basic('bob', 'bob-pw');
const CAROL = basic('carol', 'carol-pw');
const logins = (body: Array<{ login: string }>) => body.map((m) => m.login);

/** Teams and team members. */
export const teamCases: Case[] = [
  { name: 'GET /api/teams/search', method: 'GET', path: '/api/teams/search', status: 200, expect: { totalCount: 2, page: 1, perPage: 1000, teams: [{ id: 1, name: 'SRE', memberCount: 2, orgId: 1 }, { id: 2, name: 'Web' }] } },
  { name: 'GET /api/teams/search pages 1-based', method: 'GET', path: '/api/teams/search?perpage=1&page=2', status: 200, expect: { totalCount: 2, page: 2, teams: [{ name: 'Web' }] } },
  { name: 'GET /api/teams/search?query=', method: 'GET', path: '/api/teams/search?query=sr', status: 200, expect: { totalCount: 1, teams: [{ name: 'SRE' }] } },
  // teamimpl Search: `query` is `team.name LIKE`, the team's email is not searched.
  { name: 'GET /api/teams/search?query= does not match the email (teamimpl Search)', method: 'GET', path: '/api/teams/search?query=sre@', status: 200, expect: { totalCount: 0, teams: [] } },
  // team.go SearchTeams: `perPage := c.QueryInt("perpage"); if perPage <= 0 { perPage = 1000 }`, no largest size.
  { name: 'GET /api/teams/search?perpage= above 1000 is echoed', method: 'GET', path: '/api/teams/search?perpage=2000', status: 200, expect: { totalCount: 2, perPage: 2000 } },
  // getTeamSelectSQLBase selects no permission column: 0 even for the team's admin.
  { name: 'GET /api/teams/:id permission is 0 even for the team admin (getTeamSelectSQLBase)', method: 'GET', path: '/api/teams/1', auth: ALICE, status: 200, expect: { name: 'SRE', permission: 0 } },
  { name: 'GET /api/teams/search permission is 0 even for the team admin', method: 'GET', path: '/api/teams/search?name=SRE', auth: ALICE, status: 200, expect: { teams: [{ name: 'SRE', permission: 0 }] } },
  { name: 'GET /api/teams/search in the token\'s org', method: 'GET', path: '/api/teams/search', auth: bearer('org2-admin'), status: 200, expect: { totalCount: 1, teams: [{ name: 'Oncall', orgId: 2 }] } },
  { name: 'GET /api/teams/search with a Viewer token: no team is its own', method: 'GET', path: '/api/teams/search', auth: bearer('org1-viewer'), status: 200, expect: { totalCount: 0, teams: [] } },
  { name: 'GET /api/teams/search as a Viewer: only the user\'s teams', method: 'GET', path: '/api/teams/search', auth: CAROL, status: 200, expect: { totalCount: 1, teams: [{ name: 'Web' }] } },
  { name: 'GET /api/teams/:id of the Viewer\'s own team', method: 'GET', path: '/api/teams/2', auth: CAROL, status: 200, expect: { name: 'Web' } },
  { name: 'GET /api/teams/:id of another team as a Viewer: 403 (teams:read)', method: 'GET', path: '/api/teams/1', auth: CAROL, status: 403, expect: denied('teams:read') },
  // createTeam's answer: {teamId, message} in 10.4, with the team's uid from 11 on.
  {
    name: 'POST /api/teams answers no uid (createTeam)', versions: ['10.4'], method: 'POST', path: '/api/teams', body: { name: 'DBA' }, status: 200, expect: { teamId: 4, message: 'Team created' },
    after: (res) => expect(res.body).not.toHaveProperty('uid'),
  },
  { name: 'POST /api/teams answers the team\'s uid (createTeam)', versions: ['11', '12'], method: 'POST', path: '/api/teams', body: { name: 'DBA' }, status: 200, expect: { teamId: 4, uid: expect.any(String), message: 'Team created' } },
  {
    name: 'POST /api/teams makes the creating user a team admin', method: 'POST', path: '/api/teams', body: { name: 'DBA', email: 'dba@example.com' }, status: 200, expect: { teamId: 4, message: 'Team created' },
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/teams/4/members')).body).toMatchObject([{ login: 'admin', permission: 4 }]),
  },
  {
    name: 'POST /api/teams with a token: no member', method: 'POST', path: '/api/teams', auth: bearer('org1-admin'), body: { name: 'DBA' }, status: 200, expect: { teamId: 4 },
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/teams/4/members')).body).toEqual([]),
  },
  { name: 'POST /api/teams: a name another org uses is free', method: 'POST', path: '/api/teams', body: { name: 'Oncall' }, status: 200, expect: { teamId: 4 } },
  { name: 'POST /api/teams with a taken name: 409', method: 'POST', path: '/api/teams', body: { name: 'SRE' }, status: 409, expect: msg('Team name taken') },
  // Grafana's isTeamNameTaken asks `name = ?`: exact on SQLite (the default) and Postgres.
  { name: 'POST /api/teams: a name that differs only in case is free', method: 'POST', path: '/api/teams', body: { name: 'sre' }, status: 200, expect: { teamId: 4 } },
  { name: 'POST /api/teams without a name: 400', method: 'POST', path: '/api/teams', body: {}, status: 400, expect: msg('bad request data') },
  { name: 'POST /api/teams as a Viewer: 403', method: 'POST', path: '/api/teams', auth: CAROL, body: { name: 'X' }, status: 403, expect: denied('teams:create') },
  { name: 'POST /api/teams with a Viewer token: 403', method: 'POST', path: '/api/teams', auth: bearer('org1-viewer'), body: { name: 'X' }, status: 403, expect: denied('teams:create') },
  { name: 'GET /api/teams/:id', method: 'GET', path: '/api/teams/1', status: 200, expect: { id: 1, name: 'SRE', email: 'sre@example.com', orgId: 1, memberCount: 2 } },
  { name: 'GET /api/teams/:id of another org: 404', method: 'GET', path: '/api/teams/3', status: 404, expect: msg('Team not found') },
  { name: 'GET /api/teams/:id not a number: 400', method: 'GET', path: '/api/teams/abc', status: 400, expect: msg('teamId is invalid') },
  { name: 'GET /api/teams/:id unknown: 404', method: 'GET', path: '/api/teams/99', status: 404, expect: msg('Team not found') },
  { name: 'PUT /api/teams/:id', method: 'PUT', path: '/api/teams/1', body: { name: 'SRE-2' }, status: 200, expect: msg('Team updated') },
  { name: 'PUT /api/teams/:id to a taken name: 409', method: 'PUT', path: '/api/teams/1', body: { name: 'Web' }, status: 409, expect: msg('Team name taken') },
  { name: 'PUT /api/teams/:id unknown: 404', method: 'PUT', path: '/api/teams/99', body: { name: 'X' }, status: 404, expect: msg('Team not found') },
  { name: 'PUT /api/teams/:id as a team member who is no admin: 403', method: 'PUT', path: '/api/teams/1', auth: BOB, body: { name: 'X' }, status: 403, expect: denied('teams:write') },
  { name: 'PUT /api/teams/:id as that team\'s admin', setup: [['PUT', '/api/teams/2/members/4', { permission: 4 }]], method: 'PUT', path: '/api/teams/2', auth: CAROL, body: { name: 'Web 2' }, status: 200, expect: msg('Team updated') },
  {
    name: 'DELETE /api/teams/:id also leaves the ACLs', method: 'DELETE', path: '/api/teams/1', status: 200, expect: msg('Team deleted'),
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/folders/infra/permissions')).body).toMatchObject([{ role: 'Viewer' }]),
  },
  { name: 'DELETE /api/teams/:id unknown: 404', method: 'DELETE', path: '/api/teams/99', status: 404, expect: msg('Team not found') },
  // teamimpl getTeamMembers: ORDER BY user.login, user.email (bob joined first, alice is listed first).
  { name: 'GET /api/teams/:id/members ordered by login (getTeamMembers)', method: 'GET', path: '/api/teams/1/members', status: 200, expect: [{ login: 'alice', permission: 4, teamId: 1 }, { login: 'bob', permission: 0 }] },
  { name: 'GET /api/teams/:id/members unknown team: 404', method: 'GET', path: '/api/teams/99/members', status: 404, expect: msg('Team not found') },
  {
    name: 'POST /api/teams/:id/members', method: 'POST', path: '/api/teams/1/members', body: { userId: 4 }, status: 200, expect: msg('Member added to Team'),
    after: async (_res, sim) => expect(logins((await call(sim, 'GET', '/api/teams/1/members')).body)).toEqual(['alice', 'bob', 'carol']),
  },
  { name: 'POST /api/teams/:id/members twice: 400', method: 'POST', path: '/api/teams/1/members', body: { userId: 3 }, status: 400, expect: msg('User is already added to this team') },
  {
    // addTeamMember → validateUser: GetSignedInUser's LEFT OUTER JOIN org_user finds users outside the org.
    name: 'POST /api/teams/:id/members of a user outside the org is added, listed and counted (validateUser)', method: 'POST', path: '/api/teams/1/members', body: { userId: 5 }, status: 200, expect: msg('Member added to Team'),
    after: async (_res, sim) => {
      expect(logins((await call(sim, 'GET', '/api/teams/1/members')).body)).toContain('dave');
      expect((await call(sim, 'GET', '/api/teams/1')).body).toMatchObject({ memberCount: 3 });
    },
  },
  // addTeamMember: SetUserPermission's validateUser fails, wrapped with %w and not mapped.
  { name: 'POST /api/teams/:id/members unknown user: 500 (addTeamMember)', method: 'POST', path: '/api/teams/1/members', body: { userId: 99 }, status: 500, expect: msg('Failed to add Member to Team') },
  // A missing team: validateResource fails the same way up to 11; 12's teamapi validateTeam answers 404 first.
  { name: 'POST /api/teams/:id/members of a missing team: 500 (addTeamMember)', versions: ['10.4', '11'], method: 'POST', path: '/api/teams/99/members', body: { userId: 4 }, status: 500, expect: msg('Failed to add Member to Team') },
  { name: 'POST /api/teams/:id/members of a missing team: 404 (teamapi validateTeam)', versions: ['12'], method: 'POST', path: '/api/teams/99/members', body: { userId: 4 }, status: 404, expect: msg('Team not found') },
  { name: 'POST /api/teams/:id/members without userId: 400', method: 'POST', path: '/api/teams/1/members', body: {}, status: 400, expect: msg('bad request data') },
  // teamapi setTeamMemberships (Grafana 11+): emails only (GetByEmail), "user not found", last command wins.
  {
    name: 'PUT /api/teams/:id/members replaces the membership (setTeamMemberships)', versions: ['11', '12'], method: 'PUT', path: '/api/teams/1/members',
    body: { members: ['carol@example.com'], admins: ['alice@example.com'] },
    status: 200, expect: msg('Team memberships have been updated'), definition: 'SuccessResponseBody',
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/teams/1/members')).body).toMatchObject([{ login: 'alice', permission: 4 }, { login: 'carol', permission: 0 }]),
  },
  {
    name: 'PUT /api/teams/:id/members: a new user in both lists ends up a member (admins are set before members)', versions: ['11', '12'], method: 'PUT', path: '/api/teams/1/members',
    body: { members: ['dave@example.com'], admins: ['dave@example.com'] }, status: 200, expect: msg('Team memberships have been updated'), definition: 'SuccessResponseBody',
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/teams/1/members')).body).toMatchObject([{ login: 'dave', permission: 0 }]),
  },
  { name: 'PUT /api/teams/:id/members with a login: 404 (GetByEmail)', versions: ['11', '12'], method: 'PUT', path: '/api/teams/1/members', body: { admins: ['alice'] }, status: 404, expect: msg('user not found'), definition: 'SuccessResponseBody' },
  { name: 'PUT /api/teams/:id/members with an unknown user: 404', versions: ['11', '12'], method: 'PUT', path: '/api/teams/1/members', body: { members: ['nobody@example.com'] }, status: 404, expect: msg('user not found'), definition: 'SuccessResponseBody' },
  { name: 'PUT /api/teams/:id/members does not exist in 10.4', versions: ['10.4'], method: 'PUT', path: '/api/teams/1/members', body: { members: [] }, status: 404, expect: msg('Not found'), definition: 'SuccessResponseBody' },
  {
    name: 'PUT /api/teams/:id/members/:userId', method: 'PUT', path: '/api/teams/1/members/3', body: { permission: 4 }, status: 200, expect: msg('Team member updated'),
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/teams/1/members')).body[1]).toMatchObject({ login: 'bob', permission: 4 }),
  },
  { name: 'PUT /api/teams/:id/members/:userId of a non-member: 404', method: 'PUT', path: '/api/teams/1/members/4', body: { permission: 4 }, status: 404, expect: msg('Team member not found.') },
  // updateTeamMember asks IsTeamMember first up to 11; 12's validateTeam catches a missing team before.
  { name: 'PUT /api/teams/:id/members/:userId of a missing team: 404 member (updateTeamMember)', versions: ['10.4', '11'], method: 'PUT', path: '/api/teams/99/members/3', body: { permission: 4 }, status: 404, expect: msg('Team member not found.') },
  { name: 'PUT /api/teams/:id/members/:userId of a missing team: 404 team (teamapi validateTeam)', versions: ['12'], method: 'PUT', path: '/api/teams/99/members/3', body: { permission: 4 }, status: 404, expect: msg('Team not found') },
  { name: 'PUT /api/teams/:id/members/:userId with permission 2: 400', method: 'PUT', path: '/api/teams/1/members/3', body: { permission: 2 }, status: 400, expect: anyMessage() },
  { name: 'DELETE /api/teams/:id/members/:userId', method: 'DELETE', path: '/api/teams/1/members/3', status: 200, expect: msg('Team Member removed') },
  { name: 'DELETE /api/teams/:id/members/:userId of a non-member: 404', method: 'DELETE', path: '/api/teams/1/members/4', status: 404, expect: msg('Team member not found') },
  // removeTeamMember: SetUserPermission's validateUser error is neither ErrTeamNotFound nor ErrTeamMemberNotFound.
  { name: 'DELETE /api/teams/:id/members/:userId of an unknown user: 500 (removeTeamMember)', method: 'DELETE', path: '/api/teams/1/members/99', status: 500, expect: msg('Failed to remove Member from Team') },
];
