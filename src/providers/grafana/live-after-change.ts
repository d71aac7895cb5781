import type { Change } from '../../core/change.js';
import { userKey } from '../../core/principal-name.js';
import type { GrafanaLive, GrafanaUser, LiveOrg, LivePermissionItem, LivePermissionTarget } from './live-state.js';
import type { GrafanaOperation, OrgRef, PermissionItemSpec, TeamRef } from './operation.js';

/**
 * Live state as it would be after one planned change, as Grafana would leave it: the creator of
 * an org becomes its Admin (the acting user); a team is created without members (the apply takes
 * its creator off again); a user removed from an org leaves its teams and loses its grants there
 * (RemoveOrgUser); a deleted team's grants go with it; a permission list is replaced whole; an
 * add of a user already in the org sets their role (the apply's 409 path). An operation whose
 * org, team, user or object is not in `live` changes nothing. Objects created here get negative
 * ids. Pure: the input is never changed, and what the change does not touch is shared.
 */
export function applyChangeToLive(live: GrafanaLive, change: Pick<Change<GrafanaOperation>, 'operation'>): GrafanaLive {
  const op = change.operation;
  switch (op.op) {
    case 'createOrg': {
      if (live.orgs.some((org) => org.name === op.name)) return live;
      const creator = live.actingUser ? [{ ...live.actingUser, role: 'Admin' as const }] : [];
      return { ...live, orgs: [...live.orgs, { id: newId(live.orgs), name: op.name, users: creator, teams: [], folders: [], dashboards: [] }] };
    }
    case 'renameOrg':
      return editOrg(live, { id: op.orgId }, (org) => ({ ...org, name: op.name }));
    case 'deleteOrg':
      if (!live.orgs.some((org) => org.id === op.orgId)) return live;
      return { ...live, orgs: live.orgs.filter((org) => org.id !== op.orgId) };
    case 'addOrgUser':
      return editOrg(live, op.org, (org) => {
        const users = org.users ?? [];
        if (users.some((u) => u.id === op.userId)) return { ...org, users: users.map((u) => (u.id === op.userId ? { ...u, role: op.role } : u)) };
        const user = live.users.find((u) => u.id === op.userId) ?? { id: op.userId, login: op.login, email: '' };
        return { ...org, users: [...users, { ...user, role: op.role }] };
      });
    case 'setOrgRole':
      return editOrg(live, { id: op.orgId }, (org) => ({ ...org, users: org.users?.map((u) => (u.id === op.userId ? { ...u, role: op.role } : u)) }));
    case 'removeOrgUser':
      return editOrg(live, { id: op.orgId }, (org) => {
        const user = org.users?.find((u) => u.id === op.userId) ?? live.users.find((u) => u.id === op.userId);
        const names = (item: LivePermissionItem) =>
          user !== undefined && 'user' in item.principal && [userKey(user.login), userKey(user.email)].includes(userKey(item.principal.user));
        return {
          ...editItems(org, (items) => (items.some(names) ? items.filter((item) => !names(item)) : items)),
          users: org.users?.filter((u) => u.id !== op.userId),
          teams: org.teams?.map((team) => (team.members.some((m) => m.id === op.userId) ? { ...team, members: team.members.filter((m) => m.id !== op.userId) } : team)),
        };
      });
    case 'createTeam':
      return editOrg(live, op.org, (org) => {
        const teams = org.teams ?? [];
        if (teams.some((team) => team.name === op.name)) return org;
        return { ...org, teams: [...teams, { id: newId(teams), name: op.name, email: op.email, members: [] }] };
      });
    case 'updateTeam':
      return editOrg(live, { id: op.orgId }, (org) => {
        const old = org.teams?.find((team) => team.id === op.teamId);
        if (!old) return org;
        // Permission lists name teams by name here (Grafana: by id), so a rename carries over to them.
        const renamed = (item: LivePermissionItem) => 'team' in item.principal && item.principal.team === old.name;
        return {
          ...(old.name === op.name ? org : editItems(org, (items) => (items.some(renamed) ? items.map((item) => (renamed(item) ? { ...item, principal: { team: op.name } } : item)) : items))),
          teams: org.teams?.map((team) => (team.id === op.teamId ? { ...team, name: op.name, email: op.email } : team)),
        };
      });
    case 'deleteTeam':
      return editOrg(live, { id: op.orgId }, (org) => {
        const gone = org.teams?.find((team) => team.id === op.teamId);
        if (!gone) return org;
        const names = (item: LivePermissionItem) => 'team' in item.principal && item.principal.team === gone.name;
        return { ...editItems(org, (items) => (items.some(names) ? items.filter((item) => !names(item)) : items)), teams: org.teams?.filter((team) => team.id !== op.teamId) };
      });
    case 'addTeamMember':
      return editTeam(live, op.team, (members, org) => {
        const user = live.users.find((u) => u.id === op.userId) ?? org.users?.find((u) => u.id === op.userId);
        if (!user || members.some((m) => m.id === op.userId)) return members;
        return [...members, { id: user.id, login: user.login, email: user.email }];
      });
    case 'removeTeamMember':
      return editTeam(live, { orgId: op.orgId, id: op.teamId }, (members) => (members.some((m) => m.id === op.userId) ? members.filter((m) => m.id !== op.userId) : members));
    case 'setPermissions':
      return editOrg(live, op.org, (org) => {
        const targets = org[op.kind];
        const index = targets?.findIndex((target) => target.uid === op.uid) ?? -1;
        if (!targets || index < 0) return org;
        const next = targets.slice();
        next[index] = { ...targets[index]!, items: op.items.flatMap((spec) => liveItem(live, org, spec)) };
        return { ...org, [op.kind]: next };
      });
  }
}

