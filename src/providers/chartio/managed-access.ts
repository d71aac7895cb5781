import { matchByName } from '../../core/match-by-name.js';
import type { ManagedAccess, UnmanagedTeam } from '../../core/unmanaged-access.js';
import type { ChartioDocument } from './desired-state.js';
import { OWNERS_VIA } from './effective-access.js';
import { isFixedTeam, type ChartioLive } from './live-state.js';
/**
 * Which dashboards and datasources have their permissions managed by the file, named as the
 * audit names them (`dashboard:<slug>`): those listed with `permissions:` (a pinned `id:` is
 * resolved to the live slug), and under `manage.dashboards: all` (or datasources) every live
 * one the file does not list, whose permissions the plan revokes. A datasource listed for its
 * alias only is not managed for access. Pure.
 */
export function chartioManagedAccess(document: ChartioDocument, live: ChartioLive): ManagedAccess {
  return {
    resources: [
      ...managed('dashboard', document.dashboards, live.dashboards, document.manage?.dashboards === 'all'),
      ...managed('datasource', document.datasources, live.datasources, document.manage?.datasources === 'all'),
    ],
    orgWideVias: [OWNERS_VIA],
    unmanagedTeams: unmanagedTeams(document, live),
  };
}

/**
 * Live teams the file does not name, matched as `planTeams` matches them (a `previously:` name
 * claims its team). Under `manage.teams: all` those are planned deletions, and so drift, except
 * the two the API will not delete. Owners is left out: its members are listed as org-wide admins.
 */
function unmanagedTeams(document: ChartioDocument, live: ChartioLive): UnmanagedTeam[] {
  const { unclaimed } = matchByName(document.teams ?? {}, live.teams, { renamable: (team) => !isFixedTeam(team) });
  return unclaimed
    .filter((team) => !team.isOwner && (document.manage?.teams !== 'all' || isFixedTeam(team)))
    .map((team) => ({ team: team.name, members: team.members.map((member) => member.email) }));
}

function managed(
  kind: 'dashboard' | 'datasource',
  specs: Record<string, { id?: number; permissions?: unknown }> | undefined,
  liveObjects: readonly { id: number; slug: string }[],
  all: boolean,
): string[] {
  const byId = new Map(liveObjects.map((object) => [object.id, object.slug]));
  const listed = new Set<string>();
  const resources: string[] = [];
  for (const [slug, spec] of Object.entries(specs ?? {})) {
    const liveSlug = spec.id !== undefined ? (byId.get(spec.id) ?? slug) : slug;
    listed.add(liveSlug);
    if (spec.permissions !== undefined) resources.push(`${kind}:${liveSlug}`);
  }
  if (all) for (const object of liveObjects) if (!listed.has(object.slug)) resources.push(`${kind}:${object.slug}`);
  return resources;
}
