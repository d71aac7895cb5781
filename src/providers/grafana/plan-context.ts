import type { Change } from '../../core/change.js';
import { ignoredBy } from '../../core/leave-ignored.js';
import { didYouMean, nearestNames } from '../../core/closest-names.js';
import { makeChange } from '../../core/make-change.js';
import type { PlanProblem } from '../../core/plan-problem.js';
import { ownValue } from '../../core/name-record.js';
import { userKey } from '../../core/principal-name.js';
import type { GrafanaDocument, GrafanaManage } from './desired-state.js';
import type { GrafanaLive, GrafanaUser, LiveOrg, LivePermissionItem, LiveTeam } from './live-state.js';
import type { GrafanaOperation, OrgRef, TeamRef } from './operation.js';
import { orgUserAddress, permissionsAddress, teamAddress, teamMemberAddress } from './addresses.js';

export type GrafanaChange = Change<GrafanaOperation>;
export const change = makeChange<GrafanaOperation>;

export interface OrgResolution {
  name: string;
  live?: LiveOrg;
  createdBy?: string;
}

/**
 * What the Grafana planning steps share: the file, the live instance, indexes, and what
 * earlier steps decided (orgs and teams created, users added to or removed from orgs), so a
 * later step can depend on an earlier one's change.
 */
export class GrafanaPlanContext {
  readonly manage: Required<GrafanaManage>;
  readonly problems: PlanProblem[] = [];
  /** Plan warnings: true statements a reviewer should see, which do not stop the plan. */
  readonly warnings: PlanProblem[] = [];
  readonly orgs = new Map<string, OrgResolution>();
  private readonly usersByLogin = new Map<string, GrafanaUser>();
  private readonly usersByEmail = new Map<string, GrafanaUser>();
  private readonly teamCreations = new Map<string, string>();
  private readonly orgUserAdds = new Map<string, string>();
  private readonly orgUserRemovals = new Map<string, string>();
  /**
   * Whether `ignore:` leaves a change at this address (also changing those) alone: a planner
   * reasons from what will run, so a user whose removal from an org is ignored keeps their teams.
   */
  readonly leftAlone: (address: string, alsoChanges?: readonly string[]) => boolean;

  constructor(
    readonly desired: GrafanaDocument,
    readonly live: GrafanaLive,
  ) {
    this.manage = {
      orgs: desired.manage?.orgs ?? 'listed',
      org_users: desired.manage?.org_users ?? 'authoritative',
      teams: desired.manage?.teams ?? 'listed',
      members: desired.manage?.members ?? 'authoritative',
    };
    // Logins and emails both name a user (the file may use either), compared without ASCII case.
    // They are two lookups, not one: a login may equal another user's email (issue 12: such a
    // user received the other's Admin promotion), and then the name is ambiguous, never merged.
    for (const user of live.users) {
      if (!this.usersByLogin.has(userKey(user.login))) this.usersByLogin.set(userKey(user.login), user);
      if (user.email && !this.usersByEmail.has(userKey(user.email))) this.usersByEmail.set(userKey(user.email), user);
    }
    this.leftAlone = ignoredBy(desired.ignore ?? []);
  }

  /**
   * What a removal also changes, as addresses for `Change.alsoChanges` (sorted): removing a user
   * from an org takes their team memberships and grants there with it (RemoveOrgUser), deleting
   * a team its memberships and grants, deleting an org everything in it. Users by login and email.
   */
  alsoRemoved(org: LiveOrg, what: { user: GrafanaUser } | { team: LiveTeam } | 'org'): string[] {
    const addresses = new Set<string>();
    const asUser = (user: GrafanaUser, address: (name: string) => string) => {
      for (const name of user.email ? [user.login, user.email] : [user.login]) addresses.add(address(name));
    };
    const listsNaming = (names: (principal: LivePermissionItem['principal']) => boolean) => {
      for (const [kind, targets] of [['folder', org.folders], ['dashboard', org.dashboards]] as const) {
        for (const target of targets ?? []) {
          if (what === 'org' || target.items.some((item) => names(item.principal))) addresses.add(permissionsAddress(org.name, kind, target.uid));
        }
      }
    };
    if (what === 'org') {
      for (const user of org.users ?? []) asUser(user, (name) => orgUserAddress(org.name, name));
      for (const team of org.teams ?? []) {
        addresses.add(teamAddress(org.name, team.name));
        for (const member of team.members) asUser(member, (name) => teamMemberAddress(org.name, team.name, name));
      }
      listsNaming(() => true);
    } else if ('team' in what) {
      for (const member of what.team.members) asUser(member, (name) => teamMemberAddress(org.name, what.team.name, name));
      listsNaming((p) => 'team' in p && p.team === what.team.name);
    } else {
      for (const team of org.teams ?? []) {
        if (team.members.some((member) => member.id === what.user.id)) asUser(what.user, (name) => teamMemberAddress(org.name, team.name, name));
      }
      listsNaming((p) => 'user' in p && userKey(p.user) === userKey(what.user.login));
    }
    return [...addresses].sort();
  }

  /** The one user a login or an email names; undefined when none does, or two different users do (see `unknownUser`). */
  findUser(loginOrEmail: string): GrafanaUser | undefined {
    const [byLogin, byEmail] = this.candidates(loginOrEmail);
    if (byLogin && byEmail && byLogin.id !== byEmail.id) return undefined;
    return byLogin ?? byEmail;
  }

  /** The user with this login (live permission lists name users by login). */
  findLogin(login: string): GrafanaUser | undefined {
    return this.usersByLogin.get(userKey(login));
  }

