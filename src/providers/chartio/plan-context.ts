import type { Change } from '../../core/change.js';
import { ignoredBy } from '../../core/leave-ignored.js';
import { makeChange } from '../../core/make-change.js';
import type { PlanProblem } from '../../core/plan-problem.js';
import { userKey } from '../../core/principal-name.js';
import type { ChartioDocument, ChartioManage } from './desired-state.js';
import type { ChartioLive, LiveTeam, LiveUser } from './live-state.js';
import type { ChartioOperation, TeamRef, UserRef } from './operation.js';
import { memberAddress, permissionAddress } from './addresses.js';

export type ChartioChange = Change<ChartioOperation>;

/** How a team named in the file maps onto live state. */
export interface TeamResolution {
  name: string;
  /** The live team it is (found by name, or by a `previously:` name). */
  live?: LiveTeam;
  /** The id of the change that creates it, when it does not exist yet. */
  createdBy?: string;
}

/**
 * Everything the planning steps share: the file, the live state, indexes over it, and
 * what earlier steps decided (teams created, users created or deleted), so a later step
 * can depend on an earlier one's change.
 */
export class PlanContext {
  readonly manage: Required<ChartioManage>;
  readonly liveTeamsByName = new Map<string, LiveTeam>();
  readonly liveTeamsById = new Map<number, LiveTeam>();
  readonly liveUsersByEmail = new Map<string, LiveUser>();
  readonly teams = new Map<string, TeamResolution>();
  /** email key -> id of the change that creates the user. */
  readonly createdUsers = new Map<string, string>();
  /** email keys of users this plan deletes. */
  readonly deletedUsers = new Set<string>();
  /** email key -> ids of the changes that put the user on a team (create or add). */
  readonly joins = new Map<string, string[]>();
  /** email key -> the change that deletes the user (it may be blocked). */
  readonly userDeletions = new Map<string, ChartioChange>();
  /** ids of live teams this plan deletes. */
  readonly deletedTeams = new Set<number>();
  readonly problems: PlanProblem[] = [];
  /**
   * Whether `ignore:` leaves a change at this address (also changing those) alone: a planner
   * reasons from what will run, so a team whose deletion is ignored still holds its members.
   */
  readonly leftAlone: (address: string, alsoChanges?: readonly string[]) => boolean;

  constructor(
    readonly desired: ChartioDocument,
    readonly live: ChartioLive,
  ) {
    this.manage = {
      teams: desired.manage?.teams ?? 'listed',
      members: desired.manage?.members ?? 'authoritative',
      users: desired.manage?.users ?? 'keep',
      dashboards: desired.manage?.dashboards ?? 'listed',
      datasources: desired.manage?.datasources ?? 'listed',
    };
    for (const team of live.teams) {
      this.liveTeamsByName.set(team.name, team);
      this.liveTeamsById.set(team.id, team);
    }
    for (const user of live.users) this.liveUsersByEmail.set(userKey(user.email), user);
    this.leftAlone = ignoredBy(desired.ignore ?? []);
  }

  /**
   * What deleting a live team or user also removes (Chartio drops its memberships and grants with
   * it), as addresses for `Change.alsoChanges`: an ignored one keeps the deletion from running.
   */
  alsoRemoved(principal: { type: 'team' | 'user'; id: number }): string[] {
    this.removedWith ??= indexRemovedWith(this.live);
    return [...(this.removedWith.get(`${principal.type}#${principal.id}`) ?? [])].sort();
  }

  private removedWith: Map<string, string[]> | undefined;

  teamRef(name: string): TeamRef {
    const live = this.teams.get(name)?.live ?? this.liveTeamsByName.get(name);
    return live ? { id: live.id } : { name };
  }

  /** The change a use of this team must wait for: its creation, if the plan creates it. */
  teamDependencies(name: string): string[] {
    const createdBy = this.teams.get(name)?.createdBy;
    return createdBy ? [createdBy] : [];
  }

  liveUser(email: string): LiveUser | undefined {
    return this.liveUsersByEmail.get(userKey(email));
  }

  userRef(email: string): UserRef {
    const live = this.liveUser(email);
    return live ? { id: live.id } : { email };
  }

  userDependencies(email: string): string[] {
    const createdBy = this.createdUsers.get(userKey(email));
    return createdBy ? [createdBy] : [];
  }

  /** Live team for a name in the file, after renames are taken into account. */
  resolvedLiveTeam(name: string): LiveTeam | undefined {
    return this.teams.get(name)?.live ?? this.liveTeamsByName.get(name);
  }
}

/** `team#ID` / `user#ID` -> the addresses of their live memberships and grants, built once per plan. */
function indexRemovedWith(live: ChartioLive): Map<string, string[]> {
  const index = new Map<string, string[]>();
  const add = (key: string, address: string) => {
    const list = index.get(key);
    if (list) list.push(address);
    else index.set(key, [address]);
  };
  for (const team of live.teams) {
    for (const member of team.members) {
      add(`team#${team.id}`, memberAddress(team.name, member.email));
      add(`user#${member.id}`, memberAddress(team.name, member.email));
    }
  }
  for (const [kind, objects] of [['dashboard', live.dashboards], ['datasource', live.datasources]] as const) {
    for (const object of objects) {
      for (const { principal: p } of object.permissions ?? []) {
        add(`${p.type}#${p.id}`, permissionAddress(kind, object.slug, p.type, p.type === 'team' ? p.name : p.email));
      }
    }
  }
  return index;
}

/** A Chartio change with its id derived from address and action. */
export const change = makeChange<ChartioOperation>;
