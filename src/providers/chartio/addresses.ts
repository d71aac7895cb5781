/** Terraform-style resource addresses for Chartio changes; `--target` matches on them. */
const q = (name: string) => `[${JSON.stringify(name)}]`;

export const teamAddress = (team: string) => `team${q(team)}`;
export const memberAddress = (team: string, email: string) => `team${q(team)}.member${q(email)}`;
export const userAddress = (email: string) => `user${q(email)}`;
export const datasourceAddress = (slug: string) => `datasource${q(slug)}`;
export const permissionAddress = (kind: 'dashboard' | 'datasource', slug: string, principal: 'team' | 'user', name: string) =>
  `${kind}${q(slug)}.${principal}${q(name)}`;

/** Keys of live objects, for stale-plan fingerprints. */
export const liveTeamKey = (id: number) => `team:${id}`;
export const liveUserKey = (id: number) => `user:${id}`;
export const livePermissionsKey = (resource: 'dashboards' | 'datasources', id: number) => `${resource}:${id}:permissions`;
export const liveDatasourceKey = (id: number) => `datasources:${id}`;
