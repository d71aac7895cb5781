import { checkRenames } from '../../config/check-renames.js';
import type { CheckContext, ConfigProblem } from '../../config/config-problem.js';
import { countLabel } from '../../config/count-label.js';
import type { DocumentRules } from '../../config/document-rules.js';
import { findDuplicates } from '../../config/find-duplicates.js';
import { quoteToken } from '../../config/quote-token.js';
import { userKey } from '../../core/principal-name.js';
import type { GrafanaDocument, GrafanaOrgSpec, GrafanaPermissionSpec } from './desired-state.js';

/** How Grafana documents merge across files (an org may be split by section) and what is checked beyond the schema. */
export const grafanaDocumentRules: DocumentRules = {
  mergeable: [
    ['grafana'],
    ['orgs'],
    ['orgs', '*'],
    ['orgs', '*', 'users'],
    ['orgs', '*', 'teams'],
    ['orgs', '*', 'folders'],
    ['orgs', '*', 'dashboards'],
  ],
  mustAgree: [['grafana', '*']],
  check: (document, context) => checkGrafanaDocument(document as unknown as GrafanaDocument, context),
  summarize: (document) => summarizeGrafana(document as unknown as GrafanaDocument),
};

export function checkGrafanaDocument(doc: GrafanaDocument, context: CheckContext): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const orgs = doc.orgs ?? {};
  const authoritativeUsers = (doc.manage?.org_users ?? 'authoritative') === 'authoritative';
  problems.push(...checkRenames(['orgs'], orgs, [], context));
  for (const [orgName, org] of Object.entries(orgs)) {
    problems.push(...checkOrg(orgName, org, authoritativeUsers, context));
  }
  return problems;
}

function checkOrg(orgName: string, org: GrafanaOrgSpec, authoritativeUsers: boolean, context: CheckContext): ConfigProblem[] {
  const base = ['orgs', orgName];
  const problems: ConfigProblem[] = [];
  const users = org.users;
  const teams = org.teams ?? {};
  const orgUserKeys = users ? new Set(Object.keys(users).map(userKey)) : undefined;

  if (users) {
    problems.push(
      ...findDuplicates(
        Object.keys(users).map((name) => ({ name, path: [...base, 'users', name], at: 'key' as const })),
        userKey,
        context,
        'user',
      ),
    );
    // Grafana refuses to remove or demote an org's last Admin; an authoritative list without one could never apply.
    if (authoritativeUsers && !Object.values(users).includes('Admin')) {
      problems.push({
        severity: 'error',
        path: [...base, 'users'],
        at: 'key',
        message: `org ${quoteToken(orgName)} has no Admin; Grafana refuses to remove or demote an org's last Admin, so list at least one`,
      });
    }
  }

  problems.push(...checkRenames([...base, 'teams'], teams, [], context));
  for (const [teamName, team] of Object.entries(teams)) {
    const members = team.members ?? [];
    const memberPath = (i: number) => [...base, 'teams', teamName, 'members', i];
    problems.push(
      ...findDuplicates(
        members.map((name, i) => ({ name, path: memberPath(i), at: 'value' as const })),
        userKey,
        context,
        'member',
      ),
    );
    members.forEach((member, i) => {
      if (orgUserKeys && !orgUserKeys.has(userKey(member))) {
        problems.push({
          severity: 'warning',
          path: memberPath(i),
          at: 'value',
          message: `${quoteToken(member)} is not among the users of org ${quoteToken(orgName)} in this file; Grafana adds them to the team anyway, but its UI does not show them there`,
        });
      }
    });
  }

  for (const kind of ['folders', 'dashboards'] as const) {
    for (const [uid, spec] of Object.entries(org[kind] ?? {})) {
      problems.push(...checkPermissions([...base, kind, uid, 'permissions'], spec.permissions, teams, orgUserKeys, context));
    }
  }
  return problems;
}

function checkPermissions(
  path: readonly string[],
  permissions: GrafanaPermissionSpec | undefined,
  teams: Record<string, unknown>,
  orgUserKeys: Set<string> | undefined,
  context: CheckContext,
): ConfigProblem[] {
  if (!permissions) return [];
  const userNames = Object.keys(permissions.users ?? {});
  const problems = findDuplicates(
    userNames.map((name) => ({ name, path: [...path, 'users', name], at: 'key' as const })),
    userKey,
    context,
    'user',
  );
  for (const team of Object.keys(permissions.teams ?? {})) {
    if (!Object.hasOwn(teams, team)) {
      problems.push({
        severity: 'warning',
        path: [...path, 'teams', team],
        at: 'key',
        message: `team ${quoteToken(team)} is not defined in this org in this file; it must already exist in Grafana`,
      });
    }
  }
  for (const user of userNames) {
    if (orgUserKeys && !orgUserKeys.has(userKey(user))) {
      problems.push({
        severity: 'warning',
        path: [...path, 'users', user],
        at: 'key',
        message: `${quoteToken(user)} is not among this org's users in this file; Grafana stores the grant anyway, but its UI does not show it`,
      });
    }
  }
  return problems;
}

function summarizeGrafana(doc: GrafanaDocument): string {
  const orgs = Object.values(doc.orgs ?? {});
  const count = (pick: (org: GrafanaOrgSpec) => number) => orgs.reduce((sum, org) => sum + pick(org), 0);
  const permissionEntries = (spec: { permissions?: GrafanaPermissionSpec }) =>
    Object.keys(spec.permissions?.teams ?? {}).length +
    Object.keys(spec.permissions?.users ?? {}).length +
    Object.keys(spec.permissions?.roles ?? {}).length;
  const permissions = count((org) =>
    [...Object.values(org.folders ?? {}), ...Object.values(org.dashboards ?? {})].reduce(
      (sum, spec) => sum + permissionEntries(spec),
      0,
    ),
  );
  return [
    countLabel(orgs.length, 'org'),
    countLabel(count((org) => Object.keys(org.teams ?? {}).length), 'team'),
    countLabel(count((org) => Object.keys(org.users ?? {}).length), 'user'),
    countLabel(permissions, 'permission'),
  ].join(', ');
}
