import type { CheckContext, ConfigProblem } from '../../config/config-problem.js';
import { countLabel } from '../../config/count-label.js';
import type { DocumentRules } from '../../config/document-rules.js';
import { findDuplicates, type NamedEntry } from '../../config/find-duplicates.js';
import { quoteToken } from '../../config/quote-token.js';
import { userKey } from '../../core/principal-name.js';
import { checkRenames } from '../../config/check-renames.js';
import {
  ADDED_FROM_DASHBOARD_TEAM,
  OWNERS_TEAM,
  type ChartioDocument,
  type PermissionSpec,
} from './desired-state.js';

/** How Chartio documents merge across files and what is checked beyond the schema. */
export const chartioDocumentRules: DocumentRules = {
  mergeable: [['teams'], ['dashboards'], ['datasources'], ['chartio']],
  mustAgree: [['chartio', '*']],
  check: (document, context) => checkChartioDocument(document as unknown as ChartioDocument, context),
  summarize: (document) => summarizeChartio(document as unknown as ChartioDocument),
};

export function checkChartioDocument(doc: ChartioDocument, context: CheckContext): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const teams = doc.teams ?? {};

  if (!doc.chartio?.org) {
    problems.push({
      severity: 'error',
      path: [],
      at: 'value',
      message: 'missing `chartio: { org: SLUG }`: a Chartio file names its org, so a plan can never land on another org',
    });
  }

  for (const [name, team] of Object.entries(teams)) {
    const members = team.members ?? [];
    problems.push(
      ...findDuplicates(
        members.map((email, i) => ({ name: email, path: ['teams', name, 'members', i], at: 'value' as const })),
        userKey,
        context,
        'member',
      ),
    );
    // Seed: removing the last member of the Owners team answers 400; it must always keep one.
    if (name === OWNERS_TEAM && team.members !== undefined && members.length === 0) {
      problems.push({
        severity: 'error',
        path: ['teams', name, 'members'],
        at: 'value',
        message: 'the Owners team must keep at least one member (Chartio refuses to remove its last member)',
      });
    }
    // Seed: adding a user to "Added from Dashboard" answers 405; only dashboard sharing fills it.
    if (name === ADDED_FROM_DASHBOARD_TEAM && members.length > 0) {
      problems.push({
        severity: 'error',
        path: ['teams', name, 'members'],
        at: 'value',
        message:
          'members cannot be added to the "Added from Dashboard" team (Chartio answers 405; only dashboard sharing adds to it); list no members, or leave the team out',
      });
    }
  }

  problems.push(...checkRenames(['teams'], teams, [OWNERS_TEAM, ADDED_FROM_DASHBOARD_TEAM], context));

  const permissionSources: [string, Record<string, { permissions?: PermissionSpec<string> }>][] = [
    ['dashboards', doc.dashboards ?? {}],
    ['datasources', doc.datasources ?? {}],
  ];
  for (const [kind, objects] of permissionSources) {
    for (const [slug, spec] of Object.entries(objects)) {
      problems.push(...checkPermissions([kind, slug, 'permissions'], spec.permissions, teams, context));
    }
  }
  return problems;
}

function checkPermissions(
  path: readonly string[],
  permissions: PermissionSpec<string> | undefined,
  teams: Record<string, unknown>,
  context: CheckContext,
): ConfigProblem[] {
  if (!permissions) return [];
  const problems: ConfigProblem[] = [];
  const users: NamedEntry[] = Object.keys(permissions.users ?? {}).map((email) => ({
    name: email,
    path: [...path, 'users', email],
    at: 'key',
  }));
  problems.push(...findDuplicates(users, userKey, context, 'user'));
  for (const team of Object.keys(permissions.teams ?? {})) {
    if (!Object.hasOwn(teams, team)) {
      problems.push({
        severity: 'warning',
        path: [...path, 'teams', team],
        at: 'key',
        message: `team ${quoteToken(team)} is not defined in this file; it must already exist in Chartio`,
      });
    }
  }
  return problems;
}

function summarizeChartio(doc: ChartioDocument): string {
  const permissionCount = [...Object.values(doc.dashboards ?? {}), ...Object.values(doc.datasources ?? {})].reduce(
    (sum, spec) =>
      sum + Object.keys(spec.permissions?.teams ?? {}).length + Object.keys(spec.permissions?.users ?? {}).length,
    0,
  );
  return `${countLabel(Object.keys(doc.teams ?? {}).length, 'team')}, ${countLabel(permissionCount, 'permission')}`;
}
