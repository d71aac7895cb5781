import type { Change } from '../../core/change.js';
import { userKey } from '../../core/principal-name.js';
import type { ChartioLive, LiveDashboard, LiveDatasource, LivePermission, LivePrincipal, LiveTeam, LiveUser } from './live-state.js';
import type { ChartioOperation, PermissionResource, TeamRef, UserRef } from './operation.js';

/**
 * Live state as it would be after one planned change, as the Chartio API would leave it (seed):
 * a deleted team or user takes its permissions and memberships with it, a grant to a principal
 * who already holds one replaces it (POST upserts), and a user is created into their first team.
 * An operation whose team, user or object is not in `live` changes nothing (the API would
 * answer 404). Objects created here get negative ids, which no live object has. Pure: the input
 * is never changed, and what the change does not touch is shared, not copied.
 */
export function applyChangeToLive(live: ChartioLive, change: Pick<Change<ChartioOperation>, 'operation'>): ChartioLive {
  const op = change.operation;
  switch (op.op) {
    case 'createTeam':
      if (live.teams.some((team) => team.name === op.name)) return live;
      return { ...live, teams: [...live.teams, { id: newId(live.teams), name: op.name, isOwner: false, members: [] }] };
    case 'renameTeam': {
      if (!live.teams.some((team) => team.id === op.teamId)) return live;
      const named = (p: LivePrincipal): LivePrincipal => (p.type === 'team' && p.id === op.teamId ? { ...p, name: op.name } : p);
      return {
        ...mapPermissions(live, (list) => (list.some((perm) => perm.principal.type === 'team' && perm.principal.id === op.teamId) ? list.map((perm) => ({ ...perm, principal: named(perm.principal) })) : list)),
        teams: live.teams.map((team) => (team.id === op.teamId ? { ...team, name: op.name } : team)),
      };
    }
    case 'deleteTeam': {
      if (!live.teams.some((team) => team.id === op.teamId)) return live;
      return {
        ...withoutPrincipal(live, 'team', op.teamId),
        teams: live.teams.filter((team) => team.id !== op.teamId),
        users: live.users.map((user) => (user.teamIds.includes(op.teamId) ? { ...user, teamIds: user.teamIds.filter((id) => id !== op.teamId) } : user)),
      };
    }
    case 'createUser': {
      const team = findTeam(live, op.team);
      if (!team || findUser(live, { email: op.email })) return live;
      const user: LiveUser = { id: newId(live.users), email: op.email, teamIds: [] };
      return join({ ...live, users: [...live.users, user] }, team.id, user);
    }
    case 'addMember': {
      const team = findTeam(live, op.team);
      if (!team) return live;
      const existing = findUser(live, op.user);
      if (existing) return join(live, team.id, existing);
      // Added by email before the user exists: Chartio creates the user into the team.
      if (!('email' in op.user)) return live;
      const user: LiveUser = { id: newId(live.users), email: op.user.email, teamIds: [] };
      return join({ ...live, users: [...live.users, user] }, team.id, user);
    }
    case 'removeMember': {
      const team = live.teams.find((t) => t.id === op.teamId);
      if (!team?.members.some((m) => m.id === op.userId)) return live;
      return {
        ...live,
        teams: replaced(live.teams, team, { ...team, members: team.members.filter((m) => m.id !== op.userId) }),
        users: editUser(live.users, op.userId, (user) => ({ ...user, teamIds: user.teamIds.filter((id) => id !== op.teamId) })),
      };
    }
    case 'deleteUser':
      if (!live.users.some((user) => user.id === op.userId)) return live;
      return {
        ...withoutPrincipal(live, 'user', op.userId),
        users: live.users.filter((user) => user.id !== op.userId),
        teams: live.teams.map((team) => (team.members.some((m) => m.id === op.userId) ? { ...team, members: team.members.filter((m) => m.id !== op.userId) } : team)),
      };
    case 'grant': {
      const principal = grantee(live, op.principal);
      if (!principal) return live;
      return mapObject(live, op.resource, op.resourceId, (list) => {
        const same = (perm: LivePermission) => perm.principal.type === principal.type && perm.principal.id === principal.id;
        if (list.some(same)) return list.map((perm) => (same(perm) ? { ...perm, level: op.level } : perm));
        return [...list, { id: newId(list), principal, level: op.level }];
      });
    }
    case 'setLevel':
      return mapObject(live, op.resource, op.resourceId, (list) => list.map((perm) => (perm.id === op.permissionId ? { ...perm, level: op.level } : perm)));
    case 'revoke':
      return mapObject(live, op.resource, op.resourceId, (list) => list.filter((perm) => perm.id !== op.permissionId));
    case 'setAlias':
      if (!live.datasources.some((ds) => ds.id === op.datasourceId)) return live;
      return { ...live, datasources: live.datasources.map((ds) => (ds.id === op.datasourceId ? { ...ds, alias: op.alias } : ds)) };
  }
}

