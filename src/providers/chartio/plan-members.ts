import { userKey } from '../../core/principal-name.js';
import { liveTeamKey, liveUserKey, memberAddress, userAddress } from './addresses.js';
import type { LiveTeam, LiveUser } from './live-state.js';
import { change, type ChartioChange, type PlanContext } from './plan-context.js';

interface Membership {
  team: string;
  email: string;
}

/**
 * Team membership, the part of Chartio with the most rules (seed, "Team members" and
 * "Users"): a user is created into exactly one existing team (POST /users); further teams
 * are added with PATCH /teams/{id}/users; a user can never be on no team (400), so a
 * move adds to the new team before it removes from the old one; leaving a user on no team
 * means deleting the user, which only `manage.users: prune` allows.
 */
export function planMembers(ctx: PlanContext): ChartioChange[] {
  const changes: ChartioChange[] = [];
  const adds = new Map<string, Membership[]>(); // email key -> teams to join
  const removals = new Map<string, { team: LiveTeam; email: string; userId: number }[]>();

  for (const [name, spec] of Object.entries(ctx.desired.teams ?? {})) {
    if (spec.members === undefined) continue; // membership of this team is not managed
    const live = ctx.resolvedLiveTeam(name);
    const have = new Map((live?.members ?? []).map((member) => [userKey(member.email), member]));
    const want = new Map(spec.members.map((email) => [userKey(email), email]));
    for (const [key, email] of want) {
      if (!have.has(key)) push(adds, key, { team: name, email });
    }
    if (ctx.manage.members === 'authoritative' && live) {
      for (const [key, member] of have) {
        if (!want.has(key)) push(removals, key, { team: live, email: member.email, userId: member.id });
      }
    }
  }

  // Joins: a user who does not exist yet is created into the first team it joins.
  const joinIds = ctx.joins;
  for (const [key, joins] of adds) {
    const liveUser = ctx.liveUsersByEmail.get(key);
    let createdBy: string | undefined;
    for (const join of joins) {
      const address = memberAddress(join.team, join.email);
      const teamDeps = ctx.teamDependencies(join.team);
      if (!liveUser && createdBy === undefined) {
        const create = change({
          address: userAddress(join.email),
          action: 'create',
          kind: 'user',
          phase: 'create-users',
          summary: `create user ${join.email} in team "${join.team}"`,
          after: { email: join.email, team: join.team },
          dependsOn: teamDeps,
          operation: { op: 'createUser', email: join.email, team: ctx.teamRef(join.team) },
        });
        createdBy = create.id;
        ctx.createdUsers.set(key, create.id);
        changes.push(create);
        push(joinIds, key, create.id);
        continue;
      }
      const add = change({
        address,
        action: 'create',
        kind: 'member',
        phase: 'add-members',
        summary: `add ${join.email} to team "${join.team}"`,
        after: { team: join.team, email: join.email },
        dependsOn: [...teamDeps, ...(createdBy ? [createdBy] : [])],
        touches: liveUser ? [liveUserKey(liveUser.id)] : [],
        operation: {
          op: 'addMember',
          team: ctx.teamRef(join.team),
          user: liveUser ? { id: liveUser.id } : { email: join.email },
        },
      });
      changes.push(add);
      push(joinIds, key, add.id);
    }
  }

  // Which live users end on no team: their live teams, less removals and deleted teams, plus joins.
  const teamless = new Set<string>();
  for (const user of ctx.live.users) {
    const key = userKey(user.email);
    // A removal `ignore:` leaves alone does not happen: the user stays on that team.
    const leaving = new Set((removals.get(key) ?? []).filter((r) => !ctx.leftAlone(memberAddress(r.team.name, r.email))).map((r) => r.team.id));
    const staying = user.teamIds.filter((id) => !leaving.has(id) && !ctx.deletedTeams.has(id));
    if (staying.length === 0 && (adds.get(key) ?? []).length === 0) teamless.add(key);
  }

  const ownersAdds = [...joinIds.entries()]
    .filter(([key]) => (adds.get(key) ?? []).some((join) => ctx.resolvedLiveTeam(join.team)?.isOwner))
    .flatMap(([, ids]) => ids);

  // Deletions first: a user who is deleted (or whose deletion is blocked) gets no separate removals,
  // which would race the deletion or fail on the only-team rule.
  const deletions = planUserDeletions(ctx, teamless, removals, ownersAdds);
  for (const [key, leaving] of removals) {
    if (ctx.userDeletions.has(key)) continue;
    for (const removal of leaving) {
      changes.push(
        change({
          address: memberAddress(removal.team.name, removal.email),
          action: 'delete',
          kind: 'member',
          phase: 'remove-members',
          summary: `remove ${removal.email} from team "${removal.team.name}"`,
          before: { team: removal.team.name, email: removal.email },
          principal: removal.email,
          reducesAccess: true,
          // Join the new teams first, so the user is never on no team; new Owners join before old ones leave.
          dependsOn: [...(joinIds.get(key) ?? []), ...(removal.team.isOwner ? ownersAdds : [])],
          touches: [liveTeamKey(removal.team.id), liveUserKey(removal.userId)],
          operation: { op: 'removeMember', teamId: removal.team.id, userId: removal.userId },
        }),
      );
    }
  }

  changes.push(...deletions);
  return changes;
}

