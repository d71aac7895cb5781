import { livePermissionsKey, permissionsAddress } from './addresses.js';
import type { FolderPermission, GrafanaPermissionSpec } from './desired-state.js';
import { PERMISSION_RANK, type LivePermissionItem, type LivePermissionTarget } from './live-state.js';
import type { PermissionItemSpec } from './operation.js';
import { change, tokenRemovalDeletes, type GrafanaChange, type GrafanaPlanContext } from './plan-context.js';
import { didYouMean, nearestNames } from '../../core/closest-names.js';
import { ownValue } from '../../core/name-record.js';
import type { PlanProblem } from '../../core/plan-problem.js';

interface Entry {
  key: string;
  label: string;
  permission: FolderPermission;
}

/**
 * Folder and dashboard permissions. Grafana's POST replaces the whole list, so the plan
 * compares whole lists and, when they differ, sends the complete desired list in one change
 * (listing what it adds, changes and removes).
 */
export function planPermissions(ctx: GrafanaPlanContext): GrafanaChange[] {
  const changes: GrafanaChange[] = [];
  for (const [orgName, orgSpec] of Object.entries(ctx.desired.orgs ?? {})) {
    for (const kind of ['folders', 'dashboards'] as const) {
      for (const [uid, spec] of Object.entries(orgSpec[kind] ?? {})) {
        if (!spec.permissions) continue;
        const planned = planTarget(ctx, orgName, kind, uid, spec.permissions);
        if (planned) changes.push(planned);
      }
    }
  }
  return changes;
}

function planTarget(
  ctx: GrafanaPlanContext,
  orgName: string,
  kind: 'folders' | 'dashboards',
  uid: string,
  spec: GrafanaPermissionSpec,
): GrafanaChange | undefined {
  const singular = kind === 'folders' ? 'folder' : 'dashboard';
  const org = ctx.orgs.get(orgName)!;
  const live = org.live?.[kind]?.find((target) => target.uid === uid);
  if (!org.live || !live) {
    const hint = nearestNames(uid, (org.live?.[kind] ?? []).map((target) => target.uid));
    ctx.problems.push({
      message: `${singular} "${uid}" does not exist in org "${orgName}" (accessctl manages permissions, not ${kind})${didYouMean(hint)}`,
      path: ['orgs', orgName, kind, uid],
      at: 'key',
    });
    return undefined;
  }
  const have = liveEntries(ctx, live);
  const want = new Map<string, Entry>();
  const items: PermissionItemSpec[] = [];
  const dependsOn: string[] = [];
  const blocked: PlanProblem[] = [];
  const base = ['orgs', orgName, kind, uid, 'permissions'];
  const orgTeams = ownValue(ctx.desired.orgs, orgName)?.teams ?? {};

  for (const [team, permission] of Object.entries(spec.teams ?? {})) {
    want.set(`team:${team}`, { key: `team:${team}`, label: `team "${team}"`, permission });
    const liveTeam = org.live.teams?.find((t) => t.name === team);
    if (!liveTeam && !Object.hasOwn(orgTeams, team)) {
      const hint = nearestNames(team, new Set([...(org.live.teams ?? []).map((t) => t.name), ...Object.keys(orgTeams)]));
      blocked.push({ message: `team "${team}" does not exist in org "${orgName}"${didYouMean(hint)}`, path: [...base, 'teams', team], at: 'key' });
    }
    dependsOn.push(...(liveTeam ? [] : ctx.teamDependencies(orgName, team)));
    items.push({ principal: { team: ctx.teamRef(orgName, liveTeam, team) }, permission });
  }
  for (const [name, permission] of Object.entries(spec.users ?? {})) {
    const user = ctx.findUser(name);
    if (!user) {
      ctx.problems.push({
        message: ctx.unknownUser(name, `${singular} "${uid}", org "${orgName}"`),
        path: ['orgs', orgName, kind, uid, 'permissions', 'users', name],
        at: 'key',
      });
      continue;
    }
    want.set(`user:${user.id}`, { key: `user:${user.id}`, label: `user ${name}`, permission });
    ctx.warnIfOutsideOrg(orgName, user.id, name, `granted ${permission} on ${singular} "${uid}"`, ['orgs', orgName, kind, uid, 'permissions', 'users', name]);
    // Leaving the org deletes the user's grants in it (RemoveOrgUser): one the file keeps is
    // written again after the removal, so it is not there to compare with.
    const removal = ctx.orgUserRemovalDependencies(orgName, user.id);
    if (removal.length) {
      have.delete(`user:${user.id}`);
      if (ctx.live.access === 'org-token') blocked.push({ message: tokenRemovalDeletes(name, orgName), path: [...base, 'users', name], at: 'key' });
    }
    dependsOn.push(...ctx.orgUserDependencies(orgName, user.id), ...removal);
    items.push({ principal: { userId: user.id }, permission });
  }
  for (const [role, permission] of Object.entries(spec.roles ?? {}) as ['Viewer' | 'Editor', FolderPermission][]) {
    want.set(`role:${role}`, { key: `role:${role}`, label: `role ${role}`, permission });
    items.push({ principal: { role }, permission });
  }

  const added = [...want.values()].filter((e) => !have.has(e.key));
  const removed = [...have.values()].filter((e) => !want.has(e.key));
  const changed = [...want.values()].filter((e) => have.has(e.key) && have.get(e.key)!.permission !== e.permission);
  if (added.length + removed.length + changed.length === 0) return undefined;

  const lowered = changed.some((e) => PERMISSION_RANK[e.permission] < PERMISSION_RANK[have.get(e.key)!.permission]);
  const parts = [
    ...added.map((e) => `+ ${e.label} ${e.permission}`),
    ...changed.map((e) => `~ ${e.label} ${have.get(e.key)!.permission} -> ${e.permission}`),
    ...removed.map((e) => `- ${e.label} ${e.permission}`),
  ];
  return change({
    address: permissionsAddress(orgName, singular, uid),
    action: 'update',
    kind: 'permission',
    phase: removed.length || lowered ? 'revoke' : 'grant',
    summary: `set permissions of ${singular} "${live.title || uid}" in org "${orgName}": ${parts.join(', ')}`,
    before: [...have.values()].map(({ label, permission }) => ({ principal: label, permission })),
    after: [...want.values()].map(({ label, permission }) => ({ principal: label, permission })),
    reducesAccess: removed.length > 0 || lowered,
    dependsOn: [...new Set(dependsOn)],
    touches: [livePermissionsKey(org.live.id, kind, uid)],
    ...(blocked.length ? { blocked: blocked.map((reason) => reason.message).join('; '), blockedAt: blocked } : {}),
    operation: { op: 'setPermissions', org: { id: org.live.id }, kind, uid, items },
  });
}

function liveEntries(ctx: GrafanaPlanContext, target: LivePermissionTarget): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  const add = (item: LivePermissionItem) => {
    const p = item.principal;
    if ('team' in p) entries.set(`team:${p.team}`, { key: `team:${p.team}`, label: `team "${p.team}"`, permission: item.permission });
    else if ('role' in p) entries.set(`role:${p.role}`, { key: `role:${p.role}`, label: `role ${p.role}`, permission: item.permission });
    else {
      const user = ctx.findLogin(p.user);
      const key = user ? `user:${user.id}` : `user:${p.user}`;
      entries.set(key, { key, label: `user ${p.user}`, permission: item.permission });
    }
  };
  target.items.forEach(add);
  return entries;
}
