import { levelRank, type AccessGrant } from '../../core/access-grant.js';
import type { AccessModel, AccessReach } from '../../core/change-directions.js';
import type { Change } from '../../core/change.js';
import { userKey } from '../../core/principal-name.js';
import { grafanaAccessPaths, ORG_ADMIN_VIA, SERVER_ADMIN_VIA } from './effective-access.js';
import { applyChangeToLive } from './live-after-change.js';
import { ROLE_RANK, type GrafanaLive, type LiveOrg } from './live-state.js';
import type { GrafanaOperation, OrgRef } from './operation.js';

/**
 * The org itself, as a resource of its own: a basic role is access to the org (its home, its
 * data sources, for an Admin its users and settings) whether or not a folder the file names is
 * read, so someone made an org Admin by hand is seen to gain access even where the file names
 * no folder or dashboard.
 */
export const orgResource = (org: { name: string }) => `${org.name}/org`;

/** Grafana's effective-access model, lent to the core to say which way each planned change moves access. */
export const grafanaAccessModel: AccessModel<GrafanaLive, GrafanaOperation> = {
  apply: applyChangeToLive,
  grants: (live) => [...grafanaAccessPaths(live), ...rolesOnOrgs(live)],
  reaches: grafanaReaches,
  restrict: restrictGrafanaLive,
  rank: levelRank,
};

/** Each org user's basic role on the org (None is no access), and server admins Admin on every org. */
function rolesOnOrgs(live: GrafanaLive): AccessGrant[] {
  const serverAdmins = live.users.filter((u) => u.isGrafanaAdmin === true);
  return live.orgs.flatMap((org) => [
    ...(org.users ?? []).filter((u) => u.role !== 'None').map((u) => ({ user: u.login, resource: orgResource(org), level: u.role, via: u.role === 'Admin' ? ORG_ADMIN_VIA : `org-role:${u.role}` })),
    ...serverAdmins.map((u) => ({ user: u.login, resource: orgResource(org), level: 'Admin', via: SERVER_ADMIN_VIA })),
  ]);
}

/**
 * An org user's role or membership, a team's existence or members move those people's access in
 * their org; an org's creation, rename or deletion moves everyone's in it; a permission list moves
 * the access of whom it names, before or after, on its folder or dashboard and, for a folder, on
 * everything under it.
 */
function grafanaReaches(changes: readonly Change<GrafanaOperation>[], states: readonly GrafanaLive[]): AccessReach[] {
  const loginsById = new Map<number, Set<string>>();
  for (const live of states) {
    for (const user of [...live.users, ...live.orgs.flatMap((org) => org.users ?? [])]) loginsById.set(user.id, (loginsById.get(user.id) ?? new Set()).add(user.login));
  }
  const logins = (userId: number) => new Set(loginsById.get(userId));
  const orgs = (ref: OrgRef) => states.flatMap((live) => live.orgs.filter((org) => ('id' in ref ? org.id === ref.id : org.name === ref.name)));
  // Every resource of an org, once per org object: a plan names the same few orgs many times.
  const resourcesOf = new Map<LiveOrg, string[]>();
  const everything = (ref: OrgRef) =>
    new Set(
      orgs(ref).flatMap((org) => {
        const known = resourcesOf.get(org) ?? orgResources(org);
        resourcesOf.set(org, known);
        return known;
      }),
    );
  // Lists name users by login, matched without ASCII case (as the model matches them): one map per state.
  const loginMaps = new Map<GrafanaLive, Map<string, string>>();
  const loginsOf = (state: GrafanaLive) => {
    const known = loginMaps.get(state) ?? new Map(state.users.map((u) => [userKey(u.login), u.login]));
    loginMaps.set(state, known);
    return known;
  };
  const teamMembers = (ref: OrgRef, find: (team: { id: number; name: string }) => boolean) =>
    new Set(orgs(ref).flatMap((org) => (org.teams ?? []).filter(find).flatMap((team) => team.members.map((m) => m.login))));
  return changes.map((change): AccessReach => {
    const op = change.operation;
    switch (op.op) {
      case 'createOrg':
        return { resources: everything({ name: op.name }) };
      case 'renameOrg':
      case 'deleteOrg':
        return { resources: everything({ id: op.orgId }) };
      case 'addOrgUser':
        return { users: new Set([...logins(op.userId), op.login]), resources: everything(op.org) };
      case 'setOrgRole':
      case 'removeOrgUser':
        return { users: logins(op.userId), resources: everything({ id: op.orgId }) };
      case 'createTeam':
        return { users: teamMembers(op.org, (team) => team.name === op.name), resources: everything(op.org) };
      case 'updateTeam':
      case 'deleteTeam':
        return { users: teamMembers({ id: op.orgId }, (team) => team.id === op.teamId), resources: everything({ id: op.orgId }) };
      case 'addTeamMember':
        return { users: logins(op.userId), resources: everything('orgId' in op.team ? { id: op.team.orgId } : op.team.org) };
      case 'removeTeamMember':
        return { users: logins(op.userId), resources: everything({ id: op.orgId }) };
      case 'setPermissions':
        return {
          users: new Set(states.flatMap((state) => listHolders(state, loginsOf(state), op.org, op.kind, op.uid))),
          resources: new Set(orgs(op.org).flatMap((org) => underneath(org, op.kind === 'folders' ? 'folder' : 'dashboard', op.uid))),
        };
    }
  });
}