/** Below every id in use and below zero: ids Grafana gives are positive. */
function newId(objects: readonly { id: number }[]): number {
  let lowest = 0;
  for (const object of objects) if (object.id < lowest) lowest = object.id;
  return lowest - 1;
}

function findOrg(live: GrafanaLive, ref: OrgRef): LiveOrg | undefined {
  return live.orgs.find((org) => ('id' in ref ? org.id === ref.id : org.name === ref.name));
}

/** One org replaced by `edit`'s answer; the same object back (or no such org) leaves `live` as it is. */
function editOrg(live: GrafanaLive, ref: OrgRef, edit: (org: LiveOrg) => LiveOrg): GrafanaLive {
  const org = findOrg(live, ref);
  if (!org) return live;
  const next = edit(org);
  return next === org ? live : { ...live, orgs: live.orgs.map((o) => (o === org ? next : o)) };
}

function editTeam(live: GrafanaLive, ref: TeamRef, edit: (members: GrafanaUser[], org: LiveOrg) => GrafanaUser[]): GrafanaLive {
  const orgRef: OrgRef = 'orgId' in ref ? { id: ref.orgId } : ref.org;
  return editOrg(live, orgRef, (org) => {
    const team = org.teams?.find((t) => ('id' in ref ? t.id === ref.id : t.name === ref.name));
    if (!team) return org;
    const members = edit(team.members, org);
    return members === team.members ? org : { ...org, teams: org.teams!.map((t) => (t === team ? { ...t, members } : t)) };
  });
}

/** Every folder's and dashboard's list edited; lists left the same are shared. */
function editItems(org: LiveOrg, edit: (items: LivePermissionItem[]) => LivePermissionItem[]): LiveOrg {
  const each = (targets: LivePermissionTarget[] | undefined) => {
    if (!targets) return targets;
    let changed = false;
    const next = targets.map((target) => {
      const items = edit(target.items);
      if (items === target.items) return target;
      changed = true;
      return { ...target, items };
    });
    return changed ? next : targets;
  };
  return { ...org, folders: each(org.folders), dashboards: each(org.dashboards) };
}

/** A planned item as live lists name it: a team by name, a user by login; one that names nobody known is no item. */
function liveItem(live: GrafanaLive, org: LiveOrg, spec: PermissionItemSpec): LivePermissionItem[] {
  const p = spec.principal;
  if ('role' in p) return [{ principal: { role: p.role }, permission: spec.permission }];
  if ('userId' in p) {
    const user = live.users.find((u) => u.id === p.userId) ?? org.users?.find((u) => u.id === p.userId);
    return user ? [{ principal: { user: user.login }, permission: spec.permission }] : [];
  }
  const ref = p.team;
  const name = 'id' in ref ? org.teams?.find((team) => team.id === ref.id)?.name : ref.name;
  return name !== undefined ? [{ principal: { team: name }, permission: spec.permission }] : [];
}