/** Users left on no team (by removals or team deletions) and, under prune, users named nowhere. */
function planUserDeletions(
  ctx: PlanContext,
  teamless: Set<string>,
  removals: Map<string, { team: LiveTeam; email: string }[]>,
  ownersAdds: string[],
): ChartioChange[] {
  const changes: ChartioChange[] = [];
  const prune = ctx.manage.users === 'prune';
  const named = namedUsers(ctx);
  const granted = grantedUsers(ctx);
  const toDelete = new Map<string, { user: LiveUser; reason: string }>();

  for (const user of ctx.live.users) {
    const key = userKey(user.email);
    if (teamless.has(key)) toDelete.set(key, { user, reason: 'would be on no team' });
    // A user holding a membership or grant that `ignore:` keeps is not pruned: that would remove it.
    else if (prune && !named.has(key) && !ctx.leftAlone(userAddress(user.email), ctx.alsoRemoved({ type: 'user', id: user.id }))) {
      toDelete.set(key, { user, reason: 'is named nowhere in the file' });
    }
  }

  const owners = ctx.live.teams.find((team) => team.isOwner);
  const ownersLeft = owners ? owners.members.filter((m) => !toDelete.has(userKey(m.email))).length + ownersAdds.length : 1;

  for (const [key, { user, reason }] of toDelete) {
    const isOwner = owners?.members.some((m) => userKey(m.email) === key) ?? false;
    // Never delete a user the file grants something: the grant would then fail (400) after the
    // deletion, a plan at odds with itself (issue 12). Such a user must stay on a team instead.
    const blocked = !prune
      ? `${user.email} ${reason}, and Chartio requires every user to be on a team: add them to another team, or set manage.users: prune to delete them`
      : granted.has(key)
        ? `${user.email} ${reason}, but the file grants them access, so they are not deleted: add them to a team (Chartio requires every user to be on one)`
        : isOwner && ownersLeft === 0
        ? `${user.email} is the last member of the Owners team, which must keep one (Chartio answers 400)`
        : undefined;
    const leaving = (removals.get(key) ?? []).map((r) => `"${r.team.name}"`);
    const alsoChanges = ctx.alsoRemoved({ type: 'user', id: user.id });
    const deletion = change({
        address: userAddress(user.email),
        action: 'delete',
        kind: 'user',
        phase: 'delete-users',
        summary: `delete user ${user.email} (${reason}${leaving.length ? `; leaves ${leaving.join(', ')}` : ''})`,
        before: { email: user.email, teams: user.teamIds.map((id) => ctx.liveTeamsById.get(id)?.name ?? id) },
        principal: user.email,
        reducesAccess: true,
        dependsOn: isOwner ? ownersAdds : [],
        touches: [liveUserKey(user.id)],
        ...(alsoChanges.length ? { alsoChanges } : {}),
        ...(blocked ? { blocked } : {}),
        operation: { op: 'deleteUser', userId: user.id },
      });
    changes.push(deletion);
    ctx.userDeletions.set(key, deletion);
    // A deletion `ignore:` leaves alone does not happen: the user keeps their grants, so revokes are planned.
    if (!blocked && !ctx.leftAlone(deletion.address, alsoChanges)) ctx.deletedUsers.add(key);
  }
  return changes;
}

/** Every user the file mentions: team members and permission holders. */
function namedUsers(ctx: PlanContext): Set<string> {
  const named = new Set<string>();
  for (const team of Object.values(ctx.desired.teams ?? {})) for (const email of team.members ?? []) named.add(userKey(email));
  for (const objects of [ctx.desired.dashboards ?? {}, ctx.desired.datasources ?? {}]) {
    for (const spec of Object.values(objects)) {
      for (const email of Object.keys(spec.permissions?.users ?? {})) named.add(userKey(email));
    }
  }
  return named;
}

/** Users the file grants a dashboard or datasource permission to. */
function grantedUsers(ctx: PlanContext): Set<string> {
  const granted = new Set<string>();
  for (const objects of [ctx.desired.dashboards ?? {}, ctx.desired.datasources ?? {}]) {
    for (const spec of Object.values(objects)) for (const email of Object.keys(spec.permissions?.users ?? {})) granted.add(userKey(email));
  }
  return granted;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
