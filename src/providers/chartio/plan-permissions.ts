import { closestNames, didYouMean, nearestNames } from '../../core/closest-names.js';
import { blockedAtPath } from '../../core/plan-problem.js';
import { userKey } from '../../core/principal-name.js';
import { aliasAddress, liveDatasourceKey, livePermissionsKey, permissionAddress } from './addresses.js';
import type { PermissionSpec } from './desired-state.js';
import type { LivePermission } from './live-state.js';
import type { PermissionResource } from './operation.js';
import { change, type ChartioChange, type PlanContext } from './plan-context.js';

/** Levels from least to most access; lowering one reduces access (for ordering and `safety.protected`). */
const LEVEL_RANK: Record<string, number> = { viewer: 1, editor: 2, admin: 3 };

interface PermissionTarget {
  resource: PermissionResource;
  kind: 'dashboard' | 'datasource';
  slug: string;
  id: number;
  spec: PermissionSpec<string> | undefined;
  live: LivePermission[];
}

/**
 * Dashboard and datasource permissions. A listed object's `permissions` is its whole list:
 * principals absent from it lose access. Under `manage.dashboards: all` (or datasources),
 * objects the file does not list lose every permission. Objects that do not exist live are
 * reported, not created (accessctl manages access, not content).
 */
export function planPermissions(ctx: PlanContext): ChartioChange[] {
  const targets: PermissionTarget[] = [];
  collectTargets(ctx, 'dashboards', targets);
  collectTargets(ctx, 'datasources', targets);
  return [...targets.flatMap((target) => planTarget(ctx, target)), ...planAliases(ctx)];
}

function collectTargets(ctx: PlanContext, resource: PermissionResource, targets: PermissionTarget[]): void {
  const kind = resource === 'dashboards' ? 'dashboard' : 'datasource';
  const specs = (resource === 'dashboards' ? ctx.desired.dashboards : ctx.desired.datasources) ?? {};
  const liveObjects: readonly { id: number; slug: string; permissions?: LivePermission[] }[] =
    resource === 'dashboards' ? ctx.live.dashboards : ctx.live.datasources;
  const matched = new Set<number>();
  const find = objectFinder(liveObjects);
  for (const [slug, spec] of Object.entries(specs)) {
    const live = find(slug, spec.id);
    if (!live) {
      const hint = spec.id === undefined ? closestNames(slug, liveObjects.map((object) => object.slug)) : [];
      ctx.problems.push({
        message:
          `${kind} "${slug}"${spec.id !== undefined ? ` (id ${spec.id})` : ''} does not exist in org ${ctx.live.org}${didYouMean(hint)}`,
        path: [resource, slug],
        at: 'key',
      });
      continue;
    }
    matched.add(live.id);
    if (spec.permissions === undefined) continue; // listed for its alias only; permissions unmanaged
    targets.push({ resource, kind, slug, id: live.id, spec: spec.permissions, live: live.permissions ?? [] });
  }
  const manageAll = (resource === 'dashboards' ? ctx.manage.dashboards : ctx.manage.datasources) === 'all';
  if (!manageAll) return;
  for (const live of liveObjects) {
    if (matched.has(live.id)) continue;
    targets.push({ resource, kind, slug: live.slug, id: live.id, spec: {}, live: live.permissions ?? [] });
  }
}

