import type { FolderPermission, OrgRole } from './desired-state.js';

/**
 * What one planned Grafana change sends. Orgs and teams created earlier in the same apply
 * are referred to by name and resolved to ids when they exist; users always exist already
 * (Grafana: org users must be Grafana users first) and are referred to by id.
 */
export type OrgRef = { id: number } | { name: string };
/** A live team with its org (Grafana's team endpoints only find a team inside its own org), or one created in this apply. */
export type TeamRef = { orgId: number; id: number } | { org: OrgRef; name: string };

export interface PermissionItemSpec {
  principal: { team: TeamRef } | { userId: number } | { role: 'Viewer' | 'Editor' };
  permission: FolderPermission;
}

export type GrafanaOperation =
  | { op: 'createOrg'; name: string }
  | { op: 'renameOrg'; orgId: number; name: string }
  | { op: 'deleteOrg'; orgId: number }
  /** POST /api/orgs/:orgId/users; a 409 (already a member, e.g. the org's creator) becomes a role update. */
  | { op: 'addOrgUser'; org: OrgRef; userId: number; login: string; role: OrgRole }
  | { op: 'setOrgRole'; orgId: number; userId: number; role: OrgRole }
  | { op: 'removeOrgUser'; orgId: number; userId: number }
  /**
   * `creatorId`: the user the credentials sign in as (Basic auth), whom Grafana's createTeam
   * makes the new team's admin, so the apply takes them off again. Absent for a service-account
   * token: Grafana adds no creator then (`IsIdentityType(claims.TypeUser)` is false).
   */
  | { op: 'createTeam'; org: OrgRef; name: string; email: string; creatorId?: number }
  | { op: 'updateTeam'; orgId: number; teamId: number; name: string; email: string }
  | { op: 'deleteTeam'; orgId: number; teamId: number }
  | { op: 'addTeamMember'; team: TeamRef; userId: number }
  | { op: 'removeTeamMember'; orgId: number; teamId: number; userId: number }
  /** POST /api/folders/:uid/permissions or /api/dashboards/uid/:uid/permissions: replaces the whole list. */
  | { op: 'setPermissions'; org: OrgRef; kind: 'folders' | 'dashboards'; uid: string; items: PermissionItemSpec[] };
