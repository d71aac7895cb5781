/**
 * Resource addresses for Grafana changes, in the form the plan prints and `--target`
 * matches: `org[Main Org.]`, `org[Main Org.].user[alice]`, `org[Main Org.].team[SRE]`,
 * `org[Main Org.].team[SRE].member[alice]`, `org[Main Org.].folder[ops].permissions`.
 */
export const orgAddress = (org: string) => `org[${org}]`;
export const orgUserAddress = (org: string, user: string) => `org[${org}].user[${user}]`;
export const teamAddress = (org: string, team: string) => `org[${org}].team[${team}]`;
export const teamMemberAddress = (org: string, team: string, user: string) => `org[${org}].team[${team}].member[${user}]`;
export const resourceAddress = (org: string, kind: 'folder' | 'dashboard', uid: string) => `org[${org}].${kind}[${uid}]`;
export const permissionsAddress = (org: string, kind: 'folder' | 'dashboard', uid: string) => `${resourceAddress(org, kind, uid)}.permissions`;

/** Keys of live objects, for stale-plan fingerprints. */
export const liveOrgKey = (orgId: number) => `org:${orgId}`;
export const liveOrgUsersKey = (orgId: number) => `org:${orgId}:users`;
export const liveTeamKey = (orgId: number, teamId: number) => `org:${orgId}:team:${teamId}`;
export const livePermissionsKey = (orgId: number, kind: 'folders' | 'dashboards', uid: string) => `org:${orgId}:${kind}:${uid}`;