function planTarget(ctx: PlanContext, target: PermissionTarget): ChartioChange[] {
  const { resource, kind, slug, id } = target;
  const touches = [livePermissionsKey(resource, id)];
  // Teams are matched by id, so a renamed team (`previously:`) keeps its permissions under its new name.
  const teamKey = (name: string) => {
    const live = ctx.resolvedLiveTeam(name);
    return live ? `team#${live.id}` : `team:${name}`;
  };
  const have = new Map<string, LivePermission>();
  for (const permission of target.live) {
    const p = permission.principal;
    have.set(p.type === 'team' ? `team#${p.id}` : `user:${userKey(p.email)}`, permission);
  }

  const grants: ChartioChange[] = [];
  const reductions: ChartioChange[] = [];
  const wanted = new Set<string>();

  const principals: { type: 'team' | 'user'; name: string; level: string }[] = [
    ...Object.entries(target.spec?.teams ?? {}).map(([name, level]) => ({ type: 'team' as const, name, level })),
    ...Object.entries(target.spec?.users ?? {}).map(([name, level]) => ({ type: 'user' as const, name, level })),
  ];
  for (const { type, name, level } of principals) {
    const key = type === 'team' ? teamKey(name) : `user:${userKey(name)}`;
    wanted.add(key);
    const address = permissionAddress(kind, slug, type, name);
    const current = have.get(key);
    if (!current) {
      const missing =
        type === 'team'
          ? !ctx.teams.has(name) && !ctx.liveTeamsByName.has(name)
          : !ctx.liveUser(name) && !ctx.createdUsers.has(userKey(name));
      grants.push(
        change({
          address,
          action: 'create',
          kind: 'permission',
          phase: 'grant',
          summary: `grant ${level} on ${kind} "${slug}" to ${type} ${type === 'team' ? `"${name}"` : name}`,
          after: { level },
          dependsOn: type === 'team' ? ctx.teamDependencies(name) : ctx.userDependencies(name),
          touches,
          ...(missing ? blockedByMissing(ctx, { resource, slug, type, name }) : {}),
          operation: {
            op: 'grant',
            resource,
            resourceId: id,
            principal: type === 'team' ? { team: ctx.teamRef(name) } : { user: ctx.userRef(name) },
            level,
          },
        }),
      );
    } else if (current.level !== level) {
      const lowers = (LEVEL_RANK[level] ?? 0) < (LEVEL_RANK[current.level] ?? 0);
      const update = change({
        address,
        action: 'update',
        kind: 'permission',
        phase: lowers ? 'revoke' : 'grant',
        summary: `change ${type} ${type === 'team' ? `"${name}"` : name} on ${kind} "${slug}" from ${current.level} to ${level}`,
        before: { level: current.level },
        after: { level },
        principal: name,
        reducesAccess: lowers,
        touches,
        operation: { op: 'setLevel', resource, resourceId: id, permissionId: current.id, level },
      });
      (lowers ? reductions : grants).push(update);
    }
  }

  for (const [key, permission] of have) {
    if (wanted.has(key)) continue;
    const p = permission.principal;
    // Deleting a team or user removes its permissions with it; a separate revoke would 404.
    if (p.type === 'team' && ctx.deletedTeams.has(p.id)) continue;
    if (p.type === 'user' && ctx.deletedUsers.has(userKey(p.email))) continue;
    const name = p.type === 'team' ? p.name : p.email;
    reductions.push(
      change({
        address: permissionAddress(kind, slug, p.type, name),
        action: 'delete',
        kind: 'permission',
        phase: 'revoke',
        summary: `revoke ${permission.level} on ${kind} "${slug}" from ${p.type} ${p.type === 'team' ? `"${name}"` : name}`,
        before: { level: permission.level },
        principal: name,
        reducesAccess: true,
        touches,
        operation: { op: 'revoke', resource, resourceId: id, permissionId: permission.id },
      }),
    );
  }
  // Grant before revoke on the same object, so whoever moves from one grant to another keeps access throughout.
  const grantIds = grants.map((grant) => grant.id);
  for (const reduction of reductions) reduction.dependsOn = [...reduction.dependsOn, ...grantIds];
  return [...grants, ...reductions];
}

/**
 * A grant to a team or user that exists neither live nor in the file: blocked, at the line
 * that names it, with the closest names live and in the file (a typo is the likely cause).
 */
function blockedByMissing(
  ctx: PlanContext,
  grant: { resource: PermissionResource; slug: string; type: 'team' | 'user'; name: string },
): Pick<ChartioChange, 'blocked' | 'blockedAt'> {
  const { type, name } = grant;
  const known =
    type === 'team'
      ? [...ctx.liveTeamsByName.keys(), ...ctx.teams.keys()]
      : [...ctx.live.users.map((user) => user.email), ...Object.values(ctx.desired.teams ?? {}).flatMap((team) => team.members ?? [])];
  const hint = nearestNames(name, new Set(known));
  const reason =
    (type === 'team'
      ? `team "${name}" does not exist in Chartio and is not defined in the file`
      : `user ${name} does not exist in Chartio and is on no team in the file (Chartio creates users only into a team)`) +
    didYouMean(hint);
  return blockedAtPath(reason, [grant.resource, grant.slug, 'permissions', type === 'team' ? 'teams' : 'users', name], 'key');
}

function planAliases(ctx: PlanContext): ChartioChange[] {
  const changes: ChartioChange[] = [];
  const find = objectFinder(ctx.live.datasources);
  for (const [slug, spec] of Object.entries(ctx.desired.datasources ?? {})) {
    if (spec.alias === undefined) continue;
    const live = find(slug, spec.id);
    if (!live || live.alias === spec.alias) continue;
    changes.push(
      change({
        address: aliasAddress(slug),
        action: 'update',
        kind: 'datasource',
        phase: 'grant',
        summary: `rename datasource "${slug}" alias from "${live.alias}" to "${spec.alias}"`,
        before: { alias: live.alias },
        after: { alias: spec.alias },
        touches: [liveDatasourceKey(live.id)],
        operation: { op: 'setAlias', datasourceId: live.id, alias: spec.alias },
      }),
    );
  }
  return changes;
}

/** Finds a live dashboard or datasource by pinned id, else by slug, in constant time (orgs hold thousands). */
function objectFinder<T extends { id: number; slug: string }>(objects: readonly T[]): (slug: string, id: number | undefined) => T | undefined {
  const byId = new Map(objects.map((object) => [object.id, object]));
  const bySlug = new Map<string, T>();
  for (const object of objects) if (!bySlug.has(object.slug)) bySlug.set(object.slug, object);
  return (slug, id) => (id !== undefined ? byId.get(id) : bySlug.get(slug));
}