/** Below every id in use and below zero: ids the API gives are positive. */
function newId(objects: readonly { id: number }[]): number {
  let lowest = 0;
  for (const object of objects) if (object.id < lowest) lowest = object.id;
  return lowest - 1;
}

function findTeam(live: ChartioLive, ref: TeamRef): LiveTeam | undefined {
  return live.teams.find((team) => ('id' in ref ? team.id === ref.id : team.name === ref.name));
}

function findUser(live: ChartioLive, ref: UserRef): LiveUser | undefined {
  if ('id' in ref) return live.users.find((user) => user.id === ref.id);
  // Emails match without ASCII case (principal-name.ts); only an email of the same length can.
  const key = userKey(ref.email);
  return live.users.find((user) => user.email.length === key.length && userKey(user.email) === key);
}

function grantee(live: ChartioLive, principal: { team: TeamRef } | { user: UserRef }): LivePrincipal | undefined {
  if ('team' in principal) {
    const team = findTeam(live, principal.team);
    return team && { type: 'team', id: team.id, name: team.name };
  }
  const user = findUser(live, principal.user);
  return user && { type: 'user', id: user.id, email: user.email };
}

function join(live: ChartioLive, teamId: number, user: LiveUser): ChartioLive {
  const team = live.teams.find((t) => t.id === teamId);
  if (!team || team.members.some((m) => m.id === user.id)) return live;
  return {
    ...live,
    teams: replaced(live.teams, team, { ...team, members: [...team.members, { id: user.id, email: user.email }] }),
    users: editUser(live.users, user.id, (u) => ({ ...u, teamIds: [...u.teamIds, teamId] })),
  };
}

/** A copy of the list with one element replaced (orgs hold 10,000 users: a copy, not a map over them). */
function replaced<T>(list: readonly T[], old: T, next: T): T[] {
  const copy = list.slice();
  copy[list.indexOf(old)] = next;
  return copy;
}

function editUser(users: readonly LiveUser[], id: number, edit: (user: LiveUser) => LiveUser): LiveUser[] {
  const user = users.find((u) => u.id === id);
  return user ? replaced(users, user, edit(user)) : users.slice();
}

type Permissioned = LiveDashboard | LiveDatasource;
type ListEdit = (list: readonly LivePermission[]) => readonly LivePermission[];

/** One object's permission list edited; a missing object, or a list not read, is left alone. */
function mapObject(live: ChartioLive, resource: PermissionResource, id: number, edit: ListEdit): ChartioLive {
  const key = resource === 'dashboards' ? 'dashboards' : 'datasources';
  const objects: readonly Permissioned[] = live[key];
  const index = objects.findIndex((object) => object.id === id);
  const object = objects[index];
  if (!object?.permissions) return live;
  const next = objects.slice();
  next[index] = { ...object, permissions: [...edit(object.permissions)] };
  return { ...live, [key]: next };
}

/** Every permission list edited (a team renamed or deleted is in lists anywhere); lists left the same are shared. */
function mapPermissions(live: ChartioLive, edit: ListEdit): ChartioLive {
  const each = <T extends Permissioned>(objects: T[]): T[] => {
    let changed = false;
    const next = objects.map((object) => {
      if (!object.permissions) return object;
      const list = edit(object.permissions);
      if (list === object.permissions) return object;
      changed = true;
      return { ...object, permissions: [...list] };
    });
    return changed ? next : objects;
  };
  return { ...live, dashboards: each(live.dashboards), datasources: each(live.datasources) };
}

function withoutPrincipal(live: ChartioLive, type: 'team' | 'user', id: number): ChartioLive {
  const names = (perm: LivePermission) => perm.principal.type === type && perm.principal.id === id;
  return mapPermissions(live, (list) => (list.some(names) ? list.filter((perm) => !names(perm)) : list));
}