/** Whom a folder's or dashboard's list names in one state: its users, its teams' members, the holders of its roles (Admin ⊃ Editor ⊃ Viewer). */
function listHolders(live: GrafanaLive, login: ReadonlyMap<string, string>, ref: OrgRef, kind: 'folders' | 'dashboards', uid: string): string[] {
  const org = live.orgs.find((o) => ('id' in ref ? o.id === ref.id : o.name === ref.name));
  const items = org?.[kind]?.find((target) => target.uid === uid)?.items ?? [];
  return items.flatMap(({ principal: p }) => {
    if (!org) return [];
    if ('user' in p) return [login.get(userKey(p.user)) ?? p.user];
    if ('team' in p) return (org.teams ?? []).filter((team) => team.name === p.team).flatMap((team) => team.members.map((m) => m.login));
    return (org.users ?? []).filter((u) => ROLE_RANK[u.role] >= ROLE_RANK[p.role]).map((u) => u.login);
  });
}

/** Every resource of an org, as the model names them, the org itself included. */
function orgResources(org: LiveOrg): string[] {
  return [orgResource(org), ...(org.folders ?? []).map((f) => `${org.name}/folder:${f.uid}`), ...(org.dashboards ?? []).map((d) => `${org.name}/dashboard:${d.uid}`)];
}

/** A folder or dashboard and, for a folder, every folder and dashboard below it (a cycle, from a hostile answer, ends the walk). */
function underneath(org: LiveOrg, kind: 'folder' | 'dashboard', uid: string): string[] {
  if (kind === 'dashboard') return [`${org.name}/dashboard:${uid}`];
  const parent = new Map((org.folders ?? []).map((f) => [f.uid, f.folderUid]));
  const below = (start: string | undefined) => {
    const seen = new Set<string>();
    for (let at = start; at && !seen.has(at); at = parent.get(at)) {
      if (at === uid) return true;
      seen.add(at);
    }
    return false;
  };
  return [
    ...(org.folders ?? []).filter((f) => below(f.uid)).map((f) => `${org.name}/folder:${f.uid}`),
    ...(org.dashboards ?? []).filter((d) => below(d.folderUid)).map((d) => `${org.name}/dashboard:${d.uid}`),
  ];
}

/**
 * Live state kept to the reach: of the people only those it names (roles, memberships and
 * permission lists intact), of each org only the folders and dashboards it names with the
 * folders above them; an org with nothing in reach keeps only its id and name, for the changes
 * that refer to it. The model then says the same of what is in reach as on the whole instance.
 * One state per reach, in order.
 */
export function restrictGrafanaLive(live: GrafanaLive, reaches: readonly AccessReach[]): GrafanaLive[] {
  // Each org's resource names and folder tree, once for every reach.
  const shapes = live.orgs.map((org) => ({
    org,
    folders: new Map((org.folders ?? []).map((f) => [f.uid, f])),
    folderNames: (org.folders ?? []).map((f) => `${org.name}/folder:${f.uid}`),
    dashboardNames: (org.dashboards ?? []).map((d) => `${org.name}/dashboard:${d.uid}`),
  }));
  const userAt = new Map(live.users.map((u, i) => [u.login, i]));
  return reaches.map(({ users, resources }) => {
    const person = (u: { login: string }) => !users || users.has(u.login);
    // The instance's users picked by login, in their order (a list of 5,000 is not scanned per reach).
    const picked = users && [...users].flatMap((login) => userAt.get(login) ?? []).sort((a, b) => a - b).map((i) => live.users[i]!);
    return {
      ...live,
      users: picked ?? live.users,
      orgs: shapes.map(({ org, folders, folderNames, dashboardNames }): LiveOrg => {
        const dashboards = resources ? org.dashboards?.filter((_, i) => resources.has(dashboardNames[i]!)) : org.dashboards;
        // The folders in reach, and every folder above one of them or above a dashboard kept.
        const keep = new Set<string>();
        const climb = (start: string | undefined) => {
          for (let at = start; at && !keep.has(at) && folders.has(at); at = folders.get(at)!.folderUid) keep.add(at);
        };
        (org.folders ?? []).forEach((f, i) => (!resources || resources.has(folderNames[i]!)) && climb(f.uid));
        for (const d of dashboards ?? []) climb(d.folderUid);
        if (resources && !resources.has(orgResource(org)) && keep.size === 0 && !dashboards?.length) return { id: org.id, name: org.name };
        return {
          ...org,
          users: users ? org.users?.filter(person) : org.users,
          teams: users ? org.teams?.map((team) => ({ ...team, members: team.members.filter(person) })) : org.teams,
          ...(org.folders ? { folders: org.folders.filter((f) => keep.has(f.uid)) } : {}),
          ...(dashboards ? { dashboards } : {}),
        };
      }),
    };
  });
}
