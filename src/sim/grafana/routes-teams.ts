import type { Router } from '../shared/router.js';
import { callerUser, requireOrgRole, type Identity } from './auth.js';
import { parseId } from './body.js';
import { matchesQuery, pageRequest, slice } from './paging.js';
import { message, ok, param, type GrafanaContext } from './request-context.js';
import { teamDto, teamMember } from './representations.js';
import * as teams from './teams.js';
import { compareText, type Team } from './state.js';
import { setTeamMemberships } from './team-memberships.js';
import { atLeast } from './version.js';

/**
 * Teams (pkg/api/team.go, team_members.go). Grafana's team docs: "All authenticated users are
 * able to view details of teams they are a member of. Organization Admins are able to manage
 * all teams and team members." So an org Admin (user or token) sees every team of the org,
 * anyone else only their own teams (another team is 403); changing a team or its members
 * needs org Admin or being that team's admin (team permission 4).
 */
export function addTeamRoutes(router: Router<GrafanaContext>): void {
  const teamOf = (ctx: GrafanaContext): Team => {
    requireOrgRole(ctx.identity, 'None');
    const team = teams.getTeam(ctx.store.state, ctx.identity.orgId, parseId(param(ctx, 'teamId'), 'teamId'));
    if (!canSee(ctx.identity, team)) requireOrgRole(ctx.identity, 'Admin');
    return team;
  };
  const manage = (ctx: GrafanaContext): Team => {
    const team = teamOf(ctx);
    if (!isTeamAdmin(ctx.identity, team)) requireOrgRole(ctx.identity, 'Admin');
    return team;
  };
  const memberId = (ctx: GrafanaContext) => parseId(param(ctx, 'userId'), 'userId');
  const teamId = (ctx: GrafanaContext) => parseId(param(ctx, 'teamId'), 'teamId');
  /**
   * For the member routes whose handler, not the middleware, finds out that the team is
   * missing (its answer differs by version, see teams.ts): the RBAC middleware lets through
   * whoever holds `teams.permissions:write` on every team (org Admins); anyone else is refused.
   */
  const manageMaybeMissing = (ctx: GrafanaContext): void => {
    const team = ctx.store.state.teams.get(teamId(ctx));
    if (team && team.orgId === ctx.identity.orgId) manage(ctx);
    else requireOrgRole(ctx.identity, 'Admin');
  };

  router.add('GET', '/api/teams/search', (ctx) => {
    requireOrgRole(ctx.identity, 'None');
    const name = ctx.query.get('name');
    const all = teams
      .teamsOfOrg(ctx.store.state, ctx.identity.orgId)
      .filter((t) => ctx.identity.role === 'Admin' || canSee(ctx.identity, t))
      // teamimpl Search: `query` is `team.name LIKE %q%` (the email is not searched; SQLite's LIKE
      // ignores ASCII case), `name` is `team.name = ?`.
      .filter((t) => (name === null || name === '' || t.name === name) && matchesQuery(ctx.query, t.name))
      .sort((a, b) => compareText(a.name, b.name) || a.id - b.id);
    const request = pageRequest(ctx.query, ctx.pageSize, 1);
    return ok({
      totalCount: all.length,
      teams: slice(all, request).map((t) => teamDto(t)),
      page: request.page,
      perPage: request.perPage,
    });
  });
  router.add('POST', '/api/teams', (ctx) => {
    requireOrgRole(ctx.identity, 'Admin');
    const team = teams.createTeam(ctx.store.state, ctx.identity.orgId, ctx.body, callerUser(ctx.identity), ctx.store.now());
    // pkg/api/team.go createTeam answers {teamId, message} in 10.4; 11 added the team's uid.
    return message('Team created', { teamId: team.id, ...(atLeast(ctx.version, '11') ? { uid: team.uid } : {}) });
  });
  router.add('GET', '/api/teams/:teamId', (ctx) => ok(teamDto(teamOf(ctx))));
  router.add('PUT', '/api/teams/:teamId', (ctx) => {
    const team = manage(ctx);
    teams.updateTeam(ctx.store.state, team.orgId, team.id, ctx.body, ctx.store.now());
    return message('Team updated');
  });
  router.add('DELETE', '/api/teams/:teamId', (ctx) => {
    const team = manage(ctx);
    teams.deleteTeam(ctx.store.state, team.orgId, team.id);
    return message('Team deleted');
  });
  router.add('GET', '/api/teams/:teamId/members', (ctx) => {
    const team = teamOf(ctx);
    return ok(orderedMembers(ctx, team).map(([userId, permission]) => teamMember(ctx.store.state, team, userId, permission)));
  });
  router.add('POST', '/api/teams/:teamId/members', (ctx) => {
    manageMaybeMissing(ctx);
    teams.addTeamMember(ctx.store.state, ctx.identity.orgId, teamId(ctx), ctx.body, ctx.version);
    return message('Member added to Team');
  });
  router.add('PUT', '/api/teams/:teamId/members', (ctx) => {
    // teamapi's setTeamMemberships came with Grafana 11 (grafana#87441); 10.4's router knows
    // only GET and POST on this path.
    if (!atLeast(ctx.version, '11')) return { status: 404, body: { message: 'Not found' } };
    const team = manage(ctx);
    setTeamMemberships(ctx.store.state, team, ctx.body);
    return message('Team memberships have been updated');
  });
  router.add('PUT', '/api/teams/:teamId/members/:userId', (ctx) => {
    manageMaybeMissing(ctx);
    teams.updateTeamMember(ctx.store.state, ctx.identity.orgId, teamId(ctx), memberId(ctx), ctx.body, ctx.version);
    return message('Team member updated');
  });
  router.add('DELETE', '/api/teams/:teamId/members/:userId', (ctx) => {
    const team = manage(ctx);
    teams.removeTeamMember(ctx.store.state, team.orgId, team.id, memberId(ctx));
    return message('Team Member removed');
  });
}

/**
 * teamimpl `getTeamMembers`: `ORDER BY user.login, user.email` (by code unit, as SQLite
 * compares), service accounts left out (the simulator has none as members).
 */
function orderedMembers(ctx: GrafanaContext, team: Team): Array<[number, number]> {
  const { users } = ctx.store.state;
  const key = (id: number) => users.get(id) ?? { login: '', email: '' };
  return [...team.members].sort(([a], [b]) => compareText(key(a).login, key(b).login) || compareText(key(a).email, key(b).email) || a - b);
}

function canSee(identity: Identity, team: Team): boolean {
  return identity.kind === 'user' && team.members.has(identity.user.id);
}

function isTeamAdmin(identity: Identity, team: Team): boolean {
  return identity.kind === 'user' && team.members.get(identity.user.id) === 4;
}
