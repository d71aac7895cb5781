import { countLabel } from '../../config/count-label.js';
import { matchByName } from '../../core/match-by-name.js';
import { blockedAtPath } from '../../core/plan-problem.js';
import { liveTeamKey, teamAddress, teamMemberAddress } from './addresses.js';
import type { LiveTeam } from './live-state.js';
import { change, tokenRemovalDeletes, type GrafanaChange, type GrafanaPlanContext } from './plan-context.js';
import { ownValue } from '../../core/name-record.js';

/**
 * Teams of each listed org: matched by name, then by `previously:` (PUT /api/teams/:id),
 * created otherwise (POST /api/teams in the org); under `manage.teams: all`, the org's other
 * teams are deleted. A member the plan also adds to the org waits for that org-user add; a member
 * outside the org is added too, as Grafana allows (see `warnIfOutsideOrg`).
 */
export function planTeams(ctx: GrafanaPlanContext): GrafanaChange[] {
  const changes: GrafanaChange[] = [];
  for (const [orgName, orgSpec] of Object.entries(ctx.desired.orgs ?? {})) {
    const org = ctx.orgs.get(orgName)!;
    const liveTeams = org.live?.teams ?? [];
    const specs = Object.entries(orgSpec.teams ?? {});
    // Team names match exactly, as Grafana's `isTeamNameTaken` compares them (`name = ?`, exact on
    // SQLite and Postgres): `sre` in the file is not the live `SRE`, which may exist beside it.
    const { matched, unmatched, unclaimed } = matchByName(orgSpec.teams ?? {}, liveTeams);
    const resolved = new Map<string, LiveTeam | undefined>();
    for (const [name, { live, renamedFrom }] of matched) {
      resolved.set(name, live);
      if (renamedFrom === undefined) continue;
      changes.push(
        change({
          address: teamAddress(orgName, name),
          action: 'rename',
          kind: 'team',
          phase: 'create-containers',
          summary: `rename team "${renamedFrom}" to "${name}" in org "${orgName}"`,
          before: { name: renamedFrom },
          after: { name },
          touches: [liveTeamKey(org.live!.id, live.id)],
          alsoChanges: [teamAddress(orgName, renamedFrom)],
          operation: { op: 'updateTeam', orgId: org.live!.id, teamId: live.id, name, email: ownValue(orgSpec.teams, name)?.email ?? live.email },
        }),
      );
    }
    for (const name of unmatched) {
      resolved.set(name, undefined);
      const create = change({
        address: teamAddress(orgName, name),
        action: 'create',
        kind: 'team',
        phase: 'create-containers',
        summary: `create team "${name}" in org "${orgName}"`,
        after: { name },
        dependsOn: ctx.orgDependencies(orgName),
        operation: {
          op: 'createTeam',
          org: ctx.orgRef(orgName),
          name,
          email: ownValue(orgSpec.teams, name)?.email ?? '',
          ...(ctx.live.actingUser ? { creatorId: ctx.live.actingUser.id } : {}),
        },
      });
      ctx.recordTeamCreation(orgName, name, create.id);
      changes.push(create);
    }

    for (const [name, spec] of specs) {
      const live = resolved.get(name);
      if (live && spec.email !== undefined && spec.email !== live.email && live.name === name) {
        changes.push(
          change({
            address: teamAddress(orgName, name),
            action: 'update',
            kind: 'team',
            phase: 'create-containers',
            summary: `set the email of team "${name}" in org "${orgName}" to ${spec.email || '(none)'}`,
            before: { email: live.email },
            after: { email: spec.email },
            touches: [liveTeamKey(org.live!.id, live.id)],
            operation: { op: 'updateTeam', orgId: org.live!.id, teamId: live.id, name, email: spec.email },
          }),
        );
      }
      if (spec.members !== undefined) changes.push(...planMembers(ctx, orgName, name, live, spec.members));
    }

    if (ctx.manage.teams === 'all' && org.live) {
      for (const team of unclaimed) {
        const alsoChanges = ctx.alsoRemoved(org.live, { team });
        changes.push(
          change({
            address: teamAddress(orgName, team.name),
            action: 'delete',
            kind: 'team',
            phase: 'delete-containers',
            summary: `delete team "${team.name}" (${countLabel(team.members.length, 'member')}) in org "${orgName}"`,
            before: { name: team.name, members: team.members.map((m) => m.login) },
            principal: team.name,
            reducesAccess: true,
            touches: [liveTeamKey(org.live.id, team.id)],
            ...(alsoChanges.length ? { alsoChanges } : {}),
            operation: { op: 'deleteTeam', orgId: org.live.id, teamId: team.id },
          }),
        );
      }
    }
  }
  return changes;
}

function planMembers(ctx: GrafanaPlanContext, orgName: string, teamName: string, live: LiveTeam | undefined, members: string[]): GrafanaChange[] {
  const changes: GrafanaChange[] = [];
  const org = ctx.orgs.get(orgName)!;
  const touches = live && org.live ? [liveTeamKey(org.live.id, live.id)] : [];
  const have = new Map((live?.members ?? []).map((m) => [m.id, m]));
  const want = new Set<number>();
  for (const name of members) {
    const user = ctx.findUser(name);
    if (!user) {
      ctx.problems.push({
        message: ctx.unknownUser(name, `team "${teamName}", org "${orgName}"`),
        path: ['orgs', orgName, 'teams', teamName, 'members', members.indexOf(name)],
      });
      continue;
    }
    want.add(user.id);
    const path = ['orgs', orgName, 'teams', teamName, 'members', members.indexOf(name)];
    ctx.warnIfOutsideOrg(orgName, user.id, name, `a member of team "${teamName}"`, path);
    // Leaving the org takes the user out of its teams (RemoveOrgUser), so a member the file
    // keeps while the plan removes them from the org is added back after the removal.
    const removal = ctx.orgUserRemovalDependencies(orgName, user.id);
    if (have.has(user.id) && removal.length === 0) continue;
    changes.push(
      change({
        address: teamMemberAddress(orgName, teamName, name),
        action: 'create',
        kind: 'member',
        phase: 'add-members',
        summary: `add ${name} to team "${teamName}" in org "${orgName}"${have.has(user.id) ? ' again, after leaving the org removes them from it' : ''}`,
        after: { user: name },
        dependsOn: [...ctx.teamDependencies(orgName, teamName), ...ctx.orgUserDependencies(orgName, user.id), ...removal],
        touches,
        ...(removal.length && ctx.live.access === 'org-token' ? blockedAtPath(tokenRemovalDeletes(name, orgName), path) : {}),
        operation: { op: 'addTeamMember', team: ctx.teamRef(orgName, live, teamName), userId: user.id },
      }),
    );
  }
  if (ctx.manage.members === 'authoritative' && live && org.live) {
    for (const [id, member] of have) {
      // Leaving the org takes the user out of its teams; a separate removal would fail.
      if (want.has(id) || ctx.isRemovedFromOrg(orgName, id)) continue;
      changes.push(
        change({
          address: teamMemberAddress(orgName, teamName, member.login),
          action: 'delete',
          kind: 'member',
          phase: 'remove-members',
          summary: `remove ${member.login} from team "${teamName}" in org "${orgName}"`,
          before: { user: member.login },
          principal: member.login,
          reducesAccess: true,
          touches,
          operation: { op: 'removeTeamMember', orgId: org.live.id, teamId: live.id, userId: id },
        }),
      );
    }
  }
  return changes;
}

