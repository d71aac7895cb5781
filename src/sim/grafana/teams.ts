import { objectBody, optionalInt, optionalString } from './body.js';
import { ApiError, badRequest, badRequestData, conflict, notFound, teamNotFound } from './errors.js';
import { removeTeamFromAcls } from './org-cleanup.js';
import { nextId, type GrafanaState, type Team, type User } from './state.js';
import { atLeast, type GrafanaVersion } from './version.js';

/**
 * Teams (Grafana's pkg/api/team.go and team_members.go). A team belongs to one org and is
 * found only through that org: another org's team id is 404 "Team not found".
 */
export function getTeam(state: GrafanaState, orgId: number, id: number): Team {
  const team = state.teams.get(id);
  if (!team || team.orgId !== orgId) throw teamNotFound();
  return team;
}

export function teamsOfOrg(state: GrafanaState, orgId: number): Team[] {
  return [...state.teams.values()].filter((t) => t.orgId === orgId);
}

/** `POST /api/teams`: name required, unique in the org (409 "Team name taken"); a user creator becomes team admin. */
export function createTeam(state: GrafanaState, orgId: number, rawBody: unknown, creator: User | undefined, now: number): Team {
  const body = objectBody(rawBody);
  const name = optionalString(body, 'name');
  const email = optionalString(body, 'email') ?? '';
  if (name === undefined || name.trim() === '') throw badRequestData();
  assertNameFree(state, orgId, name, undefined);
  const id = nextId(state, 'team');
  const team: Team = { id, uid: `t${String(id).padStart(6, '0')}`, orgId, name, email, created: now, updated: now, members: new Map() };
  // Grafana (createTeam): "if the request is authenticated using a user, add that user as team admin".
  if (creator) team.members.set(creator.id, 4);
  state.teams.set(id, team);
  return team;
}

/** `PUT /api/teams/:id`: name and email; a name another team of the org has is 409. */
export function updateTeam(state: GrafanaState, orgId: number, id: number, rawBody: unknown, now: number): void {
  const team = getTeam(state, orgId, id);
  const body = objectBody(rawBody);
  const name = optionalString(body, 'name') ?? optionalString(body, 'Name');
  const email = optionalString(body, 'email') ?? optionalString(body, 'Email');
  if (name === undefined || name.trim() === '') throw badRequestData();
  assertNameFree(state, orgId, name, id);
  team.name = name;
  if (email !== undefined) team.email = email;
  team.updated = now;
}

export function deleteTeam(state: GrafanaState, orgId: number, id: number): void {
  getTeam(state, orgId, id);
  removeTeamFromAcls(state, orgId, id);
  state.teams.delete(id);
}

/**
 * `POST /api/teams/:id/members` `{userId}`: any existing user, also one who is not a member of
 * the team's org. Grafana's addTeamMember → `validateUser` looks the user up with
 * GetSignedInUser, whose `LEFT OUTER JOIN org_user` finds users outside the org too; the member
 * is then listed and counted like any other.
 *
 * What is missing fails late and as a 500: addTeamMember (pkg/api/team_members.go, teamapi)
 * hands the user and team to the team permission service's SetUserPermission, whose
 * `validateResource`/`validateUser` errors it wraps with `%w` and answers "Failed to add Member
 * to Team". Only a missing team is caught earlier from 12.0 on: teamapi's `validateTeam`
 * (added with provisioned teams, grafana#103454, April 2025) looks the team up first and
 * answers 404 "Team not found". The simulator's '12' is a 12.2 release, so it has that check.
 */
export function addTeamMember(state: GrafanaState, orgId: number, id: number, rawBody: unknown, version: GrafanaVersion): void {
  const team = state.teams.get(id);
  const userId = optionalInt(objectBody(rawBody), 'userId');
  if (userId === undefined) throw badRequestData();
  if (!team || team.orgId !== orgId) throw atLeast(version, '12') ? teamNotFound() : failedToAddMember();
  if (team.members.has(userId)) throw badRequest('User is already added to this team');
  if (!state.users.has(userId)) throw failedToAddMember();
  team.members.set(userId, 0);
}

const failedToAddMember = (): ApiError => new ApiError(500, 'Failed to add Member to Team');

/**
 * `PUT /api/teams/:id/members/:userId` `{permission}`: 0 member or 4 admin. updateTeamMember
 * asks IsTeamMember first, so an unknown user or a missing team is "Team member not found." -
 * except that from 12.0 on `validateTeam` answers a missing team 404 "Team not found" before.
 */
export function updateTeamMember(state: GrafanaState, orgId: number, id: number, userId: number, rawBody: unknown, version: GrafanaVersion): void {
  const team = state.teams.get(id);
  const permission = optionalInt(objectBody(rawBody), 'permission') ?? 0;
  if (permission !== 0 && permission !== 4) throw badRequest('Invalid permission');
  if ((!team || team.orgId !== orgId) && atLeast(version, '12')) throw teamNotFound();
  // Grafana's UpdateTeamMember says it with a full stop; RemoveTeamMember without.
  if (!team || team.orgId !== orgId || !team.members.has(userId)) throw notFound('Team member not found.');
  team.members.set(userId, permission);
}

/**
 * `DELETE /api/teams/:id/members/:userId`: removeTeamMember calls SetUserPermission with no
 * permission, which checks the team (404 "Team not found", mapped) and then the user
 * (`validateUser`: an unknown user is not mapped, 500 "Failed to remove Member from Team");
 * an existing user who is no member is `ErrTeamMemberNotFound`, 404 "Team member not found".
 */
export function removeTeamMember(state: GrafanaState, orgId: number, id: number, userId: number): void {
  const team = getTeam(state, orgId, id);
  if (!state.users.has(userId)) throw new ApiError(500, 'Failed to remove Member from Team');
  if (!team.members.has(userId)) throw notFound('Team member not found');
  team.members.delete(userId);
}

/**
 * Grafana's `isTeamNameTaken` (pkg/services/team/teamimpl/store.go) asks `org_id = ? AND name = ?`:
 * exact on SQLite (the default) and Postgres, so `sre` and `SRE` can both exist (MySQL's
 * collation would fold case; the simulator follows the default database).
 */
function assertNameFree(state: GrafanaState, orgId: number, name: string, exceptId: number | undefined): void {
  for (const team of state.teams.values()) {
    if (team.orgId === orgId && team.id !== exceptId && team.name === name) throw conflict('Team name taken');
  }
}
