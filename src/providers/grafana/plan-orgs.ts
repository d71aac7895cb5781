import { matchByName } from '../../core/match-by-name.js';
import { blockedAtPath } from '../../core/plan-problem.js';
import { liveOrgKey, liveOrgUsersKey, orgAddress, orgUserAddress } from './addresses.js';
import type { OrgRole } from './desired-state.js';
import { ROLE_RANK, type LiveOrgUser } from './live-state.js';
import { change, type GrafanaChange, type GrafanaPlanContext } from './plan-context.js';

/**
 * Orgs: matched by name, then by a `previously:` name (a rename, PUT /api/orgs/:id),
 * created otherwise; under `manage.orgs: all`, live orgs the file does not name are deleted.
 */
export function planOrgs(ctx: GrafanaPlanContext): GrafanaChange[] {
  const changes: GrafanaChange[] = [];
  const { matched, unmatched, unclaimed } = matchByName(ctx.desired.orgs ?? {}, ctx.live.orgs);
  for (const [name, { live, renamedFrom }] of matched) {
    ctx.orgs.set(name, { name, live });
    if (renamedFrom === undefined) continue;
    changes.push(
      change({
        address: orgAddress(name),
        action: 'rename',
        kind: 'org',
        phase: 'create-containers',
        summary: `rename org "${renamedFrom}" to "${name}"`,
        before: { name: renamedFrom },
        after: { name },
        touches: [liveOrgKey(live.id)],
        // The live org of the old name is what changes: an ignore on it keeps the rename from running.
        alsoChanges: [orgAddress(renamedFrom)],
        operation: { op: 'renameOrg', orgId: live.id, name },
      }),
    );
  }
  for (const name of unmatched) {
    const create = change({
      address: orgAddress(name),
      action: 'create',
      kind: 'org',
      phase: 'create-containers',
      summary: `create org "${name}"`,
      after: { name },
      operation: { op: 'createOrg', name },
    });
    ctx.orgs.set(name, { name, createdBy: create.id });
    changes.push(create);
  }
  if (ctx.manage.orgs === 'all') {
    // Org 1 is Grafana's main org, where users land by default; it is never deleted (issue 5).
    for (const live of unclaimed.filter((org) => org.id !== MAIN_ORG_ID)) {
      const alsoChanges = ctx.alsoRemoved(live, 'org');
      changes.push(
        change({
          address: orgAddress(live.name),
          action: 'delete',
          kind: 'org',
          phase: 'delete-containers',
          summary: `delete org "${live.name}" with its teams, folders and dashboards`,
          before: { name: live.name },
          principal: live.name,
          reducesAccess: true,
          touches: [liveOrgKey(live.id)],
          ...(alsoChanges.length ? { alsoChanges } : {}),
          operation: { op: 'deleteOrg', orgId: live.id },
        }),
      );
    }
  }
  return changes;
}

/** Grafana's main org (id 1), which is never deleted. */
export const MAIN_ORG_ID = 1;

/** Like peribolos' require-self: accessctl never removes or demotes the user it acts as. */
function lockOut(ctx: GrafanaPlanContext, org: string, what: 'removing' | 'demoting'): string {
  return `accessctl acts as ${ctx.live.actingUser?.login}; ${what} it in org "${org}" would lock accessctl out of managing the org: keep it as Admin in the file`;
}

/**
 * Org users and roles. Users must already exist in Grafana (the org API adds existing users
 * only), so an unknown login is a plan problem. Grafana refuses to remove or demote an org's
 * last Admin, so every Admin demotion or removal waits for the org's Admin promotions.
 */
