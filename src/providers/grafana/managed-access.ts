import { matchByName } from '../../core/match-by-name.js';
import type { ManagedAccess, UnmanagedTeam } from '../../core/unmanaged-access.js';
import type { GrafanaDocument } from './desired-state.js';
import { ORG_ADMIN_VIA, SERVER_ADMIN_VIA } from './effective-access.js';
import type { GrafanaLive } from './live-state.js';
import { MAIN_ORG_ID } from './plan-orgs.js';

/** The org-wide paths of `grafanaAccessPaths`: Admin on every resource of an org, or of every org. */
export const ORG_WIDE_VIAS = [ORG_ADMIN_VIA, SERVER_ADMIN_VIA] as const;

/**
 * Which folders and dashboards have their permission lists managed by the file, named as the
 * audit names them (`<org>/folder:<uid>`, `<org>/dashboard:<uid>`): those listed with
 * `permissions:`. An org renamed by `previously:` is still under its old name live. Pure.
 */
export function grafanaManagedAccess(document: GrafanaDocument, live: GrafanaLive): ManagedAccess {
  const liveNames = new Set(live.orgs.map((org) => org.name));
  const resources: string[] = [];
  for (const [name, spec] of Object.entries(document.orgs ?? {})) {
    const liveName = liveNames.has(name) ? name : (spec.previously?.find((old) => liveNames.has(old)) ?? name);
    for (const [kind, singular] of [['folders', 'folder'], ['dashboards', 'dashboard']] as const) {
      for (const [uid, target] of Object.entries(spec[kind] ?? {})) {
        if (target.permissions !== undefined) resources.push(`${liveName}/${singular}:${uid}`);
      }
    }
  }
  return { resources, orgWideVias: [...ORG_WIDE_VIAS], unmanagedTeams: unmanagedTeams(document, live) };
}

/**
 * Live teams no file names, org by org, matched as `planOrgs` and `planTeams` match them
 * (exact names, `previously:` claims). Planned deletions are drift, not unmanaged: the teams
 * of a named org under `manage.teams: all`, and every team of an unnamed org under
 * `manage.orgs: all` (except the main org, which is never deleted).
 */
function unmanagedTeams(document: GrafanaDocument, live: GrafanaLive): UnmanagedTeam[] {
  const orgSpecs = document.orgs ?? {};
  const { matched, unclaimed } = matchByName(orgSpecs, live.orgs);
  const teams: UnmanagedTeam[] = [];
  const collect = (org: GrafanaLive['orgs'][number], named: Record<string, { previously?: string[] }>) => {
    for (const team of matchByName(named, org.teams ?? []).unclaimed) {
      teams.push({ team: team.name, org: org.name, members: team.members.map((member) => member.login || member.email) });
    }
  };
  for (const [name, { live: org }] of matched) {
    if (document.manage?.teams !== 'all') collect(org, orgSpecs[name]?.teams ?? {});
  }
  for (const org of unclaimed) {
    if (document.manage?.orgs !== 'all' || org.id === MAIN_ORG_ID) collect(org, {});
  }
  return teams;
}
