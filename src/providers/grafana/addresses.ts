/** Terraform-style resource addresses for Grafana changes; `--target` matches on them. */
const q = (name: string) => `[${JSON.stringify(name)}]`;

export const orgAddress = (org: string) => `org${q(org)}`;
export const orgUserAddress = (org: string, user: string) => `org${q(org)}.user${q(user)}`;
export const teamAddress = (org: string, team: string) => `org${q(org)}.team${q(team)}`;
export const teamMemberAddress = (org: string, team: string, user: string) => `org${q(org)}.team${q(team)}.member${q(user)}`;
export const permissionsAddress = (org: string, kind: 'folder' | 'dashboard', uid: string) => `org${q(org)}.${kind}${q(uid)}.permissions`;

/** Keys of live objects, for stale-plan fingerprints. */
export const liveOrgKey = (orgId: number) => `org:${orgId}`;
export const liveOrgUsersKey = (orgId: number) => `org:${orgId}:users`;
export const liveTeamKey = (orgId: number, teamId: number) => `org:${orgId}:team:${teamId}`;
export const livePermissionsKey = (orgId: number, kind: 'folders' | 'dashboards', uid: string) => `org:${orgId}:${kind}:${uid}`;
