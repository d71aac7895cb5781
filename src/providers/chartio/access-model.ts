import { levelRank, type AccessGrant } from '../../core/access-grant.js';
import type { AccessModel, AccessReach } from '../../core/change-directions.js';
import type { Change } from '../../core/change.js';
import { userKey } from '../../core/principal-name.js';
import { chartioAuditGrants, OWNERS_VIA } from './effective-access.js';
import { applyChangeToLive } from './live-after-change.js';
import type { ChartioLive, LivePrincipal, LiveTeam } from './live-state.js';
import type { ChartioOperation, TeamRef } from './operation.js';

/**
 * The org itself, as a resource of its own: the Owners' "global admin permissions" (seed) are
 * admin on the org, so someone made an Owner is seen to gain access even in an org where no
 * dashboard or datasource was read.
 */
export const orgResource = (live: ChartioLive) => `org:${live.org}`;

/** Chartio's effective-access model, lent to the core to say which way each planned change moves access. */
export const chartioAccessModel: AccessModel<ChartioLive, ChartioOperation, ChartioReach> = {
  apply: applyChangeToLive,
  grants: (live) => [...chartioAuditGrants(live), ...ownersOnOrg(live)],
  reaches: chartioReaches,
  restrict: restrictChartioLive,
  rank: levelRank,
};

function ownersOnOrg(live: ChartioLive): AccessGrant[] {
  const resource = orgResource(live);
  return live.teams.filter((team) => team.isOwner).flatMap((team) => team.members.map((m) => ({ user: m.email, resource, level: 'admin', via: OWNERS_VIA })));
}

/** A reach, and the teams whose members and grants the model needs for it (left out: all). */
export interface ChartioReach extends AccessReach {
  teams?: ReadonlySet<number>;
}

/**
 * A membership moves its user's access on what the team is granted (everything, for the
 * Owners); a team's creation, rename or deletion moves its members' on the same; a user's
 * deletion moves theirs on all they reach; a grant moves the access of whom it names (a team's
 * members) on its one object; an alias moves nobody's.
 */
function chartioReaches(changes: readonly Change<ChartioOperation>[], states: readonly ChartioLive[]): ChartioReach[] {
  const indexes = states.map(indexState);
  const union = <T>(pick: (index: StateIndex) => Iterable<T> | undefined) => new Set(indexes.flatMap((index) => [...(pick(index) ?? [])]));
  // Teams in any state by a reference, as ids of that state (a team created by the plan has a made-up id in the state after it).
  const teamIds = (ref: TeamRef) => (index: StateIndex) => ('id' in ref ? (index.teams.has(ref.id) ? [ref.id] : []) : (index.teamByName.get(ref.name) ?? []));
  const onTeams = (user: (index: StateIndex) => Iterable<string>, teams: (index: StateIndex) => number[]): ChartioReach => {
    const owners = indexes.some((index) => teams(index).some((id) => index.teams.get(id)!.isOwner));
    const users = union(user);
    const memberOf = (index: StateIndex) => [...users].flatMap((email) => index.teamsOf.get(email) ?? []);
    return {
      users,
      ...(owners ? {} : { resources: union((index) => teams(index).flatMap((id) => [...(index.resourcesOf.get(id) ?? [])])) }),
      teams: union((index) => [...teams(index), ...memberOf(index)]),
    };
  };
  const emailOf = (id: number) => (index: StateIndex) => [index.emailOf.get(id)].filter((email): email is string => email !== undefined);
  return changes.map((change): ChartioReach => {
    const op = change.operation;
    switch (op.op) {
      case 'createTeam':
      case 'renameTeam':
      case 'deleteTeam': {
        const teams = teamIds(op.op === 'createTeam' ? { name: op.name } : { id: op.teamId });
        return onTeams((index) => teams(index).flatMap((id) => index.teams.get(id)!.members.map((m) => m.email)), teams);
      }
      case 'createUser':
        return onTeams(() => [op.email], teamIds(op.team));
      case 'addMember':
        return onTeams('id' in op.user ? emailOf(op.user.id) : () => [(op.user as { email: string }).email], teamIds(op.team));
      case 'removeMember':
        return onTeams(emailOf(op.userId), teamIds({ id: op.teamId }));
      case 'deleteUser': {
        const users = union(emailOf(op.userId));
        const teamsOf = (index: StateIndex) => [...users].flatMap((email) => index.teamsOf.get(email) ?? []);
        const owner = indexes.some((index) => teamsOf(index).some((id) => index.teams.get(id)!.isOwner));
        const direct = (index: StateIndex) => [...users].flatMap((email) => [...(index.resourcesOf.get(email) ?? [])]);
        const viaTeams = (index: StateIndex) => teamsOf(index).flatMap((id) => [...(index.resourcesOf.get(id) ?? [])]);
        return { users, ...(owner ? {} : { resources: union((index) => [...direct(index), ...viaTeams(index)]) }), teams: union(teamsOf) };
      }
      case 'grant':
      case 'setLevel':
      case 'revoke': {
        const resources = union((index) => [index.objects.get(`${op.resource}:${op.resourceId}`)].filter((r): r is string => r !== undefined));
        // Whom the permission names: a team (its members, in any state) or one user.
        const named = (index: StateIndex): { teams: number[]; users: string[] } => {
          if (op.op === 'grant') {
            const p = op.principal;
            if ('team' in p) return { teams: teamIds(p.team)(index), users: [] };
            const email = 'id' in p.user ? index.emailOf.get(p.user.id) : index.emailByKey.get(userKey(p.user.email));
            return { teams: [], users: email !== undefined ? [email] : [] };
          }
          const p = index.principalOf.get(`${op.resource}:${op.resourceId}:${op.permissionId}`);
          return p?.type === 'team' ? { teams: [p.id], users: [] } : { teams: [], users: p ? [p.email] : [] };
        };
        const members = (index: StateIndex) => named(index).teams.flatMap((id) => index.teams.get(id)?.members.map((m) => m.email) ?? []);
        return {
          users: union((index) => [...named(index).users, ...members(index)]),
          resources,
          teams: union((index) => [...index.ownerTeams, ...named(index).teams, ...[...resources].flatMap((r) => index.teamsOn.get(r) ?? [])]),
        };
      }
      case 'setAlias':
        return { users: new Set(), resources: new Set(), teams: new Set() };
    }
  });
}

