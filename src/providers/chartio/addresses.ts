/**
 * Resource addresses for Chartio changes, in the form the plan prints and `--target`
 * matches: `team[Marketing]`, `team[Marketing].member[alice@example.com]`,
 * `user[bob@example.com]`, `dashboard[example-dashboard].permission[team:Marketing]`,
 * `datasource[data-warehouse].alias`.
 */
export const teamAddress = (team: string) => `team[${team}]`;
export const memberAddress = (team: string, email: string) => `team[${team}].member[${email}]`;
export const userAddress = (email: string) => `user[${email}]`;
export const resourceAddress = (kind: 'dashboard' | 'datasource', slug: string) => `${kind}[${slug}]`;
export const aliasAddress = (slug: string) => `${resourceAddress('datasource', slug)}.alias`;
export const permissionAddress = (kind: 'dashboard' | 'datasource', slug: string, principal: 'team' | 'user', name: string) =>
  `${resourceAddress(kind, slug)}.permission[${principal}:${name}]`;

/** Keys of live objects, for stale-plan fingerprints. */
export const liveTeamKey = (id: number) => `team:${id}`;
export const liveUserKey = (id: number) => `user:${id}`;
export const livePermissionsKey = (resource: 'dashboards' | 'datasources', id: number) => `${resource}:${id}:permissions`;
export const liveDatasourceKey = (id: number) => `datasources:${id}`;
