import type { GrafanaState } from './state.js';

/**
 * What leaving an org takes with it, as Grafana's `RemoveOrgUser` does: the user's team
 * memberships in that org and the user's entries in that org's folder and dashboard ACLs.
 */
export function removeUserEverywhereInOrg(state: GrafanaState, orgId: number, userId: number): void {
  for (const team of state.teams.values()) if (team.orgId === orgId) team.members.delete(userId);
  for (const item of [...state.folders.values(), ...state.dashboards.values()]) {
    if (item.orgId === orgId) item.acl = item.acl.filter((entry) => entry.userId !== userId);
  }
}

/** Deleting a team removes it from every ACL of its org. */
export function removeTeamFromAcls(state: GrafanaState, orgId: number, teamId: number): void {
  for (const item of [...state.folders.values(), ...state.dashboards.values()]) {
    if (item.orgId === orgId) item.acl = item.acl.filter((entry) => entry.teamId !== teamId);
  }
}
