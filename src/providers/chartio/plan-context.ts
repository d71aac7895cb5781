import type { Change } from '../../core/change.js';
import { makeChange } from '../../core/make-change.js';
import type { PlanProblem } from '../../core/plan-problem.js';
import { userKey } from '../../core/principal-name.js';
import type { ChartioDocument, ChartioManage } from './desired-state.js';
import type { ChartioLive, LiveTeam, LiveUser } from './live-state.js';
import type { ChartioOperation, TeamRef, UserRef } from './operation.js';

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
  }

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

/** A Chartio change with its id derived from address and action. */
export const change = makeChange<ChartioOperation>;
