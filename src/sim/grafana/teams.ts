import { objectBody, optionalInt, optionalString } from './body.js';
import { badRequest, badRequestData, conflict, notFound, teamNotFound, userNotFound } from './errors.js';
import { removeTeamFromAcls } from './org-cleanup.js';
import { nextId, sameText, type GrafanaState, type Team, type TeamPermission, type User } from './state.js';

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
 */
export function addTeamMember(state: GrafanaState, orgId: number, id: number, rawBody: unknown): void {
  const team = getTeam(state, orgId, id);
  const userId = optionalInt(objectBody(rawBody), 'userId');
  if (userId === undefined) throw badRequestData();
  if (!state.users.has(userId)) throw userNotFound();
  if (team.members.has(userId)) throw badRequest('User is already added to this team');
  team.members.set(userId, 0);
}

/** `PUT /api/teams/:id/members/:userId` `{permission}`: 0 member or 4 admin. */
export function updateTeamMember(state: GrafanaState, orgId: number, id: number, userId: number, rawBody: unknown): void {
  const team = getTeam(state, orgId, id);
  const permission = optionalInt(objectBody(rawBody), 'permission') ?? 0;
  if (permission !== 0 && permission !== 4) throw badRequest('Invalid permission');
  // Grafana's UpdateTeamMember says it with a full stop; RemoveTeamMember without.
  if (!team.members.has(userId)) throw notFound('Team member not found.');
  team.members.set(userId, permission);
}

export function removeTeamMember(state: GrafanaState, orgId: number, id: number, userId: number): void {
  const team = getTeam(state, orgId, id);
  if (!team.members.has(userId)) throw notFound('Team member not found');
  team.members.delete(userId);
}

/**
 * `PUT /api/teams/:id/members` `{members: [...], admins: [...]}` (Grafana 11's
 * SetTeamMemberships): the complete membership, users named by login or email. Unknown users
 * are 404 and nothing changes; someone in both lists is an admin.
 */
export function setTeamMemberships(state: GrafanaState, orgId: number, id: number, rawBody: unknown): void {
  const team = getTeam(state, orgId, id);
  const body = objectBody(rawBody);
  const wanted = new Map<number, TeamPermission>();
  for (const [key, permission] of [['members', 0], ['admins', 4]] as const) {
    const names = body[key] ?? [];
    if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) throw badRequestData();
    for (const name of names as string[]) {
      const user = [...state.users.values()].find((u) => sameText(u.login, name) || sameText(u.email, name));
      if (!user) throw userNotFound();
      assertOrgMember(state, orgId, user.id);
      if (permission === 4 || !wanted.has(user.id)) wanted.set(user.id, permission);
    }
  }
  team.members = wanted;
}

function assertOrgMember(state: GrafanaState, orgId: number, userId: number): void {
  if (!state.users.has(userId) || !state.orgs.get(orgId)?.members.has(userId)) throw userNotFound();
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
