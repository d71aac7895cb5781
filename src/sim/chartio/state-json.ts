import { iso, isoOrNull } from './hal.js';
import { isComplete } from './schema-sync.js';
import type { OrgState, Permission } from './state.js';

/** `GET /__sim/state`: the whole org as plain JSON, ids and references spelled out for assertions. */
export function stateToJson(state: OrgState, now: number) {
  const permissions = (perms: Map<number, Permission>) =>
    [...perms.values()].map((p) => ({ id: p.id, [p.principal.type === 'team' ? 'team_id' : 'user_id']: p.principal.id, access_level: p.access_level }));
  return {
    org: state.org,
    users: [...state.users.values()].map((u) => ({
      id: u.id,
      email: u.email,
      display_name: u.display_name,
      team_ids: [...(state.userTeams.get(u.id) ?? [])].sort((a, b) => a - b),
      created_at: iso(u.created_at),
      updated_at: iso(u.updated_at),
    })),
    teams: [...state.teams.values()].map((t) => ({
      id: t.id,
      name: t.name,
      kind: t.kind,
      is_owner: t.kind === 'owners',
      member_ids: [...t.members],
      created_at: iso(t.created_at),
      updated_at: iso(t.updated_at),
    })),
    dashboards: [...state.dashboards.values()].map((d) => ({
      id: d.id,
      slug: d.slug,
      title: d.title,
      link_sharing_access: d.link_sharing_access,
      permissions: permissions(d.permissions),
    })),
    datasources: [...state.datasources.values()].map((d) => ({
      id: d.id,
      slug: d.slug,
      alias: d.alias,
      dstype: d.dstype,
      last_reflected: isoOrNull(d.last_reflected),
      last_refreshed_at: isoOrNull(d.last_refreshed_at),
      permissions: permissions(d.permissions),
    })),
    tasks: [...state.tasks.values()].map((t) => ({
      task_id: t.id,
      datasource_id: t.datasourceId,
      complete: isComplete(t, now),
      completes_at: iso(t.completes_at),
    })),
  };
}
