import { objectBody } from './body.js';
import { ApiError, badRequestData } from './errors.js';
import { sameText, type GrafanaState, type Team, type TeamPermission } from './state.js';

/**
 * `PUT /api/teams/:id/members` `{members: [email...], admins: [email...]}`, teamapi's
 * setTeamMemberships (Grafana 11 on; 10.4 has no such route). Worked out the way
 * getTeamMembershipUpdates does it:
 *  - a current member whose email (compared exactly, as a Go map key) is in `admins` stays if
 *    already admin; one in `members` stays if already member; everyone else is removed;
 *  - every email left in `admins`, then in `members`, is looked up with `GetByEmail`
 *    (case-insensitive) and set to that permission - emails only, a login finds nobody;
 *  - the commands are applied in that order (admins, members, removals) in one transaction, a
 *    later one winning, so a new user named in both lists ends up a member.
 * One unknown email is 404 with the user service's own error text, "user not found", and
 * nothing changes. Users outside the team's org are accepted, as for POST (validateUser).
 */
export function setTeamMemberships(state: GrafanaState, team: Team, rawBody: unknown): void {
  const body = objectBody(rawBody);
  const admins = new Set(emailList(body['admins']));
  const members = new Set(emailList(body['members']));
  const removals: number[] = [];
  for (const [userId, permission] of team.members) {
    const email = state.users.get(userId)?.email ?? '';
    if (admins.has(email)) {
      if (permission === 4) admins.delete(email);
      continue;
    }
    if (members.has(email)) {
      if (permission === 0) members.delete(email);
      continue;
    }
    removals.push(userId);
  }
  const commands: Array<[userId: number, permission: TeamPermission | undefined]> = [
    ...[...admins].map((email) => [userIdByEmail(state, email), 4] as [number, TeamPermission]),
    ...[...members].map((email) => [userIdByEmail(state, email), 0] as [number, TeamPermission]),
    ...removals.map((userId) => [userId, undefined] as [number, undefined]),
  ];
  for (const [userId, permission] of commands) {
    if (permission === undefined) team.members.delete(userId);
    else team.members.set(userId, permission);
  }
}

/** Grafana binds `[]string`; anything else is `400 bad request data`. */
function emailList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw badRequestData();
  return value as string[];
}

/** `userService.GetByEmail`: `user.ErrUserNotFound` ("user not found") becomes a 404 with that text. */
function userIdByEmail(state: GrafanaState, email: string): number {
  for (const user of state.users.values()) if (sameText(user.email, email)) return user.id;
  throw new ApiError(404, 'user not found');
}
