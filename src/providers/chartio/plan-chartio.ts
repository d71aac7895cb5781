import { orderChanges } from '../../core/order-changes.js';
import { userKey } from '../../core/principal-name.js';
import type { ChartioDocument } from './desired-state.js';
import type { ChartioLive } from './live-state.js';
import { PlanContext, type ChartioChange } from './plan-context.js';
import { planMembers } from './plan-members.js';
import { planPermissions } from './plan-permissions.js';
import { planTeams } from './plan-teams.js';

export interface ChartioPlan {
  /** In dependency order. */
  changes: ChartioChange[];
  /** What keeps the file from being applied as written (a dashboard that does not exist). */
  problems: string[];
  /** Live objects per kind, for `safety.max_deletions`. */
  liveCounts: Record<string, number>;
}

/**
 * The difference between the file and the live org, as changes the Chartio API accepts
 * in dependency order. Pure: same inputs, same plan.
 */
export function planChartio(desired: ChartioDocument, live: ChartioLive): ChartioPlan {
  const ctx = new PlanContext(desired, live);
  // Order matters: members refer to the teams' creations, permissions to the users' creations and deletions.
  const teams = planTeams(ctx);
  const members = planMembers(ctx);
  const permissions = planPermissions(ctx);
  linkTeamDeletions(ctx, teams);
  return {
    changes: orderChanges([...teams, ...members, ...permissions]),
    problems: ctx.problems,
    liveCounts: countLive(live),
  };
}

/**
 * Chartio refuses to delete a team that is the only team of one of its members (400), so a
 * team is deleted after its members have joined other teams or have been deleted; when a
 * member can go nowhere (manage.users: keep), the deletion is blocked.
 */
function linkTeamDeletions(ctx: PlanContext, teamChanges: ChartioChange[]): void {
  for (const deletion of teamChanges) {
    if (deletion.operation.op !== 'deleteTeam') continue;
    const team = ctx.liveTeamsById.get(deletion.operation.teamId);
    for (const member of team?.members ?? []) {
      const key = userKey(member.email);
      deletion.dependsOn.push(...(ctx.joins.get(key) ?? []));
      const userDeletion = ctx.userDeletions.get(key);
      if (!userDeletion) continue;
      if (userDeletion.blocked) {
        deletion.blocked ??= `${member.email} would be left on no team; add them to another team, or set manage.users: prune`;
      } else {
        deletion.dependsOn.push(userDeletion.id);
      }
    }
  }
}

function countLive(live: ChartioLive): Record<string, number> {
  const permissions = [...live.dashboards, ...live.datasources].reduce((sum, o) => sum + (o.permissions?.length ?? 0), 0);
  return {
    team: live.teams.length,
    member: live.teams.reduce((sum, team) => sum + team.members.length, 0),
    user: live.users.length,
    permission: permissions,
    datasource: live.datasources.length,
  };
}
