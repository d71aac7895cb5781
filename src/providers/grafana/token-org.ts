import type { PlanProblem } from '../../core/plan-problem.js';
import type { GrafanaDocument } from './desired-state.js';
import type { GrafanaLive } from './live-state.js';
import { nameRecord } from '../../core/name-record.js';

/**
 * A service-account token acts only inside its own org (Grafana: the admin APIs answer 403),
 * so with one the file may manage that org alone: its entry (by name or a `previously:` name)
 * is kept, every other org is a plan problem, and `manage.orgs: all` deletes nothing (the token
 * cannot see other orgs, let alone delete them). Pure.
 */
export function limitToTokenOrg(desired: GrafanaDocument, live: GrafanaLive): { desired: GrafanaDocument; problems: PlanProblem[] } {
  const tokenOrg = live.orgs[0];
  if (live.access !== 'org-token' || !tokenOrg) return { desired, problems: [] };
  const problems: PlanProblem[] = [];
  const orgs: NonNullable<GrafanaDocument['orgs']> = nameRecord();
  for (const [name, spec] of Object.entries(desired.orgs ?? {})) {
    if ([name, ...(spec.previously ?? [])].includes(tokenOrg.name)) {
      orgs[name] = spec;
      continue;
    }
    problems.push({
      message: `org "${name}": GRAFANA_TOKEN acts only in its own org "${tokenOrg.name}"; other orgs need GRAFANA_USER and GRAFANA_PASSWORD of a Grafana server admin`,
      path: ['orgs', name],
      at: 'key',
    });
  }
  if (Object.keys(orgs).length === 0 && problems.length === 0) {
    problems.push({ message: `the file names no org, and GRAFANA_TOKEN acts only in org "${tokenOrg.name}"`, path: ['orgs'], at: 'key' });
  }
  const manage = desired.manage?.orgs === 'all' ? { ...desired.manage, orgs: 'listed' as const } : desired.manage;
  return { desired: { ...desired, ...(manage ? { manage } : {}), orgs }, problems };
}
