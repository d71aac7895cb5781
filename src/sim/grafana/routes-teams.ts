import type { Router } from '../shared/router.js';
import { callerUser, requireOrgRole, type Identity } from './auth.js';
import { parseId } from './body.js';
import { matchesQuery, pageRequest, slice } from './paging.js';
import { message, ok, param, type GrafanaContext } from './request-context.js';
import { teamDto, teamMember } from './representations.js';
import * as teams from './teams.js';
import { compareText, type Team } from './state.js';

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
  const callerId = (ctx: GrafanaContext) => callerUser(ctx.identity)?.id;

  router.add('GET', '/api/teams/search', (ctx) => {
    requireOrgRole(ctx.identity, 'None');
    const name = ctx.query.get('name');
    const all = teams
      .teamsOfOrg(ctx.store.state, ctx.identity.orgId)
      .filter((t) => ctx.identity.role === 'Admin' || canSee(ctx.identity, t))
      .filter((t) => (name === null || name === '' || t.name === name) && matchesQuery(ctx.query, t.name, t.email))
      .sort((a, b) => compareText(a.name, b.name) || a.id - b.id);
    const request = pageRequest(ctx.query, ctx.pageSize, 1);
    return ok({
      totalCount: all.length,
      teams: slice(all, request).map((t) => teamDto(t, callerId(ctx))),
      page: request.page,
      perPage: request.perPage,
    });
  });
  router.add('POST', '/api/teams', (ctx) => {
    requireOrgRole(ctx.identity, 'Admin');
    const team = teams.createTeam(ctx.store.state, ctx.identity.orgId, ctx.body, callerUser(ctx.identity), ctx.store.now());
    return message('Team created', { teamId: team.id, uid: team.uid });
  });
  router.add('GET', '/api/teams/:teamId', (ctx) => ok(teamDto(teamOf(ctx), callerId(ctx))));
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
    return ok([...team.members].map(([userId, permission]) => teamMember(ctx.store.state, team, userId, permission)));
  });
  router.add('POST', '/api/teams/:teamId/members', (ctx) => {
    const team = manage(ctx);
    teams.addTeamMember(ctx.store.state, team.orgId, team.id, ctx.body);
    return message('Member added to Team');
  });
  router.add('PUT', '/api/teams/:teamId/members', (ctx) => {
    const team = manage(ctx);
    teams.setTeamMemberships(ctx.store.state, team.orgId, team.id, ctx.body);
    return message('Team memberships have been updated');
  });
  router.add('PUT', '/api/teams/:teamId/members/:userId', (ctx) => {
    const team = manage(ctx);
    teams.updateTeamMember(ctx.store.state, team.orgId, team.id, memberId(ctx), ctx.body);
    return message('Team member updated');
  });
  router.add('DELETE', '/api/teams/:teamId/members/:userId', (ctx) => {
    const team = manage(ctx);
    teams.removeTeamMember(ctx.store.state, team.orgId, team.id, memberId(ctx));
    return message('Team Member removed');
  });
}

function canSee(identity: Identity, team: Team): boolean {
  return identity.kind === 'user' && team.members.has(identity.user.id);
}

function isTeamAdmin(identity: Identity, team: Team): boolean {
  return identity.kind === 'user' && team.members.get(identity.user.id) === 4;
}