  /** Why a user the file names was not found, for a plan problem (`where`: `team "SRE", org "Main Org."`). */
  unknownUser(name: string, where: string, hint?: string): string {
    const [byLogin, byEmail] = this.candidates(name);
    if (byLogin && byEmail && byLogin.id !== byEmail.id) {
      return `user "${name}" (${where}) names two Grafana users: the login of user ${byLogin.id} and the email of user ${byEmail.id} (login "${byEmail.login}"); write the login of the one you mean`;
    }
    if (this.live.access === 'org-token') {
      return `user "${name}" (${where}) is not a member of the org: a service-account token sees only its org's members; add them in Grafana first, or run with GRAFANA_USER and GRAFANA_PASSWORD of a server admin`;
    }
    // A typo is the likely cause: the logins and emails closest to it (the file may use either).
    const near = nearestNames(name, new Set(this.live.users.flatMap((user) => [user.login, ...(user.email ? [user.email] : [])])));
    return `user "${name}" (${where}) does not exist in Grafana${hint ? `; ${hint}` : ''}${didYouMean(near)}`;
  }

  private candidates(loginOrEmail: string): [GrafanaUser | undefined, GrafanaUser | undefined] {
    const key = userKey(loginOrEmail);
    return [this.usersByLogin.get(key), this.usersByEmail.get(key)];
  }

  orgRef(org: string): OrgRef {
    const live = this.orgs.get(org)?.live;
    return live ? { id: live.id } : { name: org };
  }

  orgDependencies(org: string): string[] {
    const createdBy = this.orgs.get(org)?.createdBy;
    return createdBy ? [createdBy] : [];
  }

  recordTeamCreation(org: string, team: string, changeId: string): void {
    this.teamCreations.set(inOrgKey(org, team), changeId);
  }

  teamRef(org: string, team: LiveTeam | undefined, name: string): TeamRef {
    const live = this.orgs.get(org)?.live;
    return team && live ? { orgId: live.id, id: team.id } : { org: this.orgRef(org), name };
  }

  teamDependencies(org: string, team: string): string[] {
    const createdBy = this.teamCreations.get(inOrgKey(org, team));
    return createdBy ? [createdBy] : this.orgDependencies(org);
  }

  recordOrgUserAdd(org: string, userId: number, changeId: string): void {
    this.orgUserAdds.set(inOrgKey(org, userId), changeId);
  }

  /** The change that makes the user a member of the org, if the plan does; team membership and grants wait for it. */
  orgUserDependencies(org: string, userId: number): string[] {
    const added = this.orgUserAdds.get(inOrgKey(org, userId));
    return added ? [added] : [];
  }

  recordOrgUserRemoval(org: string, userId: number, changeId: string): void {
    this.orgUserRemovals.set(inOrgKey(org, userId), changeId);
  }

  isRemovedFromOrg(org: string, userId: number): boolean {
    return this.orgUserRemovals.has(inOrgKey(org, userId));
  }

  /**
   * The change that removes the user from the org, if the plan does. Grafana's RemoveOrgUser
   * also deletes the user's team memberships and grants in that org, so a membership or grant
   * the file keeps for them is written again after it.
   */
  orgUserRemovalDependencies(org: string, userId: number): string[] {
    const removed = this.orgUserRemovals.get(inOrgKey(org, userId));
    return removed ? [removed] : [];
  }

  /**
   * Whether the user is (or will be, by this plan) a member of the org. Team memberships and
   * grants do not need it (Grafana's `validateUser` accepts any existing user, see
   * `warnIfOutsideOrg`), but a reviewer is told.
   */
  isOrgMember(org: string, userId: number): boolean {
    const live = this.orgs.get(org)?.live;
    const liveMember = live?.users?.some((u) => u.id === userId) ?? false;
    const createdByActingUser = !live && this.live.actingUser?.id === userId;
    return (liveMember || createdByActingUser || this.orgUserAdds.has(inOrgKey(org, userId))) && !this.isRemovedFromOrg(org, userId);
  }

  /**
   * Grafana adds a user who is not a member of the team's org to the team, and stores their
   * folder and dashboard grants (`validateUser` looks the user up with a LEFT OUTER JOIN on
   * org_user: pkg/api/team_members.go, accesscontrol/resourcepermissions). Such access is real
   * (the team's grants reach them once they act in the org) but Grafana's UI does not list
   * the member, so the plan says so.
   */
  warnIfOutsideOrg(org: string, userId: number, name: string, where: string, path: PlanProblem['path']): void {
    // When the file lists the org's users, its own check has said so already (document-rules.ts).
    if (ownValue(this.desired.orgs, org)?.users !== undefined || this.isOrgMember(org, userId)) return;
    this.warnings.push({ message: `${name} (${where}) is not a member of org "${org}": Grafana accepts it, but its UI does not show them there`, path });
  }
}

/**
 * A service-account token removes org users with `DELETE /api/org/users/:id`, which deletes a
 * user who is in no other org (pkg/api/org_users.go `removeOrgUserHelper`), and the token
 * cannot see whether they are: keeping them on a team after the removal may name a deleted user.
 */
export function tokenRemovalDeletes(name: string, org: string): string {
  return `${name} is removed from org "${org}" by this plan, which with a service-account token deletes the user if they are in no other org; keep them under orgs."${org}".users, or run as a server admin`;
}

/** One key for a team or user within an org: U+0000 between them, a character no real name holds. */
function inOrgKey(org: string, item: string | number): string {
  return `${org}\u0000${item}`;
}
