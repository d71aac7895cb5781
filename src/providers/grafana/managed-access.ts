import type { ManagedAccess } from '../../core/unmanaged-access.js';
import type { GrafanaDocument } from './desired-state.js';
import { ORG_ADMIN_VIA, SERVER_ADMIN_VIA } from './effective-access.js';
import type { GrafanaLive } from './live-state.js';

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
  return { resources, orgWideVias: [...ORG_WIDE_VIAS] };
}
