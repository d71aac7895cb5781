import { describe, expect, it } from 'vitest';
import { chartioAuditGrants } from '../../../src/providers/chartio/effective-access.js';
import { OWNERS_VIA } from '../../../src/providers/chartio/effective-access.js';
import { chartioManagedAccess } from '../../../src/providers/chartio/managed-access.js';
import type { ChartioDocument } from '../../../src/providers/chartio/desired-state.js';
import { desired, liveOrg } from './live-fixture.js';

const live = liveOrg({
  teams: { Owners: ['owner@example.com'], A: ['a@example.com'] },
  dashboards: { sales: { 'team:A': 'viewer' }, ops: {}, board: { 'user:a@example.com': 'admin' } },
  datasources: { dw: { permissions: { 'team:A': 'editor' } }, logs: {} },
});

describe('chartioManagedAccess: what the file manages, in the audit\'s naming', () => {
  it.each<[string, ChartioDocument, string[]]>([
    ['dashboards and datasources listed with permissions', desired({ dashboards: { sales: { permissions: {} } }, datasources: { dw: { permissions: {} } } }), ['dashboard:sales', 'datasource:dw']],
    ['a datasource listed for its alias only is not managed for access', desired({ datasources: { dw: { alias: 'Warehouse' } } }), []],
    ['a pinned id is named by its live slug', desired({ dashboards: { 'old-name': { id: 12, permissions: {} } } }), ['dashboard:board']],
    [
      'manage.dashboards: all manages every live dashboard but one listed without permissions',
      desired({ manage: { dashboards: 'all' }, dashboards: { sales: {} } }),
      ['dashboard:ops', 'dashboard:board'],
    ],
  ])('%s', (_name, document, resources) => {
    expect(chartioManagedAccess(document, live)).toMatchObject({ resources, orgWideVias: [OWNERS_VIA] });
  });

  const withTeams = liveOrg({ teams: { Owners: ['owner@example.com'], A: ['a@example.com'], Old: ['b@example.com'], 'Added from Dashboard': ['x@example.com'] } });
  it.each<[string, ChartioDocument, string[]]>([
    ['teams the file does not name, Owners left out (its members are org-wide admins)', desired({ teams: { A: {} } }), ['Old', 'Added from Dashboard']],
    ['a previously: name claims its live team', desired({ teams: { New: { previously: ['Old'] } } }), ['A', 'Added from Dashboard']],
    ['under manage.teams: all the rest are planned deletions (drift), but the API keeps Added from Dashboard', desired({ manage: { teams: 'all' } }), ['Added from Dashboard']],
  ])('unmanaged teams: %s', (_name, document, teams) => {
    expect(chartioManagedAccess(document, withTeams).unmanagedTeams.map((team) => team.team)).toEqual(teams);
  });

  it('an unmanaged team carries its members by email', () => {
    expect(chartioManagedAccess(desired({}), withTeams).unmanagedTeams).toContainEqual({ team: 'Old', members: ['b@example.com'] });
  });

  it('names resources and the org-wide path exactly as chartioAuditGrants does', () => {
    const grants = chartioAuditGrants(live);
    const managed = chartioManagedAccess(desired({ manage: { dashboards: 'all', datasources: 'all' } }), live);
    expect(new Set(grants.map((grant) => grant.resource))).toEqual(new Set(managed.resources));
    expect(grants.filter((grant) => grant.via === OWNERS_VIA).map((grant) => grant.user)).toContain('owner@example.com');
  });
});