interface StateIndex {
  teams: Map<number, LiveTeam>;
  teamByName: Map<string, number[]>;
  ownerTeams: number[];
  emailOf: Map<number, string>;
  /** An email without ASCII case (principal-name.ts) -> the user's email as stored. */
  emailByKey: Map<string, string>;
  /** `dashboards:<id>:<permission id>` -> whom the permission names. */
  principalOf: Map<string, LivePrincipal>;
  /** Member email -> the teams they are on. */
  teamsOf: Map<string, number[]>;
  /** Team id, or a user's email for direct grants -> the resources granted. */
  resourcesOf: Map<number | string, Set<string>>;
  /** Resource -> the teams granted on it. */
  teamsOn: Map<string, number[]>;
  /** `dashboards:<id>` -> the resource's name. */
  objects: Map<string, string>;
}

function indexState(live: ChartioLive): StateIndex {
  const index: StateIndex = {
    teams: new Map(live.teams.map((team) => [team.id, team])),
    teamByName: new Map(),
    ownerTeams: live.teams.filter((team) => team.isOwner).map((team) => team.id),
    emailOf: new Map(live.users.map((user) => [user.id, user.email])),
    emailByKey: new Map(live.users.map((user) => [userKey(user.email), user.email])),
    principalOf: new Map(),
    teamsOf: new Map(),
    resourcesOf: new Map(),
    teamsOn: new Map(),
    objects: new Map(),
  };
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const team of live.teams) {
    push(index.teamByName, team.name, team.id);
    for (const member of team.members) push(index.teamsOf, member.email, team.id);
  }
  for (const [kind, resource, objects] of [['dashboard', 'dashboards', live.dashboards], ['datasource', 'datasources', live.datasources]] as const) {
    for (const object of objects) {
      const name = `${kind}:${object.slug}`;
      index.objects.set(`${resource}:${object.id}`, name);
      for (const { id, principal } of object.permissions ?? []) {
        index.principalOf.set(`${resource}:${object.id}:${id}`, principal);
        const key = principal.type === 'team' ? principal.id : principal.email;
        index.resourcesOf.set(key, (index.resourcesOf.get(key) ?? new Set()).add(name));
        if (principal.type === 'team') push(index.teamsOn, name, principal.id);
      }
    }
  }
  return index;
}

/**
 * Live state kept to each reach: the objects it names, the teams it names, and of the people
 * only those it names (their memberships and direct grants intact), so the model says the same
 * of them as on the whole org. Kept in live's order.
 */
export function restrictChartioLive(live: ChartioLive, reaches: readonly ChartioReach[]): ChartioLive[] {
  const at = <T, K>(list: readonly T[], key: (item: T) => K) => {
    const positions = new Map<K, number>();
    list.forEach((item, i) => positions.has(key(item)) || positions.set(key(item), i));
    return positions;
  };
  const pick = <T, K>(list: readonly T[], positions: Map<K, number>, keys: Iterable<K>): T[] =>
    [...new Set([...keys].flatMap((key) => positions.get(key) ?? []))].sort((a, b) => a - b).map((i) => list[i]!);
  const teamAt = at(live.teams, (team) => team.id);
  const userAt = at(live.users, (user) => user.email);
  const dashboardAt = at(live.dashboards, (d) => `dashboard:${d.slug}`);
  const datasourceAt = at(live.datasources, (d) => `datasource:${d.slug}`);
  return reaches.map(({ users, resources, teams }) => {
    const keptTeams = teams ? pick(live.teams, teamAt, teams) : live.teams;
    return {
      ...live,
      teams: users ? keptTeams.map((team) => ({ ...team, members: team.members.filter((m) => users.has(m.email)) })) : keptTeams,
      users: users ? pick(live.users, userAt, users) : live.users,
      dashboards: resources ? pick(live.dashboards, dashboardAt, resources) : live.dashboards,
      datasources: resources ? pick(live.datasources, datasourceAt, resources) : live.datasources,
    };
  });
}
