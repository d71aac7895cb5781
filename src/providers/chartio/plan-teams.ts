import { countLabel } from '../../config/count-label.js';
import { matchByName } from '../../core/match-by-name.js';
import { liveTeamKey, teamAddress } from './addresses.js';
import { isFixedTeam } from './live-state.js';
import { change, type ChartioChange, type PlanContext } from './plan-context.js';

/**
 * Matches the file's teams to live teams (by name, then by a `previously:` name, which
 * becomes a rename), creates the rest, and under `manage.teams: all` deletes live teams
 * the file does not name.
 */
export function planTeams(ctx: PlanContext): ChartioChange[] {
  const changes: ChartioChange[] = [];
  const { matched, unmatched, unclaimed } = matchByName(ctx.desired.teams ?? {}, ctx.live.teams, { renamable: (team) => !isFixedTeam(team) });

  for (const [name, { live, renamedFrom }] of matched) {
    ctx.teams.set(name, { name, live });
    if (renamedFrom === undefined) continue;
    changes.push(
      change({
        address: teamAddress(name),
        action: 'rename',
        kind: 'team',
        phase: 'create-containers',
        summary: `rename team "${renamedFrom}" to "${name}"`,
        before: { name: renamedFrom },
        after: { name },
        touches: [liveTeamKey(live.id)],
        // The live team of the old name is what changes: an ignore on it keeps the rename from running.
        alsoChanges: [teamAddress(renamedFrom)],
        operation: { op: 'renameTeam', teamId: live.id, name },
      }),
    );
  }

  for (const name of unmatched) {
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
    for (const live of unclaimed) {
      if (isFixedTeam(live)) continue;
      const alsoChanges = ctx.alsoRemoved({ type: 'team', id: live.id });
      // A deletion `ignore:` leaves alone does not happen: its members stay on it, its grants stay.
      if (!ctx.leftAlone(teamAddress(live.name), alsoChanges)) ctx.deletedTeams.add(live.id);
      changes.push(
        change({
          address: teamAddress(live.name),
          action: 'delete',
          kind: 'team',
          phase: 'delete-containers',
          summary: `delete team "${live.name}" (${countLabel(live.members.length, 'member')})`,
          before: { name: live.name, members: live.members.map((m) => m.email) },
          principal: live.name,
          reducesAccess: true,
          touches: [liveTeamKey(live.id)],
          ...(alsoChanges.length ? { alsoChanges } : {}),
          operation: { op: 'deleteTeam', teamId: live.id },
        }),
      );
    }
  }
  return changes;
}
