import { ambiguousNames } from '../../core/ambiguous-names.js';
import { lookalikeWarnings, namesInDocument } from '../../core/lookalike.js';
import { orderChanges } from '../../core/order-changes.js';
import type { PlanProblem } from '../../core/plan-problem.js';
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
  problems: PlanProblem[];
  /** Look-alike names, for a reviewer's eye. */
  warnings: PlanProblem[];
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
  const changes = [...teams, ...members, ...permissions];
  checkOrgLimits(ctx, changes);
  const named = namesInDocument(desired);
  const ambiguous = [
    ...ambiguousNames({ live: live.users.map((u) => ({ key: userKey(u.email), shown: `${u.email} (id ${u.id})` })), desired: named, keyOf: userKey, what: 'user', target: `Chartio org ${live.org}` }),
    ...ambiguousNames({ live: live.teams.map((t) => ({ key: t.name, shown: `"${t.name}" (id ${t.id})` })), desired: named, keyOf: (name) => name, what: 'team', target: `Chartio org ${live.org}` }),
  ];
  return {
    changes: orderChanges(changes),
    problems: [...ctx.problems, ...ambiguous],
    warnings: lookalikeWarnings({
      desired: named,
      live: [...live.users.map((user) => user.email), ...live.teams.map((team) => team.name)],
      changed: changes.flatMap((change) => (change.principal ? [change.principal] : [])),
      target: `Chartio org ${live.org}`,
    }),
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

/** Seed: "Orgs are limited to 10,000 users" and "to 2,000 teams" (403 beyond). */
export const CHARTIO_ORG_LIMITS = { user: 10_000, team: 2_000 } as const;

function checkOrgLimits(ctx: PlanContext, changes: ChartioChange[]): void {
  for (const [kind, limit] of Object.entries(CHARTIO_ORG_LIMITS)) {
    const live = kind === 'user' ? ctx.live.users.length : ctx.live.teams.length;
    const delta = changes.reduce(
      (n, c) => (c.kind !== kind || c.blocked ? n : c.action === 'create' ? n + 1 : c.action === 'delete' ? n - 1 : n),
      0,
    );
    if (live + delta > limit) {
      ctx.problems.push({
        message: `this plan would leave ${(live + delta).toLocaleString('en-US')} ${kind}s in org ${ctx.live.org}; Chartio orgs hold at most ${limit.toLocaleString('en-US')} (the API answers 403 beyond)`,
      });
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
