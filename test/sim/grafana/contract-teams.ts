import { expect } from 'vitest';
import { anyMessage, msg, type Case } from './contract-case.js';
import { basic, bearer, call } from './helpers.js';

const BOB = basic('bob', 'bob-pw');
const CAROL = basic('carol', 'carol-pw');
const DENIED = msg('Permission denied');
const logins = (body: Array<{ login: string }>) => body.map((m) => m.login);

/** Teams and team members. */
export const teamCases: Case[] = [
  { name: 'GET /api/teams/search', method: 'GET', path: '/api/teams/search', status: 200, expect: { totalCount: 2, page: 1, perPage: 1000, teams: [{ id: 1, name: 'SRE', memberCount: 2, orgId: 1 }, { id: 2, name: 'Web' }] } },
  { name: 'GET /api/teams/search pages 1-based', method: 'GET', path: '/api/teams/search?perpage=1&page=2', status: 200, expect: { totalCount: 2, page: 2, teams: [{ name: 'Web' }] } },
  { name: 'GET /api/teams/search?query=', method: 'GET', path: '/api/teams/search?query=sr', status: 200, expect: { totalCount: 1, teams: [{ name: 'SRE' }] } },
  { name: 'GET /api/teams/search in the token\'s org', method: 'GET', path: '/api/teams/search', auth: bearer('org2-admin'), status: 200, expect: { totalCount: 1, teams: [{ name: 'Oncall', orgId: 2 }] } },
  { name: 'GET /api/teams/search with a Viewer token: no team is its own', method: 'GET', path: '/api/teams/search', auth: bearer('org1-viewer'), status: 200, expect: { totalCount: 0, teams: [] } },
  { name: 'GET /api/teams/search as a Viewer: only the user\'s teams', method: 'GET', path: '/api/teams/search', auth: CAROL, status: 200, expect: { totalCount: 1, teams: [{ name: 'Web' }] } },
  { name: 'GET /api/teams/:id of the Viewer\'s own team', method: 'GET', path: '/api/teams/2', auth: CAROL, status: 200, expect: { name: 'Web' } },
  { name: 'GET /api/teams/:id of another team as a Viewer: 403', method: 'GET', path: '/api/teams/1', auth: CAROL, status: 403, expect: DENIED },
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
  { name: 'POST /api/teams as a Viewer: 403', method: 'POST', path: '/api/teams', auth: CAROL, body: { name: 'X' }, status: 403, expect: DENIED },
  { name: 'POST /api/teams with a Viewer token: 403', method: 'POST', path: '/api/teams', auth: bearer('org1-viewer'), body: { name: 'X' }, status: 403, expect: DENIED },
  { name: 'GET /api/teams/:id', method: 'GET', path: '/api/teams/1', status: 200, expect: { id: 1, name: 'SRE', email: 'sre@example.com', orgId: 1, memberCount: 2 } },
  { name: 'GET /api/teams/:id of another org: 404', method: 'GET', path: '/api/teams/3', status: 404, expect: msg('Team not found') },
  { name: 'GET /api/teams/:id not a number: 400', method: 'GET', path: '/api/teams/abc', status: 400, expect: msg('teamId is invalid') },
  { name: 'GET /api/teams/:id unknown: 404', method: 'GET', path: '/api/teams/99', status: 404, expect: msg('Team not found') },
  { name: 'PUT /api/teams/:id', method: 'PUT', path: '/api/teams/1', body: { name: 'SRE-2' }, status: 200, expect: msg('Team updated') },
  { name: 'PUT /api/teams/:id to a taken name: 409', method: 'PUT', path: '/api/teams/1', body: { name: 'Web' }, status: 409, expect: msg('Team name taken') },
  { name: 'PUT /api/teams/:id unknown: 404', method: 'PUT', path: '/api/teams/99', body: { name: 'X' }, status: 404, expect: msg('Team not found') },
  { name: 'PUT /api/teams/:id as a team member who is no admin: 403', method: 'PUT', path: '/api/teams/1', auth: BOB, body: { name: 'X' }, status: 403, expect: DENIED },
  { name: 'PUT /api/teams/:id as that team\'s admin', setup: [['PUT', '/api/teams/2/members/4', { permission: 4 }]], method: 'PUT', path: '/api/teams/2', auth: CAROL, body: { name: 'Web 2' }, status: 200, expect: msg('Team updated') },
  {
    name: 'DELETE /api/teams/:id also leaves the ACLs', method: 'DELETE', path: '/api/teams/1', status: 200, expect: msg('Team deleted'),
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/folders/infra/permissions')).body).toMatchObject([{ role: 'Viewer' }]),
  },
  { name: 'DELETE /api/teams/:id unknown: 404', method: 'DELETE', path: '/api/teams/99', status: 404, expect: msg('Team not found') },
  { name: 'GET /api/teams/:id/members', method: 'GET', path: '/api/teams/1/members', status: 200, expect: [{ login: 'bob', permission: 0, teamId: 1 }, { login: 'alice', permission: 4 }] },
  { name: 'GET /api/teams/:id/members unknown team: 404', method: 'GET', path: '/api/teams/99/members', status: 404, expect: msg('Team not found') },
  {
    name: 'POST /api/teams/:id/members', method: 'POST', path: '/api/teams/1/members', body: { userId: 4 }, status: 200, expect: msg('Member added to Team'),
    after: async (_res, sim) => expect(logins((await call(sim, 'GET', '/api/teams/1/members')).body)).toEqual(['bob', 'alice', 'carol']),
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
  { name: 'POST /api/teams/:id/members unknown user: 404', method: 'POST', path: '/api/teams/1/members', body: { userId: 99 }, status: 404, expect: msg('User not found') },
  { name: 'POST /api/teams/:id/members without userId: 400', method: 'POST', path: '/api/teams/1/members', body: {}, status: 400, expect: msg('bad request data') },
  {
    name: 'PUT /api/teams/:id/members replaces the membership', method: 'PUT', path: '/api/teams/1/members', body: { members: ['carol@example.com'], admins: ['alice'] },
    status: 200, expect: msg('Team memberships have been updated'), definition: 'SuccessResponseBody',
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/teams/1/members')).body).toMatchObject([{ login: 'carol', permission: 0 }, { login: 'alice', permission: 4 }]),
  },
  { name: 'PUT /api/teams/:id/members with an unknown user: 404', method: 'PUT', path: '/api/teams/1/members', body: { members: ['nobody'] }, status: 404, expect: msg('User not found'), definition: 'SuccessResponseBody' },
  {
    name: 'PUT /api/teams/:id/members/:userId', method: 'PUT', path: '/api/teams/1/members/3', body: { permission: 4 }, status: 200, expect: msg('Team member updated'),
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/teams/1/members')).body[0]).toMatchObject({ login: 'bob', permission: 4 }),
  },
  { name: 'PUT /api/teams/:id/members/:userId of a non-member: 404', method: 'PUT', path: '/api/teams/1/members/4', body: { permission: 4 }, status: 404, expect: msg('Team member not found.') },
  { name: 'PUT /api/teams/:id/members/:userId with permission 2: 400', method: 'PUT', path: '/api/teams/1/members/3', body: { permission: 2 }, status: 400, expect: anyMessage() },
  { name: 'DELETE /api/teams/:id/members/:userId', method: 'DELETE', path: '/api/teams/1/members/3', status: 200, expect: msg('Team Member removed') },
  { name: 'DELETE /api/teams/:id/members/:userId of a non-member: 404', method: 'DELETE', path: '/api/teams/1/members/4', status: 404, expect: msg('Team member not found') },
];