export function planOrgUsers(ctx: GrafanaPlanContext): GrafanaChange[] {
  const changes: GrafanaChange[] = [];
  for (const [orgName, spec] of Object.entries(ctx.desired.orgs ?? {})) {
    if (spec.users === undefined) continue;
    const resolution = ctx.orgs.get(orgName)!;
    const creator: LiveOrgUser[] = ctx.live.actingUser ? [{ ...ctx.live.actingUser, role: 'Admin' }] : [];
    const liveUsers: LiveOrgUser[] = resolution.live?.users ?? (resolution.live ? [] : creator);
    const have = new Map(liveUsers.map((u) => [u.id, u]));
    const wantIds = new Set<number>();
    const grants: GrafanaChange[] = [];
    const reductions: GrafanaChange[] = [];
    const touches = resolution.live ? [liveOrgUsersKey(resolution.live.id)] : [];

    for (const [name, role] of Object.entries(spec.users)) {
      const user = ctx.findUser(name);
      if (!user) {
        ctx.problems.push({
          message: ctx.unknownUser(name, `org "${orgName}"`, 'org users must be Grafana users first'),
          path: ['orgs', orgName, 'users', name],
          at: 'key',
        });
        continue;
      }
      wantIds.add(user.id);
      const current = have.get(user.id);
      const address = orgUserAddress(orgName, name);
      if (!current) {
        const add = change({
          address,
          action: 'create',
          kind: 'org_user',
          phase: 'add-members',
          summary: `add ${name} to org "${orgName}" as ${role}`,
          after: { role },
          dependsOn: ctx.orgDependencies(orgName),
          touches,
          operation: { op: 'addOrgUser', org: ctx.orgRef(orgName), userId: user.id, login: user.login, role },
        });
        ctx.recordOrgUserAdd(orgName, user.id, add.id);
        grants.push(add);
      } else if (current.role !== role) {
        const lowers = ROLE_RANK[role] < ROLE_RANK[current.role];
        const update = change({
          ...(lowers && user.id === ctx.live.actingUser?.id ? blockedAtPath(lockOut(ctx, orgName, 'demoting'), ['orgs', orgName, 'users', name], 'key') : {}),
          address,
          action: 'update',
          kind: 'org_user',
          phase: lowers ? 'remove-members' : 'add-members',
          summary: `${lowers ? 'demote' : 'promote'} ${name} in org "${orgName}" from ${current.role} to ${role}`,
          before: { role: current.role },
          after: { role },
          principal: name,
          reducesAccess: lowers,
          touches,
          operation: { op: 'setOrgRole', orgId: resolution.live!.id, userId: user.id, role },
        });
        (lowers ? reductions : grants).push(update);
      }
    }

    if (ctx.manage.org_users === 'authoritative' && resolution.live) {
      for (const [id, user] of have) {
        if (wantIds.has(id)) continue;
        const alsoChanges = ctx.alsoRemoved(resolution.live, { user });
        const removal = change({
          ...(id === ctx.live.actingUser?.id ? { blocked: lockOut(ctx, orgName, 'removing') } : {}),
          address: orgUserAddress(orgName, user.login),
          action: 'delete',
          kind: 'org_user',
          phase: 'remove-members',
          // DELETE /api/org/users/:id, the only removal a token may make, also deletes a user who is in no other org.
          summary: `remove ${user.login} (${user.role}) from org "${orgName}"${ctx.live.access === 'org-token' ? ' (Grafana deletes the user if they are in no other org)' : ''}`,
          before: { role: user.role },
          principal: user.login,
          reducesAccess: true,
          touches,
          ...(alsoChanges.length ? { alsoChanges } : {}),
          operation: { op: 'removeOrgUser', orgId: resolution.live.id, userId: id },
        });
        // A removal `ignore:` leaves alone does not happen: the user keeps their teams and grants there.
        if (!ctx.leftAlone(removal.address, alsoChanges)) ctx.recordOrgUserRemoval(orgName, id, removal.id);
        reductions.push(removal);
      }
    }

    // Promote before demote: the org never passes through a state with no Admin.
    const adminGrants = grants.filter((g) => (g.after as { role?: OrgRole }).role === 'Admin').map((g) => g.id);
    for (const reduction of reductions) {
      const before = (reduction.before as { role?: OrgRole }).role;
      if (before === 'Admin') reduction.dependsOn = [...reduction.dependsOn, ...adminGrants];
    }
    changes.push(...grants, ...reductions);
  }
  return changes;
}

