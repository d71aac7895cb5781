/**
 * What one planned change sends to the Chartio API. Objects created earlier in the same
 * apply are referred to by name (teams) or email (users) and resolved to ids when they exist.
 */
export type TeamRef = { id: number } | { name: string };
export type UserRef = { id: number } | { email: string };
export type PermissionResource = 'dashboards' | 'datasources';

export type ChartioOperation =
  | { op: 'createTeam'; name: string }
  | { op: 'renameTeam'; teamId: number; name: string }
  | { op: 'deleteTeam'; teamId: number }
  /** POST /{org}/users: a user is always created into one existing team. */
  | { op: 'createUser'; email: string; team: TeamRef }
  | { op: 'addMember'; team: TeamRef; user: UserRef }
  | { op: 'removeMember'; teamId: number; userId: number }
  | { op: 'deleteUser'; userId: number }
  /** POST .../permissions upserts by principal. */
  | { op: 'grant'; resource: PermissionResource; resourceId: number; principal: { team: TeamRef } | { user: UserRef }; level: string }
  | { op: 'setLevel'; resource: PermissionResource; resourceId: number; permissionId: number; level: string }
  | { op: 'revoke'; resource: PermissionResource; resourceId: number; permissionId: number }
  | { op: 'setAlias'; datasourceId: number; alias: string };
