import { liveTeamKey, teamAddress } from './addresses.js';
import { ADDED_FROM_DASHBOARD } from './live-state.js';
import { change, type ChartioChange, type PlanContext } from './plan-context.js';

/**
 * Matches the file's teams to live teams (by name, then by a `previously:` name, which
 * becomes a rename), creates the rest, and under `manage.teams: all` deletes live teams
 * the file does not name. Owners and "Added from Dashboard" are never deleted or renamed
 * (the API answers 405).
 */
export function planTeams(ctx: PlanContext): ChartioChange[] {
  const changes: ChartioChange[] = [];
  const names = Object.keys(ctx.desired.teams ?? {});
  const claimed = new Set<number>();

  for (const name of names) {
    const live = ctx.liveTeamsByName.get(name);
    if (live) {
      ctx.teams.set(name, { name, live });
      claimed.add(live.id);
    }
  }

  for (const name of names) {
    if (ctx.teams.has(name)) continue;
    const previous = (ctx.desired.teams?.[name]?.previously ?? [])
      .map((old) => ctx.liveTeamsByName.get(old))
      .find((live) => live !== undefined && !claimed.has(live.id) && !live.isOwner && live.name !== ADDED_FROM_DASHBOARD);
    if (previous) {
      claimed.add(previous.id);
      ctx.teams.set(name, { name, live: previous });
      changes.push(
        change({
          address: teamAddress(name),
          action: 'rename',
          kind: 'team',
          phase: 'create-containers',
          summary: `rename team "${previous.name}" to "${name}"`,
          before: { name: previous.name },
          after: { name },
          touches: [liveTeamKey(previous.id)],
          operation: { op: 'renameTeam', teamId: previous.id, name },
        }),
      );
      continue;
    }
    const create = change({
      address: teamAddress(name),
      action: 'create',
      kind: 'team',
      phase: 'create-containers',
      summary: `create team "${name}"`,
      after: { name },
      operation: { op: 'createTeam', name },
    });
    ctx.teams.set(name, { name, createdBy: create.id });
    changes.push(create);
  }

  if (ctx.manage.teams === 'all') {
    for (const live of ctx.live.teams) {
      if (claimed.has(live.id) || live.isOwner || live.name === ADDED_FROM_DASHBOARD) continue;
      ctx.deletedTeams.add(live.id);
      changes.push(
        change({
          address: teamAddress(live.name),
          action: 'delete',
          kind: 'team',
          phase: 'delete-containers',
          summary: `delete team "${live.name}" (${live.members.length} members)`,
          before: { name: live.name, members: live.members.map((m) => m.email) },
          principal: live.name,
          reducesAccess: true,
          touches: [liveTeamKey(live.id)],
          operation: { op: 'deleteTeam', teamId: live.id },
        }),
      );
    }
  }
  return changes;
}
