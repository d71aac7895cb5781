/**
 * What a plan reads from a Grafana instance for one desired-state file. Plain data: it is kept
 * in saved plans, so `apply plan.json` re-reads exactly the same objects.
 *
 * Every org's id and name is always listed (`/api/orgs` is cheap, and a name can only be
 * matched, created or renamed safely against the complete list). Inside an org, only orgs the
 * file names (by name or a `previously:` name) are read: org users, the team list, the members
 * of the teams the file names (every team's under `manage.teams: all`), and the permission
 * lists of the folders and dashboards the file names. Under `manage.orgs: all` an org the file
 * does not name is only deleted, which needs nothing of its contents (and reading its teams
 * would need the credentials' user to be a member of it).
 */
import type { GrafanaDocument } from './desired-state.js';
import { nameRecord, ownValue } from '../../core/name-record.js';

export interface GrafanaOrgScope {
  /** Names of teams whose members are read, or `all`. */
  teams: 'all' | string[];
  /** Folder uids whose permission lists are read, or `all` (found by search; export and audit). */
  folders: 'all' | string[];
  /** Dashboard uids whose permission lists are read, or `all`. */
  dashboards: 'all' | string[];
}

export interface GrafanaScope {
  /** By live org name: the file's org names and their `previously:` names. */
  orgs: Record<string, GrafanaOrgScope>;
  /** What to read of every other org (export and audit read everything). */
  otherOrgs?: GrafanaOrgScope;
  /** Also read the instance settings that widen access (`/api/frontend/settings`): audit only. */
  instanceSettings?: boolean;
}

/** Everything of every org: what `export grafana` and `audit` read. */
export const EVERYTHING: GrafanaScope = { orgs: nameRecord(), otherOrgs: { teams: 'all', folders: 'all', dashboards: 'all' } };

/** What `audit` reads: everything, and the instance settings that widen access. */
export const AUDIT_SCOPE: GrafanaScope = { ...EVERYTHING, instanceSettings: true };

export function grafanaScope(document: GrafanaDocument): GrafanaScope {
  const allTeams = document.manage?.teams === 'all';
  const orgs = nameRecord<GrafanaOrgScope>();
  const union = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort();
  const merge = (a: 'all' | string[], b: 'all' | string[]) => (a === 'all' || b === 'all' ? 'all' : union(a, b));
  for (const [name, spec] of Object.entries(document.orgs ?? {})) {
    const teams = Object.entries(spec.teams ?? {}).flatMap(([team, teamSpec]) => [team, ...(teamSpec.previously ?? [])]);
    const own: GrafanaOrgScope = {
      teams: allTeams ? 'all' : union([], teams),
      folders: union([], Object.keys(spec.folders ?? {})),
      dashboards: union([], Object.keys(spec.dashboards ?? {})),
    };
    for (const liveName of [name, ...(spec.previously ?? [])]) {
      const existing = ownValue(orgs, liveName);
      orgs[liveName] = existing
        ? {
            teams: merge(existing.teams, own.teams),
            folders: merge(existing.folders, own.folders),
            dashboards: merge(existing.dashboards, own.dashboards),
          }
        : own;
    }
  }
  return { orgs };
}
