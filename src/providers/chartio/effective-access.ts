import type { AccessGrant } from '../../core/access-grant.js';
import type { ChartioLive } from './live-state.js';

/** Who reaches which dashboard and datasource, and through what: team permissions reach every member. */
export function chartioAuditGrants(live: ChartioLive): AccessGrant[] {
  const members = new Map(live.teams.map((team) => [team.id, team.members.map((m) => m.email)]));
  const grants: AccessGrant[] = [];
  const objects = [
    ...live.dashboards.map((d) => ({ resource: `dashboard:${d.slug}`, permissions: d.permissions ?? [] })),
    ...live.datasources.map((d) => ({ resource: `datasource:${d.slug}`, permissions: d.permissions ?? [] })),
  ];
  for (const { resource, permissions } of objects) {
    for (const permission of permissions) {
      const p = permission.principal;
      if (p.type === 'user') grants.push({ user: p.email, resource, level: permission.level, via: 'direct' });
      else for (const email of members.get(p.id) ?? []) grants.push({ user: email, resource, level: permission.level, via: `team:${p.name}` });
    }
  }
  return grants;
}
