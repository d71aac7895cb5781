import { ambiguousNames } from '../../core/ambiguous-names.js';
import { lookalikeWarnings, namesInDocument } from '../../core/lookalike.js';
import { userKey } from '../../core/principal-name.js';
import { orderChanges } from '../../core/order-changes.js';
import type { ProviderPlan } from '../types.js';
import type { GrafanaDocument } from './desired-state.js';
import type { GrafanaLive } from './live-state.js';
import type { GrafanaOperation } from './operation.js';
import { GrafanaPlanContext } from './plan-context.js';
import { planOrgs, planOrgUsers } from './plan-orgs.js';
import { planPermissions } from './plan-permissions.js';
import { planTeams } from './plan-teams.js';
import { limitToTokenOrg } from './token-org.js';

/** The difference between the file and the live Grafana instance, in dependency order. Pure. */
export function planGrafana(file: GrafanaDocument, live: GrafanaLive): ProviderPlan<GrafanaOperation> {
  const { desired, problems } = limitToTokenOrg(file, live);
  const ctx = new GrafanaPlanContext(desired, live);
  ctx.problems.push(...problems);
  // Order matters: org users refer to org creations, teams to org users, permissions to both.
  const orgs = planOrgs(ctx);
  const orgUsers = planOrgUsers(ctx);
  const teams = planTeams(ctx);
  const permissions = planPermissions(ctx);
  const changes = [...orgs, ...orgUsers, ...teams, ...permissions];
  const named = namesInDocument(desired);
  // Logins among logins and emails among emails (one login equal to another user's email is
  // reported where the name is resolved, plan-context.ts `unknownUser`).
  const ambiguous = [
    ...ambiguousNames({ live: live.users.map((u) => ({ key: userKey(u.login), shown: `login "${u.login}" (id ${u.id})` })), desired: named, keyOf: userKey, what: 'user', target: 'Grafana' }),
    ...ambiguousNames({ live: live.users.flatMap((u) => (u.email ? [{ key: userKey(u.email), shown: `email "${u.email}" (id ${u.id})` }] : [])), desired: named, keyOf: userKey, what: 'user', target: 'Grafana' }),
  ];
  return {
    changes: orderChanges(changes),
    problems: [...ctx.problems, ...ambiguous],
    warnings: [...ctx.warnings, ...lookalikeWarnings({
      desired: named,
      live: [
        ...live.users.flatMap((user) => [user.login, ...(user.email ? [user.email] : [])]),
        ...live.orgs.flatMap((org) => [org.name, ...(org.teams ?? []).map((team) => team.name)]),
      ],
      changed: changes.flatMap((change) => (change.principal ? [change.principal] : [])),
      target: 'Grafana',
    })],
    liveCounts: countLive(live),
  };
}

function countLive(live: GrafanaLive): Record<string, number> {
  const sum = (pick: (org: GrafanaLive['orgs'][number]) => number) => live.orgs.reduce((total, org) => total + pick(org), 0);
  return {
    org: live.orgs.length,
    org_user: sum((org) => org.users?.length ?? 0),
    team: sum((org) => org.teams?.length ?? 0),
    member: sum((org) => (org.teams ?? []).reduce((n, team) => n + team.members.length, 0)),
    permission: sum((org) => [...(org.folders ?? []), ...(org.dashboards ?? [])].length),
  };
}
